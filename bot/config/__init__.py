"""Configuration: the schema every setting is declared in (`schema`), how values are read and
checked (`kinds`, `fields`), loading the file and the environment (`loading`), and the generated
reference (`docs`)."""

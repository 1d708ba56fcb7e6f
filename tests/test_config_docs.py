"""docs/configuration.md is the schema's, and picketbot.example.toml only uses settings the schema declares."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from bot.config.docs import configuration_markdown
from bot.config.fields import settings_of
from bot.config.loading import load_config
from bot.config.schema import NESTED, SECTIONS, section_name
from bot.jobs.poller_settings import poller_settings

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "configuration.md"
EXAMPLE = ROOT / "picketbot.example.toml"


def test_the_settings_reference_is_generated_from_the_schema() -> None:
    assert DOCS.read_text(encoding="utf-8") == configuration_markdown(), (
        "docs/configuration.md is stale: run `make docs` (picketbot docs --settings docs/configuration.md)"
    )


def declared_keys() -> dict[str, set[str]]:
    """Table name as written in the file -> the keys it may hold."""
    keys: dict[str, set[str]] = {}
    for section in SECTIONS:
        keys[section_name(section)] = {each.name for each, spec in settings_of(section) if spec.in_file}
        for title, table in NESTED.get(section, ()):
            name = title.strip("[]") if title.startswith("[") and "]" not in title.strip("[]") else None
            if name is not None:
                keys[name] = {each.name for each, _ in settings_of(table)}
            named = re.match(r"^\[([a-z_.]+)\] NAME = ", title)
            if named:  # a table of named tables, like `[picket.duties] kitchen = { share = 0.5 }`
                keys[named.group(1) + " NAME"] = {each.name for each, _ in settings_of(table)}
    return keys


NAMED_TABLES = {name for name in declared_keys() if name.endswith(" NAME")}


def example_keys() -> list[tuple[str, str]]:
    """Every (table, key) the example sets or shows in a comment like ``# http_port = 8080``."""
    found: list[tuple[str, str]] = []
    table = ""
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        header = re.match(r"^#?\s*\[\[?([a-z_.]+)\]\]?\s*(#.*)?$", line)
        if header:
            table = header.group(1)
            continue
        inline = re.match(r"^#?\s*[a-z][a-z0-9-]*\s*=\s*\{(.*)\}", line)
        if inline and table + " NAME" in NAMED_TABLES:  # the key is a name; its table holds settings
            found += [(table + " NAME", key) for key in re.findall(r"([a-z_]+)\s*=", inline.group(1))]
            continue
        setting = re.match(r"^#?\s*([a-z_]+)\s*=", line)
        if setting:
            found.append((table, setting.group(1)))
    return found


def test_every_key_in_the_example_is_declared() -> None:
    keys = declared_keys()
    shown = example_keys()
    assert ("ops", "http_port") in shown and ("poller.classifier", "threshold") in shown
    assert ("poller.sources", "max_pages") in shown
    assert ("picket.duties NAME", "share") in shown and ("picket.duties NAME", "counts") in shown
    assert [f"[{table}] {key}" for table, key in shown if key not in keys.get(table, set())] == []


def test_the_example_loads_without_a_mistake(tmp_path: Path) -> None:
    env = {"DISCORD_TOKEN": "x" * 20, "SLACK_BOT_TOKEN": "xoxb-example", "SLACK_APP_TOKEN": "xapp-example"}
    config = load_config(config_path=str(EXAMPLE), db_path=str(tmp_path / "t.db"), env=env)
    for section in SECTIONS:
        config.read(section)
    assert len(poller_settings(config).sources) == len(
        tomllib.loads(EXAMPLE.read_text())["poller"]["sources"]
    )


def _source_text() -> str:
    return "\n".join(
        path.read_text(encoding="utf-8")
        for folder in ("bot", "commands", "storage")
        for path in (ROOT / folder).rglob("*.py")
        if "bench" not in path.parts
    )


def test_settings_are_read_only_through_the_schema() -> None:
    """The process environment and the file's tables are read in bot/config/; elsewhere only
    secret scrubbing (which must see every variable) and the console's default name ($USER) look."""
    allowed = {"loading.py", "fields.py", "logs.py", "main.py", "core.py"}
    readers = sorted(
        str(path.relative_to(ROOT))
        for folder in ("bot", "commands", "storage")
        for path in (ROOT / folder).rglob("*.py")
        if "bench" not in path.parts
        and re.search(r"os\.environ|getenv|\.env\.get\(|\.tables\.get\(", path.read_text(encoding="utf-8"))
        and path.name not in allowed
    )
    assert readers == []
    core = (ROOT / "bot" / "cli" / "core.py").read_text(encoding="utf-8")
    assert re.findall(r"environ\.get\(\"(\w+)\"", core) == ["USER"]


def test_picketbot_docs_writes_the_settings_reference(tmp_path: Path) -> None:
    from bot.cli.main import main

    target = tmp_path / "configuration.md"
    assert main(["docs", "--settings", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == DOCS.read_text(encoding="utf-8")

"""docs/configuration.md, written from the schema (bot/config/schema.py), so it cannot drift."""

from __future__ import annotations

from dataclasses import MISSING, Field
from typing import Any

from bot.config.fields import Spec, settings_of
from bot.config.schema import NESTED, SECTIONS, section_name

INTRO = """\
# Configuration

<!-- Generated from bot/config/schema.py by `picketbot docs --settings docs/configuration.md`
(`make docs`); edit the schema, not this file. -->

Settings live in `picketbot.toml` (a commented example:
[picketbot.example.toml](../picketbot.example.toml)); tokens live only in the
environment.

- **Which file**: `--config`, else `PICKETBOT_CONFIG`, else `picketbot.toml`
  in the working directory when there is one (without a file, every setting
  has its default).
- **Which database**: `--db`, else `PICKETBOT_DB`, else `[bot] database`,
  else `picketbot.db`.
- **Which value**: a setting's environment variable when it is set, else the
  file, else the default. An empty value (`""`) counts as not set.
- **Secrets** (tokens) are read only from the environment. One written into
  the file stops the bot with a line that does not quote it.
- **Mistakes** stop the bot with one line naming the setting, e.g.
  `[picket] checkin_opens_minutes must be a whole number from 0 to 1440, got 'soon'`.
  An unknown section or key is a mistake too, so a typo like `alowed_guilds`
  never passes silently. `[bot]`, `[ops]` and
  `[picket]` are checked at every start; `[discord]`, `[slack]` and
  `[poller]` when their feature starts.
- Numbers and `true`/`false` are written without quotes: a quoted `"false"`
  is refused rather than read as true.
"""


def configuration_markdown() -> str:
    parts = [INTRO]
    for section in SECTIONS:
        name = section_name(section)
        parts.append(f"## [{name}]\n\n{_doc(section)}\n\n{_table(section, with_env=True)}\n")
        for title, table in NESTED.get(section, ()):
            parts.append(f"### {title}\n\n{_doc(table)}\n\n{_table(table, with_env=False)}\n")
    parts.append(_environment())
    return "\n".join(parts)


def _doc(table: type) -> str:
    return " ".join((table.__doc__ or "").split())


def _table(table: type, *, with_env: bool) -> str:
    header = ["key", "environment variable", "value", "default", "meaning"]
    if not with_env:
        header.remove("environment variable")
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for each, spec in settings_of(table):
        key = f"`{each.name}`" if spec.in_file else "—"
        env = f"`{spec.env}`" if spec.env else ""
        cells = [key, env, _value(spec), _default(each, spec), spec.doc]
        if not with_env:
            cells.remove(env)
        rows.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(rows)


def _value(spec: Spec) -> str:
    expects = spec.kind.expects if spec.in_file else spec.kind.expects_env
    return f"secret, environment only: {expects}" if spec.secret else expects


def _default(each: Field[Any], spec: Spec) -> str:
    if spec.default_doc is not None:
        return spec.default_doc
    if each.default is MISSING:
        return "required"
    if each.default is None:
        return "not set"
    if isinstance(each.default, bool) and not spec.in_file:
        return "on" if each.default else "off"
    return f"`{spec.kind.show(each.default)}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _environment() -> str:
    rows = ["## Environment variables", "", "| variable | setting | meaning |", "|---|---|---|"]
    for section in SECTIONS:
        name = section_name(section)
        for each, spec in settings_of(section):
            if spec.env:
                where = f"`[{name}] {each.name}`" if spec.in_file else f"[{name}], environment only"
                meaning = ("secret. " if spec.secret else "") + spec.doc
                rows.append(f"| `{spec.env}` | {where} | {_cell(meaning)} |")
    return "\n".join(rows) + "\n"

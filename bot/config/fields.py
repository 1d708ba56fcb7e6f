"""How a setting is declared (a dataclass field with a `Spec`) and how a table is read.

A section of picketbot.toml is a frozen dataclass; each field is one setting,
declared with `setting`, `env_setting`, `required` or `secret`, which record
its kind, its environment variable and its one-line documentation. The
field's name is the key in the file and its default is the default.

`read_table` reads one table: an environment variable that is set beats the
file, the file beats the default, and an empty value ("" or blanks) counts as
not set. A key the section does not declare is an error that names it (and
the key); a secret written into the file is refused
without quoting it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import MISSING, Field, dataclass, field, fields
from typing import Any, TypeVar, overload

from bot.config.kinds import ConfigError, Kind, Token, shown

T = TypeVar("T")
S = TypeVar("S")

SPEC = "picketbot.setting"
#: A key that names a secret is refused in the file even when no section declares it.
SECRET_KEY = re.compile(r"token|secret|password|passwd|api_key|private_key|credential", re.IGNORECASE)


@dataclass(frozen=True)
class Spec:
    kind: Kind[Any]
    doc: str
    env: str | None = None
    in_file: bool = True
    secret: bool = False
    #: The default as the docs say it, when it is not a plain value ("guild_id alone").
    default_doc: str | None = None
    #: What errors call the setting instead of its key or variable (kept from older messages).
    label: str | None = None


@overload
def setting(
    kind: Kind[T],
    default: T,
    doc: str,
    *,
    env: str | None = ...,
    default_doc: str | None = ...,
    label: str | None = ...,
) -> T: ...
@overload
def setting(
    kind: Kind[T],
    default: None,
    doc: str,
    *,
    env: str | None = ...,
    default_doc: str | None = ...,
    label: str | None = ...,
) -> T | None: ...
def setting(
    kind: Kind[T],
    default: T | None,
    doc: str,
    *,
    env: str | None = None,
    default_doc: str | None = None,
    label: str | None = None,
) -> T | None:
    """A key of the file (and an environment variable that beats it, if ``env``)."""
    return field(default=default, metadata={SPEC: Spec(kind, doc, env, True, False, default_doc, label)})


@overload
def env_setting(name: str, kind: Kind[T], default: T, doc: str, *, default_doc: str | None = ...) -> T: ...
@overload
def env_setting(
    name: str, kind: Kind[T], default: None, doc: str, *, default_doc: str | None = ...
) -> T | None: ...
def env_setting(
    name: str, kind: Kind[T], default: T | None, doc: str, *, default_doc: str | None = None
) -> T | None:
    """Read only from the environment variable ``name``."""
    return field(default=default, metadata={SPEC: Spec(kind, doc, name, False, False, default_doc)})


def required(kind: Kind[T], doc: str) -> T:
    """A key every table of this kind must have."""
    value: T = field(metadata={SPEC: Spec(kind, doc)})
    return value


def secret(name: str, doc: str, kind: Kind[str] | None = None) -> str | None:
    """A token: only from the environment variable ``name``, never shown (repr included)."""
    spec = Spec(kind or Token(), doc, name, in_file=False, secret=True)
    return field(default=None, repr=False, metadata={SPEC: spec})


def spec_of(each: Field[Any]) -> Spec:
    spec = each.metadata.get(SPEC)
    if not isinstance(spec, Spec):
        raise TypeError(f"{each.name} is not declared with setting(), env_setting(), required() or secret()")
    return spec


def settings_of(table: type) -> list[tuple[Field[Any], Spec]]:
    return [(each, spec_of(each)) for each in fields(table)]


@dataclass(frozen=True)
class Where:
    """How errors name a table ("[poller]", "[[poller.sources]] #2") and its keys."""

    base: str
    #: Which item of an array of tables; its keys follow a colon.
    item: str | None = None

    @property
    def name(self) -> str:
        return self.base if self.item is None else f"{self.base} {self.item}"

    def key(self, key: str) -> str:
        return f"{self.name} {key}" if self.item is None else f"{self.name}: {key}"


def read_table(table: type[S], raw: object, env: Mapping[str, str], where: Where) -> S:
    """Read and check every setting of ``table`` from ``raw`` (one TOML table) and ``env``."""
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where.name} must be a table")
    refuse_unknown(table, raw, where)
    declared = settings_of(table)
    # Items of an array of tables are named in errors by their name, once it is known.
    naming: tuple[str, ...] = getattr(table, "NAMED_BY", ())
    values = {
        each.name: _value(each, spec, raw, env, where) for each, spec in declared if each.name in naming
    }
    name = next((values[key] for key in naming if values.get(key) is not None), None)
    if name is not None:
        where = Where(where.base, repr(name))
    values.update(
        {each.name: _value(each, spec, raw, env, where) for each, spec in declared if each.name not in naming}
    )
    built: S = table(**values)
    return built


def _value(each: Field[Any], spec: Spec, raw: Mapping[str, Any], env: Mapping[str, str], where: Where) -> Any:
    if spec.env is not None:
        text = env.get(spec.env, "").strip()
        if text:
            return spec.kind.read_env(text, spec.label or spec.env)
    value = raw.get(each.name) if spec.in_file else None
    if value is not None and not (isinstance(value, str) and not value.strip()):
        return spec.kind.read(value, spec.label or where.key(each.name))
    if each.default is MISSING:
        raise ConfigError(f"{spec.label or where.key(each.name)} must be {spec.kind.expects}")
    return each.default


def env_value(table: type, name: str, env: Mapping[str, str]) -> Any:
    """One environment-only setting, read before the file is (where the file is)."""
    (each, spec) = next((each, spec) for each, spec in settings_of(table) if each.name == name)
    return _value(each, spec, {}, env, Where(""))


def refuse_unknown(table: type, raw: Mapping[str, Any], where: Where) -> None:
    known = {each.name for each, spec in settings_of(table) if spec.in_file}
    for key in raw:
        if key in known:
            continue
        spec = _env_only(table, key)
        if (spec is not None and spec.secret) or SECRET_KEY.search(key):
            # The value is never quoted: it may be a real token.
            raise ConfigError(
                f"{where.key(key)}: secrets are read only from the environment"
                f"{f' ({spec.env})' if spec and spec.env else ''}, never from the file; remove it"
            )
        if spec is not None:
            raise ConfigError(f"{where.key(key)} is read only from the environment: set {spec.env}")
    unknown = sorted(key for key in raw if key not in known)
    if unknown:
        template: str = getattr(table, "UNKNOWN_SETTINGS", "unknown setting(s) {}")
        # No "did you mean": the line stays the one `picketbot jobs poll` has always printed.
        raise ConfigError(f"{where.name}: {template.format(', '.join(unknown))}")


def _env_only(table: type, key: str) -> Spec | None:
    for each, spec in settings_of(table):
        if not spec.in_file and key.casefold() in (each.name.casefold(), (spec.env or "").casefold()):
            return spec
    return None


def did_you_mean(unknown: list[str], known: set[str]) -> str:
    guesses = [guess for key in unknown for guess in difflib.get_close_matches(key, sorted(known), 1, 0.7)]
    return f" (did you mean {', '.join(guesses)}?)" if guesses else ""


class Table(Kind[S]):
    """A nested table, like ``[poller.classifier]``."""

    def __init__(self, table: type[S], name: str) -> None:
        super().__init__(f"a table (see {name})")
        self.table, self.name = table, name

    def read(self, value: object, label: str) -> S:
        return read_table(self.table, value, {}, Where(self.name))

    def show(self, value: S) -> str:
        return f"see {self.name}"


class Tables(Kind[tuple[S, ...]]):
    """An array of tables, like ``[[poller.sources]]``; errors name an item ``#2`` or by its name."""

    def __init__(self, table: type[S], item_name: str, expects: str = "a list of tables") -> None:
        super().__init__(expects)
        self.table, self.item_name = table, item_name

    def read(self, value: object, label: str) -> tuple[S, ...]:
        if not isinstance(value, list | tuple) or not all(isinstance(item, Mapping) for item in value):
            raise ConfigError(f"{label} must be a list of tables, got {shown(value)}")
        return tuple(
            read_table(self.table, item, {}, Where(self.item_name, f"#{index}"))
            for index, item in enumerate(value, start=1)
        )

    def show(self, value: tuple[S, ...]) -> str:
        return "[]" if not value else f"{len(value)} tables"


class NamedTables(Kind[tuple[tuple[str, S], ...]]):
    """A table of tables, each named by its key, like ``[picket.duties]`` holding
    ``kitchen = { share = 0.5 }``: (name, table) pairs in the file's order."""

    def __init__(self, table: type[S], name: str, key: Kind[str], expects: str) -> None:
        super().__init__(expects)
        self.table, self.name, self.key = table, name, key

    def read(self, value: object, label: str) -> tuple[tuple[str, S], ...]:
        if not isinstance(value, Mapping):
            raise ConfigError(f"{label} must be a table of tables ({self.name}), got {shown(value)}")
        found = []
        for key, item in value.items():
            name = self.key.read(key, f"{self.name} {shown(key)}")
            found.append((name, read_table(self.table, item, {}, Where(self.name, repr(name)))))
        return tuple(found)

    def show(self, value: tuple[tuple[str, S], ...]) -> str:
        return "none" if not value else ", ".join(name for name, _ in value)

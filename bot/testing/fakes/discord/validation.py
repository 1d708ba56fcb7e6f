"""Discord's limits on messages and commands, and the errors it answers when they are broken."""

from __future__ import annotations

import re

from bot.testing.fakes.discord.model import DiscordAPIError, Json, form_error

# ------------------------------------------------------------ validation


_COMMAND_NAME = re.compile(r"[-_\w]{1,32}")


def validate_message(body: Json, *, partial: bool = False) -> None:
    """Raise what Discord answers for a message body outside its limits."""
    errors: dict[str, str] = {}
    content = body.get("content") or ""
    if len(content) > 2000:
        errors["content"] = "Must be 2000 or fewer in length."
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        errors["embeds"] = "Must be 10 or fewer in length."
    for i, embed in enumerate(embeds):
        errors.update(_embed_errors(f"embeds.{i}", embed))
    if sum(_embed_size(e) for e in embeds) > 6000:
        errors["embeds"] = "Embed size exceeds maximum size of 6000"
    errors.update(_component_errors(body.get("components") or []))
    if errors:
        raise form_error(errors)
    has_body = content or embeds or body.get("components") or body.get("attachments")
    if not partial and not has_body and not body.get("sticker_ids") and not body.get("poll"):
        raise DiscordAPIError(400, 50006, "Cannot send an empty message")


def _embed_errors(where: str, embed: Json) -> dict[str, str]:
    limits = {"title": 256, "description": 4096}
    errors = {
        f"{where}.{key}": f"Must be {limit} or fewer in length."
        for key, limit in limits.items()
        if len(embed.get(key) or "") > limit
    }
    fields = embed.get("fields") or []
    if len(fields) > 25:
        errors[f"{where}.fields"] = "Must be 25 or fewer in length."
    for i, fld in enumerate(fields):
        if not fld.get("name") or len(fld["name"]) > 256:
            errors[f"{where}.fields.{i}.name"] = "Must be between 1 and 256 in length."
        if not fld.get("value") or len(fld["value"]) > 1024:
            errors[f"{where}.fields.{i}.value"] = "Must be between 1 and 1024 in length."
    if len((embed.get("footer") or {}).get("text") or "") > 2048:
        errors[f"{where}.footer.text"] = "Must be 2048 or fewer in length."
    if len((embed.get("author") or {}).get("name") or "") > 256:
        errors[f"{where}.author.name"] = "Must be 256 or fewer in length."
    return errors


def _embed_size(embed: Json) -> int:
    texts = [embed.get("title"), embed.get("description")]
    texts += [(embed.get("footer") or {}).get("text"), (embed.get("author") or {}).get("name")]
    for fld in embed.get("fields") or []:
        texts += [fld.get("name"), fld.get("value")]
    return sum(len(t) for t in texts if t)


def _component_errors(rows: list[Json]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if len(rows) > 5:
        errors["components"] = "Must be 5 or fewer in length."
    for r, row in enumerate(rows):
        children = row.get("components") or []
        if row.get("type") == 1 and not 1 <= len(children) <= 5:
            errors[f"components.{r}.components"] = "Must be between 1 and 5 in length."
        for c, comp in enumerate(children):
            where = f"components.{r}.components.{c}"
            if len(comp.get("custom_id") or "") > 100:
                errors[f"{where}.custom_id"] = "Must be 100 or fewer in length."
            if len(comp.get("label") or "") > 80:
                errors[f"{where}.label"] = "Must be 80 or fewer in length."
    return errors


def validate_commands(commands: list[Json]) -> None:
    """Raise what Discord answers for a bulk command overwrite it would refuse."""
    errors: dict[str, str] = {}
    if len(commands) > 100:
        errors["_"] = "Must be 100 or fewer in length."
    for i, cmd in enumerate(commands):
        errors.update(_command_errors(str(i), cmd, depth=0))
    if errors:
        raise form_error(errors)


#: The locales Discord takes in ``*_localizations`` (its documented list).
DISCORD_LOCALES = frozenset(
    [
        "id",
        "da",
        "de",
        "en-GB",
        "en-US",
        "es-ES",
        "es-419",
        "fr",
        "hr",
        "it",
        "lt",
        "hu",
        "nl",
        "no",
        "pl",
        "pt-BR",
        "ro",
        "fi",
        "sv-SE",
        "vi",
        "tr",
        "cs",
        "el",
        "bg",
        "ru",
        "uk",
        "hi",
        "th",
        "zh-CN",
        "ja",
        "zh-TW",
        "ko",
    ]
)


def _command_errors(where: str, cmd: Json, *, depth: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    name = cmd.get("name") or ""
    if not _COMMAND_NAME.fullmatch(name) or name != name.lower():
        errors[f"{where}.name"] = "Command name is invalid"
    description = cmd.get("description") or ""
    if cmd.get("type", 1) == 1 and not 1 <= len(description) <= 100:
        errors[f"{where}.description"] = "Must be between 1 and 100 in length."
    for locale, text in (cmd.get("description_localizations") or {}).items():
        if locale not in DISCORD_LOCALES:
            errors[f"{where}.description_localizations.{locale}"] = "Invalid locale"
        elif not isinstance(text, str) or not 1 <= len(text) <= 100:
            errors[f"{where}.description_localizations.{locale}"] = "Must be between 1 and 100 in length."
    errors.update(_option_list_errors(where, cmd.get("options") or [], depth=depth))
    return errors


def _option_list_errors(where: str, options: list[Json], *, depth: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    if len(options) > 25:
        errors[f"{where}.options"] = "Must be 25 or fewer in length."
    kinds = {opt.get("type") in (1, 2) for opt in options}
    if len(kinds) > 1:
        errors[f"{where}.options"] = "Sub-commands cannot be mixed with other options"
    seen_optional = False
    for i, opt in enumerate(options):
        here = f"{where}.options.{i}"
        if opt.get("type") in (1, 2):
            # A group (2) only at the top level, holding only subcommands (1).
            if (opt["type"] == 2 and depth > 0) or depth > 1:
                errors[f"{here}.type"] = "Sub-command nesting is too deep"
            errors.update(_command_errors(here, opt, depth=depth + 1))
            continue
        errors.update(_command_errors(here, opt, depth=depth + 1))
        if opt.get("required"):
            if seen_optional:
                errors[f"{here}.required"] = "Required options must be placed before non-required options"
        else:
            seen_optional = True
        if len(opt.get("choices") or []) > 25:
            errors[f"{here}.choices"] = "Must be 25 or fewer in length."
    return errors

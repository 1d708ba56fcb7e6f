"""slack-manifest.yml stays in step with the command registry and with the adapter's API calls."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.adapters.slack.listeners import SLASH_COMMANDS
from commands.catalog import build_registry
from commands.registry import Registry

ROOT = Path(__file__).resolve().parents[2]
#: Groups the manifest declares ahead of their commands landing (issues 3 and 4).
PENDING_GROUPS = {"picket", "jobs"}
#: Every Web API method the adapter may call, and the bot scope it needs (None: no bot scope).
SCOPE_OF_METHOD = {
    "chat_postMessage": "chat:write",
    "chat_update": "chat:write",  # live shift posts, edited as counts change
    "conversations_open": "im:write",
    "usergroups_users_list": "usergroups:read",
    "users_info": "users:read",  # members' Slack language (include_locale)
    "auth_test": None,
    "apps_connections_open": None,  # app-level token (connections:write), made by hand
}
#: Scopes no client call names: why each is there.
SCOPES_WITHOUT_A_CALL = {
    "commands": "slash commands",
    "chat:write.public": "alerts to public channels the bot was not invited to",
}


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "slack-manifest.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def registry() -> Registry:
    return build_registry()


def declared_commands(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["command"].removeprefix("/"): c for c in manifest["features"]["slash_commands"]}


def test_one_slash_command_per_group(manifest: dict[str, Any], registry: Registry) -> None:
    declared = set(declared_commands(manifest))
    groups = set(registry.group_names())

    assert declared == set(SLASH_COMMANDS)
    assert groups <= declared, f"add /{sorted(groups - declared)} to slack-manifest.yml"
    assert declared - groups <= PENDING_GROUPS


def test_descriptions_and_usage_hints_match_the_declarations(
    manifest: dict[str, Any], registry: Registry
) -> None:
    for group, entry in declared_commands(manifest).items():
        commands = registry.in_group(group)
        expected = commands[0].description if len(commands) == 1 else registry.groups.get(group)
        if expected:
            assert entry["description"] == expected, f"/{group} description"
        hint_words = set(re.findall(r"[\w-]+", entry["usage_hint"]))
        missing = {c.path[1] for c in commands if len(c.path) > 1} - hint_words
        assert not missing, f"/{group} usage_hint lacks {sorted(missing)}"
        assert entry["should_escape"] is True
        assert len(entry["description"]) <= 100 and len(entry["usage_hint"]) <= 1000


def test_scopes_are_exactly_those_the_adapter_uses(manifest: dict[str, Any]) -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "bot" / "adapters" / "slack").glob("*.py")
    )
    called = set(re.findall(r"client\.([a-z]+_[A-Za-z_]+)\(", source))
    unknown = called - set(SCOPE_OF_METHOD)
    assert not unknown, f"say which scope {sorted(unknown)} need, in SCOPE_OF_METHOD and the manifest"

    needed = {SCOPE_OF_METHOD[m] for m in called} - {None} | set(SCOPES_WITHOUT_A_CALL)
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == needed
    assert "chat_postMessage" in called and "conversations_open" in called  # the scan sees the calls


def test_socket_mode_and_buttons_are_on(manifest: dict[str, Any]) -> None:
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert "user" not in manifest["oauth_config"]["scopes"]  # the bot acts as itself only

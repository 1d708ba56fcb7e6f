"""No Docker engine runs here, so test what docs/docker-compose.yml runs: the settings it
gives the bot instances, the image it builds, the load balancer's upstreams and the backup."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from bot.config.loading import load_config
from bot.config.public import public_settings
from storage.database import is_postgres_address
from storage.postgres.database import check_address

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
COMPOSE: dict[str, Any] = yaml.safe_load((DOCS / "docker-compose.yml").read_text(encoding="utf-8"))
BOTS = [name for name, service in COMPOSE["services"].items() if service.get("image") == "picketbot:latest"]
#: What `.env` would give the `${…}` references.
DOT_ENV = {
    "POSTGRES_PASSWORD": "pw",
    "DISCORD_TOKEN": "t",
    "DISCORD_PUBLIC_KEY": "0" * 64,
    "PICKETBOT_PUBLIC_URL": "https://picketbot.example.org",
}


def interpolated(value: str) -> str:
    """Compose's `${NAME}`, `${NAME:-default}` and `${NAME:?error}`, from DOT_ENV."""

    def one(match: re.Match[str]) -> str:
        name, form, rest = match.group(1), match.group(2) or "", match.group(3) or ""
        if name in DOT_ENV:
            return DOT_ENV[name]
        assert form != ":?", f"{name} is required and not in .env"
        return rest

    return re.sub(r"\$\{(\w+)(:-|:\?)?([^}]*)\}", one, value)


def bot_env(name: str) -> dict[str, str]:
    return {key: interpolated(str(value)) for key, value in COMPOSE["services"][name]["environment"].items()}


def test_two_bot_instances_on_the_one_database() -> None:
    assert len(BOTS) == 2
    addresses = {bot_env(name)["PICKETBOT_DB"] for name in BOTS}
    assert len(addresses) == 1
    (address,) = addresses
    assert is_postgres_address(address)
    check_address(address)  # no password in it: it is in PGPASSWORD
    db = COMPOSE["services"]["db"]["environment"]
    assert address == f"postgresql://{db['POSTGRES_USER']}@db:5432/{db['POSTGRES_DB']}"
    assert bot_env(BOTS[0])["PGPASSWORD"] == interpolated(db["POSTGRES_PASSWORD"])


def test_every_setting_it_names_is_one_the_bot_reads(tmp_path: Path) -> None:
    read = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "bot").rglob("*.py"))
    for name in bot_env(BOTS[0]):
        assert name == "PGPASSWORD" or f'"{name}"' in read, f"{name} is read nowhere"
    empty = tmp_path / "picketbot.toml"
    empty.write_text("")  # the image's own file is the example: its settings are all commented out
    config = load_config(env=bot_env(BOTS[0]), config_path=str(empty))
    assert config.database.startswith("postgresql://")
    assert config.lease_seconds == 30
    assert public_settings(config).port == 3000


def test_the_image_is_this_repository_and_runs_the_bot() -> None:
    service = COMPOSE["services"][BOTS[0]]
    assert (DOCS / service["build"]["context"] / "Dockerfile").is_file()
    assert "stop_grace_period" in service, "a rolling deploy stops an instance with SIGTERM and waits"


def test_the_load_balancer_sends_to_each_instance_on_its_public_port() -> None:
    lb = COMPOSE["services"]["lb"]
    (mount,) = lb["volumes"]
    source = mount.split(":")[0]
    conf = (DOCS / source).read_text(encoding="utf-8")
    upstreams = re.findall(r"^\s*server (\w+):(\d+)", conf, re.MULTILINE)
    port = bot_env(BOTS[0])["PICKETBOT_PUBLIC_PORT"]
    assert sorted(upstreams) == sorted((name, port) for name in BOTS)
    assert not re.search(r"proxy_next_upstream [^;]*non_idempotent", conf), (
        "a POST already sent must never be sent again"
    )


def test_the_backup_is_pg_dump_checked_with_pg_restore() -> None:
    backup = COMPOSE["services"]["backup"]
    (command,) = backup["command"]
    assert "pg_dump --format=custom" in command and "pg_restore --list" in command
    assert "--host=db" in command and "--username=picketbot" in command and "--dbname=picketbot" in command

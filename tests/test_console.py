"""End to end: `picketbot console` as a subprocess with piped input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config.loading import ConfigError, load_config
from tests.helpers import subprocess_env

REPO = Path(__file__).resolve().parents[1]


def picketbot(
    *args: str, stdin: str = "", cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = subprocess_env(**(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=60,
    )


def test_newcomer_session(tmp_path: Path) -> None:
    result = picketbot(
        "console",
        stdin="/help\n/fact what does the Netflix AI job pay\n/pay compare 900000\n/fact 87 percent\n",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "== picketbot commands ==" in out and "/pay compare AMOUNT" in out
    assert "$300,000 to $900,000" in out and "Source: Interesting Engineering" in out
    assert "about 35 times $26,000" in out
    assert "87%" in out
    assert (tmp_path / "picketbot.db").exists(), "default database is picketbot.db in the working directory"
    assert "Traceback" not in result.stderr


def test_database_choice_order(tmp_path: Path) -> None:
    (tmp_path / "picketbot.toml").write_text('[bot]\ndatabase = "from-config.db"\n')
    picketbot("console", cwd=tmp_path)
    assert (tmp_path / "from-config.db").exists()
    picketbot("console", cwd=tmp_path, env={"PICKETBOT_DB": str(tmp_path / "from-env.db")})
    assert (tmp_path / "from-env.db").exists()
    picketbot("console", "--db", str(tmp_path / "from-flag.db"), cwd=tmp_path, env={"PICKETBOT_DB": "x.db"})
    assert (tmp_path / "from-flag.db").exists() and not (tmp_path / "x.db").exists()


def test_as_switches_member_and_role(tmp_path: Path) -> None:
    result = picketbot(
        "console",
        "--as",
        "Ana",
        "--role",
        "member",
        stdin='/fact add k1 pay "Text" source=S date=2023-01-01\n/as Olu organizer\n'
        '/fact add k1 pay "Text" source=S date=2023-01-01\n/as Bea boss\n',
        cwd=tmp_path,
    )
    assert result.returncode == 0
    assert "error: /fact add is for organizers and up." in result.stdout
    assert "You are now Olu (organizer)." in result.stdout
    assert "Added fact k1." in result.stdout
    assert "error: unknown role 'boss'" in result.stdout


def test_run_without_tokens_starts_the_console(tmp_path: Path) -> None:
    result = picketbot("run", stdin="/pay compare 26000\n", cwd=tmp_path)
    assert result.returncode == 0
    assert "starting the local console" in result.stderr
    assert "about the same as $26,000" in result.stdout


def test_facts_export_and_import(tmp_path: Path) -> None:
    exported = picketbot("facts", "export", "pack.json", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    data = json.loads((tmp_path / "pack.json").read_text())
    for fact in data["facts"]:
        for figure in fact["figures"]:
            if figure["name"] == "background_day_rate":
                figure["value"] = 200
    (tmp_path / "pack.json").write_text(json.dumps(data))
    imported = picketbot("facts", "import", "pack.json", cwd=tmp_path)
    assert "1 updated" in imported.stdout
    compare = picketbot("console", stdin="/pay compare 900000\n", cwd=tmp_path)
    assert "about 4,500 background-performer days at $200 a day" in compare.stdout


def test_bad_pack_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{nope")
    result = picketbot("facts", "import", "bad.json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("picketbot: not JSON")
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_config_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "picketbot.toml").write_text('[bot]\ntimezone = "Mars/Olympus"\n')
    result = picketbot("console", cwd=tmp_path)
    assert result.returncode == 1
    assert "unknown time zone 'Mars/Olympus'" in result.stderr
    with pytest.raises(ConfigError):
        load_config(config_path=str(tmp_path / "picketbot.toml"), env={})


def test_db_backup_and_check(tmp_path: Path) -> None:
    picketbot("console", stdin='/fact add k1 pay "Text" source=S date=2023-01-01\n', cwd=tmp_path)
    backup = picketbot("db", "backup", "copy.db", cwd=tmp_path)
    assert backup.returncode == 0, backup.stderr
    check = picketbot("db", "check", "--db", "copy.db", cwd=tmp_path)
    assert check.stdout.strip() == "copy.db: ok"
    listed = picketbot("console", "--db", "copy.db", stdin="/fact history k1\n", cwd=tmp_path)
    assert "v1 (current" in listed.stdout
    again = picketbot("db", "backup", "copy.db", cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_output_piped_to_a_reader_that_stops_early_is_quiet(tmp_path: Path) -> None:
    env = subprocess_env()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "facts", "export", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `| head -1`, before the export has written anything
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) in (0, 141)
    assert stderr == "", stderr


@pytest.mark.parametrize("command", ["run", "console"])
def test_http_port_in_use_is_one_line_and_exits(tmp_path: Path, command: str) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = picketbot(command, cwd=tmp_path, env={"PICKETBOT_HTTP_PORT": str(port)})
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"picketbot: cannot serve /healthz and /metrics on 127.0.0.1:{port}: "), last
    assert "Traceback" not in result.stderr


def test_db_commands_on_a_missing_or_foreign_file_are_one_line(tmp_path: Path) -> None:
    missing = picketbot("db", "check", "--db", "missing.db", cwd=tmp_path)
    assert (
        missing.returncode == 1
        and missing.stderr.strip() == "picketbot: no database at missing.db (see --db, PICKETBOT_DB)"
    )
    assert not (tmp_path / "missing.db").exists(), "checking must not create an empty database"
    assert picketbot("db", "backup", "copy.db", "--db", "missing.db", cwd=tmp_path).returncode == 1
    (tmp_path / "notes.db").write_text("not a database, just some notes\n" * 100)
    for args in (("db", "check"), ("console",), ("facts", "export", "-")):
        result = picketbot(*args, "--db", "notes.db", cwd=tmp_path)  # used to hang after a traceback
        assert result.returncode == 1, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith(
            "picketbot: notes.db is not an SQLite database, or its first page is damaged: check --db"
        )
        assert "copy your newest `picketbot db backup` file to notes.db" in result.stderr
    picketbot("console", cwd=tmp_path)
    nowhere = picketbot("db", "backup", str(tmp_path / "no" / "such" / "dir.db"), cwd=tmp_path)
    assert nowhere.returncode == 1 and len(nowhere.stderr.strip().splitlines()) == 1
    assert "cannot write the backup to" in nowhere.stderr and "Traceback" not in nowhere.stderr


@pytest.mark.parametrize(("value", "requires"), [("1", True), ("yes", True), ("0", False), ("false", False)])
def test_require_platform_reads_like_the_other_switches(tmp_path: Path, value: str, requires: bool) -> None:
    result = picketbot("run", cwd=tmp_path, env={"PICKETBOT_REQUIRE_PLATFORM": value})
    if requires:
        assert result.returncode == 1 and "nothing to run" in result.stderr
    else:
        assert result.returncode == 0 and "starting the local console" in result.stderr

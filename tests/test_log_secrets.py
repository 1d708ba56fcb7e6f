"""Secrets never reach a log line: messages, tracebacks, stack dumps, uncaught errors; plain and JSON.

Each test sets up logging the way `picketbot` does (`setup_logging`) on a real
stream and reads back what was written.
"""

from __future__ import annotations

import importlib.util
import io
import json
import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.logs import REDACTED, secret_values, setup_logging

DISCORD_TOKEN = "MTEzMDAwMDAwMDAwMDAwMDAwMg.Gx1yZw.discord-token-for-tests"
SLACK_TOKEN = "xoxb-1130-2260-slack-token-for-tests"
DSN_PASSWORD = "db-password-for-tests"
ENV = {
    "DISCORD_TOKEN": DISCORD_TOKEN,
    "SLACK_BOT_TOKEN": SLACK_TOKEN,
    "PICKETBOT_DATABASE_URL": f"postgresql://picketbot:{DSN_PASSWORD}@db.internal/picketbot",
    "PICKETBOT_LOG_LEVEL": "INFO",
}
SECRETS = (DISCORD_TOKEN, SLACK_TOKEN, DSN_PASSWORD)


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    hooks = sys.excepthook, threading.excepthook
    try:
        yield
    finally:
        root.handlers[:], root.level = handlers, level
        sys.excepthook, threading.excepthook = hooks


def log_stream(*, json_lines: bool) -> io.StringIO:
    stream = io.StringIO()
    setup_logging("INFO", json_lines=json_lines, secrets=secret_values(ENV), stream=stream)
    return stream


def fail_calling_discord() -> None:
    try:
        raise ConnectionError(f"GET https://discord.example/api?token={SLACK_TOKEN} failed")
    except ConnectionError as error:
        # The token sits in the message of the exception *and* of its cause.
        raise RuntimeError(f"login with {DISCORD_TOKEN} refused") from error


def assert_scrubbed(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text
    assert REDACTED in text


def test_the_secrets_of_the_environment_are_found() -> None:
    found = secret_values({**ENV, "SOME_API_KEY": "abcdef123", "HOME": "/home/picket", "SHORT_TOKEN": "ab"})

    assert set(found) == {*SECRETS, "abcdef123"}


@pytest.mark.parametrize("json_lines", [False, True], ids=["plain", "json"])
def test_a_logged_traceback_holds_no_secret(restore_logging: None, json_lines: bool) -> None:
    stream = log_stream(json_lines=json_lines)
    try:
        fail_calling_discord()
    except RuntimeError:
        logging.getLogger("picketbot.test").exception("start-up failed")

    text = stream.getvalue()
    assert "Traceback" in text and "fail_calling_discord" in text  # the traceback is there...
    assert_scrubbed(text)  # ...without the tokens from either exception's message
    if json_lines:
        [line] = text.splitlines()
        entry = json.loads(line)
        assert entry["message"] == "start-up failed"
        assert "The above exception was the direct cause" in entry["exception"]


@pytest.mark.parametrize("json_lines", [False, True], ids=["plain", "json"])
def test_a_stack_dump_holds_no_secret(restore_logging: None, json_lines: bool, tmp_path: Path) -> None:
    # A stack dump prints source lines; this module's line holds a token.
    source = tmp_path / "leaky_module.py"
    source.write_text(
        "import logging\n\n"
        "def report():\n"
        f'    logging.getLogger("picketbot.test").warning("where am I", stack_info=True)  # {SLACK_TOKEN}\n'
    )
    spec = importlib.util.spec_from_file_location("leaky_module", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stream = log_stream(json_lines=json_lines)

    module.report()

    text = stream.getvalue()
    assert "Stack (most recent call last)" in text and "leaky_module.py" in text
    assert_scrubbed(text)
    if json_lines:
        assert "stack" in json.loads(text)


@pytest.mark.parametrize("json_lines", [False, True], ids=["plain", "json"])
def test_an_uncaught_exception_is_logged_scrubbed(restore_logging: None, json_lines: bool) -> None:
    stream = log_stream(json_lines=json_lines)
    try:
        fail_calling_discord()
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # what Python calls for an exception nothing caught

    text = stream.getvalue()
    assert "stopped by an unexpected error" in text and "Traceback" in text
    assert_scrubbed(text)


def test_a_message_with_a_secret_in_its_arguments_is_scrubbed(restore_logging: None) -> None:
    stream = log_stream(json_lines=False)

    logging.getLogger("picketbot.test").warning("calling %s with %r", "Slack", SLACK_TOKEN)

    assert_scrubbed(stream.getvalue())


def test_the_command_lines_error_line_is_scrubbed(
    restore_logging: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from bot.cli.main import main

    monkeypatch.setenv("SLACK_BOT_TOKEN", SLACK_TOKEN)
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / f"pack-{SLACK_TOKEN}.json"  # an error that quotes what it was given

    assert main(["facts", "import", str(missing), "--db", str(tmp_path / "p.db")]) == 1

    error = capsys.readouterr().err
    assert error.startswith("picketbot: ") and "No such file" in error
    assert SLACK_TOKEN not in error and REDACTED in error


def test_a_process_dying_of_an_uncaught_error_prints_no_secret(tmp_path: Path) -> None:
    import subprocess

    from tests.helpers import subprocess_env

    script = (
        "from bot.logs import secret_values, setup_logging\n"
        "import os\n"
        "setup_logging('INFO', json_lines=True, secrets=secret_values(os.environ))\n"
        "raise RuntimeError('Slack said no to ' + os.environ['SLACK_BOT_TOKEN'])\n"
    )
    env = subprocess_env(SLACK_BOT_TOKEN=SLACK_TOKEN, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)

    assert done.returncode == 1
    entry = json.loads(done.stderr.strip().splitlines()[-1])
    assert entry["message"] == "stopped by an unexpected error"
    assert "RuntimeError: Slack said no to [redacted]" in entry["exception"]
    assert SLACK_TOKEN not in done.stderr


def test_a_log_file_is_scrubbed_too_and_the_terminal_shows_only_what_stops_the_bot(
    restore_logging: None, tmp_path: Path
) -> None:
    terminal = io.StringIO()
    path = tmp_path / "picketbot.log"
    setup_logging("INFO", json_lines=False, secrets=secret_values(ENV), stream=terminal, file=str(path))
    logging.getLogger("picketbot.jobs").warning("job source x failed: %s", f"token {DISCORD_TOKEN}")
    logging.getLogger("picketbot").critical("stopped by an unexpected error")
    for handler in logging.getLogger().handlers:
        handler.close()
    logging.captureWarnings(False)
    written = path.read_text(encoding="utf-8")
    assert "job source x failed: token " + REDACTED in written and DISCORD_TOKEN not in written
    assert "stopped by an unexpected error" in written
    assert terminal.getvalue().count("\n") == 1 and "stopped by an unexpected error" in terminal.getvalue()

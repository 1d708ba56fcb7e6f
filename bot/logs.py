"""Logging set-up: plain or JSON lines, with secrets scrubbed from every record.

Scrubbing happens in a filter on the one handler, before any formatter runs,
and covers all that a record can print: the message, the traceback of
``exc_info`` and the ``stack_info``. An exception's message may hold a token
(a library quoting the request it failed on), so the traceback is formatted
here, scrubbed, and handed to the formatter ready-made. Uncaught exceptions
go through the same handler (`sys.excepthook`), never straight to stderr.

With a log file (``[log] file``; the console always has one) every line goes
to the file, Python's warnings included, and the terminal shows only what
stops the bot: a board that cannot be reached is the console's business
(`/jobs sources`), not a line across what the member is typing.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import traceback
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TextIO
from urllib.parse import quote, urlsplit

from bot.config.schema import secret_names
from commands.urls import redact_urls

#: The secrets the bot itself reads (declared in bot/config/schema.py). Any other variable whose name
#: says it holds a secret (SECRET_NAME) is scrubbed too, so one added later is covered without a change here.
SECRET_ENV_VARS = secret_names()
SECRET_NAME = re.compile(r"TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|PRIVATE_KEY|CREDENTIAL", re.IGNORECASE)
#: Shorter values would scrub ordinary words and numbers out of every line.
MIN_SECRET_LENGTH = 6
REDACTED = "[redacted]"
PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def secret_values(env: Mapping[str, str]) -> list[str]:
    """Every secret in the environment: named ones, and passwords inside URLs (a database DSN)."""
    found = {
        value.strip() for name, value in env.items() if name in SECRET_ENV_VARS or SECRET_NAME.search(name)
    }
    for value in env.values():
        if "://" in value:
            try:
                password = urlsplit(value.strip()).password
            except ValueError:  # a malformed URL (bad port): nothing to find in it
                continue
            if password:
                found.add(password)
    return sorted((s for s in found if len(s) >= MIN_SECRET_LENGTH), key=len, reverse=True)


class RedactSecrets(logging.Filter):
    """Replace any configured secret that reaches a log record with a marker, tracebacks included."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        forms: set[str] = set()
        for secret in secrets:
            if len(secret) >= MIN_SECRET_LENGTH:
                # As typed, and as it looks inside a URL's query string.
                forms.update((secret, quote(secret, safe="")))
        # Longest first: a secret that contains another is replaced whole.
        self.secrets = sorted(forms, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        """`text` without the configured secrets, nor credentials inside any URL it quotes."""
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return redact_urls(text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: the formatter reports it, without the arguments
            record.msg, record.args = self.scrub(str(record.msg)), None
            return True
        cleaned = self.scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            # Formatters print exc_text as it is when set: formatted and scrubbed here, once.
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = self.scrub(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(
    level: str,
    *,
    json_lines: bool,
    secrets: Iterable[str] = (),
    stream: TextIO | None = None,
    file: str | None = None,
) -> None:
    """Log at ``level`` to ``stream`` (standard error), or to ``file`` with only fatal lines on ``stream``."""
    terminal = logging.StreamHandler(stream or sys.stderr)
    handlers: list[logging.Handler] = [terminal]
    if file is not None:
        # Opened at the first line: a database that cannot be opened is reported first, in one line.
        handlers.append(logging.FileHandler(Path(file).expanduser(), encoding="utf-8", delay=True))
        terminal.setLevel(logging.CRITICAL)
    redact = RedactSecrets(secrets)
    for handler in handlers:
        handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(PLAIN_FORMAT))
        handler.addFilter(redact)
    root = logging.getLogger()
    root.handlers[:] = handlers
    root.setLevel(level)
    # A library's warnings.warn would print on the terminal by itself: into the file with the rest.
    logging.captureWarnings(file is not None)
    # Library chatter at INFO (gateway heartbeats, HTTP lines) buries our own.
    for noisy in ("discord", "slack_bolt", "slack_sdk", "aiohttp.access", "apscheduler"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))
    # Only in place of the interpreter's own hooks: one a host installed (a test runner) stays.
    if sys.excepthook in (sys.__excepthook__, log_uncaught):
        sys.excepthook = log_uncaught
    if threading.excepthook in (threading.__excepthook__, _log_uncaught_in_thread):
        threading.excepthook = _log_uncaught_in_thread


def log_uncaught(kind: type[BaseException], error: BaseException, tb: TracebackType | None, /) -> None:
    """An exception nothing caught: logged (so scrubbed) instead of printed raw to stderr."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    logging.getLogger("picketbot").critical("stopped by an unexpected error", exc_info=(kind, error, tb))


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        log_uncaught(args.exc_type, args.exc_value, args.exc_traceback)

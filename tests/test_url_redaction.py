"""Credentials in web addresses never reach text people read, logs included."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator

import pytest

from bot.logs import JsonFormatter, RedactSecrets, setup_logging
from commands.markup import safe_url
from commands.urls import is_secret_name, redact_url, redact_urls, url_host

SECRET_URL = "https://bob:hunter2@jobs.example/feed.xml?q=ml&token=s3cret&apiKey=k3y&keywords=ai"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (SECRET_URL, "https://jobs.example/feed.xml?q=ml&token=[redacted]&apiKey=[redacted]&keywords=ai"),
        ("http://[::1]:8080/x?sig=abc", "http://[::1]:8080/x?sig=[redacted]"),
        (
            "https://bucket.example/jobs.json?X-Amz-Credential=AKIA&X-Amz-Signature=f00&X-Amz-Expires=60",
            "https://bucket.example/jobs.json?X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]"
            "&X-Amz-Expires=60",
        ),
        ("https://jobs.example/#access_token=t0k", "https://jobs.example/#access_token=[redacted]"),
        ("https://jobs.example/feed?api%5Fkey=zz", "https://jobs.example/feed?api%5Fkey=[redacted]"),
        ("https://jobs.example/feed.xml", "https://jobs.example/feed.xml"),
        ("http://[::1", "[unreadable address]"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


@pytest.mark.parametrize(
    "name",
    ["token", "access_token", "api_key", "apikey", "apiKey", "key", "sig", "signature", "secret",
     "client_secret", "password", "passwd", "auth", "Authorization", "session_id", "X-Api-Key"],
)  # fmt: skip
def test_secret_parameter_names(name: str) -> None:
    assert is_secret_name(name)


@pytest.mark.parametrize(
    "name",
    ["accesstoken", "apitoken", "authtoken", "clienttoken", "clientsecret", "secretkey", "privatekey",
     "ACCESSTOKEN", "Client-Secret", "client.secret", "x_auth_token", "oauth_verifier", "refreshToken",
     "jsessionid", "PHPSESSID", "urlsig", "authcode", "passphrase", "user_pwd", "sas%5Ftoken"],
)  # fmt: skip
def test_credential_names_written_as_one_word_or_in_any_style(name: str) -> None:
    # Each name is read as a whole: a credential word anywhere in it, not only where
    # punctuation or camelCase happens to split it.
    assert is_secret_name(name)
    assert SECRET_VALUE not in redact_url(f"https://feeds.example/jobs.rss?{name}={SECRET_VALUE}")


@pytest.mark.parametrize(
    "name", ["q", "keywords", "page", "location", "department", "offset", "design", "sort", "lang", "remote"]
)
def test_ordinary_parameter_names(name: str) -> None:
    assert not is_secret_name(name)


def test_urls_inside_text() -> None:
    text = f"HTTP 404 ({SECRET_URL}) then http://alice:pw@10.0.0.1/x?password=p4ss."
    assert redact_urls(text) == (
        "HTTP 404 (https://jobs.example/feed.xml?q=ml&token=[redacted]&apiKey=[redacted]&keywords=ai)"
        " then http://10.0.0.1/x?password=[redacted]."  # the sentence's full stop is kept
    )


SECRET_VALUE = "s3cr3tVALUE42"


@pytest.mark.parametrize(
    "text",
    [
        f"fetch failed (https://feeds.example/jobs?q=(ai)&token={SECRET_VALUE})",
        f'fetch failed: "https://feeds.example/jobs?q="ai"&token={SECRET_VALUE}".',
        f"fetch failed <https://feeds.example/jobs?q=[ai]&key={SECRET_VALUE}>!",
        f"URL('https://feeds.example/jobs?q={{ai}}&sig={SECRET_VALUE}'),",
        f"https://feeds.example/jobs;jsessionid={SECRET_VALUE}?q=ai",
        f"https://feeds.example/jobs?q=ai;session={SECRET_VALUE}",
    ],
    ids=["parentheses", "quotes", "angle brackets", "braces in a repr", "path parameter", "semicolon pairs"],
)
def test_a_url_in_text_is_read_to_its_true_end(text: str) -> None:
    # A URL runs to the next whitespace, brackets and quotes inside it included; only
    # punctuation and unmatched brackets that close it are left outside.
    shown = redact_urls(text)

    assert SECRET_VALUE not in shown
    assert "[redacted]" in shown


def test_punctuation_that_closes_a_url_stays_outside_it() -> None:
    assert redact_urls("see (https://jobs.example/a_(b)?token=x), then.") == (
        "see (https://jobs.example/a_(b)?token=[redacted]), then."
    )


def test_host_only() -> None:
    assert url_host(SECRET_URL) == "jobs.example"
    assert url_host("http://[::1]:8080/") == "::1"
    assert url_host("not a url") == ""


def test_job_links_lose_user_info_but_keep_their_query() -> None:
    assert (
        safe_url("https://bob:hunter2@jobs.example/apply?jobKey=42") == "https://jobs.example/apply?jobKey=42"
    )


@pytest.fixture
def root_handler_output() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    buffer = io.StringIO()
    try:
        yield buffer
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)


def _fail_with_url() -> None:
    raise ValueError(f"could not read {SECRET_URL}")


@pytest.mark.parametrize("json_lines", [False, True])
def test_log_lines_and_tracebacks_lose_url_credentials(
    root_handler_output: io.StringIO, json_lines: bool
) -> None:
    setup_logging("INFO", json_lines=json_lines)
    handler = logging.getLogger().handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(root_handler_output)
    log = logging.getLogger("picketbot.tests.redaction")
    log.warning("job source %s failed: %s", "Harbor", f"HTTP 500 ({SECRET_URL})")
    try:
        _fail_with_url()
    except ValueError:
        log.exception("polling %s failed unexpectedly", "Harbor")
    written = root_handler_output.getvalue()
    for secret in ("hunter2", "bob:", "s3cret", "k3y"):
        assert secret not in written
    assert "token=[redacted]" in written and "_fail_with_url" in written  # the traceback is still there
    if json_lines:
        assert all(json.loads(line) for line in written.splitlines() if line.startswith("{"))


def test_json_formatter_uses_the_scrubbed_traceback() -> None:
    try:
        _fail_with_url()
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    RedactSecrets(()).filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert "hunter2" not in entry["exception"] and "ValueError" in entry["exception"]

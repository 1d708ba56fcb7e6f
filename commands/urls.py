"""Web addresses in text people read: credentials out, or the host alone.

A job board's address may carry credentials: ``user:password@`` before the
host, or a token in the query (``?token=…``, ``api_key``, a signed URL's
``sig``). None of that may reach a reply, an alert or a log.
``redact_url`` takes them out of one address, ``redact_urls`` out of every
address in a piece of text (an error message, a log line, a traceback), and
``url_host`` gives the host alone, which is all organizers are shown.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit

REDACTED = "[redacted]"
UNREADABLE = "[unreadable address]"

# A query parameter whose name has one of these words (split at punctuation
# and camelCase: ``apiKey``, ``X-Amz-Signature``, ``access_token``) is a secret.
_SECRET_WORDS = frozenset(
    {
        "apikey", "auth", "authorization", "bearer", "code", "credential", "credentials", "hmac",
        "jwt", "key", "pass", "passwd", "password", "pwd", "secret", "session", "sessionid", "sid",
        "sig", "signature", "token",
    }
)  # fmt: skip
_WORD_BREAK = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")
# Anything that starts like a URL, up to whitespace, a quote, or the ")" that
# closes "(URL)" in our own error messages.
_URL_IN_TEXT = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s\"'<>)]+")


def is_secret_name(name: str) -> bool:
    """True when a query parameter's name says its value is a credential."""
    name = unquote_plus(name)
    words = {word.lower() for word in _WORD_BREAK.split(name) if word}
    return bool(words & _SECRET_WORDS) or re.sub(r"[^a-z0-9]", "", name.lower()) in _SECRET_WORDS


def _redact_pairs(text: str) -> str:
    pairs = []
    for pair in text.split("&"):
        name, equals, _ = pair.partition("=")
        pairs.append(f"{name}={REDACTED}" if equals and is_secret_name(name) else pair)
    return "&".join(pairs)


def redact_url(url: str) -> str:
    """``url`` without user info and with credential-like query values replaced."""
    try:
        parts = urlsplit(url.strip())
        host = parts.netloc.rpartition("@")[2]
    except ValueError:
        return UNREADABLE
    fragment = _redact_pairs(parts.fragment) if "=" in parts.fragment else parts.fragment
    return urlunsplit((parts.scheme, host, parts.path, _redact_pairs(parts.query), fragment))


def redact_urls(text: str) -> str:
    """``text`` with every URL in it passed through ``redact_url``."""
    if "://" not in text:
        return text
    return _URL_IN_TEXT.sub(lambda match: redact_url(match.group(0)), text)


def url_host(url: str) -> str:
    """The host of ``url`` (no user info, no port), or "" when it has none."""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def without_user_info(url: str) -> str:
    """``url`` without ``user:password@``; the rest as it was (job links keep their query)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return UNREADABLE
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))

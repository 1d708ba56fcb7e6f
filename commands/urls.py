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

# Whether a query parameter holds a credential is read from its name, in any
# case and separator style ("access_token", "accessToken", "ACCESSTOKEN",
# "X-Amz-Signature"). Unambiguous stems count anywhere in the name, so a word
# made of several ("clientsecret", "authtoken", "secretkey") is caught whole.
_SECRET_STEMS = (
    "apikey", "auth", "bearer", "cookie", "credential", "csrf", "hmac", "jwt", "passcode",
    "passphrase", "passw", "privatekey", "pwd", "secret", "session", "signature", "ticket",
    "token", "xsrf",
)  # fmt: skip
# Short stems are words of their own too often ("keywords", "design"): they count
# as a whole word of the name, or at its end ("apikey", "urlsig", "authcode").
_SECRET_ENDINGS = ("code", "key", "otp", "pass", "pin", "sid", "sig")
_WORD_BREAK = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")
# A URL runs from its scheme to the next whitespace; quotes and brackets inside
# it stay part of it ("?q=(ai)&token=…"), and what closes it is trimmed after.
_URL_IN_TEXT = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*://\S+")
_TRAILING = ".,;:!?'\"`*"
_CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}


def is_secret_name(name: str) -> bool:
    """True when a query parameter's name says its value is a credential."""
    name = unquote_plus(name)
    collapsed = re.sub(r"[^a-z0-9]", "", name.lower())
    if any(stem in collapsed for stem in _SECRET_STEMS):
        return True
    words = [word.lower() for word in _WORD_BREAK.split(name) if word] + [collapsed]
    return any(word.endswith(_SECRET_ENDINGS) for word in words)


def _redact_pairs(text: str) -> str:
    # "&" and the older ";" both separate pairs.
    pieces = re.split(r"([&;])", text)
    for index in range(0, len(pieces), 2):
        name, equals, _ = pieces[index].partition("=")
        if equals and is_secret_name(name):
            pieces[index] = f"{name}={REDACTED}"
    return "".join(pieces)


def _redact_path(path: str) -> str:
    # Path parameters carry sessions too: "/jobs;jsessionid=…".
    return "/".join(_redact_pairs(segment) if "=" in segment else segment for segment in path.split("/"))


def redact_url(url: str) -> str:
    """``url`` without user info and with credential-like query values replaced."""
    try:
        parts = urlsplit(url.strip())
        host = parts.netloc.rpartition("@")[2]
    except ValueError:
        return UNREADABLE
    fragment = _redact_pairs(parts.fragment) if "=" in parts.fragment else parts.fragment
    path = _redact_path(parts.path) if ";" in parts.path else parts.path
    return urlunsplit((parts.scheme, host, path, _redact_pairs(parts.query), fragment))


def redact_urls(text: str) -> str:
    """``text`` with every URL in it passed through ``redact_url``."""
    if "://" not in text:
        return text
    return _URL_IN_TEXT.sub(_redact_match, text)


def _redact_match(match: re.Match[str]) -> str:
    url, tail = _split_tail(match.group(0))
    return redact_url(url) + tail


def _split_tail(run: str) -> tuple[str, str]:
    """A URL found in text, and what follows it: closing punctuation, quotes, unmatched brackets."""
    end = len(run)
    while end:
        last = run[end - 1]
        opener = _CLOSERS.get(last)
        if last in _TRAILING or (opener is not None and run.count(last, 0, end) > run.count(opener, 0, end)):
            end -= 1
        else:
            break
    return run[:end], run[end:]


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

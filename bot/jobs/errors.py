"""Errors raised by the job-board layer.

Every message is one line a person can read in a log or on the command line,
so the poller and the CLI can show ``str(error)`` as is; the URL in it has its
credentials taken out (``commands.urls.redact_url``). ``kind`` is the short
form chat is shown ("timeout", "HTTP 404", "not a job board"): never a URL.
"""

from __future__ import annotations

from commands.urls import redact_url


class JobBoardError(Exception):
    """Base of every error the job-board layer raises on purpose."""

    @property
    def kind(self) -> str:
        return "failed"


class BoardConfigError(JobBoardError):
    """A source is described wrongly (unknown type, missing base URL, bad id)."""

    @property
    def kind(self) -> str:
        return "bad source settings"


class FetchError(JobBoardError):
    """Fetching a URL failed; ``url`` says which one (never shown as it is)."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{message} ({redact_url(url)})")
        self.url = url
        #: What went wrong, without the URL.
        self.reason = message

    @property
    def kind(self) -> str:
        return "fetch failed"


class HttpStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, url: str, status: int) -> None:
        super().__init__(url, f"HTTP {status}")
        self.status = status

    @property
    def kind(self) -> str:
        return f"HTTP {self.status}"


class FetchTimeout(FetchError):
    """The whole request took longer than the fetcher's timeout."""

    def __init__(self, url: str, seconds: float) -> None:
        super().__init__(url, f"timed out after {seconds:g} s")
        self.seconds = seconds

    @property
    def kind(self) -> str:
        return "timeout"


class FetchConnectionError(FetchError):
    """No HTTP answer at all: DNS, refused connection, reset."""

    @property
    def kind(self) -> str:
        return "connection failed"


class AddressRefused(FetchError):
    """The address is not one this source may reach (see ``bot.jobs.addresses``)."""

    @property
    def kind(self) -> str:
        return "address not allowed"


class RedirectRefused(FetchError):
    """Too many redirects, or one to something that is not an http(s) URL."""

    @property
    def kind(self) -> str:
        return "bad redirect"


class BodyTooLarge(FetchError):
    """The body went past the fetcher's size cap; reading stopped there."""

    def __init__(self, url: str, limit: int) -> None:
        super().__init__(url, f"response larger than {limit:,} bytes")
        self.limit = limit

    @property
    def kind(self) -> str:
        return "response too large"


class MalformedResponse(FetchError):
    """The body is not the JSON or XML the board type promises."""

    @property
    def kind(self) -> str:
        return "not a job board"


class RetryLater(FetchError):
    """The server asked us to back off (429, or 503 with Retry-After)."""

    def __init__(self, url: str, seconds: float, status: int) -> None:
        super().__init__(url, f"HTTP {status}: asked to retry in {seconds:g} s")
        self.seconds = seconds
        self.status = status

    @property
    def kind(self) -> str:
        return f"HTTP {self.status}, asked to wait"


class NotModified(Exception):
    """A conditional GET found the resource unchanged (HTTP 304).

    Deliberately not a ``JobBoardError``: code that catches failures should
    not treat "nothing new" as one.
    """

    def __init__(self, url: str) -> None:
        super().__init__(f"not modified ({redact_url(url)})")
        self.url = url

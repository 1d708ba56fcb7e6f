"""Errors raised by the job-board layer.

Every message is one line a person can read in a log or a chat reply, so the
poller and the CLI can show ``str(error)`` as is.
"""

from __future__ import annotations


class JobBoardError(Exception):
    """Base of every error the job-board layer raises on purpose."""


class BoardConfigError(JobBoardError):
    """A source is described wrongly (unknown type, missing base URL, bad id)."""


class FetchError(JobBoardError):
    """Fetching a URL failed; ``url`` says which one."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{message} ({url})")
        self.url = url


class HttpStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, url: str, status: int) -> None:
        super().__init__(url, f"HTTP {status}")
        self.status = status


class FetchTimeout(FetchError):
    """The whole request took longer than the fetcher's timeout."""

    def __init__(self, url: str, seconds: float) -> None:
        super().__init__(url, f"timed out after {seconds:g} s")
        self.seconds = seconds


class FetchConnectionError(FetchError):
    """No HTTP answer at all: DNS, refused connection, reset."""


class BodyTooLarge(FetchError):
    """The body went past the fetcher's size cap; reading stopped there."""

    def __init__(self, url: str, limit: int) -> None:
        super().__init__(url, f"response larger than {limit:,} bytes")
        self.limit = limit


class MalformedResponse(FetchError):
    """The body is not the JSON or XML the board type promises."""


class RetryLater(FetchError):
    """The server asked us to back off (429, or 503 with Retry-After)."""

    def __init__(self, url: str, seconds: float, status: int) -> None:
        super().__init__(url, f"HTTP {status}: asked to retry in {seconds:g} s")
        self.seconds = seconds
        self.status = status


class NotModified(Exception):
    """A conditional GET found the resource unchanged (HTTP 304).

    Deliberately not a ``JobBoardError``: code that catches failures should
    not treat "nothing new" as one.
    """

    def __init__(self, url: str) -> None:
        super().__init__(f"not modified ({url})")
        self.url = url

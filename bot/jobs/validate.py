"""Check a source's description before it is stored (config or chat)."""

from __future__ import annotations

from bot.jobs.boards import BOARD_TYPES, board_client
from bot.jobs.boards.workday import split_board
from bot.jobs.errors import BoardConfigError
from bot.jobs.fetch.addresses import is_public, literal_address
from bot.jobs.source import SourceSpec
from commands.urls import redact_urls, url_host


class BoardValidator:
    """The `commands.job_boards.BoardChecker` the bot's wiring hands to commands.

    Sources typed in chat may only name public addresses unless
    ``allow_private`` (``[poller] allow_private_addresses``). Only what can be
    told without a lookup is refused here (an IP in any spelling, localhost);
    names are checked on every fetch, when they are resolved.
    """

    def __init__(self, *, allow_private: bool = False) -> None:
        self.allow_private = allow_private

    def problem(self, board_type: str, board: str, base_url: str | None) -> str | None:
        try:
            check_source(board_type, board, base_url)
            if not self.allow_private:
                check_public(board_type, board, base_url)
        except BoardConfigError as error:
            return redact_urls(str(error))  # a reason may quote what was typed
        return None

    def host(self, board_type: str, board: str, base_url: str | None) -> str:
        return source_host(board_type, board, base_url)


def check_source(board_type: str, board: str, base_url: str | None) -> None:
    """Raise ``BoardConfigError`` with a one-line reason when the source cannot be polled.

    These are the checks a board client would otherwise make only at fetch
    time, when nobody is there to read the error.
    """
    board_client(board_type)
    SourceSpec(board_type, board, base_url=base_url)
    if base_url is not None and not base_url.startswith(("https://", "http://")):
        raise BoardConfigError("base_url must start with https:// or http://")
    if board_type == "workday":
        split_board(board)
        if not base_url:
            raise BoardConfigError("workday needs base_url, e.g. https://TENANT.wd5.myworkdayjobs.com")
    if board_type == "rss" and not board.startswith(("https://", "http://")) and not base_url:
        raise BoardConfigError("an rss board is a feed URL (or a path under base_url)")


def check_public(board_type: str, board: str, base_url: str | None) -> None:
    """Refuse a source whose address is plainly not public (no DNS lookup here)."""
    urls = [base_url] if base_url else []
    if board_type == "rss" and board.startswith(("https://", "http://")):
        urls.append(board)
    for url in urls:
        host = url_host(url)
        address = literal_address(host)
        local_name = host.rstrip(".") == "localhost" or host.rstrip(".").endswith(".localhost")
        if not host or local_name or (address is not None and not is_public(address)):
            raise BoardConfigError(
                f"{host or 'that address'} is not a public address: a source added in chat may only"
                " reach public addresses"
            )


def source_host(board_type: str, board: str, base_url: str | None) -> str:
    """The host a source's requests go to (all an organizer is shown of its address)."""
    if board_type == "file":
        return "a local file"
    if board_type == "rss" and board.startswith(("https://", "http://")):
        return url_host(board)
    client = BOARD_TYPES.get(board_type)
    default = client.default_base_url if client is not None else None
    return url_host(base_url or default or "") or "unknown host"

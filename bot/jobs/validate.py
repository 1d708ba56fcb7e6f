"""Check a source's description before it is stored (config or chat)."""

from __future__ import annotations

from bot.jobs.boards import board_client
from bot.jobs.boards.workday import split_board
from bot.jobs.errors import BoardConfigError
from bot.jobs.source import SourceSpec


class BoardValidator:
    """The `commands.job_boards.BoardChecker` the bot's wiring hands to commands."""

    def problem(self, board_type: str, board: str, base_url: str | None) -> str | None:
        try:
            check_source(board_type, board, base_url)
        except BoardConfigError as error:
            return str(error)
        return None


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

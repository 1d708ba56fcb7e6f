"""Where listings come from: one board of one type."""

from __future__ import annotations

from dataclasses import dataclass

from bot.jobs.errors import BoardConfigError

# Stop paging after this many pages even if the board says there are more:
# a board that never ends is broken, and we should not hammer it.
DEFAULT_MAX_PAGES = 50
# Detail calls (one request per listing) per fetch, at most.
DEFAULT_MAX_DETAILS = 25


@dataclass(frozen=True)
class SourceSpec:
    """One board to watch.

    ``board`` means what the type needs: a Greenhouse board token, a Lever
    site, an Ashby board name, a SmartRecruiters company id, ``TENANT/SITE``
    for Workday, the ``domain`` for Eightfold, the search text for amazon.jobs,
    a feed URL (or a path under ``base_url``) for RSS, a file path for
    ``file``. ``base_url`` overrides the type's default API host (Workday has
    none: each tenant has its own host). ``name`` is what listings carry as
    ``source``; it defaults to ``TYPE:BOARD``.
    """

    board_type: str
    board: str
    base_url: str | None = None
    company: str | None = None
    name: str | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    max_details: int = DEFAULT_MAX_DETAILS
    page_size: int | None = None

    def __post_init__(self) -> None:
        if not self.board.strip():
            raise BoardConfigError(f"{self.board_type} source needs a board id")
        if self.max_pages < 1 or self.max_details < 0:
            raise BoardConfigError("max_pages must be at least 1 and max_details not negative")
        if self.page_size is not None and self.page_size < 1:
            raise BoardConfigError("page_size must be at least 1")

    @property
    def source_name(self) -> str:
        return self.name or f"{self.board_type}:{self.board}"

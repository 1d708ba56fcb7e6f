"""The job-board layer: fetch studio job boards, read pay, spot AI listings.

Pure and reusable: no storage, no chat. A poller calls ``fetch_listings``
with one ``SourceSpec`` and a long-lived ``HttpFetcher``.
"""

from bot.jobs.boards import BOARD_TYPES, BoardResult, fetch_listings
from bot.jobs.check import check_board, format_listing_line, format_pay
from bot.jobs.classify import DEFAULT_AI_TERMS, AIClassifier
from bot.jobs.errors import (
    BoardConfigError,
    BodyTooLarge,
    FetchConnectionError,
    FetchError,
    FetchTimeout,
    HttpStatusError,
    JobBoardError,
    MalformedResponse,
    NotModified,
    RetryLater,
)
from bot.jobs.http import HttpFetcher
from bot.jobs.listing import Listing
from bot.jobs.pay import PayRange, extract_pay
from bot.jobs.source import SourceSpec

__all__ = [
    "BOARD_TYPES",
    "DEFAULT_AI_TERMS",
    "AIClassifier",
    "BoardConfigError",
    "BoardResult",
    "BodyTooLarge",
    "FetchConnectionError",
    "FetchError",
    "FetchTimeout",
    "HttpFetcher",
    "HttpStatusError",
    "JobBoardError",
    "Listing",
    "MalformedResponse",
    "NotModified",
    "PayRange",
    "RetryLater",
    "SourceSpec",
    "check_board",
    "extract_pay",
    "fetch_listings",
    "format_listing_line",
    "format_pay",
]

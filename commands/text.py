"""Make text from members safe to store and show.

Stored text is cleaned once on the way in (control characters dropped, length
capped). Anything shown in chat goes through `no_pings`, so a fact or a site
name containing ``@everyone`` or ``<!channel>`` never notifies anyone, on any
platform, even where an adapter forgets its own mention settings.
"""

from __future__ import annotations

import unicodedata

_ZWSP = "\u200b"


def clean_user_text(text: str, *, max_length: int) -> str:
    kept = "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")
    return " ".join(kept.split())[:max_length] if "\n" not in kept else kept.strip()[:max_length]


def no_pings(text: str) -> str:
    """Break every mention syntax Discord and Slack know with a zero-width space."""
    if "@" not in text and "<" not in text:
        return text  # every mention needs one of them; most replies have neither
    return (
        text.replace("@everyone", f"@{_ZWSP}everyone")
        .replace("@here", f"@{_ZWSP}here")
        .replace("@channel", f"@{_ZWSP}channel")
        .replace("<@", f"<{_ZWSP}@")
        .replace("<!", f"<{_ZWSP}!")
        .replace("<#", f"<{_ZWSP}#")
    )


def shorten(text: str, limit: int) -> str:
    """Cut to `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"

"""How interactions reach the bot, said the same way at start-up and by ``picketbot discord sync``.

Discord sends an application's interactions one of two ways, chosen in the
Developer Portal (General Information → Interactions Endpoint URL):

- the URL is empty: over the gateway, to a connected bot (picketbot without
  ``DISCORD_PUBLIC_KEY``);
- the URL is set: as signed HTTP POSTs to that URL, and none over the
  gateway (picketbot with ``DISCORD_PUBLIC_KEY``, at
  ``<[http] public_url>/discord/interactions``).

A mismatch (a URL set while the bot waits on the gateway, none while it
waits for HTTP) leaves every command unanswered, so both checks say which
setting to change.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from bot.adapters.discord.config import DiscordSettings

INTERACTIONS_PATH = "/discord/interactions"
PORTAL = "Developer Portal → General Information"


def endpoint_url(public_url: str) -> str:
    return public_url.rstrip("/") + INTERACTIONS_PATH


def key_matches(settings: DiscordSettings, verify_key: str) -> bool:
    """Whether DISCORD_PUBLIC_KEY is the application's public key (always, without one)."""
    return settings.public_key is None or settings.public_key.lower() == verify_key.lower()


def mode_line(settings: DiscordSettings, public_url: str) -> str:
    if settings.over_http:
        gateway = " (and the gateway, [discord] gateway = true)" if settings.gateway else ", no gateway"
        return f"Interactions come over HTTP at {endpoint_url(public_url)}{gateway}."
    return "Interactions come over the gateway (DISCORD_PUBLIC_KEY is not set)."


def endpoint_problems(
    settings: DiscordSettings, endpoint: str | None, verify_key: str, public_url: str
) -> list[str]:
    """What is wrong with the application's settings for the mode chosen, one line each."""
    if not settings.over_http:
        if endpoint:
            return [
                f"the application has an Interactions Endpoint URL ({endpoint}), so Discord sends "
                "interactions there, not over the gateway: set DISCORD_PUBLIC_KEY to serve them "
                f"here, or clear the URL ({PORTAL})"
            ]
        return []
    problems = []
    if not reachable_from_outside(public_url):
        problems.append(
            f"[http] public_url is {public_url}, which Discord cannot reach: set it to the public "
            "https address that forwards to this bot's public listener"
        )
    if not key_matches(settings, verify_key):
        problems.append(f"DISCORD_PUBLIC_KEY is not this application's public key ({PORTAL} → Public Key)")
    wanted = endpoint_url(public_url)
    if not endpoint:
        problems.append(
            f"the application has no Interactions Endpoint URL yet: set it to {wanted} ({PORTAL})"
        )
    elif endpoint.rstrip("/") != wanted:
        problems.append(
            f"the application's Interactions Endpoint URL is {endpoint}, not {wanted}: fine behind a "
            "proxy that forwards it here, otherwise set [http] public_url or the URL"
        )
    return problems


def reachable_from_outside(public_url: str) -> bool:
    """Whether the address could be Discord's way in: not this machine's name or a private address."""
    host = (urlsplit(public_url).hostname or "").lower()
    if host in ("", "localhost") or host.endswith(".localhost"):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True  # a name: whether it resolves publicly is for the operator's DNS
    return address.is_global

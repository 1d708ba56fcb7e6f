"""Where the public listener listens and how members reach it: ``[http]``, and its old names.

The public listener is one HTTP port for everything platforms and members
reach from outside (Slack's ``/slack/events``, calendar feeds, Discord
interactions later); see `bot.public`. It used to be Slack's own port, so
``[slack] port`` / ``PICKETBOT_SLACK_PORT`` and ``[slack] host`` are still
read when ``[http] public_port`` / ``public_host`` are not set.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config.loading import Config
from bot.config.schema import HttpSection, SlackSection

DEFAULT_PUBLIC_PORT = 3000
DEFAULT_PUBLIC_HOST = "0.0.0.0"


@dataclass(frozen=True)
class PublicSettings:
    host: str
    port: int
    #: The listener as members reach it, without a trailing slash: links start with it.
    url: str
    #: Whether `url` was configured ([http] public_url), rather than guessed as localhost.
    url_configured: bool


def _old_names_given(config: Config) -> bool:
    """Whether ``[slack] port``/``host`` or ``PICKETBOT_SLACK_PORT`` are set (only then is
    ``[slack]`` read here: a console need not have a valid Slack section)."""
    return config.is_set(SlackSection, "port") or config.is_set(SlackSection, "host")


def public_settings(config: Config) -> PublicSettings:
    http = config.read(HttpSection)
    port, host = http.public_port, http.public_host
    if (port is None or host is None) and _old_names_given(config):
        slack = config.read(SlackSection)
        port = slack.port if port is None else port
        host = slack.host if host is None else host
    port = DEFAULT_PUBLIC_PORT if port is None else port
    url = (http.public_url or f"http://localhost:{port}").rstrip("/")
    return PublicSettings(host or DEFAULT_PUBLIC_HOST, port, url, http.public_url is not None)

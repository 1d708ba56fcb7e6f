"""[poller] numbers: infinite, not-a-number and out-of-range values are one line naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config.loading import ConfigError, load_config
from bot.jobs.poller_settings import poller_settings
from tests.poller.test_settings import config_with


def test_an_infinite_max_body_is_a_config_error_not_an_overflowerror(tmp_path: Path) -> None:
    # TOML has inf; int(inf * 1024 * 1024) raises OverflowError, and every start prints a traceback.
    config = load_config(config_path=str(config_with(tmp_path, "[poller]\nmax_body_mb = inf\n")), env={})

    with pytest.raises(ConfigError):
        poller_settings(config)


def test_a_nan_timeout_is_a_config_error(tmp_path: Path) -> None:
    # nan <= 0 is False, so "must be a positive number" lets it through; every request then
    # "times out after nan s" at once and no board is ever polled.
    config = load_config(config_path=str(config_with(tmp_path, "[poller]\nrequest_timeout = nan\n")), env={})

    with pytest.raises(ConfigError):
        poller_settings(config)

"""Roles from configured user ids and Slack user groups (read from the fake's usergroups.users.list)."""

from __future__ import annotations

import logging

import pytest

from bot.adapters.slack.app import build_client
from bot.adapters.slack.config import RoleSettings, slack_settings
from bot.adapters.slack.roles import FAILURE_TTL_SECONDS, GROUP_TTL_SECONDS, SlackRoles
from bot.config.loading import load_config
from bot.testing.fakes.slack import DEFAULT_USER_ID, FakeSlack
from commands.roles import Role
from tests.slack.conftest import CAPTAIN_ID, CAPTAINS_GROUP, ORGANIZER_ID, slack_env


class Ticker:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_roles(fake: FakeSlack, ticker: Ticker, **settings: object) -> SlackRoles:
    client = build_client(slack_settings(load_config(env=slack_env(fake))))
    return SlackRoles(client, RoleSettings(**settings), clock=ticker)  # type: ignore[arg-type]


async def test_ids_and_groups_map_to_roles(fake: FakeSlack) -> None:
    fake.add_usergroup("S0ORGS", ["U0GROUPORG"])
    roles = make_roles(
        fake,
        Ticker(),
        organizer_ids=frozenset({ORGANIZER_ID}),
        organizer_group="S0ORGS",
        captain_group=CAPTAINS_GROUP,
    )

    assert await roles.role_of(ORGANIZER_ID) == Role.ORGANIZER
    assert await roles.role_of("U0GROUPORG") == Role.ORGANIZER
    assert await roles.role_of(CAPTAIN_ID) == Role.CAPTAIN
    assert await roles.role_of(DEFAULT_USER_ID) == Role.MEMBER
    actor = await roles.actor(CAPTAIN_ID, "cap")
    assert (actor.platform, actor.user_id, actor.display_name, actor.role) == (
        "slack",
        CAPTAIN_ID,
        "cap",
        Role.CAPTAIN,
    )


async def test_no_configuration_means_member_and_no_api_calls(fake: FakeSlack) -> None:
    roles = make_roles(fake, Ticker())

    assert await roles.role_of(ORGANIZER_ID) == Role.MEMBER
    assert fake.calls("usergroups.users.list") == []


async def test_group_members_are_cached_for_a_few_minutes(fake: FakeSlack) -> None:
    ticker = Ticker()
    roles = make_roles(fake, ticker, captain_group=CAPTAINS_GROUP)

    for _ in range(5):
        assert await roles.role_of(CAPTAIN_ID) == Role.CAPTAIN
    assert len(fake.calls("usergroups.users.list")) == 1

    fake.add_usergroup(CAPTAINS_GROUP, [DEFAULT_USER_ID])
    assert await roles.role_of(DEFAULT_USER_ID) == Role.MEMBER  # still the cached list
    ticker.now += GROUP_TTL_SECONDS + 1
    assert await roles.role_of(DEFAULT_USER_ID) == Role.CAPTAIN
    assert await roles.role_of(CAPTAIN_ID) == Role.MEMBER
    assert len(fake.calls("usergroups.users.list")) == 2


async def test_a_failed_lookup_keeps_the_last_known_members(
    fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    ticker = Ticker()
    roles = make_roles(fake, ticker, captain_group=CAPTAINS_GROUP)
    assert await roles.role_of(CAPTAIN_ID) == Role.CAPTAIN
    ticker.now += GROUP_TTL_SECONDS + 1
    fake.rate_limit("usergroups.users.list", times=1, retry_after=120)

    with caplog.at_level(logging.WARNING, logger="picketbot.slack"):
        assert await roles.role_of(CAPTAIN_ID) == Role.CAPTAIN

    assert "could not read Slack user group S0CAPTAINS" in caplog.text
    # Not asked again until the failure wait is over.
    assert await roles.role_of(CAPTAIN_ID) == Role.CAPTAIN
    assert len(fake.calls("usergroups.users.list")) == 2
    ticker.now += FAILURE_TTL_SECONDS + 1
    assert await roles.role_of(CAPTAIN_ID) == Role.CAPTAIN
    assert len(fake.calls("usergroups.users.list")) == 3


async def test_unknown_group_means_member(fake: FakeSlack) -> None:
    roles = make_roles(fake, Ticker(), organizer_group="S0TYPO")

    assert await roles.role_of(ORGANIZER_ID) == Role.MEMBER
    assert fake.calls("usergroups.users.list")[0].response["error"] == "no_such_subteam"

"""Review of issue 11 (hardening): credentials that still survive `redact_url(s)`.

One test per hole found by the security review; it fails until fixed. What gets
through reaches the audit log (`/jobs source add`), log lines and the command line.
"""

from __future__ import annotations

import pytest

from commands.urls import redact_url, redact_urls

SECRET = "s3cr3tVALUE42"


@pytest.mark.parametrize(
    "name", ["accesstoken", "apitoken", "authtoken", "clienttoken", "clientsecret", "secretkey", "privatekey"]
)
def test_review_a_credential_parameter_written_as_one_lowercase_word_is_redacted(name: str) -> None:
    # "access_token", "accessToken" and "ACCESS_TOKEN" are caught; "accesstoken" is not, since
    # the name is only split at punctuation and camelCase and then looked up whole.
    shown = redact_url(f"https://feeds.example/jobs.rss?{name}={SECRET}")

    assert SECRET not in shown


def test_review_a_credential_after_a_parenthesis_in_a_query_is_redacted() -> None:
    # The URL pattern stops at ")" (meant for "(URL)" in our own messages), so the rest of
    # the query, credential included, is left as it was.
    shown = redact_urls(f"fetch failed (https://feeds.example/jobs?q=(ai)&token={SECRET})")

    assert SECRET not in shown

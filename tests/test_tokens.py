from __future__ import annotations

import pytest

from commands.errors import UsageError
from commands.tokens import Token, tokenize


def test_words_quotes_and_options() -> None:
    tokens = tokenize('site add "Netflix Sunset Gate" tz=America/Los_Angeles notes="bring water"')
    assert tokens == [
        Token("site"),
        Token("add"),
        Token("Netflix Sunset Gate", quoted=True),
        Token("America/Los_Angeles", key="tz"),
        Token("bring water", key="notes", quoted=True),
    ]


def test_curly_quotes_from_phones() -> None:
    assert tokenize("add “Paramount Gate”")[1] == Token("Paramount Gate", quoted=True)


def test_quoted_equals_is_text_not_an_option() -> None:
    assert tokenize('"a=b"') == [Token("a=b", quoted=True)]


def test_option_keys_are_lowercased_and_raw_kept() -> None:
    token = tokenize("Capacity=30")[0]
    assert token.key == "capacity"
    assert token.raw == "capacity=30"


def test_unclosed_quote_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unclosed quote"):
        tokenize('add "Netflix')


def test_empty_and_whitespace() -> None:
    assert tokenize("") == []
    assert tokenize("   \t ") == []

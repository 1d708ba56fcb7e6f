"""Which listings count as AI / machine-learning jobs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.jobs.classify import DEFAULT_THRESHOLD, AIClassifier
from bot.jobs.listing import Listing

classifier = AIClassifier()


@pytest.mark.parametrize(
    "title",
    [
        "Machine Learning Engineer",
        "Technical Director, Generative AI",
        "Research Scientist, LLMs",
        "Product Manager - Machine Learning Platform",
        "[2026] AI/ML Engineer Intern",
        "Senior Engineer, GenAI Tools",
        "Computer Vision Engineer, Visual Effects",
        "Applied Scientist, Video Understanding",
        "NLP Engineer (Subtitles)",
        "Digital Replica Producer",
        "MLOps Engineer",
    ],
)
def test_ai_titles_qualify_alone(title: str) -> None:
    assert classifier.is_ai(title, "")


@pytest.mark.parametrize(
    "title",
    [
        "Corporate Counsel",
        "Customer Data Scientist - Experimentation",
        "Said Producer",  # "AI" must not match inside words
        "Email Marketing Manager",
        "Thailand Country Manager",
        "Ai Weiwei Exhibit Curator",  # "Ai" is not the acronym
        "Maintenance Technician",
        "Paid Media Lead",
        "Mail Room Clerk",
    ],
)
def test_other_titles_do_not(title: str) -> None:
    assert not classifier.is_ai(title, "")


def test_one_mention_in_the_description_is_not_enough() -> None:
    lawyer = (
        "You will draft contracts and advise on privacy. Experience with machine learning products helps."
    )
    assert classifier.score("Corporate Counsel", lawyer) == 1
    assert not classifier.is_ai("Corporate Counsel", lawyer)


def test_repeated_boilerplate_counts_once() -> None:
    blurb = "The leading AI platform. AI agents and AI insights help teams. AI! AI!"
    assert classifier.score("Account Executive", blurb) == 1


def test_buzzwords_count_once_together() -> None:
    text = "Artificial intelligence and generative AI, with GenAI everywhere."
    assert classifier.description_hits(text) == {"artificial intelligence", "generative", "AI", "GenAI"}
    assert classifier.score("Account Executive", text) == 1


def test_several_distinct_terms_in_the_description_qualify() -> None:
    text = "You will use machine learning, deep learning and computer vision on viewing data."
    assert classifier.score("Senior Analyst, Audience Modeling", text) == 3
    assert classifier.is_ai("Senior Analyst, Audience Modeling", text)


@pytest.mark.parametrize(
    "text",
    [
        # Using AI tools is not working on AI.
        "You will work alongside AI-driven tools that predict equipment failures and use "
        "machine-learning roto tools, AI-assisted dialogue leveling and generative AI tools.",
        # The company describing itself, and the notice about applying.
        "We use machine learning, deep learning and large language models in everything we build. "
        "Our recommendations, powered by machine learning, help members. "
        "Meridian Labs is an applied research lab building foundation models and LLMs with PyTorch. "
        "We may use AI tools to help review applications.",
        # Denials and nice-to-haves.
        "Your voice will never be used for voice cloning or to train AI models with deep learning. "
        "Exposure to machine learning, NLP or computer vision projects is a plus.",
        # Everyday meanings: causal inference, audience segmentation.
        "You will run experiments with causal inference and audience segmentation.",
    ],
)
def test_passing_mentions_do_not_make_an_ai_job(text: str) -> None:
    assert classifier.description_hits(text) == set()
    assert not classifier.is_ai("Maintenance Technician", text)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Research Scientist, Recommendations",
            "Develop new recommendation models and test them on our data. PhD with deep learning experience.",
        ),
        (
            "Data Scientist, Personalization",
            "Train and evaluate models on viewing histories; embeddings a must.",
        ),
        ("Speech Scientist", "Train end-to-end speech recognition models across 40 languages."),
        (
            "Software Engineer",
            "Build the pipelines that train and serve our recommendation models: embeddings and PyTorch.",
        ),
    ],
)
def test_ai_work_under_a_title_that_does_not_say_ai(title: str, text: str) -> None:
    assert classifier.is_ai(title, text)


def test_a_hint_title_alone_is_not_enough() -> None:
    assert not classifier.is_ai("Research Scientist, Materials", "Study polymers for stage sets.")
    assert classifier.title_may_be_ai("Research Scientist, Materials")
    assert not classifier.title_may_be_ai("Grip")


def test_a_title_term_used_as_a_tool_is_not_enough() -> None:
    assert not classifier.is_ai("Video Editor (AI-assisted workflows)", "Cut promos and trailers.")
    assert classifier.is_ai("Senior Engineer, GenAI Tools", "")


def test_plurals_and_case_rules() -> None:
    assert classifier.description_hits("Neural networks and large language models") == {
        "neural",
        "neural network",
        "large language model",
        "language model",
    }
    assert classifier.description_hits("we said ai, ml and nlp in lower case") == set()
    assert classifier.description_hits("LLMS and AIs") == {"LLM", "AI"}


def test_from_mapping_reads_the_config_table() -> None:
    custom = AIClassifier.from_mapping(
        {"title_terms": ["robot"], "extra_terms": ["synthetic performer"], "threshold": 2}
    )
    assert custom.is_ai("Robot Wrangler", "")
    assert custom.is_ai("Synthetic Performer Producer", "")  # extra terms count in titles too
    assert not custom.is_ai("Machine Learning Engineer", "")  # no longer a title term
    assert not custom.is_ai("Casting Associate", "Synthetic performers, more synthetic performers")
    assert custom.is_ai("Casting Associate", "Synthetic performers built with machine learning")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"threshold": 0}, "at least 1"),
        ({"threshold": "3"}, "whole number"),
        ({"title_terms": "AI"}, "list of strings"),
        ({"title_terms": ["AI", ""]}, "non-empty"),
        ({"tresholds": 2}, "unknown classifier setting"),
    ],
)
def test_from_mapping_rejects_bad_settings(config: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        AIClassifier.from_mapping(config)


def test_classify_sets_is_ai_on_a_listing() -> None:
    listing = Listing("greenhouse:x", "Lantern", "1", "Research Scientist, LLMs")
    assert classifier.classify(listing).is_ai
    assert not classifier.classify(Listing("s", "c", "2", "Grip")).is_ai
    assert classifier.threshold == DEFAULT_THRESHOLD


def test_long_descriptions_finish() -> None:
    text = "AI " * 200_000 + "machine learning deep learning"
    assert classifier.score("Clerk", text) == 1  # terms past the cap are not read, "AI" counts once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500), st.text(max_size=2_000))
def test_never_raises(title: str, description: str) -> None:
    score = classifier.score(title, description)
    assert score >= 0
    assert classifier.is_ai(title, description) == (score >= classifier.threshold)

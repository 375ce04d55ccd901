"""The seed story end to end: the brief of the design's example."""

from __future__ import annotations

import pytest

from bot.briefing import Brief, article_from_text, brief_article, render_brief_text


@pytest.fixture(scope="module")
def seed_brief(seed_text: str) -> Brief:
    return brief_article(article_from_text(seed_text))


def test_seed_title_date_and_site(seed_brief: Brief) -> None:
    assert (
        seed_brief.title == "Umerov discusses joint production of ammunition with KNDS leadership"
    )
    assert seed_brief.published == "2025-02-15"
    assert seed_brief.site == "Ukrinform"


def test_seed_main_meeting(seed_brief: Brief) -> None:
    main = seed_brief.meetings[0]
    assert [(p.name, p.title, p.affiliation) for p in main.who] == [
        ("Rustem Umerov", "Defense Minister", "Ukraine")
    ]
    assert [p.name for p in main.with_] == ["KNDS France", "KNDS Deutschland"]
    assert main.where == "Munich Security Conference"
    assert main.topics


def test_seed_background_meeting_with_finland(seed_brief: Brief) -> None:
    assert len(seed_brief.meetings) == 2
    names = {p.name for p in (*seed_brief.meetings[1].who, *seed_brief.meetings[1].with_)}
    assert names == {"Rustem Umerov", "Antti Häkkänen"}


def test_seed_entities(seed_brief: Brief) -> None:
    assert {"Rustem Umerov", "Antti Häkkänen"} <= set(seed_brief.entities.people)
    assert {"KNDS France", "KNDS Deutschland"} <= set(seed_brief.entities.organizations)
    assert "Finland Rustem Umerov" not in seed_brief.entities.all_names()


def test_seed_topics_and_bullets(seed_brief: Brief) -> None:
    assert 3 <= len(seed_brief.topics) <= 6
    assert all(2 <= len(t.split()) <= 6 or t.isupper() for t in seed_brief.topics)
    assert 3 <= len(seed_brief.bullets) <= 5
    assert all(len(b) <= 300 for b in seed_brief.bullets)
    joined = "\n".join(seed_brief.bullets)
    for junk in ("Advertising", "Related Articles", "Leave a Reply", "Read also", "http"):
        assert junk not in joined
    assert "KNDS Deutschland" in seed_brief.bullets[0]


def test_seed_text_is_clean_and_searchable(seed_brief: Brief) -> None:
    assert "KNDS" in seed_brief.text
    assert "Leave a Reply" not in seed_brief.text
    assert "poawooptugroo" not in seed_brief.text


def test_seed_renders_as_text(seed_brief: Brief) -> None:
    text = render_brief_text(seed_brief)
    assert text.startswith("Umerov discusses")
    assert "• Rustem Umerov" in text


def test_seed_json_round_trip(seed_brief: Brief) -> None:
    data = seed_brief.to_dict()
    assert data["meetings"][0]["with"][0]["name"] == "KNDS France"
    assert Brief.from_dict(data).to_dict() == data

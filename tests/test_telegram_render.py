"""Replies as Telegram HTML: layout, escaping, and parts within 4096 UTF-16 code units.

Every part is checked with the fake Bot API's HTML parser, which refuses what Telegram refuses.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.adapters.telegram_render import (
    MAX_MESSAGE,
    html_to_plain,
    render,
    split_html,
    utf16_len,
)
from bot.core.reply import Card, Reply, Section
from tests.fake_telegram import ApiError, parse_html

SEED_CARD = Card(
    title="Umerov discusses joint production of ammunition with KNDS leadership",
    url="https://www.ukrinform.net/rubric-defense/3960000-umerov.html",
    site="Ukrinform",
    published="2025-02-15",
    bullets=[
        "Rustem Umerov (Ukraine's Defense Minister) met KNDS France and KNDS Deutschland "
        "leadership at the Munich Security Conference",
        "Topics: joint 155mm ammunition production; equipment maintenance; UAV systems",
    ],
    matched=["KNDS Deutschland"],
    also_reported_by=["Militarnyi", "Defense Express"],
)


def visible(text: str) -> str:
    """What a reader sees, whitespace aside (cuts may fall on any whitespace)."""
    return re.sub(r"\s+", "", parse_html(text)[0])


def test_a_card_has_a_bold_title_bullets_matched_line_and_link() -> None:
    [part] = render(Reply(sections=[Section("KNDS", [SEED_CARD])]))
    text, entities = parse_html(part["text"])
    lines = text.splitlines()
    assert lines[0] == "KNDS"
    assert lines[1] == SEED_CARD.title
    assert lines[2].startswith("• Rustem Umerov") and lines[3].startswith("• Topics:")
    assert lines[4] == "matched: KNDS Deutschland"
    assert lines[5] == "Ukrinform · 15 Feb 2025"
    assert lines[6] == "also reported by Militarnyi, Defense Express"
    title_at = text.index(SEED_CARD.title)
    bold = {"type": "bold", "offset": title_at, "length": len(SEED_CARD.title)}
    assert bold in entities
    [link] = [e for e in entities if e["type"] == "text_link"]
    assert link["url"] == SEED_CARD.url
    assert text[link["offset"] : link["offset"] + link["length"]] == "Ukrinform"


def test_text_from_articles_and_users_is_escaped() -> None:
    hostile = Card(
        title='<b>Breaking</b> & "quoted" <script>',
        url='https://example.com/a?x=1&y="2"><b>',
        site="<i>Site</i>",
        bullets=["5 < 6 & 7 > 3", "&amp; stays literal"],
        matched=["</b>"],
        also_reported_by=["A&B"],
    )
    reply = Reply(text="You asked for <KNDS> & more", sections=[Section("<u>", [hostile])])
    [part] = render(reply)
    text, entities = parse_html(part["text"])  # Telegram would accept it
    for raw in [
        '<b>Breaking</b> & "quoted" <script>',
        "5 < 6 & 7 > 3",
        "&amp; stays literal",
        "matched: </b>",
        "<i>Site</i>",
        "You asked for <KNDS> & more",
        "A&B",
    ]:
        assert raw in text
    [link] = [e for e in entities if e["type"] == "text_link"]
    assert link["url"] == hostile.url


def test_only_web_addresses_become_links() -> None:
    card = Card(title="t", url="javascript:alert(1)", site="Evil")
    [part] = render(Reply(sections=[Section(None, [card])]))
    text, entities = parse_html(part["text"])
    assert "javascript:alert(1)" in text
    assert not [e for e in entities if e["type"] == "text_link"]
    [part] = render(Reply(sections=[Section(None, [Card(title="t", url="https://www.dw.com/x")])]))
    assert '<a href="https://www.dw.com/x">dw.com</a>' in part["text"]


def test_link_previews_are_off_only_when_the_reply_says_so() -> None:
    [digest] = render(Reply(text="briefing", link_previews=False))
    [answer] = render(Reply(text="answer"))
    assert digest["link_preview_options"] == {"is_disabled": True}
    assert "link_preview_options" not in answer
    assert digest["parse_mode"] == answer["parse_mode"] == "HTML"


def test_an_empty_reply_renders_to_nothing() -> None:
    assert render(Reply()) == []


def test_a_long_briefing_splits_between_cards_within_the_limit() -> None:
    cards = [
        Card(
            title=f"Story {n}: {SEED_CARD.title}",
            url=f"https://e.example/{n}",
            site="Site",
            bullets=SEED_CARD.bullets,
            matched=["KNDS"],
        )
        for n in range(60)
    ]
    reply = Reply(
        text="Your briefing",
        sections=[Section("KNDS", cards[:30]), Section("UAV systems", cards[30:])],
        link_previews=False,
    )
    parts = render(reply)
    assert len(parts) > 1
    titles = []
    for part in parts:
        assert utf16_len(part["text"]) <= MAX_MESSAGE
        text, _ = parse_html(part["text"])
        # Each part starts with a whole card (or the reply's text / a heading before one).
        first = next(line for line in text.splitlines() if line.startswith("Story "))
        assert first.startswith("Story ") and ":" in first
        assert text.endswith("matched: KNDS\nSite")  # ends with a whole card
        titles += [line.split(":")[0] for line in text.splitlines() if line.startswith("Story ")]
    assert titles == [f"Story {n}" for n in range(60)]
    assert all(p["link_preview_options"] == {"is_disabled": True} for p in parts)


def test_limits_count_utf16_code_units_not_characters() -> None:
    emoji = "📰" * 3000  # 3000 characters, 6000 UTF-16 code units
    parts = render(Reply(text=f"{emoji} {emoji}"))
    assert len(parts) >= 2
    assert all(utf16_len(p["text"]) <= MAX_MESSAGE for p in parts)
    assert "".join(visible(p["text"]) for p in parts) == emoji * 2


def test_an_oversized_paragraph_is_cut_without_breaking_tags_or_entities() -> None:
    bullet = " ".join(f"word{n} &<x>" for n in range(1500))  # ~16,000 characters, escaped
    card = Card(
        title="A very long one", url="https://e.example/long", site="Site", bullets=[bullet]
    )
    reply = Reply(sections=[Section("Heading", [card])])
    [whole] = render(reply, limit=10**6)
    parts = render(reply)
    assert len(parts) >= 4
    for part in parts:
        assert utf16_len(part["text"]) <= MAX_MESSAGE
        parse_html(part["text"])  # balanced tags, whole entities
    assert "".join(visible(p["text"]) for p in parts) == visible(whole["text"])


def test_a_cut_inside_bold_text_closes_and_reopens_the_tag() -> None:
    pieces = split_html("<b>" + "word " * 400 + "</b>", 300)
    assert len(pieces) > 5
    for piece in pieces:
        assert piece.startswith("<b>") and piece.endswith("</b>") and utf16_len(piece) <= 300
        [entity] = parse_html(piece)[1]
        assert entity["type"] == "bold"


def test_a_word_longer_than_a_message_is_cut_by_characters() -> None:
    word = "x" * 5000 + "🙂" * 3000
    pieces = split_html(word, MAX_MESSAGE)
    assert all(utf16_len(p) <= MAX_MESSAGE for p in pieces)
    assert "".join(pieces) == word


def test_plain_text_splits_without_reading_markup() -> None:
    text = "a <b not a tag & " * 600
    pieces = split_html(text, 1000, markup=False)
    assert all(utf16_len(p) <= 1000 for p in pieces)
    assert re.sub(r"\s+", "", "".join(pieces)) == re.sub(r"\s+", "", text)


def test_split_prefers_paragraphs_then_lines_then_words() -> None:
    text = "aaa bbb\nccc ddd\n\neee fff\nggg hhh"
    assert split_html(text, 20) == ["aaa bbb\nccc ddd", "eee fff\nggg hhh"]
    assert split_html("aaa bbb\nccc ddd", 10) == ["aaa bbb", "ccc ddd"]
    assert split_html("aaa bbb ccc ddd", 8) == ["aaa bbb", "ccc ddd"]


def test_plain_text_version_keeps_link_addresses() -> None:
    [part] = render(Reply(sections=[Section(None, [SEED_CARD])]))
    plain = html_to_plain(part["text"])
    assert f"Ukrinform ({SEED_CARD.url})" in plain
    assert "<b>" not in plain and SEED_CARD.title in plain
    assert html_to_plain('<a href="https://x.example">https://x.example</a> &amp; co') == (
        "https://x.example & co"
    )


def test_the_fake_parser_refuses_what_telegram_refuses() -> None:
    # The oracle above must be able to fail.
    for bad in ["<b>open", "<br>", "close</b>", "<b><i>x</b></i>", "a < b"]:
        with pytest.raises(ApiError, match="can't parse entities"):
            parse_html(bad)


text_chars = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
words = st.text(text_chars, min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(words, min_size=1, max_size=60).map(" ".join), min_size=1, max_size=12),
    st.lists(
        st.builds(
            Card,
            title=words,
            url=st.just("https://e.example/a?b=1&c=2"),
            site=words,
            bullets=st.lists(st.lists(words, max_size=80).map(" ".join), max_size=4),
        ),
        max_size=12,
    ),
    st.integers(min_value=300, max_value=MAX_MESSAGE),
)
def test_any_reply_splits_into_valid_parts_within_the_limit(
    paragraphs: list[str], cards: list[Card], limit: int
) -> None:
    reply = Reply(text="\n\n".join(paragraphs), sections=[Section("Topic", cards)])
    [whole] = render(reply, limit=10**7) or [{"text": ""}]
    parts = render(reply, limit=limit)
    for part in parts:
        assert utf16_len(part["text"]) <= limit
        parse_html(part["text"])
    assert "".join(visible(p["text"]) for p in parts) == visible(whole["text"])

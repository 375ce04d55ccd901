"""Replies as Block Kit: escaping, the block and text limits, and long briefings split in order."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.adapters.slack_render import render_reply
from bot.core.reply import Card, Reply, Section
from tests.fake_slack import message_problem

LINK = re.compile(r"<https?://[^<>|\s]+\|[^<>]*>")
NASTY = "AT&T <b>bold</b> & 5 > 3 <!channel> <@U123>"


def _texts(part: dict[str, Any]) -> list[str]:
    """Every mrkdwn string of a message: section texts, context elements, the fallback."""
    texts = [part["text"]]
    for block in part["blocks"]:
        if block["type"] in ("section",):
            texts.append(block["text"]["text"])
        texts += [element["text"] for element in block.get("elements", [])]
    return texts


def _assert_escaped(text: str) -> None:
    bare = LINK.sub("", text)
    assert "<" not in bare and ">" not in bare, text
    assert not re.search(r"&(?!amp;|lt;|gt;)", bare), text


def _assert_within_limits(parts: list[dict[str, Any]]) -> None:
    for part in parts:
        assert message_problem(part) is None
        assert len(part["blocks"]) <= 50
        assert part["text"] and len(part["text"]) <= 3000


def _card(n: int, *, bullets: int = 3, topic: str = "KNDS") -> Card:
    return Card(
        title=f"Article {n}: Umerov meets {topic} leadership",
        url=f"https://news.example/{n}?a=1&b=2",
        site="Ukrinform",
        published="2025-02-15",
        bullets=[f"Point {b} of article {n}: joint production of 155mm ammunition " * 2
                 for b in range(bullets)],
        matched=[topic],
    )


def _titles(parts: list[dict[str, Any]]) -> list[str]:
    found = []
    for part in parts:
        for block in part["blocks"]:
            if block["type"] == "section" and "accessory" in block:
                found.append(re.search(r"\|(.*?)>\*", block["text"]["text"], re.S)[1])
    return found


def test_card_has_link_title_bullets_context_and_button() -> None:
    reply = Reply(sections=[Section("KNDS", [_card(1)])])
    [part] = render_reply(reply)
    header, section, context = part["blocks"]
    assert header == {"type": "header", "text": {"type": "plain_text", "text": "KNDS"}}
    assert section["text"]["text"].startswith(
        "*<https://news.example/1?a=1&amp;b=2|Article 1: Umerov meets KNDS leadership>*\n• Point 0"
    )
    assert section["accessory"]["url"] == "https://news.example/1?a=1&b=2"
    assert section["accessory"]["type"] == "button"
    assert context["elements"][0]["text"] == "Ukrinform · 15 Feb 2025 · matched: KNDS"
    assert "Article 1" in part["text"] and part["unfurl_links"] is True


def test_all_article_and_user_text_is_escaped() -> None:
    card = Card(title=NASTY, url="https://x.example/a?b=1&c=<2>|3", site=NASTY,
                published=None, bullets=[NASTY], matched=[NASTY], also_reported_by=[NASTY])
    reply = Reply(text=NASTY, sections=[Section(NASTY, [card], note=NASTY)])
    parts = render_reply(reply)
    texts = [text for part in parts for text in _texts(part)]
    assert texts and all("AT&amp;T &lt;b&gt;" in t or "AT&T" not in t for t in texts)
    for text in texts:
        _assert_escaped(text)
    section = parts[0]["blocks"][2]
    assert "<https://x.example/a?b=1&amp;c=&lt;2&gt;%7C3|" in section["text"]["text"]
    # Header text is plain_text: shown literally by Slack, so it stays unescaped.
    assert parts[0]["blocks"][1]["text"]["text"] == NASTY


def test_sixty_article_briefing_is_split_within_limits_in_order() -> None:
    topics = ["KNDS", "air defense", "Rheinmetall"]
    reply = Reply(
        text="Your briefing: 60 new articles on 3 topics",
        sections=[Section(t, [_card(i * 20 + n, topic=t) for n in range(20)]) for i, t in
                  enumerate(topics)],
        link_previews=False,
    )
    parts = render_reply(reply)
    assert len(parts) >= 3
    _assert_within_limits(parts)
    assert _titles(parts) == [f"Article {n}: Umerov meets {topics[n // 20]} leadership"
                              for n in range(60)]
    for part in parts:
        assert part["unfurl_links"] is False and part["unfurl_media"] is False
        # A heading is never the last block of a message, away from its first card.
        assert part["blocks"][-1]["type"] != "header"


def test_long_text_is_split_into_sections_of_at_most_3000() -> None:
    lines = [f"line {n} & more <text>" for n in range(600)]
    word_soup = " ".join(["word&"] * 1500)  # one line far beyond 3000 once escaped
    unbroken = "x" * 7000
    reply = Reply(text="\n".join([*lines, word_soup, unbroken]))
    parts = render_reply(reply)
    _assert_within_limits(parts)
    sections = [b["text"]["text"] for p in parts for b in p["blocks"]]
    assert all(len(s) <= 3000 for s in sections)
    joined = "".join(sections).replace("\n", "").replace(" ", "")
    expected = "".join(
        s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        for s in [*lines, word_soup, unbroken]
    ).replace(" ", "")
    assert joined == expected


def test_oversized_card_is_cut_without_breaking_links_or_entities() -> None:
    card = Card(title="T" * 1000, url="https://x.example/" + "p" * 900,
                bullets=["&" * 999] * 10)
    [part] = render_reply(Reply(sections=[Section(None, [card])]))
    text = part["blocks"][0]["text"]["text"]
    assert len(text) <= 3000 and text.endswith("…")
    assert LINK.match(text[1:]) is not None
    assert re.search(r"&(?!amp;)", text[text.index(">*"):]) is None
    _assert_within_limits([part])


def test_card_without_url_or_with_a_huge_url() -> None:
    plain = Card(title="No link", url=None, bullets=["b"])
    huge = Card(title="Huge link", url="https://x.example/" + "q" * 3500)
    [part] = render_reply(Reply(sections=[Section(None, [plain, huge])]))
    sections = [b for b in part["blocks"] if b["type"] == "section"]
    assert sections[0]["text"]["text"] == "*No link*\n• b"
    assert sections[1]["text"]["text"] == "*Huge link*"
    assert all("accessory" not in s for s in sections)


def test_long_heading_is_clipped_to_the_header_limit() -> None:
    [part] = render_reply(Reply(sections=[Section("H" * 400, [], note="nothing new")]))
    assert len(part["blocks"][0]["text"]["text"]) == 150
    assert part["blocks"][1]["type"] == "context"


def test_empty_reply_renders_nothing() -> None:
    assert render_reply(Reply()) == []


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
_cards = st.builds(
    Card, title=_text.filter(str.strip), url=st.none() | st.just("https://e.example/a&b"),
    site=st.none() | _text, published=st.none() | st.just("2025-02-15"),
    bullets=st.lists(_text, max_size=8), matched=st.lists(_text, max_size=3),
    also_reported_by=st.lists(_text, max_size=3),
)
_replies = st.builds(
    Reply, text=st.text(max_size=8000),
    sections=st.lists(st.builds(Section, heading=st.none() | _text,
                                cards=st.lists(_cards, max_size=40),
                                note=st.none() | _text), max_size=4),
)


@settings(max_examples=60, deadline=None)
@given(_replies)
def test_any_reply_renders_within_slack_limits(reply: Reply) -> None:
    parts = render_reply(reply)
    _assert_within_limits(parts)
    for part in parts:
        for text in _texts(part):
            _assert_escaped(text)
    assert len(_titles(parts)) == sum(1 for c in reply.cards() if c.url)

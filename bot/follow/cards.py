"""Stored articles as chat cards, and the newest article on a topic."""

from __future__ import annotations

import json
from collections.abc import Iterable

from bot.briefing.brief import Brief
from bot.core.reply import Card
from bot.follow.matching import Match, Topic, match
from bot.store import Article, Store

# How many full-text candidates the matcher looks at for /latest; the newest come first.
_CANDIDATES = 200
_PAGE = 10


def stored_brief(row: Article) -> Brief:
    """The Brief of a stored article, with its text for matching."""
    return Brief.from_dict(json.loads(row.brief), text=row.text or "")


def article_card(
    row: Article,
    matches: Iterable[Match] = (),
    also: Iterable[str] = (),
    *,
    evidence: bool = False,
) -> Card:
    """The card a chat sees for one stored article; with `evidence`, its bullets are followed
    by the sentences its meetings were read from."""
    brief = stored_brief(row)
    matched: list[str] = []
    for found in matches:
        matched.extend(name for name in found.matched if name not in matched)
    bullets = list(brief.bullets)
    if evidence:
        bullets += _evidence_lines(brief)
    return Card(
        title=brief.title or row.title,
        url=row.link or row.url,
        site=brief.site or row.site,
        published=row.published,
        bullets=bullets,
        matched=matched,
        also_reported_by=list(also),
    )


def _evidence_lines(brief: Brief) -> list[str]:
    """ "From the text: “Umerov met KNDS France ...”", once per sentence; a brief with no
    meeting, or one stored before meetings kept their sentences, says so."""
    if not brief.meetings:
        return ["No meeting was read from this article."]
    sentences: list[str] = []
    for meeting in brief.meetings:
        if meeting.evidence and meeting.evidence not in sentences:
            sentences.append(meeting.evidence)
    if not sentences:
        return ["This article was briefed before meetings kept the sentences they came from."]
    return [f"From the text: “{sentence}”" for sentence in sentences]


def matching_articles(store: Store, topic: Topic, limit: int = 1) -> list[tuple[Article, Match]]:
    """The newest stored articles the topic matches: the full-text index, then the matcher."""
    found: list[tuple[Article, Match]] = []
    ids = store.search_articles(topic.search_groups, limit=_CANDIDATES)
    # Loaded a page at a time: the first candidates nearly always match.
    for start in range(0, len(ids), _PAGE):
        for row in store.articles_by_id(ids[start:start + _PAGE]):
            result = match(topic, stored_brief(row))
            if result:
                found.append((row, result))
                if len(found) >= limit:
                    return found
    return found

"""The daily briefing of one chat: what is new on its topics, grouped, each story once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, overload
from zoneinfo import ZoneInfo

from bot.core.reply import Reply, Section
from bot.follow.cards import article_card, stored_brief
from bot.follow.matching import Match, Matcher, Topic
from bot.store import Article, Chat, Store


@dataclass
class _Story:
    """Articles of one story (several outlets) that matched one chat's topics."""

    lead: Article
    matches: list[Match]
    meetings: int
    others: list[Article] = field(default_factory=list)

    @property
    def importance(self) -> tuple[int, int, float]:
        # More outlets first, then stories with a meeting, then the newest.
        return (1 + len(self.others), min(self.meetings, 1), self.lead.sort_at.timestamp())

    def also_reported_by(self) -> list[str]:
        lead_site = self.lead.site
        names: list[str] = []
        for row in self.others:
            name = row.site or row.url
            if name != lead_site and name not in names:
                names.append(name)
        return names


# A chat's first briefing looks back this far: what it missed just before it started following.
FIRST_LOOKBACK = timedelta(hours=24)


def window_start(chat: Chat) -> datetime:
    """Where the chat's next briefing starts: its last briefing, or a day before it joined."""
    return chat.last_briefing_at or chat.created_at - FIRST_LOOKBACK


@overload
def take_briefing(
    store: Store, chat: Chat, topics: Sequence[Topic], *, now: datetime,
    notice_when_empty: Literal[True],
) -> Reply: ...


@overload
def take_briefing(
    store: Store, chat: Chat, topics: Sequence[Topic], *, now: datetime, notice_when_empty: bool
) -> Reply | None: ...


def take_briefing(
    store: Store, chat: Chat, topics: Sequence[Topic], *, now: datetime, notice_when_empty: bool
) -> Reply | None:
    """The chat's briefing of what is new since its last one; the chat counts as briefed now."""
    since = window_start(chat)
    reply = build_briefing(
        store.articles_since(since),
        topics,
        since=since,
        timezone=chat.timezone,
        notice_when_empty=notice_when_empty,
    )
    store.mark_briefed(chat.id, now)
    return reply


def build_briefing(
    rows: Sequence[Article],
    topics: Sequence[Topic],
    *,
    since: datetime,
    timezone: str,
    notice_when_empty: bool,
) -> Reply | None:
    """A Reply with a section per topic, or None for an empty day the chat wants skipped."""
    stories = _stories(rows, topics)
    sections = []
    quiet = []
    for index, topic in enumerate(topics):
        picked = sorted(
            (s for s in stories.values() if _first_topic(s, topics) == index),
            key=lambda s: s.importance,
            reverse=True,
        )
        if picked:
            cards = [article_card(s.lead, s.matches, s.also_reported_by()) for s in picked]
            sections.append(Section(heading=topic.display, cards=cards))
        else:
            quiet.append(topic.display)
    if not sections:
        if not notice_when_empty:
            return None
        return Reply(text=f"Nothing new on {', '.join(quiet)} since {_when(since, timezone)}.")
    count = sum(len(s.cards) for s in sections)
    noun = "story" if count == 1 else "stories"
    text = f"Your briefing: {count} new {noun} since {_when(since, timezone)}."
    if quiet:
        text += f" Nothing new on {', '.join(quiet)}."
    return Reply(text=text, sections=sections, link_previews=False)


def _stories(rows: Sequence[Article], topics: Sequence[Topic]) -> dict[int, _Story]:
    stories: dict[int, _Story] = {}
    matcher = Matcher(enumerate(topics))
    for row in sorted(rows, key=lambda r: r.sort_at, reverse=True):
        brief = stored_brief(row)
        matches = [found for _, found in matcher.matching(brief)]
        if not matches:
            continue
        key = row.story_id or row.id
        if key in stories:
            stories[key].others.append(row)
            _merge(stories[key].matches, matches)
        else:
            stories[key] = _Story(lead=row, matches=matches, meetings=len(brief.meetings))
    return stories


def _merge(into: list[Match], more: list[Match]) -> None:
    known = {m.topic.key for m in into}
    into.extend(m for m in more if m.topic.key not in known)


def _first_topic(story: _Story, topics: Sequence[Topic]) -> int:
    """The story goes under the first followed topic it matched, so it shows once."""
    keys = [t.key for t in topics]
    return min(keys.index(m.topic.key) for m in story.matches)


def _when(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%d %b %H:%M %Z")

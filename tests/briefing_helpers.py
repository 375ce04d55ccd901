"""What the briefing tests read from a brief: the brief of a text, and who met whom."""

from __future__ import annotations

from bot.briefing import ArticleInput, Brief, Meeting, brief_article


def brief_text(text: str, published: str = "2024-05-10") -> Brief:
    """The brief of a text published on the given day (a Friday by default)."""
    return brief_article(ArticleInput(text=text, published=published))


def meeting_pairs(meeting: Meeting) -> set[frozenset[str]]:
    """Who met whom in one meeting, as a brief means it: each of one side with each of the
    other, or everyone of a gathering without sides with one another."""
    who = [p.name for p in meeting.who]
    others = [p.name for p in meeting.with_]
    if others:
        return {frozenset((a, b)) for a in who for b in others if a != b}
    return {frozenset((a, b)) for a in who for b in who if a < b}


def brief_pairs(brief: Brief) -> set[frozenset[str]]:
    """Who met whom in all of a brief's meetings."""
    return {pair for meeting in brief.meetings for pair in meeting_pairs(meeting)}


def party_names(brief: Brief) -> set[str]:
    """The names of everyone taking part in the brief's meetings."""
    return {p.name for m in brief.meetings for p in (*m.who, *m.with_)}

"""A meeting as one sentence reports it: what the readers of a sentence hand to assembly."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from bot.briefing.entities import Mention


@dataclass
class Report:
    """A meeting as read from one sentence, before reports of the same meeting are merged."""

    side_a: list[Mention]
    side_b: list[Mention]
    sent: Span
    trigger: Token
    topics: list[str] = field(default_factory=list)
    # One named person present at a gathering reported before ("he insisted at the gathering").
    joins: bool = False

    def names(self) -> set[str]:
        return {m.name for m in (*self.side_a, *self.side_b)}

"""Platform-neutral answers: what a command or a briefing says, before an adapter renders it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass
class Card:
    """One article as shown in a chat: title, bullets, link, and why it was shown."""

    title: str
    url: str | None
    site: str | None = None
    published: str | None = None
    bullets: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)
    also_reported_by: list[str] = field(default_factory=list)


def display_date(iso: str | None) -> str | None:
    """A card's ISO date as every platform shows it, "15 Feb 2025"; an unreadable one as given."""
    if not iso:
        return None
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day:%b %Y}"


@dataclass
class Section:
    """A group of cards under an optional heading (a topic in a briefing)."""

    heading: str | None
    cards: list[Card] = field(default_factory=list)
    note: str | None = None


@dataclass
class Reply:
    """What the bot says: plain lines of text, then sections of cards.

    `text` holds no markup; adapters escape and format it for their platform.
    `link_previews` is False for digests, where a preview per link would drown the chat.
    """

    text: str = ""
    sections: list[Section] = field(default_factory=list)
    link_previews: bool = True

    def cards(self) -> list[Card]:
        return [card for section in self.sections for card in section.cards]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reply:
        sections = [
            Section(
                heading=s.get("heading"),
                cards=[Card(**c) for c in s.get("cards", [])],
                note=s.get("note"),
            )
            for s in data.get("sections", [])
        ]
        return cls(
            text=data.get("text", ""),
            sections=sections,
            link_previews=data.get("link_previews", True),
        )

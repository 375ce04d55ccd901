"""The Brief: what briefbot says about one article (the JSON contract of the design)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Party:
    """One side of a meeting: a person, an organisation or a country."""

    name: str
    title: str | None = None
    affiliation: str | None = None


@dataclass
class Meeting:
    """Who met whom, where and when, and what they discussed."""

    who: list[Party]
    with_: list[Party] = field(default_factory=list)
    where: str | None = None
    date: str | None = None
    topics: list[str] = field(default_factory=list)
    # The sentence(s) of the text the meeting was read from, verbatim.
    evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "who": [asdict(p) for p in self.who],
            "with": [asdict(p) for p in self.with_],
            "where": self.where,
            "date": self.date,
            "topics": list(self.topics),
            "evidence": self.evidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Meeting:
        return cls(
            who=[Party(**p) for p in data.get("who", [])],
            with_=[Party(**p) for p in data.get("with", [])],
            where=data.get("where"),
            date=data.get("date"),
            topics=list(data.get("topics", [])),
            evidence=data.get("evidence"),
        )


@dataclass
class Entities:
    """Named entities of the article, deduplicated, in order of first mention."""

    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)

    def all_names(self) -> list[str]:
        return [*self.people, *self.organizations, *self.places]


@dataclass
class Brief:
    """A few facts and bullets about one article; `published` is an ISO date or None."""

    title: str
    url: str | None = None
    site: str | None = None
    published: str | None = None
    meetings: list[Meeting] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    entities: Entities = field(default_factory=Entities)
    bullets: list[str] = field(default_factory=list)
    # The article's main text: kept for matching and search, never part of the JSON contract.
    text: str = field(default="", repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "url": self.url,
            "site": self.site,
            "published": self.published,
            "meetings": [m.to_dict() for m in self.meetings],
            "topics": list(self.topics),
            "entities": asdict(self.entities),
            "bullets": list(self.bullets),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str = "") -> Brief:
        return cls(
            title=data.get("title") or "",
            url=data.get("url"),
            site=data.get("site"),
            published=data.get("published"),
            meetings=[Meeting.from_dict(m) for m in data.get("meetings", [])],
            topics=list(data.get("topics", [])),
            entities=Entities(**data.get("entities", {})),
            bullets=list(data.get("bullets", [])),
            text=text,
        )

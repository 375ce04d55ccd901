"""Reports of one meeting merged into a Meeting: its sides, parties, place, day and topics."""

from __future__ import annotations

from datetime import date

from bot.briefing.article_topics import dedupe_phrases
from bot.briefing.brief import Meeting, Party
from bot.briefing.countries import is_country
from bot.briefing.entities import PERSON, Mention, Mentions, is_forum
from bot.briefing.meeting_time import is_current, meeting_day, same_time, time_given
from bot.briefing.parties import enrich, make_party
from bot.briefing.report import Report
from bot.briefing.venues import meeting_place

_EVIDENCE_SENTENCES = 2


def merge_reports(found: list[Report], published: date | None) -> list[list[Report]]:
    """Group reports of the same meeting: one's party names all contained in the other's,
    and no different year or day given for the two (the same parties meet again)."""
    groups: list[list[Report]] = []
    times: list[date | int | None] = []
    for item in found:
        when = time_given(item, published)
        for i, group in enumerate(groups):
            names = set().union(*(g.names() for g in group))
            if _same_parties(item.names(), names) and same_time(when, times[i]):
                group.append(item)
                times[i] = times[i] or when
                break
        else:
            groups.append([item])
            times.append(when)
    return groups


def _same_parties(a: set[str], b: set[str]) -> bool:
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(name_in(s, o) for o in big) for s in small)


def name_in(short: str, long: str) -> bool:
    """True when the longer name contains every word of the shorter ("Germany", "West Germany")."""
    return short == long or set(short.split()) <= set(long.split())


def named_people(mentions: Mentions) -> list[Party]:
    """Every mention of a person as a party, made once per article for all its meetings."""
    return [make_party(m, mentions) for m in mentions.items if m.kind == PERSON]


def to_meeting(
    group: list[Report],
    mentions: Mentions,
    published: date | None,
    dateline: str | None,
    all_parties: list[Party],
) -> Meeting:
    """The meeting a group of reports tells of; `all_parties` (`named_people`) fill in the
    titles and affiliations its parties have elsewhere in the article."""
    side_a, side_b = _sides(group)
    who = enrich([make_party(m, mentions) for m in side_a], all_parties)
    with_ = enrich([make_party(m, mentions) for m in side_b], all_parties)
    names = {m.name for m in (*side_a, *side_b)}
    where = next(
        (w for f in group if (w := meeting_place(f.trigger, f.sent, mentions, names, dateline))),
        None,
    )
    day = meeting_day(group, published, dateline)
    if where is None and dateline and is_current(group, day, published):
        where = dateline
    topics = dedupe_phrases([t for f in group for t in f.topics])[:4]
    return Meeting(
        who=who, with_=with_, where=where, date=day, topics=topics, evidence=evidence(group)
    )


def evidence(group: list[Report]) -> str:
    """The sentences the meeting was read from, verbatim, in the order of the text (two at most,
    so the Brief's `evidence` stays a quote a reader can check)."""
    sents = sorted({f.sent.start: f.sent for f in group}.values(), key=lambda s: s.start)
    return " ".join(s.text.strip() for s in sents[:_EVIDENCE_SENTENCES])


def _sides(group: list[Report]) -> tuple[list[Mention], list[Mention]]:
    """Both sides of a merged meeting: all on one side when it opens with a multilateral
    report, else the initiator of the first report with two sides opposite everyone else."""
    if not group[0].side_b and len(group[0].side_a) > 2:
        return _members_not_forum(_specific([m for f in group for m in (*f.side_a, *f.side_b)])), []
    first = next((f for f in group if f.side_b), group[0])
    anchor = first.side_a[:1] if not first.side_b else first.side_a
    side_a: list[Mention] = []
    side_b: list[Mention] = []
    for m in (m for f in group for m in (*f.side_a, *f.side_b)):
        same = any(name_in(m.name, a.name) or name_in(a.name, m.name) for a in anchor)
        (side_a if same else side_b).append(m)
    keep = {m.name for m in _specific(side_a + side_b)}
    return [m for m in unique_parties(side_a) if m.name in keep], [
        m for m in unique_parties(side_b) if m.name in keep
    ]


def _members_not_forum(parties: list[Mention]) -> list[Mention]:
    """A gathering of the G-7 whose member countries are named: the countries took part, the
    group's name only names the gathering."""
    countries = [m for m in parties if is_country(m.name)]
    return [m for m in parties if not is_forum(m.name)] if len(countries) >= 2 else parties


def _specific(parties: list[Mention]) -> list[Mention]:
    """One mention per party, dropping a name that a longer listed name contains."""
    unique = unique_parties(parties)
    names = [m.name for m in unique]
    return [m for m in unique if not any(o != m.name and name_in(m.name, o) for o in names)]


def unique_parties(parties: list[Mention]) -> list[Mention]:
    """One mention per party name, in order of first mention."""
    seen: dict[str, Mention] = {}
    for m in parties:
        seen.setdefault(m.name, m)
    return list(seen.values())

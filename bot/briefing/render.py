"""Bullets and plain text: a brief as short lines, each readable alone in a chat."""

from __future__ import annotations

from bot.briefing.brief import Brief, Meeting, Party
from bot.briefing.dates import as_date
from bot.briefing.lexicon import EVENT_WORDS

MAX_BULLET_CHARS = 300
MAX_BULLETS = 5


def make_bullets(brief: Brief, *, lede: str) -> list[str]:
    """3-5 lines: the main meeting (or the lede), the topics, other meetings, names, the date."""
    lines: list[str] = []
    if brief.meetings:
        lines.append(meeting_line(brief.meetings[0]))
    elif lede.strip():
        # A text of only blanks or invisible marks has no lede: no empty line stands for it.
        lines.append(lede)
    if brief.topics:
        lines.append("Topics: " + "; ".join(brief.topics))
    for meeting in brief.meetings[1:3]:
        lines.append("Also: " + meeting_line(meeting))
    names = brief.entities.people[:4] or brief.entities.organizations[:4]
    if len(lines) < 3 and names:
        lines.append("Named: " + ", ".join(names))
    day = as_date(brief.published)
    date_line = f"{day.day} {day:%b %Y}" if day else "Date unknown"
    return [_fit(line) for line in lines[: MAX_BULLETS - 1]] + [date_line]


def meeting_line(meeting: Meeting) -> str:
    """ "Rustem Umerov (Ukraine's Defense Minister) met KNDS France and KNDS Deutschland at X"."""
    if meeting.with_:
        line = f"{_names(meeting.who)} met {_names(meeting.with_)}"
    else:
        line = f"Meeting of {_names(meeting.who)}"
    if meeting.where:
        last = meeting.where.split()[-1].lower()
        line += f" at the {meeting.where}" if last in EVENT_WORDS else f" in {meeting.where}"
    day = as_date(meeting.date)
    if day:
        line += f" on {day.day} {day:%b %Y}"
    return line


def render_brief_text(brief: Brief) -> str:
    """The brief as plain text for a console: title, bullets, link."""
    out = [brief.title or "(untitled)"]
    meta = " · ".join(x for x in (brief.site, brief.published) if x)
    if meta:
        out.append(meta)
    out.append("")
    out.extend(f"• {line}" for line in brief.bullets)
    if brief.url:
        out.extend(["", brief.url])
    return "\n".join(out)


def _names(parties: list[Party]) -> str:
    labels = [_label(p) for p in parties]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _label(p: Party) -> str:
    if p.title and p.affiliation:
        return f"{p.name} ({p.affiliation}'s {p.title})"
    extra = p.title or p.affiliation
    return f"{p.name} ({extra})" if extra else p.name


def _fit(line: str) -> str:
    """The line on one row of at most MAX_BULLET_CHARS characters, cut with an ellipsis."""
    line = " ".join(line.split())
    if len(line) <= MAX_BULLET_CHARS:
        return line
    cut = line[: MAX_BULLET_CHARS - 1]
    # At a space when one is near the end; a line of one endless "word" is cut inside it.
    at_space = cut.rsplit(" ", 1)[0]
    if len(at_space) >= len(cut) // 2:
        cut = at_space
    return cut.rstrip(",;:") + "…"

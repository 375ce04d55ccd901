"""Plain text as scraped: junk lines out (ads, link lines, comment forms), the title found."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Whole-line boilerplate of re-publishing sites and blog templates.
_JUNK_LINE = re.compile(
    r"""^(
        .*\b(online\s+)?advertising\s+network\b.*
      | advertisements?|sponsored(\s+content)?|promoted(\s+stories)?
      | (https?://|www\.)\S+
      | related(\s+(articles?|posts?|stories|news|content))?
      | (you\s+(may|might)\s+also\s+like|more\s+from\s+\w+|most\s+(read|popular)).*
      | (read|see)\s+(also|more)\b.*
      | back\s+to\s+top(\s+button)?
      | leave\s+a\s+(reply|comment).*
      | your\s+email\s+address\s+will\s+not\s+be\s+published.*
      | required\s+fields\s+are\s+marked.*
      | (comment|name|email|e-mail|website)\s*\*?
      | save\s+my\s+name.*
      | (post|submit)\s+comment
      | (share|like)\s+this:?|share(\s+on\s+\w+)?|tweet|print|email\s+this
      | click\s+to\s+(share|email|print)\b.*
      | loading\.*
      | (sign\s+up|subscribe)\b.{0,80}
      | follow\s+us\b.{0,80}
      | (tags?|categories|filed\s+under)\s*:.*
      | (previous|next)\s+(post|article|story)\b.*
      | (copyright\s+)?©.*|all\s+rights\s+reserved\.?
      | \W*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Markers after which a scraped page has only site furniture left.
_TAIL_MARKER = re.compile(
    r"^(related\s+(articles?|posts?|stories)|leave\s+a\s+(reply|comment)|comments?\s*\(?\d*\)?"
    r"|you\s+(may|might)\s+also\s+like|back\s+to\s+top(\s+button)?)\s*$",
    re.IGNORECASE,
)
# A line that only carries a timestamp: date evidence, not prose.
_TIMESTAMP_LINE = re.compile(r"^\W*\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?\W*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_MAX_TITLE_CHARS = 200
# Quote marks around a phrase, not the apostrophe inside a word ("Macy's").
_QUOTE_MARK = re.compile(r"(?<!\w)['‘\"“]|['’\"”](?!\w)")
_HEADLINE_WORD = re.compile(r"\w+(?:[.'’-]\w+)*\.?")


def is_junk_line(line: str) -> bool:
    """True for a line that is page furniture rather than article prose."""
    stripped = line.strip()
    return bool(_JUNK_LINE.match(stripped)) or bool(_TIMESTAMP_LINE.match(stripped))


def looks_binary(raw: str) -> bool:
    """True when the text is mostly control or replacement characters (a binary file)."""
    sample = raw[:20_000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ch == "\ufffd" or (_CONTROL.match(ch) and ch not in "\t\n\r"))
    return bad / len(sample) > 0.05


def normalize(raw: str) -> str:
    """NFC, no control characters, single spaces, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def clean_lines(raw: str) -> list[str]:
    """The prose lines of a scraped text, in order, without junk or the trailing furniture."""
    kept: list[str] = []
    for line in normalize(raw).split("\n"):
        if not line:
            continue
        if _TAIL_MARKER.match(line) and kept:
            break
        if not is_junk_line(line):
            kept.append(line)
    return kept


def clean_text(raw: str) -> str:
    """The scraped text as paragraphs of prose, one blank line apart."""
    return "\n\n".join(clean_lines(raw))


def split_title(lines: list[str]) -> tuple[str | None, list[str]]:
    """Find a headline among the opening lines; returns it and the remaining body lines."""
    for i, line in enumerate(lines[:6]):
        words = line.split()
        if len(words) < 3:
            continue  # a section label such as "news"
        if _is_headline(line) and i + 1 < len(lines):
            return line, lines[i + 1 :]
        break
    return None, lines


def _is_headline(line: str) -> bool:
    words = line.split()
    return (
        len(line) <= _MAX_TITLE_CHARS
        and 3 <= len(words) <= 25
        and not line.rstrip().endswith((".", ",", ";", ":"))
        and line[0].isupper()
    )


def headline_for_parser(title: str | None, body: str) -> str:
    """The headline as the parser reads it best: without quote marks, and an all-capitals
    headline ("COFFEE TALKS FAIL") in the casing the article body gives each word."""
    headline = _QUOTE_MARK.sub("", title or "").strip()
    if not headline.isupper():
        return headline
    casings: dict[str, Counter[str]] = {}
    for match in _HEADLINE_WORD.finditer(body):
        # A capital that opens a sentence says nothing of the word.
        before = body[max(0, match.start() - 4) : match.start()].rstrip()
        if before[-1:] not in ("", ".", "!", "?", '"', "\n"):
            word = match.group(0)
            casings.setdefault(word.lower(), Counter())[word] += 1
    return _HEADLINE_WORD.sub(lambda m: _body_casing(m.group(0).lower(), casings), headline)


def _body_casing(key: str, casings: dict[str, Counter[str]]) -> str:
    """A word in lower case unless the body only ever capitalises it (a name, "U.S."); a word
    the body never uses is likely common."""
    forms = casings.get(key)
    if not forms or key in forms:
        return key
    return forms.most_common(1)[0][0]

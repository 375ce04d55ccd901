"""Named mentions of people, organisations and places, with the small model's errors repaired."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.briefing.brief import Entities
from bot.briefing.countries import (
    COUNTRIES,
    canonical_country,
    country_of_demonym,
    country_of_pair_part,
    is_country,
)
from bot.briefing.lexicon import EVENT_WORDS, is_title_word
from bot.briefing.wordlists import honorifics, name_particles, ranks, royal_styles

PERSON, ORG, PLACE, NATION = "person", "org", "place", "nation"
_KINDS = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE, "NORP": NATION}
_PROPER = {"NNP", "NNPS"}
_NAME_WORD = re.compile(r"^[A-Z][\w'’.-]*$")
_FORUM = re.compile(r"^G-?\d{1,2}$")
_HONORIFICS = honorifics()
# Ranks and styles written before a name that are no part of it ("Gen Pervez Musharraf").
_RANKS = ranks()
_STYLES = _HONORIFICS | _RANKS
# Styles of rulers and peers: a person's name follows them ("King Felipe"), though places
# are named after such people ("Queen Victoria Market").
_ROYAL_STYLES = royal_styles()
_STOP_LEAD = {"the", "a", "an"}
# Small words inside a place or person's name: "Braunau am Inn", "Leonardo da Vinci".
_NAME_PARTICLES = name_particles()
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
# Small words inside a title: "Secretary of State", "Trade and Industry".
_TITLE_GLUE = frozenset({"of", "for", "and", "&", "the"})
# The words after which an event's name says what it is about: "Conference on X".
_EVENT_OF = frozenset({"on", "of", "for"})
_DASHES = frozenset({"-", "–"})
# Entity types a proper noun can carry that never belong to a person's name ("Tuesday").
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# Outlets that interview people or report on them: talking to them is not a meeting.
_MEDIA = re.compile(
    r"\b(news|wikinews|reuters|bbc|cnn|associated press|agence|press|times|post|journal|"
    r"tv|television|radio|magazine|gazette|herald|tribune|agency|interfax|xinhua|tass)\b",
    re.IGNORECASE,
)


def is_media(name: str) -> bool:
    """True for a news outlet's name ("TASS", "Reuters", "The Times"): it reports meetings."""
    return bool(_MEDIA.search(name))


def is_forum(name: str) -> bool:
    """True for a group of countries named by its size: "G-7", "G20", "Group of Seven"."""
    return bool(_FORUM.match(name)) or name.startswith("Group of ")


@dataclass
class Mention:
    """A name in the text: token span [start, end), its canonical name and its kind."""

    start: int
    end: int
    name: str
    kind: str

    @property
    def is_party(self) -> bool:
        if self.kind == ORG:
            return not is_media(self.name)
        if self.kind == PERSON:
            # The model takes a one-word outlet for a person: "discussed his game with Wikinews".
            return not _MEDIA.fullmatch(self.name)
        return self.kind == PLACE and is_country(self.name)


class Mentions:
    """All mentions of one document, looked up by token."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.items = mentions
        self._by_start = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self._by_start]
        self._by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self._by_token[i] = m

    def at(self, token: Token) -> Mention | None:
        return self._by_token.get(token.i)

    def in_span(self, start: int, end: int) -> list[Mention]:
        """The mentions wholly inside tokens [start, end), in order: found by bisection, so a
        lookup per sentence or per name stays cheap in a long article."""
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end, lo=first)
        return [m for m in self._by_start[first:last] if m.end <= end]

    def people(self) -> list[Mention]:
        return [m for m in self.items if m.kind == PERSON]


def find_mentions(doc: Doc, *, ignore: frozenset[str] = frozenset()) -> Mentions:
    """spaCy's entities, repaired: titles cut off, merges split, missed names found."""
    spans: list[Mention] = []
    people = _surnames_tagged(doc)
    for ent in doc.ents:
        kind = _KINDS.get(ent.label_)
        if kind is None:
            continue
        spans.extend(_trim(ent, kind, people))
    spans = _forums(doc, spans)
    surnames = {doc[m.end - 1].text for m in spans if m.kind == PERSON}
    spans = _repair_proper_runs(doc, spans, surnames)
    spans = _join_over_particles(doc, spans)
    _surnames_as_people(spans)
    # "Brig." tagged as a place: a style alone names no one.
    spans = [m for m in spans if m.name not in ignore and m.name.lower() not in _STYLES]
    return Mentions(doc, _canonicalize(doc, sorted(spans, key=lambda m: m.start)))


def _join_over_particles(doc: Doc, spans: list[Mention]) -> list[Mention]:
    """ "Ursula von der Leyen", tagged as the person "Ursula von" and the place "Leyen", or as
    "Ursula von der" alone: a person's name runs on over its particles into the name word."""
    out: list[Mention] = []
    for m in sorted(spans, key=lambda m: m.start):
        out.append(_run_on(doc, m) if m.kind == PERSON else m)
        if len(out) > 1 and out[-2].kind == PERSON and out[-2].end > m.start:
            last, start = out.pop(), out[-1].start
            if last.end > out[-1].end:
                out[-1] = Mention(start, last.end, doc[start : last.end].text, PERSON)
    return out


def _run_on(doc: Doc, m: Mention) -> Mention:
    """The person's mention carried over the particles after (or ending) it to the capitalised
    word they lead to."""
    end = m.end
    while end < len(doc) and doc[end].lower_ in _NAME_PARTICLES:
        end += 1
    if doc[end - 1].lower_ not in _NAME_PARTICLES or end >= len(doc):
        return m
    if doc[end].tag_ != "NNP" or not _NAME_WORD.match(doc[end].text):
        return m
    return Mention(m.start, end + 1, doc[m.start : end + 1].text, PERSON)


def collect_entities(mentions: Mentions) -> Entities:
    """The article's people, organisations and places, each once, in order of first mention."""
    doc = mentions.doc
    people: list[str] = []
    orgs: list[str] = []
    places: list[str] = []
    fragments = _fragments(mentions)
    for m in mentions.items:
        if m.name in fragments:
            continue
        if m.kind == PERSON:
            _add(people, m.name)
        elif m.kind == ORG and not is_event(m.name) and not _only_modifier(doc, m, mentions):
            _add(orgs, m.name)
        elif m.kind == PLACE:
            _add(places, m.name)
    return Entities(
        people=_drop_contained(people), organizations=_drop_contained(orgs), places=places
    )


def _fragments(mentions: Mentions) -> set[str]:
    """Names the text also writes as part of a longer capitalised name, so that listed alone
    they are pieces: "Max" of "737 Max", "Inn" of "Braunau am Inn", "Yobe North" of "Yobe
    North Senatorial District" (a name the model split in two keeps its head, "Braunau")."""
    doc = mentions.doc
    starts: dict[str, list[int]] = {}
    for token in doc:
        starts.setdefault(token.text, []).append(token.i)
    found = set()
    for m in mentions.items:
        words = m.name.split()
        for i in starts.get(words[0], []) if words else []:
            end = i + len(words)
            if [t.text for t in doc[i:end]] == words and _in_longer_name(mentions, i, end):
                found.add(m.name)
                break
    return found


def _in_longer_name(mentions: Mentions, start: int, end: int) -> bool:
    """True when the words [start, end) run on from a name before them (a number, "737 Max";
    a particle, "Braunau am Inn") or into capitalised words no other mention holds."""
    doc = mentions.doc
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.is_digit and not _YEAR.match(before.text):
        return True
    if before is not None and before.lower_ in _NAME_PARTICLES and start > 1:
        before = doc[start - 2]
    after = doc[end] if end < len(doc) else None
    if after is not None and after.lower_ in _NAME_PARTICLES and end + 1 < len(doc):
        after = doc[end + 1]
    tail = before is not None and _continues_proper(before)
    head = after is not None and _continues_proper(after) and mentions.at(after) is None
    return tail or head


def _continues_proper(token: Token) -> bool:
    """True for a capitalised proper noun that would run on a name it touches: not an office
    title ("Minister Rustem Umerov"), a country or nationality ("Lithuania Radoslaw
    Sikorski"), a day or date ("met Putin Tuesday")."""
    word = token.text
    return (
        token.tag_ in _PROPER
        and _NAME_WORD.match(word) is not None
        and token.ent_type_ not in _NOT_NAMES
        and not is_title_word(word)
        and not is_country(word)
        and country_of_demonym(word) is None
    )


def _trim(ent: Span, kind: str, surnames: frozenset[str]) -> list[Mention]:
    """Cut determiners, possessives and leading office titles off an entity span."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (
        doc[start].lower_ in _STOP_LEAD or doc[start].is_punct or doc[start].tag_ == "POS"
    ):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    bracket = next((t.i for t in doc[start:end] if "(" in t.text), None)
    if bracket is not None:
        end = bracket
        while end > start and doc[end - 1].is_punct:
            end -= 1
    if kind in (PERSON, ORG):
        if _only_title(doc[start:end]):
            return []
        start = _after_titles(doc, start, end, kind, surnames)
    if start >= end:
        return []
    text = doc[start:end].text
    pair = _nation_pair(doc[start:end])
    if kind in (NATION, PLACE) and pair:
        return pair
    if kind == NATION:
        country = country_of_demonym(text)
        return [Mention(start, end, country, NATION)] if country else []
    if kind == PLACE:
        text = canonical_country(text)
    return [Mention(start, end, text, kind)]


def _only_title(span: Span) -> bool:
    """True for a span that is an office title and nothing else ("Finance", "Secretary of
    State", "Trade and Industry"): it names no one."""
    words = [t for t in span if t.lower_ not in _TITLE_GLUE]
    return bool(words) and all(is_title_word(t.text) for t in words)


def _after_titles(doc: Doc, start: int, end: int, kind: str, surnames: frozenset[str]) -> int:
    """Where a name starts after its leading office titles. A title word opens an
    organisation's own name ("General Motors", "National Audit Office") unless a person's
    name follows it ("Finance Minister Chu Okongwu" tagged as one organisation)."""
    first = start
    while first < end - 1 and is_title_word(doc[first].text):
        first += 1
    if kind == ORG and first > start and not _names_person(doc, start, first, end, surnames):
        return start
    return first


def _names_person(doc: Doc, start: int, first: int, end: int, surnames: frozenset[str]) -> bool:
    """True when the words from first to end name a person whose titles run from start: a
    style only people carry ("Mr", "Gen", "King") or a surname tagged as a person elsewhere."""
    if not _NAME_WORD.match(doc[first].text):
        return False  # "President's Choice": no name follows the title word
    styled = _styled(doc[start:first]) or doc[start].lower_ in _ROYAL_STYLES
    return styled or doc[end - 1].text in surnames


def _surnames_tagged(doc: Doc) -> frozenset[str]:
    """The last word of every name the model tags as a person, possessive cut off."""
    words = set()
    for ent in doc.ents:
        tokens = [t for t in ent if t.tag_ != "POS" and not t.is_punct]
        if ent.label_ == "PERSON" and tokens:
            words.add(tokens[-1].text)
    return frozenset(words)


def _nation_pair(span: Span) -> list[Mention]:
    """ "Franco-German", "U.S.-Japanese": one mention per nation, each on its own word, so a
    meeting the pair modifies has both as parties."""
    if len(span) != 3 or span[1].text not in _DASHES:
        return []
    words = [span[0], span[2]]
    countries = [country_of_pair_part(t.text) for t in words]
    if None in countries or countries[0] == countries[1]:
        return []
    return [Mention(t.i, t.i + 1, c, NATION) for t, c in zip(words, countries, strict=True)]


def _forums(doc: Doc, spans: list[Mention]) -> list[Mention]:
    """Groups of countries are organisations: the model tags "G7" as a place or misses it,
    and cuts "Group of Seven" before the number."""
    taken = {i for m in spans for i in range(m.start, m.end)}
    for m in spans:
        if m.kind != PERSON and _FORUM.match(m.name):
            m.kind = ORG
        elif m.kind == ORG and doc[m.end - 1].lower_ == "of" and _capitalized(doc, m.end):
            m.end += 1
            m.name = doc[m.start : m.end].text
    added = [
        Mention(t.i, t.i + 1, t.text, ORG) for t in doc if t.i not in taken and _FORUM.match(t.text)
    ]
    return spans + added


def _repair_proper_runs(doc: Doc, spans: list[Mention], surnames: set[str]) -> list[Mention]:
    """Find people the model missed or merged ("Finland Rustem Umerov" tagged as one ORG)."""
    repaired: list[Mention] = []
    i = 0
    while i < len(doc):
        if doc[i].tag_ not in _PROPER:
            i += 1
            continue
        j = i
        while j < len(doc) and doc[j].tag_ in _PROPER and doc[j].ent_type_ not in _NOT_NAMES:
            j += 1
        if j == i:
            i += 1
            continue
        person = _person_in_run(doc, i, j, surnames)
        if person is not None:
            repaired.append(person)
            if person.start > i and doc[i : person.start].text in COUNTRIES:
                repaired.append(Mention(i, person.start, doc[i : person.start].text, PLACE))
        i = j
    if not repaired:
        return spans
    taken = {t for m in repaired for t in range(m.start, m.end)}
    kept = [m for m in spans if not any(t in taken for t in range(m.start, m.end))]
    return kept + repaired


def _surnames_as_people(spans: list[Mention]) -> None:
    """A lone surname the model tags as a place or organisation ("Trump" as ORG, "Lawson" as
    GPE) is the person named in full elsewhere in the article."""
    surnames = {m.name.split()[-1] for m in spans if m.kind == PERSON and " " in m.name}
    for m in spans:
        if m.kind in (PLACE, ORG) and m.name in surnames and not is_country(m.name):
            m.kind = PERSON


def _person_in_run(doc: Doc, start: int, end: int, surnames: set[str]) -> Mention | None:
    """A person's name at the end of a run of proper nouns, after any titles or a country."""
    titled = False
    i = start
    # "Swiss Foreign Minister Ignazio Cassis": a demonym or country leads the titles (a
    # demonym before a name is a given name: "Sberbank chief German Gref").
    while i < end and (
        is_title_word(doc[i].text)
        or doc[i].text in COUNTRIES
        or (country_of_demonym(doc[i].text) and i + 1 < end and is_title_word(doc[i + 1].text))
    ):
        titled = titled or is_title_word(doc[i].text)
        i += 1
    titled = titled and not _continues_name(doc, start, i)
    words = doc[i:end]
    if not 1 <= len(words) <= 3 or not all(_NAME_WORD.match(t.text) for t in words):
        return None
    # A country glued to a name the model tagged as a person ("Lithuania Radoslaw Sikorski")
    # is as clear a boundary as a title.
    glued = i > start and doc[end - 1].ent_type_ == "PERSON"
    if doc[end - 1].text not in surnames and not ((titled or glued) and len(words) >= 2):
        return None
    if i == start and doc[start].ent_type_ == "PERSON" and doc[end - 1].ent_type_ == "PERSON":
        return None  # already a clean PERSON entity
    return Mention(i, end, words.text, PERSON)


def _continues_name(doc: Doc, start: int, first: int) -> bool:
    """True when the model's organisation or place name runs on from the title words into the
    words after them ("New York Times", "National Audit Office"): those title words open the
    name itself; a style only people carry ("Mr", "Gen") stays a title."""
    if first >= len(doc) or first == start:
        return False
    word = doc[first]
    return word.ent_iob_ == "I" and word.ent_type_ != "PERSON" and not _styled(doc[start:first])


def _styled(words: Span) -> bool:
    """True when the words hold a style or rank only people carry and nothing is named after
    ("Mr", "Dr", "Gen")."""
    return any(t.lower_ in _HONORIFICS or t.lower_ in _RANKS for t in words)


def _canonicalize(doc: Doc, spans: list[Mention]) -> list[Mention]:
    """One name per party: surnames and "Mr X" to the full name, acronyms to the long form."""
    for m in spans:
        if m.kind == PERSON:
            m.name = _bare_name(m.name)
    full_people = [m for m in spans if m.kind == PERSON and len(m.name.split()) >= 2]
    acronyms = _acronym_map(doc, spans)
    for m in spans:
        if m.kind == PERSON:
            if " " not in m.name:
                # "Sir Edward" after "Sir Edward Heath": a knight is called by the given name.
                first = _knighted(doc, m)
                m.name = _full_name(full_people, m.name, m.start, first=first) or m.name
        elif m.kind == ORG:
            m.name = acronyms.get(m.name, m.name)
    _country_as_written(doc, spans)
    return [m for m in spans if m.name]


def _knighted(doc: Doc, m: Mention) -> bool:
    """True for "Sir Edward" after "Sir Edward Heath": a knight is called by the given name,
    not the surname ("Sir" may open the mention or stand just before it)."""
    return doc[m.start].lower_ == "sir" or (m.start > 0 and doc[m.start - 1].lower_ == "sir")


def _country_as_written(doc: Doc, spans: list[Mention]) -> None:
    """Name a country as the text writes it: "U.S." when the text never spells out "United
    States", since a brief names parties in the fullest form the text gives."""
    written: dict[str, str] = {}
    for m in spans:
        if m.kind == PLACE and m.name in COUNTRIES:
            written.setdefault(m.name, doc[m.start : m.end].text)
    for m in spans:
        if m.kind in (PLACE, NATION) and m.name in written and m.name not in doc.text:
            m.name = written[m.name]


def _full_name(full: list[Mention], word: str, at: int, *, first: bool = False) -> str | None:
    """The person a bare surname (or, with first, a given name) means: the latest one named
    in full before it ("Hunter Biden ... Joe Biden ... Biden" is Joe), else the first named
    in full after it."""
    matches = [m for m in full if m.name.split()[0 if first else -1] == word]
    before = [m for m in matches if m.start < at]
    pick = before[-1] if before else (matches[0] if matches else None)
    return pick.name if pick else None


def _bare_name(name: str) -> str:
    """A person's name without honorifics or a leading rank, since a brief names the person:
    "Mr Brown" is "Brown", "Lt Gen Ali Khan" is "Ali Khan"."""
    words = [w for w in name.split() if w.lower() not in _HONORIFICS]
    while len(words) > 1 and words[0].lower() in _RANKS:
        words = words[1:]
    return " ".join(words)


def _acronym_map(doc: Doc, spans: list[Mention]) -> dict[str, str]:
    """Short forms of organisation names: "(IMF)" after the name, or matching initials; British
    style writes a pronounceable acronym in title case ("Apec", "Opec")."""
    long_names = [m.name for m in spans if m.kind == ORG and len(m.name.split()) >= 2]
    result: dict[str, str] = {}
    for m in spans:
        if m.kind != ORG or " " in m.name or not m.name[:1].isupper():
            continue
        for name in long_names:
            initials = "".join(w[0] for w in name.split() if w[0].isupper())
            if len(initials) >= 2 and initials == m.name.replace(".", "").upper():
                result[m.name] = name
                break
    return result


def is_event(name: str) -> bool:
    """True for the name of an event ("Munich Security Conference", "G20 summit")."""
    return any(w.lower() in EVENT_WORDS for w in name.split()[-2:])


def names_gathering(name: str) -> bool:
    """True for a name whose head, before what it is about, is a gathering: "International
    Conference on Climate Resilient Pakistan" (and any event). A body named so ("Assembly of
    Experts") can hold a summit, so this is for the summit's own phrase only."""
    words = name.split()
    head = next((words[:i] for i, w in enumerate(words) if w in _EVENT_OF), words)
    return is_event(name) or any(w.lower() in EVENT_WORDS for w in head[-2:])


def _only_modifier(doc: Doc, m: Mention, mentions: Mentions) -> bool:
    """True when every mention of the name modifies a common noun ("UAV systems")."""
    same = [x for x in mentions.items if x.name == m.name]
    for x in same:
        head = doc[x.end - 1]
        if not (head.dep_ == "compound" and head.head.pos_ == "NOUN"):
            return False
    return True


def _drop_contained(names: list[str]) -> list[str]:
    """Drop a name when a longer listed name starts with it ("KNDS" beside "KNDS France")."""
    return [n for n in names if not any(o != n and o.startswith(n + " ") for o in names)]


def _add(items: list[str], name: str) -> None:
    if name not in items:
        items.append(name)


def _capitalized(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].text[:1].isupper()

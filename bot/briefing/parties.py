"""Who a party is: a named mention turned into a Party with title and affiliation."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.briefing.brief import Party
from bot.briefing.countries import country_of_demonym
from bot.briefing.entities import NATION, ORG, PERSON, PLACE, Mention, Mentions
from bot.briefing.lexicon import TITLE_HEADS, is_title_word
from bot.briefing.wordlists import honorifics

_HONORIFICS = honorifics()
_MAX_TITLE_WORDS = 5
# A plural title pairs with a short list of names: "Defense Ministers of A and B X and Y".
_MAX_LISTED = 20


def make_party(m: Mention, mentions: Mentions) -> Party:
    """A Party for a mention; people get the title and affiliation written next to the name."""
    if m.kind != PERSON:
        return Party(name=m.name)
    title, affiliation = _coordinated_title(m, mentions)
    if title is None:
        title, affiliation = _title_before(m, mentions)
    if title is None:
        title, affiliation = _title_after(m, mentions)
    return Party(name=m.name, title=title, affiliation=affiliation)


def enrich(parties: list[Party], found: list[Party]) -> list[Party]:
    """Fill missing titles and affiliations from other mentions of the same party."""
    best: dict[str, Party] = {}
    for p in found:
        known = best.get(p.name)
        if known is None or (p.title and not known.title):
            best[p.name] = p
    out = []
    for p in parties:
        other = best.get(p.name)
        out.append(
            Party(
                name=p.name,
                title=p.title or (other.title if other else None),
                affiliation=p.affiliation or (other.affiliation if other else None),
            )
        )
    return out


def _title_before(m: Mention, mentions: Mentions) -> tuple[str | None, str | None]:
    """ "Ukraine's Defense Minister Rustem Umerov", "French president Jacques Chirac"."""
    doc = mentions.doc
    i = m.start
    while i > 0 and m.start - i < _MAX_TITLE_WORDS and _titleish(doc[i - 1]):
        i -= 1
    words = [t for t in doc[i : m.start] if t.lower_ not in _HONORIFICS]
    affiliation = None
    # A leading demonym or country inside the run is the affiliation, not the title.
    while words and (country_of_demonym(words[0].text) or _place_name(words[0], mentions)):
        affiliation = country_of_demonym(words[0].text) or _place_name(words[0], mentions)
        words = words[1:]
    if not any(t.lower_ in TITLE_HEADS for t in words):
        return None, None
    title = _title_case(words)
    if affiliation is None and i > 0:
        affiliation = _owner_before(doc, i, mentions) or _whose(doc[i - 1], m, mentions)
    if affiliation is None:
        affiliation = _of_country_after(m, mentions)
    return title, affiliation


def _title_after(m: Mention, mentions: Mentions) -> tuple[str | None, str | None]:
    """ "Rustem Umerov, Ukraine's defense minister," as an apposition after the name."""
    doc = mentions.doc
    if m.end >= len(doc) - 1 or doc[m.end].text != ",":
        return None, None
    i = m.end + 1
    affiliation = None
    if doc[i].lower_ in ("the", "a", "an"):
        i += 1
    owner = mentions.at(doc[i]) if i < len(doc) else None
    if owner is not None and owner.kind in (PLACE, ORG, NATION):
        affiliation = owner.name
        i = owner.end
        if i < len(doc) and doc[i].tag_ == "POS":
            i += 1
    start = i
    while i < len(doc) and i - start < _MAX_TITLE_WORDS and _titleish(doc[i]):
        i += 1
    words = [t for t in doc[start:i] if not country_of_demonym(t.text)]
    if not words or words[-1].lower_ not in TITLE_HEADS:
        return None, None
    if affiliation is None:
        affiliation = next(
            (country_of_demonym(t.text) for t in doc[start:i] if country_of_demonym(t.text)), None
        )
    return _title_case(words), affiliation


def _coordinated_title(m: Mention, mentions: Mentions) -> tuple[str | None, str | None]:
    """ "Defense Ministers of Ukraine and Finland Rustem Umerov and Antti Häkkänen": a plural
    title, a list of countries and as many names after it, paired in order."""
    doc = mentions.doc
    people = _listed(m, mentions, (PERSON,))
    if len(people) < 2 or people[0].start == 0:
        return None, None
    countries = _listed(mentions.at(doc[people[0].start - 1]), mentions, (PLACE, NATION))
    if len(countries) != len(people):
        return None, None
    i = countries[0].start - 1
    if i < 1 or doc[i].lower_ != "of" or doc[i - 1].lower_.rstrip("s") not in TITLE_HEADS:
        return None, None
    start = i - 1
    while start > 0 and i - start < _MAX_TITLE_WORDS and is_title_word(doc[start - 1].text):
        start -= 1
    head = doc[i - 1].text
    singular = head[:-3] + "y" if head.endswith("ies") else head.rstrip("s")
    words = _title_case(list(doc[start : i - 1])).split() + [singular.capitalize()]
    return " ".join(words), countries[people.index(m)].name


def _listed(m: Mention | None, mentions: Mentions, kinds: tuple[str, ...]) -> list[Mention]:
    """The whole list "A, B and C" of mentions of these kinds that the mention belongs to;
    none for a roll too long to pair with a title (walking it from each name is quadratic)."""
    if m is None or m.kind not in kinds:
        return []
    doc = mentions.doc
    first = m
    for _ in range(_MAX_LISTED):
        if first.start < 2 or doc[first.start - 1].lower_ not in (",", "and"):
            break
        prev = mentions.at(doc[first.start - 2])
        if prev is None or prev.kind not in kinds:
            break
        first = prev
    else:
        return []
    out = [first]
    while out[-1].end + 1 < len(doc) and doc[out[-1].end].lower_ in (",", "and"):
        nxt = mentions.at(doc[out[-1].end + 1])
        if nxt is None or nxt.kind not in kinds:
            break
        out.append(nxt)
        if len(out) > 2 * _MAX_LISTED:
            return []
    return out


def _titleish(token: Token) -> bool:
    return is_title_word(token.text) or bool(
        country_of_demonym(token.text) and token.pos_ in ("ADJ", "PROPN")
    )


def _place_name(token: Token, mentions: Mentions) -> str | None:
    m = mentions.at(token)
    return m.name if m is not None and m.kind in (PLACE, NATION) and m.end == token.i + 1 else None


def _owner_before(doc: Doc, i: int, mentions: Mentions) -> str | None:
    """The possessor in "Ukraine's Defense Minister": a country or organisation."""
    if doc[i - 1].tag_ != "POS" or i < 2:
        return None
    owner = mentions.at(doc[i - 2])
    return owner.name if owner is not None and owner.kind in (PLACE, ORG, NATION) else None


def _whose(word: Token, m: Mention, mentions: Mentions) -> str | None:
    """ "Francois Mitterand, his Prime Minister Jacques Chirac": the affiliation of the person
    just named, whose office the title belongs to."""
    if word.lower_ not in ("his", "her"):
        return None
    sent_start = word.sent.start
    before = [p for p in mentions.people() if sent_start <= p.start and p.end <= word.i]
    owner = before[-1] if before else None
    return _title_before(owner, mentions)[1] if owner is not None and owner is not m else None


def _of_country_after(m: Mention, mentions: Mentions) -> str | None:
    """ "Chancellor Helmut Kohl of West Germany": the country written after the name."""
    doc = mentions.doc
    if m.end + 1 >= len(doc) or doc[m.end].lower_ != "of":
        return None
    place = mentions.at(doc[m.end + 1])
    return place.name if place is not None and place.kind in (PLACE, NATION) else None


def _title_case(words: list[Token]) -> str:
    return " ".join(w.text if w.text[:1].isupper() else w.text.capitalize() for w in words)

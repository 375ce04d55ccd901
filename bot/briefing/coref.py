"""Who a phrase points to: pronouns, quoted "I", "the parties", "the leadership of X"."""

from __future__ import annotations

from functools import cached_property

from spacy.tokens import Span, Token

from bot.briefing.entities import NATION, ORG, PERSON, PLACE, Mention, Mentions
from bot.briefing.governments import GOVERNMENT_NOUNS, home_government
from bot.briefing.lexicon import COLLECTIVE_NOUNS, INSTITUTION_NOUNS, TITLE_HEADS
from bot.briefing.namelists import listed_with
from bot.briefing.offices import Holders, office_holder, office_holders
from bot.briefing.scope import clause_verb
from bot.briefing.wordlists import back_heads, pair_nouns, say_verbs, single_offices

# Verbs that introduce a quotation: "'We agreed,' he said".
_SAY_VERBS = say_verbs()
_THIRD_PERSON = frozenset({"he", "she", "him", "her", "his"})
_FIRST_PERSON = frozenset({"i", "me", "we", "us"})
_PLURAL = frozenset({"they", "them"})
# Phrases that refer back to the parties of the meeting just reported.
_BACK_HEADS = back_heads()
_LOOKBACK_TOKENS = 120
# Plural nouns that "both N" / "the two N" use for two parties named before, by kind.
_PAIR_NOUNS = pair_nouns()
_PAIR_LOOKBACK_SENTS = 6
# Offices one person holds at a time: "the Chancellor" is the chancellor named before.
_SINGLE_TITLES = single_offices()
_TITLE_REACH = 6
_LIST_MARKS = frozenset({"-", "–", "—", ":"})
_QUOTE_REACH = 60


def _key(m: Mention) -> tuple[int, int, str, str]:
    """A mention as a hashable value, equal exactly when the mentions are equal."""
    return (m.start, m.end, m.name, m.kind)


class Resolver:
    """Turns a phrase's head token into the named parties it stands for."""

    def __init__(self, mentions: Mentions) -> None:
        self.mentions = mentions
        self.last_parties: list[Mention] = []
        # The country whose capital the story is filed from: who "here" is at home.
        self.host: str | None = None

    def parties(
        self, token: Token, *, allow_places: bool = False, nations: bool = False
    ) -> list[Mention]:
        """The named parties a phrase (and its coordinated phrases) stands for."""
        named: list[Mention] = []
        via_title: list[Mention] = []
        # What is in `named`, as keys: a roll of hundreds of names stays linear.
        seen: set[tuple[int, int, str, str]] = set()
        for head in (token, *token.conjuncts):
            found = self._one(head, allow_places, nations)
            # A title that stands for a named person is that person, not an affiliation.
            is_title = (
                self.mentions.at(head) is None
                and head.lower_ in TITLE_HEADS
                and not any(m.kind == PERSON for m in found)
            )
            for m in found:
                if _key(m) in seen:
                    continue
                if is_title:
                    via_title.append(m)
                else:
                    named.append(m)
                    seen.add(_key(m))
        if any(m.kind == PERSON for m in named):
            # "Defense Ministers of Ukraine and Finland X and Y": the countries are affiliations.
            return named
        return named + [m for m in via_title if _key(m) not in seen]

    def is_back_ref(self, token: Token) -> bool:
        """True for "the parties", "both sides", "they" when a meeting was just reported."""
        return bool(self.last_parties) and (token.lower_ in _PLURAL or self._is_back_ref(token))

    def refers_back(self, sent: Span) -> bool:
        """True when the sentence's subject is "the parties", "both sides" or "they"."""
        return any(t.dep_ in ("nsubj", "nsubjpass") and self.is_back_ref(t) for t in sent)

    def _one(self, head: Token, allow_places: bool, nations: bool) -> list[Mention]:
        m = self.mentions.at(head)
        if m is not None:
            if not self._eligible(m, allow_places, nations):
                return []
            # In the order written: the first of "A and Title B" is the one presented first.
            listed = sorted([m, *listed_with(m, head, self.mentions)], key=lambda p: p.start)
            return [*listed, *self._named_appositions(head, m)]
        appos = [p for c in head.children if c.dep_ == "appos" for p in self.parties(c)]
        # "The Chairperson of the Commission, H.E. Mahmoud Ali Youssouf, received ...": the
        # title written in capitals, as such copy does, still stands for the person after it.
        if appos and (head.pos_ == "NOUN" or head.lower_ in TITLE_HEADS):
            return appos
        if head.pos_ == "PRON":
            return self._pronoun(head)
        if self._is_back_ref(head):
            return list(self.last_parties)
        if head.lower_ in _PAIR_NOUNS and _names_two(head):
            return self._pair_before(head)
        holder = office_holder(head, self.mentions, self._office_holders)
        if holder is not None:
            return [holder]
        if head.lower_ in _SINGLE_TITLES and _bare_definite(head):
            person = self._titled_before(head)
            return [person] if person else []
        if head.lower_ in COLLECTIVE_NOUNS or head.lemma_.lower() in COLLECTIVE_NOUNS | TITLE_HEADS:
            return self._members(head)
        if head.pos_ == "NOUN":
            # "the KNDS defense holding": a common noun naming the organisation before it.
            compounds = (self.mentions.at(c) for c in head.children if c.dep_ == "compound")
            named = [m for m in compounds if m is not None]
            own = [m for m in named if m.kind == ORG][:1] or self._institution_of(named)
            return own or self._organisation_before(head)
        return []

    def _organisation_before(self, head: Token) -> list[Mention]:
        """ "the hospital" for the Hereford County Hospital: the latest organisation named
        before whose name ends in the noun."""
        if head.lower_ not in INSTITUTION_NOUNS or not _bare_definite(head):
            return []
        named = [m for m in self.mentions.items if m.kind == ORG and m.end <= head.i]
        same = [m for m in named if m.is_party and m.name.split()[-1].lower() == head.lower_]
        return same[-1:]

    def _institution_of(self, named: list[Mention]) -> list[Mention]:
        """ "the London market" for the London Stock Exchange: a city standing for the one
        organisation the article names after it; with none or several it names no one."""
        cities = [m.name for m in named if m.kind == PLACE and not m.is_party]
        found = {m.name: m for m in self.mentions.items if m.kind == ORG and m.is_party}
        owned = [m for name, m in found.items() if cities and name.startswith(cities[0] + " ")]
        return owned if len(owned) == 1 else []

    def _named_appositions(self, head: Token, m: Mention) -> list[Mention]:
        """A list the parser reads as appositions: "Mitterand, his Prime Minister Chirac"."""
        if m.kind != PERSON:
            return []
        found = (self.mentions.at(c) for c in head.children if c.dep_ == "appos")
        return [a for a in found if a is not None and a.kind == PERSON and a.name != m.name]

    def _eligible(self, m: Mention, allow_places: bool, nations: bool) -> bool:
        if m.kind == NATION:
            return nations
        if m.kind == PLACE and not m.is_party:
            return allow_places
        return m.is_party

    def _members(self, head: Token) -> list[Mention]:
        """ "the leadership of KNDS", "Iran's delegation", "American and Japanese negotiators",
        "EC finance and agriculture ministers" (a name anywhere among the modifiers)."""
        out = self._named_modifiers(head)
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ == "PRON":
                out += self.parties(child)
            elif child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    out += self.parties(pobj)
            elif child.dep_ == "appos":
                out += self.parties(child)
        # A list after the noun names the members; a modifier may only name the group.
        found = self._listed_after(head) or self._included(head) or out
        return found or self._named_before(head) or self._home_government(head)

    def _home_government(self, head: Token) -> list[Mention]:
        """ "the government" alone: the country the story names as having one."""
        if head.lower_ not in GOVERNMENT_NOUNS or not _bare_definite(head):
            return []
        return [self._home] if self._home is not None else []

    @cached_property
    def _office_holders(self) -> Holders:
        return office_holders(self.mentions)

    @cached_property
    def _home(self) -> Mention | None:
        return home_government(self.mentions)

    def _named_before(self, head: Token) -> list[Mention]:
        """ "The ministers ended their meeting" after "EC farm ministers": the group the same
        plural noun was named with earlier in the article."""
        if not _bare_definite(head) or head.tag_ != "NNS":
            return []
        doc = self.mentions.doc
        for t in reversed(doc[max(0, head.i - _LOOKBACK_TOKENS * 2) : head.i]):
            named = self._named_modifiers(t) if t.lower_ == head.lower_ else []
            if named:
                return named
        return []

    def _included(self, head: Token) -> list[Mention]:
        """ "House leaders pressing for a bill, including Richard Gephardt": the named members
        (the parser may hang "including" on a clause inside the noun phrase)."""
        return [
            p
            for t in head.subtree
            if t.dep_ == "prep" and t.lower_ == "including"
            for o in t.children
            if o.dep_ == "pobj"
            for p in self.parties(o)
        ]

    def _named_modifiers(self, head: Token) -> list[Mention]:
        out: list[Mention] = []
        for t in self.mentions.doc[head.left_edge.i : head.i]:
            m = self.mentions.at(t)
            if m is not None and t.i == m.end - 1 and m not in out:
                out += [m] if self._eligible(m, False, True) else []
        return out

    def _listed_after(self, head: Token) -> list[Mention]:
        """Members listed after a dash or colon: "its G-7 partners - the United States, Japan
        and Canada -"; the parser hangs such a list anywhere in the sentence."""
        doc = self.mentions.doc
        i = head.i + 1
        if i + 1 >= len(doc) or doc[i].text not in _LIST_MARKS:
            return []
        i += 1 + (doc[i + 1].lower_ == "the")
        first = self.mentions.at(doc[i]) if i < len(doc) else None
        if first is None or not first.is_party:
            return []
        return self.parties(doc[first.end - 1])

    def _is_back_ref(self, head: Token) -> bool:
        if head.lower_ not in _BACK_HEADS or not self.last_parties:
            return False
        if any(c.dep_ == "prep" and c.lower_ in ("of", "from") for c in head.children):
            return False  # "the leaders of Egypt and Israel" names its own members
        dets = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "predet")}
        return head.lower_ == "both" or bool(dets & {"the", "both", "two"})

    def _pair_before(self, head: Token) -> list[Mention]:
        """ "both clubs", "the two companies": the two parties of that kind named together in
        the nearest earlier sentence that names exactly two of them."""
        kind = _PAIR_NOUNS[head.lower_]
        sents = [s for s in self.mentions.doc.sents if s.start <= head.i]
        for sent in reversed(sents[-_PAIR_LOOKBACK_SENTS:]):
            end = min(sent.end, head.left_edge.i)
            named = [m for m in self.mentions.in_span(sent.start, end) if _kind_of(m) == kind]
            unique = list({m.name: m for m in named}.values())
            if len(unique) == 2:
                return unique
        return []

    def _titled_before(self, head: Token) -> Mention | None:
        """The latest person named before with this office word just before the name."""
        doc = self.mentions.doc
        for m in reversed([m for m in self.mentions.people() if m.end <= head.i]):
            before = doc[max(doc[m.start].sent.start, m.start - _TITLE_REACH) : m.start]
            if any(t.lower_ == head.lower_ for t in before):
                return m
        return None

    def _pronoun(self, pron: Token) -> list[Mention]:
        low = pron.lower_
        if low in _THIRD_PERSON:
            person = self._subject_after(pron) or self._recent_person(pron.i)
            return [person] if person else []
        if low in _FIRST_PERSON:
            speaker = self._speaker(pron)
            return [speaker] if speaker else []
        if low in _PLURAL:
            return list(self.last_parties)
        if low == "it":
            reporter = self._reporter(pron)
            return [reporter] if reporter else []
        return []

    def _reporter(self, pron: Token) -> Mention | None:
        """ "Euronext said it had held talks with X": "it" in a reported clause is the
        organisation or country that reported it."""
        clause = pron.head
        if pron.dep_ != "nsubj" or clause.dep_ != "ccomp":
            return None
        verb = clause.head
        if verb.lemma_.lower() not in _SAY_VERBS | {"confirm"}:
            return None
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        named = self.mentions.at(subj[0]) if subj else None
        return named if named is not None and named.kind != PERSON and named.is_party else None

    def _subject_after(self, pron: Token) -> Mention | None:
        """ "Within hours of his talks with X, Heath resigned": a possessive in a phrase
        before its clause's subject stands for that subject."""
        if pron.dep_ != "poss":
            return None
        verb = clause_verb(pron)
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
        person = self.mentions.at(subjects[0]) if subjects and subjects[0].i > pron.i else None
        return person if person is not None and person.kind == PERSON else None

    def _recent_person(self, before: int) -> Mention | None:
        """The nearest person named before, preferring a sentence subject."""
        people = [
            m for m in self.mentions.people() if before - _LOOKBACK_TOKENS <= m.start < before
        ]
        subjects = [
            m for m in people if self.mentions.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")
        ]
        pick = subjects or people
        return pick[-1] if pick else None

    def _speaker(self, pron: Token) -> Mention | None:
        """The named speaker of the quote a first-person pronoun sits in ("…," Umerov noted)."""
        doc = self.mentions.doc
        end = min(len(doc), pron.i + _QUOTE_REACH)
        for t in doc[pron.i : end]:
            if t.lemma_.lower() in _SAY_VERBS and t.i > pron.i:
                subj = [c for c in t.children if c.dep_ == "nsubj"]
                m = self.mentions.at(subj[0]) if subj else None
                if m is not None and m.kind != NATION:
                    return m
        for t in reversed(doc[max(0, pron.i - _QUOTE_REACH) : pron.i]):
            if t.lemma_.lower() in _SAY_VERBS:
                subj = [c for c in t.children if c.dep_ == "nsubj"]
                m = self.mentions.at(subj[0]) if subj else None
                if m is not None and m.kind == PERSON:
                    return m
        return None


def _names_two(head: Token) -> bool:
    """True for "both N" and "the two N"."""
    words = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "predet", "preconj")}
    return "both" in words or {"the", "two"} <= words


def _kind_of(m: Mention) -> str | None:
    if m.kind == ORG or m.kind == PERSON:
        return m.kind if m.is_party else None
    return PLACE if m.kind in (PLACE, NATION) and m.is_party else None


def _bare_definite(head: Token) -> bool:
    """ "the Chancellor", "the minister": a definite title with nothing else before it."""
    left = [c for c in head.children if c.i < head.i]
    return len(left) == 1 and left[0].lower_ == "the"

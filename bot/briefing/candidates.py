"""Candidate meetings: every pair of parties a sentence with a meeting word names, described.

The rules of `meetings.py` propose pairs they read from the parse; this stage adds every other
pair of parties named in a sentence holding a word of `data/triggers.toml` ("F held a phone
call with G", "J Corp has signed a memorandum with K GmbH") and describes each pair by
features for the judge (`judge.py`), which decides. Nothing here decides.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.briefing.assembly import name_in
from bot.briefing.clauses import is_day_word
from bot.briefing.coref import Resolver
from bot.briefing.countries import canonical_country, country_of_demonym, is_country
from bot.briefing.entities import NATION, ORG, PERSON, PLACE, Mention, is_event, is_media
from bot.briefing.gatherings import SAY_VERBS
from bot.briefing.reality import MODALS, happened, noun_real
from bot.briefing.report import Report
from bot.briefing.scope import clause_verb
from bot.briefing.wordlists import Trigger, not_held_verbs, stayed_away_verbs, triggers

# A sentence naming more parties than this is a roll: its first ones are paired, no more.
MAX_PARTIES_PER_SENTENCE = 10
# A sentence with more meeting words than this is a chain ("who met the man who met ..."):
# the first ones tell of it.
MAX_TRIGGERS_PER_SENTENCE = 6
_PATH_STEPS = 5
# The noun a nationality names a counterpart by: "his British counterpart".
_COUNTERPART = "counterpart"
_WORDS = re.compile(r"\w+")
# How far before a person's name their own country is written ("Ukraine's Defense Minister X").
_OWN_REACH = 6
_PLAN_LEMMAS = frozenset(
    ["plan", "expect", "hope", "want", "seek", "propose", "intend", "invite", "schedule", "urge"]
    + ["call", "offer", "prepare", "refuse", "decline", "ready", "aim", "wish", "push"]
)
_PLACE_PREPS = frozenset(["in", "at", "from", "across", "near", "to"])


@dataclass
class Candidate:
    """One pair of parties in one sentence, with what describes it (`features`)."""

    a: Mention
    b: Mention
    sent: Span
    trigger: Token
    features: dict[str, float] = field(default_factory=dict)

    @property
    def key(self) -> frozenset[str]:
        return frozenset((self.a.name, self.b.name))


def propose(
    reports: list[Report], resolver: Resolver, headline: str | None = None
) -> list[Candidate]:
    """The rules' pairs and every pair named in a sentence with a meeting word, each described
    once per sentence; a pair the rules proposed carries `rule=1`, a pair both of whose names
    the headline holds `headline=1`."""
    found: dict[tuple[frozenset[str], int], Candidate] = {}
    for report in reports:
        if is_roll(report) or _under_not_held(report.trigger):
            continue
        for a, b in report_pairs(report):
            if _stayed_away(a, report.trigger, resolver) or _stayed_away(
                b, report.trigger, resolver
            ):
                continue
            cand = _candidate(found, a, b, report.sent, report.trigger, resolver)
            cand.features["rule"] = 1.0
    doc = resolver.mentions.doc
    for sent in doc.sents:
        for token, trigger in _triggers(sent)[:MAX_TRIGGERS_PER_SENTENCE]:
            parties = _parties_near(token, sent, resolver)
            if trigger.kind == "visit" and _tour(parties, token):
                continue
            for a, b in itertools.combinations(parties, 2):
                if _not_a_pair(a, b, token, trigger, resolver) or _not_sides(
                    a, b, token, trigger, resolver
                ):
                    continue
                _candidate(found, a, b, sent, token, resolver, trigger)
    candidates = list(found.values())
    _describe_all(candidates, resolver)
    _count_sentences(candidates)
    _beside_rule_parties(candidates)
    if headline:
        words = set(_WORDS.findall(headline.lower()))
        for cand in candidates:
            if all(_last_word(m) in words for m in (cand.a, cand.b)):
                cand.features["headline"] = 1.0
    return candidates


def _last_word(m: Mention) -> str:
    words = _WORDS.findall(m.name.lower())
    return words[-1] if words else ""


def _beside_rule_parties(candidates: list[Candidate]) -> None:
    """ "X met Y, the head of Turkey's Baykar": a party written in one phrase with a party the
    rules paired (Baykar beside Y) is on that party's side of the meeting."""
    ruled_in: dict[int, list[Candidate]] = {}
    for cand in candidates:
        if "rule" in cand.features:
            ruled_in.setdefault(cand.sent.start, []).append(cand)
    for cand in candidates:
        if "rule" in cand.features:
            continue
        for ruled in ruled_in.get(cand.sent.start, []):
            shared = {ruled.a.name, ruled.b.name} & {cand.a.name, cand.b.name}
            if len(shared) != 1:
                continue
            other = ruled.b if ruled.a.name in shared else ruled.a
            new = cand.b if cand.a.name in shared else cand.a
            if _attached(new, other, cand.sent.doc):
                cand.features["beside_rule_party"] = 1.0


def _attached(m: Mention, to: Mention, doc: Doc) -> bool:
    """Whether a name hangs inside the phrase of another ("Y, the head of Turkey's Baykar")."""
    return _within(doc[m.end - 1], _phrase_head(doc[to.end - 1]))


def is_roll(report: Report) -> bool:
    """A gathering of more parties than a sentence reports pairs of: it stands as read."""
    return len(report.side_a) + len(report.side_b) > MAX_PARTIES_PER_SENTENCE


def report_pairs(report: Report) -> list[tuple[Mention, Mention]]:
    """The pairs of parties a report makes: side a against side b, or all of side a."""
    if report.side_b:
        pairs = [(a, b) for a in report.side_a for b in report.side_b]
    else:
        pairs = list(itertools.combinations(report.side_a, 2))
    return [(a, b) for a, b in pairs if _distinct(a, b)]


def _candidate(
    found: dict[tuple[frozenset[str], int], Candidate],
    a: Mention,
    b: Mention,
    sent: Span,
    token: Token,
    resolver: Resolver,
    trigger: Trigger | None = None,
) -> Candidate:
    key = (frozenset((a.name, b.name)), sent.start)
    cand = found.get(key)
    if cand is None:
        first, second = sorted((a, b), key=lambda m: m.start)
        cand = found[key] = Candidate(first, second, sent, token)
    if trigger is not None:
        cand.features[f"trigger={trigger.lemma}"] = 1.0
        cand.features[f"kind={trigger.kind}"] = 1.0
        cand.features["proposed"] = 1.0
    return cand


def _triggers(sent: Span) -> list[tuple[Token, Trigger]]:
    """The meeting words of a sentence, with their table entries."""
    table = triggers()
    out = []
    for token in sent:
        pos = {"AUX": "VERB", "PROPN": "NOUN"}.get(token.pos_, token.pos_)  # "the MoU", a PROPN
        entry = table.get((pos, token.lemma_.lower()))
        if entry is None:
            continue
        if entry.needs and not any(c.lemma_.lower() in entry.needs for c in token.subtree):
            continue
        if entry.requires and not any(c.lower_ in entry.requires for c in token.children):
            continue  # "her call was backed by ...": an appeal, unlike "a phone call with"
        if entry.plural and token.tag_ != "NNS":
            continue  # "his talk at the think tank" is a speech, unlike "talks"
        if any(c.dep_ == "prep" and c.lower_ in entry.not_preps for c in token.children):
            continue  # "called for talks"
        if entry.not_with_infinitive and any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
            continue  # "called on Israel to stop", unlike "called on the Prime Minister"
        if took_place(token):
            out.append((token, entry))
    return out


def took_place(trigger: Token) -> bool:
    """Whether the meeting a word tells of was held: not planned, hoped for, refused, denied
    or hypothetical ("will meet", "called for talks", "denied it had held talks")."""
    real = happened(trigger) if trigger.pos_ in ("VERB", "AUX") else noun_real(trigger)
    verb = clause_verb(trigger)
    if verb is not None and verb != trigger and not happened(verb):
        return False
    return real and not _under_not_held(trigger) and not _planned(trigger)


def _under_not_held(trigger: Token) -> bool:
    """ "Hungary boycotted a meeting", "X denied he had held talks": it was not held."""
    return any(w.lemma_.lower() in not_held_verbs() for w in _above(trigger))


def _above(word: Token) -> list[Token]:
    """The word and the four words it hangs on ("called for a new round of talks")."""
    return [word, *list(word.ancestors)[:4]]


def _parties_near(token: Token, sent: Span, resolver: Resolver) -> list[Mention]:
    """The parties named in the sentence, and whom its subject stands for ("He held talks")."""
    mentions = resolver.mentions
    clauses = _clauses(token)
    named = [
        m
        for m in mentions.in_span(sent.start, sent.end)
        if _eligible(m) and _in_clause(sent.doc[m.end - 1], clauses)
    ]
    verb = clause_verb(token) or token
    for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        if mentions.at(subj) is None:
            named += [m for m in resolver.parties(subj) if _eligible(m)]
    named += _counterparts_by_country(token, clauses)
    unique: dict[str, Mention] = {}
    for m in named:
        unique.setdefault(m.name, m)
    return list(unique.values())[:MAX_PARTIES_PER_SENTENCE]


def _counterparts_by_country(trigger: Token, clauses: set[Token]) -> list[Mention]:
    """ "held telephone conversations with his British, French and Turkish counterparts": a
    counterpart named by nationality stands for that country."""
    out = []
    for word in trigger.sent:
        if word.lemma_.lower() != _COUNTERPART or clause_verb(word) not in clauses:
            continue
        for adj in (c for c in word.subtree if c.dep_ in ("amod", "conj") and c.i < word.i):
            country = country_of_demonym(adj.text)
            if country:
                out.append(Mention(adj.i, adj.i + 1, canonical_country(country), PLACE))
    return out


def _clauses(trigger: Token) -> set[Token]:
    """The verbs whose clauses tell of the meeting: the meeting word's own and up to two above
    it, short of a reporting verb ("officials said")."""
    verbs: set[Token] = set()
    verb = clause_verb(trigger)
    for step in range(3):
        # "Trump told reporters during his meeting with Orban": its own clause tells of it.
        if verb is None or (step and verb.lemma_.lower() in SAY_VERBS):
            break
        verbs.add(verb)
        if verb.dep_ in ("conj", "ccomp", "parataxis") or verb.head == verb:
            break  # "X met Y, and Z spoke to reporters": Z's clause is another
        verb = clause_verb(verb.head)
    return verbs


def _in_clause(word: Token, clauses: set[Token]) -> bool:
    """Whether a party's word is in one of the clauses that tell of the meeting."""
    return clause_verb(word) in clauses


def _not_a_pair(a: Mention, b: Mention, trigger: Token, entry: Trigger, resolver: Resolver) -> bool:
    """Two names a meeting sentence holds that are not two sides of it: a person and their own
    country, a place the meeting was in, whose someone is ("Mr Weber's adviser"), or two
    subjects who met someone unnamed."""
    doc = resolver.mentions.doc
    if _own_country(a, b, resolver) or _own_country(b, a, resolver):
        return True
    if _stayed_away(a, trigger, resolver) or _stayed_away(b, trigger, resolver):
        return True
    first, last = sorted((a, b), key=lambda m: m.start)
    start = max(first.start, trigger.sent.start)  # a party resolved from a pronoun is earlier
    if "\n" in doc[start : max(last.end, start)].text:
        return True  # a "sentence" across paragraphs: a junk line glued to the headline
    for m in (a, b):
        word = doc[m.end - 1]
        if (
            _kind(m) == "country"
            and word.dep_ == "pobj"
            and word.head.lower_ in ("in", "at")
            and entry.kind != "visit"
        ):
            return True  # "met Khalilzad in Qatar", unlike "arrived in Mozambique for a visit"
        if (
            m.kind != ORG
            and word.dep_ in ("poss", "compound")
            and word.head != trigger
            and not is_day_word(word.head)  # "Xi Jinping Wednesday held talks"
        ):
            return True  # "Mr Weber's adviser", "U.S. envoy X": the adviser, the envoy met
    return _met_someone_else(a, b, trigger, resolver)


def _not_sides(a: Mention, b: Mention, token: Token, trigger: Trigger, resolver: Resolver) -> bool:
    """What the meeting word says against the two facing each other: co-subjects of a word
    that is not symmetric ("Spain and Portugal welcomed X"), or the topic discussed
    ("discussed Minetest with Wikinews")."""
    doc = resolver.mentions.doc
    roles = [_role(doc[m.end - 1], token) for m in (a, b)]
    if not trigger.symmetric and roles == ["subj", "subj"]:
        return True
    return trigger.topic_object and "obj" in roles


def _stayed_away(m: Mention, trigger: Token, resolver: Resolver) -> bool:
    """ "Hungary boycotted a meeting of its EU partners": the subject of a verb of staying away
    over the meeting word was not at it."""
    for word in _above(trigger)[1:]:
        if word.lemma_.lower() in stayed_away_verbs():
            subjects = [c for c in word.children if c.dep_ == "nsubj"]
            return any(p.name == m.name for s in subjects for p in resolver.parties(s))
    return False


def _tour(parties: list[Mention], visit: Token) -> bool:
    """ "Lammy is visiting Nigeria, Ghana and Senegal": a visit to several countries at once is
    a tour, not a meeting with each."""
    visited = [m for m in parties if _kind(m) == "country" and m.start > visit.i]
    return len(visited) >= 2


def _met_someone_else(a: Mention, b: Mention, trigger: Token, resolver: Resolver) -> bool:
    """ "Starmer and Khan met union representatives": both are the subject and the meeting
    word's object names no party, so they met someone unnamed, not each other."""
    doc = resolver.mentions.doc
    if any(_role(doc[m.end - 1], trigger) != "subj" for m in (a, b)):
        return False
    objects = [c for c in trigger.children if c.dep_ == "dobj"] + [
        o
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for o in c.children
        if o.dep_ == "pobj"
    ]
    own = {a.name, b.name}
    return bool(objects) and not any(
        p.name not in own for o in objects for p in resolver.parties(o)
    )


def _eligible(m: Mention) -> bool:
    """A party: a person, an organisation other than an outlet or an event ("Munich Security
    Conference" is where they met), or a country (not a demonym: "Azerbaijani" names no one)."""
    return m.is_party and not is_event(m.name)


def _distinct(a: Mention, b: Mention) -> bool:
    return not (name_in(a.name, b.name) or name_in(b.name, a.name))


def _count_sentences(candidates: list[Candidate]) -> None:
    """How many sentences name each pair: a pair told of twice is more likely to have met."""
    counts: dict[frozenset[str], int] = {}
    for cand in candidates:
        counts[cand.key] = counts.get(cand.key, 0) + 1
    for cand in candidates:
        cand.features[f"sentences={min(counts[cand.key], 3)}"] = 1.0


def _describe_all(candidates: list[Candidate], resolver: Resolver) -> None:
    """Every candidate's features; what belongs to a sentence or a meeting word (its place in
    the text, its parties, whether the meeting took place) is worked out once for it."""
    doc = resolver.mentions.doc
    index = {sent.start: i for i, sent in enumerate(doc.sents)}
    parties: dict[int, int] = {}
    reality: dict[int, dict[str, float]] = {}
    for cand in candidates:
        word = cand.trigger
        if word.i not in reality:
            reality[word.i] = {"happened" if took_place(word) else "not_happened": 1.0}
            if _planned(word):
                reality[word.i]["planned"] = 1.0
        start = cand.sent.start
        if start not in parties:
            in_sentence = resolver.mentions.in_span(start, cand.sent.end)
            parties[start] = sum(1 for m in in_sentence if m.is_party)
        context = {
            f"sentence={min(index[start], 4)}": 1.0,
            f"parties={_bucket(parties[start], (2, 3, 5))}": 1.0,
        }
        cand.features.update(_describe(cand.a, cand.b, cand.sent, cand.trigger, resolver))
        cand.features.update(context)
        cand.features.update(reality[word.i])


def _describe(
    a: Mention, b: Mention, sent: Span, trigger: Token, resolver: Resolver
) -> dict[str, float]:
    """What the judge weighs: the pair's kinds, how each hangs on the meeting word, whether the
    meeting took place, and what often makes a false pair (a person's own country, an outlet)."""
    doc = sent.doc
    feats: dict[str, float] = {}
    kinds = "|".join(sorted((_kind(a), _kind(b))))
    feats[f"kinds={kinds}"] = 1.0
    rels = [_relation(doc[m.end - 1], trigger) for m in (a, b)]
    for rel in rels:
        feats[f"rel={rel}"] = 1.0
    feats[f"rels={'|'.join(sorted(rels))}"] = 1.0
    roles = [_role(doc[m.end - 1], trigger) for m in (a, b)]
    feats[f"roles={'|'.join(sorted(roles))}"] = 1.0
    for role in roles:
        feats[f"role={role}"] = 1.0
    if all(r != "other" for r in roles):
        feats["both_arguments"] = 1.0
    if _one_phrase(a, b, doc):
        feats["one_phrase"] = 1.0
    feats[f"pos={trigger.pos_}"] = 1.0
    feats[f"tag={trigger.tag_}"] = 1.0
    gap = b.start - a.end
    feats[f"gap={_bucket(gap, (0, 3, 8, 15, 30))}"] = 1.0
    between = doc[a.end : b.start]
    if any(t.lower_ == "and" for t in between) and gap <= 3:
        feats["coordinated"] = 1.0
    if any(t.lower_ == "with" for t in between):
        feats["with_between"] = 1.0
    if any(t.lower_ == "between" for t in doc[max(sent.start, a.start - 2) : a.start]):
        feats["between_phrase"] = 1.0
    for m, name in ((a, "a"), (b, "b")):
        head = doc[m.end - 1]
        if head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS:
            feats[f"place_prep_{name}"] = 1.0
        if is_media(m.name):
            feats["media"] = 1.0
    if _own_country(a, b, resolver) or _own_country(b, a, resolver):
        feats["own_country"] = 1.0
    if a.start >= sent.start and b.start >= sent.start:
        feats["both_in_sentence"] = 1.0
    else:
        feats["resolved"] = 1.0
    return feats


def _kind(m: Mention) -> str:
    if m.kind == PLACE and is_country(m.name):
        return "country"
    return {PERSON: "person", ORG: "org", NATION: "nation"}.get(m.kind, m.kind)


def _relation(token: Token, trigger: Token) -> str:
    """How a party's word hangs on the meeting word: the dependency labels up to it
    ("nsubj", "pobj<with", "dobj"), "under" when the trigger governs it from further,
    "above" when the party governs the trigger, "apart" otherwise."""
    steps: list[str] = []
    word = token
    for _ in range(_PATH_STEPS):
        if word == trigger:
            return ">".join(steps) or "self"
        label = word.dep_
        if label == "pobj":
            label = f"pobj<{word.head.lower_}"
            word = word.head
        steps.append(label)
        if word.head == word:
            break
        word = word.head
    if word == trigger:
        return ">".join(steps)
    if _within(token, trigger):
        return "under"
    if _within(trigger, token):
        return "above"
    return "apart"


def _within(word: Token, head: Token) -> bool:
    """Whether a word is in a head's phrase (its subtree, a span of the text)."""
    return head.left_edge.i <= word.i <= head.right_edge.i


def _role(token: Token, trigger: Token) -> str:
    """The part a party plays in the meeting's clause: its subject ("subj"), object ("obj"),
    the one met "with", "between" whom, whose meeting ("poss": "Putin's talks"), or "other"."""
    head = _phrase_head(token)
    verb = clause_verb(trigger)
    anchors = {trigger, *([verb] if verb is not None else [])}
    if trigger.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr"):
        anchors.add(trigger.head)
    dep = head.dep_
    target = head.head
    if dep == "pobj":
        prep = head.head.lower_
        target = head.head.head
        dep = {"with": "with", "between": "between", "among": "between", "by": "subj"}.get(
            prep, "to" if prep in ("to", "of", "from") else "other"
        )
    elif dep in ("nsubj", "nsubjpass", "agent"):
        dep = "subj"
    elif dep in ("dobj", "dative"):
        dep = "obj"
    elif dep == "poss":
        dep = "poss"
    else:
        return "other"
    return dep if target in anchors else "other"


def _phrase_head(token: Token) -> Token:
    """The head of the phrase a name stands in, past coordination and apposition ("X and Y",
    "Z, the minister") and the noun a name modifies ("Lockheed Martin representatives")."""
    word = token
    for _ in range(_PATH_STEPS):
        if word.dep_ in ("conj", "appos", "compound", "flat") and word.head != word:
            word = word.head
        else:
            break
    return word


def _one_phrase(a: Mention, b: Mention, doc: Doc) -> bool:
    """ "Lockheed Martin CEO Marillyn Hewson", "Foreign Minister of Belarus Sergey Aleinik":
    two names in one noun phrase are a person and their own side, not two sides."""
    between = doc[a.end : b.start]
    if len(between) > 4 or any(t.lower_ in ("and", ",", "with", "or") for t in between):
        return False
    last_a = doc[a.end - 1]
    last_b = doc[b.end - 1]
    return last_a.head == last_b or last_b.head == last_a or last_a.head == last_b.head


def _planned(trigger: Token) -> bool:
    """ "They plan to meet", "calls for talks", "will hold talks": a meeting wanted, not held."""
    for word in _above(trigger):
        if word.lemma_.lower() in _PLAN_LEMMAS and word != trigger:
            return True
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in word.children):
            return True
    return False


def _own_country(person: Mention, country: Mention, resolver: Resolver) -> bool:
    """ "Ukraine's Defense Minister Umerov", "Ukrainian Foreign Minister Kuleba": the country
    written just before a person's name is the person's own, not a party the person met."""
    if person.kind != PERSON or _kind(country) != "country":
        return False
    before = resolver.mentions.in_span(max(0, person.start - _OWN_REACH), person.start)
    own = {_country_name(m) for m in before if m.kind in (PLACE, NATION)}
    return _country_name(country) in own


def _country_name(m: Mention) -> str:
    return canonical_country(country_of_demonym(m.name) or m.name)


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"

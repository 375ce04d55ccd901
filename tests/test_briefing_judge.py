"""The candidate stage, the judge and their data: sentences of our own, with counterexamples."""

from __future__ import annotations

import pytest

from bot.briefing import ArticleInput, load_nlp
from bot.briefing.candidates import Candidate
from bot.briefing.countries import COUNTRIES, canonical_country, country_of_demonym
from bot.briefing.entities import PERSON, Mention
from bot.briefing.judge import Judge, default_judge
from bot.briefing.pipeline import meeting_candidates
from bot.briefing.wordlists import honorifics, ranks, table, triggers


def candidates_of(text: str) -> dict[frozenset[str], Candidate]:
    """Each candidate pair of a text, with the features of its first sentence."""
    found: dict[frozenset[str], Candidate] = {}
    for cand in next(meeting_candidates([ArticleInput(text=text, published="2024-05-10")])):
        found.setdefault(cand.key, cand)
    return found


def test_trigger_table_loads_with_one_entry_per_word() -> None:
    entries = triggers()
    assert ("VERB", "meet") in entries and ("NOUN", "memorandum") in entries
    assert all(
        e.kind in {"talk", "phone", "visit", "host", "sign", "gather"} for e in entries.values()
    )


def test_every_noun_a_light_verb_needs_is_a_meeting_noun() -> None:
    """ "held a phone call": the noun that makes "held" a meeting word is in the table itself,
    so the two lists cannot drift apart."""
    nouns = {lemma for pos, lemma in triggers() if pos == "NOUN"}
    for entry in triggers().values():
        assert entry.needs <= nouns, (entry.lemma, entry.needs - nouns)


def test_trigger_lemmas_are_lower_case_and_no_verb_is_both_not_held_and_stayed_away() -> None:
    """A verb in both lists would drop a meeting for two reasons at once: the lists must part."""
    raw = table("triggers.toml")
    for section in ("verb", "noun"):
        assert all(name == name.lower().strip() for name in raw[section])
    both = set(raw["not_held"]["verbs"]) & set(raw["stayed_away"]["verbs"])
    assert not both, sorted(both)


# Sentences whose pair only the candidate stage proposes: the judge sees them all.
PROPOSED = [
    (
        "Karl Nehammer held a phone call with Olaf Scholz on Friday.",
        {"Karl Nehammer", "Olaf Scholz"},
    ),
    (
        "On September 3, at the initiative of Emmanuel Macron, a telephone conversation took "
        "place with Recep Tayyip Erdogan.",
        {"Emmanuel Macron", "Recep Tayyip Erdogan"},
    ),
    (
        "Hanwha Aerospace has signed a memorandum with Rheinmetall AG.",
        {"Hanwha Aerospace", "Rheinmetall AG"},
    ),
    (
        "Airbus established a joint venture with Tata Advanced Systems in 2022.",
        {"Airbus", "Tata Advanced Systems"},
    ),
]


@pytest.mark.parametrize(("text", "pair"), PROPOSED)
def test_meeting_sentences_propose_their_pair(text: str, pair: set[str]) -> None:
    found = candidates_of(text)
    assert any(key == frozenset(pair) for key in found), sorted(map(sorted, found))


def test_no_candidate_without_a_meeting_word() -> None:
    assert candidates_of("Karl Nehammer and Olaf Scholz were born in the same year.") == {}


@pytest.mark.parametrize(
    "text",
    [
        "Karl Nehammer will meet Olaf Scholz in Berlin next week.",
        "Karl Nehammer called for talks with Olaf Scholz.",
        "Karl Nehammer boycotted a meeting with Olaf Scholz.",
        "Karl Nehammer denied he had held talks with Olaf Scholz.",
    ],
)
def test_a_meeting_not_held_proposes_no_pair(text: str) -> None:
    assert frozenset({"Karl Nehammer", "Olaf Scholz"}) not in candidates_of(text)


def test_a_meeting_held_is_proposed() -> None:
    held = candidates_of("Karl Nehammer met Olaf Scholz in Berlin on Monday.")
    assert frozenset({"Karl Nehammer", "Olaf Scholz"}) in held


def test_a_persons_own_country_is_marked() -> None:
    """ "Blinken – Ukraine" beside "Blinken – Kuleba": Ukraine is Kuleba's, not a party met."""
    found = candidates_of(
        "Ukraine's Foreign Minister Dmytro Kuleba met Antony Blinken in Kyiv on Monday."
    )
    assert frozenset({"Dmytro Kuleba", "Ukraine"}) not in found
    assert frozenset({"Dmytro Kuleba", "Antony Blinken"}) in found


@pytest.mark.parametrize(
    ("text", "not_pair"),
    [
        ("Spain and Portugal welcomed Olaf Scholz in Madrid.", {"Spain", "Portugal"}),
        ("Karl Nehammer met Olaf Scholz in Austria.", {"Karl Nehammer", "Austria"}),
        ("Mr Weber's adviser Mark Reed met Olaf Scholz on Monday.", {"Weber", "Olaf Scholz"}),
        ("Karl Nehammer is visiting Nigeria, Ghana and Senegal.", {"Karl Nehammer", "Ghana"}),
    ],
)
def test_names_that_are_not_two_sides_propose_no_pair(text: str, not_pair: set[str]) -> None:
    """Co-hosts, the place of the meeting, whose adviser someone is, a tour's countries."""
    assert frozenset(not_pair) not in candidates_of(text)


def test_an_outlet_or_a_demonym_is_never_a_party() -> None:
    """ "Putin – TASS", "Azerbaijani": neither met anyone."""
    found = candidates_of(
        "Vladimir Putin met the Azerbaijani President Ilham Aliyev in Moscow, TASS reported."
    )
    names = {name for key in found for name in key}
    assert "TASS" not in names and "Azerbaijani" not in names


def test_the_shipped_judge_loads_and_answers_the_same_twice() -> None:
    judge = default_judge()
    assert 0.0 < judge.threshold < 1.0 and judge.weights
    feats = {"rule": 1.0, "kind=talk": 1.0, "bias": 1.0}
    fresh = Judge.from_dict(table("judge.json"))
    assert fresh.probability(feats) == judge.probability(feats)
    again = Judge.from_dict(judge.to_dict())
    assert again.probability(feats) == judge.probability(feats)


def test_judge_accepts_candidates_strongest_first() -> None:
    doc = load_nlp()("Olaf Scholz met Karl Nehammer in May. Scholz met Nehammer again in June.")
    a, b = Mention(0, 2, "Olaf Scholz", PERSON), Mention(3, 5, "Karl Nehammer", PERSON)
    first, second = list(doc.sents)
    weak = Candidate(a, b, first, doc[2], {"x": 1.0})
    strong = Candidate(a, b, second, second[1], {"y": 1.0})
    judge = Judge(weights={"x": -1.0, "y": 2.0}, bias=0.0, threshold=0.5)
    assert judge.accept([weak, strong]) == [strong]
    both = Judge(weights={"x": 1.0, "y": 2.0}, bias=0.0, threshold=0.5)
    assert both.accept([weak, strong]) == [strong, weak]
    assert Judge(weights={"x": -1.0}, bias=0.0, threshold=0.5).accept([weak]) == []


def test_styles_before_names_are_listed_once_lower_case_and_in_one_list_each() -> None:
    raw = table("styles.toml")
    lists = {name: section["words"] for name, section in raw.items()}
    for name, words in lists.items():
        assert len(words) == len(set(words)), f"{name} lists a word twice"
        assert all(w == w.lower() for w in words), name
    seen: dict[str, str] = {}
    for name, words in lists.items():
        for word in words:
            assert word not in seen, f"{word!r} is in {seen.get(word)} and {name}"
            seen[word] = name
    assert "h.e." in honorifics() and "gen" in ranks() and "sen." in ranks()


def test_every_sovereign_state_is_a_country_and_every_demonym_names_one() -> None:
    raw = table("countries.toml")
    for name in raw["states"]["names"]:
        assert canonical_country(name) in COUNTRIES, name
    for demonym, country in raw["demonyms"].items():
        assert demonym == demonym.lower(), demonym
        assert country in COUNTRIES or country == "Europe", (demonym, country)
    assert country_of_demonym("Djiboutian") == "Djibouti"
    assert canonical_country("Cape Verde") == "Cabo Verde"

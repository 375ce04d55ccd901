"""Odd and hostile inputs: each gives a Brief in good time, never a crash or a hang."""

from __future__ import annotations

import time

import pytest
import spacy
from spacy.tokens import Doc

from bot.briefing import ArticleInput, Brief, Party, assembly, brief_article, load_nlp
from bot.briefing.entities import Mention, Mentions, find_mentions
from bot.briefing.keyphrases import key_chunks
from bot.briefing.meals import _beside
from bot.briefing.meetings import find_meetings
from bot.briefing.parties import make_party
from bot.briefing.presence import _nested
from bot.briefing.render import MAX_BULLET_CHARS
from bot.briefing.scope import reporting_clauses

_NAMES = [
    f"{first} {last}"
    for last in ("Novak", "Rossi", "Jensen", "Costa", "Haddad", "Okafor")
    for first in ("Anna", "Igor", "Sara", "Tom", "Elena", "Pavel", "Lena", "Omar", "Ruth", "Hugo")
]


def _check_contract(brief: Brief) -> None:
    """The Brief's promises: short non-empty bullets, no empty party, no meeting twice."""
    assert 1 <= len(brief.bullets) <= 5
    assert all(0 < len(b) <= MAX_BULLET_CHARS for b in brief.bullets)
    parties = [p for m in brief.meetings for p in (*m.who, *m.with_)]
    assert all(p.name.strip() for p in parties)
    sides = [(tuple(p.name for p in m.who), tuple(p.name for p in m.with_)) for m in brief.meetings]
    assert len(sides) == len(set(sides))
    assert all(1 <= len(t.split()) <= 6 for t in brief.topics)


def _timed_brief(text: str, title: str | None = None) -> tuple[Brief, float]:
    start = time.perf_counter()
    brief = brief_article(ArticleInput(text=text, title=title))
    return brief, time.perf_counter() - start


@pytest.mark.parametrize(
    "text",
    [
        " ".join(str(n) for n in range(400)),
        "12 March 2024, 2024-03-12, Monday, 3 p.m. " * 20,
        "!?.,;:-()[]{}\"'" * 100,
        "Путин встретился с Си в Москве. 习近平与普京在莫斯科会晤。 التقى بوتين مع شي في موسكو.",
        "<html><head><script>var x = 1;</script></head><body><div></div></body></html>",
        "They met and held talks and visited and met again. " * 40,
        " ".join(
            w.capitalize() for w in ("the minister met the president in the capital " * 40).split()
        ),
        "Merkel said " + '"(' * 200 + "Macron met Putin" + ')"' * 200 + ".",
        "\u200b\u200b  ",
        "x" * 2000,
    ],
    ids=[
        "numbers",
        "dates",
        "punctuation",
        "scripts",
        "html",
        "verbs",
        "capitals",
        "nested",
        "invisible",
        "one-word",
    ],
)
def test_odd_text_gives_a_brief_that_keeps_the_contract(text: str) -> None:
    brief, seconds = _timed_brief(text)
    _check_contract(brief)
    assert seconds < 10  # a hang guard, far above the time it takes


def test_headline_only() -> None:
    brief, _ = _timed_brief("Merkel meets Macron", title="Merkel meets Macron")
    assert brief.title == "Merkel meets Macron"
    _check_contract(brief)


def test_blank_text_has_no_empty_bullet() -> None:
    brief, _ = _timed_brief("   ")
    assert brief.meetings == []
    assert brief.bullets == ["Date unknown"]


def test_a_roll_of_names_is_briefed_in_linear_time() -> None:
    # Each name of "A, B, ... and Z" walked the whole list (and its parse) again.
    roll = ", ".join(f"Minister {n}" for n in _NAMES * 5)
    brief, seconds = _timed_brief(f"The talks brought together {roll} and Carl Berg.")
    _check_contract(brief)
    assert brief.meetings
    assert seconds < 5  # quadratic, it took 15 s


def test_hundreds_of_ands_between_names() -> None:
    text = "Putin met Xi " + " and ".join(["Xi"] * 400) + "."
    brief, seconds = _timed_brief(text)
    _check_contract(brief)
    assert seconds < 20  # quadratic, it took two minutes


def test_a_sentence_of_thousands_of_ands_has_no_quadratic_chunks() -> None:
    # spaCy's noun chunker walks a chain of conjuncts from each of its words.
    doc = load_nlp()(" and ".join(["talks"] * 4000))
    start = time.perf_counter()
    key_chunks(doc, None)
    assert time.perf_counter() - start < 3  # quadratic, it took 13 s


def test_nested_relative_clauses_are_not_walked_from_each_verb() -> None:
    doc = load_nlp()("Putin met Xi, " + "who met the man who met the man " * 300 + "in Moscow.")
    start = time.perf_counter()
    find_meetings(find_mentions(doc), None, None)
    assert time.perf_counter() - start < 4  # quadratic, it took 10 s


def test_a_deep_chain_of_infinitives_is_no_recursion_error() -> None:
    brief, _ = _timed_brief("Putin wanted " + "to try " * 1500 + "to meet Xi in Moscow.")
    _check_contract(brief)


def test_deeply_nested_json_ld_is_read_as_broken() -> None:
    deep = '{"a":' * 50_000 + "1" + "}" * 50_000
    html = (
        f'<html><head><script type="application/ld+json">{deep}</script></head>'
        "<body><p>Putin met Xi in Moscow.</p></body></html>"
    )
    brief = brief_article(ArticleInput(text="Putin met Xi in Moscow.", html=html))
    assert brief.published is None


def test_a_root_labelled_conj_ends_the_clause_chain() -> None:
    # A root is its own head: following "conj" up from it never got anywhere else.
    doc = Doc(
        spacy.blank("en").vocab,
        words=["They", "met"],
        heads=[1, 1],
        deps=["nsubj", "conj"],
        pos=["PRON", "VERB"],
    )
    assert reporting_clauses(doc[1]) == [doc[1]]


def test_tokens_compare_by_position_not_identity() -> None:
    # spaCy makes a new Token object on each access, so `is` between two is always false.
    doc = load_nlp()("He said the ministers met in Paris.")
    assert _beside(doc[3], doc[3], doc[4])
    # "met" is a clause of "said": the walk up from "Paris" reaches "met" first.
    assert not _nested(doc[6], doc[4])


def test_many_meetings_make_each_named_person_a_party_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every person of the article was made a party again for each of its meetings.
    pairs = [(a, b) for k in (1, 2, 3) for a, b in zip(_NAMES, _NAMES[k:], strict=False)]
    doc = load_nlp()(" ".join(f"{a} met {b} in Paris." for a, b in pairs))
    calls = []

    def counted(m: Mention, mentions: Mentions) -> Party:
        calls.append(m)
        return make_party(m, mentions)

    monkeypatch.setattr(assembly, "make_party", counted)
    mentions = find_mentions(doc)
    meetings = find_meetings(mentions, None, None)
    assert len(meetings) > 100
    # Once for each person named, and once for each side of each meeting.
    assert len(calls) <= len(mentions.people()) + 2 * len(meetings)

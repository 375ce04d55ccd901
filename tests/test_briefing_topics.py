"""Topics: the headline's event and subjects, then key noun phrases ranked by repetition,
headline and position, picked for variety."""

from __future__ import annotations

import pytest

from bot.briefing import ArticleInput, brief_article, load_nlp
from bot.briefing.article_topics import discussion_objects, headline_event, headline_phrases
from bot.briefing.keyphrases import diverse, key_chunks
from bot.briefing.scraped_text import headline_for_parser

_TEXT = (
    "Zambia reached a deal with its bondholders on debt rescheduling on Thursday, the finance "
    "ministry said. Prime Minister officials said the debt rescheduling covers three billion "
    "dollars of Eurobonds. The copper exports that pay for the bonds rose last year. "
    "The ministry said copper exports would be taxed less, and that the debt rescheduling "
    "would free money for schools."
)


@pytest.fixture(scope="module")
def topics() -> list[str]:
    load_nlp()
    return brief_article(
        ArticleInput(text=_TEXT, title="Zambia agrees debt rescheduling", published="2024-05-10")
    ).topics


def test_repeated_headline_phrase_leads(topics: list[str]) -> None:
    assert topics[0].lower() == "debt rescheduling"
    assert any("copper exports" in t.lower() for t in topics)


def test_topics_are_short_phrases_without_bare_titles(topics: list[str]) -> None:
    assert 1 <= len(topics) <= 6
    assert all(2 <= len(t.split()) <= 6 for t in topics)
    assert "prime minister" not in [t.lower() for t in topics]


def test_headline_subject_is_a_topic_though_the_body_words_it_differently() -> None:
    text = (
        "Dairy farmers blocked three distribution depots on Monday in protest at what they "
        "called unsustainable payments from supermarkets. The National Farmers Union said "
        "processors had cut what they pay for a litre by two pence since April. Farmers said "
        "they would keep the blockades going until the processors reversed the reductions."
    )
    topics = brief_article(
        ArticleInput(
            text=text, title="Farmers protest over 'milk price cuts'", published="2005-06-06"
        )
    ).topics
    assert "milk price cuts" in topics


def test_headline_phrases_name_subjects_not_people_or_counts() -> None:
    nlp = load_nlp()
    phrases = headline_phrases(
        nlp("California lawyer Michael Avenatti to send abortion bill to Congress within 10 days")
    )
    assert phrases == ["abortion bill"]


def test_capital_letter_headline_takes_the_body_casing() -> None:
    body = "Talks in London on coffee quotas collapsed, the U.S. delegate said. London dealers..."
    assert (
        headline_for_parser("U.S. SAYS LONDON COFFEE TALKS COLLAPSE", body)
        == "U.S. says London coffee talks collapse"
    )
    assert headline_for_parser("Blair backs 'pre-election budget'", "") == (
        "Blair backs pre-election budget"
    )


def test_headline_event_names_what_happened_to_whom() -> None:
    nlp = load_nlp()
    assert (
        headline_event(nlp("Veteran broadcaster Alan Whitcombe dies aged 88"), ["Alan Whitcombe"])
        == "death of Alan Whitcombe"
    )
    # Headlines drop the passive "is": the subject is the one stabbed.
    assert (
        headline_event(
            nlp("Regional council leader Whitcombe stabbed at rally"), ["Mary Whitcombe"]
        )
        == "stabbing of Mary Whitcombe"
    )
    assert (
        headline_event(nlp("Governor agrees to dissolve provincial assembly ahead of vote"), [])
        == "dissolution of provincial assembly"
    )
    assert headline_event(nlp("Farmers block depots over milk prices"), []) is None


def test_a_person_in_the_headline_is_a_topic_only_inside_a_phrase() -> None:
    text = (
        "Alan Whitcombe, who presented the BBC breakfast programme for thirty years, died on "
        "Sunday at his home in Devon. Alan Whitcombe joined the corporation as a sports "
        "reporter in 1958. Colleagues remembered Whitcombe's breakfast programme as the "
        "calmest hour in broadcasting."
    )
    topics = brief_article(
        ArticleInput(
            text=text,
            title="Veteran broadcaster Alan Whitcombe dies aged 88",
            published="2011-03-07",
        )
    ).topics
    assert topics[0] == "death of Alan Whitcombe"
    assert "Alan Whitcombe" not in topics


def test_keyphrases_join_a_happening_to_what_it_happens_to() -> None:
    doc = load_nlp()(
        "The governor announced the suspension of the provincial assembly on Monday. Party "
        "sources said the members of the assembly were angry. The suspension of the assembly "
        "follows months of protests over water charges. Exporters shipped 2.5 mln bags."
    )
    ranked = [text for _score, text in key_chunks(doc, "Governor suspends provincial assembly")]
    assert ranked[0] == "suspension of provincial assembly"
    assert "protests over water charges" in ranked
    # Parts of something, bland heads and bare units are no topics.
    assert not {"members of assembly", "party sources", "mln bags"} & set(ranked)


def test_keyphrases_that_repeat_chosen_words_give_way_to_new_subjects() -> None:
    ranked = [(10.0, "EU budget"), (9.0, "EU rebate"), (8.0, "EU states"), (5.0, "farm subsidies")]
    assert diverse(ranked, [], 2) == ["EU budget", "farm subsidies"]
    assert diverse(ranked, ["farm subsidies"], 1) == ["EU budget"]


def test_dates_are_not_discussed_subjects() -> None:
    doc = load_nlp()(
        "Officials discussed March 3 as a possible date for the vote. "
        "The ministers discussed the tariff dispute."
    )
    assert [discussion_objects(s) for s in doc.sents] == [[], ["tariff dispute"]]

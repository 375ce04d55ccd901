"""Who met whom: each reporting pattern, and the reports that are not meetings."""

from __future__ import annotations

import pytest

from bot.briefing import ArticleInput, Brief, brief_article, load_nlp


@pytest.fixture(scope="session", autouse=True)
def nlp():
    return load_nlp()


def _brief(text: str, published: str = "2024-05-10") -> Brief:
    return brief_article(ArticleInput(text=text, published=published))


def _pairs(brief: Brief) -> set[frozenset[str]]:
    out = set()
    for m in brief.meetings:
        names = [p.name for p in m.who] + [p.name for p in m.with_]
        out |= {frozenset((a, b)) for a in names for b in names if a < b}
    return out


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "German Chancellor Olaf Scholz met with French President Emmanuel Macron in Paris.",
            "Olaf Scholz",
            "Emmanuel Macron",
        ),
        (
            "Japanese Prime Minister Fumio Kishida held talks with Indian Prime Minister "
            "Narendra Modi "
            "in New Delhi.",
            "Fumio Kishida",
            "Narendra Modi",
        ),
        (
            "Polish Foreign Minister Radoslaw Sikorski and Lithuanian Foreign Minister Gabrielius "
            "Landsbergis discussed regional security in Vilnius.",
            "Radoslaw Sikorski",
            "Gabrielius Landsbergis",
        ),
        (
            "Egyptian President Abdel Fattah al-Sisi received Jordan's King Abdullah II in Cairo.",
            "Abdel Fattah al-Sisi",
            "Abdullah II",
        ),
        (
            "Kenyan President William Ruto hosted Ethiopian Prime Minister Abiy Ahmed at State "
            "House "
            "in Nairobi.",
            "William Ruto",
            "Abiy Ahmed",
        ),
        (
            "Hungarian Prime Minister Viktor Orban visited Chinese President Xi Jinping in "
            "Beijing.",
            "Viktor Orban",
            "Xi Jinping",
        ),
        (
            "A meeting between Turkish President Recep Tayyip Erdogan and Greek Prime Minister "
            "Kyriakos "
            "Mitsotakis took place in Athens.",
            "Recep Tayyip Erdogan",
            "Kyriakos Mitsotakis",
        ),
        (
            "Ukrainian President Volodymyr Zelensky spoke by phone with British Prime Minister "
            "Keir "
            "Starmer on Monday.",
            "Volodymyr Zelensky",
            "Keir Starmer",
        ),
        (
            "Hungarian Prime Minister Viktor Orban was received by Pope Francis at the Vatican.",
            "Viktor Orban",
            "Francis",
        ),
        (
            "As previously reported, Siemens and Alstom discussed a merger of their rail "
            "businesses.",
            "Siemens",
            "Alstom",
        ),
        (
            "“I held a meeting with the leadership of Rheinmetall,” Defense Minister Boris "
            "Pistorius said.",
            "Boris Pistorius",
            "Rheinmetall",
        ),
        (
            "BHP chief executive Mike Henry is trying to negotiate a settlement with New York "
            "Attorney General Letitia James.",
            "Mike Henry",
            "Letitia James",
        ),
        (
            "The warning came from Dutch Finance Minister Eelco Heinen, who met Christine "
            "Lagarde on Monday.",
            "Eelco Heinen",
            "Christine Lagarde",
        ),
        (
            "In 2021 a memorandum on water sharing was signed between Egypt, Sudan and Ethiopia.",
            "Sudan",
            "Ethiopia",
        ),
        (
            "The summit was attended by Spanish Prime Minister Pedro Sanchez, his Foreign "
            "Minister Jose Manuel Albares, and by Portuguese Prime Minister Luis Montenegro.",
            "Jose Manuel Albares",
            "Luis Montenegro",
        ),
        (
            "Indian Finance Minister Nirmala Sitharaman is attending the G20 meeting in Rio.",
            "Nirmala Sitharaman",
            "G20",
        ),
    ],
)
def test_meeting_patterns(text: str, a: str, b: str) -> None:
    assert frozenset((a, b)) in _pairs(_brief(text))


@pytest.mark.parametrize(
    "text",
    [
        "Spanish Prime Minister Pedro Sanchez will meet Moroccan King Mohammed VI next week.",
        "Indian Prime Minister Narendra Modi plans to meet Russian President Vladimir Putin in "
        "Moscow.",
        "The opposition leader Kemal Kilicdaroglu called for talks with the Kurdish party HDP.",
        "Venezuelan President Nicolas Maduro refused to meet the envoy of the European Union.",
        "Italian Prime Minister Giorgia Meloni delivered a speech to the Italian Senate on "
        "migration.",
        "Brazilian President Luiz Inacio Lula da Silva told CNN in an interview that the war "
        "must end.",
        "Senator Joe Manchin voted against the bill in the Senate on Thursday.",
        # The subjects met someone unnamed, not each other.
        "Labour leader Keir Starmer and Mayor Sadiq Khan met union representatives in London.",
        "Both Nasdaq and rival Euronext held talks with the Frankfurt exchange last month.",
        # Previews of a gathering, not reports of one.
        "Stocks rose ahead of the meeting of G7 finance ministers in Tokyo.",
        "The G7 meeting is thought unlikely to change Chinese currency policy.",
        "Chancellor Rachel Reeves will visit Nairobi before chairing a meeting of the "
        "Commonwealth Trade Council in Lagos.",
    ],
)
def test_not_meetings(text: str) -> None:
    assert _brief(text).meetings == []


def test_title_affiliation_place_and_relative_day() -> None:
    brief = _brief(
        "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Tuesday."
    )
    meeting = brief.meetings[0]
    assert (meeting.who[0].title, meeting.who[0].affiliation) == ("Chancellor", "Germany")
    assert meeting.where == "Paris"
    assert meeting.date == "2024-05-07"  # the Tuesday before Friday 10 May 2024


def test_the_two_sides_add_topics_to_the_meeting() -> None:
    brief = _brief(
        "Secretary of State Antony Blinken met Saudi Crown Prince Mohammed bin Salman in Riyadh. "
        "The two sides discussed regional security and oil production."
    )
    assert len(brief.meetings) == 1
    assert any("regional security" in t for t in brief.meetings[0].topics)


def test_multilateral_gathering_lists_participants() -> None:
    brief = _brief(
        "The meeting in Washington brought together the United States, Japan, Germany, France "
        "and Britain."
    )
    names = {p.name for m in brief.meetings for p in m.who}
    assert {"United States", "Japan", "Germany", "France", "Britain"} <= names


def test_surname_mentions_resolve_to_full_name() -> None:
    brief = _brief(
        "Prime Minister Kyriakos Mitsotakis arrived in Washington on Monday. "
        "Later on Tuesday Mitsotakis met with the International Monetary Fund."
    )
    assert frozenset(("Kyriakos Mitsotakis", "International Monetary Fund")) in _pairs(brief)


def test_wire_dateline_is_not_part_of_the_first_sentence() -> None:
    text = (
        "PARIS, March 3 - Poland and Austria signed an agreement on gas transit, officials "
        "said here."
    )
    brief = _brief(text)
    assert frozenset(("Poland", "Austria")) in _pairs(brief)
    assert brief.meetings[0].where == "Paris"
    assert brief.text.startswith("PARIS, March 3 -")


def test_members_listed_after_a_dash() -> None:
    brief = _brief(
        "On Friday, Hungary boycotted a meeting in Vienna of its EU partners - Germany, "
        "France, Italy and Spain - after being excluded from an earlier round of talks."
    )
    names = {p.name for m in brief.meetings for p in (*m.who, *m.with_)}
    assert {"Germany", "France", "Italy", "Spain"} <= names
    assert "Hungary" not in names


def test_travelled_for_talks_names_the_place() -> None:
    brief = _brief(
        "US Secretary of State Marco Rubio travelled to Riyadh for talks with Saudi Crown "
        "Prince Mohammed bin Salman."
    )
    meeting = brief.meetings[0]
    assert frozenset(("Marco Rubio", "Mohammed bin Salman")) in _pairs(brief)
    assert meeting.where == "Riyadh"
    assert (meeting.with_[0].title, meeting.with_[0].affiliation) == (
        "Crown Prince",
        "Saudi Arabia",
    )


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("In 2019 EU leaders at a summit in Sibiu pledged to defend democracy.", "EU"),
        (
            "Fabius was speaking after chairing a joint meeting of OECD trade and finance "
            "ministers.",
            "OECD",
        ),
        (
            "The meeting of the so-called Group of Seven ended without a statement.",
            "Group of Seven",
        ),
    ],
)
def test_single_body_gatherings(text: str, body: str) -> None:
    names = {p.name for m in _brief(text).meetings for p in m.who}
    assert body in names


def test_a_later_date_inside_a_clause_does_not_make_the_gathering_a_plan() -> None:
    brief = _brief(
        "Christine Lagarde was speaking after an informal gathering of European Union finance "
        "ministers held to prepare for next week's meetings of the IMF."
    )
    assert frozenset(("Christine Lagarde", "European Union")) in _pairs(brief)


def test_meeting_phrase_on_an_infinitive_belongs_to_the_clause() -> None:
    brief = _brief(
        "European Union energy ministers gave their backing to a plan to cap gas prices at a "
        "meeting in Brussels on Monday."
    )
    assert [p.name for m in brief.meetings for p in m.who] == ["European Union"]


def test_people_at_the_gathering_join_its_participants() -> None:
    brief = _brief(
        "Olaf Scholz spoke after a gathering of European Union finance ministers in Bruges. "
        "Dutch Finance Minister Wopke Hoekstra said he had insisted at the gathering that debt "
        "relief come first. Belgian Finance Minister Vincent Van Peteghem, who hosted the "
        "talks, welcomed the proposals."
    )
    pairs = _pairs(brief)
    assert frozenset(("Wopke Hoekstra", "Olaf Scholz")) in pairs
    assert frozenset(("Vincent Van Peteghem", "European Union")) in pairs


def test_a_person_at_the_meeting_without_a_gathering_before_is_no_meeting() -> None:
    text = "Dutch Finance Minister Wopke Hoekstra said at the meeting that debt relief came first."
    assert _brief(text).meetings == []


@pytest.mark.parametrize(
    "text",
    [
        "Federated Department Stores is to buy rival May Department Stores for $11bn. "
        "Negotiations between the two companies sped up in January.",
        "Shell praised Exxon for its safety record. Last week Energy Minister Cathy Jamieson "
        "met representatives from both companies to discuss the spill.",
    ],
)
def test_both_and_the_two_refer_to_the_pair_named_before(text: str) -> None:
    pairs = _pairs(_brief(text))
    assert pairs & {
        frozenset(("Federated Department Stores", "May Department Stores")),
        frozenset(("Cathy Jamieson", "Shell")),
    }


def test_the_two_companies_planning_talks_is_no_meeting() -> None:
    text = "Siemens praised Alstom for its results. The two companies will hold talks next week."
    assert _brief(text).meetings == []


def test_coordinated_title_pairs_countries_with_names() -> None:
    brief = _brief(
        "The Prime Ministers of Spain and Portugal Pedro Sanchez and Luis Montenegro signed a "
        "water agreement in Lisbon."
    )
    people = [(p.name, p.title, p.affiliation) for m in brief.meetings for p in (*m.who, *m.with_)]
    assert ("Luis Montenegro", "Prime Minister", "Portugal") in people
    assert ("Pedro Sanchez", "Prime Minister", "Spain") in people


def test_dateline_city_is_a_place_of_the_story() -> None:
    brief = _brief("LONDON, March 3 - Poland and Austria signed an agreement on gas transit.")
    assert "London" in brief.entities.places


def test_the_office_word_refers_to_the_person_named_with_it() -> None:
    brief = _brief(
        "British Chancellor Rachel Reeves has told Brazil's Finance Minister Fernando Haddad "
        "that debt talks are a matter for the banks, a Treasury spokesman said. The spokesman "
        "said the Chancellor had emphasised in talks this morning with Haddad the need for a "
        "credible programme."
    )
    assert frozenset(("Rachel Reeves", "Fernando Haddad")) in _pairs(brief)


def test_mediator_negotiated_with_both_sides() -> None:
    brief = _brief(
        "In 1978 President Jimmy Carter mediated an end to the conflict between Israel and "
        "Egypt at Camp David."
    )
    pairs = _pairs(brief)
    assert {frozenset(("Jimmy Carter", "Israel")), frozenset(("Jimmy Carter", "Egypt"))} <= pairs


@pytest.mark.parametrize(
    "text",
    [
        "Qatar offered to mediate between Israel and Hamas.",
        "A ceasefire was brokered between Armenia and Azerbaijan.",
    ],
)
def test_offers_to_mediate_and_unnamed_brokers_are_no_meeting(text: str) -> None:
    assert _brief(text).meetings == []


def test_signing_ceremony_with_a_host() -> None:
    brief = _brief(
        "Representatives from Israel and the United Arab Emirates held a signing at the White "
        "House with President Donald Trump."
    )
    assert frozenset(("Israel", "Donald Trump")) in _pairs(brief)


def test_leaders_of_named_countries_are_not_the_last_meeting_parties() -> None:
    brief = _brief(
        "Joe Biden met Kamala Harris in Delaware. Jimmy Carter shook hands with the leaders of "
        "Egypt and Israel at the signing of the peace treaty."
    )
    assert frozenset(("Jimmy Carter", "Joe Biden")) not in _pairs(brief)


def test_a_bare_surname_is_the_latest_person_named_in_full() -> None:
    brief = _brief(
        "Hunter Biden testified on Monday. Later, Joe Biden arrived in Kenosha. "
        "Biden met with Governor Tony Evers."
    )
    people = [p.name for m in brief.meetings for p in m.who]
    assert people == ["Joe Biden"]


def test_including_names_the_members_met() -> None:
    brief = _brief(
        "Japanese Foreign Minister Yoko Kamikawa also met Senate leaders pressing for a tough "
        "trade bill, including Senator Chuck Schumer."
    )
    assert frozenset(("Yoko Kamikawa", "Chuck Schumer")) in _pairs(brief)

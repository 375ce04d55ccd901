"""Who met whom: each reporting pattern, and the reports that are not meetings."""

from __future__ import annotations

import pytest

from tests.briefing_helpers import brief_pairs, brief_text


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
            "Indian Prime Minister Narendra Modi visited Ukraine on Friday.",
            "Narendra Modi",
            "Ukraine",
        ),
        (
            "Indian Finance Minister Nirmala Sitharaman is attending the G20 meeting in Rio.",
            "Nirmala Sitharaman",
            "G20",
        ),
        # The subject's name hung on the day written after it.
        (
            "Vietnamese President Vo Van Thuong Thursday held talks with his Laotian "
            "counterpart Thongloun Sisoulith in Hanoi.",
            "Vo Van Thuong",
            "Thongloun Sisoulith",
        ),
        # A capitalised title with the person in apposition, and a style before a name.
        (
            "The Chairperson of the Regional Commission, H.E. Amina Duale, this morning "
            "received H.E. Tomas Berhane, Minister of Trade of Eritrea.",
            "Amina Duale",
            "Tomas Berhane",
        ),
        (
            "The Commander of the Navy, Vice Admiral Petro Marchenko, met with Harbour "
            "Dynamics CEO Alan Whitcombe.",
            "Petro Marchenko",
            "Alan Whitcombe",
        ),
        # Speaking with a named person is a talk; a name's particles stay in it.
        (
            "Austrian Chancellor Karl Brenner spoke with European Council President Anna von "
            "der Heide on Tuesday.",
            "Karl Brenner",
            "Anna von der Heide",
        ),
        (
            "Brazilian President Ana Ferreira spoke on Friday to Chilean President Diego Soto "
            "about lithium prices.",
            "Ana Ferreira",
            "Diego Soto",
        ),
        (
            "Polish President Jan Kowal called up Lithuanian President Rasa Petraite to discuss "
            "the border.",
            "Jan Kowal",
            "Rasa Petraite",
        ),
        # A demonym before a name without a title is the given name.
        (
            "Russian President Pavel Orlov met Sberbank chief German Gref in Moscow on Friday.",
            "Pavel Orlov",
            "German Gref",
        ),
        # A name the model misses after a demonym and a title.
        (
            "Secretary of State Laura Whitfield spoke today with Swiss Foreign Minister "
            "Matteo Bernasconi.",
            "Laura Whitfield",
            "Matteo Bernasconi",
        ),
        # Abbreviated ranks keep their full stops: the sentence runs on past them.
        (
            "Colonel Ewa Lis visited the base. Lis also met with Lt. Gen. Tomasz Bak and "
            "Brig. Gen. Adam Wrona, the commanders of the brigade.",
            "Ewa Lis",
            "Adam Wrona",
        ),
        # A meeting that "was with" someone.
        (
            "Defence Secretary Hugh Barrow arrived in Manila. The secretary's first meeting of "
            "the day was with Philippine Defence Minister Ramon Cruz.",
            "Hugh Barrow",
            "Ramon Cruz",
        ),
        # Received by someone, in a clause after the one naming the visitor.
        (
            "Ghanaian President Kofi Mensah arrived in Lome on Monday and was received by "
            "Foreign Minister Yawa Akakpo.",
            "Kofi Mensah",
            "Yawa Akakpo",
        ),
    ],
)
def test_meeting_patterns(text: str, a: str, b: str) -> None:
    assert frozenset((a, b)) in brief_pairs(brief_text(text))


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
        # Speaking to a body or to the press is a speech, not a talk.
        "Chancellor Karl Brenner spoke to parliament on Tuesday about the budget.",
        "Chancellor Karl Brenner spoke with reporters in Vienna on Tuesday.",
        "Chancellor Karl Brenner's meeting was with reporters.",
        # Denied by its determiner, or only a possibility.
        "There was no conversation between Chilean President Diego Soto and Peruvian "
        "President Rosa Quispe, a spokesman said on Monday.",
        "Santiago is watching the possibility of a meeting between Chilean President Diego "
        "Soto and Peruvian President Rosa Quispe.",
        # Calling up troops or a player is no telephone call.
        "Polish President Jan Kowal called up the reserves on Monday.",
        "Brazil coach Rafael Nunes called up striker Tiago Moura for the qualifiers.",
        # Speaking to a journalist is an interview.
        "British Prime Minister Alan Hart spoke to BBC presenter Mary Doyle on Sunday.",
        # The subjects met someone unnamed, not each other.
        "Labour leader Keir Starmer and Mayor Sadiq Khan met union representatives in London.",
        "Both Nasdaq and rival Euronext held talks with the Frankfurt exchange last month.",
        # Previews of a gathering, not reports of one.
        "Stocks rose ahead of the meeting of G7 finance ministers in Tokyo.",
        "The G7 meeting is thought unlikely to change Chinese currency policy.",
        "Chancellor Rachel Reeves will visit Nairobi before chairing a meeting of the "
        "Commonwealth Trade Council in Lagos.",
        # A tour names the countries travelled to, not whom the traveller met there.
        "British Foreign Secretary David Lammy is visiting Nigeria, Ghana and Senegal to "
        "promote trade.",
    ],
)
def test_not_meetings(text: str) -> None:
    assert brief_text(text).meetings == []


def test_title_affiliation_place_and_relative_day() -> None:
    brief = brief_text(
        "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Tuesday."
    )
    meeting = brief.meetings[0]
    assert (meeting.who[0].title, meeting.who[0].affiliation) == ("Chancellor", "Germany")
    assert meeting.where == "Paris"
    assert meeting.date == "2024-05-07"  # the Tuesday before Friday 10 May 2024


def test_the_two_sides_add_topics_to_the_meeting() -> None:
    brief = brief_text(
        "Secretary of State Antony Blinken met Saudi Crown Prince Mohammed bin Salman in Riyadh. "
        "The two sides discussed regional security and oil production."
    )
    assert len(brief.meetings) == 1
    assert any("regional security" in t for t in brief.meetings[0].topics)


def test_multilateral_gathering_lists_participants() -> None:
    brief = brief_text(
        "The meeting in Washington brought together the United States, Japan, Germany, France "
        "and Britain."
    )
    names = {p.name for m in brief.meetings for p in m.who}
    assert {"United States", "Japan", "Germany", "France", "Britain"} <= names


def test_surname_mentions_resolve_to_full_name() -> None:
    brief = brief_text(
        "Prime Minister Kyriakos Mitsotakis arrived in Washington on Monday. "
        "Later on Tuesday Mitsotakis met with the International Monetary Fund."
    )
    assert frozenset(("Kyriakos Mitsotakis", "International Monetary Fund")) in brief_pairs(brief)


def test_wire_dateline_is_not_part_of_the_first_sentence() -> None:
    text = (
        "PARIS, March 3 - Poland and Austria signed an agreement on gas transit, officials "
        "said here."
    )
    brief = brief_text(text)
    assert frozenset(("Poland", "Austria")) in brief_pairs(brief)
    assert brief.meetings[0].where == "Paris"
    assert brief.text.startswith("PARIS, March 3 -")


def test_members_listed_after_a_dash() -> None:
    brief = brief_text(
        "On Friday, Hungary boycotted a meeting in Vienna of its EU partners - Germany, "
        "France, Italy and Spain - after being excluded from an earlier round of talks."
    )
    names = {p.name for m in brief.meetings for p in (*m.who, *m.with_)}
    assert {"Germany", "France", "Italy", "Spain"} <= names
    assert "Hungary" not in names


def test_travelled_for_talks_names_the_place() -> None:
    brief = brief_text(
        "US Secretary of State Marco Rubio travelled to Riyadh for talks with Saudi Crown "
        "Prince Mohammed bin Salman."
    )
    meeting = brief.meetings[0]
    assert frozenset(("Marco Rubio", "Mohammed bin Salman")) in brief_pairs(brief)
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
    names = {p.name for m in brief_text(text).meetings for p in m.who}
    assert body in names


def test_a_later_date_inside_a_clause_does_not_make_the_gathering_a_plan() -> None:
    brief = brief_text(
        "Christine Lagarde was speaking after an informal gathering of European Union finance "
        "ministers held to prepare for next week's meetings of the IMF."
    )
    assert frozenset(("Christine Lagarde", "European Union")) in brief_pairs(brief)


def test_meeting_phrase_on_an_infinitive_belongs_to_the_clause() -> None:
    brief = brief_text(
        "European Union energy ministers gave their backing to a plan to cap gas prices at a "
        "meeting in Brussels on Monday."
    )
    assert [p.name for m in brief.meetings for p in m.who] == ["European Union"]


def test_people_at_the_gathering_join_its_participants() -> None:
    brief = brief_text(
        "Olaf Scholz spoke after a gathering of European Union finance ministers in Bruges. "
        "Dutch Finance Minister Wopke Hoekstra said he had insisted at the gathering that debt "
        "relief come first. Belgian Finance Minister Vincent Van Peteghem, who hosted the "
        "talks, welcomed the proposals."
    )
    pairs = brief_pairs(brief)
    assert frozenset(("Wopke Hoekstra", "Olaf Scholz")) in pairs
    assert frozenset(("Vincent Van Peteghem", "European Union")) in pairs


def test_a_person_at_the_meeting_without_a_gathering_before_is_no_meeting() -> None:
    text = "Dutch Finance Minister Wopke Hoekstra said at the meeting that debt relief came first."
    assert brief_text(text).meetings == []


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
    pairs = brief_pairs(brief_text(text))
    assert pairs & {
        frozenset(("Federated Department Stores", "May Department Stores")),
        frozenset(("Cathy Jamieson", "Shell")),
    }


def test_the_two_companies_planning_talks_is_no_meeting() -> None:
    text = "Siemens praised Alstom for its results. The two companies will hold talks next week."
    assert brief_text(text).meetings == []


def test_coordinated_title_pairs_countries_with_names() -> None:
    brief = brief_text(
        "The Prime Ministers of Spain and Portugal Pedro Sanchez and Luis Montenegro signed a "
        "water agreement in Lisbon."
    )
    people = [(p.name, p.title, p.affiliation) for m in brief.meetings for p in (*m.who, *m.with_)]
    assert ("Luis Montenegro", "Prime Minister", "Portugal") in people
    assert ("Pedro Sanchez", "Prime Minister", "Spain") in people


def test_dateline_city_is_a_place_of_the_story() -> None:
    brief = brief_text("LONDON, March 3 - Poland and Austria signed an agreement on gas transit.")
    assert "London" in brief.entities.places


def test_the_office_word_refers_to_the_person_named_with_it() -> None:
    brief = brief_text(
        "British Chancellor Rachel Reeves has told Brazil's Finance Minister Fernando Haddad "
        "that debt talks are a matter for the banks, a Treasury spokesman said. The spokesman "
        "said the Chancellor had emphasised in talks this morning with Haddad the need for a "
        "credible programme."
    )
    assert frozenset(("Rachel Reeves", "Fernando Haddad")) in brief_pairs(brief)


def test_mediator_negotiated_with_both_sides() -> None:
    brief = brief_text(
        "In 1978 President Jimmy Carter mediated an end to the conflict between Israel and "
        "Egypt at Camp David."
    )
    pairs = brief_pairs(brief)
    assert {frozenset(("Jimmy Carter", "Israel")), frozenset(("Jimmy Carter", "Egypt"))} <= pairs


@pytest.mark.parametrize(
    "text",
    [
        "Qatar offered to mediate between Israel and Hamas.",
        "A ceasefire was brokered between Armenia and Azerbaijan.",
    ],
)
def test_offers_to_mediate_and_unnamed_brokers_are_no_meeting(text: str) -> None:
    assert brief_text(text).meetings == []


def test_signing_ceremony_with_a_host() -> None:
    brief = brief_text(
        "Representatives from Israel and the United Arab Emirates held a signing at the White "
        "House with President Donald Trump."
    )
    assert frozenset(("Israel", "Donald Trump")) in brief_pairs(brief)


def test_leaders_of_named_countries_are_not_the_last_meeting_parties() -> None:
    brief = brief_text(
        "Joe Biden met Kamala Harris in Delaware. Jimmy Carter shook hands with the leaders of "
        "Egypt and Israel at the signing of the peace treaty."
    )
    assert frozenset(("Jimmy Carter", "Joe Biden")) not in brief_pairs(brief)


def test_a_bare_surname_is_the_latest_person_named_in_full() -> None:
    brief = brief_text(
        "Hunter Biden testified on Monday. Later, Joe Biden arrived in Kenosha. "
        "Biden met with Governor Tony Evers."
    )
    people = [p.name for m in brief.meetings for p in m.who]
    assert people == ["Joe Biden"]


def test_including_names_the_members_met() -> None:
    brief = brief_text(
        "Japanese Foreign Minister Yoko Kamikawa also met Senate leaders pressing for a tough "
        "trade bill, including Senator Chuck Schumer."
    )
    assert frozenset(("Yoko Kamikawa", "Chuck Schumer")) in brief_pairs(brief)


def test_a_hyphenated_pair_of_nations_names_both_parties() -> None:
    brief = brief_text("A Sino-Japanese meeting on fishing rights ended without agreement today.")
    assert frozenset(("China", "Japan")) in brief_pairs(brief)


def test_a_hyphenated_pair_in_a_plan_is_no_meeting() -> None:
    assert brief_text("A Franco-Italian summit will be held in Rome next month.").meetings == []


def test_his_meeting_with_names_the_person_before() -> None:
    brief = brief_text(
        "Finance Minister Paulo Mendes, speaking to reporters after his meeting with Chile's "
        "creditor committee, said the talks had gone well."
    )
    assert frozenset(("Paulo Mendes", "Chile")) in brief_pairs(brief)


def test_smaller_countries_are_parties() -> None:
    brief = brief_text("Guatemala and Honduras signed a customs pact in Tegucigalpa on Monday.")
    assert frozenset(("Guatemala", "Honduras")) in brief_pairs(brief)


def test_a_title_case_acronym_is_the_organisation_named_in_full() -> None:
    brief = brief_text(
        "Chilean President Gabriel Boric told the Asia Pacific Economic Cooperation (Apec) "
        "summit in Lima that trade must stay open. The Apec summit ended on Sunday."
    )
    assert brief.entities.organizations == ["Asia Pacific Economic Cooperation"]


def test_a_talk_at_a_think_tank_is_a_speech() -> None:
    text = "In his talk at the Brookings Institution, Prime Minister Petteri Orpo praised NATO."
    assert brief_text(text).meetings == []


def test_an_agreement_between_parties_is_a_negotiation() -> None:
    brief = brief_text(
        "The loan follows an agreement between Ghana and the International Monetary Fund in "
        "May to restructure its debt."
    )
    assert frozenset(("Ghana", "International Monetary Fund")) in brief_pairs(brief)


def test_each_between_phrase_is_its_own_accord() -> None:
    brief = brief_text(
        "The White House announced new deals between Morocco and Israel and between Sudan, "
        "Egypt and Libya."
    )
    pairs = brief_pairs(brief)
    assert {frozenset(("Morocco", "Israel")), frozenset(("Egypt", "Libya"))} <= pairs
    assert frozenset(("Morocco", "Egypt")) not in pairs


@pytest.mark.parametrize(
    "text",
    [
        "Officials hope for an agreement between Serbia and Kosovo before the summer.",
        "A possible deal between Nissan and Honda was discussed by analysts.",
        "The treaty between Peru and Chile will be signed in Lima next month.",
    ],
)
def test_accords_hoped_for_or_still_to_come_are_no_meeting(text: str) -> None:
    assert brief_text(text).meetings == []


def test_the_host_of_a_signing_faces_the_parties_of_the_accord() -> None:
    brief = brief_text(
        "The president announced a deal between Morocco and Israel. Representatives from "
        "Morocco and Israel held a signing at the White House with President Joe Biden."
    )
    meeting = brief.meetings[0]
    assert [p.name for p in meeting.with_] == ["Joe Biden"]


def test_a_city_market_stands_for_the_exchange_named_before() -> None:
    brief = brief_text(
        "The Toronto Stock Exchange rejected the offer on Monday. Deutsche Boerse held talks "
        "with the Toronto market last month."
    )
    assert frozenset(("Deutsche Boerse", "Toronto Stock Exchange")) in brief_pairs(brief)


def test_a_city_with_two_institutions_names_no_one() -> None:
    text = (
        "The Toronto Stock Exchange and the Toronto Board of Trade rejected the offer. Deutsche "
        "Boerse held talks with the Toronto market last month."
    )
    assert brief_text(text).meetings == []


def test_present_at_a_meeting_is_taking_part() -> None:
    brief = brief_text(
        "Kristalina Georgieva, who was also present at today's G20 finance committee meeting, "
        "told reporters that growth was slowing."
    )
    assert frozenset(("Kristalina Georgieva", "G20")) in brief_pairs(brief)


@pytest.mark.parametrize(
    "text",
    [
        "Kristalina Georgieva will be present at the G20 finance committee meeting next month.",
        "Kristalina Georgieva said she was not present at the G20 meeting.",
    ],
)
def test_absent_or_future_presence_is_no_meeting(text: str) -> None:
    assert brief_text(text).meetings == []


def test_a_meeting_they_had_belongs_to_the_people_named_around_it() -> None:
    brief = brief_text(
        "Lula said the talks were going well and added that Joe Biden had also backed the plan "
        "at a meeting they had on Monday."
    )
    assert frozenset(("Joe Biden", "Lula")) in brief_pairs(brief)


def test_a_meeting_they_will_have_is_no_meeting() -> None:
    text = "Lula said Joe Biden had backed the plan at a meeting they will have on Monday."
    assert brief_text(text).meetings == []


def test_the_institution_noun_is_the_organisation_named_before() -> None:
    brief = brief_text(
        "Leeds General Hospital said it was short of money. But after talks with the Yorkshire "
        "Health Board the hospital called off its plan to close the ward."
    )
    assert frozenset(("Leeds General Hospital", "Yorkshire Health Board")) in brief_pairs(brief)


@pytest.mark.parametrize(
    "text",
    [
        "Leeds General Hospital is short of money. After talks with the Yorkshire Health Board "
        "next week, the hospital will decide on the plan.",
        "Leeds General Hospital is short of money. The hospital called for talks with the "
        "Yorkshire Health Board.",
    ],
)
def test_talks_still_to_come_with_the_institution_are_no_meeting(text: str) -> None:
    assert brief_text(text).meetings == []


def test_a_while_clause_in_the_meeting_names_another_participant() -> None:
    brief = brief_text(
        "Chancellor Olaf Scholz flew to Passau. In a meeting that day he was told by Interior "
        "Minister Nancy Faeser that the dam had held, while Governor Markus Soeder said "
        "hundreds had been evacuated."
    )
    assert frozenset(("Olaf Scholz", "Markus Soeder")) in brief_pairs(brief)


def test_a_while_clause_about_a_plan_adds_no_participant() -> None:
    brief = brief_text(
        "Chancellor Olaf Scholz flew to Passau. In a meeting that day he was told by Interior "
        "Minister Nancy Faeser that the dam had held, while Governor Markus Soeder will visit "
        "the site next week."
    )
    assert frozenset(("Olaf Scholz", "Markus Soeder")) not in brief_pairs(brief)


def test_a_forum_whose_members_are_named_is_not_a_participant() -> None:
    brief = brief_text(
        "The meeting of the Group of Seven in Washington brought together the United States, "
        "Japan, Germany, France, Britain, Italy and Canada."
    )
    names = {p.name for m in brief.meetings for p in m.who}
    assert {"United States", "Japan", "Canada"} <= names
    assert "Group of Seven" not in names


def test_whoever_addresses_a_summit_is_at_it() -> None:
    brief = brief_text(
        "The latest voice is Prime Minister Anthony Albanese, who told the Pacific Islands "
        "Forum (PIF) summit in Tonga that climate finance would rise."
    )
    assert frozenset(("Anthony Albanese", "Pacific Islands Forum")) in brief_pairs(brief)


def test_a_summit_to_be_addressed_is_no_meeting() -> None:
    text = (
        "Prime Minister Anthony Albanese will tell the Pacific Islands Forum summit in Tonga "
        "next week that climate finance will rise."
    )
    assert brief_text(text).meetings == []


def test_parties_at_talks_in_a_when_clause() -> None:
    brief = brief_text("When talks broke down, Peru and Chile blamed one another for the failure.")
    assert frozenset(("Peru", "Chile")) in brief_pairs(brief)


@pytest.mark.parametrize(
    "text",
    [
        "When talks broke down, coffee prices fell sharply.",
        "When the talks begin next week, Peru and Chile will present their plans.",
    ],
)
def test_a_when_clause_without_parties_or_still_to_come_is_no_meeting(text: str) -> None:
    assert brief_text(text).meetings == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The U.S. and Mexico signed a water agreement on Monday.", "U.S."),
        (
            "The United States and Mexico signed a water agreement on Monday, U.S. officials said.",
            "United States",
        ),
    ],
)
def test_a_country_is_named_as_the_text_spells_it(text: str, name: str) -> None:
    assert frozenset((name, "Mexico")) in brief_pairs(brief_text(text))


def test_his_before_the_subject_is_the_subject() -> None:
    brief = brief_text(
        "Harold Wilson waited in the wings. Within hours of his final talks with Jeremy "
        "Thorpe, Edward Heath told the nation he was resigning."
    )
    pairs = brief_pairs(brief)
    assert frozenset(("Edward Heath", "Jeremy Thorpe")) in pairs
    assert frozenset(("Harold Wilson", "Jeremy Thorpe")) not in pairs


def test_his_talks_still_to_come_are_no_meeting() -> None:
    text = "Michael Howard said his talks with Japanese officials would include financial fraud."
    assert brief_text(text).meetings == []


def test_hosting_an_event_named_before_is_no_meeting() -> None:
    text = (
        "Dorsa Derakhshani played at the Gibraltar Chess Tournament. The Iranian Chess "
        "Federation made mistakes in hosting the tournament."
    )
    assert brief_text(text).meetings == []


def test_a_series_of_meetings_belongs_to_the_clause() -> None:
    brief = brief_text(
        "White House and congressional leaders took a wait-and-see stance after a series of "
        "meetings with Japanese envoy Taro Aso."
    )
    assert frozenset(("White House", "Taro Aso")) in brief_pairs(brief)


def test_a_call_for_a_new_round_of_talks_is_no_meeting() -> None:
    assert brief_text("Kenya called for a new round of talks with Somalia.").meetings == []


def test_an_organisation_that_met_is_a_gathering() -> None:
    brief = brief_text("The European Commission met in Brussels on Friday to review the budget.")
    assert [p.name for m in brief.meetings for p in m.who] == ["European Commission"]


@pytest.mark.parametrize(
    "text",
    [
        "Siemens met its profit target for the third quarter.",
        "The European Commission will meet in Brussels next week to review the budget.",
    ],
)
def test_an_organisation_meeting_a_target_or_later_is_no_meeting(text: str) -> None:
    assert brief_text(text).meetings == []


def test_an_outlet_taken_for_a_person_is_no_party() -> None:
    text = "Finnish developer Perttu Ahola discussed Minetest, his longest project, with Wikinews."
    assert brief_text(text).meetings == []


def test_the_signatories_of_the_accord_join_their_sides() -> None:
    brief = brief_text(
        "Ghana and Britain signed an agreement to reschedule Ghana's debts. The agreement was "
        "signed by Ghanaian Finance Minister Kwaku Mensah and the export agency's chief "
        "executive Tim Reid."
    )
    meeting = brief.meetings[0]
    assert [p.name for p in meeting.who] == ["Ghana", "Kwaku Mensah"]
    assert [p.name for p in meeting.with_] == ["Britain", "Tim Reid"]


def test_the_leaders_at_a_two_nation_meeting_take_their_sides() -> None:
    brief = brief_text(
        "A Franco-Italian meeting failed to make progress. The meeting was attended by French "
        "President Emmanuel Macron, his Prime Minister Michel Barnier, and by Prime Minister "
        "Giorgia Meloni of Italy."
    )
    meeting = brief.meetings[0]
    assert {p.name for p in meeting.who} == {"France", "Emmanuel Macron", "Michel Barnier"}
    assert {p.name for p in meeting.with_} == {"Italy", "Giorgia Meloni"}


def test_a_summit_of_many_keeps_its_people_apart_from_the_nations() -> None:
    brief = brief_text(
        "The delegations of Cyprus, Greece and Israel met for a trilateral summit in Athens. "
        "The meeting was attended by Greek Prime Minister Kyriakos Mitsotakis and Israeli Prime "
        "Minister Benjamin Netanyahu."
    )
    assert frozenset(("Cyprus", "Benjamin Netanyahu")) not in brief_pairs(brief)


def test_signatories_still_to_sign_do_not_join() -> None:
    brief = brief_text(
        "Ghana and Britain signed an agreement to reschedule Ghana's debts. The agreement will "
        "be ratified by Ghanaian Finance Minister Kwaku Mensah next week."
    )
    names = {p.name for m in brief.meetings for p in (*m.who, *m.with_)}
    assert "Kwaku Mensah" not in names


def test_a_call_held_with_someone_is_a_conversation() -> None:
    brief = brief_text("Chancellor Olaf Scholz held a call with President Joe Biden on Monday.")
    assert frozenset(("Olaf Scholz", "Joe Biden")) in brief_pairs(brief)


def test_a_call_for_something_backed_by_others_is_an_appeal() -> None:
    text = (
        "Her call was backed by Culture Secretary Tessa Jowell and Health Secretary Wes Streeting."
    )
    assert brief_text(text).meetings == []


def test_talking_about_a_call_is_not_taking_part() -> None:
    brief = brief_text(
        "Regarding Trump's phone call with Volodymyr Zelensky, former prosecutor Elie Honig "
        "said the transcript was damning."
    )
    assert not any("Elie Honig" in pair for pair in brief_pairs(brief))


def test_a_surname_taken_for_an_organisation_is_the_person() -> None:
    brief = brief_text(
        "Donald Trump spoke in Ohio. Later, Trump met Benjamin Netanyahu at the White House."
    )
    assert frozenset(("Donald Trump", "Benjamin Netanyahu")) in brief_pairs(brief)
    assert "Trump" not in brief.entities.organizations


def test_the_ministers_are_the_group_named_with_them_before() -> None:
    brief = brief_text(
        "A meeting of European Union farm ministers is unlikely next week. The ministers ended "
        "their three-day meeting in Luxembourg on Thursday still split on sugar quotas."
    )
    assert [p.name for m in brief.meetings for p in m.who] == ["European Union"]


def test_the_ministers_ending_a_meeting_later_is_no_meeting() -> None:
    text = (
        "A meeting of European Union farm ministers is unlikely next week. The ministers will "
        "end their three-day meeting in Luxembourg on Friday."
    )
    assert brief_text(text).meetings == []


def test_a_person_in_a_city_for_talks_is_at_them() -> None:
    brief = brief_text(
        "Trade Representative Katherine Tai, in Geneva for informal WTO ministerial talks, told "
        "reporters that reform was overdue."
    )
    assert frozenset(("Katherine Tai", "WTO")) in brief_pairs(brief)


@pytest.mark.parametrize(
    "text",
    [
        "Katherine Tai, in Geneva for next week's WTO talks, told reporters reform was overdue.",
        "The call by Iran for talks with the IAEA was rejected.",
    ],
)
def test_talks_next_week_or_called_for_are_no_meeting(text: str) -> None:
    assert brief_text(text).meetings == []


def test_it_in_a_reported_clause_is_the_reporter() -> None:
    brief = brief_text("Siemens confirmed that it was in talks with Alstom.")
    assert frozenset(("Siemens", "Alstom")) in brief_pairs(brief)


@pytest.mark.parametrize(
    "text",
    [
        "Siemens said it would hold talks with Alstom next week.",
        "Siemens denied it had held talks with Alstom.",
    ],
)
def test_it_reporting_plans_or_denials_is_no_meeting(text: str) -> None:
    assert brief_text(text).meetings == []


@pytest.mark.parametrize(
    ("text", "speaker", "other"),
    [
        (
            "At their meeting in Ottawa, G20 trade ministers backed a new tariff truce. Canadian "
            "Trade Minister Mary Ng said the meeting would be remembered as a turning point.",
            "Mary Ng",
            "G20",
        ),
        (
            "Dutch Finance Minister Sigrid Kaag and Belgian Finance Minister Vincent Van "
            "Peteghem held talks with Bundesbank President Joachim Nagel on Friday. Irish "
            "Finance Minister Michael McGrath told reporters the meeting here had been too short "
            "to settle anything.",
            "Michael McGrath",
            "Sigrid Kaag",
        ),
        (
            "Indian Foreign Minister Subrahmanyam Jaishankar met Australian Foreign Minister "
            "Penny Wong in Canberra. Senator Simon Birmingham said after the meeting that trade "
            "had been at the top of the agenda.",
            "Simon Birmingham",
            "Subrahmanyam Jaishankar",
        ),
    ],
)
def test_who_speaks_of_the_meeting_from_inside_was_at_it(
    text: str, speaker: str, other: str
) -> None:
    assert frozenset((speaker, other)) in brief_pairs(brief_text(text))


@pytest.mark.parametrize(
    "text",
    [
        # No meeting reported before: the comment alone is no meeting.
        "Canadian Trade Minister Mary Ng said the meeting would be remembered as a turning point.",
        # A meeting still to come, spoken of before it takes place.
        "Canadian Trade Minister Mary Ng will meet G20 trade ministers next week.",
    ],
)
def test_a_comment_on_a_meeting_not_reported_is_no_meeting(text: str) -> None:
    assert brief_text(text).meetings == []


def test_a_comment_after_an_unnamed_meeting_adds_no_one() -> None:
    brief = brief_text(
        "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris. "
        "Analyst Holger Schmieding said a meeting like this rarely moves markets."
    )
    assert all("Holger Schmieding" not in pair for pair in brief_pairs(brief))


def test_a_country_acting_at_the_meeting_took_part() -> None:
    brief = brief_text(
        "Delegates said the International Grains Council met in January to set new export "
        "rules. At the January meeting, Argentina sided with exporters on the question of "
        "shipping quotas, delegates said."
    )
    assert frozenset(("Argentina", "International Grains Council")) in brief_pairs(brief)


def test_parties_of_talks_told_of_before_join_the_gathering() -> None:
    brief = brief_text(
        "International Sugar Organization talks on quotas broke down last month. When talks "
        "broke down, Thailand and India blamed one another for the failure."
    )
    pairs = brief_pairs(brief)
    assert frozenset(("Thailand", "International Sugar Organization")) in pairs
    assert frozenset(("Thailand", "India")) in pairs


def test_a_side_meeting_puts_its_people_at_the_summit() -> None:
    brief = brief_text(
        "Polish President Andrzej Duda met Lithuanian President Gitanas Nauseda on the "
        "sidelines of a summit of NATO leaders in Madrid on Tuesday."
    )
    pairs = brief_pairs(brief)
    assert frozenset(("Andrzej Duda", "Gitanas Nauseda")) in pairs
    assert frozenset(("NATO", "Andrzej Duda")) in pairs


def test_sidelines_of_a_summit_still_to_come_add_no_gathering() -> None:
    brief = brief_text(
        "Polish President Andrzej Duda met Lithuanian President Gitanas Nauseda in Vilnius. "
        "They plan to meet again on the sidelines of next week's NATO summit."
    )
    assert all("NATO" not in pair for pair in brief_pairs(brief))


def test_a_dialogue_under_way_is_talks() -> None:
    text = "Serbia is still continuing a dialogue with the European Union, officials said."
    assert frozenset(("Serbia", "European Union")) in brief_pairs(brief_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "The opposition called for a dialogue with the International Monetary Fund.",
        "Serbia rejected a dialogue with the European Union on Kosovo.",
        "Serbia will open a dialogue with the European Union next month.",
    ],
)
def test_a_dialogue_wanted_refused_or_planned_is_no_meeting(text: str) -> None:
    assert brief_text(text).meetings == []


def test_talks_on_membership_are_with_the_body_to_be_joined() -> None:
    text = (
        "Talks on Ukraine's membership of the World Trade Organization made progress in "
        "Geneva on Monday, officials said."
    )
    assert frozenset(("Ukraine", "World Trade Organization")) in brief_pairs(brief_text(text))


def test_talks_calling_for_membership_are_no_meeting() -> None:
    text = "Ukraine called for talks on its membership of the World Trade Organization."
    assert brief_text(text).meetings == []


def test_a_gathering_in_a_present_time_clause_of_a_plan_is_no_meeting() -> None:
    text = (
        "A decision could come in June, when the members of the Asian Development Bank gather "
        "for a summit in Manila."
    )
    assert brief_text(text).meetings == []


def test_a_meeting_that_included_someone_lists_them() -> None:
    text = (
        "In a briefing that included Oregon governor Tina Kotek, President Joe Biden promised "
        "federal help against the floods."
    )
    assert frozenset(("Joe Biden", "Tina Kotek")) in brief_pairs(brief_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "In a press briefing, White House spokeswoman Karine Jean-Pierre said the talks failed.",
        "Governor Tina Kotek will hold a briefing that includes Mayor Ted Wheeler next week.",
    ],
)
def test_a_briefing_by_one_or_still_to_come_is_no_meeting(text: str) -> None:
    assert brief_text(text).meetings == []


def test_the_leader_of_one_side_joins_the_talks_on_that_side() -> None:
    text = (
        "Kenya met the London Club of commercial bank creditors on Tuesday to discuss its loan "
        "arrears. Officials said the talks, led on the Kenyan side by Finance Minister John "
        "Mbadi, were the first since January."
    )
    (meeting,) = brief_text(text).meetings
    assert [p.name for p in meeting.who] == ["Kenya", "John Mbadi"]
    assert [p.name for p in meeting.with_] == ["London Club"]


def test_talks_led_by_someone_still_to_come_are_no_meeting() -> None:
    text = "The talks, led by Finance Minister John Mbadi, will open in London next month."
    assert brief_text(text).meetings == []


def test_a_body_met_when_the_main_clause_subject_took_a_stand() -> None:
    text = (
        "European Union negotiators were split on how the new fund should be run when the "
        "World Health Organization met in Geneva in May, diplomats said."
    )
    pair = frozenset(("European Union", "World Health Organization"))
    assert pair in brief_pairs(brief_text(text))


def test_a_body_still_to_meet_in_a_time_clause_is_no_meeting() -> None:
    text = (
        "The European Union will decide how the new fund should be run when the World Health "
        "Organization meets in Geneva next month."
    )
    assert brief_text(text).meetings == []


@pytest.mark.parametrize(
    ("text", "pair", "not_party"),
    [
        # Where someone is welcomed to is a place, not a party.
        (
            "Chilean Army Gen. Diego Soto welcomes Peruvian Army Gen. Rosa Quispe to the "
            "Military Academy, April 5, 2013.",
            {"Diego Soto", "Rosa Quispe"},
            "Military Academy",
        ),
        # A conference whose sidelines they met on is the setting, not a party.
        (
            "Finance Minister Omar Haddad met IMF official Lena Berg on the sidelines of the "
            "International Conference on Coastal Resilience in Geneva.",
            {"Omar Haddad", "Lena Berg"},
            "International Conference on Coastal Resilience",
        ),
    ],
)
def test_the_setting_is_not_a_party(text: str, pair: set[str], not_party: str) -> None:
    found = brief_pairs(brief_text(text))
    assert frozenset(pair) in found
    assert not any(not_party in p for p in found)

"""Topic matching: which articles a topic catches, tried on real sentences and articles.

Parsing a topic and its aliases is tested in test_matching_topics.py.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.briefing.brief import Brief, Entities, Meeting, Party
from bot.follow.matching import Matcher, Topic, TopicError, match, parse_topic

# (topic, sentence, should match): sentences as news reports write them, the false friends
# included; several are adapted from the corpus articles (wikinews, BBC, the seed story).
SENTENCES = [
    # AI is an acronym: case-sensitive, whole tokens only.
    ("AI", "The brigade finished its training in Poland before the offensive.", False),
    ("AI", "Umerov said this in a post on Facebook, Ukrinform reports.", False),
    ("AI", "Although she has since returned to Thailand, her title was not restored.", False),
    ("AI", "Ai Weiwei opened an exhibition in Berlin.", False),
    ("AI", "Donors pledged more money for AIDS treatment and food aid.", False),
    ("AI", "Melbourne can attract industries such as Robotics, AI Systems and Fintech.", True),
    ("AI", "The integration of artificial intelligence into military technology.", True),
    ("AI", "Kyiv showed AI-enabled targeting software to its partners.", True),
    # An acronym also inside longer names, with a possessive or a plural.
    ("KNDS", "I held a meeting with the leadership of KNDS France and KNDS Deutschland.", True),
    ("KNDS", "KNDS's order book grew by a third last year.", True),
    ("KNDS", "The Leopard 2 is built by Krauss-Maffei Wegmann in Munich.", True),
    ("KNDS", "Nexter delivered more Caesar howitzers to Ukraine.", True),
    ("KNDS", "Rheinmetall will build an ammunition plant in Lithuania.", False),
    ("KNDS", "Next year the kinds of shells on order will change.", False),
    ("UAV", "Ukraine will produce a million drones this year.", True),
    ("drone", "Ukraine will produce a million UAVs this year.", True),
    ("drone", "Russia launched 90 drones overnight, the air force said.", True),
    ("drones", "The initial reports were of drone attacks.", True),  # wikinews-2019-114
    ("drone", "The speech droned on for an hour.", False),
    ("NATO", "US President Trump has called for NATO members to spend more.", True),
    ("NATO", "He will meet other North Atlantic Treaty Organisation (Nato) leaders.", True),
    ("NATO", "The nation's leaders met in Brussels.", False),
    ("US", "Let us know what you think.", False),
    ("US", "The U.S. Treasury said it would not intervene.", True),
    ("US", "Iran launched missiles targeting US troops in Iraqi military bases.", True),
    ("WHO", "Those who stayed behind were evacuated.", False),
    ("WHO", "The World Health Organization declared a pandemic earlier this year.", True),
    ("EU", "He says peace was the EU's founding aim.", True),  # bbc-politics-292
    ("EU", "Europe's leaders met in Brussels.", False),
    ("UN", "The United Nations General Assembly opened in New York.", True),
    ("UN", "An unusual number of delegates were absent.", False),
    ("G7", "G-7 finance ministers backed plans to write off the debts.", True),
    ("OPEC", "OIL PRICES STRONG AHEAD OF OPEC MEETING", True),  # reuters21578-19285
    ("meeting", "OIL PRICES STRONG AHEAD OF OPEC MEETING", True),
    ("IMF", "The World Bank and the International Monetary Fund will review it.", True),
    # A surname matches the full name, wherever the article names the person.
    ("Umerov", "Ukraine's Defense Minister Umerov met his Finnish counterpart.", True),
    ("Umerov", "Rustem Umerov discussed joint production of 155mm ammunition.", True),
    ("Umerov", "Ukraine’s Defense Minister Rustem Umerov’s visit ended on Sunday.", True),
    ("Umerov", "Defense Minister Oleksii Reznikov visited Munich.", False),
    ("Pompeo", "From Israel, Secretary of State Mike Pompeo spoke.", True),  # wikinews-2020-092
    ("Blair", "Tony Blair's spokesman denied the report.", True),
    ("Hakkanen", "Finland's Defense Minister Antti Häkkänen arrived in Kyiv.", True),
    ("Erdogan", "Erdoğan cited Article 5 of the NATO treaty.", True),  # wikinews-2019-143
    ("Zelenskyy", "Trump's call with Ukrainian President Volodymyr Zelensky.", True),
    ("Kyiv", "Talks were held in Kiev on Friday.", True),
    # Plurals, and words that only look like plurals.
    ("missile", "Iran launched missiles targeting US troops.", True),
    ("ally", "Poland's allies pledged more support.", True),
    ("arms", "Germany approved new arms exports to Kyiv.", True),
    ("arms", "The company sold its defence arm last year.", False),
    ("news", "New sanctions were announced on Monday.", False),
    ("155mm", "The parties considered joint production of 155 mm shells.", True),
    # Quoted phrases.
    ('"air defense"', "The repair and modernization of air defense and missile defense.", True),
    ('"air defense"', "The air was cold as defense ministers gathered in Brussels.", False),
    ('"air defense"', "Britain will send more air defence systems to Ukraine.", True),
    ('"air defense"', "Air-defense batteries protected the capital overnight.", True),
    ('"air defense"', "Ukraine asked for more air defenses before winter.", True),
    ('"Defence Secretary"', "It must be ratified by Defence Secretary Geoff Hoon.", True),
    ('"Defence Secretary"', "The secretary said defence spending would rise.", False),
    # Several words mean all of them; OR means either.
    ("Umerov KNDS", "Umerov met KNDS leadership in Munich.", True),
    ("Umerov KNDS", "Umerov met his Finnish counterpart in Munich.", False),
    ("air defense", "The air was cold as defense ministers gathered in Brussels.", True),
    ("Rheinmetall OR KNDS", "Rheinmetall will build an ammunition plant in Lithuania.", True),
    ("Rheinmetall OR KNDS", "Thales will build a radar plant in France.", False),
    # Exclusions.
    ("KNDS -Rheinmetall", "KNDS and Rheinmetall signed a joint venture.", False),
    ("KNDS -Rheinmetall", "KNDS France delivered Caesar howitzers.", True),
    ('drone -"drone show"', "A drone show lit up the sky over Kyiv.", False),
    ('drone -"drone show"', "A drone hit a power plant near Kyiv.", True),
    ("KNDS -Nexter", "Nexter delivered more Caesar howitzers.", False),
    ("KNDS -Nexter", "KNDS Deutschland delivered more Leopard tanks.", True),
]

# (topic, article URL, should match) for one article about KNDS.
SITES = [
    ("KNDS site:ukrinform.net", "https://www.ukrinform.net/rubric-defense/3959335.html", True),
    ("KNDS site:ukrinform.net", "https://ukrinform.net/rubric-defense/3959335.html", True),
    ("KNDS site:ukrinform.net", "https://ukrinform.net.example.com/kn", False),
    ("KNDS site:ukrinform.net", "https://notukrinform.net/kn", False),
    ("KNDS site:ukrinform.net", None, False),
    ("KNDS site:www.ukrinform.net", "https://ukrinform.net/kn", True),
    ("KNDS site:https://www.Ukrinform.net/rubric-defense", "https://ukrinform.net/kn", True),
    ("site:ukrinform.net", "https://en.ukrinform.net/kn", True),
    ("site:ukrinform.net", "https://www.bbc.co.uk/news", False),
    ("Rheinmetall site:ukrinform.net", "https://www.ukrinform.net/kn", False),
]

# (topic, article id in the corpus' news/articles.jsonl, should match).
ARTICLES = [
    ("NATO", "wikinews-2019-156", True),
    ("NATO", "bbc-business-217", True),
    ("NATO", "wikinews-2019-029", False),
    ("AI", "wikinews-2020-099", True),
    ("AI", "wikinews-2020-108", True),
    ("AI", "wikinews-2019-029", False),  # Thailand
    ("AI", "wikinews-2020-097", False),  # AIDS, training, said
    ("drone", "wikinews-2019-114", True),
    ("UAV", "wikinews-2019-114", True),
    ("Thailand", "wikinews-2019-029", True),
    ("Zelenskyy", "wikinews-2019-122", True),
    ("Mitsotakis", "wikinews-2020-005", True),
    ('"Kyriakos Mitsotakis"', "wikinews-2020-005", True),
    ("Pompeo -Trump", "wikinews-2020-005", False),
    ("IMF", "wikinews-2020-005", True),
    ("OPEC", "reuters21578-19285", True),
    ("WHO", "wikinews-2020-122", True),
    ("WHO", "bbc-politics-021", False),
    ("US", "wikinews-2020-047", True),
    ("G7", "bbc-business-241", True),
    ('"Defence Secretary"', "bbc-politics-245", True),
    ('"air defense"', "bbc-business-424", False),
    ("Brexit", "wikinews-2019-101", True),
    ("Trump site:wikinews.org", "wikinews-2020-005", True),
    ("Trump site:bbc.co.uk", "wikinews-2020-005", False),
]

# (topic, should match) against the seed story, with the entities of its brief.
SEED = [
    ("KNDS", True),
    ("Umerov", True),
    ('"air defense"', True),
    ('"missile defence"', True),
    ("AI", True),
    ("drone", True),
    ("Nexter", True),
    ("Hakkanen", True),
    ("KNDS -Umerov", False),
    ("NATO", False),
    ("Rheinmetall", False),
    ("KNDS site:ukrinform.net", True),
]


def _brief(text: str, url: str | None = None) -> Brief:
    return Brief(title="", url=url, text=text)


@pytest.fixture(scope="module")
def articles(corpus_dir: Path) -> dict[str, Brief]:
    path = corpus_dir / "news" / "articles.jsonl"
    if not path.is_file():
        pytest.skip("news articles not in corpus")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {row["id"]: Brief(row["title"], url=row.get("url"), text=row["text"]) for row in rows}


@pytest.fixture(scope="module")
def seed_brief(seed_text: str) -> Brief:
    return Brief(
        title="Umerov discusses joint production of ammunition with KNDS leadership",
        url="https://www.ukrinform.net/rubric-defense/3959335.html",
        topics=["155mm ammunition", "KNDS", "UAV systems", "air defense repair"],
        entities=Entities(
            people=["Rustem Umerov", "Antti Häkkänen"],
            organizations=["KNDS France", "KNDS Deutschland"],
            places=["Ukraine", "Munich", "Finland"],
        ),
        text=seed_text,
    )


@pytest.mark.parametrize(("topic", "sentence", "expected"), SENTENCES)
def test_sentence(topic: str, sentence: str, expected: bool) -> None:
    assert (match(parse_topic(topic), _brief(sentence)) is not None) is expected


@pytest.mark.parametrize(("topic", "url", "expected"), SITES)
def test_site_filter(topic: str, url: str | None, expected: bool) -> None:
    brief = _brief("KNDS France delivered more Caesar howitzers.", url)
    assert (match(parse_topic(topic), brief) is not None) is expected


@pytest.mark.corpus
@pytest.mark.parametrize(("topic", "article", "expected"), ARTICLES)
def test_corpus_article(
    topic: str, article: str, expected: bool, articles: dict[str, Brief]
) -> None:
    assert (match(parse_topic(topic), articles[article]) is not None) is expected


@pytest.mark.corpus
@pytest.mark.parametrize(("topic", "expected"), SEED)
def test_seed_story(topic: str, expected: bool, seed_brief: Brief) -> None:
    assert (match(parse_topic(topic), seed_brief) is not None) is expected


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("topic", "matched"),
    [
        ("KNDS", ["KNDS France", "KNDS Deutschland"]),
        ("Umerov", ["Rustem Umerov"]),
        ("Hakkanen", ["Antti Häkkänen"]),
        ('"air defense"', ["air defense repair"]),
        ("Umerov Finland", ["Rustem Umerov", "Finland"]),
        ("site:ukrinform.net", ["ukrinform.net"]),
    ],
)
def test_matched_names_the_entities(topic: str, matched: list[str], seed_brief: Brief) -> None:
    result = match(parse_topic(topic), seed_brief)
    assert result is not None and result.matched == matched


def test_matched_quotes_the_text_when_no_entity_has_it() -> None:
    brief = _brief("The Caesar is made by Nexter. NEXTER's plant and KMW's plant have orders.")
    result = match(parse_topic("KNDS"), brief)
    assert result is not None and result.matched == ["Nexter", "KMW"]


def test_a_person_entity_matches_without_the_text() -> None:
    brief = Brief(
        title="Minister meets arms makers",
        entities=Entities(people=["Rustem Umerov"]),
        meetings=[Meeting(who=[Party("Rustem Umerov")], with_=[Party("KNDS Deutschland")])],
    )
    assert match(parse_topic("Umerov"), brief).matched == ["Rustem Umerov"]
    assert match(parse_topic('"Rustem Umerov" KNDS'), brief).matched == [
        "Rustem Umerov",
        "KNDS Deutschland",
    ]
    assert match(parse_topic("Reznikov"), brief) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="KNDSUAVdronesé -\"'’.OR", max_size=40))
def test_a_topic_matches_its_own_words(text: str) -> None:
    try:
        topic = parse_topic(text)
    except TopicError:
        return
    if not topic.excluding and not topic.site:
        assert match(topic, _brief(topic.display)) is not None


@pytest.mark.parametrize(("topic", "sentence", "expected"), [c for c in SENTENCES if c[2]])
def test_search_groups_find_every_match(topic: str, sentence: str, expected: bool) -> None:
    # The store's full-text prefilter matches each word as a prefix: it must not lose a match.
    # Like SQLite's unicode61 tokenizer, it folds case and diacritics.
    words = _index_words(sentence)
    for group in parse_topic(topic).search_groups:
        assert any(
            all(any(word.startswith(part) for word in words) for part in _index_words(alternative))
            for alternative in group
        ), group


def _index_words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return re.findall(r"\w+", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _expected(subscriptions: list[tuple[int, Topic]], brief: Brief) -> list[tuple[int, list[str]]]:
    found = ((number, match(topic, brief)) for number, topic in subscriptions)
    return [(number, result.matched) for number, result in found if result]


def _answers(matcher: Matcher, brief: Brief) -> list[tuple[int, list[str]]]:
    return [(number, result.matched) for number, result in matcher.matching(brief)]


def test_matcher_answers_as_match_does() -> None:
    topics = [parse_topic(topic) for topic, _, _ in SENTENCES + SITES]
    subscriptions = [(100 + n, topic) for n, topic in enumerate(topics + topics[:5])]
    matcher = Matcher(subscriptions)
    briefs = [_brief(sentence) for _, sentence, _ in SENTENCES]
    briefs += [_brief("KNDS France delivered howitzers.", url) for _, url, _ in SITES]
    hits = 0
    for brief in briefs:
        expected = _expected(subscriptions, brief)
        assert _answers(matcher, brief) == expected
        hits += len(expected)
    assert hits > len(briefs)


@pytest.mark.corpus
def test_matcher_on_the_corpus(articles: dict[str, Brief]) -> None:
    # Names, acronyms and phrases of the corpus itself, so most articles match something;
    # articles cut short to keep the brute-force side fast.
    briefs = [Brief(b.title, url=b.url, text=b.text[:2000]) for b in list(articles.values())[::10]]
    names = sorted({w for b in briefs for w in re.findall(r"\b[A-Z][a-z]{3,}\b", b.text)})[::8]
    acronyms = sorted({w for b in briefs for w in re.findall(r"\b[A-Z]{2,5}\b", b.text)})[::3]
    texts = names + acronyms + [f'"{a} {b}"' for a, b in zip(names, names[1:], strict=False)][::4]
    texts += [f"{a} -{b}" for a, b in zip(acronyms, names, strict=False)][::4]
    common = {"this", "that", "their", "they", "were", "will", "with", "from"}
    subscriptions = [(n, parse_topic(t)) for n, t in enumerate(texts) if t.lower() not in common]
    matcher = Matcher(subscriptions)
    total = 0
    for brief in briefs:
        expected = _expected(subscriptions, brief)
        assert _answers(matcher, brief) == expected
        total += len(expected)
    assert total > len(briefs)

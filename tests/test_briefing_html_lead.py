"""Pages keep the headline and standfirst apart from the lead; "Named:" lists no pieces of
names; topics hold whole hyphenated words."""

from __future__ import annotations

import pytest

from bot.briefing import article_from_page, brief_article, load_nlp
from bot.briefing.entities import find_mentions
from bot.briefing.keyphrases import join_tokens
from bot.sources.pages import extract_page
from tests.briefing_helpers import brief_pairs, brief_text

HEADLINE = "Esper accuses China of intimidating smaller Asian nations"
LEAD = (
    "U.S. Defense Secretary Mark Esper met Vietnamese Defense Minister Ngo Xuan Lich on"
    " Wednesday in Hanoi."
)
REST = (
    "<p>The two discussed the South China Sea and other regional concerns at length in the"
    " Vietnamese capital, officials said.</p>"
)
STANDFIRST = "The Pentagon chief says Beijing uses coercion in the South China Sea"
HEAD = (
    f"<html><head><title>{HEADLINE} | Asia Wire</title>"
    '<meta property="article:published_time" content="2019-11-20T08:00:00Z"></head>'
)

# (page body, the standfirst the page gives)
PAGES = [
    # The simple wrapping: headline and paragraphs straight in <body>.
    (f"<body><h1>{HEADLINE}</h1><p>{LEAD}</p>{REST}</body>", None),
    # Inside <article> the extractor keeps the <h1> as the text's first line.
    (f"<body><article><h1>{HEADLINE}</h1><p>{LEAD}</p>{REST}</article></body>", None),
    (
        f"<body><article><h1>{HEADLINE}</h1><h2>{STANDFIRST}</h2><p>{LEAD}</p>{REST}"
        "</article></body>",
        STANDFIRST,
    ),
    (
        f'<body><article><h1>{HEADLINE}</h1><p class="standfirst">{STANDFIRST}.</p>'
        f"<p>{LEAD}</p>{REST}</article></body>",
        f"{STANDFIRST}.",
    ),
    (
        f'<body><article><h1>{HEADLINE}</h1><div class="article-summary">{STANDFIRST}</div>'
        f"<p>{LEAD}</p>{REST}</article></body>",
        STANDFIRST,
    ),
]


@pytest.mark.parametrize(("body", "standfirst"), PAGES)
def test_headline_and_standfirst_are_not_the_lead(body: str, standfirst: str | None) -> None:
    page = extract_page(f"{HEAD}{body}</html>")
    assert page.title == HEADLINE
    assert page.text.startswith(LEAD)
    assert page.standfirst == standfirst
    brief = brief_article(article_from_page(page))
    assert brief.title == HEADLINE
    assert HEADLINE not in brief.text
    assert frozenset({"Mark Esper", "Ngo Xuan Lich"}) in brief_pairs(brief)
    lead = next(s for s in load_nlp()(brief.text).sents if "met" in s.text)
    assert lead.text.strip() == LEAD


def test_body_lines_that_only_resemble_headings_stay() -> None:
    """A first paragraph that opens like the headline, and a subheading further down, are body."""
    opening = f"{HEADLINE}, the Pentagon chief said on Wednesday during his visit to Vietnam."
    page = extract_page(
        f"{HEAD}<body><article><h1>{HEADLINE}</h1><p>{opening}</p><h2>Sea disputes</h2>"
        f"<p>{LEAD}</p>{REST}</article></body></html>"
    )
    assert page.text.startswith(opening)
    assert "Sea disputes" in page.text
    assert page.standfirst is None


def test_an_xhtml_page_declaring_its_encoding_keeps_its_standfirst_apart() -> None:
    """A str that declares its encoding (lxml.html.fromstring refuses one) still has its
    headline and standfirst found."""
    page = extract_page(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<html xmlns="http://www.w3.org/1999/xhtml">'
        f'{HEAD.removeprefix("<html>")}<body><article><h1>{HEADLINE}</h1>'
        f'<p class="standfirst">{STANDFIRST}.</p><p>{LEAD}</p>{REST}</article></body></html>'
    )
    assert page.standfirst == f"{STANDFIRST}."
    assert page.text.startswith(LEAD)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (f"{HEADLINE}\n\n{LEAD}", [HEADLINE, LEAD]),
        (f"{STANDFIRST}\n\nThe talks went on.", [STANDFIRST, "The talks went on."]),
        # A line break inside a paragraph is no sentence break.
        ("Defense Secretary Mark Esper met\nNgo Xuan Lich in Hanoi.", None),
    ],
)
def test_a_paragraph_opens_a_sentence(text: str, sentences: list[str] | None) -> None:
    found = [s.text.strip() for s in load_nlp()(text).sents]
    assert found == (sentences or [text])


# (text, pieces the "Named:" line must not list, names it must list)
NAMED = [
    (
        "Boeing has not delivered a 737 Max since March. The 737 Max was grounded worldwide. "
        "Regulators in Europe said the Max must be recertified. Boeing Chief Executive Dennis "
        "Muilenburg met regulators.",
        {"Max", "Muilenburg"},
        {"Boeing"},
    ),
    (
        "VIENNA (Reuters) - Austria will turn the house in Braunau am Inn where Adolf Hitler "
        "was born into a police station. The house in Braunau am Inn has long drawn visitors.",
        {"Inn"},
        {"Braunau", "Adolf Hitler", "Austria"},
    ),
    (
        "HANOI (AP) - Defense Secretary Mark Esper visited Hanoi’s Hoa Lo prison on "
        "Wednesday. Esper toured the site where American pilots were held.",
        set(),
        {"Mark Esper", "Hanoi"},
    ),
]


@pytest.mark.parametrize(("text", "pieces", "names"), NAMED)
def test_named_lists_no_pieces_of_names(text: str, pieces: set[str], names: set[str]) -> None:
    entities = brief_text(text).entities
    listed = {*entities.people, *entities.organizations, *entities.places}
    assert not listed & pieces
    assert names <= listed
    assert not any(name[:1] in "’'`.,-" or name.startswith("s ") for name in listed)


def test_a_name_never_opens_with_a_possessive() -> None:
    """The model tags "’s Hoa Lo" with the possessive of "Hanoi’s" in front."""
    doc = load_nlp()("Veterans returned to Hanoi’s Hoa Lo prison and to Saigon’s Cho Lon.")
    names = [m.name for m in find_mentions(doc).items]
    assert names and not any(n.startswith(("’", "'")) for n in names)


def test_topics_keep_whole_hyphenated_words() -> None:
    """The parser chunks "neo-Nazis" as "neo", "-", "Nazis"."""
    text = (
        "Officials debated how best to prevent the house becoming a pilgrimage site for "
        "neo-Nazis. The pilgrimage site for neo-Nazis worries the ministry."
    )
    topics = brief_text(text).topics
    assert "pilgrimage site for neo-Nazis" in topics
    assert not any(t.endswith(" neo") for t in topics)


@pytest.mark.parametrize(
    ("text", "first", "last", "phrase"),
    [
        ("A Franco-German deal was signed.", "German", "deal", "Franco-German deal"),
        ("A site for neo-Nazis.", "site", "neo", "site for neo-Nazis"),
        ("Pro-democracy anti-war marchers.", "democracy", "anti", "Pro-democracy anti-war"),
        # A spaced dash joins no word: "Paris - Berlin" is two.
        ("The Paris - Berlin train.", "Paris", "Paris", "Paris"),
        ("The talks ended.", "talks", "talks", "talks"),
    ],
)
def test_a_phrase_takes_whole_hyphenated_words(
    text: str, first: str, last: str, phrase: str
) -> None:
    doc = load_nlp()(text)
    start = next(t.i for t in doc if t.text == first)
    end = next(t.i for t in doc if t.text == last and t.i >= start)
    assert join_tokens(list(doc[start : end + 1])) == phrase

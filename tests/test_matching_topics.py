"""Topic parsing: what /follow accepts, refuses, and expands through the alias table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.briefing.brief import Brief
from bot.follow.aliases import AliasError, AliasTable, load_aliases
from bot.follow.matching import TopicError, also_matches, match, parse_topic


@pytest.mark.parametrize(
    ("text", "display", "key"),
    [
        ("  KNDS  ", "KNDS", "KNDS"),
        ('"KNDS"', "KNDS", "KNDS"),
        ("'air defense'", '"air defense"', '"air defense"'),
        ("“Air   Defense”", '"Air Defense"', '"air defense"'),
        ('"air defense', '"air defense"', '"air defense"'),
        ("ＫＮＤＳ", "KNDS", "KNDS"),
        ("KN\u200bDS", "KNDS", "KNDS"),
        ("Umerov KNDS", "Umerov KNDS", "KNDS umerov"),
        ("knds  UMEROV", "knds UMEROV", "UMEROV knds"),
        (
            "KNDS OR Rheinmetall -Nexter",
            "KNDS OR Rheinmetall -Nexter",
            "KNDS OR rheinmetall -nexter",
        ),
        (
            "Krauss-Maffei site:WWW.Ukrinform.net",
            "Krauss-Maffei site:WWW.Ukrinform.net",
            '"krauss maffei" site:ukrinform.net',
        ),
    ],
)
def test_display_and_key(text: str, display: str, key: str) -> None:
    topic = parse_topic(text)
    assert (topic.display, topic.key) == (display, key)


def test_key_ignores_order_and_repeats() -> None:
    assert parse_topic("KNDS Umerov KNDS").key == parse_topic("umerov KNDS").key


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Tell me what to follow, e.g. /follow KNDS"),
        ("   \n ", "Tell me what to follow, e.g. /follow KNDS"),
        ("K" * 101, "too long"),
        ("x " * 2000, "too long"),
        ("KNDS\x00", "control characters"),
        ("KNDS\x1b[31m", "control characters"),
        ("KNDS\u202eSDNK", "control characters"),
        ("<b>KNDS</b>", "plain text"),
        ("<script>alert(1)</script>", "plain text"),
        ("-KNDS", "not only what to leave out"),
        ('-KNDS -"air defense"', "not only what to leave out"),
        ("!!! ???", "no word to follow"),
        ("the", "too common"),
        ("of the", "too common"),
        ("site:not a host", "needs a domain"),
        ("KNDS -site:bbc.co.uk", "can't be excluded"),
        ("KNDS site:a.com site:b.com", "One site"),
    ],
)
def test_rejected(text: str, message: str) -> None:
    with pytest.raises(TopicError, match=re.escape(message)):
        parse_topic(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_any_text_parses_or_is_refused_politely(text: str) -> None:
    try:
        topic = parse_topic(text)
    except TopicError as exc:
        assert str(exc)
    else:
        assert topic.key and len(topic.display) <= 101  # an unclosed quote gets closed
        # The store keeps the display and parses it again later.
        assert parse_topic(topic.display) == topic


def test_hundred_characters_are_accepted() -> None:
    assert parse_topic("K" * 100).display == "K" * 100


def test_topic_is_hashable_and_equal_when_parsed_alike() -> None:
    assert parse_topic("KNDS") == parse_topic(" KNDS ")
    assert len({parse_topic("KNDS"), parse_topic("KNDS"), parse_topic("Umerov")}) == 2


def test_excluded_and_site() -> None:
    topic = parse_topic('KNDS -Rheinmetall -"drone show" site:ukrinform.net')
    assert topic.excluded == ("Rheinmetall", "drone show")
    assert topic.site == "ukrinform.net"


def test_search_groups_hold_aliases_and_prefixes() -> None:
    assert parse_topic("Umerov KNDS").search_groups == [
        ["umerov"],
        ["KNDS", "krauss maffei wegmann", "KMW", "nexter"],
    ]
    assert parse_topic("armies").search_groups == [["arm"]]
    assert parse_topic("site:ukrinform.net").search_groups == []


def test_also_matches_known_names_then_aliases() -> None:
    known = ["KNDS France", "Rheinmetall", "KNDS", "KNDS Deutschland", "knds france"]
    assert also_matches(parse_topic("KNDS"), known) == [
        "KNDS France",
        "KNDS Deutschland",
        "Krauss-Maffei Wegmann",
        "KMW",
        "Nexter",
    ]
    assert also_matches(parse_topic("KNDS -France", AliasTable()), known) == ["KNDS Deutschland"]
    assert also_matches(parse_topic("Umerov"), ["Rustem Umerov", "Umerov", "Zelensky"]) == [
        "Rustem Umerov"
    ]
    assert also_matches(parse_topic("NATO"), []) == [
        "North Atlantic Treaty Organization",
        "North Atlantic Treaty Organisation",
        "North Atlantic Alliance",
    ]


def test_the_default_alias_table() -> None:
    table = load_aliases()
    assert table is load_aliases()
    assert len(table) >= 12
    assert ("KNDS", "Krauss-Maffei Wegmann", "KMW", "Nexter") in table.rows


def test_aliases_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text(
        '[[alias]]\nnames = ["KNDS", "KMW"]\n\n'
        '[[alias]]\nnames = ["kmw", "Nexter"]\nnote = "rows that share a name merge"\n',
        encoding="utf-8",
    )
    table = load_aliases(path)
    assert table.rows == (("KNDS", "KMW"), ("kmw", "Nexter"))
    brief = Brief(title="", text="Nexter delivered howitzers.")
    assert match(parse_topic("KNDS", table), brief).matched == ["Nexter"]
    assert match(parse_topic("KNDS", AliasTable()), brief) is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[alias]\n", "not valid TOML"),
        ("alias = 3\n", "array of tables"),
        ('[[alias]]\nname = ["KNDS", "KMW"]\n', "needs `names"),
        ('[[alias]]\nnames = ["KNDS"]\n', "at least two"),
        ('[[alias]]\nnames = ["KNDS", " KNDS "]\n', "at least two"),
        ('[[alias]]\nnames = ["KNDS", 3]\n', "non-empty string"),
        ('[[alias]]\nnames = ["KNDS", " "]\n', "non-empty string"),
    ],
)
def test_bad_alias_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AliasError, match=re.escape(message)):
        load_aliases(path)


def test_missing_alias_file(tmp_path: Path) -> None:
    with pytest.raises(AliasError, match="cannot read"):
        load_aliases(tmp_path / "absent.toml")

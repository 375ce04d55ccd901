"""PostgreSQL /latest search: the newest ids first, prefixes spelt out as the indexed words.

Whatever the windows and spellings, the answer is what the whole-table search with the
prefixes as written gives: the `limit` highest-id hits, newest by published date first.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, text

from bot.store import Store
from bot.store.articles import _fts_expression, index_articles
from bot.store.tables import articles

# What PostgreSQL answered before windows and spelt prefixes: every hit, the newest ids.
WHOLE_TABLE = text(
    "WITH hits AS MATERIALIZED (SELECT id FROM articles "
    "WHERE search @@ to_tsquery('simple', :q)) "
    "SELECT id FROM articles WHERE id IN (SELECT id FROM hits ORDER BY id DESC LIMIT :n) "
    "ORDER BY sort_at DESC, id DESC"
)
COUNT = 6_000  # three windows' worth of ids: the first is 2,000


def _body(n: int) -> str:
    """Article n's text: a common word, a word of the oldest few, one of every hundred,
    and words PostgreSQL indexes in odd ways (hyphenated, paths, accents)."""
    words = ["report"]
    if n % 3 == 0:
        words.append("markets")
    if n < 12:
        words.append("zeppelins")
    if n % 100 == 7:
        words.append("petroleum exporting countries")
    if n % 250 == 5:
        words.append("an oil-rich state")
    if n % 400 == 9:
        words.append("see oils/fats and organizations/distributions")
    if n % 600 == 13:
        words.append("see governance.example.org/tc/opens.html")
    if n % 500 == 11:
        words.append("Pekka Häkkänen in Lódź")
    if n == COUNT - 3:
        words.append("zeppelin-like craft")
    return " ".join(words)


@pytest.fixture
def store(postgres_url):
    """COUNT articles stored in id order with published dates out of that order."""
    opened = Store.open(postgres_url)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    rows = [
        {
            "id": n + 1, "url": f"https://news.example/{n}", "title": f"Story {n}",
            "sort_at": start + timedelta(hours=(n * 7919) % COUNT),
            "fetched_at": start, "brief": json.dumps({"title": f"Story {n}"}), "text": _body(n),
        }
        for n in range(COUNT)
    ]
    with opened.engine.begin() as conn:
        conn.execute(insert(articles), rows)
        index_articles(conn, [(row["id"], row["title"], row["text"]) for row in rows])
    yield opened
    opened.close()


def _whole_table(store: Store, groups: list[list[str]], limit: int) -> list[int]:
    with store.engine.connect() as conn:
        query = {"q": _fts_expression(groups, postgres=True), "n": limit}
        return list(conn.execute(WHOLE_TABLE, query).scalars())


# (groups, limit, how many hits): every way a window can fall short or suffice.
SEARCHES = [
    ([["market"]], 200, 200),  # a third of all: the first window holds enough
    ([["zeppel"]], 200, 13),  # the oldest twelve and one of the newest: the whole table
    ([["petroleum exporting countr"]], 50, 50),  # one in a hundred: windows widened
    ([["oil"]], 200, 39),  # "oil-rich" (found by its first part) and the path "oils/fats"
    ([["oils"], ["organi"]], 200, 15),  # paths, one indexed word each
    ([["hakk"], ["lodz"]], 200, 12),  # folded accents
    ([["governance"]], 200, 10),  # only in a web address: left a prefix
    ([["market"], ["countr"]], 10, 10),  # one in three hundred: 7 in the first window
    ([["nowhere"]], 200, 0),
]


def test_windows_find_what_the_whole_table_finds(store):
    for groups, limit, hits in SEARCHES:
        found = store.search_articles(groups, limit=limit)
        assert found == _whole_table(store, groups, limit), groups
        assert len(found) == hits, groups


def test_prefixes_are_spelt_out_as_the_indexed_words(store):
    expression = store._search_expression([["oil"], ["organi"]])
    assert expression == "((('oil' | 'oils/fats'))) & ((('organizations/distributions')))"
    # The address is indexed with its host and path, which no spelling finds alike.
    assert store._search_expression([["governance"]]) == "((governance:*))"

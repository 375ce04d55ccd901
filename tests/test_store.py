"""The store on SQLite always, and on PostgreSQL when BRIEFBOT_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import inspect, text

from bot.store import Store, current_revision, make_engine, migrate, utcnow
from bot.store.articles import _fts_expression


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(database_url):
    opened = Store.open(database_url)
    yield opened
    opened.close()


def _article(n: int, title: str, body: str, **extra) -> dict:
    values = {
        "url": f"https://news.example/{n}",
        "link": f"https://news.example/{n}?utm_source=x",
        "title": title,
        "site": "Example News",
        "published": "2025-02-15",
        "sort_at": utcnow() - timedelta(hours=100 - n),
        "fetched_at": utcnow(),
        "brief": json.dumps({"title": title, "bullets": []}),
        "text": body,
    }
    values.update(extra)
    return values


def test_migrations_build_an_empty_database_to_head(database_url):
    engine = make_engine(database_url)
    migrate(engine)
    assert current_revision(engine) == "0006"
    tables = set(inspect(engine).get_table_names())
    expected = {"sources", "articles", "entries", "backlog", "chats", "subscriptions", "deliveries"}
    assert expected <= tables
    engine.dispose()


def test_migrations_upgrade_a_database_of_the_previous_revision(database_url):
    engine = make_engine(database_url)
    migrate(engine, "0001")
    now = utcnow().replace(tzinfo=None)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO articles (url, title, sort_at, fetched_at, brief, text) "
                "VALUES ('https://old.example/1', 'KNDS wins order', :now, :now, '{}', "
                "'KNDS Deutschland signed a contract')"
            ),
            {"now": now},
        )
    migrate(engine)
    store = Store(engine)
    found = store.articles_by_id(store.search_articles([["KNDS"]]))
    assert [row.url for row in found] == ["https://old.example/1"], "old rows are indexed"
    engine.dispose()


def test_articles_are_stored_once_and_found_newest_first(store):
    first = store.add_article(_article(1, "Umerov meets KNDS", "Rustem Umerov met KNDS France"))
    assert store.add_article(_article(1, "same url again", "x")) is None
    second = store.add_article(_article(2, "Drones", "New drones for air defense units"))
    third = store.add_article(_article(3, "KNDS order", "KNDS Deutschland delivered howitzers"))
    assert store.search_articles([["KNDS"]]) == [third, first]
    assert store.search_articles([["drone"]]) == [second], "prefix: drones"
    phrase = store.search_articles([["air defense"]])
    assert phrase == [second]
    either = store.search_articles([["Nexter", "Umerov"]])
    assert either == [first]
    both = store.search_articles([["KNDS"], ["Umerov"]])
    assert both == [first]
    assert len(store.search_articles([])) == 3


def test_hostile_search_text_is_quoted_not_parsed(store):
    store.add_article(_article(1, "NATO", "NATO ministers met in Brussels"))
    for hostile in ['"', "NEAR(", "a OR", "*", "-x", "ä'; DROP TABLE articles;--"]:
        store.search_articles([[hostile]])
    assert store.article_count() == 1


def test_a_word_first_stored_later_is_found_by_its_prefix(store):
    assert store.search_articles([["zeppel"]]) == []
    first = store.add_article(_article(1, "Airships", "A Zeppelin flew over the lake"))
    assert store.search_articles([["zeppel"]]) == [first]
    second = store.add_article(_article(2, "More airships", "Zeppelins are back"))
    assert store.search_articles([["zeppel"]]) == [second, first], "a new word of the prefix"


def test_words_stored_before_the_search_terms_are_found_by_prefix(database_url):
    engine = make_engine(database_url)
    migrate(engine, "0003")
    store = Store(engine)
    with engine.begin() as conn:
        row = conn.execute(
            text(
                "INSERT INTO articles (url, title, sort_at, fetched_at, brief, text) "
                "VALUES ('https://old.example/1', 'Order', :now, :now, '{}', "
                "'KNDS Deutschland signed a contract') RETURNING id"
            ),
            {"now": utcnow().replace(tzinfo=None)},
        ).one()
        if store.dialect == "postgresql":
            conn.execute(
                text("UPDATE articles SET search = to_tsvector('simple', text) WHERE id = :id"),
                {"id": row.id},
            )
        else:
            conn.execute(
                text("INSERT INTO article_search (rowid, title, body) SELECT id, title, text "
                     "FROM articles WHERE id = :id"),
                {"id": row.id},
            )
    migrate(engine)
    assert store.search_articles([["deutsch"]]) == [row.id]
    engine.dispose()


def test_spelt_out_prefixes_find_what_fts5_prefixes_find(tmp_path):
    """SQLite writes a prefix out as the indexed words it covers; the hits stay FTS5's own,
    for words folded by the tokenizer, words it splits, and prefixes of very many words."""
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    bodies = ["Countries and a country", "Countrymen in the Countryside", "Pekka Häkkänen",
              "Łódź and Lodz", "snake_case country", "counter offers",
              *(f"multi{n:02} item" for n in range(80))]
    for n, body in enumerate(bodies):
        store.add_article(_article(n, f"Article {n}", body))
    searches = [[["countr"]], [["hakk"]], [["häkk"]], [["lodz"]], [["łódź"]], [["snake_ca"]],
                [["multi"]], [["multi0"]], [["counter offer"]], [["countr"], ["snake", "hakk"]]]
    for groups in searches:
        unspelt = _fts_expression(groups, postgres=False)
        with store.engine.connect() as conn:
            hits = conn.execute(
                text("SELECT rowid FROM article_search WHERE article_search MATCH :q"),
                {"q": unspelt},
            ).scalars()
            expected = set(hits)
        assert set(store.search_articles(groups, limit=200)) == expected, groups
        assert expected, groups
    store.close()


def test_subscriptions_are_unique_per_chat_and_topic(store):
    chat = store.ensure_chat("console", "local", kind="private", title=None, timezone="UTC",
                             time="08:00")
    again = store.ensure_chat("console", "local", kind="private", title=None, timezone="UTC",
                              time="09:00")
    assert chat.id == again.id and again.briefing_time == "08:00"
    assert store.add_subscription(chat.id, "knds", "KNDS")
    assert not store.add_subscription(chat.id, "knds", "KNDS")
    assert [s.topic for s in store.subscriptions(chat.id)] == ["KNDS"]
    assert store.remove_subscription(chat.id, "knds")
    assert not store.remove_subscription(chat.id, "knds")


def test_outbox_queues_once_and_hands_out_one_row_per_chat_in_order(store):
    a = store.ensure_chat("telegram", "1", kind="private", title=None, timezone="UTC", time="08:00")
    b = store.ensure_chat("telegram", "2", kind="private", title=None, timezone="UTC", time="08:00")
    assert store.enqueue(a.id, "alert", "story:1", "{}")
    assert not store.enqueue(a.id, "alert", "story:1", "{}")
    store.enqueue(a.id, "alert", "story:2", "{}")
    store.enqueue(b.id, "alert", "story:1", "{}")
    now = utcnow()
    first = store.claim_deliveries("w1", now, platforms=["telegram"])
    assert sorted((r.chat_key, r.ref) for r in first) == [("1", "story:1"), ("2", "story:1")]
    assert store.claim_deliveries("w2", now, platforms=["telegram"]) == [], "leased rows wait"
    store.finish_delivery(first[0].id, "sent")
    store.finish_delivery(first[1].id, "sent")
    nxt = store.claim_deliveries("w2", now, platforms=["telegram"])
    assert [(r.chat_key, r.ref) for r in nxt] == [("1", "story:2")]


def test_an_expired_lease_is_taken_over(store):
    chat = store.ensure_chat("slack", "C1", kind="channel", title=None, timezone="UTC",
                             time="08:00")
    store.enqueue(chat.id, "alert", "story:9", "{}")
    now = utcnow()
    assert len(store.claim_deliveries("dead", now, platforms=["slack"], lease_s=30)) == 1
    later = now + timedelta(seconds=31)
    taken = store.claim_deliveries("alive", later, platforms=["slack"])
    assert [r.ref for r in taken] == ["story:9"]


def test_due_sources_are_leased_to_one_worker(store):
    for n in range(5):
        store.add_source(f"https://feeds.example/{n}.xml")
    now = utcnow()
    first = store.claim_due_sources("w1", now, limit=3)
    second = store.claim_due_sources("w2", now, limit=10)
    assert len(first) == 3 and len(second) == 2
    assert not {r.id for r in first} & {r.id for r in second}


def test_a_chat_moved_onto_an_id_that_spoke_first_keeps_every_follow(store):
    """A supergroup's first command can come before the group's move is heard of: the row it
    made gives its follows to the moved chat, and one chat is left."""
    defaults = {"title": None, "timezone": "UTC", "time": "08:00"}
    group = store.ensure_chat("telegram", "-4002", kind="group", **defaults)
    store.add_subscription(group.id, "knds", "KNDS")
    early = store.ensure_chat("telegram", "-1004002", kind="supergroup", **defaults)
    store.add_subscription(early.id, "rheinmetall", "Rheinmetall")
    store.add_subscription(early.id, "knds", "KNDS")
    store.move_chat("telegram", "-4002", "-1004002")
    assert store.chat("telegram", "-4002") is None
    moved = store.chat("telegram", "-1004002")
    assert moved.id == group.id
    assert sorted(s.topic for s in store.subscriptions(moved.id)) == ["KNDS", "Rheinmetall"]
    store.move_chat("telegram", "-4002", "-1004002")  # heard twice: nothing left to move
    assert store.chat("telegram", "-1004002").id == group.id

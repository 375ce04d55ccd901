"""Articles with their Brief, the entries that led to them, and the full-text index."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import Any, NamedTuple, NotRequired, TypedDict

from sqlalchemy import Connection, Row, delete, func, select, text, update

from bot.store.base import StoreBase, by_name, insert_ignore
from bot.store.tables import articles, backlog, entries, utcnow

_LITTLE_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "de", "for", "in", "of", "on", "or", "the", "to"}
)
# Enough text for any news story; keeps a pathological page from bloating the index.
_INDEX_CHARS = 200_000
# A per-connection index with article_search's tokenizer (migration 0002), contentless: it
# only splits articles into the index's words for search_terms.
_SCRATCH_INDEX = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_scratch USING fts5("
    "title, body, content = '', tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_scratch_words "
    "USING fts5vocab(temp, search_scratch, row)",
)
# What the tokenizer leaves as it is (lower-case ASCII letters and digits): only such prefixes
# are spelt out, and on SQLite only such words, so the query's words are the index's exactly.
_SPELLABLE = re.compile(r"[a-z0-9]+")
# More words than this to a prefix ("e"*), and FTS5 expands it: a long OR gains nothing.
_MAX_SPELT = 64
# Beyond every indexed word that starts with a prefix: prefix + U+10FFFF, which no word holds
# (both databases compare these words as UTF-8 bytes).
_LAST_CHARACTER = "\U0010ffff"
# Whether to_tsquery reads a quoted PostgreSQL word back as that one word: true of the
# spellable ones and of most paths and dotted names ("organizations/distributions"), not of
# hyphenated ones (a phrase of their parts) nor of words with quotes or spaces.
_POSTGRES_VERBATIM = (
    r"CASE WHEN term ~ '^[a-z0-9]+$' THEN true WHEN term ~ '[''\\\s]' THEN false "
    "ELSE to_tsquery('simple', quote_literal(term))::text = quote_literal(term) END"
)
# PostgreSQL searches the newest ids first: this many, then up to _WIDER times as many each
# round until `limit` hits or the whole table.
_FIRST_WINDOW = 2_000
_WIDER = 8
# The hits of a full-text query (:q), newest `:n` by id, above a floor id when {floor} is
# " AND id > :floor"; the GIN index on (id, search) (migration 0005) finds them.
_POSTGRES_HITS = (
    "SELECT id, sort_at FROM articles WHERE search @@ to_tsquery('simple', :q){floor} "
    "ORDER BY id DESC LIMIT :n"
)


class Article(NamedTuple):
    """A stored article: where it came from, its Brief (JSON) and text, and its story."""

    id: int
    url: str  # canonical: the dedup key
    link: str | None  # as the source gave it
    source_id: int | None
    title: str
    site: str | None
    published: str | None  # ISO date, or None when unknown
    sort_at: datetime  # published, else first seen
    fetched_at: datetime
    brief: str  # the Brief JSON
    text: str
    signature: bytes | None  # MinHash of the text
    story_id: int | None  # the first article of the same story, or None


class NewArticle(TypedDict):
    """An article to store (`add_article`): the columns of Article but its id."""

    url: str
    title: str
    sort_at: datetime
    brief: str
    link: NotRequired[str | None]
    source_id: NotRequired[int | None]
    site: NotRequired[str | None]
    published: NotRequired[str | None]
    fetched_at: NotRequired[datetime]
    text: NotRequired[str]
    signature: NotRequired[bytes | None]
    story_id: NotRequired[int | None]
    alerted_at: NotRequired[datetime | None]  # default now; None: alerts still to queue


class BacklogEntry(NamedTuple):
    """A feed entry a poll saw but did not take in yet: its guid and the FeedEntry JSON."""

    guid: str
    entry: str


class StorySignature(NamedTuple):
    """What the story index needs of an article: its id, text signature and time."""

    id: int
    signature: bytes
    sort_at: datetime


def _article(row: Row[Any]) -> Article:
    return Article(**by_name(Article._fields, row))


class ArticleQueries(StoreBase):
    def add_article(self, values: NewArticle) -> int | None:
        """Store an article once (by canonical URL) and index it; its id, or None if known."""
        with self.engine.begin() as conn:
            article_id = insert_ignore(conn, articles, dict(values))
            if article_id is not None:
                row = (article_id, values["title"], values.get("text") or "")
                index_articles(conn, [row])
            return article_id

    def mark_alerted(self, article_id: int) -> None:
        """The article's alerts are queued."""
        with self.engine.begin() as conn:
            query = update(articles).where(articles.c.id == article_id)
            conn.execute(query.values(alerted_at=utcnow()))

    def unalerted_articles(self, since: datetime, limit: int = 100) -> list[Article]:
        """Articles fetched since `since` whose alerts were never queued, oldest first."""
        query = (
            select(articles)
            .where(articles.c.alerted_at.is_(None), articles.c.fetched_at >= since)
            .order_by(articles.c.fetched_at)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [_article(row) for row in conn.execute(query)]

    def set_story(self, article_id: int, story_id: int) -> None:
        with self.engine.begin() as conn:
            query = update(articles).where(articles.c.id == article_id)
            conn.execute(query.values(story_id=story_id))

    def article(self, article_id: int) -> Article | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
        return None if row is None else _article(row)

    def article_by_url(self, url: str) -> Article | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.url == url)).first()
        return None if row is None else _article(row)

    def known_entries(self, source_id: int, guids: Sequence[str]) -> set[str]:
        """Which of these feed entries the source brought before (one query for a whole feed)."""
        if not guids:
            return set()
        query = select(entries.c.guid).where(
            entries.c.source_id == source_id, entries.c.guid.in_(list(guids))
        )
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())

    def add_entry(self, source_id: int, guid: str, article_id: int | None) -> None:
        """Remember a feed entry, so the next poll does not fetch it again; it leaves the
        source's backlog in the same transaction."""
        with self.engine.begin() as conn:
            values = {"source_id": source_id, "guid": guid, "article_id": article_id}
            insert_ignore(conn, entries, values)
            conn.execute(
                delete(backlog).where(backlog.c.source_id == source_id, backlog.c.guid == guid)
            )

    def defer_entries(self, source_id: int, items: Sequence[tuple[str, str]]) -> None:
        """Queue (guid, entry JSON) pairs on the source's backlog in the order given, in one
        transaction; an entry queued before keeps its place."""
        with self.engine.begin() as conn:
            for guid, entry in items:
                values = {"source_id": source_id, "guid": guid, "entry": entry}
                insert_ignore(conn, backlog, values)

    def backlog_entries(self, source_id: int, limit: int) -> list[BacklogEntry]:
        """The oldest `limit` entries waiting on the source's backlog, oldest first."""
        query = (
            select(backlog.c.guid, backlog.c.entry)
            .where(backlog.c.source_id == source_id)
            .order_by(backlog.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [BacklogEntry(**by_name(BacklogEntry._fields, row)) for row in rows]

    def backlog_size(self, source_id: int) -> int:
        query = select(func.count()).select_from(backlog).where(backlog.c.source_id == source_id)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def search_articles(self, groups: Sequence[Sequence[str]], limit: int = 50) -> list[int]:
        """Ids of the newest articles whose text has every group (any alternative of it).

        A prefilter: each alternative matches as word prefixes, a superset of what the
        topic matcher accepts, so the matcher has the final word. Newest by published date
        among the `limit` most recently stored hits: the index hands those out without
        sorting every hit of a common word, and later-stored articles are the newer ones.
        """
        expression = self._search_expression(groups)
        newest = articles.c.sort_at.desc(), articles.c.id.desc()
        if not expression:
            query = select(articles.c.id).order_by(*newest).limit(limit)
        elif self.dialect == "postgresql":
            with self.engine.connect() as conn:
                return _newest_postgres_hits(conn, expression, limit)
        else:
            hits = text(
                "SELECT rowid FROM article_search WHERE article_search MATCH :q "
                "ORDER BY rowid DESC LIMIT :n"
            )
            query = select(articles.c.id).where(articles.c.id.in_(hits)).order_by(*newest)
        with self.engine.connect() as conn:
            return list(conn.execute(query, {"q": expression, "n": limit}).scalars())

    def _search_expression(self, groups: Sequence[Sequence[str]]) -> str:
        """The full-text query for `groups`, with prefixes spelt out as the indexed words."""
        postgres = self.dialect == "postgresql"
        with self.engine.connect() as conn:
            return _fts_expression(
                groups, postgres=postgres, indexed_words=partial(_indexed_words, conn)
            )

    def articles_by_id(self, ids: Sequence[int]) -> list[Article]:
        """The articles with these ids, in the order given."""
        with self.engine.connect() as conn:
            rows = {row.id: row for row in conn.execute(
                select(articles).where(articles.c.id.in_(list(ids))))}
        return [_article(rows[i]) for i in ids if i in rows]

    def articles_since(self, since: datetime, limit: int = 500) -> list[Article]:
        """Articles first seen after `since`, newest first (what a briefing may hold)."""
        query = (
            select(articles)
            .where(articles.c.fetched_at > since)
            .order_by(articles.c.sort_at.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [_article(row) for row in conn.execute(query)]

    def recent_articles(self, limit: int) -> list[Article]:
        query = select(articles).order_by(articles.c.fetched_at.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [_article(row) for row in conn.execute(query)]

    def recent_signatures(self, limit: int) -> list[StorySignature]:
        """(id, signature, sort_at) of the newest articles, to rebuild the story index."""
        query = (
            select(articles.c.id, articles.c.signature, articles.c.sort_at)
            .where(articles.c.signature.is_not(None))
            .order_by(articles.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [StorySignature(**by_name(StorySignature._fields, row)) for row in rows]

    def article_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())


def _newest_postgres_hits(conn: Connection, expression: str, limit: int) -> list[int]:
    """The `limit` highest-id hits of `expression`, newest by published date first.

    Searched in windows of the newest ids, widened until they hold `limit` hits or are the
    whole table: the hits of a window with that many are the highest-id hits of all, and
    a window's cost follows its size, where the whole table's follows every hit of a
    common word (GIN cannot hand hits out in id order).
    """
    # Left to itself the planner walks the primary key backwards through the window testing
    # every row, not the GIN index on (id, search): on a rare word that reads the whole window
    # (66 ms for "brown" at a million articles, where the index takes 3). Until the end of
    # this transaction only.
    top = conn.execute(select(func.max(articles.c.id))).scalar()
    conn.exec_driver_sql("SET LOCAL enable_indexscan = off")
    span = _FIRST_WINDOW
    while True:
        floor = top - span if top is not None and span < top else None
        rows = conn.execute(
            text(_POSTGRES_HITS.format(floor="" if floor is None else " AND id > :floor")),
            {"q": expression, "n": limit, "floor": floor},
        ).all()
        if len(rows) >= limit or floor is None:
            break
        span = _wider(span, len(rows), limit)
    return [row.id for row in sorted(rows, key=lambda row: (row.sort_at, row.id), reverse=True)]


def _wider(span: int, found: int, limit: int) -> int:
    """The next window: a quarter more than the hits so far say `limit` needs (178 of 200 in
    2,000 ids: 2,809), at least twice and at most _WIDER times this one."""
    needed = span * limit * 5 // (4 * found) if found else span * _WIDER
    return min(max(needed, 2 * span), _WIDER * span)


def fold(text: str) -> str:
    """Text without diacritics, as the full-text index stores it."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _tokens(phrase: str) -> list[str]:
    return re.findall(r"\w+", fold(phrase).lower())


def index_articles(conn: Connection, rows: Sequence[tuple[int, str, str]]) -> None:
    """Put (id, title, text) rows in the full-text index; their words join search_terms in
    the same transaction, so a prefix spelt out from it misses no article."""
    values = [{"id": i, "title": title, "body": body[:_INDEX_CHARS]} for i, title, body in rows]
    if conn.dialect.name == "postgresql":
        # 'simple' keeps accents (SQLite's tokenizer drops them): fold them here, and in
        # the query, so "Hakkanen" finds "Häkkänen" on both without a server extension.
        conn.execute(
            text("UPDATE articles SET search = to_tsvector('simple', :doc) WHERE id = :id"),
            [{"doc": fold(f"{v['title']} {v['body']}"), "id": v["id"]} for v in values],
        )
        # In word order: two transactions adding the same new words never wait on each other
        # in a circle.
        conn.execute(
            text(
                "INSERT INTO search_terms (term) SELECT DISTINCT unnest(tsvector_to_array(search)) "
                "FROM articles WHERE id = ANY(:ids) ORDER BY 1 ON CONFLICT DO NOTHING"
            ),
            {"ids": [v["id"] for v in values]},
        )
        return
    conn.execute(
        text("INSERT INTO article_search (rowid, title, body) VALUES (:id, :title, :body)"),
        values,
    )
    _add_search_terms(conn, values)


def _add_search_terms(conn: Connection, values: list[dict[str, Any]]) -> None:
    """The words of these articles into search_terms, as SQLite's own tokenizer splits them
    (in this connection's scratch index), so they are the full-text index's words exactly."""
    for statement in _SCRATCH_INDEX:
        conn.exec_driver_sql(statement)
    conn.execute(
        text("INSERT INTO temp.search_scratch (title, body) VALUES (:title, :body)"), values
    )
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO search_terms (term) SELECT term FROM temp.search_scratch_words"
    )
    conn.exec_driver_sql("INSERT INTO temp.search_scratch (search_scratch) VALUES ('delete-all')")


def _indexed_words(conn: Connection, prefix: str) -> list[str] | None:
    """The indexed words that start with `prefix` (enough of them to find what it finds), or
    None to leave the prefix to the index: it is not spellable, has a word that cannot be
    written exactly, or more than _MAX_SPELT.

    Words of articles retention unindexed stay in search_terms; they find nothing, as before.
    """
    if not _SPELLABLE.fullmatch(prefix):
        return None
    postgres = conn.dialect.name == "postgresql"
    words = conn.execute(
        text(
            f"SELECT term, {_POSTGRES_VERBATIM if postgres else 'NULL'} AS verbatim "
            "FROM search_terms WHERE term >= :prefix AND term < :beyond ORDER BY term LIMIT :n"
        ),
        {"prefix": prefix, "beyond": prefix + _LAST_CHARACTER, "n": _MAX_SPELT + 1},
    ).all()
    if len(words) > _MAX_SPELT:
        return None
    terms = {row.term for row in words}
    spelt = []
    for row in words:
        if row.verbatim if postgres else _SPELLABLE.fullmatch(row.term):
            spelt.append(row.term)
        elif not (postgres and _found_by_first_part(row.term, terms)):
            return None
    return spelt


def _found_by_first_part(word: str, words: set[str]) -> bool:
    """Whether `word` is hyphenated and its first part one of `words`: PostgreSQL indexes such
    a word with its parts ("oil-rich": oil-rich, oil, rich), so the part finds it."""
    first = word.split("-", 1)[0]
    return first != word and first in words


def _fts_expression(
    groups: Sequence[Sequence[str]],
    *,
    postgres: bool,
    indexed_words: Callable[[str], list[str] | None] | None = None,
) -> str:
    """AND across groups, OR inside one; each alternative as the AND of its words' prefixes.

    With `indexed_words`, a prefix is written out as the OR of the indexed words it covers:
    FTS5 then reads hits newest first and stops at the limit, and GIN skips through the words'
    hit lists to the window searched, where a prefix makes either read every hit of every
    such word first.
    """
    and_, or_ = (" & ", " | ") if postgres else (" AND ", " OR ")
    prefix, exact = ("{}:*", "{}") if postgres else ('"{}"*', '"{}"')
    # An indexed word as it is: quoted, so to_tsquery keeps "organizations/distributions" whole.
    indexed = "'{}'" if postgres else '"{}"'

    def starting(word: str) -> str:
        spelt = indexed_words(word) if indexed_words else None
        if spelt is None:
            return prefix.format(word)
        # No indexed word has the prefix: the word itself finds nothing either.
        return "(" + or_.join(indexed.format(w) for w in spelt or [word]) + ")"

    parts = []
    for group in groups:
        alternatives = []
        for phrase in group:
            words = _tokens(phrase)
            if len(words) > 1:
                # In a phrase, "of"* or "g"* would expand to half the vocabulary: drop the
                # little words, match short ones whole. Fewer conditions only widen the net.
                words = [w for w in words if w not in _LITTLE_WORDS] or words
                terms = [exact.format(w) if len(w) < 3 else starting(w) for w in words]
            else:
                terms = [starting(w) for w in words]
            if terms:
                alternatives.append("(" + and_.join(terms) + ")")
        if alternatives:
            parts.append("(" + or_.join(alternatives) + ")")
    return and_.join(parts)

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
from bot.store.tables import articles, backlog, entries

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
# and words are spelt out, so the query's words are the index's exactly.
_SPELLABLE = re.compile(r"[a-z0-9]+")
# More words than this to a prefix ("e"*), and FTS5 expands it: a long OR gains nothing.
_MAX_SPELT = 64


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
            # Materialised, so the GIN index finds the hits: otherwise the planner walks
            # the primary key backwards testing every row, which takes seconds on a rare word.
            hits = (
                select(articles.c.id)
                .where(text("articles.search @@ to_tsquery('simple', :q)"))
                .cte("hits")
                .prefix_with("MATERIALIZED")
            )
            recent = select(hits.c.id).order_by(hits.c.id.desc()).limit(limit)
            query = select(articles.c.id).where(articles.c.id.in_(recent)).order_by(*newest)
        else:
            hits = text(
                "SELECT rowid FROM article_search WHERE article_search MATCH :q "
                "ORDER BY rowid DESC LIMIT :n"
            )
            query = select(articles.c.id).where(articles.c.id.in_(hits)).order_by(*newest)
        with self.engine.connect() as conn:
            return list(conn.execute(query, {"q": expression, "n": limit}).scalars())

    def _search_expression(self, groups: Sequence[Sequence[str]]) -> str:
        """The full-text query for `groups`; on SQLite with prefixes spelt out as words."""
        if self.dialect == "postgresql":
            return _fts_expression(groups, postgres=True)
        with self.engine.connect() as conn:
            return _fts_expression(
                groups, postgres=False, indexed_words=partial(_indexed_words, conn)
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


def fold(text: str) -> str:
    """Text without diacritics, as the full-text index stores it."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _tokens(phrase: str) -> list[str]:
    return re.findall(r"\w+", fold(phrase).lower())


def index_articles(conn: Connection, rows: Sequence[tuple[int, str, str]]) -> None:
    """Put (id, title, text) rows in the full-text index; on SQLite their words join
    search_terms in the same transaction, so a prefix spelt out from it misses no article."""
    values = [{"id": i, "title": title, "body": body[:_INDEX_CHARS]} for i, title, body in rows]
    if conn.dialect.name == "postgresql":
        # 'simple' keeps accents (SQLite's tokenizer drops them): fold them here, and in
        # the query, so "Hakkanen" finds "Häkkänen" on both without a server extension.
        conn.execute(
            text("UPDATE articles SET search = to_tsvector('simple', :doc) WHERE id = :id"),
            [{"doc": fold(f"{v['title']} {v['body']}"), "id": v["id"]} for v in values],
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
    """The indexed words that start with `prefix`, or None to leave the prefix to FTS5 (it is
    not spellable, has a word that is not, or has more than _MAX_SPELT words).

    Words of articles retention unindexed stay in search_terms; they find nothing, as before.
    """
    if not _SPELLABLE.fullmatch(prefix):
        return None
    # Every word with the prefix sorts below prefix + U+10FFFF, which no word holds.
    words = conn.execute(
        text(
            "SELECT term FROM search_terms WHERE term >= :prefix AND term < :prefix || "
            "char(1114111) ORDER BY term LIMIT :n"
        ),
        {"prefix": prefix, "n": _MAX_SPELT + 1},
    ).scalars().all()
    if len(words) > _MAX_SPELT or not all(_SPELLABLE.fullmatch(word) for word in words):
        return None
    return list(words)


def _fts_expression(
    groups: Sequence[Sequence[str]],
    *,
    postgres: bool,
    indexed_words: Callable[[str], list[str] | None] | None = None,
) -> str:
    """AND across groups, OR inside one; each alternative as the AND of its words' prefixes.

    With `indexed_words`, a prefix is written out as the OR of the indexed words it covers:
    FTS5 then reads hits newest first and stops at the limit, where a prefix makes it merge
    every hit of every such word first.
    """
    and_, or_ = (" & ", " | ") if postgres else (" AND ", " OR ")
    prefix, exact = ("{}:*", "{}") if postgres else ('"{}"*', '"{}"')

    def starting(word: str) -> str:
        spelt = indexed_words(word) if indexed_words else None
        if spelt is None:
            return prefix.format(word)
        # No indexed word has the prefix: the word itself finds nothing either.
        return "(" + or_.join(exact.format(w) for w in spelt or [word]) + ")"

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

"""Articles to Briefs: one spaCy pass per article, batched with nlp.pipe."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from bot.briefing import dates
from bot.briefing.article import ArticleInput
from bot.briefing.article_topics import article_topics
from bot.briefing.brief import Brief
from bot.briefing.candidates import Candidate
from bot.briefing.entities import collect_entities, find_mentions
from bot.briefing.judge import Judge
from bot.briefing.meetings import find_meetings, read_candidates
from bot.briefing.nlp import MAX_CHARS, load_nlp
from bot.briefing.pagedates import page_date
from bot.briefing.render import make_bullets
from bot.briefing.scraped_text import headline_for_parser, normalize
from bot.briefing.venues import split_dateline

DEFAULT_BATCH_SIZE = 16


def brief_article(article: ArticleInput) -> Brief:
    """The Brief of one article."""
    return next(brief_documents([article]))


def brief_documents(
    articles: Iterable[ArticleInput],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    judge: Judge | None = None,
) -> Iterator[Brief]:
    """Briefs of many articles in input order; the model runs batched over all of them.
    `judge` replaces the shipped meeting judge (cross-validation trains one per fold)."""
    for doc, headline, text, dateline, article in _parsed(articles, batch_size):
        yield _brief(doc, headline, text, dateline, article, judge)


def meeting_candidates(
    articles: Iterable[ArticleInput], *, batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[list[Candidate]]:
    """Each article's candidate meeting pairs before the judge, for training it."""
    for doc, _headline, _text, dateline, article in _parsed(articles, batch_size):
        mentions = find_mentions(doc, ignore=_ignored(article))
        yield read_candidates(mentions, dateline, article.title)[1]


def _parsed(
    articles: Iterable[ArticleInput], batch_size: int
) -> Iterator[tuple[Doc, Doc | None, str, str | None, ArticleInput]]:
    """Each article parsed: its body's parse, its headline's, its text, dateline and input."""
    nlp = load_nlp()
    headline: Doc | None = None
    for doc, context in nlp.pipe(_parse_inputs(articles), as_tuples=True, batch_size=batch_size):
        # Each article's headline comes through the same batches just before its body.
        if context is None:
            headline = doc
            continue
        text, dateline, article = context
        yield doc, headline, text, dateline, article


def _parse_inputs(
    articles: Iterable[ArticleInput],
) -> Iterator[tuple[str, tuple[str, str | None, ArticleInput] | None]]:
    """For each article its headline, then the part of its text the parser reads (the
    standfirst as its own paragraph, the text without its wire dateline) with the whole text
    and the dateline's city."""
    for article in articles:
        text = normalize(article.text)[:MAX_CHARS]
        dateline, body = split_dateline(text)
        if article.standfirst:
            standfirst = normalize(article.standfirst)
            text, body = f"{standfirst}\n\n{text}", f"{standfirst}\n\n{body}"
        yield headline_for_parser(article.title, body), None
        yield body[:MAX_CHARS], (text[:MAX_CHARS], dateline, article)


def _ignored(article: ArticleInput) -> frozenset[str]:
    """The outlet's own name is never a party of what it reports."""
    return frozenset({article.site}) if article.site else frozenset()


def _brief(
    doc: Doc,
    headline: Doc | None,
    text: str,
    dateline: str | None,
    article: ArticleInput,
    judge: Judge | None,
) -> Brief:
    published = _published(article)
    mentions = find_mentions(doc, ignore=_ignored(article))
    entities = collect_entities(mentions)
    if dateline and dateline not in entities.places:
        # The parser never sees the dateline, but its city is where the story was filed.
        entities.places.insert(0, dateline)
    meetings = find_meetings(
        mentions, dates.as_date(published), dateline, judge, headline=article.title
    )
    topics = article_topics(
        doc,
        title=article.title,
        headline=headline,
        meeting_topics=[t for m in meetings for t in m.topics],
        entities=entities,
    )
    title = article.title or _first_sentence(doc)
    brief = Brief(
        title=title,
        url=article.url,
        site=article.site,
        published=published,
        meetings=meetings,
        topics=topics,
        entities=entities,
        text=text,
    )
    brief.bullets = make_bullets(brief, lede=_first_sentence(doc))
    return brief


def _published(article: ArticleInput) -> str | None:
    if article.published:
        return dates.to_iso(article.published)
    if article.html:
        return page_date(article.html, article.url)
    return dates.published_date(url=article.url)


def _first_sentence(doc: Doc) -> str:
    for sent in doc.sents:
        words = sent.text.strip()
        if len(words.split()) >= 4:
            return words
    return doc.text.strip()[:200]

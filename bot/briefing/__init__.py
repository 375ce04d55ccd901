"""Briefing: one article in, a Brief out (who met whom, where, topics, date, bullets).

The language half (spaCy: about a second to import) loads on first use of `brief_article`,
`brief_documents` or `load_nlp`, so commands that only store, match or show briefs start fast.
"""

from importlib import import_module

from bot.briefing.article import ArticleError, ArticleInput, article_from_page, article_from_text
from bot.briefing.brief import Brief, Entities, Meeting, Party
from bot.briefing.render import render_brief_text

_LANGUAGE_HALF = {
    "brief_article": "bot.briefing.pipeline",
    "brief_documents": "bot.briefing.pipeline",
    "load_nlp": "bot.briefing.nlp",
}


def __getattr__(name: str) -> object:
    module = _LANGUAGE_HALF.get(name)
    if module is None:
        raise AttributeError(f"module 'bot.briefing' has no attribute {name!r}")
    return getattr(import_module(module), name)


__all__ = [
    "ArticleError",
    "ArticleInput",
    "Brief",
    "Entities",
    "Meeting",
    "Party",
    "article_from_page",
    "article_from_text",
    "brief_article",
    "brief_documents",
    "load_nlp",
    "render_brief_text",
]

"""Briefing: one article in, a Brief out (who met whom, where, topics, date, bullets)."""

from bot.briefing.article import ArticleError, ArticleInput, article_from_page, article_from_text
from bot.briefing.brief import Brief, Entities, Meeting, Party
from bot.briefing.nlp import load_nlp
from bot.briefing.pipeline import brief_article, brief_documents
from bot.briefing.render import render_brief_text

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

"""Alerts as they happen: a new article to the chats that follow it, a paused source to the
admins. Both are queued in the outbox; the sender delivers them."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import timedelta

from bot.briefing.brief import Brief
from bot.core.reply import Reply, Section
from bot.delivery.outbox import queue_message
from bot.follow.cards import article_card, stored_brief
from bot.follow.matching import Match, Matcher, Topic
from bot.store import Source, Store, utcnow

# How far back a pass queues alerts that were never queued: older news is no alert.
_CATCH_UP = timedelta(days=1)

StoredTopic = Callable[[str], Topic | None]
"""`stored_topic(text)` -> a followed topic as stored, parsed; None when it no longer parses."""


class Alerts:
    """Queues "New on TOPIC" to each chat with alerts on whose topics an article matches (a
    story alerts once), and "Source paused" to each admin's private chat."""

    def __init__(self, store: Store, stored_topic: StoredTopic, admins: Collection[str]) -> None:
        self.store = store
        self._stored_topic = stored_topic
        self._admins = admins
        self._matcher: Matcher | None = None

    def new_pass(self) -> None:
        """A poll pass begins: its first article reads the follows as they are now, once for
        the whole pass; alerts a failure or a stop kept from being queued are queued now."""
        self._matcher = None
        for article in self.store.unalerted_articles(since=utcnow() - _CATCH_UP):
            brief = stored_brief(article)
            self.on_article(article.id, brief, article.story_id or article.id)
            self.store.mark_alerted(article.id)

    def on_article(self, article_id: int, brief: Brief, story_key: int) -> None:
        """Queue an alert to each chat with alerts on whose topics match; a story alerts once."""
        matcher = self._matcher or self._build_matcher()
        per_chat: dict[int, list[Match]] = {}
        for chat_id, found in matcher.matching(brief):
            per_chat.setdefault(chat_id, []).append(found)
        if not per_chat:
            return
        article = self.store.article(article_id)
        if article is None:
            return
        for chat_id, matches in per_chat.items():
            topics = ", ".join(m.topic.display for m in matches)
            reply = Reply(text=f"New on {topics}:",
                          sections=[Section(None, [article_card(article, matches)])])
            queue_message(self.store, chat_id, "alert", f"story:{story_key}", reply)

    def _build_matcher(self) -> Matcher:
        alerting = (sub for sub, alerts in self.store.all_subscriptions() if alerts)
        parsed = ((sub.chat_id, self._stored_topic(sub.topic)) for sub in alerting)
        self._matcher = Matcher((chat, topic) for chat, topic in parsed if topic)
        return self._matcher

    def on_paused(self, source: Source, reason: str) -> None:
        """Tell the admins (in their private chats with the bot) that a source was paused."""
        text = (f"Source paused after repeated failures: {source.url} ({reason}). "
                f"Check it, then /removesource or re-add it.")
        for admin in self._admins:
            platform, _, user_id = admin.partition(":")
            chat = self.store.chat(platform, user_id)
            if chat:
                ref = f"paused:{source.id}:{utcnow():%Y%m%d%H}"
                queue_message(self.store, chat.id, "notice", ref, Reply(text=text))

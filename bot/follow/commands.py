"""Chat commands, the same on every platform: text in, a Reply out, never a traceback."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.core.chat import ChatRef
from bot.core.reply import Reply, Section
from bot.core.timing import known_time_zone, next_slot, parse_clock
from bot.follow.cards import article_card, matching_articles, stored_brief
from bot.follow.digest import take_briefing
from bot.follow.matching import AliasTable, Topic, TopicError, also_matches, parse_topic
from bot.sources.errors import AddSourceError
from bot.store import Chat, Source, Store, Subscription, utcnow

log = logging.getLogger(__name__)

HELP = """\
I read news sources and brief you on the topics you follow: who met whom, where, what they \
discussed, and when.

/follow TOPIC - follow a name, an organisation or a phrase: /follow KNDS, /follow "air defense"
/unfollow TOPIC - stop following it
/following - your topics and your briefing time
/latest [TOPIC] - the newest article on a topic (or on any you follow)
/why [TOPIC] - that article again, with the sentences its meetings were read from
/briefing - your briefing now, without waiting
/time HH:MM - when your daily briefing comes (24-hour clock), e.g. /time 07:30
/timezone Area/City - your time zone, e.g. /timezone Europe/Berlin
/alerts on|off - also send matching articles as soon as they arrive
/emptydays notice|skip - on a day with nothing new, say so, or stay quiet
/sources - the sources I read
/addsource URL, /removesource URL - change them (admins)

Topics: several words must all appear; "quoted words" are a phrase; -word excludes; \
site:example.com limits to one source."""

# Articles this recent count as the backlog a new /follow reports instead of sending.
_BACKLOG = timedelta(days=7)
_COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@\S+)?(?:\s+(.*))?$", re.DOTALL)

AddSource = Callable[[str, str], str]
"""`add_source(url, added_by)` -> a one-line answer (discovers the feed); raises
AddSourceError, whose message is the answer, for an unreadable or unsafe URL."""


@dataclass(frozen=True)
class Invocation:
    """One command as received: the chat, as the platform and as the store know it, the
    arguments and the user."""

    chat: ChatRef
    stored: Chat
    args: str
    user_id: str | None


class Commands:
    """Dispatches chat commands; adapters hand text in and render the Reply out."""

    def __init__(
        self, store: Store, settings: Settings, aliases: AliasTable, add_source: AddSource
    ) -> None:
        self.store = store
        self.settings = settings
        self.aliases = aliases
        self._add_source = add_source
        self._verbs: dict[str, Callable[[Invocation], Reply]] = {
            "start": self.help,
            "help": self.help,
            "follow": self.follow,
            "unfollow": self.unfollow,
            "following": self.following,
            "latest": self.latest,
            "why": self.why,
            "briefing": self.briefing,
            "time": self.time,
            "timezone": self.timezone,
            "alerts": self.alerts,
            "emptydays": self.emptydays,
            "sources": self.sources,
            "addsource": self.addsource,
            "removesource": self.removesource,
        }

    @property
    def verbs(self) -> list[str]:
        return list(self._verbs)

    def handle(self, chat: ChatRef, text: str, user_id: str | None = None) -> Reply:
        """Answer one command; unexpected failures become a short apology, logged once."""
        parsed = _COMMAND.match(_well_formed(text).strip())
        if not parsed:
            return Reply(text="Commands start with a slash. Try /help.")
        verb, args = parsed[1].lower(), (parsed[2] or "").strip()
        action = self._verbs.get(verb)
        if action is None:
            return Reply(text=f"I don't know /{verb[:30]}. Try /help for the commands.")
        stored = self._stored_chat(chat)
        try:
            reply = action(Invocation(chat, stored, args, user_id))
        except Exception:
            log.exception("command /%s failed", verb)
            return Reply(text="Sorry, that failed on my side. Please try again in a minute.")
        return self._with_inactive_note(stored, reply)

    def _stored_chat(self, chat: ChatRef) -> Chat:
        return self.store.ensure_chat(
            chat.platform,
            chat.key,
            kind=chat.kind,
            title=chat.title,
            timezone=self.settings.default_timezone,
            time=self.settings.default_briefing_time,
        )

    def _with_inactive_note(self, stored: Chat, reply: Reply) -> Reply:
        """A chat we could not post to is told why, once, and tried again from now on."""
        if stored.active:
            return reply
        self.store.update_chat(stored.id, active=True, inactive_reason=None)
        note = f"I could not post here before ({stored.inactive_reason})."
        if stored.platform == "slack":
            note += " Invite me to this channel with /invite @briefbot so briefings arrive."
        return Reply(text=f"{note}\n\n{reply.text}".strip(), sections=reply.sections,
                     link_previews=reply.link_previews)

    def _topic(self, args: str) -> Topic:
        return parse_topic(args, self.aliases)

    def help(self, call: Invocation) -> Reply:
        return Reply(text=HELP)

    def follow(self, call: Invocation) -> Reply:
        try:
            topic = self._topic(call.args)
        except TopicError as exc:
            return Reply(text=str(exc))
        if not self.store.add_subscription(call.stored.id, topic.key, topic.display):
            return Reply(text=f"You already follow {topic.display}. /following lists your topics.")
        lines = [f"Following {topic.display}."]
        names = also_matches(topic, self._known_names())
        if names:
            lines[0] = f"Following {topic.display} — also matches {', '.join(names[:8])}."
        recent = self._recent_matches(topic)
        if recent:
            lines.append(
                f"{recent} recent {'article matches' if recent == 1 else 'articles match'}: "
                f"/latest {topic.display} shows the newest."
            )
        chat = call.stored
        lines.append(f"Your briefing comes daily at {chat.briefing_time} ({chat.timezone}).")
        return Reply(text="\n".join(lines))

    def _known_names(self) -> list[str]:
        names: dict[str, None] = {}
        for row in self.store.recent_articles(300):
            brief = stored_brief(row)
            names.update(dict.fromkeys(brief.entities.all_names()))
        return list(names)

    def _recent_matches(self, topic: Topic) -> int:
        cutoff = utcnow() - _BACKLOG
        found = matching_articles(self.store, topic, 50)
        return sum(1 for row, _ in found if row.fetched_at > cutoff)

    def unfollow(self, call: Invocation) -> Reply:
        try:
            topic = self._topic(call.args)
        except TopicError:
            return Reply(text="Name the topic to stop, e.g. /unfollow KNDS. /following lists them.")
        chat_id = call.stored.id
        followed = self._followed(chat_id, topic)
        if followed is not None and self.store.remove_subscription(chat_id, followed.topic_key):
            return Reply(text=f"Stopped following {followed.topic}.")
        return Reply(text=f"You don't follow {topic.display}. /following lists your topics.")

    def _followed(self, chat_id: int, topic: Topic) -> Subscription | None:
        """The chat's subscription a typed topic names: the same topic, else one that differs
        only in case — "/unfollow knds" stops KNDS, as "/latest knds" finds KNDS articles."""
        subs = self.store.subscriptions(chat_id)
        exact = [sub for sub in subs if sub.topic_key == topic.key]
        folded = [sub for sub in subs if sub.topic_key.casefold() == topic.key.casefold()]
        return next(iter(exact or folded), None)

    def following(self, call: Invocation) -> Reply:
        subs = self.store.subscriptions(call.stored.id)
        when = next_slot(utcnow(), call.stored.timezone, call.stored.briefing_time)
        schedule = (
            f"Briefing daily at {call.stored.briefing_time} ({call.stored.timezone}); "
            f"next {when:%a %d %b}. Alerts {'on' if call.stored.alerts else 'off'}."
        )
        if not subs:
            return Reply(text=f"You follow nothing yet. Try /follow KNDS.\n{schedule}")
        topics = "\n".join(f"• {sub.topic}" for sub in subs)
        return Reply(text=f"You follow:\n{topics}\n{schedule}")

    def latest(self, call: Invocation) -> Reply:
        return self._newest(call, evidence=False)

    def why(self, call: Invocation) -> Reply:
        """ "/why KNDS": the newest article's card with the sentences its meetings were read
        from, so a reader can check who met whom against the text."""
        return self._newest(call, evidence=True)

    def _newest(self, call: Invocation, *, evidence: bool) -> Reply:
        """The newest article on the topic named, or on any the chat follows, as a card."""
        verb = "why" if evidence else "latest"
        if call.args:
            try:
                topics = [self._topic(call.args)]
            except TopicError as exc:
                return Reply(text=str(exc))
        else:
            topics = self.chat_topics(call.stored.id)
            if not topics:
                return Reply(text=f"Name a topic, e.g. /{verb} KNDS, or /follow one first.")
        found = [hit for topic in topics for hit in matching_articles(self.store, topic)]
        if not found:
            names = ", ".join(t.display for t in topics)
            return Reply(text=f"Nothing on {names} yet. I'll have it when a source reports it.")
        row, result = max(found, key=lambda hit: (hit[0].sort_at, hit[0].id))
        card = article_card(row, [result], evidence=evidence)
        where = ", and where it says so" if evidence else ""
        heading = f"Latest on {result.topic.display}{where}:"
        return Reply(text=heading, sections=[Section(None, [card])])

    def chat_topics(self, chat_id: int) -> list[Topic]:
        """The chat's followed topics, parsed."""
        found = (self.stored_topic(sub.topic) for sub in self.store.subscriptions(chat_id))
        return [topic for topic in found if topic is not None]

    def stored_topic(self, text: str) -> Topic | None:
        """A followed topic as stored; None (logged) when an edit of the rules broke it."""
        try:
            return self._topic(text)
        except TopicError:
            log.warning("stored topic %r no longer parses; skipped", text)
            return None

    def briefing(self, call: Invocation) -> Reply:
        topics = self.chat_topics(call.stored.id)
        if not topics:
            return Reply(text="Follow a topic first, e.g. /follow KNDS.")
        return take_briefing(self.store, call.stored, topics, now=utcnow(), notice_when_empty=True)

    def time(self, call: Invocation) -> Reply:
        clock = parse_clock(call.args)
        if clock is None:
            return Reply(text="Give a time on the 24-hour clock, e.g. /time 07:30.")
        self.store.update_chat(call.stored.id, briefing_time=clock)
        return Reply(text=f"Your daily briefing now comes at {clock} ({call.stored.timezone}).")

    def timezone(self, call: Invocation) -> Reply:
        name = call.args.strip()
        if not known_time_zone(name):
            return Reply(text="Unknown time zone. Use Area/City, e.g. /timezone Europe/Kyiv.")
        self.store.update_chat(call.stored.id, timezone=name)
        local = utcnow().astimezone(ZoneInfo(name))
        return Reply(text=f"Time zone set to {name} (it is {local:%H:%M} there). "
                          f"Briefing at {call.stored.briefing_time}.")

    def alerts(self, call: Invocation) -> Reply:
        choice = call.args.lower()
        if choice not in ("on", "off"):
            return Reply(text="Use /alerts on or /alerts off.")
        self.store.update_chat(call.stored.id, alerts=choice == "on")
        if choice == "on":
            return Reply(text="Alerts on: matching articles come as soon as they arrive.")
        return Reply(text="Alerts off: matching articles wait for your daily briefing.")

    def emptydays(self, call: Invocation) -> Reply:
        choice = call.args.lower()
        if choice not in ("notice", "skip"):
            return Reply(text="Use /emptydays notice or /emptydays skip.")
        self.store.update_chat(call.stored.id, empty_briefing=choice)
        if choice == "notice":
            return Reply(text="On a day with nothing new I will say so.")
        return Reply(text="On a day with nothing new I will stay quiet.")

    def sources(self, call: Invocation) -> Reply:
        rows = self.store.sources()
        if not rows:
            return Reply(text="No sources yet. An admin can add one with /addsource URL.")
        return Reply(text="Sources:\n" + "\n".join(_source_line(row) for row in rows))

    def addsource(self, call: Invocation) -> Reply:
        if not self._is_admin(call):
            return Reply(text="Only the bot's admins can add sources.")
        url = _clean_url(call.args)
        if not url:
            return Reply(text="Give the site or feed address, e.g. /addsource https://www.ukrinform.net")
        try:
            return Reply(text=self._add_source(url, f"{call.chat.platform}:{call.user_id}"))
        except AddSourceError as exc:
            return Reply(text=str(exc))

    def removesource(self, call: Invocation) -> Reply:
        if not self._is_admin(call):
            return Reply(text="Only the bot's admins can remove sources.")
        url = _clean_url(call.args)
        if url and self.store.remove_source(url):
            return Reply(text=f"Removed {url}.")
        return Reply(text="No such source. /sources lists them with their addresses.")

    def _is_admin(self, call: Invocation) -> bool:
        # The console is the operator's own terminal.
        return call.chat.platform == "console" or self.settings.is_admin(
            call.chat.platform, call.user_id
        )


def _well_formed(text: str) -> str:
    """The text with surrogate pairs joined and lone surrogates as U+FFFD: JSON from a chat
    platform may carry "\\ud800" escapes, which no database can store."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _clean_url(text: str) -> str | None:
    url = text.strip().strip("<>")
    if not url or len(url) > 2000 or any(unicodedata.category(c)[0] in "CZ" for c in url):
        return None
    return url if re.match(r"^https?://", url) else None


def _source_line(row: Source) -> str:
    title = f"{row.title} — " if row.title else ""
    return f"• {title}{row.url} ({source_state(row)})"


def source_state(row: Source) -> str:
    """How a source is doing, in the words `/sources` and `briefbot sources list` both use."""
    if row.paused:
        return "paused after repeated errors"
    if row.last_error:
        return f"last poll failed: {row.last_error}"
    return "never polled" if row.last_polled_at is None else "ok"


"""Telegram front end on python-telegram-bot: commands in, HTML messages out.

A thin translator: updates become command text for the core, Replies become HTML messages
(`telegram_render`), and Bot API failures become the errors of `bot.delivery.errors`.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
import warnings
from datetime import timedelta
from typing import Any
from urllib.parse import quote, urlsplit

from telegram import BotCommand, LinkPreviewOptions, ReplyParameters, Update
from telegram import error as tg
from telegram.ext import (
    Application,
    ChatMemberHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBDeprecationWarning

from bot.adapters.base import ChatEvents, CommandHandler, StartupError
from bot.adapters.telegram_http import AiohttpRequest
from bot.adapters.telegram_render import html_to_plain, render, split_html, utf16_len
from bot.adapters.telegram_updates import ChatOrder, chat_ref, command_text, membership_change
from bot.config import Settings
from bot.core.reply import Reply
from bot.delivery.answers import Answers
from bot.delivery.errors import (
    ChatMoved,
    ChatUnavailable,
    DeliveryError,
    PermanentError,
    RetryAfter,
    TransientError,
)
from bot.delivery.ratelimit import Pacer

logger = logging.getLogger(__name__)

# The menu Telegram shows next to the message box; the verbs are the core's.
COMMANDS = (
    ("start", "What I do, with examples"),
    ("help", "Every command, with examples"),
    ("follow", "Follow a topic: /follow KNDS"),
    ("unfollow", "Stop following a topic"),
    ("following", "Your topics and briefing time"),
    ("latest", "The newest article on a topic"),
    ("why", "That article with the sentences read"),
    ("briefing", "Your briefing now"),
    ("time", "Daily briefing time: /time 07:30"),
    ("timezone", "Your time zone: /timezone Europe/Berlin"),
    ("alerts", "Articles as they arrive: /alerts on|off"),
    ("emptydays", "On a quiet day: /emptydays notice|skip"),
    ("sources", "The sources I read"),
    ("addsource", "Add a source (admins)"),
    ("removesource", "Remove a source (admins)"),
)
_UPDATES = ["message", "channel_post", "my_chat_member"]
# Refusals that mean the bot cannot post in the chat at all (not just this message).
_CHAT_GONE = (
    "chat not found",
    "group chat was deactivated",
    "have no rights to send",
    "not enough rights to send",
    "need administrator rights",
)
_LONG_POLL_S = 30


class TelegramAdapter:
    """The Telegram adapter: receives commands (long polling or webhook) and sends parts."""

    platform = "telegram"
    # Telegram's broadcast limit: about 30 messages a second across all chats.
    messages_per_second = 30.0

    def __init__(
        self,
        settings: Settings,
        handle_command: CommandHandler,
        *,
        events: ChatEvents | None = None,
        receive_updates: bool = True,
        timeout_s: float = 10.0,
    ) -> None:
        if not settings.telegram_token:
            raise ValueError("Telegram needs a bot token (BRIEFBOT_TELEGRAM_TOKEN)")
        self._settings = settings
        self._token = settings.telegram_token
        self._handle = handle_command
        self._events = events
        self._receive = receive_updates
        self._timeout_s = timeout_s
        self._redactor = TokenRedactor(self._token)
        # Its own pacer until a sender hands it the one the outbox uses (answer_through).
        self._answers = Answers(Pacer(self.messages_per_second), self.chat_interval,
                                rate_limit=settings.rate_limit)
        self._app: Application | None = None
        self._requests: tuple[AiohttpRequest, ...] = ()
        self.username: str | None = None

    # -- the Adapter protocol ------------------------------------------------------------------

    def chat_interval(self, chat_key: str) -> float:
        """Telegram's pace for one chat: a message a second, 20 a minute in groups."""
        return 3.0 if chat_key.startswith("-") else 1.0

    def render(self, reply: Reply) -> list[dict[str, Any]]:
        """The reply as HTML messages within Telegram's 4096-character limit."""
        return render(reply)

    async def send_part(self, chat_key: str, part: dict[str, Any]) -> str | None:
        """Send one rendered message; return its message id."""
        try:
            return str(await self._send(_chat_id(chat_key), part))
        except tg.TelegramError as exc:
            raise delivery_error(exc) from exc

    def answer_through(self, answers: Answers) -> None:
        """Answer commands through the sender's lane (its pacer is the outbox's)."""
        self._answers = answers

    # -- life cycle ----------------------------------------------------------------------------

    async def start(self) -> None:
        """Check the token (getMe); with updates on, publish the command menu and listen."""
        self._redactor.install()
        self._app = self._build()
        try:
            await self._app.initialize()
            self.username = self._app.bot.username
            if self._receive:
                await self._app.bot.set_my_commands([BotCommand(*c) for c in COMMANDS])
                await self._listen(self._app)
                await self._app.start()
        except tg.InvalidToken:
            await self.stop()
            raise StartupError(
                "Telegram rejected the bot token (BRIEFBOT_TELEGRAM_TOKEN)"
            ) from None
        except tg.TelegramError as exc:
            await self.stop()
            url = self._settings.telegram_api_url
            raise StartupError(f"Telegram Bot API at {url} failed: {exc}") from None
        mode = "off" if not self._receive else "webhook" if self._webhook else "long polling"
        logger.info("Telegram: running as @%s (updates: %s)", self.username, mode)

    async def stop(self) -> None:
        """Stop receiving, let handlers in progress finish, close connections."""
        app, self._app = self._app, None
        if app is not None:
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            await app.shutdown()
        # PTB skips its shutdown when start-up failed half-way; close the sessions regardless.
        for request in self._requests:
            await request.shutdown()
        self._redactor.uninstall()

    @property
    def _webhook(self) -> str | None:
        return self._settings.telegram_webhook_url

    def _build(self) -> Application:
        self._requests = (
            AiohttpRequest(timeout_s=self._timeout_s),
            AiohttpRequest(connections=1, timeout_s=self._timeout_s),
        )
        base_url = self._settings.telegram_api_url.rstrip("/")
        base_url = base_url if base_url.endswith("/bot") else f"{base_url}/bot"
        builder = (
            Application.builder()
            .token(self._token)
            .base_url(base_url)
            .base_file_url(base_url.removesuffix("bot") + "file/bot")
            .request(self._requests[0])
            .get_updates_request(self._requests[1])
            .concurrent_updates(ChatOrder(64))
            .job_queue(None)
        )
        if not self._receive:
            builder = builder.updater(None)
        app = builder.build()
        commands = filters.COMMAND & (filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST)
        app.add_handler(MessageHandler(commands, self._on_command))
        app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, self._on_migrate))
        app.add_handler(ChatMemberHandler(self._on_membership, ChatMemberHandler.MY_CHAT_MEMBER))
        app.add_error_handler(_on_error)
        return app

    async def _listen(self, app: Application) -> None:
        assert app.updater is not None
        if not self._webhook:
            await app.updater.start_polling(timeout=_LONG_POLL_S, allowed_updates=_UPDATES)
            return
        # Telegram sends the secret in a header with every update; PTB refuses requests
        # without it, so a webhook is never open to anyone who guesses its URL.
        secret = self._settings.telegram_webhook_secret or secrets.token_urlsafe(32)
        await app.updater.start_webhook(
            listen="0.0.0.0",
            port=self._settings.telegram_webhook_port,
            url_path=urlsplit(self._webhook).path.lstrip("/"),
            webhook_url=self._webhook,
            secret_token=secret,
            allowed_updates=_UPDATES,
        )

    # -- incoming ------------------------------------------------------------------------------

    async def _on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, chat = update.effective_message, update.effective_chat
        if message is None or chat is None or not message.text:
            return
        text = command_text(message.text, self.username or "")
        if text is None:
            return
        user = update.effective_user
        reply = await self._handle(chat_ref(chat), text, str(user.id) if user else None)
        await self._answer(str(message.chat_id), reply, reply_to=message.message_id)

    async def _on_membership(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        change = membership_change(update)
        if change is None or self._events is None:
            return
        if not change.joined:
            await self._events.chat_left(change.chat, change.reason)
            return
        greeting = await self._events.chat_joined(change.chat)
        if greeting is not None:
            await self._answer(change.chat.key, greeting)

    async def _on_migrate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A group became a supergroup: its follows move to the new id before anyone uses it."""
        message = update.effective_message
        if message is None or not message.migrate_to_chat_id or self._events is None:
            return
        await self._events.chat_moved(chat_ref(message.chat), str(message.migrate_to_chat_id))

    async def _answer(self, chat_key: str, reply: Reply, reply_to: int | None = None) -> None:
        """Answer in the chat now, ahead of the outbox, the first part as a reply to
        `reply_to` when given; a part given up is logged, the rest not sent."""
        try:
            await self._answers.send(_Answer(self, chat_key, reply_to), self.render(reply))
        except DeliveryError as exc:
            logger.warning("Telegram: cannot answer in chat %s (%s)", chat_key, exc)

    # -- outgoing ------------------------------------------------------------------------------

    async def _send(
        self, chat_id: int | str, part: dict[str, Any], reply_to: int | None = None
    ) -> int:
        """Send one part; HTML that Telegram refuses goes out as plain text, and a part that
        Telegram finds too long goes out in smaller pieces. Returns the first message id."""
        if self._app is None:
            raise RuntimeError("TelegramAdapter.start() has not run")
        fields = {
            "chat_id": chat_id,
            "text": part["text"],
            "parse_mode": part.get("parse_mode"),
            "link_preview_options": _preview(part),
            "reply_parameters": (
                ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
            ),
        }
        try:
            # Only the message id is needed, and building PTB's Message from the answer costs
            # more CPU than the rest of a send (~0.4 ms); so take the raw answer. The Bot API's
            # method names are case-insensitive, and the lower-case name tells PTB this is not
            # a typed call it should steer us to.
            message = await self._app.bot.do_api_request("sendmessage", api_kwargs=fields)
        except tg.EndPointNotFound as exc:
            # do_api_request renames a rejected token (401) once the bot is up; keep Telegram's.
            if isinstance(exc.__cause__, tg.InvalidToken):
                raise exc.__cause__ from None
            raise
        except tg.BadRequest as exc:
            reason = exc.message.lower()
            if "can't parse entities" in reason and part.get("parse_mode"):
                logger.warning("chat %s refused our HTML (%s); sent as plain text", chat_id, exc)
                plain = {k: v for k, v in part.items() if k != "parse_mode"}
                return await self._send(
                    chat_id, {**plain, "text": html_to_plain(part["text"])}, reply_to
                )
            if "message is too long" in reason:
                return await self._send_pieces(chat_id, part, reply_to, exc)
            raise
        return int(message["message_id"])

    async def _send_pieces(
        self, chat_id: int | str, part: dict[str, Any], reply_to: int | None, exc: tg.BadRequest
    ) -> int:
        limit = max(1, (utf16_len(part["text"]) + 1) // 2)
        pieces = split_html(part["text"], limit, markup=bool(part.get("parse_mode")))
        if len(pieces) < 2:
            raise exc
        sent: list[int] = []
        for piece in pieces:
            while True:
                try:
                    sent.append(
                        await self._send(
                            chat_id, {**part, "text": piece}, None if sent else reply_to
                        )
                    )
                    break
                except tg.RetryAfter as flood:
                    if not sent:
                        raise
                    # Some pieces are out: raising would make delivery resend them all.
                    await asyncio.sleep(_retry_seconds(flood))
        return sent[0]


class _Answer:
    """One answer's address: the chat, and the message its first part replies to."""

    def __init__(self, adapter: TelegramAdapter, chat_key: str, reply_to: int | None) -> None:
        self.chat_key = chat_key
        self._adapter = adapter
        self._reply_to = reply_to

    def paced(self, index: int) -> bool:
        return True

    async def send(self, index: int, part: dict[str, Any]) -> None:
        try:
            await self._adapter._send(_chat_id(self.chat_key), part,
                                      self._reply_to if index == 0 else None)
        except tg.TelegramError as exc:
            raise delivery_error(exc) from exc


def delivery_error(exc: tg.TelegramError) -> DeliveryError:
    """The delivery error for a Bot API failure: wait, retry, move, stop, or give up."""
    if isinstance(exc, tg.RetryAfter):
        return RetryAfter(_retry_seconds(exc), "Telegram flood control")
    if isinstance(exc, tg.ChatMigrated):
        return ChatMoved(str(exc.new_chat_id))
    if isinstance(exc, tg.Forbidden):
        return ChatUnavailable(exc.message)
    if isinstance(exc, tg.BadRequest):  # before NetworkError, its base class
        gone = any(reason in exc.message.lower() for reason in _CHAT_GONE)
        return ChatUnavailable(exc.message) if gone else PermanentError(exc.message)
    if isinstance(exc, tg.NetworkError | tg.InvalidToken):
        # A revoked token is fixed by an operator; the messages wait for that, not vanish.
        return TransientError(exc.message)
    return PermanentError(exc.message)


class TokenRedactor(logging.Filter):
    """Blanks the bot token out of log records: httpx and PTB log URLs that contain it."""

    _LOGGERS = ("telegram", "httpx", "httpcore")

    def __init__(self, token: str) -> None:
        super().__init__()
        forms = {token, quote(token, safe="")}
        self._pattern = re.compile("|".join(re.escape(form) for form in forms))
        self._loggers: list[logging.Logger] = []

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True  # a malformed call: logging reports it, the filter must not raise
        if self._pattern.search(message):
            record.msg, record.args = self._pattern.sub("<redacted>", message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._pattern.sub("<redacted>", record.exc_text)
        return True

    def install(self) -> None:
        """Filter every logger of PTB, httpx and httpcore (filters do not reach children)."""
        names = [n for n in logging.root.manager.loggerDict if n.split(".")[0] in self._LOGGERS]
        for name in {*self._LOGGERS, *names}:
            logger_ = logging.getLogger(name)
            if self not in logger_.filters:
                logger_.addFilter(self)
                self._loggers.append(logger_)

    def uninstall(self) -> None:
        for logger_ in self._loggers:
            logger_.removeFilter(self)
        self._loggers.clear()


async def _on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    logger.error("handling a Telegram update failed", exc_info=context.error)


def _chat_id(chat_key: str) -> int | str:
    return int(chat_key) if chat_key.lstrip("-").isdigit() else chat_key


def _preview(part: dict[str, Any]) -> LinkPreviewOptions | None:
    options = part.get("link_preview_options")
    return LinkPreviewOptions(**options) if options else None


def _retry_seconds(exc: tg.RetryAfter) -> float:
    with warnings.catch_warnings():
        # PTB warns that `retry_after` becomes a timedelta; accept either form.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)

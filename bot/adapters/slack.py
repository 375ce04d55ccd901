"""Slack front end on slack-bolt: slash commands, mentions and direct messages in, Block Kit out.

A thin translator: requests become command text for the core, Replies become Block Kit
messages, and Web API failures become the errors of `bot.delivery.errors`.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import OrderedDict
from collections.abc import Coroutine
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.app.async_server import AsyncSlackAppServer
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.adapters.base import CommandHandler, StartupError
from bot.adapters.slack_render import render_reply
from bot.adapters.slack_requests import chat_ref, command_text, mention_text
from bot.config import Settings
from bot.core.chat import ChatRef
from bot.core.reply import Reply
from bot.delivery.answers import Answers
from bot.delivery.errors import (
    ChatUnavailable,
    DeliveryError,
    PermanentError,
    RetryAfter,
    TransientError,
)
from bot.delivery.ratelimit import Pacer

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
_UNAVAILABLE = {"not_in_channel", "channel_not_found", "is_archived", "account_inactive"}
# Slack's own "try again later" answers, which come with HTTP 200 and ok:false.
_TRANSIENT = {"internal_error", "fatal_error", "service_unavailable", "request_timeout"}
_TIMEOUT = 10.0
_STOP_GRACE = 5.0
# Slack accepts five answers per response_url; later parts go out as ordinary messages.
_RESPONSE_URL_USES = 5
# Event ids remembered against redeliveries; Slack retries within minutes, not thousands later.
_SEEN_EVENTS = 2000
_SORRY = "Sorry, that did not work. Please try again in a minute."


class SlackAdapter:
    """The Slack adapter: serves requests (HTTP or Socket Mode) and sends rendered parts."""

    platform = "slack"
    # chat.postMessage allows about one message per second per channel plus an unpublished
    # workspace-wide limit; ten a second across channels stays well inside it.
    messages_per_second = 10.0

    def __init__(
        self, settings: Settings, handle_command: CommandHandler, *, receive_requests: bool = True
    ) -> None:
        if not settings.slack_enabled:
            raise ValueError("Slack needs a bot token and a signing secret")
        self._settings = settings
        self._handle = handle_command
        self._receive = receive_requests
        self._session: aiohttp.ClientSession | None = None
        self._web: AsyncWebClient | None = None
        self._auth: AuthorizeResult | None = None
        self._runner: web.AppRunner | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self._answering: set[asyncio.Task[None]] = set()
        self._seen_events: OrderedDict[str, None] = OrderedDict()
        # Its own pacer until a sender hands it the one the outbox uses (answer_through).
        self._answers = Answers(Pacer(self.messages_per_second), self.chat_interval,
                                rate_limit=settings.rate_limit)

    # -- the Adapter protocol ------------------------------------------------------------------

    def chat_interval(self, chat_key: str) -> float:
        """Slack's pace for one channel: a message a second."""
        return 1.0

    def render(self, reply: Reply) -> list[dict[str, Any]]:
        """The reply as Block Kit messages within Slack's limits."""
        return render_reply(reply)

    async def send_part(
        self, chat_key: str, part: dict[str, Any], thread_ts: str | None = None
    ) -> str | None:
        """Post one rendered message to a channel (in a thread, given its `thread_ts`);
        return its `ts`."""
        if self._web is None:
            raise RuntimeError("SlackAdapter.start() has not run")
        try:
            response = await self._web.chat_postMessage(channel=chat_key, thread_ts=thread_ts,
                                                        **part)
        except SlackApiError as exc:
            raise delivery_error(exc.response) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise TransientError(f"Slack Web API unreachable: {exc!r}") from exc
        return response.get("ts")

    def answer_through(self, answers: Answers) -> None:
        """Answer commands through the sender's lane (its pacer is the outbox's)."""
        self._answers = answers

    # -- life cycle ----------------------------------------------------------------------------

    @property
    def port(self) -> int | None:
        """The port the HTTP endpoint listens on (useful when configured as 0)."""
        return self._runner.addresses[0][1] if self._runner and self._runner.addresses else None

    async def start(self) -> None:
        """Check the bot token with auth.test, then serve requests over HTTP or Socket Mode."""
        # slack_sdk applies its own timeout only to sessions it creates; this one needs its own.
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=_TIMEOUT))
        try:
            self._web = AsyncWebClient(
                token=self._settings.slack_bot_token,
                base_url=self._settings.slack_api_url,
                session=self._session,
                # Delivery owns waiting and retrying; the client must not sleep on a 429 itself.
                retry_handlers=[],
            )
            self._auth = await self._check_auth(self._web)
            if not self._receive:
                return
            app = self._build_app()
            if self._settings.slack_app_token:
                await self._serve_socket_mode(app, self._settings.slack_app_token)
            else:
                await self._serve_http(app)
        except BaseException:
            await self.stop()
            raise
        logger.info("Slack: serving as @%s in %s", self._auth["user"], self._auth["team"])

    async def stop(self) -> None:
        """Stop taking requests, let answers in progress finish briefly, close connections."""
        if self._socket is not None:
            await self._socket.close_async()
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._answering:
            _, pending = await asyncio.wait(self._answering, timeout=_STOP_GRACE)
            for task in pending:
                task.cancel()
        if self._session is not None:
            await self._session.close()
            self._session = None
            self._web = None

    async def _check_auth(self, web_client: AsyncWebClient) -> AuthorizeResult:
        try:
            response = await web_client.auth_test()
        except SlackApiError as exc:
            raise StartupError(
                f"Slack rejected BRIEFBOT_SLACK_BOT_TOKEN ({_error_code(exc.response)})"
            ) from None
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise StartupError(
                f"cannot reach the Slack Web API at {self._settings.slack_api_url} ({exc!r})"
            ) from None
        return AuthorizeResult.from_auth_test_response(
            auth_test_response=response, bot_token=self._settings.slack_bot_token
        )

    def _build_app(self) -> AsyncApp:
        client = AsyncWebClient(base_url=self._settings.slack_api_url, session=self._session)
        checked = self._auth

        async def authorize() -> AuthorizeResult | None:
            # Bolt passes arguments by name, so this is a plain function, not a method.
            return checked

        app = AsyncApp(
            signing_secret=self._settings.slack_signing_secret,
            client=client,
            # The token was checked at start; no auth.test call stands in front of any ack.
            authorize=authorize,
        )
        app.command(re.compile(r"^/"))(self._on_command)
        app.event("app_mention")(self._on_mention)
        # Every message event is acked (an unhandled one would answer 404 and make Slack retry).
        app.event("message")(self._on_direct_message)
        app.action("open_article")(_ack_only)
        return app

    async def _serve_http(self, app: AsyncApp) -> None:
        server = AsyncSlackAppServer(port=self._settings.slack_port, path=EVENTS_PATH, app=app)
        server.web_app.middlewares.append(_log_refusals)
        self._runner = web.AppRunner(server.web_app, access_log=None)
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, server.host, self._settings.slack_port).start()
        except OSError as exc:
            raise StartupError(
                f"cannot listen on BRIEFBOT_SLACK_PORT {self._settings.slack_port}: {exc.strerror}"
            ) from None

    async def _serve_socket_mode(self, app: AsyncApp, app_token: str) -> None:
        self._socket = AsyncSocketModeHandler(app, app_token)
        try:
            # Ask for the WebSocket URL here: a rejected app token must stop the start,
            # where connect_async() would log and retry for ever.
            self._socket.client.wss_uri = await self._socket.client.issue_new_wss_url()
        except SlackApiError as exc:
            raise StartupError(
                f"Slack rejected BRIEFBOT_SLACK_APP_TOKEN ({_error_code(exc.response)})"
            ) from None
        await self._socket.connect_async()

    # -- requests ------------------------------------------------------------------------------

    async def _on_command(self, ack: AsyncAck, command: dict[str, Any]) -> None:
        await ack()
        chat = chat_ref(command["channel_id"], command.get("channel_name"))
        text = command_text(command["command"], command.get("text", ""))
        self._spawn(self._answer(chat, text, command.get("user_id"),
                                 response_url=command.get("response_url")))

    async def _on_mention(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        self._answer_event(body, event)

    async def _on_direct_message(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        # Only direct messages are commands; the manifest subscribes to no channel messages,
        # and this check keeps it so if someone adds them.
        if event.get("channel_type") == "im" and not event.get("subtype") and not event.get(
            "bot_id"
        ):
            self._answer_event(body, event)

    def _answer_event(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        if not self._first_delivery(body.get("event_id")):
            logger.info("Slack: event %s delivered again; answered already", body["event_id"])
            return
        chat = chat_ref(event["channel"], None)
        text = mention_text(event.get("text", ""), self._bot_user_id)
        # A message inside a thread is answered in that thread.
        self._spawn(self._answer(chat, text, event.get("user"), thread_ts=event.get("thread_ts")))

    def _first_delivery(self, event_id: str | None) -> bool:
        """False for an event seen before: Slack redelivers one whose ack it did not get in
        time (X-Slack-Retry-Num), and answering twice would repeat a /follow's reply."""
        if event_id is None:
            return True
        if event_id in self._seen_events:
            return False
        self._seen_events[event_id] = None
        if len(self._seen_events) > _SEEN_EVENTS:
            self._seen_events.popitem(last=False)
        return True

    @property
    def _bot_user_id(self) -> str | None:
        return self._auth.bot_user_id if self._auth else None

    def _spawn(self, answer: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(answer)
        self._answering.add(task)
        task.add_done_callback(self._answering.discard)

    async def _answer(self, chat: ChatRef, text: str, user_id: str | None, *,
                      response_url: str | None = None, thread_ts: str | None = None) -> None:
        try:
            reply = await self._handle(chat, text, user_id)
        except Exception:
            logger.exception("Slack: %s in %s failed", text.split(maxsplit=1)[0], chat.key)
            reply = Reply(text=_SORRY)
        target = _Answer(self, chat.key, response_url, thread_ts)
        try:
            await self._answers.send(target, render_reply(reply))
        except DeliveryError as exc:
            logger.warning("Slack: cannot answer in %s (%s)", chat.key, exc)

    async def _respond(self, response_url: str, part: dict[str, Any]) -> bool:
        """Answer through the command's response_url; False when it cannot be used (expired,
        used up, unreachable), so the answer goes on as messages."""
        webhook = AsyncWebhookClient(response_url, session=self._session, retry_handlers=[])
        try:
            response = await webhook.send_dict({**part, "response_type": "in_channel"})
        except (aiohttp.ClientError, TimeoutError) as exc:
            logger.warning("Slack: response_url unreachable (%r)", exc)
            return False
        if response.status_code == 429:
            raise RetryAfter(_seconds(response.headers.get("Retry-After")), "Slack rate limit")
        if response.status_code != 200:
            # The URL itself carries a secret; log only Slack's answer.
            logger.warning("Slack: response_url answered %s %s", response.status_code,
                           response.body[:100])
            return False
        return True


class _Answer:
    """One answer's address: the command's response_url for its first parts while it works,
    then messages in the channel (in the thread it was asked in)."""

    def __init__(self, adapter: SlackAdapter, chat_key: str, response_url: str | None,
                 thread_ts: str | None) -> None:
        self.chat_key = chat_key
        self._adapter = adapter
        self._response_url = response_url
        self._thread_ts = thread_ts

    def _responds(self, index: int) -> bool:
        return self._response_url is not None and index < _RESPONSE_URL_USES

    def paced(self, index: int) -> bool:
        """A response_url answer is no channel message: only messages keep the channel's pace."""
        return not self._responds(index)

    async def send(self, index: int, part: dict[str, Any]) -> None:
        if self._responds(index):
            assert self._response_url is not None
            if await self._adapter._respond(self._response_url, part):
                return
            # Once the response_url fails, the rest goes as messages so the order holds.
            self._response_url = None
        await self._adapter.send_part(self.chat_key, part, self._thread_ts)


@web.middleware
async def _log_refusals(request: web.Request, handler: Any) -> web.StreamResponse:
    response = await handler(request)
    if response.status == 401:
        # Bolt refuses silently; without this line a wrong secret looks like a dead bot.
        logger.warning("Slack: refused a request with a bad signature or an old timestamp "
                       "(check BRIEFBOT_SLACK_SIGNING_SECRET and the clock)")
    return response


async def _ack_only(ack: AsyncAck) -> None:
    # Link buttons open in the browser; Slack still posts the click and wants an ack.
    await ack()


def delivery_error(response: AsyncSlackResponse) -> DeliveryError:
    """The delivery error for a failed Web API call, as Slack answered it."""
    status = response.status_code
    if status == 429:
        return RetryAfter(_seconds(response.headers.get("Retry-After")), "Slack rate limit")
    if status >= 500:
        return TransientError(f"Slack answered HTTP {status}")
    error = _error_code(response)
    if error in _UNAVAILABLE:
        return ChatUnavailable(error)
    if error in _TRANSIENT:
        return TransientError(error)
    return PermanentError(error)


def _error_code(response: AsyncSlackResponse) -> str:
    data = response.data if isinstance(response.data, dict) else {}
    return str(data.get("error") or f"HTTP {response.status_code}")


def _seconds(value: str | None) -> float:
    try:
        return max(float(value or 1), 0.0)
    except ValueError:
        return 1.0

"""A local stand-in for the Telegram Bot API that answers as the real one does.

Routes are `/bot<token>/<method>` (method names case-insensitive); bodies may be form-encoded or
multipart with JSON-encoded values (as PTB sends them) or JSON. Answers are `{"ok":true,...}` with
the Bot API's object shapes; errors carry `error_code` as the HTTP status, with `parameters` for
429 and migrated groups. Knobs change the world (blocked, migrated, vanished chats, flood control)
or inject one-off faults per chat and method; every request is recorded.

Serve it on the test's loop (`async with FakeTelegram() as api:`) or on its own thread
(`with FakeTelegram().in_thread() as api:`) for code that blocks or runs in other processes.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, web

from tests.fake_telegram_faults import (
    BLOCKED,
    CHAT_NOT_FOUND,
    KICKED,
    SERVER_ERROR,
    TERMINATED,
    TOO_LONG,
    WEBHOOK_ACTIVE,
    ApiError,
    Fault,
    bad_request,
    cant_parse,
    migrated,
    retry_after,
    slow,
)
from tests.fake_telegram_html import parse_html, utf16_len

# The faults and the HTML checker are re-exported: tests import everything from here.
__all__ = [
    "BLOCKED",
    "BOT",
    "CHAT_NOT_FOUND",
    "KICKED",
    "SERVER_ERROR",
    "TERMINATED",
    "TOKEN",
    "TOO_LONG",
    "WEBHOOK_ACTIVE",
    "ApiError",
    "Call",
    "FakeTelegram",
    "Fault",
    "Sent",
    "cant_parse",
    "migrated",
    "parse_html",
    "retry_after",
    "slow",
    "utf16_len",
]

TOKEN = "123456789:AAFakeTelegramTokenForTests-0123456789"
BOT = {
    "id": 123456789,
    "is_bot": True,
    "first_name": "Briefbot",
    "username": "briefbot_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
    "can_connect_to_business": False,
    "has_main_web_app": False,
}
MAX_TEXT = 4096


@dataclass
class Call:
    """One request as the server saw it, and the HTTP status it answered."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200


@dataclass
class Sent:
    """A message the bot sent: `text` as the user sees it, `source` as the bot sent it."""

    chat_id: int
    message_id: int
    text: str
    source: str
    params: dict[str, Any]
    entities: list[dict[str, Any]]
    at: float


@dataclass
class _Rule:
    fault: Fault
    method: str
    chat_id: int | None
    times: int | None
    after: int


@dataclass
class _World:
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    gone: dict[int, Fault] = field(default_factory=dict)  # blocked, kicked, deleted chats
    moved: dict[int, int] = field(default_factory=dict)  # old group id -> supergroup id
    flood_until: dict[int | None, float] = field(default_factory=dict)  # None: every chat
    rules: list[_Rule] = field(default_factory=list)


class FakeTelegram:
    """The fake Bot API server; `base_url` is what BRIEFBOT_TELEGRAM_API_URL points at."""

    def __init__(
        self, token: str = TOKEN, *, known_chats_only: bool = False, enforce_limits: bool = False
    ) -> None:
        self.token = token
        self.known_chats_only = known_chats_only  # unknown chat ids answer "chat not found"
        # 429 beyond 30 msg/s overall, 1/s per private chat, 20/min per group.
        self.enforce_limits = enforce_limits
        self.calls: list[Call] = []
        self.sent: list[Sent] = []
        self.commands: dict[str, list[dict[str, str]]] = {}
        self.webhook: dict[str, Any] = {"url": ""}
        self.world = _World()
        self._updates: deque[dict[str, Any]] = deque()
        self._update_ids = itertools.count(700_000_001)
        self._last_id: dict[int, int] = defaultdict(int)  # message ids count up per chat
        self._allowed_updates: list[str] = []
        self._polls = 0
        self._recent: deque[float] = deque()
        self._recent_by_chat: dict[int, deque[float]] = defaultdict(deque)
        self._lock = threading.RLock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- serving -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @contextmanager
    def in_thread(self) -> Iterator[FakeTelegram]:
        """Serve on a private event loop in a daemon thread for the duration of the block."""
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="fake-telegram", daemon=True)
        thread.start()
        asyncio.run_coroutine_threadsafe(self.start(), loop).result(10)
        try:
            yield self
        finally:
            asyncio.run_coroutine_threadsafe(self.stop(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
            loop.close()

    # -- knobs ---------------------------------------------------------------------------

    def add_chat(self, chat_id: int, kind: str | None = None, title: str | None = None) -> dict:
        """Make a chat exist; the kind follows the id (private > 0, supergroup -100..., group)."""
        with self._lock:
            if chat_id not in self.world.chats or kind or title:
                self.world.chats[chat_id] = _chat(chat_id, kind, title)
            return self.world.chats[chat_id]

    def block(self, chat_id: int) -> None:
        """The user blocked the bot, or the bot was removed from the group."""
        kind = self.add_chat(chat_id)["type"]
        fault = BLOCKED if kind == "private" else KICKED
        if kind in ("supergroup", "channel"):
            fault = Fault(403, f"Forbidden: bot was kicked from the {kind} chat")
        with self._lock:
            self.world.gone[chat_id] = fault

    def set_membership(self, chat_id: int, status: str, *, user_id: int = 1000) -> dict:
        """The bot's own status in a chat changes (added: "member"; removed: "left" or
        "kicked"; in a private chat "kicked" is the user blocking the bot), with the
        my_chat_member update Telegram sends. Returns the update."""
        chat = self.add_chat(chat_id)
        with self._lock:
            if status in ("left", "kicked"):
                old = "member"
            else:
                old = "kicked" if chat_id in self.world.gone else "left"
            if status in ("left", "kicked"):
                self.world.gone[chat_id] = BLOCKED if chat["type"] == "private" else KICKED
            else:
                self.world.gone.pop(chat_id, None)
            user = {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
            change = {
                "chat": chat,
                "from": user,
                "date": int(time.time()),
                "old_chat_member": _member(old),
                "new_chat_member": _member(status),
            }
            update = {"update_id": next(self._update_ids), "my_chat_member": change}
            self._updates.append(update)
        self._wake()
        return update

    def delete_chat(self, chat_id: int) -> None:
        """The chat no longer exists: "chat not found" from now on."""
        with self._lock:
            self.world.gone[chat_id] = CHAT_NOT_FOUND

    def migrate(self, chat_id: int, new_chat_id: int) -> None:
        """Upgrade a group to a supergroup, with the service messages Telegram posts."""
        title = self.add_chat(chat_id)["title"]
        self.add_chat(new_chat_id, "supergroup", title)
        with self._lock:
            self.world.moved[chat_id] = new_chat_id
        self.push_message(chat_id, None, extra={"migrate_to_chat_id": new_chat_id})
        self.push_message(new_chat_id, None, extra={"migrate_from_chat_id": chat_id})

    def flood(self, seconds: float, chat_id: int | None = None) -> None:
        """Flood control for `seconds`: every sendMessage (to one chat or all) gets 429."""
        with self._lock:
            self.world.flood_until[chat_id] = time.monotonic() + seconds

    def inject(
        self,
        fault: Fault,
        *,
        chat_id: int | None = None,
        method: str = "sendMessage",
        times: int | None = 1,
        after: int = 0,
    ) -> None:
        """Answer `times` matching requests (None: all) with `fault`, after `after` go through."""
        with self._lock:
            self.world.rules.append(_Rule(fault, method.lower(), chat_id, times, after))

    def clear_faults(self) -> None:
        with self._lock:
            self.world.rules.clear()
            self.world.flood_until.clear()

    def push_message(
        self,
        chat_id: int,
        text: str | None,
        *,
        user_id: int | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict:
        """A user writes in a chat; the update waits for getUpdates. Returns the Message."""
        chat = self.add_chat(chat_id)
        with self._lock:
            message: dict[str, Any] = {
                "message_id": self._next_id(chat_id),
                "date": int(time.time()),
                "chat": chat,
                **(extra or {}),
            }
            if chat["type"] == "channel":
                message["sender_chat"] = chat
            else:
                uid = user_id or (chat_id if chat_id > 0 else 1000)
                message["from"] = {
                    "id": uid,
                    "is_bot": False,
                    "first_name": f"User {uid}",
                    "language_code": "en",
                }
            if text is not None:
                message["text"] = text
                command = re.match(r"/[^\s]+", text)
                if command:
                    length = utf16_len(command.group(0))
                    message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
            kind = "channel_post" if chat["type"] == "channel" else "message"
            self._updates.append({"update_id": next(self._update_ids), kind: message})
        self._wake()
        return message

    # -- observations --------------------------------------------------------------------

    def texts(self, chat_id: int) -> list[str]:
        """What the chat shows, in order: the text of each message the bot sent there."""
        with self._lock:
            return [s.text for s in self.sent if s.chat_id == chat_id]

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method.lower() == method.lower()]

    @property
    def pending_updates(self) -> int:
        return len(self._updates)

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait (on the caller's loop) until `condition()` holds; fail after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"condition not met within {timeout}s")
            await asyncio.sleep(0.01)

    async def deliver_webhook(self, update: dict[str, Any], secret: str | None = None) -> int:
        """POST one update to the webhook as Telegram would; returns the HTTP status."""
        headers = {}
        token = self.webhook.get("secret_token") if secret is None else secret
        if token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = token
        async with (
            ClientSession() as session,
            session.post(self.webhook["url"], json=update, headers=headers) as response,
        ):
            return response.status

    def take_update(self) -> dict[str, Any]:
        """Remove the oldest queued update (to hand it to a webhook)."""
        with self._lock:
            return self._updates.popleft()

    # -- the API -------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _read_params(request)
        call = Call(method, params, time.monotonic())
        with self._lock:
            self.calls.append(call)
        if request.match_info["token"] != self.token:
            return self._answer(call, Fault(401, "Unauthorized"))
        handler = getattr(self, f"_api_{method.lower()}", None)
        if handler is None:
            return self._answer(call, Fault(404, "Not Found"))
        try:
            fault = self._injected(method, params)
            if fault is not None and not fault.delivered:
                await asyncio.sleep(fault.delay)
                raise ApiError(fault)
            result = handler(params)
            if asyncio.iscoroutine(result):
                result = await result
            if fault is not None:
                await asyncio.sleep(fault.delay)
        except ApiError as exc:
            return self._answer(call, exc.fault)
        return web.json_response({"ok": True, "result": result})

    def _answer(self, call: Call, fault: Fault) -> web.Response:
        call.status = fault.status
        body: dict[str, Any] = {
            "ok": False,
            "error_code": fault.status,
            "description": fault.description,
        }
        if fault.parameters:
            body["parameters"] = fault.parameters
        return web.json_response(body, status=fault.status)

    def _injected(self, method: str, params: dict[str, Any]) -> Fault | None:
        chat_id = params.get("chat_id")
        with self._lock:
            for rule in self.world.rules:
                if rule.method == method.lower() and rule.chat_id in (None, chat_id):
                    if rule.after:
                        rule.after -= 1
                        continue
                    if rule.times is not None:
                        rule.times -= 1
                        if rule.times <= 0:
                            self.world.rules.remove(rule)
                    return rule.fault
        return None

    def _api_getme(self, params: dict[str, Any]) -> dict[str, Any]:
        return BOT

    def _api_setmycommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request('parameter "commands" is required')
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[json.dumps(params.get("scope") or {"type": "default"})] = commands
        return True

    def _api_deletewebhook(self, params: dict[str, Any]) -> bool:
        with self._lock:
            self.webhook = {"url": ""}
            if params.get("drop_pending_updates"):
                self._updates.clear()
        return True

    def _api_setwebhook(self, params: dict[str, Any]) -> bool:
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise bad_request("secret token contains unallowed characters")
        with self._lock:
            self.webhook = {"url": str(params.get("url") or ""), "secret_token": secret}
        return True

    async def _api_getupdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook["url"]:
            raise ApiError(WEBHOOK_ACTIVE)
        with self._lock:
            self._polls += 1
            poll = self._polls
            if params.get("allowed_updates") is not None:
                self._allowed_updates = list(params["allowed_updates"])
        self._wake()
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while True:
            assert self._changed is not None
            self._changed.clear()
            with self._lock:
                if poll != self._polls:
                    raise ApiError(TERMINATED)
                batch = self._confirm_and_take(
                    int(params.get("offset") or 0), int(params.get("limit") or 100)
                )
            remaining = deadline - time.monotonic()
            if batch or remaining <= 0:
                return batch
            with suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)

    def _confirm_and_take(self, offset: int, limit: int) -> list[dict[str, Any]]:
        if offset < 0:  # the last -offset updates; everything before them is confirmed
            while len(self._updates) > -offset:
                self._updates.popleft()
        else:
            while self._updates and self._updates[0]["update_id"] < offset:
                self._updates.popleft()
        if self._allowed_updates:
            wanted = set(self._allowed_updates)
            self._updates = deque(u for u in self._updates if wanted & (u.keys() - {"update_id"}))
        return list(itertools.islice(self._updates, max(1, min(limit, 100))))

    def _api_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._target(params)
        source = params.get("text")
        if not isinstance(source, str):
            raise bad_request("message text is empty")
        mode = str(params.get("parse_mode") or "").lower()
        text, entities = parse_html(source) if mode == "html" else (source, [])
        if not text.strip():
            raise bad_request("message text is empty")
        if utf16_len(text.strip()) > MAX_TEXT:
            raise ApiError(TOO_LONG)
        reply = params.get("reply_parameters") or {}
        with self._lock:
            if (
                reply
                and not reply.get("allow_sending_without_reply")
                and not (0 < int(reply.get("message_id") or 0) <= self._last_id[chat["id"]])
            ):
                raise bad_request("message to be replied not found")
            message_id = self._next_id(chat["id"])
            now = time.monotonic()
            self.sent.append(Sent(chat["id"], message_id, text, source, params, entities, now))
            self._recent.append(now)
            self._recent_by_chat[chat["id"]].append(now)
        message: dict[str, Any] = {
            "message_id": message_id,
            "from": BOT,
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        if entities:
            message["entities"] = entities
        if (params.get("link_preview_options") or {}).get("is_disabled"):
            message["link_preview_options"] = {"is_disabled": True}
        return message

    def _next_id(self, chat_id: int) -> int:
        self._last_id[chat_id] += 1
        return self._last_id[chat_id]

    def _target(self, params: dict[str, Any]) -> dict[str, Any]:
        """The chat a send goes to, after Telegram's checks on the chat itself."""
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            raise bad_request("chat not found" if chat_id else "chat_id is empty")
        with self._lock:
            now = time.monotonic()
            flood = max(self.world.flood_until.get(chat_id, 0), self.world.flood_until.get(None, 0))
            if flood > now:
                raise ApiError(retry_after(max(1, round(flood - now + 0.49))))
            if chat_id in self.world.moved:
                raise ApiError(migrated(self.world.moved[chat_id]))
            if chat_id in self.world.gone:
                raise ApiError(self.world.gone[chat_id])
            if chat_id not in self.world.chats and self.known_chats_only:
                raise ApiError(CHAT_NOT_FOUND)
            chat = self.world.chats.setdefault(chat_id, _chat(chat_id, None, None))
            if self.enforce_limits:
                self._check_limits(chat, now)
            return chat

    def _check_limits(self, chat: dict[str, Any], now: float) -> None:
        # A little slack, as Telegram's own counters tolerate a request arriving a bit early.
        window = 0.9
        while self._recent and now - self._recent[0] > window:
            self._recent.popleft()
        if len(self._recent) >= 30:
            raise ApiError(retry_after(1))
        recent = self._recent_by_chat[chat["id"]]
        span, most = (window, 1) if chat["type"] == "private" else (60 * window, 20)
        while recent and now - recent[0] > span:
            recent.popleft()
        if len(recent) >= most:
            raise ApiError(retry_after(max(1, round(span - (now - recent[0])))))

    def _wake(self) -> None:
        if self._loop is not None and self._changed is not None:
            self._loop.call_soon_threadsafe(self._changed.set)


def _chat(chat_id: int, kind: str | None, title: str | None) -> dict[str, Any]:
    if kind is None:
        kind = (
            "private"
            if chat_id > 0
            else "supergroup"
            if str(chat_id).startswith("-100")
            else "group"
        )
    if kind == "private":
        return {"id": chat_id, "type": kind, "first_name": title or f"User {chat_id}"}
    return {"id": chat_id, "type": kind, "title": title or f"Chat {chat_id}"}


# Values that the Bot API takes as strings even when they look like JSON.
_TEXT_FIELDS = {"text", "caption", "parse_mode", "url", "secret_token", "description", "name"}


def _decode(name: str, value: Any) -> Any:
    if name in _TEXT_FIELDS or not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _member(status: str) -> dict[str, Any]:
    """The bot as a ChatMember with `status`; a kicked member carries its (endless) ban."""
    member: dict[str, Any] = {"user": BOT, "status": status}
    if status == "kicked":
        member["until_date"] = 0
    return member


async def _read_params(request: web.Request) -> dict[str, Any]:
    raw: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json() if request.can_read_body else {}
        raw.update(body if isinstance(body, dict) else {})
    elif request.can_read_body:
        form = await request.post()
        raw.update({k: v for k, v in form.items() if isinstance(v, str)})
    return {name: _decode(name, value) for name, value in raw.items()}

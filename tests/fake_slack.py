"""A local stand-in for Slack: the Web API, response URLs, Socket Mode, and signed requests.

The Web API answers with Slack's real shapes (`ok:false` errors with HTTP 200, HTTP 429 with
`Retry-After`, `invalid_blocks` beyond Block Kit limits), so the real slack_sdk client talks to
it unchanged. Knobs inject faults per channel; every request is recorded for assertions.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from aiohttp import ClientSession, WSMsgType, web

BOT_TOKEN = "xoxb-test-bot-token"
APP_TOKEN = "xapp-test-app-token"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_USER_ID = "U0BRIEFBOT"
TEAM_ID = "T0TEAM"

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_BLOCKS_TEXT = 13_000  # where Slack starts answering msg_blocks_too_long


@dataclass
class Posted:
    """A message that chat.postMessage accepted."""

    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    body: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


@dataclass
class Faults:
    """What the fake does wrong, and for which channel (None = every channel)."""

    errors: dict[str, str] = field(default_factory=dict)  # channel -> ok:false error
    rate_limits: dict[str | None, int] = field(default_factory=dict)  # channel -> 429s left
    retry_after: int = 1
    delay: float = 0.0
    server_errors: int = 0
    expired_response_urls: set[str] = field(default_factory=set)


class FakeSlack:
    """The fake Slack server; `async with FakeSlack() as slack:` serves it on 127.0.0.1."""

    def __init__(self) -> None:
        self.faults = Faults()
        self.posted: list[Posted] = []
        self.calls: Counter[str] = Counter()
        self.rejected: list[tuple[str, int, str]] = []  # (channel, http status, error)
        self.responses: dict[str, list[dict[str, Any]]] = {}
        self.auth_headers: list[str] = []
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self._acks: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self.socket_connected = asyncio.Event()
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_post("/response/{rid}", self._response_url)
        app.router.add_get("/link/", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        self.url = ""

    async def __aenter__(self) -> FakeSlack:
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        for ws in self._sockets:
            await ws.close()
        await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    # -- knobs ---------------------------------------------------------------------------------

    def fail(self, channel: str, error: str) -> None:
        """Answer every post to `channel` with `{"ok": false, "error": error}`."""
        self.faults.errors[channel] = error

    def rate_limit(self, times: int, channel: str | None = None, retry_after: int = 1) -> None:
        """Answer the next `times` posts (to `channel`, or to any) with HTTP 429."""
        self.faults.rate_limits[channel] = times
        self.faults.retry_after = retry_after

    def new_response_url(self) -> str:
        rid = f"R{next(self._ids)}"
        self.responses[rid] = []
        return f"{self.url}/response/{rid}"

    def responded(self, response_url: str) -> list[dict[str, Any]]:
        return self.responses[response_url.rsplit("/", 1)[1]]

    def to(self, channel: str) -> list[Posted]:
        return [p for p in self.posted if p.channel == channel]

    # -- Web API -------------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        self.calls[method] += 1
        body = await _body(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or body.get(
            "token", ""
        )
        self.auth_headers.append(token)
        if self.faults.delay:
            await asyncio.sleep(self.faults.delay)
        if method == "auth.test":
            return _auth_test(token)
        if method == "apps.connections.open":
            if token != APP_TOKEN:
                return _error("invalid_auth")
            return web.json_response({"ok": True, "url": f"ws{self.url[4:]}/link/?ticket=t1"})
        if token != BOT_TOKEN:
            return _error("invalid_auth" if token else "not_authed")
        if method == "chat.postMessage":
            return self._post_message(body)
        return _error("unknown_method")

    def _post_message(self, body: dict[str, Any]) -> web.Response:
        channel = str(body.get("channel", ""))
        if self.faults.server_errors:
            self.faults.server_errors -= 1
            self.rejected.append((channel, 503, "service_unavailable"))
            return web.Response(status=503, text="Service Unavailable")
        for key in (channel, None):
            if self.faults.rate_limits.get(key, 0) > 0:
                self.faults.rate_limits[key] -= 1
                self.rejected.append((channel, 429, "ratelimited"))
                return web.json_response(
                    {"ok": False, "error": "ratelimited"},
                    status=429,
                    headers={"Retry-After": str(self.faults.retry_after)},
                )
        error = self.faults.errors.get(channel) or message_problem(body)
        if error:
            self.rejected.append((channel, 200, error))
            return _error(error)
        ts = f"{1_700_000_000 + next(self._ts)}.000100"
        text = str(body.get("text") or "")
        blocks = _blocks(body.get("blocks"))
        self.posted.append(Posted(channel, ts, text, blocks, body))
        message = {"type": "message", "user": BOT_USER_ID, "bot_id": "B0BOT", "text": text,
                   "ts": ts, "team": TEAM_ID, "blocks": blocks}
        return web.json_response({"ok": True, "channel": channel, "ts": ts, "message": message})

    # -- response_url --------------------------------------------------------------------------

    async def _response_url(self, request: web.Request) -> web.Response:
        rid = request.match_info["rid"]
        if rid not in self.responses or rid in self.faults.expired_response_urls:
            return web.Response(status=404, text="expired_url")
        # Slack accepts at most five answers per response_url.
        if len(self.responses[rid]) >= 5:
            return web.Response(status=404, text="used_url")
        payload = await request.json()
        if message_problem(payload):
            return web.Response(status=400, text="invalid_blocks")
        self.responses[rid].append(payload)
        return web.Response(text="ok")

    # -- Socket Mode ---------------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1,
                            "connection_info": {"app_id": "A0APP"}})
        self.socket_connected.set()
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                data = json.loads(msg.data)
                future = self._acks.pop(data.get("envelope_id", ""), None)
                if future is not None and not future.done():
                    future.set_result(data)
        return ws

    async def send_envelope(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Push a Socket Mode envelope to the connected app; return its acknowledgement."""
        envelope_id = f"env-{next(self._ids)}"
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._acks[envelope_id] = future
        await self._sockets[-1].send_json({"envelope_id": envelope_id, "type": kind,
                                           "payload": payload, "accepts_response_payload": True})
        return await asyncio.wait_for(future, 3)


def _auth_test(token: str) -> web.Response:
    if token != BOT_TOKEN:
        return _error("invalid_auth" if token else "not_authed")
    return web.json_response({
        "ok": True, "url": "https://fake-team.slack.com/", "team": "Fake Team",
        "user": "briefbot", "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": "B0BOT",
        "is_enterprise_install": False,
    })


def _error(error: str) -> web.Response:
    return web.json_response({"ok": False, "error": error})


async def _body(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        return await request.json()
    return dict(await request.post())


def _blocks(raw: Any) -> list[dict[str, Any]]:
    if isinstance(raw, str):  # form-encoded requests carry blocks as a JSON string
        return json.loads(raw)
    return list(raw or [])


def message_problem(body: dict[str, Any]) -> str | None:
    """Slack's own checks on a message: text or blocks, and the Block Kit limits."""
    blocks = _blocks(body.get("blocks"))
    if not blocks and not body.get("text"):
        return "no_text"
    if len(blocks) > MAX_BLOCKS:
        return "invalid_blocks"
    total = 0
    for block in blocks:
        text = (block.get("text") or {}).get("text", "")
        limit = MAX_HEADER_TEXT if block.get("type") == "header" else MAX_SECTION_TEXT
        elements = [element.get("text", "") for element in block.get("elements", [])]
        if len(text) > limit or any(len(element) > MAX_SECTION_TEXT for element in elements):
            return "invalid_blocks"
        total += len(text) + sum(map(len, elements))
    return "msg_blocks_too_long" if total > MAX_BLOCKS_TEXT else None


# -- signed requests, as Slack sends them -----------------------------------------------------


def signature_headers(body: str, secret: str = SIGNING_SECRET, timestamp: int | None = None
                      ) -> dict[str, str]:
    """The v0 HMAC-SHA256 signature headers Slack puts on every request."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def slash_body(command: str, text: str, *, channel: str = "C0GENERAL",
               channel_name: str = "general", user: str = "U0ALICE", response_url: str = ""
               ) -> str:
    """The form body of a slash command request."""
    return urlencode({
        "token": "legacy-verification-token", "team_id": TEAM_ID, "team_domain": "fake-team",
        "channel_id": channel, "channel_name": channel_name, "user_id": user,
        "user_name": user.lower(), "command": command, "text": text, "api_app_id": "A0APP",
        "is_enterprise_install": "false", "response_url": response_url,
        "trigger_id": "13345224609.738474920.8088930838d88f008e0",
    })


def mention_body(text: str, *, channel: str = "C0GENERAL", user: str = "U0ALICE",
                 event_id: str = "Ev0001", thread_ts: str | None = None) -> str:
    """The JSON body of an `app_mention` event callback."""
    event: dict[str, Any] = {"type": "app_mention", "user": user, "text": text,
                             "ts": "1700000000.000200", "channel": channel,
                             "event_ts": "1700000000.000200"}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return json.dumps({
        "token": "legacy-verification-token", "team_id": TEAM_ID, "api_app_id": "A0APP",
        "event": event, "type": "event_callback", "event_id": event_id,
        "event_time": int(time.time()), "authorizations": [{"team_id": TEAM_ID,
                                                              "user_id": BOT_USER_ID,
                                                              "is_bot": True}],
    })


async def send_signed(session: ClientSession, url: str, body: str, *, json_body: bool = False,
                      secret: str = SIGNING_SECRET, timestamp: int | None = None
                      ) -> tuple[int, str]:
    """POST a request to the app as Slack would; return (status, response text)."""
    headers = signature_headers(body, secret, timestamp)
    headers["Content-Type"] = (
        "application/json" if json_body else "application/x-www-form-urlencoded"
    )
    async with session.post(url, data=body.encode(), headers=headers) as response:
        return response.status, await response.text()

"""python-telegram-bot's requests over aiohttp: the same Bot API calls, a lighter transport.

PTB's default httpx transport spends more CPU per message than the rest of a fan-out put
together; aiohttp's C parser roughly halves it (benchmarks/bench_fanout.py).
"""

from __future__ import annotations

import json

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    """A PTB request backend on one aiohttp session with a bounded connection pool."""

    def __init__(self, *, connections: int = 16, timeout_s: float = 10.0) -> None:
        self._connections = connections
        self._timeout_s = timeout_s
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float:
        return self._timeout_s

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
        write_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
        connect_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
        pool_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None:
            raise RuntimeError("AiohttpRequest is not initialized")
        timeout = aiohttp.ClientTimeout(
            sock_connect=_seconds(connect_timeout, self._timeout_s),
            sock_read=_seconds(read_timeout, self._timeout_s),
            total=None,
        )
        try:
            async with self._session.request(
                method, url, data=_body(request_data), timeout=timeout,
                headers={"User-Agent": self.USER_AGENT},
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut("Timed out talking to the Bot API") from exc
        except (aiohttp.ClientError, OSError) as exc:
            raise NetworkError(f"aiohttp: {type(exc).__name__}: {exc}") from exc


def _seconds(value: float | None | object, default: float) -> float | None:
    """A timeout PTB passed: its own default value unwrapped, ours when it left it unset."""
    if isinstance(value, DefaultValue):
        value = DefaultValue.get_value(value)
        return default if value is None else float(value)
    return value  # type: ignore[return-value]


def _body(request_data: RequestData | None) -> aiohttp.FormData | aiohttp.BytesPayload | None:
    """A JSON body, which the Bot API takes for every method; multipart when files go along."""
    if request_data is None:
        return None
    files = request_data.multipart_data
    if not files:
        # JSON rather than a form: percent-encoding a long HTML text costs more than the send.
        return aiohttp.BytesPayload(
            json.dumps(request_data.parameters).encode(), content_type="application/json"
        )
    form = aiohttp.FormData(request_data.json_parameters)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form

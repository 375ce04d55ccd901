"""The bot's one HTTP listener (BRIEFBOT_HTTP_PORT): `GET /healthz` on an aiohttp server, the
place where later routes (the web page, push callbacks) join it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.adapters.base import StartupError

HealthCheck = Callable[[], Awaitable[tuple[bool, dict[str, Any]]]]
"""`await check()` -> (healthy, the JSON report)."""


class HttpListener:
    """Serves the routes on host:port from `start()` to `stop()`."""

    def __init__(self, host: str, port: int, health: HealthCheck) -> None:
        self.host = host
        self.port = port
        self._health = health
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        self._runner = web.AppRunner(app, access_log=None)

    async def start(self) -> None:
        """Listen, or say in one line why not (the port taken, the address not ours)."""
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, self.host, self.port).start()
        except OSError as exc:
            await self._runner.cleanup()
            raise StartupError(f"cannot listen on BRIEFBOT_HTTP_HOST {self.host} "
                               f"BRIEFBOT_HTTP_PORT {self.port}: {exc.strerror}") from None

    async def stop(self) -> None:
        await self._runner.cleanup()

    async def _healthz(self, request: web.Request) -> web.Response:
        healthy, report = await self._health()
        return web.json_response(report, status=200 if healthy else 503)

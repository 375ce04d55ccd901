"""What delivery needs from a chat platform: render a Reply into parts, and send one part."""

from __future__ import annotations

from typing import Any, Protocol

from bot.core.reply import Reply


class Adapter(Protocol):
    """What delivery needs from a platform: render a Reply into parts, and send one part.

    `send_part` raises the errors of `bot.delivery.errors`; delivery keeps order, retries,
    spacing and bookkeeping, so an adapter stays a thin translator.
    """

    platform: str
    messages_per_second: float

    def chat_interval(self, chat_key: str) -> float:
        """Seconds to keep between two messages to this chat."""

    def render(self, reply: Reply) -> list[dict[str, Any]]:
        """The reply as platform messages, each within the platform's size limits."""

    async def send_part(self, chat_key: str, part: dict[str, Any]) -> str | None:
        """Send one rendered message; return the platform's message id when it gives one."""

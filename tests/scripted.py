"""A chat platform whose answers a test scripts: errors first, then success."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from bot.core.reply import Reply


class ScriptedPlatform:
    """A platform whose answers are scripted per chat: errors first, then success."""

    platform = "telegram"

    def __init__(self, per_second: float = 1000.0, interval: float = 0.0) -> None:
        self.messages_per_second = per_second
        self.interval = interval
        self.sent: dict[str, list[str]] = defaultdict(list)
        self.failures: dict[str, list[Exception]] = defaultdict(list)

    def chat_interval(self, chat_key: str) -> float:
        return self.interval

    def render(self, reply: Reply) -> list[dict[str, Any]]:
        parts = [{"text": reply.text}]
        parts += [{"text": card.title} for card in reply.cards()]
        return parts

    async def send_part(self, chat_key: str, part: dict[str, Any]) -> str | None:
        if self.failures[chat_key]:
            raise self.failures[chat_key].pop(0)
        self.sent[chat_key].append(part["text"])
        return str(len(self.sent[chat_key]))

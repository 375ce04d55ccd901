"""Putting messages in the outbox, and how long a failed one waits before the next try."""

from __future__ import annotations

import json
import random

from bot.core.reply import Reply
from bot.store import Store

MAX_ATTEMPTS = 8


def queue_message(store: Store, chat_id: int, kind: str, ref: str, reply: Reply) -> bool:
    """Queue a reply for a chat once per (chat, kind, ref); False when it was queued before."""
    return store.enqueue(chat_id, kind, ref, json.dumps(reply.to_dict(), ensure_ascii=False))


def retry_delay(attempts: int, *, base_s: float = 2.0, cap_s: float = 900.0) -> float:
    """Exponential backoff with jitter, so a flaky network does not bring a thundering herd."""
    delay = min(cap_s, base_s * 2 ** max(attempts - 1, 0))
    return delay * random.uniform(0.8, 1.2)

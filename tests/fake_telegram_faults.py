"""The error answers of the fake Bot API: each as Telegram words it, with its HTTP status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Fault:
    """An error answer as the Bot API gives it; `delay` holds the answer back (client timeouts).

    With `delivered`, the request is carried out and only its answer is late, as when Telegram
    sent the message but the response was lost.
    """

    status: int
    description: str
    parameters: dict[str, Any] | None = None
    delay: float = 0.0
    delivered: bool = False


def retry_after(seconds: int) -> Fault:
    """Flood control: 429 with `parameters.retry_after`."""
    return Fault(429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})


def migrated(new_chat_id: int) -> Fault:
    """The group became a supergroup: 400 with `parameters.migrate_to_chat_id`."""
    return Fault(
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        {"migrate_to_chat_id": new_chat_id},
    )


def cant_parse(detail: str = 'Unsupported start tag "foo" at byte offset 0') -> Fault:
    """The HTML of the message was refused."""
    return Fault(400, f"Bad Request: can't parse entities: {detail}")


def slow(seconds: float, *, delivered: bool = False) -> Fault:
    """Answer late (a client timeout); without `delivered`, the request is then dropped."""
    return Fault(502, "Bad Gateway", delay=seconds, delivered=delivered)


BLOCKED = Fault(403, "Forbidden: bot was blocked by the user")
KICKED = Fault(403, "Forbidden: bot was kicked from the group chat")
CHAT_NOT_FOUND = Fault(400, "Bad Request: chat not found")
TOO_LONG = Fault(400, "Bad Request: message is too long")
SERVER_ERROR = Fault(502, "Bad Gateway")
WEBHOOK_ACTIVE = Fault(
    409,
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first",
)
TERMINATED = Fault(
    409,
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
)


class ApiError(Exception):
    """A request the Bot API refuses, with the answer it gives."""

    def __init__(self, fault: Fault) -> None:
        super().__init__(fault.description)
        self.fault = fault


def bad_request(description: str) -> ApiError:
    """A 400 answer: `Bad Request: ` and the description."""
    return ApiError(Fault(400, f"Bad Request: {description}"))

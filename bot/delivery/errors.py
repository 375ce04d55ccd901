"""What an adapter raises when a send fails, so delivery can decide: wait, retry, or stop."""

from __future__ import annotations


class DeliveryError(Exception):
    """A send failed; the message is not lost, delivery decides what comes next."""


class RetryAfter(DeliveryError):
    """The platform asked us to wait (HTTP 429 / flood control) before sending again."""

    def __init__(self, seconds: float, message: str = "rate limited") -> None:
        super().__init__(f"{message}; retry after {seconds:g}s")
        self.seconds = seconds


class TransientError(DeliveryError):
    """A timeout or network error: retry with backoff."""


class ChatUnavailable(DeliveryError):
    """The chat cannot receive messages (blocked, kicked, not in channel, archived).

    Delivery marks the chat inactive and keeps its data.
    """


class ChatMoved(DeliveryError):
    """The chat has a new id (a Telegram group upgraded to a supergroup)."""

    def __init__(self, new_chat_key: str) -> None:
        super().__init__(f"chat moved to {new_chat_key}")
        self.new_chat_key = new_chat_key


class PermanentError(DeliveryError):
    """The platform refused this message for good; the row ends as failed, visibly."""

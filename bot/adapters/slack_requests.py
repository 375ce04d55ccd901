"""Reading Slack requests: the conversation a request came from and the command it carries."""

from __future__ import annotations

import re

from bot.core.chat import ChatRef

_LINK = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


def chat_ref(channel_id: str, channel_name: str | None) -> ChatRef:
    """The core's view of a Slack conversation: DMs (ids starting with D) are private chats."""
    if channel_id.startswith("D"):
        return ChatRef("slack", channel_id, "private", None)
    return ChatRef("slack", channel_id, "channel", channel_name)


def command_text(command: str, text: str) -> str:
    """`/follow KNDS` stays; `/briefbot follow KNDS` becomes `/follow KNDS`."""
    if command == "/briefbot":
        return _as_command(plain_text(text))
    return f"{command} {plain_text(text)}".strip()


def mention_text(text: str, bot_user_id: str | None) -> str:
    """`<@BOT> latest KNDS` (a mention or a direct message) becomes `/latest KNDS`."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    return _as_command(plain_text(text))


def plain_text(text: str) -> str:
    """What the user typed, from Slack's wire format (`<https://x|x>`, `&amp;`)."""

    def unwrap(match: re.Match[str]) -> str:
        target, label = match[1], match[2]
        if target.startswith("#C") and label:
            return f"#{label}"
        if target.startswith(("http://", "https://")):
            return target
        return label or target

    text = _LINK.sub(unwrap, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def _as_command(words: str) -> str:
    words = " ".join(words.split())
    if not words:
        return "/help"
    return words if words.startswith("/") else f"/{words}"

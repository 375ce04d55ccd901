"""A chat as the core knows it, whatever platform it is on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChatRef:
    """A chat as the core knows it: the platform, the platform's id, and its kind."""

    platform: str
    key: str
    kind: str = "private"  # private | group | channel
    title: str | None = None

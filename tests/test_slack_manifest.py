"""config/slack-manifest.yml: every chat command registered, one endpoint, the scopes we use."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.adapters.slack import EVENTS_PATH
from bot.config import Settings
from bot.follow.commands import Commands

MANIFEST = Path(__file__).resolve().parents[1] / "config" / "slack-manifest.yml"
# Slack's built-in commands; a manifest that registers one is rejected.
RESERVED = {"me", "status", "away", "dnd", "shrug", "remind", "msg", "feed", "who", "collapse",
            "expand", "leave", "join", "open", "search", "topic", "mute", "pro", "shortcuts",
            "invite", "archive", "kick", "remove", "rename", "apps", "active"}


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_every_chat_command_and_briefbot_are_registered(manifest: dict[str, Any]) -> None:
    verbs = Commands(None, Settings(), None, None).verbs  # type: ignore[arg-type]
    commands = [c["command"] for c in manifest["features"]["slash_commands"]]
    assert sorted(commands) == sorted({f"/{verb}" for verb in verbs} | {"/briefbot"})
    for command in commands:
        assert re.fullmatch(r"/[a-z0-9_-]{1,31}", command)
        assert command[1:] not in RESERVED


def test_every_request_goes_to_the_one_https_endpoint(manifest: dict[str, Any]) -> None:
    settings = manifest["settings"]
    urls = [c["url"] for c in manifest["features"]["slash_commands"]]
    urls += [settings["event_subscriptions"]["request_url"],
             settings["interactivity"]["request_url"]]
    assert set(urls) == {f"https://briefbot.example.com{EVENTS_PATH}"}
    for command in manifest["features"]["slash_commands"]:
        # Unescaped text: the adapter gets URLs and names as typed.
        assert command["should_escape"] is False and command["description"]


def test_scopes_and_events_match_what_the_adapter_uses(manifest: dict[str, Any]) -> None:
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert scopes == {"commands", "chat:write", "chat:write.public", "app_mentions:read",
                      "im:history"}
    assert manifest["settings"]["event_subscriptions"]["bot_events"] == ["app_mention",
                                                                         "message.im"]
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    info = manifest["display_information"]
    # Slack's own bounds for these fields.
    assert len(info["description"]) <= 140 and 175 <= len(info["long_description"]) <= 4000

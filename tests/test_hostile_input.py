"""Arbitrary text at every chat command and every setting: a clear answer, never a traceback."""

from __future__ import annotations

import logging
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import _ENV, SettingsError, load_settings
from bot.core.chat import ChatRef
from bot.follow.commands import Commands

APOLOGY = "Sorry, that failed on my side"
CHAT = ChatRef("telegram", "4242")
ADMIN = "7"
NO_FILE = Path("/nonexistent/briefbot.toml")

# Words that mean something to a file system, SQL, SQLite FTS5, PostgreSQL tsquery or zoneinfo.
_LOADED_WORDS = [
    "Europe", "Europe/", "America/Argentina", "../../etc/passwd", "/etc/passwd", "posix/UTC",
    "Europe/../UTC", "C:\\Windows", "~", ".", "..", "'; DROP TABLE chats; --", "\" OR 1=1 --",
    "%", "_", "NEAR(a b)", "a AND b", "OR", "NOT", "\"unclosed", "*", "title:x", "^x", "-x",
    "(", ")", "&", "|", "!", ":*", "site:", "site:example.com", "http://", "https://[::1",
    "https://127.0.0.1:1/feed", "on", "off", "notice", "skip", "07:30", "24:00", "99:99",
]
_ANY_CHAR = st.characters(codec=None, exclude_categories=())
_WORD = st.one_of(
    st.sampled_from(_LOADED_WORDS),
    st.text(_ANY_CHAR, max_size=20),
    st.text(st.sampled_from("\x00\x1b\t\r\n\u200b\u202e\ufeff\ud800\udfff"), max_size=8),
    st.text(st.sampled_from("ab/"), min_size=250, max_size=2000),
)
HOSTILE_TEXT = st.lists(_WORD, max_size=6).map(" ".join)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def commands(core) -> Commands:
    """The chat commands over a real store, with the caller an admin (so /addsource parses)."""
    admins = frozenset({f"{CHAT.platform}:{ADMIN}"})
    core.settings = core.commands.settings = replace(core.settings, admins=admins)
    return core.commands


def _no_apology(commands: Commands, text: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.clear()
    reply = commands.handle(CHAT, text, ADMIN)
    assert APOLOGY not in reply.text, text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], text


@pytest.mark.parametrize(
    "verb",
    ["start", "help", "follow", "unfollow", "following", "latest", "why", "briefing", "time",
     "timezone", "alerts", "emptydays", "sources", "addsource", "removesource", "nosuchverb"],
)
@FUZZ
@given(args=HOSTILE_TEXT)
def test_no_command_argument_raises(commands, caplog, verb: str, args: str) -> None:
    _no_apology(commands, f"/{verb} {args}", caplog)
    # What a command stored must not break the commands that read it back.
    for after in ("/following", "/latest", "/briefing"):
        _no_apology(commands, after, caplog)


@FUZZ
@given(text=HOSTILE_TEXT)
def test_no_message_raises(commands, caplog, text: str) -> None:
    _no_apology(commands, text, caplog)


@pytest.mark.parametrize("variable", sorted(_ENV.values()))
@settings(max_examples=40, deadline=None)
@given(value=HOSTILE_TEXT)
def test_no_setting_value_raises(variable: str, value: str) -> None:
    try:
        load_settings({variable: value}, NO_FILE)
    except SettingsError as exc:
        named = str(exc).partition(":")[0]
        assert named in {*_ENV, *_ENV.values()}, "the message names the setting"


@pytest.mark.parametrize("zone", ["Europe", "America/Argentina", "E" * 300, "../../etc/passwd"])
def test_a_folder_or_overlong_zone_name_is_refused(commands, caplog, zone: str) -> None:
    reply = commands.handle(CHAT, f"/timezone {zone}", ADMIN)
    assert reply.text.startswith("Unknown time zone"), reply.text
    with pytest.raises(SettingsError, match="^BRIEFBOT_DEFAULT_TIMEZONE: unknown time zone"):
        load_settings({"BRIEFBOT_DEFAULT_TIMEZONE": zone}, NO_FILE)


def test_start_up_with_a_folder_as_default_zone_says_so_in_one_line(tmp_path) -> None:
    env = {"BRIEFBOT_DEFAULT_TIMEZONE": "Europe", "PATH": "/usr/bin:/bin",
           "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}"}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "sources", "list"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "BRIEFBOT_DEFAULT_TIMEZONE" in lines[0], done.stderr

"""`briefbot chat` in a real pseudo-terminal, its screen read through a VT100 emulator: alerts
arrive while the prompt waits, above the line being typed; Ctrl-C leaves at once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable

import pexpect
import pyte
import pytest

from tests.feedserver import FeedServer
from tests.site import serve_site

BRIEFBOT = [sys.executable, "-m", "bot.cli"]
ROWS, COLUMNS = 50, 200


class Terminal:
    """A terminal running `briefbot chat`: keys go in, the screen is what a user would see."""

    def __init__(self, env: dict[str, str]) -> None:
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.Stream(self.screen)
        self.child = pexpect.spawn(BRIEFBOT[0], [*BRIEFBOT[1:], "chat"], env=env,
                                   encoding="utf-8", dimensions=(ROWS, COLUMNS))

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def cursor_line(self) -> str:
        return self.lines()[self.screen.cursor.y]

    def wait_until(self, seen: Callable[[], bool], what: str, timeout: float = 60) -> None:
        """Read the program's output until `seen()` holds for the screen."""
        deadline = time.monotonic() + timeout
        while not seen():
            if time.monotonic() > deadline:
                screen = "\n".join(line for line in self.lines() if line)
                raise AssertionError(f"{what} not on the screen:\n{screen}")
            try:
                self.stream.feed(self.child.read_nonblocking(4096, timeout=0.2))
            except pexpect.TIMEOUT:
                continue

    def wait_for(self, text: str) -> None:
        """Wait until `text` is on the screen (trailing blanks aside)."""
        text = text.rstrip()
        self.wait_until(lambda: any(text in line for line in self.lines()), repr(text))

    def wait_for_prompt(self, typed: str = "") -> None:
        """Wait until the cursor's line is the prompt with `typed` on it."""
        prompt = f"you> {typed}".rstrip()
        self.wait_until(lambda: self.cursor_line() == prompt, f"the prompt {prompt!r}")

    def exit_status(self) -> int | None:
        self.child.expect(pexpect.EOF, timeout=10)
        self.child.close()
        assert not self.child.signalstatus
        return self.child.exitstatus


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    (tmp_path / "none.toml").write_text("")
    return {**os.environ, "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}",
            "BRIEFBOT_ALLOW_PRIVATE_SOURCES": "1", "BRIEFBOT_CONFIG": str(tmp_path / "none.toml"),
            "BRIEFBOT_HOST_SPACING_SECONDS": "0", "TERM": "xterm-256color",
            # The emulator here never answers a cursor-position request.
            "PROMPT_TOOLKIT_NO_CPR": "1"}


def _briefbot(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*BRIEFBOT, *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_an_alert_queued_by_a_poll_shows_while_the_prompt_waits(env):
    with FeedServer() as site:
        added = _briefbot(env, "sources", "add", serve_site(site))
        assert added.returncode == 0, added.stderr
        terminal = Terminal(env)
        terminal.wait_for_prompt()
        terminal.child.sendline("/alerts on")
        terminal.wait_for("Alerts on")
        terminal.child.sendline("/follow KNDS")
        terminal.wait_for("Following KNDS")
        terminal.wait_for_prompt()
        terminal.child.send("/follo")  # half a command, not entered
        terminal.wait_for_prompt("/follo")

        polled = _briefbot(env, "poll", "--once")
        assert "2 new" in polled.stdout, polled.stdout + polled.stderr

        terminal.wait_for("New on KNDS:")
        terminal.wait_for(site.url("/news/knds-order.html"))
        terminal.wait_for_prompt("/follo")
        screen = terminal.lines()
        alert = next(i for i, line in enumerate(screen) if line == "New on KNDS:")
        assert "KNDS Deutschland and Lithuania sign howitzer deal" in screen[alert + 2]
        assert alert < terminal.screen.cursor.y, "the alert is printed above the prompt"
        assert not any("/follo" in line for line in screen[alert:terminal.screen.cursor.y])
        assert "Gdansk" not in "\n".join(screen)

        terminal.child.sendline("wing")  # the half-typed line survived: finish it
        terminal.wait_for("You follow:")
        terminal.wait_for_prompt()
        terminal.child.send("\x1b[A")  # arrow up: the last command again, to edit
        terminal.wait_for_prompt("/following")
        terminal.child.send("\x15")  # Ctrl-U empties the line
        terminal.wait_for_prompt()
        terminal.child.sendline("/quit")
        assert terminal.exit_status() == 0
    state = _briefbot(env, "deliveries")
    assert state.stdout.startswith("sent: 1"), state.stdout


def test_ctrl_c_at_the_prompt_leaves_at_once(env):
    terminal = Terminal(env)
    terminal.wait_for_prompt()
    terminal.child.send("/follow KN")
    terminal.wait_for_prompt("/follow KN")
    started = time.monotonic()
    terminal.child.sendintr()
    assert terminal.exit_status() == 0
    assert time.monotonic() - started < 5

"""`briefbot brief` on many inputs and `briefbot poll --once` over many sources: a progress bar
on stderr when it is a terminal, none when it is not, and stdout the same either way."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

from tests.cli import briefbot
from tests.site import FIXTURES, rss

BRIEFBOT = [sys.executable, "-m", "bot.cli"]
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _inputs(tmp_path: Path, count: int) -> list[str]:
    page = (FIXTURES / "knds-order.html").read_bytes()
    names = []
    for index in range(count):
        path = tmp_path / f"story-{index:02}.html"
        path.write_bytes(page)
        names.append(str(path))
    return [*names, str(tmp_path / "missing.html")]


def _env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "empty.toml").write_text("")
    return {**os.environ, "BRIEFBOT_CONFIG": str(tmp_path / "empty.toml")}


def _with_terminal_stderr(args: list[str], env: dict[str, str]) -> tuple[str, str, int]:
    """Run with stderr on a pseudo-terminal and stdout on a pipe; (stdout, screen text, rc)."""
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    process = subprocess.Popen([*BRIEFBOT, *args], stdout=subprocess.PIPE, stderr=side, env=env)
    os.close(side)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    stdout = process.stdout.read().decode()
    process.wait(timeout=180)
    return stdout, b"".join(chunks).decode(errors="replace"), process.returncode


def _lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_a_terminal_sees_counts_rate_and_eta(tmp_path):
    args = _inputs(tmp_path, 11)
    stdout, screen, status = _with_terminal_stderr(["brief", *args], _env(tmp_path))
    assert status == 1, "the missing input fails the batch"
    assert [line["input"] for line in _lines(stdout)] == args
    text = _ESCAPES.sub("", screen)
    assert re.search(r"\b12/12 \[\d\d:\d\d<\d\d:\d\d, *[\d.]+ ?(article/s|s/article)\]", text), text
    # The error line is printed while the bar is cleared: whole, on a line of its own.
    errors = [line for line in re.split(r"[\r\n]+", text) if "missing.html" in line]
    assert errors == [f"briefbot: {args[-1]}: cannot read file: No such file or directory"]


def test_a_pipe_gets_no_bar(tmp_path):
    args = _inputs(tmp_path, 11)
    result = subprocess.run([*BRIEFBOT, "brief", *args], capture_output=True, text=True,
                            env=_env(tmp_path), timeout=180)
    assert result.returncode == 1
    assert [line["input"] for line in _lines(result.stdout)] == args
    assert result.stderr.splitlines() == [
        f"briefbot: {args[-1]}: cannot read file: No such file or directory"
    ]


def _many_sources(tmp_path: Path, feed_server, count: int) -> list[str]:
    """`count` feeds imported from OPML, one story each, and a last one that is gone (404)."""
    story = (FIXTURES / "knds-order.html").read_bytes()
    feeds = []
    for index in range(count):
        feed_server.add(f"/news/{index}.html", story, content_type="text/html")
        feed_server.add(f"/feed-{index}.xml", rss(feed_server, [
            (f"Story {index}", f"/news/{index}.html", "Tue, 04 Mar 2025 09:30:00 GMT")]))
        feeds.append(feed_server.url(f"/feed-{index}.xml"))
    feed_server.add("/gone.xml", rss(feed_server, []))
    feeds.append(feed_server.url("/gone.xml"))
    outlines = "".join(f'<outline type="rss" xmlUrl="{url}"/>' for url in feeds)
    (tmp_path / "feeds.opml").write_text(f'<opml version="2.0"><body>{outlines}</body></opml>')
    assert briefbot(tmp_path, "sources", "import", str(tmp_path / "feeds.opml")).returncode == 0
    feed_server.add("/gone.xml", "gone", status=404, content_type="text/plain")
    return feeds


def _poll_env(tmp_path: Path) -> dict[str, str]:
    return {**_env(tmp_path), "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}",
            "BRIEFBOT_HOST_SPACING_SECONDS": "0"}


def test_a_first_poll_over_many_sources_counts_them_on_a_terminal(tmp_path, feed_server):
    feeds = _many_sources(tmp_path, feed_server, 11)
    stdout, screen, status = _with_terminal_stderr(["poll", "--once"], _poll_env(tmp_path))
    assert status == 0, screen
    assert sorted(line for line in stdout.splitlines() if line.endswith(" new")) == sorted(
        f"{url}: 1 new" for url in feeds[:-1])
    text = _ESCAPES.sub("", screen)
    assert re.search(r"\b12/12 \[\d\d:\d\d<\d\d:\d\d, *[\d.]+ ?(source/s|s/source)\]", text), text
    errors = [line for line in re.split(r"[\r\n]+", text) if "gone.xml" in line]
    assert errors == [f"briefbot: {feeds[-1]}: HTTP 404 Not Found"], errors


def test_a_poll_into_a_pipe_gets_no_bar(tmp_path, feed_server):
    feeds = _many_sources(tmp_path, feed_server, 11)
    result = briefbot(tmp_path, "poll", "--once")
    assert result.returncode == 0, result.stderr
    assert sum(line.endswith(": 1 new") for line in result.stdout.splitlines()) == 11
    assert result.stderr.splitlines() == [f"briefbot: {feeds[-1]}: HTTP 404 Not Found"]

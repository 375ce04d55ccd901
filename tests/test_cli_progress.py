"""`briefbot brief` on many inputs: a progress bar on stderr when it is a terminal, none when
it is not, and stdout the same JSON Lines either way."""

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

from tests.site import FIXTURES

BRIEFBOT = [sys.executable, "-m", "bot.cli", "brief"]
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


def _brief_with_terminal_stderr(args: list[str], env: dict[str, str]) -> tuple[str, str, int]:
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
    stdout, screen, status = _brief_with_terminal_stderr(args, _env(tmp_path))
    assert status == 1, "the missing input fails the batch"
    assert [line["input"] for line in _lines(stdout)] == args
    text = _ESCAPES.sub("", screen)
    assert re.search(r"\b12/12 \[\d\d:\d\d<\d\d:\d\d, *[\d.]+ ?(article/s|s/article)\]", text), text
    # The error line is printed while the bar is cleared: whole, on a line of its own.
    errors = [line for line in re.split(r"[\r\n]+", text) if "missing.html" in line]
    assert errors == [f"briefbot: {args[-1]}: cannot read file: No such file or directory"]


def test_a_pipe_gets_no_bar(tmp_path):
    args = _inputs(tmp_path, 11)
    result = subprocess.run([*BRIEFBOT, *args], capture_output=True, text=True,
                            env=_env(tmp_path), timeout=180)
    assert result.returncode == 1
    assert [line["input"] for line in _lines(result.stdout)] == args
    assert result.stderr.splitlines() == [
        f"briefbot: {args[-1]}: cannot read file: No such file or directory"
    ]

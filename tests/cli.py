"""Run `briefbot` as a user does: a subprocess with its own settings file and SQLite database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def briefbot(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`briefbot ARGS` on the database tmp_path/b.db; `env` adds or overrides variables."""
    (tmp_path / "empty.toml").write_text("")
    full_env = {**os.environ, "BRIEFBOT_CONFIG": str(tmp_path / "empty.toml"),
                "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}",
                "BRIEFBOT_HOST_SPACING_SECONDS": "0", **env}
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], env=full_env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)

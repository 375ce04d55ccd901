"""Which database a command opens: the same per-user file from any directory, named when new."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.config import DEFAULT_CONFIG, default_database_path, load_settings


def _briefbot(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """The real command as a user starts it: no BRIEFBOT_* setting unless given."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=cwd, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_every_directory_opens_the_one_user_database(tmp_path, user_data_home):
    first_dir, second_dir = tmp_path / "a", tmp_path / "b"
    first_dir.mkdir()
    second_dir.mkdir()
    expected = user_data_home / "briefbot" / "briefbot.db"
    starter = load_settings({}, DEFAULT_CONFIG).sources

    first = _briefbot(first_dir, "sources", "list")
    assert first.returncode == 0, first.stderr
    assert first.stderr.splitlines() == [
        f"briefbot: created a new database at {expected} ({len(starter)} starter sources)"
    ]
    assert [line.split("\t")[0] for line in first.stdout.splitlines()] == list(starter)
    assert expected.is_file() and not (first_dir / "data").exists()

    second = _briefbot(second_dir, "sources", "list")
    assert second.returncode == 0 and second.stderr == "", "an existing database says nothing"
    assert second.stdout == first.stdout
    assert not (second_dir / "data").exists()


def test_the_environment_and_the_settings_file_choose_another(tmp_path, user_data_home):
    by_env = tmp_path / "env.db"
    result = _briefbot(tmp_path, "sources", "list", BRIEFBOT_DATABASE_URL=f"sqlite:///{by_env}")
    assert result.returncode == 0 and f"at {by_env} " in result.stderr
    toml = tmp_path / "mine.toml"
    by_file = tmp_path / "file.db"
    toml.write_text(f'database_url = "sqlite:///{by_file}"\nsources = []\n')
    result = _briefbot(tmp_path, "sources", "list", BRIEFBOT_CONFIG=str(toml))
    assert result.returncode == 0, result.stderr
    assert f"created a new database at {by_file} (0 starter sources)" in result.stderr
    assert "No sources" in result.stdout
    assert by_env.is_file() and by_file.is_file()
    assert not (user_data_home / "briefbot").exists()


def test_help_names_the_default_database(tmp_path, user_data_home):
    result = _briefbot(tmp_path, "--help")
    assert result.returncode == 0
    assert f"database:      {user_data_home / 'briefbot' / 'briefbot.db'}" in result.stdout
    assert "BRIEFBOT_DATABASE_URL" in result.stdout and str(DEFAULT_CONFIG) in result.stdout


def test_the_default_follows_xdg_data_home(user_data_home):
    assert default_database_path() == user_data_home / "briefbot" / "briefbot.db"
    assert load_settings({}, DEFAULT_CONFIG).database_url == f"sqlite:///{default_database_path()}"

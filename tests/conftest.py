"""Shared fixtures: the corpus location, and settings that point at throwaway local state."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import Row

from bot.config import Settings
from bot.store import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("BRIEFBOT_CORPUS", REPO_ROOT.parent / "shared" / "corpus"))
SEED = CORPUS / "seed" / "umerov-knds-2025-02-15.txt"

os.environ.setdefault("BRIEFBOT_ALLOW_PRIVATE_SOURCES", "1")
# The default database lives in the user's data directory: the tests (and the commands they
# start) get a throwaway one, never the real ~/.local/share/briefbot.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="briefbot-test-data-")
atexit.register(shutil.rmtree, os.environ["XDG_DATA_HOME"], ignore_errors=True)

pytest_plugins = ["tests.feedserver"]


@pytest.fixture(autouse=True)
def user_data_home(tmp_path_factory, monkeypatch) -> Path:
    """Each test its own user data directory, so default databases never meet."""
    home = tmp_path_factory.mktemp("xdg-data")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus of real pages and feeds; tests that need it skip when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def seed_text(corpus_dir: Path) -> str:
    """The seed story (Umerov meets KNDS), as scraped with its junk."""
    if not SEED.is_file():
        pytest.skip("seed story not in corpus")
    return SEED.read_text(encoding="utf-8")


def telegram_chat(store: Store, key: str | int) -> Row:
    """A private Telegram chat with the default briefing settings, as a first contact makes it."""
    return store.ensure_chat(
        "telegram", str(key), kind="private", title=None, timezone="UTC", time="08:00"
    )


def make_settings(tmp_path: Path, **overrides) -> Settings:
    """Settings on a fresh SQLite file under tmp_path, no configured sources, private URLs ok."""
    values = {
        "database_url": f"sqlite:///{tmp_path / 'briefbot.db'}",
        "allow_private_sources": True,
        "sources": (),
        "host_spacing_seconds": 0.0,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def settings(tmp_path: Path):
    return make_settings(tmp_path)


@pytest.fixture
def core(settings):
    from bot.app import build_core

    built = build_core(settings)
    yield built
    built.store.close()


POSTGRES_URL = os.environ.get("BRIEFBOT_TEST_POSTGRES_URL")


@pytest.fixture
def postgres_url() -> str:
    """A PostgreSQL database emptied for this test; skips when none is configured."""
    if not POSTGRES_URL:
        pytest.skip("BRIEFBOT_TEST_POSTGRES_URL is not set")
    from sqlalchemy import create_engine, text

    engine = create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return POSTGRES_URL

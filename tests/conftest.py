"""Shared fixtures: the corpus location, and settings that point at throwaway local state."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("BRIEFBOT_CORPUS", REPO_ROOT.parent / "shared" / "corpus"))
SEED = CORPUS / "seed" / "umerov-knds-2025-02-15.txt"

os.environ.setdefault("BRIEFBOT_ALLOW_PRIVATE_SOURCES", "1")


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

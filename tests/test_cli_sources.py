"""`briefbot sources ...`: OPML in and out, list and remove, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys

OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>desk</title></head><body>
  <outline text="Defence">
    <outline type="rss" text="Defence Desk" xmlUrl="https://desk.example/feed.xml"/>
    <outline type="rss" text="Baltic Wire" xmlUrl="https://wire.example/rss"/>
  </outline>
</body></opml>
"""


def _briefbot(tmp_path, *args: str) -> subprocess.CompletedProcess:
    (tmp_path / "empty.toml").write_text("")
    env = {**os.environ, "BRIEFBOT_CONFIG": str(tmp_path / "empty.toml"),
           "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}"}
    return subprocess.run([sys.executable, "-m", "bot.cli", "sources", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_opml_import_list_export_remove(tmp_path):
    (tmp_path / "feeds.opml").write_text(OPML)
    imported = _briefbot(tmp_path, "import", str(tmp_path / "feeds.opml"))
    assert imported.returncode == 0 and "Imported 2 new of 2" in imported.stdout
    again = _briefbot(tmp_path, "import", str(tmp_path / "feeds.opml"))
    assert "Imported 0 new of 2" in again.stdout
    listed = _briefbot(tmp_path, "list").stdout
    assert "https://desk.example/feed.xml" in listed and "https://wire.example/rss" in listed
    exported = _briefbot(tmp_path, "export").stdout
    assert 'xmlUrl="https://wire.example/rss"' in exported and "Baltic Wire" in exported
    assert _briefbot(tmp_path, "remove", "https://wire.example/rss").returncode == 0
    missing = _briefbot(tmp_path, "remove", "https://wire.example/rss")
    assert missing.returncode == 1
    assert missing.stderr.strip() == "briefbot: no such source: https://wire.example/rss"


def test_an_unreadable_or_broken_opml_file_is_one_line(tmp_path):
    result = _briefbot(tmp_path, "import", str(tmp_path / "absent.opml"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "cannot read" in result.stderr
    (tmp_path / "page.opml").write_text("<html><body>not an outline</body></html>")
    broken = _briefbot(tmp_path, "import", str(tmp_path / "page.opml"))
    assert broken.returncode == 1 and broken.stderr.count("\n") == 1, broken.stderr

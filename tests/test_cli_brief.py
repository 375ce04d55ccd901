"""`briefbot brief`: the Brief JSON contract, batches in input order, and bad inputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.site import FIXTURES, serve_site

BRIEFBOT = [sys.executable, "-m", "bot.cli", "brief"]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "BRIEFBOT_CONFIG": str(cwd / "empty.toml")}
    (cwd / "empty.toml").write_text("")
    return subprocess.run([*BRIEFBOT, *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=180)


def test_the_seed_file_gives_the_designs_brief(tmp_path, seed_text):
    seed = tmp_path / "seed.txt"
    seed.write_text(seed_text, encoding="utf-8")
    result = _run(str(seed), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    brief = json.loads(result.stdout)
    assert set(brief) == {"title", "url", "site", "published", "meetings", "topics", "entities",
                          "bullets"}
    assert brief["title"] == "Umerov discusses joint production of ammunition with KNDS leadership"
    assert brief["published"] == "2025-02-15"
    first = brief["meetings"][0]
    assert first["who"][0] == {"name": "Rustem Umerov", "title": "Defense Minister",
                               "affiliation": "Ukraine"}
    assert {p["name"] for p in first["with"]} == {"KNDS France", "KNDS Deutschland"}
    assert first["where"] == "Munich Security Conference"
    assert 3 <= len(brief["bullets"]) <= 5
    assert all(len(b) <= 300 for b in brief["bullets"])
    assert not any("Leave a Reply" in b or "Related Articles" in b for b in brief["bullets"])


def test_a_batch_keeps_input_order_and_reports_bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "no-entities.txt").write_text("It rained all day.\n\nThen it stopped.\n")
    inputs = [str(FIXTURES / "knds-order.html"), str(tmp_path / "empty.txt"),
              str(tmp_path / "missing.html"), str(tmp_path / "junk.bin"),
              str(tmp_path / "no-entities.txt"), str(FIXTURES / "other-story.html")]
    result = _run(*inputs, cwd=tmp_path)
    assert result.returncode == 1, "some inputs failed"
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["input"] for line in lines] == inputs
    assert lines[0]["title"] == "KNDS Deutschland and Lithuania sign howitzer deal"
    assert lines[0]["published"] == "2025-03-04"
    assert "error" in lines[1] and "error" in lines[2] and "error" in lines[3]
    assert lines[4].get("meetings", []) == [] or "error" in lines[4]
    assert lines[5]["title"] == "Port of Gdansk expands container terminal"
    assert lines[5]["meetings"] == []
    assert result.stderr.count("briefbot:") == 3, "one line per failed input"


def test_text_format_reads_like_a_chat_message(tmp_path):
    result = _run(str(FIXTURES / "knds-order.html"), "--format", "text", cwd=tmp_path)
    assert result.returncode == 0
    assert "KNDS Deutschland and Lithuania sign howitzer deal" in result.stdout
    assert "{" not in result.stdout


def test_a_feed_url_is_briefed_item_by_item_as_json_lines(tmp_path, feed_server):
    feed = serve_site(feed_server)
    result = _run(feed, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(line["input"], line["item"]) for line in lines] == [(feed, 1), (feed, 2)]
    assert lines[0]["title"] == "KNDS Deutschland and Lithuania sign howitzer deal"
    assert lines[0]["url"] == feed_server.url("/news/knds-order.html")
    assert lines[0]["published"] == "2025-03-04"
    assert lines[1]["title"] == "Port of Gdansk expands container terminal"
    assert feed_server.hits["/news/knds-order.html"] == 1, "each item's page is read"


def test_a_saved_feed_file_is_briefed_from_its_items_text(tmp_path):
    """The item carries the whole story, so its text is briefed; no raw XML as a title."""
    story = ("Defense Minister Rustem Umerov met KNDS leadership in Munich on Saturday. "
             "They discussed joint production of ammunition. ") * 20
    (tmp_path / "saved.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
        "<item><title>Umerov meets KNDS</title><link>http://127.0.0.1:9/a</link>"
        f"<description>{story}</description></item></channel></rss>"
    )
    result = _run(str(tmp_path / "saved.xml"), "--format", "text", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{tmp_path / 'saved.xml'} #1\nUmerov meets KNDS")
    assert "<rss" not in result.stdout and "<item" not in result.stdout


def test_a_feed_without_readable_items_is_one_line(tmp_path):
    (tmp_path / "empty-feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
        "<link>https://desk.example/</link><description>News</description></channel></rss>"
    )
    result = _run(str(tmp_path / "empty-feed.xml"), cwd=tmp_path)
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"error": "a feed without items"}
    assert result.stderr.count("\n") == 1


def test_a_reader_that_leaves_early_gets_no_error(tmp_path):
    """`briefbot brief *.html | head -1`: the closed pipe ends the command quietly."""
    page = (FIXTURES / "knds-order.html").read_bytes()
    inputs = []
    for index in range(12):
        (tmp_path / f"story-{index:02}.html").write_bytes(page)
        inputs.append(str(tmp_path / f"story-{index:02}.html"))
    (tmp_path / "empty.toml").write_text("")
    env = {**os.environ, "BRIEFBOT_CONFIG": str(tmp_path / "empty.toml")}
    process = subprocess.Popen([*BRIEFBOT, *inputs], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    first = json.loads(process.stdout.readline())
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert first["input"] == inputs[0]
    assert process.wait(timeout=180) == 141
    assert stderr == ""

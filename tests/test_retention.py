"""Retention: old texts go, what dedup, story keys and pending alerts need stays; the SQLite
file shrinks; cleanup leaves senders room; a backup restores to the same /latest answers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.app import build_core
from bot.briefing import ArticleInput, brief_documents
from bot.config import SettingsError, load_settings
from bot.store import Store, utcnow
from bot.store.retention import PRUNED_PAYLOAD, clean_up
from bot.store.tables import deliveries
from tests.conftest import make_settings, telegram_chat
from tests.platforms import say

OLD = timedelta(days=100)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = (f"sqlite:///{tmp_path / 'store.db'}" if request.param == "sqlite"
           else request.getfixturevalue("postgres_url"))
    opened = Store.open(url)
    yield opened
    opened.close()


def _add(store: Store, n: int, body: str, *, age: timedelta = timedelta(0), **extra) -> int:
    brief = {"title": f"Article {n}", "url": f"https://news.example/{n}", "bullets": ["b"],
             "entities": {"people": ["Rustem Umerov"]},
             "meetings": [{"who": [{"name": "Umerov", "kind": "person"}], "with": []}]}
    when = utcnow() - age
    return store.add_article({
        "url": f"https://news.example/{n}", "title": f"Article {n}", "sort_at": when,
        "fetched_at": when, "brief": json.dumps(brief), "text": body,
        "signature": b"\x01" * 64, **extra,
    })


def _sent_long_ago(store: Store, delivery_ref: str, chat_id: int) -> None:
    store.enqueue(chat_id, "alert", delivery_ref, json.dumps({"text": "x" * 5000}))
    with store.engine.begin() as conn:
        conn.execute(update(deliveries).where(deliveries.c.ref == delivery_ref)
                     .values(state="sent", sent_at=utcnow() - OLD))


def test_cleanup_keeps_what_dedup_story_keys_and_pending_alerts_need(store: Store):
    old = _add(store, 1, "KNDS howitzers for Lithuania", age=OLD)
    source_id = store.add_source("https://news.example/feed")
    store.add_entry(source_id, "guid-1", old)
    alerted = _add(store, 2, "KNDS ammunition plant", age=OLD)
    same_story = _add(store, 3, "KNDS plant, more", age=OLD, story_id=alerted)
    recent = _add(store, 4, "KNDS tanks")
    chat = telegram_chat(store, 1)
    store.enqueue(chat.id, "alert", f"story:{alerted}", json.dumps({"text": "pending"}))
    _sent_long_ago(store, f"story:{old}", chat.id)

    report = clean_up(store, keep_days=90, pause_s=0)

    assert (report.articles, report.deliveries) == (1, 1)
    pruned = store.article(old)
    assert pruned.text == "" and pruned.signature is None
    kept = json.loads(pruned.brief)
    assert kept["title"] == "Article 1" and kept["meetings"][0]["who"][0]["name"] == "Umerov"
    assert "bullets" not in kept
    assert store.search_articles([["KNDS"]]) == [recent, same_story, alerted]
    assert store.add_article(_row(store, old)) is None, "its URL still dedups"
    assert store.known_entries(source_id, ["guid-1"]) == {"guid-1"}
    assert store.article(same_story).text, "a story a pending alert names stays whole"
    assert not store.enqueue(chat.id, "alert", f"story:{old}", "{}"), "sent once, never again"
    by_ref = {row.ref: row for row in store.deliveries(None)}
    assert by_ref[f"story:{old}"].payload == PRUNED_PAYLOAD
    assert json.loads(by_ref[f"story:{alerted}"].payload) == {"text": "pending"}
    assert clean_up(store, keep_days=90, pause_s=0).articles == 0, "nothing pruned twice"
    assert clean_up(store, keep_days=0, pause_s=0).articles == 0, "0 keeps everything"


async def test_the_daily_job_prunes_by_the_setting(tmp_path: Path):
    core = build_core(make_settings(tmp_path, retention_days=30))
    month_old = _add(core.store, 1, "KNDS howitzers", age=timedelta(days=31))
    week_old = _add(core.store, 2, "KNDS tanks", age=timedelta(days=7))
    await core.cleanup_tick()
    assert core.store.article(month_old).text == ""
    assert core.store.article(week_old).text == "KNDS tanks"
    core.store.close()


def _row(store: Store, article_id: int) -> dict:
    row = store.article(article_id)._asdict()
    del row["id"]
    return row


def test_sqlite_file_shrinks_and_a_sender_is_never_held_up_for_long(tmp_path: Path):
    path = tmp_path / "big.db"
    store = Store.open(f"sqlite:///{path}")
    body = "Officials met to discuss the ammunition plant. " * 200
    for n in range(3000):
        _add(store, n, f"{body} {n}", age=OLD)
    chat = telegram_chat(store, 1)
    store.engine.dispose()
    grown = path.stat().st_size
    waits: list[float] = []
    stop = threading.Event()

    def sender() -> None:
        n = 0
        while not stop.is_set():
            started = time.monotonic()
            store.enqueue(chat.id, "notice", f"n{n}", "{}")
            waits.append(time.monotonic() - started)
            n += 1
            time.sleep(0.002)

    thread = threading.Thread(target=sender)
    thread.start()
    started = time.monotonic()
    report = clean_up(store, keep_days=90)
    took = time.monotonic() - started
    stop.set()
    thread.join()
    store.engine.dispose()
    shrunk = path.stat().st_size
    print(f"\n{grown:,} -> {shrunk:,} bytes; cleanup {took:.2f} s, longest batch "
          f"{report.longest_batch_s * 1000:.0f} ms, longest sender wait {max(waits) * 1000:.0f} ms")
    assert report.articles == 3000 and report.pages_freed > 0
    assert shrunk < grown / 4
    assert len(waits) > 20, "the sender went on during cleanup"
    assert max(waits) < max(0.5, 4 * report.longest_batch_s)
    store.close()


def _briefed_core(tmp_path: Path):
    core = build_core(make_settings(tmp_path))
    texts = [
        ("Umerov meets KNDS in Paris", "Defence Minister Rustem Umerov met KNDS executives in "
         "Paris on Monday to discuss joint production of ammunition."),
        ("Lithuania buys howitzers", "Lithuania signed a contract with KNDS Deutschland for "
         "eighteen howitzers, the ministry said in Vilnius."),
        ("NATO ministers meet", "NATO defence ministers met in Brussels to discuss air defence "
         "for Ukraine and the Baltic states."),
    ]
    for title, text in texts:
        (brief,) = brief_documents([ArticleInput(text=text, title=title)])
        core.ingest_brief(brief)
    return core


async def test_backup_restores_to_the_same_latest_answers(tmp_path: Path):
    live = tmp_path / "live"
    core = _briefed_core(live)
    topics = ["KNDS", "Umerov", "howitzers", "NATO", "air defence", "Gdansk"]
    before = [await say(core, f"/latest {topic}") for topic in topics]
    backup = tmp_path / "backup.db"
    env = {**os.environ, "BRIEFBOT_DATABASE_URL": core.settings.database_url}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "backup", str(backup)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    core.ingest_brief(next(iter(brief_documents([ArticleInput(
        text="KNDS opened a plant in Gdansk after the backup.", title="Later KNDS news")]))))
    core.store.close()

    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    shutil.copy(backup, restored_dir / "briefbot.db")
    restored = build_core(make_settings(restored_dir))
    after = [await say(restored, f"/latest {topic}") for topic in topics]
    restored.store.close()
    assert after == before
    assert "Lithuania" in before[2] and "Nothing on Gdansk" in before[-1]


def test_backup_of_postgresql_points_to_pg_dump(postgres_url: str, tmp_path: Path):
    env = {**os.environ, "BRIEFBOT_DATABASE_URL": postgres_url}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "backup", str(tmp_path / "x.db")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "pg_dump" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.db").exists()


def test_a_backup_that_cannot_be_written_says_why(tmp_path: Path):
    env = {**os.environ, "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}"}
    target = tmp_path / "missing" / "backup.db"
    # The database exists first, so stderr holds the failure alone.
    subprocess.run([sys.executable, "-m", "bot.cli", "sources", "list"], env=env,
                   capture_output=True, text=True, timeout=120, check=True)
    done = subprocess.run([sys.executable, "-m", "bot.cli", "backup", str(target)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith(f"briefbot: backup to {target} failed: ")
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("days", ["3", "-1", "ninety"])
def test_a_retention_too_short_for_story_clustering_is_refused(days: str):
    with pytest.raises(SettingsError, match="^BRIEFBOT_RETENTION_DAYS: "):
        load_settings({"BRIEFBOT_RETENTION_DAYS": days}, Path("/nonexistent/briefbot.toml"))

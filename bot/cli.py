"""The `briefbot` command: parses arguments, calls the bot, prints; one-line errors on stderr."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import queue
import signal
import sqlite3
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import (
    DEFAULT_CONFIG,
    Settings,
    SettingsError,
    default_database_path,
    load_settings,
    setting_help,
)

if TYPE_CHECKING:
    from bot.core.bot import Core
    from bot.poller import PollReport


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    _configure_logging(args)
    try:
        settings = load_settings()
        status = args.func(settings, args) or 0
        sys.stdout.flush()  # a reader that left (`| head`) shows here, not at exit
        return status
    except BrokenPipeError:
        return _reader_left()
    except SettingsError as exc:
        print(f"briefbot: setting error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except CommandFailed as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        if args.verbose:
            raise
        print(f"briefbot: failed: {type(exc).__name__}: {exc} (-v shows where)", file=sys.stderr)
        return 1


def _reader_left() -> int:
    """`briefbot brief *.html | head -1`: the pipe closed, so the rest of the output is dropped
    without a traceback or an error line, and the status is the shell's for SIGPIPE."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 128 + signal.SIGPIPE


def _configure_logging(args: argparse.Namespace) -> None:
    """`run` tells its work at INFO ("2 new articles: ...", "briefing sent to ..."); the other
    commands print their results, so they log warnings only. -q: warnings only; -v: debug."""
    if args.verbose:
        level = logging.DEBUG
    elif args.quiet or args.command != "run":
        level = logging.WARNING
    else:
        level = logging.INFO
    # The libraries (alembic, apscheduler ...) say only what goes wrong, unless -v.
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("bot").setLevel(level)
    # Their request lines carry the Telegram bot token in the URL: never at INFO or DEBUG.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


class CommandFailed(Exception):
    """A sub-command could not do its job; the message is the one line the user sees."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefbot", description="News briefings for Telegram, Slack and the terminal.",
        epilog=f"database:      {default_database_path()}\n"
               f"               (BRIEFBOT_DATABASE_URL or database_url in the settings file)\n"
               f"settings file: {DEFAULT_CONFIG}\n"
               f"               (BRIEFBOT_CONFIG); every BRIEFBOT_* variable overrides it.\n"
               f"Each command's --help names the settings it reads.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-v", "--verbose", action="store_true", help="log debug output")
    loudness.add_argument("-q", "--quiet", action="store_true",
                          help="log warnings and errors only (`run` logs its work by default)")
    commands = parser.add_subparsers(dest="command", required=True)

    run = _command(commands, "run", "run the bot: polling, briefings and chat adapters",
                   "telegram_token", "slack_bot_token", "slack_signing_secret",
                   "poll_interval_seconds", "host_spacing_seconds", "admins")
    run.add_argument("--role", choices=["all", "gateway", "worker"], default="all",
                     help="gateway receives chat updates, workers poll and send (default: all)")
    run.set_defaults(func=_run)

    chat = _command(commands, "chat", "talk to the bot in this terminal",
                    "default_timezone", "default_briefing_time")
    chat.set_defaults(func=_chat)

    brief = _command(commands, "brief",
                     "brief articles (files or URLs; a feed's items) as JSON or text",
                     "allow_private_sources", "host_spacing_seconds")
    brief.add_argument("inputs", nargs="+", metavar="FILE_OR_URL")
    brief.add_argument("--format", choices=["json", "text"], default="json",
                       help="JSON (one input) or JSON Lines, or text as in a chat (default: json)")
    brief.set_defaults(func=_brief)

    backup = commands.add_parser("backup", help="copy the SQLite database to FILE while it runs")
    backup.add_argument("file", type=Path)
    backup.set_defaults(func=_backup)

    poll = _command(commands, "poll", "poll every source now and print what was new",
                    "host_spacing_seconds", "poll_interval_seconds")
    poll.add_argument("--once", action="store_true",
                      help="one pass, then exit (default: go on with the due ones)")
    poll.add_argument("--due", action="store_true",
                      help="only the sources whose next poll time has come, as `run` does")
    poll.set_defaults(func=_poll)

    sources = commands.add_parser("sources", help="manage sources", description="Manage sources.")
    verbs = sources.add_subparsers(dest="verb", required=True)
    add = _command(verbs, "add", "add a feed, or a site whose feed is found for you",
                   "allow_private_sources", "poll_interval_seconds")
    add.add_argument("url")
    add.set_defaults(func=_sources_add)
    _command(verbs, "list", "list sources and their state").set_defaults(func=_sources_list)
    remove = _command(verbs, "remove", "remove a source")
    remove.add_argument("url")
    remove.set_defaults(func=_sources_remove)
    imp = _command(verbs, "import", "add the feeds of an OPML file",
                   "allow_private_sources", "poll_interval_seconds")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=_sources_import)
    _command(verbs, "export", "print the sources as OPML").set_defaults(func=_sources_export)

    deliveries = _command(commands, "deliveries", "show the outbox")
    deliveries.add_argument("--failed", action="store_true",
                            help="only rows that failed (default: every row)")
    deliveries.set_defaults(func=_deliveries)
    return parser


def _command(group, name: str, summary: str, *settings: str) -> argparse.ArgumentParser:
    """A sub-command whose --help ends with the settings it reads and their defaults."""
    epilog = "Settings: " + "; ".join(map(setting_help, settings)) + "." if settings else None
    return group.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".",
                            epilog=epilog)


def _core(settings: Settings):
    from bot.app import build_core

    return build_core(settings)


def _run(settings: Settings, args: argparse.Namespace) -> int:
    from bot.adapters.base import StartupError
    from bot.app import run

    try:
        asyncio.run(run(settings, args.role))
    except StartupError as exc:
        raise CommandFailed(str(exc)) from None
    return 0


def _chat(settings: Settings, args: argparse.Namespace) -> int:
    from bot.app import chat

    asyncio.run(chat(settings))
    return 0


def _brief(settings: Settings, args: argparse.Namespace) -> int:
    from bot.intake import brief_inputs
    from bot.progress import progress

    failed = 0
    single = len(args.inputs) == 1
    briefed = brief_inputs(args.inputs, allow_private=settings.allow_private_sources,
                           host_spacing_s=settings.host_spacing_seconds)
    for name, result in progress(briefed, total=len(args.inputs), unit="article"):
        failed += "error" in result
        # A feed's items are several briefs even from one input: JSON Lines, like a batch.
        _print_brief(name, result, args.format, single and "item" not in result)
    return 1 if failed else 0


def _print_brief(name: str, result: dict, fmt: str, single: bool) -> None:
    if fmt == "text":
        from bot.briefing import Brief, render_brief_text

        body = result.get("error") or render_brief_text(Brief.from_dict(result))
        label = f"{name} #{result['item']}" if "item" in result else name
        print(f"{label}\n{body}\n" if not single else body)
    elif single:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(json.dumps({"input": name, **result}, ensure_ascii=False))
    if "error" in result:
        print(f"briefbot: {name}: {result['error']}", file=sys.stderr)


def _poll(settings: Settings, args: argparse.Namespace) -> int:
    core = _core(settings)

    async def forever() -> None:
        from bot.app import POLL_TICK_S

        every = not args.due
        while True:
            _print_polls(await core.poll_once(every=every), due_only=not every)
            every = False
            await asyncio.sleep(POLL_TICK_S)

    if args.once:
        return _poll_once(core, every=not args.due)
    asyncio.run(forever())
    return 0


def _poll_once(core: Core, *, every: bool) -> int:
    """One pass, each source printed as it is done and counted on a bar while stderr is a
    terminal ("a first `poll --once` over many sources shows progress")."""
    from bot.progress import progress
    from bot.store import utcnow

    now = utcnow()
    total = core.store.count_due_sources(now, not_polled_since=now if every else None)
    reports: list[PollReport] = []
    for report in progress(_as_polled(core, every=every), total=total, unit="source"):
        _print_report(report)
        reports.append(report)
    return _poll_outcome(reports, due_only=not every)


def _as_polled(core: Core, *, every: bool) -> Iterator[PollReport]:
    """The pass's reports one by one, as each source is done: the pass runs on an event loop
    in its own thread, so the caller's loop over them can draw and print between them."""
    done = object()
    polled: queue.SimpleQueue = queue.SimpleQueue()
    failures: list[BaseException] = []

    def run_pass() -> None:
        try:
            asyncio.run(core.poll_once(every=every, on_report=polled.put))
        except BaseException as exc:  # handed to the caller's thread, raised there
            failures.append(exc)
        finally:
            polled.put(done)

    threading.Thread(target=run_pass, name="poll", daemon=True).start()
    while (report := polled.get()) is not done:
        yield report
    if failures:
        raise failures[0]


def _print_polls(reports: list[PollReport], *, due_only: bool) -> None:
    """A pass's reports, printed, with a word when there was nothing to poll."""
    for report in reports:
        _print_report(report)
    _poll_outcome(reports, due_only=due_only)


def _print_report(report: PollReport) -> None:
    """New articles on stdout; a failed source once, on stderr."""
    if report.error:
        print(f"briefbot: {report.source}: {report.error}", file=sys.stderr)
        return
    print(f"{report.source}: {len(report.new)} new")
    for article_id, title in report.new:
        print(f"  [{article_id}] {title}")


def _poll_outcome(reports: list[PollReport], *, due_only: bool) -> int:
    """Says so when there was nothing to poll; 1 when every source failed."""
    if not reports:
        print("No source is due. `briefbot sources list` shows when each is polled next."
              if due_only else "No sources to poll. Add one: briefbot sources add URL")
    failed = sum(1 for report in reports if report.error)
    return 1 if reports and failed == len(reports) else 0


def _backup(settings: Settings, args: argparse.Namespace) -> int:
    core = _core(settings)
    try:
        core.store.backup(args.file)
    except NotImplementedError as exc:
        raise CommandFailed(f"backup: {exc} (see README)") from None
    except (OSError, sqlite3.Error) as exc:
        raise CommandFailed(f"backup to {args.file} failed: {exc}") from None
    print(f"Backed up to {args.file}")
    return 0


def _sources_add(settings: Settings, args: argparse.Namespace) -> int:
    from bot.sources.errors import AddSourceError

    core = _core(settings)
    try:
        print(core.add_source(args.url, "cli"))
    except AddSourceError as exc:
        raise CommandFailed(str(exc)) from None
    return 0


def _sources_list(settings: Settings, args: argparse.Namespace) -> int:
    from bot.follow.commands import source_state

    core = _core(settings)
    rows = core.store.sources()
    if not rows:
        print("No sources. Add one: briefbot sources add URL")
    for row in rows:
        print(f"{row.url}\t{row.kind}\tnext {row.next_poll_at:%Y-%m-%d %H:%M}Z"
              f"\t{source_state(row)}")
    return 0


def _sources_remove(settings: Settings, args: argparse.Namespace) -> int:
    core = _core(settings)
    if not core.store.remove_source(args.url):
        raise CommandFailed(f"no such source: {args.url}")
    print(f"Removed {args.url}")
    return 0


def _sources_import(settings: Settings, args: argparse.Namespace) -> int:
    from bot.sources.opml import OpmlError, parse_opml

    try:
        outlines = parse_opml(args.file.read_bytes())
    except OSError as exc:
        raise CommandFailed(f"cannot read {args.file}: {exc.strerror}") from None
    except OpmlError as exc:
        raise CommandFailed(f"{args.file}: {exc}") from None
    from bot.poller import import_sources

    core = _core(settings)
    added, refused = asyncio.run(
        import_sources(core.store, outlines, added_by="opml",
                       allow_private=settings.allow_private_sources,
                       interval_s=settings.poll_interval_seconds)
    )
    for error in refused:
        print(f"briefbot: {error}", file=sys.stderr)
    print(f"Imported {added} new of {len(outlines)} sources from {args.file}")
    return 1 if refused else 0


def _sources_export(settings: Settings, args: argparse.Namespace) -> int:
    from bot.sources.opml import build_opml

    core = _core(settings)
    print(build_opml((row.url, row.title) for row in core.store.sources()))
    return 0


def _deliveries(settings: Settings, args: argparse.Namespace) -> int:
    core = _core(settings)
    rows = core.store.deliveries("failed" if args.failed else None)
    counts = core.store.delivery_counts()
    print(", ".join(f"{state}: {count}" for state, count in sorted(counts.items())) or "empty")
    for row in rows:
        error = f"\t{row.last_error}" if row.last_error else ""
        print(f"{row.id}\t{row.platform}:{row.chat_key}\t{row.kind}\t{row.ref}\t{row.state}"
              f"\ttries {row.attempts}{error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

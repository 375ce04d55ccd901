"""The `briefbot` command: parses arguments, calls the bot, prints; one-line errors on stderr."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.config import Settings, SettingsError, load_settings


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        settings = load_settings()
        return args.func(settings, args) or 0
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


class CommandFailed(Exception):
    """A sub-command could not do its job; the message is the one line the user sees."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefbot", description="News briefings for Telegram, Slack and the terminal."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug output")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the bot: polling, briefings and chat adapters")
    run.add_argument("--role", choices=["all", "gateway", "worker"], default="all",
                     help="gateway receives chat updates, workers poll and send (default: all)")
    run.set_defaults(func=_run)

    chat = commands.add_parser("chat", help="talk to the bot in this terminal")
    chat.set_defaults(func=_chat)

    brief = commands.add_parser("brief", help="brief articles (files or URLs) as JSON or text")
    brief.add_argument("inputs", nargs="+", metavar="FILE_OR_URL")
    brief.add_argument("--format", choices=["json", "text"], default="json")
    brief.set_defaults(func=_brief)

    backup = commands.add_parser("backup", help="copy the SQLite database to FILE while it runs")
    backup.add_argument("file", type=Path)
    backup.set_defaults(func=_backup)

    poll = commands.add_parser("poll", help="poll the due sources and print what was new")
    poll.add_argument("--once", action="store_true", help="one pass, then exit")
    poll.set_defaults(func=_poll)

    sources = commands.add_parser("sources", help="manage sources")
    verbs = sources.add_subparsers(dest="verb", required=True)
    add = verbs.add_parser("add", help="add a feed, or a site whose feed is found for you")
    add.add_argument("url")
    add.set_defaults(func=_sources_add)
    verbs.add_parser("list", help="list sources and their state").set_defaults(func=_sources_list)
    remove = verbs.add_parser("remove", help="remove a source")
    remove.add_argument("url")
    remove.set_defaults(func=_sources_remove)
    imp = verbs.add_parser("import", help="add the feeds of an OPML file")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=_sources_import)
    verbs.add_parser("export", help="print the sources as OPML").set_defaults(func=_sources_export)

    deliveries = commands.add_parser("deliveries", help="show the outbox")
    deliveries.add_argument("--failed", action="store_true", help="only rows that failed")
    deliveries.set_defaults(func=_deliveries)
    return parser


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
    from bot.adapters.console import ConsoleAdapter, repl

    core = _core(settings)
    core.add_adapter(ConsoleAdapter())

    async def session() -> None:
        await repl(core.handle_command)
        await core.sender.drain(horizon_s=0)

    asyncio.run(session())
    return 0


def _brief(settings: Settings, args: argparse.Namespace) -> int:
    from bot.intake import brief_inputs

    failed = 0
    single = len(args.inputs) == 1
    for name, result in brief_inputs(args.inputs, allow_private=settings.allow_private_sources):
        failed += "error" in result
        _print_brief(name, result, args.format, single)
    return 1 if failed else 0


def _print_brief(name: str, result: dict, fmt: str, single: bool) -> None:
    if fmt == "text":
        from bot.briefing import Brief, render_brief_text

        body = result.get("error") or render_brief_text(Brief.from_dict(result))
        print(f"{name}\n{body}\n" if not single else body)
    elif single:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(json.dumps({"input": name, **result}, ensure_ascii=False))
    if "error" in result:
        print(f"briefbot: {name}: {result['error']}", file=sys.stderr)


def _poll(settings: Settings, args: argparse.Namespace) -> int:
    core = _core(settings)

    async def once() -> int:
        reports = await core.poll_once()
        for report in reports:
            if report.error:
                print(f"{report.source}: error: {report.error}")
            else:
                print(f"{report.source}: {len(report.new)} new")
                for article_id, title in report.new:
                    print(f"  [{article_id}] {title}")
        return len(reports)

    async def forever() -> None:
        from bot.app import POLL_TICK_S

        while True:
            await once()
            await asyncio.sleep(POLL_TICK_S)

    if args.once:
        if not asyncio.run(once()):
            print("No source is due. `briefbot sources list` shows when each is polled next.")
    else:
        asyncio.run(forever())
    return 0


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
    core = _core(settings)
    print(core.add_source(args.url, "cli"))
    return 0


def _sources_list(settings: Settings, args: argparse.Namespace) -> int:
    core = _core(settings)
    rows = core.store.sources()
    if not rows:
        print("No sources. Add one: briefbot sources add URL")
    for row in rows:
        state = "paused" if row.paused else (f"error: {row.last_error}" if row.last_error else "ok")
        print(f"{row.url}\t{row.kind}\tnext {row.next_poll_at:%Y-%m-%d %H:%M}Z\t{state}")
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
    core = _core(settings)
    added = sum(
        core.store.add_source(o.url, title=o.title, added_by="opml",
                              interval_s=settings.poll_interval_seconds) is not None
        for o in outlines
    )
    print(f"Imported {added} new of {len(outlines)} sources from {args.file}")
    return 0


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

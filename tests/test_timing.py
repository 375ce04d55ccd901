"""Daily briefing slots in the chat's time zone: no day skipped or doubled, DST included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.timing import briefing_due, last_slot, next_slot


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_the_slot_is_local_time():
    slot = last_slot(utc(2025, 6, 1, 7, 0), "Europe/Berlin", "08:00")
    assert slot == utc(2025, 6, 1, 6, 0), "08:00 CEST is 06:00 UTC"


def test_restart_just_before_or_after_the_slot_neither_skips_nor_repeats():
    tz, clock = "Europe/Kyiv", "08:00"
    yesterday_slot = last_slot(utc(2025, 3, 10, 6, 0), tz, clock)
    before = utc(2025, 3, 11, 5, 59)  # 07:59 in Kyiv
    after = utc(2025, 3, 11, 6, 1)  # 08:01 in Kyiv
    assert not briefing_due(before, tz, clock, yesterday_slot + timedelta(minutes=1))
    assert briefing_due(after, tz, clock, yesterday_slot + timedelta(minutes=1))
    assert not briefing_due(after, tz, clock, after - timedelta(seconds=30)), "sent at 08:00"


def test_one_briefing_a_day_across_both_dst_changes():
    tz, clock = "Europe/Berlin", "08:00"
    for start in (utc(2025, 3, 28, 0, 0), utc(2025, 10, 24, 0, 0)):
        last = start
        sent = []
        moment = start
        while moment < start + timedelta(days=5):
            if briefing_due(moment, tz, clock, last):
                sent.append(moment.astimezone(last_slot(moment, tz, clock).tzinfo))
                last = moment
            moment += timedelta(minutes=1)
        assert [s.hour for s in sent] == [8] * 5, sent
        assert len({s.date() for s in sent}) == 5


def test_a_slot_inside_the_spring_gap_still_comes_once():
    tz = "America/New_York"
    last = utc(2025, 3, 8, 12, 0)
    hours = (utc(2025, 3, 9, h, 0) for h in range(24))
    due = [m for m in hours if briefing_due(m, tz, "02:30", last)]
    assert due, "02:30 does not exist on 9 March, the briefing still comes that day"


def test_many_missed_days_give_one_briefing():
    last = utc(2025, 1, 1, 8, 0)
    now = utc(2025, 1, 5, 9, 0)
    assert briefing_due(now, "UTC", "08:00", last)
    assert not briefing_due(now, "UTC", "08:00", now)


def test_next_slot_is_after_now():
    now = utc(2025, 1, 1, 8, 0)
    assert next_slot(now, "UTC", "08:00") == utc(2025, 1, 2, 8, 0)
    assert next_slot(now, "Asia/Tokyo", "08:00") == utc(2025, 1, 1, 23, 0)

"""A real journal on a real SQLite file: one day at a counter with an outage in the middle."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import Entry, ManifestPosting
from pvzdesk.i18n import set_language
from pvzdesk.services.results import OpResult
from pvzdesk.storage.attempts import Attempt
from pvzdesk.storage.database import write_transaction

MOSCOW = timezone(timedelta(hours=3))
DAY = date(2026, 11, 28)
ADAPTER = "reentry"
POSTINGS = [f"01321122{n:02d}-0101-1" for n in range(1, 9)]
LOWER_CODES = {posting: f"2000000000{n:05d}" for n, posting in enumerate(POSTINGS, start=1)}
FORMULA_REASON = '=HYPERLINK("http://evil","x")'


@dataclass
class CounterDay:
    app: AppContext
    clock: FixedClock
    incident_id: str
    during: list[Entry]  # the operations written while the incident was open
    voided: Entry
    void_reason: str


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=MOSCOW)


@pytest.fixture
def russian() -> Iterator[None]:
    set_language("ru")
    try:
        yield
    finally:
        set_language(None)


def _manifest(app: AppContext) -> None:
    rows = [
        ManifestPosting(
            posting=posting,
            barcodes=(LOWER_CODES[posting],),
            customer_name=f"Иванов Пётр {number}",
            customer_phone=f"+7 916 123-45-{number:02d}",
            customer_key=f"c{number}",
        )
        for number, posting in enumerate(POSTINGS, start=1)
    ]
    with write_transaction(app.store.db):
        app.store.postings.upsert_manifest(rows, at(7).isoformat())


@pytest.fixture
def counter_day(tmp_path: Path, russian: None) -> Iterator[CounterDay]:
    clock = FixedClock(at(8, 0, DAY - timedelta(days=1)))
    app = open_app(tmp_path / "data", clock=clock)
    try:
        yield _fill_day(app, clock)
    finally:
        app.close()


def _fill_day(app: AppContext, clock: FixedClock) -> CounterDay:
    counter, incidents = app.counter, app.incidents
    _manifest(app)
    counter.receive([POSTINGS[7]])  # the day before: outside the report
    clock.advance(at(9) - clock.now())
    counter.receive(POSTINGS[:6])
    clock.advance(timedelta(hours=1))
    online_issue = counter.issue([POSTINGS[0]]).entries[0]
    clock.advance(at(11) - clock.now())
    incident, _ = incidents.start("manual", "Озон не открывается")
    during: list[Entry] = []
    calls: list[Callable[[], OpResult]] = [
        lambda: counter.issue([LOWER_CODES[POSTINGS[1]]], customer_code="123456"),
        lambda: counter.refuse([POSTINGS[2]], reason="не подошёл размер"),
        lambda: counter.receive([POSTINGS[6]]),
        lambda: counter.extend([POSTINGS[3]], days=3, incident_id=incident.incident_id),
        lambda: counter.issue([POSTINGS[4]]),
    ]
    for step, call in enumerate(calls):
        clock.advance(timedelta(minutes=5 + step))
        during.extend(call().entries)
    clock.advance(timedelta(minutes=5))
    refused = during[1]
    void = counter.void(refused.entry_id, FORMULA_REASON).entries[0]
    during.append(void)
    clock.advance(at(12, 30) - clock.now())
    incidents.end(incident.incident_id)
    clock.advance(timedelta(minutes=30))
    app.store.attempts.record(
        [
            Attempt(online_issue.entry_id, ADAPTER, clock.now(), "applied"),
            Attempt(during[0].entry_id, ADAPTER, clock.now(), "conflict", detail="уже выдан"),
            Attempt(during[4].entry_id, ADAPTER, clock.now(), "rejected", http_status=400),
        ]
    )
    clock.advance(timedelta(hours=2))
    counter.note("смена закрыта")
    return CounterDay(app, clock, incident.incident_id, during, refused, FORMULA_REASON)


def next_day(day: CounterDay) -> None:
    """The journal goes on the next morning: a report of the day before must not change."""
    day.clock.advance(at(9, 0, DAY + timedelta(days=1)) - day.clock.now())
    day.app.counter.issue([POSTINGS[5]])
    day.app.store.attempts.record(
        [Attempt(day.during[0].entry_id, ADAPTER, day.clock.now(), "applied")]
    )


def tamper_entry(day: CounterDay, seq: int) -> None:
    """What a dishonest edit does: drop the append-only triggers with plain sqlite3, then change
    an entry's payload in place (its stored hash stays the old one)."""
    import sqlite3

    connection = sqlite3.connect(day.app.store.path)
    try:
        connection.execute("DROP TRIGGER entries_no_update")
        connection.execute(
            "UPDATE entries SET payload = ? WHERE seq = ?", ('{"code":"подменено"}', seq)
        )
        connection.commit()
    finally:
        connection.close()


@pytest.fixture
def tamper() -> Callable[[CounterDay, int], None]:
    return tamper_entry

"""The journal on a real SQLite file: durable settings, append-only, hash chain, known failures."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import FixedClock
from pvzdesk.domain.barcodes import GS
from pvzdesk.domain.models import EntryDraft, EntryKind
from pvzdesk.errors import InstanceLockedError, StorageError
from pvzdesk.storage.backups import backup_due, list_backups, make_backup, prune_backups
from pvzdesk.storage.journal import EntryFilter


def test_pragmas_are_durable(app: AppContext) -> None:
    conn = app.store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_entry_fields_and_raw_bytes_are_kept(app: AppContext) -> None:
    raw = ("0104600439931256215Ne3yR" + GS + "93dGVz").encode()
    first, second = app.store.journal.append(
        [
            EntryDraft(EntryKind.NOTE, "", raw, {"text": "a"}),
            EntryDraft(EntryKind.NOTE, "", b"", {}),
        ],
        "Анна",
    )
    stored = app.store.journal.get(first.entry_id)
    assert stored is not None
    assert stored.raw == raw
    assert stored.operator == "Анна"
    assert stored.utc_offset_min == 180
    assert stored.entry_id[14] == "7"  # UUIDv7
    assert (first.device_seq, second.device_seq) == (1, 2)
    assert second.prev_hash == first.hash
    assert app.store.journal.verify().ok


def test_triggers_refuse_update_and_delete(app: AppContext) -> None:
    app.store.journal.append([EntryDraft(EntryKind.NOTE, "", b"x", {})], "op")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        app.store.db.conn.execute("UPDATE entries SET posting = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        app.store.db.conn.execute("DELETE FROM entries")
    assert app.store.journal.count() == 1


def _fill(app: AppContext, count: int) -> None:
    app.counter.receive([f"01321122{n:02d}-0101-1" for n in range(count)])


def test_tampering_with_the_file_is_found(data_dir: Path, clock: FixedClock) -> None:
    with open_app(data_dir, clock=clock) as app:
        _fill(app, 10)
        target = next(iter(app.store.journal.entries(EntryFilter(after_seq=4, limit=1))))
    raw = sqlite3.connect(data_dir / "journal.sqlite")
    raw.executescript("DROP TRIGGER entries_no_update;")
    raw.execute(
        "UPDATE entries SET payload = replace(payload, '2026-11-27', '2026-12-27') WHERE seq = 5"
    )
    raw.commit()
    raw.close()
    with open_app(data_dir, clock=clock) as app:
        report = app.store.journal.verify()
    assert not report.ok
    assert (report.first_bad_seq, report.first_bad_entry_id, report.reason) == (
        5,
        target.entry_id,
        "hash",
    )
    assert report.checked == 4


def test_a_deleted_entry_breaks_the_link(data_dir: Path, clock: FixedClock) -> None:
    with open_app(data_dir, clock=clock) as app:
        _fill(app, 5)
    raw = sqlite3.connect(data_dir / "journal.sqlite")
    raw.executescript("DROP TRIGGER entries_no_delete; DELETE FROM entries WHERE seq = 3;")
    raw.close()
    with open_app(data_dir, clock=clock) as app:
        report = app.store.journal.verify()
    assert (report.ok, report.first_bad_seq, report.reason) == (False, 4, "link")


def test_second_instance_is_refused(data_dir: Path, clock: FixedClock) -> None:
    with open_app(data_dir, clock=clock), pytest.raises(InstanceLockedError) as refused:
        open_app(data_dir, clock=clock)
    assert "уже запущен" in str(refused.value)
    with open_app(data_dir, clock=clock):
        pass  # released when the first closed


def test_disk_full_is_a_clear_error_and_nothing_half_written(app: AppContext) -> None:
    _fill(app, 3)
    before = app.store.journal.count()
    pages = app.store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    app.store.db.conn.execute(f"PRAGMA max_page_count = {pages}")
    big = EntryDraft(EntryKind.NOTE, "", b"", {"text": "x" * 200_000})
    with pytest.raises(StorageError) as full:
        app.store.journal.append([big], "op")
    assert "Диск заполнен" in str(full.value)
    assert app.store.journal.count() == before
    assert app.store.journal.verify().ok


def test_corrupt_database_is_a_clear_error(data_dir: Path, clock: FixedClock) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "journal.sqlite").write_bytes(b"this is not a database" * 1000)
    with pytest.raises(StorageError) as damaged:
        open_app(data_dir, clock=clock)
    assert "повреждён" in str(damaged.value)
    assert (data_dir / "journal.sqlite").read_bytes().startswith(b"this is not")  # untouched


def _damage_pages(data_dir: Path) -> None:
    path = data_dir / "journal.sqlite"
    content = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page + 100, min(len(content), 6 * page), 7):
        content[offset] = 0xFF
    path.write_bytes(bytes(content))


def test_damaged_pages_are_found_at_open_when_the_check_is_due(
    data_dir: Path, clock: FixedClock
) -> None:
    with open_app(data_dir, clock=clock) as app:
        _fill(app, 40)
        app.store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage_pages(data_dir)
    clock.advance(timedelta(days=1, minutes=1))  # the daily check is due
    with pytest.raises(StorageError):
        open_app(data_dir, clock=clock)


def test_the_check_runs_after_an_unclean_shutdown_not_at_every_open(
    data_dir: Path, clock: FixedClock
) -> None:
    with open_app(data_dir, clock=clock) as app:
        _fill(app, 40)
        app.store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open_app(data_dir, clock=clock):
        pass  # a session that closes cleanly
    crashed = open_app(data_dir, clock=clock, check_integrity=True)  # checked and noted
    crashed.store.db.conn.close()  # the process dies: no clean close
    assert crashed.store.lock is not None
    crashed.store.lock.release()
    _damage_pages(data_dir)
    with pytest.raises(StorageError):  # the crash left the folder marked open: checked
        open_app(data_dir, clock=clock)


def test_a_cleanly_closed_recently_checked_journal_opens_without_the_check(
    data_dir: Path, clock: FixedClock
) -> None:
    from pvzdesk.storage.integrity import check_due, last_check

    path = data_dir / "journal.sqlite"
    with open_app(data_dir, clock=clock, check_integrity=True):
        assert check_due(path, clock.now())  # open right now: a crash would leave it so
    assert last_check(path) == clock.now()
    assert not check_due(path, clock.now() + timedelta(hours=23))
    assert check_due(path, clock.now() + timedelta(days=1))
    assert check_due(path, clock.now() - timedelta(minutes=1))  # a clock set back


def test_read_only_directory_is_a_clear_error(data_dir: Path, clock: FixedClock) -> None:
    import os

    if os.geteuid() == 0:
        # root ignores permissions; use a read-only SQLite open of a file instead
        with open_app(data_dir, clock=clock):
            pass
        conn = sqlite3.connect(f"file:{data_dir / 'journal.sqlite'}?mode=ro", uri=True)
        from pvzdesk.storage.errors import storage_errors

        with pytest.raises(StorageError) as read_only, storage_errors(data_dir):
            conn.execute("CREATE TABLE t (x)")
        conn.close()
    else:
        data_dir.mkdir(parents=True)
        data_dir.chmod(0o500)
        with pytest.raises(StorageError) as read_only:
            open_app(data_dir, clock=clock)
        data_dir.chmod(0o700)
    assert "только для чтения" in str(read_only.value) or "не открывается" in str(read_only.value)


def test_backups_roll(app: AppContext, clock: FixedClock) -> None:
    _fill(app, 3)
    backups = app.paths.backups
    assert backup_due(backups, clock.now())
    for _ in range(5):
        make_backup(app.store.path, backups, clock.now())
        clock.advance(timedelta(days=2))
    assert len(list_backups(backups)) == 5
    removed = prune_backups(backups, clock.now(), keep_days=5)
    assert len(removed) == 3
    newest = list_backups(backups)[-1][1]
    copy = sqlite3.connect(newest)
    assert copy.execute("SELECT count(*) FROM entries").fetchone()[0] == 3
    copy.close()

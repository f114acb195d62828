"""3. The journal knows itself: an empty or foreign file is refused with what to do, a journal
shorter than its backup is refused, and ``journal restore`` says exactly what the backup lacks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.adversarial.conftest import P1, P2, P3, Desk


def receive_backup_receive(desk: Desk) -> None:
    assert desk.run("receive", P1, P2).returncode == 0
    assert desk.run("backup").returncode == 0
    assert desk.run("receive", P3).returncode == 0


def test_an_empty_journal_beside_backups_is_refused_not_started_over(desk: Desk) -> None:
    receive_backup_receive(desk)
    for suffix in ("-wal", "-shm"):
        Path(f"{desk.journal}{suffix}").unlink(missing_ok=True)
    desk.journal.write_bytes(b"")
    refused = desk.run("receive", P1)
    assert refused.returncode == 2
    assert "пуст" in refused.stderr and "journal restore" in refused.stderr
    assert desk.journal.stat().st_size == 0  # untouched: no new journal over it


def test_a_foreign_database_is_refused_and_left_as_it_was(desk: Desk) -> None:
    desk.home.mkdir()
    foreign = sqlite3.connect(desk.journal)
    foreign.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    foreign.execute("INSERT INTO contacts VALUES ('Иван', '+79990001122')")
    foreign.commit()
    foreign.close()
    before = desk.journal.read_bytes()
    refused = desk.run("storage")
    assert refused.returncode == 2
    assert "не журнал pvzdesk" in refused.stderr
    assert desk.journal.read_bytes() == before  # no tables of ours added, no WAL switched on
    verify = desk.run("journal", "verify")
    assert verify.returncode == 2 and "не журнал pvzdesk" in verify.stderr


def test_a_journal_shorter_than_its_backup_is_refused(desk: Desk) -> None:
    receive_backup_receive(desk)
    (desk.home / "journal.anchor").unlink()  # even without the anchor, the backup knows
    desk.sql(
        "DROP TRIGGER entries_no_delete; DELETE FROM entries WHERE seq >= 2;",
    )
    refused = desk.run("storage")
    assert refused.returncode == 2
    assert "короче" in refused.stderr and "journal restore" in refused.stderr


def test_restore_says_what_the_backup_lacks_from_the_old_file(desk: Desk) -> None:
    receive_backup_receive(desk)
    desk.sql("DROP TRIGGER entries_no_update; UPDATE entries SET hash = 'x' WHERE seq = 1;")
    restored = desk.run("journal", "restore")
    assert restored.returncode == 0, restored.stderr
    # the backup has #1-#2; the old file still held #3, a receive
    assert "записей: 2" in restored.stdout or "2 entries" in restored.stdout
    assert "№3–№3" in restored.stdout and "receive ×1" in restored.stdout
    kept = list(desk.home.glob("journal.sqlite.before-restore-*"))
    assert len([p for p in kept if not p.name.endswith(("-wal", "-shm"))]) == 1
    assert desk.run("journal", "verify").returncode == 0
    assert desk.run("receive", P3).returncode == 0  # work goes on, the chain continues from #2


def test_restore_after_an_empty_journal_names_the_entries_only_the_anchor_knew(desk: Desk) -> None:
    receive_backup_receive(desk)
    for suffix in ("-wal", "-shm"):
        Path(f"{desk.journal}{suffix}").unlink(missing_ok=True)
    desk.journal.write_bytes(b"")
    restored = desk.run("journal", "restore")
    assert restored.returncode == 0, restored.stderr
    assert "НЕ ХВАТАЕТ" in restored.stdout or "LACKS" in restored.stdout
    assert "№3–№3" in restored.stdout
    assert desk.count() == 2
    assert desk.run("journal", "verify").returncode == 0


def test_backups_in_a_folder_moved_by_the_settings_guard_and_restore_the_journal(
    desk: Desk, tmp_path: Path
) -> None:
    """Where the settings keep backups elsewhere, that folder is the one the open-time guard and
    ``journal restore`` read (not the data folder's own ``backups/``)."""
    elsewhere = tmp_path / "usb-stick" / "backups"
    desk.home.mkdir()
    (desk.home / "settings.toml").write_text(f'backup_dir = "{elsewhere}"\n', encoding="utf-8")
    receive_backup_receive(desk)
    assert list(elsewhere.glob("journal-*.sqlite")) and not (desk.home / "backups").exists()
    for suffix in ("-wal", "-shm"):
        Path(f"{desk.journal}{suffix}").unlink(missing_ok=True)
    (desk.home / "journal.anchor").unlink()  # only the moved backups show a journal existed
    desk.journal.write_bytes(b"")
    refused = desk.run("receive", P1)
    assert refused.returncode == 2 and "journal restore" in refused.stderr
    restored = desk.run("journal", "restore")
    assert restored.returncode == 0, restored.stderr
    assert desk.count() == 2

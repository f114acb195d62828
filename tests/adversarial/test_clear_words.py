"""8. Clear words: raw input echoed safely, no internal names, each code's ✓ as it is committed,
a killed backup's leftovers pruned, dropped append-only triggers restored with a warning."""

from __future__ import annotations

import sqlite3

from tests.adversarial.conftest import P1, P2, Desk

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\r"
GS1 = "010460043993125621JgXJ5.T\x1d91EE06"


def test_a_refused_code_is_echoed_without_its_terminal_escapes(desk: Desk) -> None:
    result = desk.run("receive", ESCAPES + "0132")
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\r" not in result.stderr
    assert "\\x1b]0;pwned\\x07\\x1b[2J\\x0d0132" in result.stderr


def test_messages_name_no_internal_kinds(desk: Desk) -> None:
    result = desk.run("receive", GS1)
    assert result.returncode == 1
    assert "gs1_datamatrix" not in result.stderr and "код маркировки товара" in result.stderr
    assert "<GS>" in result.stderr  # the separator named, not printed raw
    customer = desk.run("receive", "12345678*1234")
    assert "customer_code" not in customer.stderr


def test_each_code_is_ticked_as_it_is_committed(desk: Desk) -> None:
    result = desk.run("receive", P1, P2)
    ticks = [line for line in result.stdout.splitlines() if line.startswith("✓")]
    assert [P1 in ticks[0], P2 in ticks[1]] == [True, True]


def test_a_killed_backups_partial_file_is_pruned(desk: Desk) -> None:
    assert desk.run("receive", P1).returncode == 0
    backups = desk.home / "backups"
    backups.mkdir()
    leftover = backups / "journal-20261120-100000.partial"
    leftover.write_bytes(b"\0" * 100_000)  # what a backup killed mid-copy leaves
    assert desk.run("backup").returncode == 0
    assert not leftover.exists()
    assert len(list(backups.glob("journal-*.sqlite"))) == 1


def test_dropped_triggers_are_restored_with_a_warning(desk: Desk) -> None:
    assert desk.run("receive", P1).returncode == 0
    desk.sql("DROP TRIGGER entries_no_update; DROP TRIGGER sync_attempts_no_delete;")
    result = desk.run("storage")
    assert result.returncode == 0
    assert "Защита журнала от изменений была снята (правил: 2)" in result.stderr
    conn = sqlite3.connect(desk.journal)
    try:
        names = {
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        assert {"entries_no_update", "sync_attempts_no_delete"} <= names
    finally:
        conn.close()

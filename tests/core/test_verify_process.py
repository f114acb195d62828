"""``python -m pvzdesk.storage.verify_process``: the chain walked in a child process, read-only,
beside a running app that holds the instance lock."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from pvzdesk.app import AppContext
from pvzdesk.domain.models import EntryDraft, EntryKind
from pvzdesk.storage import verify_process


def run(path: Path) -> tuple[int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-m", "pvzdesk.storage.verify_process", str(path), "--language", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stdout.splitlines()


def test_progress_then_the_report_while_the_app_holds_the_lock(app: AppContext) -> None:
    drafts = [EntryDraft(EntryKind.NOTE, "", b"", {"n": n}) for n in range(45)]
    app.store.journal.append(drafts, "tester")
    code, lines = run(app.store.path)
    assert code == verify_process.EXIT_OK
    assert lines[0] == "progress 0 45" and lines[-2] == "progress 45 45"
    report = json.loads(lines[-1])
    assert report["ok"] and report["checked"] == 45
    assert report["head_hash"] == app.store.journal.head()[1]


def test_a_forged_entry_is_named_and_nothing_is_written(app: AppContext) -> None:
    drafts = [EntryDraft(EntryKind.NOTE, "", b"", {"n": n}) for n in range(10)]
    app.store.journal.append(drafts, "tester")
    raw = sqlite3.connect(app.store.path)
    raw.execute("DROP TRIGGER entries_no_update")
    raw.execute("UPDATE entries SET payload = '{\"n\":99}' WHERE seq = 4")
    raw.commit()
    raw.close()
    code, lines = run(app.store.path)
    assert code == verify_process.EXIT_BROKEN
    report = json.loads(lines[-1])
    assert not report["ok"] and report["first_bad_seq"] == 4 and report["reason"] == "hash"


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    code, lines = run(tmp_path / "nothing.sqlite")
    assert code == verify_process.EXIT_ERROR
    assert "cannot be opened" in json.loads(lines[-1])["error"]

"""Verify the journal's hash chain in a process of its own.

    python -m pvzdesk.storage.verify_process DBPATH [--language ru|en]

Walking a million entries is pure Python; in a thread of the GUI process it holds the GIL and the
window stalls (524 ms measured). Here it runs beside the window instead: the database is opened
READ-ONLY, without the instance lock the running app holds, and walked in batches. Output, one
line each, flushed:

    progress DONE TOTAL          after every batch (TOTAL: entries when the walk began)
    {"ok": true, "checked": N, "head_hash": "...", "first_bad_seq": null, ...}   last line

Exit code 0 when the chain holds, 1 when it is broken, 2 when the database cannot be read (the
last line is then ``{"error": "...", "hint": "..."}``). Killing the process loses nothing: it
never writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from pvzdesk.domain.chain import ChainReport, verify_chain
from pvzdesk.domain.models import Entry
from pvzdesk.errors import PvzdeskError
from pvzdesk.i18n import SUPPORTED_LANGUAGES, set_language
from pvzdesk.priority import lower_this_thread
from pvzdesk.storage.database import connect
from pvzdesk.storage.errors import storage_errors
from pvzdesk.storage.rows import ENTRY_COLUMNS, entry_from_row

BATCH = 20_000
EXIT_OK, EXIT_BROKEN, EXIT_ERROR = 0, 1, 2


def verify_file(path: Path, out: TextIO, batch: int = BATCH) -> ChainReport:
    """Walk the chain of the database at ``path``, writing progress lines to ``out``."""
    db = connect(path, check_integrity=False, read_only=True)
    conn = db.conn
    try:
        with storage_errors(path):
            total = int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])

        def entries() -> Iterator[Entry]:
            after, done = 0, 0
            sql = f"SELECT {ENTRY_COLUMNS} FROM entries WHERE seq > ? ORDER BY seq LIMIT ?"
            while True:
                with storage_errors(path):
                    rows = conn.execute(sql, (after, batch)).fetchall()
                if not rows:
                    return
                for row in rows:
                    yield entry_from_row(row)
                done += len(rows)
                after = int(rows[-1][0])
                print(f"progress {done} {total}", file=out, flush=True)

        print(f"progress 0 {total}", file=out, flush=True)
        return verify_chain(entries())
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pvzdesk.storage.verify_process")
    parser.add_argument("db", type=Path, metavar="DBPATH")
    parser.add_argument("--language", choices=sorted(SUPPORTED_LANGUAGES))
    args = parser.parse_args(argv)
    lower_this_thread()  # a long CPU walk must not take the counter window's core
    set_language(args.language)  # the messages of an error, in the window's language
    try:
        report = verify_file(args.db, sys.stdout)
    except PvzdeskError as error:
        print(json.dumps({"error": error.message, "hint": error.hint}, ensure_ascii=False))
        return EXIT_ERROR
    print(json.dumps(asdict(report), ensure_ascii=False), flush=True)
    return EXIT_OK if report.ok else EXIT_BROKEN


if __name__ == "__main__":
    sys.exit(main())

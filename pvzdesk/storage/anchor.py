"""An anchor outside the journal file: the chain head, signed, in an append-only file beside it.

The hash chain alone proves entries were not changed *inside* a chain, but a chain cut short (the
newest entries deleted, the WAL file lost after a crash) or re-hashed from scratch is still a valid
chain. So after every commit the head (seq, hash) is appended to ``journal.anchor`` with an HMAC by
this device's key (kept in the OS keyring): a shorter journal, or one whose entry at an anchored seq
has another hash, is named by ``journal verify`` and refused at open.

Durability: after each commit the head is queued to a small thread that signs, writes (one
``write`` on an O_APPEND file) and fsyncs it, so a scan pays neither the keyring nor an extra fsync.
A kill or a power cut can lose the newest anchor lines: the anchor is then *behind* the journal,
which is never reported as a loss.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

ANCHOR_NAME = "journal.anchor"
_TAIL_BYTES = 8_192
log = logging.getLogger(__name__)
_VERSION = "v1"


class AnchorKind(StrEnum):
    HEAD = "head"  # the chain head after a commit
    RESTORE = "restore"  # the journal was restored from a backup: a new baseline


@dataclass(frozen=True)
class AnchorLine:
    kind: AnchorKind
    seq: int
    hash: str
    device_id: str
    signed: bool  # the HMAC matches this device's key

    def text(self) -> str:
        return f"{_VERSION} {self.kind.value} {self.seq} {self.hash} {self.device_id}"


def sign(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode("ascii"), hashlib.sha256).hexdigest()


def signed_line(key: bytes, kind: AnchorKind, seq: int, chain_hash: str, device_id: str) -> str:
    text = AnchorLine(kind, seq, chain_hash, device_id, True).text()
    return f"{text} {sign(key, text)}"


def parse_line(line: str, key: bytes | None) -> AnchorLine | None:
    """``key`` None: the line's shape only (its signature is reported as not checked: False)."""
    parts = line.split()
    if len(parts) != 6 or parts[0] != _VERSION:
        return None
    try:
        kind = AnchorKind(parts[1])
        seq = int(parts[2])
    except ValueError:
        return None
    found = AnchorLine(kind, seq, parts[3], parts[4], False)
    if key is None:
        return found
    return AnchorLine(
        kind, seq, parts[3], parts[4], hmac.compare_digest(sign(key, found.text()), parts[5])
    )


_PREPARE: tuple[AnchorKind, int, str] = (AnchorKind.HEAD, -1, "")  # fetch the key, anchor nothing


class Anchor:
    """One per journal connection. Appends are safe from several threads and processes: each line
    is a single small write to a file opened with O_APPEND.

    ``post`` (after a commit, on the scan path) only queues the head: a small thread of its own
    signs it (the key comes from the OS keyring, ~0.1 s the first time), writes it and fsyncs, so
    a scan's confirmation waits for neither. A process killed before the thread wrote leaves the
    anchor behind the journal, which is never reported as a loss. ``record`` writes at once."""

    def __init__(self, path: Path, key: bytes | Callable[[], bytes], device_id: str) -> None:
        """``key`` may be a function, called on the first signature, not at open (a CLI command
        that only reads never pays for the keyring)."""
        self.path = path
        self._key_source = key
        self._device_id = device_id
        self._fd: int | None = None
        self._lock = threading.Lock()
        self._queue: queue.Queue[tuple[AnchorKind, int, str] | None] = queue.Queue()  # None: stop
        self._thread: threading.Thread | None = None
        self._closed = False

    def post(self, kind: AnchorKind, seq: int, chain_hash: str) -> None:
        """Anchor this head soon, off the caller's thread."""
        self._start()
        self._queue.put((kind, seq, chain_hash))

    def prepare(self) -> None:
        """Fetch the key now, on the anchor's thread: the first fetch imports the keyring and
        its backends (a few dozen ms holding the interpreter's lock, which stalled the window
        when it came with the first scan of the day). The window calls this once it is up."""
        if self._closed:
            return  # the window came up after its journal was closed (a test, a quick exit)
        self._start()
        self._queue.put(_PREPARE)

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._write_posted, name="pvzdesk-anchor", daemon=True
            )
            self._thread.start()

    def _write_posted(self) -> None:
        while True:
            item = self._queue.get()
            batch = [item]
            while not self._queue.empty():  # a burst of commits: anchor only its newest head
                batch.append(self._queue.get_nowait())
            heads = [head for head in batch if head is not None and head is not _PREPARE]
            if any(item is _PREPARE for item in batch):
                try:
                    _ = self.key
                except Exception:  # the first signature tries again, and reports it there
                    log.warning("the anchor's key could not be fetched ahead", exc_info=True)
            try:
                if heads:
                    self.record(*heads[-1])
            except OSError:
                # a full disk leaves the anchor behind (never reported as a loss); the entries
                # themselves are committed, so nothing the operator saw confirmed is at risk
                log.warning("the chain head #%s could not be anchored", heads[-1][1], exc_info=True)
            finally:
                for _ in batch:
                    self._queue.task_done()
            if None in batch:
                return

    def drain(self) -> None:
        """Wait until every posted head is written and fsynced."""
        if self._thread is not None and self._thread.is_alive():
            self._queue.join()

    def record(self, kind: AnchorKind, seq: int, chain_hash: str) -> None:
        """Sign, write and fsync one head now."""
        line = signed_line(self.key, kind, seq, chain_hash, self._device_id) + "\n"
        with self._lock:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            os.write(self._fd, line.encode("ascii"))
            os.fsync(self._fd)

    def signed(self, seq: int, chain_hash: str) -> str:
        """The signed head line, to copy into a backup, a report or a bundle."""
        return signed_line(self.key, AnchorKind.HEAD, seq, chain_hash, self._device_id)

    def close(self) -> None:
        self._closed = True
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=10)
            self._thread = None
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    @property
    def key(self) -> bytes:
        if callable(self._key_source):
            self._key_source = self._key_source()
        return self._key_source

    def last(self, *, check_signature: bool = True) -> AnchorLine | None:
        return last_line(self.path, self.key if check_signature else None)


def last_line(path: Path, key: bytes | None) -> AnchorLine | None:
    """The newest complete line (a torn last line, cut by a crash mid-write, is skipped)."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - _TAIL_BYTES))
            tail = handle.read().decode("ascii", errors="replace")
    except FileNotFoundError:
        return None
    for line in reversed(tail.splitlines()):
        parsed = parse_line(line, key)
        if parsed is not None:
            return parsed
    return None


class AnchorVerdict(StrEnum):
    OK = "ok"
    NONE = "none"  # no anchor yet (a journal from before anchors, or a fresh one)
    FORGED = "forged"  # the newest anchor line is not signed by this device's key
    MISSING_TAIL = "missing_tail"  # the journal ends before the anchored head
    RECHAINED = "rechained"  # the entry at the anchored seq has another hash


@dataclass(frozen=True)
class AnchorCheck:
    verdict: AnchorVerdict
    anchored_seq: int = 0
    journal_seq: int = 0
    restored: bool = False  # the newest baseline is a restore from a backup

    @property
    def ok(self) -> bool:
        return self.verdict in (AnchorVerdict.OK, AnchorVerdict.NONE)


def compare(
    line: AnchorLine | None,
    journal_seq: int,
    hash_at_anchored: str | None,
    *,
    check_signature: bool = True,
) -> AnchorCheck:
    """Compare the newest anchor line with the journal: its head seq and its hash at that seq."""
    if line is None:
        return AnchorCheck(AnchorVerdict.NONE, 0, journal_seq)
    restored = line.kind is AnchorKind.RESTORE
    if check_signature and not line.signed:
        return AnchorCheck(AnchorVerdict.FORGED, line.seq, journal_seq, restored)
    if journal_seq < line.seq:
        return AnchorCheck(AnchorVerdict.MISSING_TAIL, line.seq, journal_seq, restored)
    if line.seq > 0 and hash_at_anchored != line.hash:
        return AnchorCheck(AnchorVerdict.RECHAINED, line.seq, journal_seq, restored)
    return AnchorCheck(AnchorVerdict.OK, line.seq, journal_seq, restored)

"""The anchor's key: one per device however many threads ask for it first, never an empty one."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from pvzdesk.secrets import ANCHOR_KEY_FILE, anchor_key
from tests.memory_keyring import MemoryKeyring

THREADS = 8


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A bare Linux box: no OS keyring, so the key lives in a file beside the journal."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(before)


def keys_at_once(device_id: str, data_dir: Path) -> list[bytes]:
    start = threading.Barrier(THREADS)
    found: list[bytes] = []

    def ask() -> None:
        start.wait()
        found.append(anchor_key(device_id, data_dir)[0])

    threads = [threading.Thread(target=ask) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return found


def test_a_key_file_left_empty_by_a_crash_is_replaced(tmp_path: Path, no_keyring: None) -> None:
    (tmp_path / ANCHOR_KEY_FILE).write_text("", encoding="ascii")
    key, in_keyring = anchor_key("device-empty", tmp_path)
    assert not in_keyring and len(key) == 32
    assert anchor_key("device-empty", tmp_path)[0] == key  # and it is kept
    assert not list(tmp_path.glob("*.new"))  # no draft left behind


def test_threads_asking_first_share_one_file_key(tmp_path: Path, no_keyring: None) -> None:
    found = keys_at_once("device-file", tmp_path)
    assert len(found) == THREADS and len(set(found)) == 1 and len(found[0]) == 32
    assert bytes.fromhex((tmp_path / ANCHOR_KEY_FILE).read_text(encoding="ascii")) == found[0]


def test_threads_asking_first_share_one_keyring_key(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    found = keys_at_once("device-keyring", tmp_path)
    assert len(set(found)) == 1 and len(found[0]) == 32
    assert not (tmp_path / ANCHOR_KEY_FILE).exists()


def test_prepare_fetches_the_key_once_on_the_anchors_thread_before_any_write(
    tmp_path: Path,
) -> None:
    """The window asks for the key when it comes up, so the first scan's anchor does not pay for
    the keyring's imports; the key is fetched once, off the caller's thread, and then serves the
    writes. A journal already closed is not prepared again."""
    from pvzdesk.storage.anchor import Anchor, AnchorKind, last_line

    fetched_on: list[str] = []

    def key() -> bytes:
        fetched_on.append(threading.current_thread().name)
        return b"k" * 32

    anchor = Anchor(tmp_path / "anchor", key, "desk-1")
    anchor.prepare()
    anchor.drain()
    assert fetched_on == ["pvzdesk-anchor"]
    assert not (tmp_path / "anchor").exists()  # nothing anchored by preparing
    anchor.post(AnchorKind.HEAD, 7, "ab" * 32)
    anchor.drain()
    assert fetched_on == ["pvzdesk-anchor"]
    line = last_line(tmp_path / "anchor", b"k" * 32)
    assert line is not None and line.seq == 7 and line.signed
    anchor.close()
    closed = Anchor(tmp_path / "closed", key, "desk-2")
    closed.close()
    closed.prepare()  # the window came up after its journal was closed
    closed.drain()
    assert fetched_on == ["pvzdesk-anchor"]

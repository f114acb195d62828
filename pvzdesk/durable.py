"""Files that must be whole or absent: evidence photos, backups, exports the journal references.

One way to write them: a temporary name beside the target, the data fsynced, an atomic rename,
then the folder fsynced so the rename itself survives a power cut. A crash at any point leaves
either the previous state or the whole new file under the real name, never half of one (a
leftover ``.part`` is overwritten by the next write of the same file).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PART_SUFFIX = ".part"


def temporary_name(target: Path) -> Path:
    return target.with_name(f".{target.name}{PART_SUFFIX}")


def fsync_file(path: Path) -> None:
    # Windows flushes a file only through a handle that may write (FlushFileBuffers needs
    # GENERIC_WRITE: fsync of a read-only descriptor fails with EBADF there); "r+b" neither
    # truncates nor moves anything. Elsewhere a read-only descriptor is enough.
    with path.open("r+b" if os.name == "nt" else "rb") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable. Windows cannot open a folder for fsync; NTFS
    journals the rename's metadata itself."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def durable_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target`` to write; it becomes ``target`` (fsynced, renamed,
    folder fsynced) only if the block succeeds. On failure the temporary file is removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_name(target)
    try:
        yield temporary
        fsync_file(temporary)
        os.replace(temporary, target)
        fsync_folder(target.parent)
    finally:
        temporary.unlink(missing_ok=True)


def write_durably(target: Path, data: bytes) -> None:
    with durable_output(target) as temporary:
        temporary.write_bytes(data)

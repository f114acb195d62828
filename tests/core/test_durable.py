"""Files the journal references are whole or absent: a real process killed (SIGKILL) between
writing a photo and renaming it leaves no file under the real name, and the next save of the
same photo writes it whole."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pvzdesk.app import AppContext
from pvzdesk.durable import durable_output, temporary_name, write_durably

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4000  # ~1 MB

# Writes the photo through the one durable writer, then waits to be killed before the rename.
CHILD = """
import sys
from pathlib import Path
from pvzdesk.durable import durable_output
target, half = Path(sys.argv[1]), sys.argv[2] == "half"
data = sys.stdin.buffer.read(int(sys.argv[3]))
with durable_output(target) as temporary:
    with temporary.open("wb") as handle:
        handle.write(data[: len(data) // 2] if half else data)
        handle.flush()
        print("written", flush=True)
        sys.stdin.buffer.read()  # killed here, before the rename
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
@pytest.mark.parametrize("half", ["half", "whole"])
def test_a_crash_between_photo_write_and_rename_leaves_no_half_file(
    app: AppContext, half: str
) -> None:
    sha256 = hashlib.sha256(JPEG).hexdigest()
    target = app.paths.evidence / f"{sha256}.jpg"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(target), half, str(len(JPEG))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(JPEG)
    child.stdin.flush()
    assert child.stdout.readline().strip() == b"written"
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    child.stdin.close()
    child.stdout.close()
    assert not target.exists()  # nothing under the real name
    assert temporary_name(target).exists()  # the crash left its temporary file...
    photo = app.services.evidence.store_photo(JPEG)  # ...which the next save replaces
    assert photo.file_name == target.name
    assert target.read_bytes() == JPEG
    assert not temporary_name(target).exists()


def test_a_failed_write_leaves_neither_file(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    with pytest.raises(RuntimeError), durable_output(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("cancelled")
    assert list(tmp_path.iterdir()) == []
    write_durably(target, b"whole")
    assert target.read_bytes() == b"whole" and list(tmp_path.iterdir()) == [target]

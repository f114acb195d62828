"""The hostile world, for real: real processes on real files, a full disk (tmpfs, or a file-size
limit where mounting is not allowed), a read-only folder, a tamperer with sqlite3 in hand."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
P1, P2, P3 = "0132112277-0101-1", "0132112277-0101-2", "0132112277-0101-3"
LOWER1, LOWER2 = "200001234567890", "200001234567891"


# sets RLIMIT_FSIZE (writes past it fail with EFBIG: Python ignores SIGXFSZ), then becomes argv[2:]
LIMITED_LAUNCHER = (
    "import os, resource, sys\n"
    "limit = int(sys.argv[1])\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))\n"
    "os.execv(sys.argv[2], sys.argv[2:])\n"
)


class Desk:
    """One data folder and the ``pvzdesk`` command run on it in a fresh process each time."""

    def __init__(self, home: Path, keyring_file: Path) -> None:
        self.home = home
        self.keyring_file = keyring_file

    @property
    def journal(self) -> Path:
        return self.home / "journal.sqlite"

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            **os.environ,
            "LANG": "ru_RU.UTF-8",
            "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
            "PYTHON_KEYRING_BACKEND": "tests.adversarial.file_keyring.FileKeyring",
            "PVZDESK_TEST_KEYRING": str(self.keyring_file),
            **extra,
        }
        env.pop("LC_ALL", None)
        env.pop("PVZDESK_HOME", None)
        return env

    def run(
        self,
        *args: str | bytes,
        file_limit: int | None = None,
        data_dir: Path | None = None,
        **extra_env: str,
    ) -> subprocess.CompletedProcess[str]:
        # a file-size limit is set by a small launcher that then execs pvzdesk: no preexec_fn,
        # which is unsafe in a test process that runs threads
        launcher: list[str | bytes] = (
            [sys.executable, "-c", LIMITED_LAUNCHER, str(file_limit)] if file_limit else []
        )
        command: list[str | bytes] = [
            *launcher,
            sys.executable,
            "-m",
            "pvzdesk",
            "--data-dir",
            str(data_dir or self.home),
            *args,
        ]
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            errors="replace",
            env=self.env(**extra_env),
            cwd=REPO,
            timeout=120,
        )
        # whatever the world did, never a traceback, never "a bug" (exit 70)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode != 70, result.stderr
        return result

    def append_notes(self, count: int) -> None:
        """Many entries at once, written by a process with this desk's keyring (its anchor key)."""
        script = (
            "import sys\n"
            "from pvzdesk.app import open_app\n"
            "from pvzdesk.domain.models import EntryDraft, EntryKind\n"
            "with open_app(sys.argv[1]) as app:\n"
            f"    drafts = [EntryDraft(EntryKind.NOTE, payload={{'n': n}}) for n in range({count})]\n"
            "    app.store.journal.append(drafts, 'op')\n"
        )
        subprocess.run(
            [sys.executable, "-c", script, str(self.home)],
            env=self.env(),
            cwd=REPO,
            check=True,
            timeout=120,
        )

    def sql(self, *statements: str, path: Path | None = None) -> None:
        """The tamperer: plain sqlite3 on the file, the guards dropped first."""
        conn = sqlite3.connect(path or self.journal)
        try:
            for statement in statements:
                conn.executescript(statement)
            conn.commit()
        finally:
            conn.close()

    def count(self, path: Path | None = None) -> int:
        conn = sqlite3.connect(path or self.journal)
        try:
            return int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
        finally:
            conn.close()


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    return Desk(tmp_path / "desk", tmp_path / "keyring.json")


def _mount(*args: str) -> bool:
    if shutil.which("mount") is None:
        return False
    done = subprocess.run(["mount", *args], capture_output=True, check=False)
    return done.returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path | None]:
    """A 1 MB tmpfs to fill up, or None where this machine does not let us mount one."""
    point = tmp_path / "small-disk"
    point.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(point)):
        yield None
        return
    try:
        yield point
    finally:
        _umount(point)


@pytest.fixture
def read_only_view(tmp_path: Path) -> Iterator[Callable[[Path], Path | None]]:
    """A read-only view of a folder: a read-only bind mount (root can write through chmod), or a
    chmod'ed folder when not root; None when neither can be had here."""
    mounted: list[Path] = []
    chmodded: list[Path] = []

    def view(folder: Path) -> Path | None:
        point = tmp_path / f"ro-{len(mounted)}"
        point.mkdir()
        if _mount("--bind", str(folder), str(point)):
            mounted.append(point)
            if _mount("-o", "remount,bind,ro", str(point)):
                return point
            return None
        if os.geteuid() != 0:
            folder.chmod(0o555)
            chmodded.append(folder)
            return folder
        return None

    try:
        yield view
    finally:
        for point in mounted:
            _umount(point)
        for folder in chmodded:
            folder.chmod(0o755)


def fill_disk(point: Path) -> None:
    """Write until the disk refuses: 100% full."""
    with (point / "filler").open("wb", buffering=0) as handle:
        block = b"\0" * 4096
        try:
            while True:
                handle.write(block)
        except OSError:
            pass

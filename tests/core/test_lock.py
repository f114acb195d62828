"""The single-instance lock with real processes: one holds, the other is refused.

The holder is a child process that takes the lock, says so on stdout and waits for a line on
stdin; nothing here waits on the clock.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pvzdesk.errors import InstanceLockedError
from pvzdesk.storage.lock import LOCK_NAME, InstanceLock, locks_directory

PACKAGE = Path(__file__).resolve().parents[2] / "pvzdesk"

HOLDER = """
import sys
from pathlib import Path
from pvzdesk.storage.lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]), platform=sys.argv[2])
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
lock.release()
"""

CONTENDER = """
import sys
from pathlib import Path
from pvzdesk.errors import InstanceLockedError
from pvzdesk.storage.lock import InstanceLock
try:
    InstanceLock(Path(sys.argv[1]), platform=sys.argv[2]).acquire()
except InstanceLockedError as error:
    print(error.message)
    sys.exit(3)
print("acquired")
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(PACKAGE.parent)
    return env


@pytest.fixture
def holder(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    platform: str = getattr(request, "param", sys.platform)
    data_dir = tmp_path / "data"
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir), platform],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert process.stdout is not None and process.stdin is not None
    assert process.stdout.readline().strip() == "held"
    yield data_dir
    process.stdin.write("\n")
    process.stdin.close()
    assert process.wait(timeout=60) == 0
    process.stdout.close()


def _contend(data_dir: Path, platform: str = sys.platform) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CONTENDER, str(data_dir), platform],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
        check=False,
    )


def test_a_second_process_is_refused_and_told_who_holds_it(holder: Path) -> None:
    refused = _contend(holder)
    assert refused.returncode == 3, refused.stdout + refused.stderr
    assert "уже запущен" in refused.stdout
    pid = (holder / LOCK_NAME).read_text(encoding="ascii")
    assert pid.isdigit() and pid in refused.stdout


def test_deleting_the_lock_file_does_not_let_a_second_process_in(holder: Path) -> None:
    (holder / LOCK_NAME).unlink()
    refused = _contend(holder)
    assert refused.returncode == 3, refused.stdout + refused.stderr


@pytest.mark.parametrize("holder", ["win32"], indirect=True)
def test_the_windows_path_locks_the_file_alone_and_refuses_a_second_process(
    holder: Path,
) -> None:
    # Forced here: the lock file only, as on Windows (where the OS refuses to delete it while held).
    refused = _contend(holder, "win32")
    assert refused.returncode == 3, refused.stdout + refused.stderr
    assert not locks_directory("win32") and locks_directory("linux")


def test_released_lock_can_be_taken_again(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with InstanceLock(data_dir) as first:
        assert first.held
        with pytest.raises(InstanceLockedError):
            InstanceLock(data_dir).acquire()
    assert not first.held
    assert _contend(data_dir).stdout.strip() == "acquired"


def test_the_product_never_imports_fcntl() -> None:
    # Windows has no fcntl: one import anywhere in the product stops the counter from starting.
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in {"fcntl", "termios", "pwd", "grp"} for name in names):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []

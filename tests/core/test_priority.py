"""Background children run at a lower priority from their start; the window's own never changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pvzdesk import priority
from pvzdesk.priority import BACKGROUND_NICENESS, CHILD_NICENESS, lower_process, lowered_command

pytestmark = pytest.mark.skipif(not hasattr(os, "getpriority"), reason="Unix priorities only")


def test_a_started_child_is_lowered_and_this_process_is_not() -> None:
    own = os.getpriority(os.PRIO_PROCESS, 0)
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        lower_process(child.pid)
        # below the window's own background threads (the camera decoder)
        assert os.getpriority(os.PRIO_PROCESS, child.pid) >= CHILD_NICENESS > BACKGROUND_NICENESS
        if hasattr(os, "SCHED_IDLE"):  # Linux: it runs only where the window leaves a core free
            assert os.sched_getscheduler(child.pid) == os.SCHED_IDLE
        lower_process(0)  # what QProcess.processId() gives when the start failed
        assert os.getpriority(os.PRIO_PROCESS, 0) == own
        if hasattr(os, "SCHED_IDLE"):
            assert os.sched_getscheduler(0) == os.SCHED_OTHER
    finally:
        child.communicate(b"")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the idle policy is Linux's")
def test_a_child_started_lowered_is_in_the_idle_policy_from_its_first_line() -> None:
    """Nobody lowers it after the start here: what it prints first is how it was started."""
    program, arguments = lowered_command(
        sys.executable, ["-c", "import os; print(os.sched_getscheduler(0))"]
    )
    policy = subprocess.run([program, *arguments], capture_output=True, text=True, check=True)
    assert int(policy.stdout) == os.SCHED_IDLE


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the idle policy is Linux's")
def test_a_chrt_that_may_not_set_the_policy_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a sandbox that refuses the policy ``chrt`` exits without running the child: the child
    is then started as it is (and lowered just after), never not at all."""
    refusing = tmp_path / "chrt"
    refusing.write_text("#!/bin/sh\necho 'chrt: failed to set policy' >&2\nexit 1\n")
    refusing.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(refusing) if name == "chrt" else None)
    priority._working_chrt.cache_clear()
    try:
        assert lowered_command("python", ["-m", "x"]) == ("python", ["-m", "x"])
    finally:
        priority._working_chrt.cache_clear()


IO_CHILD = """
import sys
from pvzdesk.priority import lower_this_process_io
print(lower_this_process_io(), flush=True)
sys.stdin.read()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux I/O classes")
@pytest.mark.skipif(shutil.which("ionice") is None, reason="needs ionice (util-linux)")
def test_a_process_lowering_its_io_is_in_the_idle_class_and_this_one_is_not() -> None:
    own = subprocess.run(["ionice", "-p", str(os.getpid())], capture_output=True, text=True)
    child = subprocess.Popen(
        [sys.executable, "-c", IO_CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "idle I/O class"
        seen = subprocess.run(["ionice", "-p", str(child.pid)], capture_output=True, text=True)
        assert seen.stdout.strip() == "idle"
        after = subprocess.run(["ionice", "-p", str(os.getpid())], capture_output=True, text=True)
        assert after.stdout == own.stdout
    finally:
        child.communicate("")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux ioprio_set")
def test_an_io_priority_call_the_system_refuses_is_reported_and_harmless(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A system call number this kernel does not have: the call fails with ENOSYS, as where
    # ioprio_set is missing or filtered (a seccomp sandbox).
    monkeypatch.setitem(priority._SYS_IOPRIO_SET, os.uname().machine, 100_000)
    assert priority.lower_this_process_io().startswith("unchanged (ioprio_set refused")
    monkeypatch.setattr(priority, "_SYS_IOPRIO_SET", {})
    assert priority.lower_this_process_io().startswith("unchanged (ioprio_set unknown")

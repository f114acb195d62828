"""Background children run at a lower priority from their start; the window's own never changes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pvzdesk.priority import BACKGROUND_NICENESS, lower_process

pytestmark = pytest.mark.skipif(not hasattr(os, "getpriority"), reason="Unix priorities only")


def test_a_started_child_is_lowered_and_this_process_is_not() -> None:
    own = os.getpriority(os.PRIO_PROCESS, 0)
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        lower_process(child.pid)
        assert os.getpriority(os.PRIO_PROCESS, child.pid) >= BACKGROUND_NICENESS
        lower_process(0)  # what QProcess.processId() gives when the start failed
        assert os.getpriority(os.PRIO_PROCESS, 0) == own
    finally:
        child.communicate(b"")

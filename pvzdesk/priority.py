"""Background work yields the CPU to the counter window: on a 2-core counter PC the camera decoder,
a chain check and a backup would otherwise take turns with the GUI thread at the OS scheduler."""

from __future__ import annotations

import os
import threading

BACKGROUND_NICENESS = 10


def lower_this_thread() -> None:
    """Raise the calling thread's niceness (Linux schedules threads one by one; elsewhere: a no-op)."""
    try:
        current = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        os.setpriority(
            os.PRIO_PROCESS, threading.get_native_id(), max(current, BACKGROUND_NICENESS)
        )
    except (AttributeError, OSError):
        pass  # not permitted or not supported: run at normal priority


def lower_process(pid: int) -> None:
    """Raise the niceness of a child just started (Unix), before its own imports take a core the
    window needs; elsewhere, or when not permitted, a no-op (the child still lowers itself)."""
    if pid <= 0:
        return  # not started; and 0 would mean this very process
    try:
        current = os.getpriority(os.PRIO_PROCESS, pid)
        os.setpriority(os.PRIO_PROCESS, pid, max(current, BACKGROUND_NICENESS))
    except (AttributeError, OSError):
        pass

"""Background work yields the CPU to the counter window: on a 2-core counter PC the camera decoder,
a chain check and a backup would otherwise take turns with the GUI thread at the OS scheduler.

Linux schedules threads one by one (a thread's niceness); Windows, where most counters run, by
thread priority and process priority class (``SetThreadPriority`` / ``SetPriorityClass``, through
ctypes: no extra package). Elsewhere, or when not permitted: a no-op, the work runs as before.

The disk is shared the same way: the upkeep's backup and integrity check read and write hundreds of
MB, and a scan's commit waits for its own fsync behind them. ``lower_this_process_io`` puts the
calling process in the idle I/O class (Linux ``ioprio_set``; Windows background mode)."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sys
import threading

BACKGROUND_NICENESS = 10  # a thread of the window's process: the camera decoder, DB and net work
# A background child (the upkeep, the chain check) below those: Linux shares the CPU by weight
# (nice 10 against nice 10 took turns frame by frame, and the decoder dropped frames while a
# backup and a chain check ran), where Windows already puts a below-normal class's threads under
# a normal-class process's below-normal thread. Its work can wait; a frame cannot.
CHILD_NICENESS = 15
# On Linux the child also gets the idle policy (SCHED_IDLE): a niceness is only a weight, and a
# trace of the stall bench showed the GUI thread waiting 51 ms for a core while a nice-15 chain
# check ran 100 ms on the other one. A core running only idle-policy work counts as free when the
# window's thread wakes (it goes there at once), and a waking thread always preempts such work.
# The niceness stays for systems without the policy.
# Windows: one step below normal, not idle: with another program busy (an antivirus scan) an idle
# decoder would get nothing at all, a below-normal one still gets its turns.
_THREAD_PRIORITY_BELOW_NORMAL = -1
_BELOW_NORMAL_PRIORITY_CLASS = 0x00004000
_PROCESS_SET_INFORMATION = 0x0200
# Windows: lowers this process's I/O and memory priority (and its CPU priority); only for the
# current process's own handle.
_PROCESS_MODE_BACKGROUND_BEGIN = 0x00100000
# Linux ioprio_set(2): who = a process (0: the caller), class idle (served only when no other
# process wants the disk; honoured by the BFQ and mq-deadline schedulers), shifted into place.
_IOPRIO_WHO_PROCESS = 1
_IOPRIO_CLASS_IDLE = 3
_IOPRIO_CLASS_SHIFT = 13
_SYS_IOPRIO_SET = {
    "x86_64": 251,
    "amd64": 251,
    "aarch64": 30,
    "arm64": 30,
    "i386": 289,
    "i686": 289,
}


def lower_this_thread() -> None:
    """Lower the calling thread's priority (a niceness on Linux, below normal on Windows)."""
    if sys.platform == "win32":
        kernel32 = _kernel32()
        kernel32.SetThreadPriority(kernel32.GetCurrentThread(), _THREAD_PRIORITY_BELOW_NORMAL)
        return
    try:
        current = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        os.setpriority(
            os.PRIO_PROCESS, threading.get_native_id(), max(current, BACKGROUND_NICENESS)
        )
    except (AttributeError, OSError):
        pass  # not permitted or not supported: run at normal priority


def lower_process(pid: int) -> None:
    """Lower a child just started, before its own imports take a core the window needs (a
    niceness and the idle policy on Linux, the below-normal class on Windows); when not
    permitted, a no-op (the child still lowers its own thread)."""
    if pid <= 0:
        return  # not started; and 0 would mean this very process
    if sys.platform == "win32":
        kernel32 = _kernel32()
        handle = kernel32.OpenProcess(_PROCESS_SET_INFORMATION, False, pid)
        if handle:
            try:
                kernel32.SetPriorityClass(handle, _BELOW_NORMAL_PRIORITY_CLASS)
            finally:
                kernel32.CloseHandle(handle)
        return
    try:
        current = os.getpriority(os.PRIO_PROCESS, pid)
        os.setpriority(os.PRIO_PROCESS, pid, max(current, CHILD_NICENESS))
    except (AttributeError, OSError):
        pass
    if hasattr(os, "SCHED_IDLE"):
        # The child has one thread yet: those it starts later inherit the policy. When it is not
        # permitted, the niceness alone orders it.
        with contextlib.suppress(OSError):
            os.sched_setscheduler(pid, os.SCHED_IDLE, os.sched_param(0))


def lowered_command(program: str, arguments: list[str]) -> tuple[str, list[str]]:
    """How to start a background child so that it is lowered from its first instruction.

    Lowering a child just after its start (``lower_process``) leaves a moment in which it runs as
    the window does, and a trace of the stall bench caught the upkeep child's start taking the GUI
    thread's core for 30 ms in it: the window, which was to lower it, waited behind it. On Linux
    util-linux's ``chrt --idle 0`` (always there on Debian) puts itself in the idle policy and then
    runs the child, which inherits it. Elsewhere, without ``chrt``, or where it may not set the
    policy (a sandbox), the command as it is; ``lower_process`` is still called just after the
    start either way."""
    chrt = _working_chrt()
    if chrt is not None:
        return chrt, ["--idle", "0", program, *arguments]
    return program, arguments


@functools.cache
def _working_chrt() -> str | None:
    """``chrt``, once it has been seen to work here: where it could not set the policy it would
    exit without running the child at all, and the upkeep would never run."""
    if not sys.platform.startswith("linux"):
        return None
    chrt = shutil.which("chrt")
    if chrt is None:
        return None
    import subprocess  # here: only the first background child pays for it

    try:
        tried = subprocess.run([chrt, "--idle", "0", "true"], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return chrt if tried.returncode == 0 else None


def lower_this_process_io() -> str:
    """Put this whole process's disk work below everyone else's: call it first, before other
    threads start (on Linux a thread made later inherits it). Returns what was done, for the log
    line (the caller logs it once its log is set up); when not permitted or not known here, it
    says so and the work runs at the normal I/O priority."""
    import ctypes  # here: only the upkeep child pays for it

    if sys.platform == "win32":
        kernel32 = _kernel32()
        if kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), _PROCESS_MODE_BACKGROUND_BEGIN):
            return "background mode (low I/O, memory and CPU priority)"
        return f"background mode refused (Windows error {ctypes.get_last_error()})"
    if not sys.platform.startswith("linux"):
        return f"unchanged (no I/O priority call on {sys.platform})"
    machine = os.uname().machine
    number = _SYS_IOPRIO_SET.get(machine)
    if number is None:
        return f"unchanged (ioprio_set unknown on {machine})"
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    ioprio = _IOPRIO_CLASS_IDLE << _IOPRIO_CLASS_SHIFT
    if libc.syscall(ctypes.c_long(number), _IOPRIO_WHO_PROCESS, 0, ioprio) != 0:
        return f"unchanged (ioprio_set refused: {os.strerror(ctypes.get_errno())})"
    return "idle I/O class"


if sys.platform == "win32":
    import ctypes
    from ctypes import wintypes

    @functools.cache
    def _kernel32() -> ctypes.WinDLL:
        """kernel32 with the handle types declared (a HANDLE is 64-bit; ctypes' default int is
        not), in an object of our own: setting argtypes on ``ctypes.windll.kernel32`` would change
        it for every other user in the process."""
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.GetCurrentProcess.restype = wintypes.HANDLE
        kernel32.GetCurrentProcess.argtypes = ()
        kernel32.GetCurrentThread.restype = wintypes.HANDLE
        kernel32.GetCurrentThread.argtypes = ()
        kernel32.SetThreadPriority.restype = wintypes.BOOL
        kernel32.SetThreadPriority.argtypes = (wintypes.HANDLE, ctypes.c_int)
        kernel32.OpenProcess.restype = wintypes.HANDLE
        kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
        kernel32.SetPriorityClass.restype = wintypes.BOOL
        kernel32.SetPriorityClass.argtypes = (wintypes.HANDLE, wintypes.DWORD)
        kernel32.CloseHandle.restype = wintypes.BOOL
        kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
        return kernel32

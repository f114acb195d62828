"""The Qt binding itself: PySide6 6.12.0 dropped a reference to ``True`` on every Signal.emit, which
aborts the interpreter after a few thousand scans on Python 3.11 (pyproject excludes it)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_signal_emit_keeps_reference_counts() -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(200):
        emitter.fired.emit(number)
    assert len(received) == 200
    assert sys.getrefcount(True) - before > -50  # 6.12.0 loses exactly one per emit

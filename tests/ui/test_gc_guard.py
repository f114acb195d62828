from __future__ import annotations

import gc

from pytestqt.qtbot import QtBot

from pvzdesk.ui.gc_guard import install_gc_guard


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_cycles_are_collected_on_the_gui_thread_only(qtbot: QtBot) -> None:
    collector = install_gc_guard()
    assert collector is not None
    assert not gc.isenabled()  # no collection in whatever thread allocates
    collected: list[int] = []
    gc.callbacks.append(lambda phase, info: collected.append(1) if phase == "stop" else None)
    try:
        for _ in range(collector.threshold[0] * 2):
            _Cycle()
        qtbot.waitUntil(lambda: bool(collected), timeout=3000)  # the timer collected
    finally:
        gc.callbacks.pop()

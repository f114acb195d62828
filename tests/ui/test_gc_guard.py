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
    qtbot.waitUntil(lambda: collector.frozen, timeout=3000)  # what lives at start is kept
    collected: list[int] = []
    gc.callbacks.append(lambda phase, info: collected.append(1) if phase == "stop" else None)
    try:
        for _ in range(collector.threshold[0] * 2):
            _Cycle()
        qtbot.waitUntil(lambda: bool(collected), timeout=3000)  # the timer collected
    finally:
        gc.callbacks.pop()


def test_what_lives_at_start_is_frozen_and_later_cycles_are_still_collected(
    qtbot: QtBot,
) -> None:
    collector = install_gc_guard()
    assert collector is not None
    qtbot.waitUntil(lambda: collector.frozen, timeout=3000)  # the first tick froze the start
    assert gc.get_freeze_count() > 0
    freed: list[int] = []

    class Watched(_Cycle):
        def __del__(self) -> None:
            freed.append(1)

    Watched()  # a cycle made after the freeze: unreachable at once, freed only by a collection
    for _ in range(collector.threshold[0] * 2):
        _Cycle()
    qtbot.waitUntil(lambda: bool(freed), timeout=5000)

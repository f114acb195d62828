"""Python's cycle collector runs in whichever thread happens to allocate. When it frees a cycle that
holds a Qt object in a worker thread, Qt destroys that object in the wrong thread and the process
crashes (seen here: a segfault while the DB worker was exporting a report). As Anki does, automatic
collection is switched off and the GUI thread collects from a timer, generation by generation,
with the interpreter's own thresholds.

At the first tick (the window is up) everything alive is frozen (``gc.freeze``): modules, widgets
and the app's own objects live as long as the process, and a full collection that walks them
held the GUI thread 18 ms on a 200 MB window (measured with the camera on); after the freeze a full
collection walks only what came later (3–8 ms). Startup garbage that forms a cycle stays: a
few kilobytes, once."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_INTERVAL_MS = 500

_installed: MainThreadCollector | None = None


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.frozen = False
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_if_due)
        self.timer.start(CHECK_INTERVAL_MS)

    def collect_if_due(self) -> None:
        if not self.frozen:
            self.frozen = True
            gc.freeze()
            return
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)


def install_gc_guard() -> MainThreadCollector | None:
    """Once per process, on the GUI thread, after the QApplication exists."""
    global _installed
    application = QCoreApplication.instance()
    if _installed is None and application is not None:
        _installed = MainThreadCollector(application)
    return _installed

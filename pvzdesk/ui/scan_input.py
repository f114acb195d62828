"""The keyboard-wedge scanner on every screen, without clicking into a field first.

An application-level event filter takes every key press meant for one of our widgets, feeds it to
``scanning.wedge.WedgeParser`` with its arrival time, and holds it (at most ``max_gap``, 30 ms)
until the parser decides: a scanner burst becomes one ``scanned(ScanRead)`` signal; a person's
keys are re-sent, unchanged and in order, to the widget they were meant for. So typing in a field
still works, and a scan never lands as text in whatever field happens to have focus.

Scanner input is the counter's, always. While a modal dialog, a message box or a popup (menu,
drop-down) is open, keys are still fed to the parser: a person's keys reach the dialog as before,
but a burst never types into it and its Enter never presses a button. A popup asks nothing, so
it is closed and the scan goes to the counter at once; a modal dialog is answering a question, so
the scan is HELD (``held`` is emitted: the window plays the warning tone and says so) and routed
to the counter, in order, as soon as the dialog closes. Nothing is lost, nothing is silent.

Tests that type into a field must type like a person (``qtbot.keyClicks(field, text,
delay=60)``) or set ``window.scan_input.enabled = False``: a burst ending in Enter IS a scan.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from pvzdesk.domain.scan import ScanRead
from pvzdesk.scanning.wedge import BACKSPACE, ENTER, TAB, Typed, WedgeParser, WedgeSettings
from pvzdesk.settings import ScannerSettings

_MODIFIERS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
    }
)
_NAMED = {
    Qt.Key.Key_Return: ENTER,
    Qt.Key.Key_Enter: ENTER,
    Qt.Key.Key_Tab: TAB,
    Qt.Key.Key_Backspace: BACKSPACE,
    Qt.Key.Key_Escape: "Escape",  # never part of a code: handed on at once
}
_HELD_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def wedge_settings(scanner: ScannerSettings) -> WedgeSettings:
    """The parser's settings from the counter's scanner settings."""
    return WedgeSettings(
        prefix=scanner.wedge_prefix,
        suffix=scanner.wedge_suffix,
        gs_text=(scanner.wedge_gs_substitute,) if scanner.wedge_gs_substitute else (),
    )


def key_name(event: QKeyEvent) -> str:
    """What the parser is fed: the typed character, or a name for anything else."""
    key = Qt.Key(event.key())
    if key in _NAMED:
        return _NAMED[key]
    text = event.text()
    if len(text) == 1 and not (event.modifiers() & _HELD_MODIFIERS and text.isprintable()):
        return text
    # Shortcuts, arrows, function keys: never part of a scan; the parser releases them at once.
    return f"key:{int(event.key())}:{int(event.modifiers().value)}"


class ScanInput(QObject):
    """Install once per application (``install()``); emits ``scanned`` for every wedge read."""

    scanned = Signal(object)  # ScanRead
    held = Signal(object)  # ScanRead: read while a dialog is open, routed once it closes

    def __init__(
        self,
        settings: WedgeSettings | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._monotonic = monotonic
        self._wall_clock = wall_clock
        self.parser = WedgeParser(settings, wall_time=self._read_time)
        self._held: list[tuple[QWidget, QKeyEvent]] = []
        self._replaying = False
        self.enabled = True
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self._flush)
        self.held_scans: list[ScanRead] = []
        # Polls (only while scans are held) for the dialog to close: a modal's end has no signal
        # that every kind of dialog (exec, open, message boxes) shares.
        self._release_timer = QTimer(self)
        self._release_timer.setInterval(50)
        self._release_timer.timeout.connect(self.release_held)

    def _read_time(self, _key_time: float) -> datetime:
        return self._wall_clock()

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._flush_timer.stop()
        self._release_timer.stop()
        self._held.clear()
        self.held_scans.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._replaying
            or not self.enabled
            or event.type() != QEvent.Type.KeyPress
            or not isinstance(watched, QWidget)
            or not isinstance(event, QKeyEvent)
        ):
            return False
        if event.isAutoRepeat() or Qt.Key(event.key()) in _MODIFIERS:
            return False
        self.feed(watched, event)
        return True

    def feed(self, target: QWidget, event: QKeyEvent) -> None:
        """One key press for ``target``; it is held, re-sent or becomes part of a scan."""
        copy = QKeyEvent(
            event.type(),
            event.key(),
            event.modifiers(),
            event.text(),
            event.isAutoRepeat(),
            event.count(),
        )
        self._held.append((target, copy))
        self._handle(self.parser.feed(key_name(event), self._monotonic()))
        deadline = self.parser.deadline()
        if deadline is not None:
            wait_ms = max(1, int((deadline - self._monotonic()) * 1000) + 2)
            self._flush_timer.start(wait_ms)
        else:
            self._flush_timer.stop()

    def _flush(self) -> None:
        self._handle(self.parser.flush(self._monotonic()))
        deadline = self.parser.deadline()
        if deadline is not None:  # a late timer: try again right after the deadline
            self._flush_timer.start(max(1, int((deadline - self._monotonic()) * 1000) + 2))

    def _handle(self, outputs: list[ScanRead | Typed]) -> None:
        for output in outputs:
            if isinstance(output, ScanRead):
                # The burst's keys, its terminator included, are consumed by the scan.
                self._held.clear()
                self._deliver(output)
            else:
                self._replay(len(output.keys))

    def _deliver(self, read: ScanRead) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()  # a menu or a drop-down asks nothing: the scan is the counter's
        if QApplication.activeModalWidget() is not None or self.held_scans:
            self.held_scans.append(read)  # in order, behind any scan already waiting
            self._release_timer.start()
            self.held.emit(read)
            return
        self.scanned.emit(read)

    def release_held(self) -> None:
        """Route the held scans to the counter once no modal dialog is open any more."""
        if QApplication.activeModalWidget() is not None:
            return
        self._release_timer.stop()
        while self.held_scans and QApplication.activeModalWidget() is None:
            self.scanned.emit(self.held_scans.pop(0))
        if self.held_scans:  # a scan opened a dialog again: the rest waits for it
            self._release_timer.start()

    def _replay(self, count: int) -> None:
        """Re-send the oldest ``count`` held keys to the widgets they were meant for."""
        batch, self._held = self._held[:count], self._held[count:]
        self._replaying = True
        try:
            for target, event in batch:
                receiver = target if not target.isHidden() else QApplication.focusWidget()
                if receiver is not None:
                    QApplication.sendEvent(receiver, event)
        finally:
            self._replaying = False

"""``Screen``: the base of every counter screen. This docstring is the screen contract.

A screen is a ``QWidget`` built as ``Screen(ctx, parent=None)`` with ``ctx`` the ``UiContext``
(see ``pvzdesk.ui.context``: services, background jobs, the ``ops_done`` signal, status).

- ``title()``: the translated name shown in the navigation (``self.tr("Issue")``; the Qt
  translation context of ``self.tr`` is the class name, so the ``.ts`` context must match it).
- ``on_activated()``: the screen was brought to front (F1..F8 or a click). Refresh cheap views
  here; start slow ones with ``ctx.run_db``.
- ``on_changes(changes)``: called for every ``ctx.ops_done`` while the screen exists (active or
  not). Redraw only what the ``Changes`` touch; a hidden screen may just mark itself stale and
  redraw in ``on_activated``.
- ``handle_scan(read) -> bool``: a completed scan (keyboard-wedge burst, camera, serial) routed to
  the ACTIVE screen, whatever widget has focus. Return ``True`` when consumed; ``False`` makes the
  window say the scan means nothing on this screen (with the warning tone).
- ``on_language_changed()``: retranslate labels (called after the translators were swapped).
- ``refuse_scan(text)``: the journal was found damaged, so the window refuses every scan and the
  active screen says why, in red. The default shows ``text`` on the screen's ``verdict`` or
  ``message`` line (anything with ``show_error(text)``); override it for another place.

Rules: never block the GUI thread for more than a few ms (``ctx.perform`` is for single quick
counter operations; everything else is ``ctx.run_db``/``ctx.run_net``); never touch a widget
from a worker; show ``PvzdeskError`` text to the operator (it is already translated) and log bugs.
Use ``self.show_message(text, tone)`` for the big coloured line of the screen, if it has one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from pvzdesk.domain.scan import ScanRead
from pvzdesk.ui.context import Changes, UiContext


def key_on_own_line(text: str) -> str:
    """ "Extend after an outage… (Ctrl+Shift+E)" as two lines, the key under the words: a row of
    such buttons fits a 1366-px screen with the camera's panel on."""
    words, bracket, key = text.rpartition(" (")
    return f"{words}\n({key}" if bracket else text


class Screen(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stale = False  # set by on_changes while hidden; on_activated redraws
        ctx.ops_done.connect(self._changes_arrived)

    def title(self) -> str:
        raise NotImplementedError

    def on_activated(self) -> None:
        """Brought to front."""

    def on_changes(self, changes: Changes) -> None:
        """Something was written; redraw what depends on it."""

    def handle_scan(self, read: ScanRead) -> bool:
        """A completed scan for this (active) screen; ``True`` when used."""
        return False

    def on_language_changed(self) -> None:
        """Retranslate visible text."""

    def refuse_scan(self, text: str) -> None:
        """Nothing can be recorded now: show ``text`` in red where this screen says things."""
        for name in ("verdict", "message"):
            show_error = getattr(getattr(self, name, None), "show_error", None)
            if callable(show_error):
                show_error(text)
                return

    def _changes_arrived(self, changes: object) -> None:
        if isinstance(changes, Changes):
            self.on_changes(changes)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.on_language_changed()
        super().changeEvent(event)

"""What the operator must know beyond the platform's state, in a strip above the screens.

Not a dialog: scanning goes on under it, and its buttons never take the keyboard. It shows
``CounterStatus.notices`` (``UiContext.add_notice``): what the journal's open found (guards
restored, an anchor mismatch, an unclean shutdown, a new program version), a wrong clock (kept by
``ClockWatch`` until the clock is right) and a journal that does not match its anchor. A notice
that can be dismissed has «Понятно»; the others stay until their cause is gone.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pvzdesk.app import AppContext
from pvzdesk.errors import ClockError, PvzdeskError
from pvzdesk.storage.anchor import AnchorCheck
from pvzdesk.storage.journal_words import anchor_sentence
from pvzdesk.ui.context import DbSession, JobControl, Tone, UiContext
from pvzdesk.ui.status import CounterStatus, Notice, NoticeLevel

log = logging.getLogger(__name__)

CLOCK_KEY = "clock"
ANCHOR_KEY = "anchor"
UNCLEAN_KEY = "unclean-shutdown"
VERSION_KEY = "version"
CLOCK_CHECK_MS = 5_000  # a wrong clock shows within seconds, and goes as soon as it is right
# The anchor comparison costs well under a millisecond (a few reads and an HMAC): a tail cut or a
# lost WAL while the window runs is named within minutes, not at the next Ctrl+K or start.
ANCHOR_CHECK_MS = 10 * 60_000
ANCHOR_FIRST_MS = 60_000

_STYLES = {
    NoticeLevel.INFO: "background: #e3f2fd; color: #0d47a1; border: 1px solid #90caf9;",
    NoticeLevel.WARNING: "background: #fff3cd; color: #3e2723; border: 1px solid #f9a825;",
    NoticeLevel.ERROR: "background: #c62828; color: #ffffff; border: 1px solid #8b0000;",
}


def _translate(text: str) -> str:
    return QCoreApplication.translate("Notices", text)


def open_notices(app: AppContext) -> list[Notice]:
    """What opening the journal found, for the operator (the CLI prints the warnings)."""
    notices = [
        Notice(f"open-{index}", NoticeLevel.WARNING, text)
        for index, text in enumerate(app.store.warnings)
    ]
    mismatch = app.store.anchor_mismatch
    red = anchor_notice(mismatch) if mismatch is not None else None
    if red is not None:  # in red and standing, as when the window finds it itself
        notices = [notice for notice in notices if notice.text != app.store.anchor_warning]
        notices.append(red)
    if app.unclean_shutdown:
        notices.append(
            Notice(
                UNCLEAN_KEY,
                NoticeLevel.WARNING,
                _translate(
                    "pvzdesk was not closed properly last time (a power cut, a crash or a forced "
                    "stop). Every confirmed scan is saved; the journal is being checked in the "
                    "background. Keep working."
                ),
            )
        )
    change = app.version_change
    if change is not None:
        notices.append(
            Notice(
                VERSION_KEY,
                NoticeLevel.INFO,
                _translate(
                    "The program's version changed: {version} (before: {previous}); the journal "
                    "notes it."
                ).format(
                    version=change.payload.get("version", ""),
                    previous=change.payload.get("previous", ""),
                ),
            )
        )
    return notices


def clock_notice(error: ClockError) -> Notice:
    return Notice(
        CLOCK_KEY,
        NoticeLevel.ERROR,
        _translate("Scans are NOT being saved: {reason}").format(reason=error.message),
        hint=_translate(
            "Check the date and time of this computer (the clock in the corner of the screen) "
            "and set them right; scans are saved again as soon as the clock is right. Every "
            "refused scan is noted in the journal."
        ),
        short=_translate("Wrong clock"),
        dismissable=False,
    )


def anchor_notice(check: AnchorCheck) -> Notice | None:
    """None when the journal reaches its anchor (or none was recorded yet)."""
    if check.ok:
        return None
    return Notice(
        ANCHOR_KEY,
        NoticeLevel.ERROR,
        _translate("The journal does not match its anchor. {what}").format(
            what=anchor_sentence(check)
        ),
        hint=_translate(
            "Leave the files as they are and call support; to get the saved entries back, run "
            "«pvzdesk journal restore» (it restores the latest backup and says what it lacks)."
        ),
        short=_translate("Journal does not match"),
        dismissable=False,
    )


class NoticeStrip(QFrame):
    """One row per notice, newest last; hidden when there is none."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("notices")
        self.rows: dict[str, QLabel] = {}
        self._shown: tuple[Notice, ...] = ()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.setSpacing(4)
        ctx.status_changed.connect(self._status_changed)
        self.hide()
        self._status_changed(ctx.status)

    def _status_changed(self, status: object) -> None:
        assert isinstance(status, CounterStatus)
        if status.notices == self._shown:
            return
        self._shown = status.notices
        while (item := self._layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.rows = {}
        for notice in status.notices:
            self._layout.addWidget(self._row(notice))
        self.setVisible(bool(status.notices))

    def _row(self, notice: Notice) -> QWidget:
        row = QFrame()
        row.setObjectName("notice")
        row.setStyleSheet(
            f"QFrame#notice {{ {_STYLES[notice.level]} border-radius: 4px; }}"
            " QLabel { background: transparent; border: none; font-size: 13pt; }"
        )
        layout = QHBoxLayout(row)
        layout.setContentsMargins(10, 4, 10, 4)
        text = QLabel(f"{notice.text} {notice.hint}".strip())
        text.setObjectName(f"notice-{notice.key}")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if notice.level is NoticeLevel.ERROR:
            text.setStyleSheet("color: #ffffff; font-weight: bold;")
        layout.addWidget(text, 1)
        if notice.dismissable:
            button = QPushButton(self.tr("Understood"))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the counter keeps the keyboard
            button.clicked.connect(lambda _checked=False, key=notice.key: self.ctx.drop_notice(key))
            layout.addWidget(button)
        self.rows[notice.key] = text
        return row


class ClockWatch(QObject):
    """Keeps the wrong-clock notice while writes would be refused, and takes it away once the
    clock is right. Asks the journal (one indexed read) at start, every few seconds, and at
    once when a write was refused for the clock."""

    def __init__(self, ctx: UiContext, interval_ms: int = CLOCK_CHECK_MS) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self._unreadable = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        ctx.clock_refused.connect(self._refused)
        self._timer.start()
        self.check()

    def check(self) -> None:
        if self.ctx.closed:
            return
        try:
            error = self.ctx.app.store.journal.clock_error()
        except PvzdeskError:
            if not self._unreadable:  # a damaged journal: said once, not every few seconds
                log.warning("the clock could not be compared with the journal", exc_info=True)
            self._unreadable = True
            return
        self._unreadable = False
        if error is None:
            self.ctx.drop_notice(CLOCK_KEY)
        else:
            self._show(error)

    def _refused(self, error: object) -> None:
        assert isinstance(error, ClockError)
        self._show(error)

    def _show(self, error: ClockError) -> None:
        first = self.ctx.notice(CLOCK_KEY) is None
        self.ctx.add_notice(clock_notice(error))
        if first:
            self.ctx.feedback(Tone.ERROR)


def compare_with_anchor(session: DbSession, _control: JobControl) -> AnchorCheck:
    """``pvzdesk journal verify``'s comparison (signature included), as a DB-worker job: the
    key is in this process's keyring, so never in the chain walk's child process."""
    return session.store.journal.check_anchor()


class AnchorWatch(QObject):
    """Compares the journal with its signed anchor now and then, on the DB worker; a journal
    that no longer reaches it gets the red notice (``anchor_notice``) until a restart."""

    def __init__(
        self,
        ctx: UiContext,
        interval_ms: int = ANCHOR_CHECK_MS,
        first_ms: int = ANCHOR_FIRST_MS,
    ) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.last: AnchorCheck | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        self._first = QTimer(self)  # the first look soon after start, once the window is up
        self._first.setSingleShot(True)
        self._first.timeout.connect(self.check)
        self._first.start(first_ms)

    def check(self) -> None:
        if self.ctx.closed or self.ctx.fault is not None:
            return
        self.ctx.run_db(compare_with_anchor, name="anchor check", on_done=self.checked)

    def checked(self, check: AnchorCheck) -> None:
        """Also the answer of the chain check in Журнал (the same comparison)."""
        self.last = check
        notice = anchor_notice(check)
        if notice is None:
            return
        first = self.ctx.notice(ANCHOR_KEY) is None
        self.ctx.add_notice(notice)
        if first:
            self.ctx.feedback(Tone.ERROR)

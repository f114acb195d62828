"""Daily upkeep after start, in a child process: the integrity check, a rolling backup, retention.

The window opens without ``PRAGMA quick_check`` (1–1.5 s on a 1M-entry journal would break the
start budget); this runs it right after the window is shown, then the rest of
``pvzdesk.maintenance.daily_maintenance``, in ``python -m pvzdesk.maintenance`` at a lower
priority, like the chain check (``chain_verifier``): in a thread of this process it took turns
with the GUI thread and the scan writer for the GIL. A damaged journal (the child's
``"damaged"`` answer) goes to ``ctx.set_fault``: a red banner, every scan refused, nothing
written. Any other failure is logged; the counter works. Closing the window stops the child.
"""

from __future__ import annotations

import json
import logging
import sys

from PySide6.QtCore import QObject, QProcess, QTimer

from pvzdesk.i18n import current_language
from pvzdesk.maintenance import JournalDamaged
from pvzdesk.priority import lower_process, lowered_command
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.notices import UNCLEAN_KEY
from pvzdesk.ui.status import Notice, NoticeLevel

log = logging.getLogger(__name__)

MODULE = "pvzdesk.maintenance"
STOP_WAIT_MS = 3_000  # SIGTERM lets the child remove an unfinished backup; then it is killed
# The window's first turns come first: the child's start (an interpreter, the app's imports) would
# take one of a counter PC's two cores while the window is still being made ready to scan.
START_DELAY_MS = 2_000


class UpkeepProcess(QObject):
    """One run of the upkeep child; ``finished`` once it has exited and its answer was handled."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.finished = False
        self.result: dict[str, object] | None = None
        self.process = QProcess(self)
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.timeout.connect(self.start)

    def start_after(self, delay_ms: int) -> None:
        self._delay.start(delay_ms)

    def start(self) -> None:
        if self.finished:
            return  # stopped before the delay was over
        app = self.ctx.app
        arguments = [
            "-m",
            MODULE,
            str(app.paths.root),
            "--now",
            app.clock.now().isoformat(),
            "--language",
            current_language(),
        ]
        self.process.start(*lowered_command(sys.executable, arguments))
        lower_process(self.process.processId())  # where it could not start lowered

    def stop(self) -> None:
        """At shutdown: end the child (cleanly if it listens) and wait for it."""
        self._delay.stop()
        if self.finished:
            return
        self.finished = True  # what it says now is not acted on: the window is closing
        if self.process.state() is QProcess.ProcessState.NotRunning:
            return
        if sys.platform == "win32":
            self.process.kill()  # no SIGTERM there: terminate() only posts WM_CLOSE to a console
        else:
            self.process.terminate()
        if not self.process.waitForFinished(STOP_WAIT_MS):
            self.process.kill()
            self.process.waitForFinished(STOP_WAIT_MS)

    def _finished(self, exit_code: int, status: QProcess.ExitStatus) -> None:
        if self.finished:
            return
        self.finished = True
        output = bytes(self.process.readAllStandardOutput().data()).decode("utf-8", "replace")
        lines = [line for line in output.splitlines() if line.startswith("{")]
        result = json.loads(lines[-1]) if lines else {}
        self.result = result if isinstance(result, dict) else {}
        if self.result.get("damaged"):
            error = JournalDamaged(str(self.result["error"]), hint=str(self.result.get("hint", "")))
            self.ctx.set_fault(error)
            self.ctx.drop_notice(UNCLEAN_KEY)  # "being checked": the red banner says the rest
        elif "error" in self.result:
            log.warning("upkeep failed: %s", self.result["error"])  # e.g. the backup disk is full
        elif status is QProcess.ExitStatus.NormalExit and exit_code == 0:
            self._checked()
            log.info(
                "upkeep: backup %s, %d old backups removed, %d photos and %d customers' data purged",
                self.result.get("backup") or "not due",
                len(self._list("pruned_backups")),
                len(self._list("photos")),
                len(self._list("personal_data")),
            )
        else:
            errors = bytes(self.process.readAllStandardError().data()).decode(errors="replace")
            log.error("upkeep process failed (exit %s): %s", exit_code, errors)

    def _checked(self) -> None:
        """After an unclean shutdown the operator was told the journal is being checked: now
        it was, and it is intact."""
        if self.ctx.notice(UNCLEAN_KEY) is not None:
            self.ctx.add_notice(
                Notice(
                    UNCLEAN_KEY,
                    NoticeLevel.INFO,
                    self.tr(
                        "The journal was checked after the unclean shutdown: it is intact, "
                        "nothing is lost."
                    ),
                )
            )

    def _list(self, key: str) -> list[object]:
        value = (self.result or {}).get(key)
        return value if isinstance(value, list) else []

    def _error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart and not self.finished:
            self.finished = True
            log.error("upkeep process did not start: %s", self.process.errorString())


def start_upkeep(ctx: UiContext, delay_ms: int = START_DELAY_MS) -> UpkeepProcess:
    """Start the upkeep child ``delay_ms`` after the call; call it once the window is shown.
    Stopped at ``ctx.shutdown()``."""
    upkeep = UpkeepProcess(ctx)
    ctx.on_shutdown(upkeep.stop)
    upkeep.start_after(delay_ms)
    return upkeep

"""Chain verification in a child process (``pvzdesk.storage.verify_process``) run by ``QProcess``.

A pure-Python walk of a million entries in a thread of this process holds the GIL and stalls the
window (524 ms measured); in a child process it costs the GUI thread only the reading of a progress
line now and then. The child opens the journal read-only, so killing it (``cancel()``) loses
nothing. Signals arrive in the GUI thread: ``progress(Progress)``, then exactly one of
``verified(ChainReport)``, ``failed(str)`` (already translated) or ``cancelled()``.

``finished`` and ``cancel()`` make it fit the office screens' ``JobPanel`` like a ``Job``.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal

from pvzdesk.domain.chain import ChainReport
from pvzdesk.i18n import current_language
from pvzdesk.priority import lower_process, lowered_command
from pvzdesk.ui.workers import Progress

log = logging.getLogger(__name__)

MODULE = "pvzdesk.storage.verify_process"


class ChainVerifier(QObject):
    progress = Signal(object)  # Progress
    verified = Signal(object)  # ChainReport
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.finished = False
        self.result: dict[str, object] | None = None
        self._cancel_requested = False
        self._buffer = b""
        self.process = QProcess(self)
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)

    def start(self) -> None:
        arguments = ["-m", MODULE, str(self.db_path), "--language", current_language()]
        self.process.start(*lowered_command(sys.executable, arguments))
        lower_process(self.process.processId())  # where it could not start lowered

    def cancel(self) -> None:
        """Kill the child; ``cancelled`` follows when it is gone."""
        if self.finished or self._cancel_requested:
            return
        self._cancel_requested = True
        if self.process.state() is QProcess.ProcessState.Starting:
            self.process.waitForStarted(1_000)  # forked already: a moment, then it can be killed
        if self.process.state() is QProcess.ProcessState.NotRunning:
            self._end()
            self.cancelled.emit()
        else:
            self.process.kill()

    def wait(self, ms: int = 5_000) -> None:
        """Block until the child has exited (shutdown only)."""
        self.process.waitForFinished(ms)

    # --- the child's output ----------------------------------------------------------------------
    def _read(self) -> None:
        self._buffer += bytes(self.process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for raw in lines:
            self._line(raw.decode("utf-8", errors="replace").strip())

    def _line(self, line: str) -> None:
        if line.startswith("progress "):
            _, done, total = line.split()
            self.progress.emit(Progress(int(done), int(total)))
        elif line.startswith("{"):
            value = json.loads(line)
            if isinstance(value, dict):
                self.result = value

    def _finished(self, exit_code: int, status: QProcess.ExitStatus) -> None:
        if self.finished:
            return
        self._read()
        if self._buffer:
            self._line(self._buffer.decode("utf-8", errors="replace").strip())
            self._buffer = b""
        self._end()
        if self._cancel_requested:
            self.cancelled.emit()
            return
        result = self.result or {}
        if "error" in result:
            self.failed.emit(f"{result['error']} {result.get('hint', '')}".strip())
        elif "ok" in result and status is QProcess.ExitStatus.NormalExit:
            self.verified.emit(ChainReport(**result))  # type: ignore[arg-type]
        else:
            errors = bytes(self.process.readAllStandardError().data()).decode(errors="replace")
            log.error("chain verification process failed (exit %s): %s", exit_code, errors)
            self.failed.emit(
                self.tr("The check could not be run (exit code {code}); see the log.").format(
                    code=exit_code
                )
            )

    def _error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart and not self.finished:
            self._end()
            log.error("chain verification process did not start: %s", self.process.errorString())
            self.failed.emit(
                self.tr("The check could not be started: {reason}").format(
                    reason=self.process.errorString()
                )
            )

    def _end(self) -> None:
        self.finished = True

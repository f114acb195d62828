"""Отчёты: the end-of-day export (a day or a period; XLSX, CSV, PDF), the support-ticket bundle of
an outage, the re-entry sheet, and the printable cell labels (Ctrl+L). Every export runs on the DB worker with a progress bar and a
Cancel that leaves no half-written file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pvzdesk.domain.dates import format_user_time
from pvzdesk.domain.models import EntryKind
from pvzdesk.errors import PvzdeskError
from pvzdesk.i18n import current_language
from pvzdesk.reports.cell_labels import parse_cell_names
from pvzdesk.reports.model import ReportPeriod
from pvzdesk.reports.progress import ReportCancelled
from pvzdesk.services.incidents import Incident
from pvzdesk.services.reporting import (
    export_report,
)
from pvzdesk.ui.context import Changes, DbSession, JobControl, Tone, UiContext
from pvzdesk.ui.screens.base import Screen
from pvzdesk.ui.screens.office import (
    CancelFlag,
    DateField,
    JobPanel,
    MessageLine,
    add_shortcut,
    heading,
)

Work = Callable[[DbSession, JobControl], list[Path]]


class ReportsScreen(Screen):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.written: list[Path] = []
        self._build()

    def title(self) -> str:
        return self.tr("Reports")

    @property
    def out_dir(self) -> Path:
        return self.ctx.app.paths.reports

    # --- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.since = DateField(self.tr("28.11.2026"))
        self.until = DateField(self.tr("empty: one day"))
        self.formats = {
            "xlsx": QCheckBox(self.tr("&XLSX (Excel)")),
            "csv": QCheckBox(self.tr("&CSV")),
            "pdf": QCheckBox(self.tr("&PDF (to print and sign)")),
        }
        for box in self.formats.values():
            box.setChecked(True)
        self.export_button = QPushButton(self.tr("&Make the report (Ctrl+Enter)"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export_day)
        day_box = QGroupBox(self.tr("End of day"))
        day_form = QFormLayout(day_box)
        dates = QHBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.until)
        dates.addStretch(1)
        since_label = QLabel(self.tr("&Day or from:"))
        since_label.setBuddy(self.since)
        day_form.addRow(since_label, dates)
        format_row = QHBoxLayout()
        for box in self.formats.values():
            format_row.addWidget(box)
        format_row.addStretch(1)
        day_form.addRow(self.tr("Formats:"), format_row)
        day_form.addRow("", self.export_button)

        self.incident = QComboBox()
        self.incident.setMinimumWidth(380)
        self.bundle_button = QPushButton(self.tr("Ticket &bundle (ZIP)"))
        self.bundle_button.clicked.connect(self.make_bundle)
        self.sheet_button = QPushButton(self.tr("&Re-entry sheet (PDF)"))
        self.sheet_button.clicked.connect(self.make_sheet)
        outage_box = QGroupBox(self.tr("After an outage"))
        outage_form = QFormLayout(outage_box)
        incident_label = QLabel(self.tr("&Outage:"))
        incident_label.setBuddy(self.incident)
        outage_form.addRow(incident_label, self.incident)
        outage_buttons = QHBoxLayout()
        outage_buttons.addWidget(self.bundle_button)
        outage_buttons.addWidget(self.sheet_button)
        outage_buttons.addStretch(1)
        outage_form.addRow("", outage_buttons)

        self.cells = QLineEdit()
        self.cells.setObjectName("cellNames")
        self.cells.setPlaceholderText(self.tr("А-01…А-40, Б-01…Б-20"))
        self.cells.returnPressed.connect(self.make_cell_labels)
        self.cells_button = QPushButton(self.tr("Cell &labels (PDF) (Ctrl+L)"))
        self.cells_button.clicked.connect(self.make_cell_labels)
        cells_box = QGroupBox(self.tr("Cell labels for the shelves"))
        cells_form = QFormLayout(cells_box)
        cells_label = QLabel(self.tr("C&ells:"))
        cells_label.setBuddy(self.cells)
        cells_row = QHBoxLayout()
        cells_row.addWidget(self.cells, 1)
        cells_row.addWidget(self.cells_button)
        cells_form.addRow(cells_label, cells_row)

        self.job_panel = JobPanel()
        self.message = MessageLine()
        self.files = QLabel()
        self.files.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open the &folder (Ctrl+O)"))
        self.open_button.clicked.connect(self.open_folder)
        bottom = QHBoxLayout()
        bottom.addWidget(self.files, 1)
        bottom.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Reports")))
        layout.addWidget(day_box)
        layout.addWidget(outage_box)
        layout.addWidget(cells_box)
        layout.addWidget(self.job_panel)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        layout.addStretch(1)

        add_shortcut(self, "Ctrl+Return", self.export_day)
        add_shortcut(self, "Ctrl+O", self.open_folder)
        add_shortcut(self, "Ctrl+L", self.make_cell_labels)
        add_shortcut(self, "Esc", self.job_panel.cancel)
        self.since.returnPressed.connect(self.export_day)
        self.until.returnPressed.connect(self.export_day)

    # --- inputs ------------------------------------------------------------------------------
    def period(self) -> ReportPeriod | None:
        now = self.ctx.app.clock.now()
        zone = now.tzinfo
        assert zone is not None
        try:
            since = self.since.value(now.date()) or now.date()
            until = self.until.value(now.date()) or since
        except ValueError as error:
            self._error(
                self.tr("«{text}» is not a date. Write it like 28.11.2026.").format(text=error)
            )
            return None
        if until < since:
            self._error(self.tr("The period ends before it starts."))
            return None
        start = datetime.combine(since, time(0), tzinfo=zone)
        return ReportPeriod(
            start, datetime.combine(until + timedelta(days=1), time(0), tzinfo=zone)
        )

    def incident_label(self, incident: Incident) -> str:
        language = current_language()
        start = format_user_time(incident.started_at.astimezone(), language)
        if incident.ended_at is None:
            return self.tr("{start}, still going ({id})").format(
                start=start, id=incident.incident_id[:8]
            )
        end = format_user_time(incident.ended_at.astimezone(), language)
        return self.tr("{start} — {end} ({id})").format(
            start=start, end=end, id=incident.incident_id[:8]
        )

    def load_incidents(self) -> None:
        chosen = self.incident.currentData()
        incidents = self.ctx.app.incidents.incidents()
        self.incident.clear()
        for incident in reversed(incidents):  # newest first: the usual choice is on top
            self.incident.addItem(self.incident_label(incident), incident.incident_id)
        if chosen:
            self.incident.setCurrentIndex(max(0, self.incident.findData(chosen)))
        has = bool(incidents)
        self.bundle_button.setEnabled(has)
        self.sheet_button.setEnabled(has)
        if not has:
            self.incident.addItem(self.tr("no outage recorded"), "")

    # --- jobs --------------------------------------------------------------------------------
    def export_day(self) -> None:
        formats = [name for name, box in self.formats.items() if box.isChecked()]
        if not formats:
            self._error(self.tr("Choose at least one format."))
            return
        period = self.period()
        if period is None:
            return
        out_dir = self.out_dir

        def work(session: DbSession, control: JobControl) -> list[Path]:
            cancel = CancelFlag(control)
            report = session.reporting.day_report(period, cancel=cancel)
            return export_report(report, out_dir, formats, progress=control.progress, cancel=cancel)

        self._start(work, self.tr("Making the end-of-day report…"))

    def _incident_job(self, bundle: bool) -> None:
        incident_id = str(self.incident.currentData() or "")
        if not incident_id:
            self._error(self.tr("No outage is recorded yet."))
            return
        out_dir = self.out_dir

        def work(session: DbSession, control: JobControl) -> list[Path]:
            cancel = CancelFlag(control)
            now = session.clock.now()
            stamp = now.strftime("%Y-%m-%d-%H%M")
            reporting = session.reporting
            if bundle:
                target = out_dir / f"ticket-{incident_id[:8]}-{stamp}.zip"
                return [
                    reporting.bundle(
                        target,
                        incident_id=incident_id,
                        now=now,
                        progress=control.progress,
                        cancel=cancel,
                    )
                ]
            target = out_dir / f"reentry-{incident_id[:8]}-{stamp}.pdf"
            return [
                reporting.reentry_sheet(
                    target,
                    incident_id=incident_id,
                    now=now,
                    progress=control.progress,
                    cancel=cancel,
                )
            ]

        text = (
            self.tr("Making the ticket bundle…")
            if bundle
            else self.tr("Making the re-entry sheet…")
        )
        self._start(work, text)

    def make_bundle(self) -> None:
        self._incident_job(bundle=True)

    def make_sheet(self) -> None:
        self._incident_job(bundle=False)

    def make_cell_labels(self) -> None:
        """Ctrl+L: a printable sheet of the cells written in the field (А-01…А-40, Б-01…)."""
        if not self.cells.text().strip():
            self.cells.setFocus()
        try:
            names = parse_cell_names(self.cells.text())
        except PvzdeskError as error:
            self._error(str(error))
            return
        out_dir = self.out_dir

        def work(session: DbSession, control: JobControl) -> list[Path]:
            stamp = session.clock.now().strftime("%Y-%m-%d-%H%M")
            target = out_dir / f"cells-{names[0]}-{len(names)}-{stamp}.pdf"
            return [session.reporting.cell_labels(names, target)]

        self._start(work, self.tr("Making the cell labels…"))

    def _start(self, work: Work, text: str) -> None:
        if self.job_panel.running:
            self.message.show_message(
                self.tr("Wait for the current export or cancel it (Esc)."), Tone.WARNING
            )
            return
        self.message.clear_message()
        self._buttons(False)
        job = self.ctx.run_db(
            work,
            name="report",
            on_done=self._done,
            on_error=self._failed,
            on_progress=self.job_panel.on_progress,
            on_cancelled=self._cancelled,
        )
        self.job_panel.start(job, text)

    def _buttons(self, enabled: bool) -> None:
        self.export_button.setEnabled(enabled)
        self.cells_button.setEnabled(enabled)
        has_incident = bool(self.incident.currentData())
        self.bundle_button.setEnabled(enabled and has_incident)
        self.sheet_button.setEnabled(enabled and has_incident)

    def _done(self, paths: list[Path]) -> None:
        self.job_panel.finish()
        self._buttons(True)
        self.written = paths
        csv_files = [path for path in paths if path.suffix == ".csv"]
        shown = [path.name for path in paths if path.suffix != ".csv"]
        if csv_files:  # one CSV per section: name the count, not a dozen files
            shown.append(self.tr("{count} CSV files").format(count=len(csv_files)))
        names = ", ".join(shown)
        self.message.show_message(self.tr("Ready: {files}").format(files=names), Tone.SUCCESS)
        self.files.setText(self.tr("Folder: {folder}").format(folder=self.out_dir))
        self.ctx.feedback(Tone.SUCCESS)

    def _failed(self, error: BaseException) -> None:
        self.job_panel.finish()
        self._buttons(True)
        if isinstance(error, ReportCancelled):
            self._cancelled()
            return
        self._error(str(error) if isinstance(error, PvzdeskError) else repr(error))

    def _cancelled(self) -> None:
        self.job_panel.finish()
        self._buttons(True)
        self.message.show_message(self.tr("Cancelled; no file was written."), Tone.WARNING)

    def _error(self, text: str) -> None:
        self.message.show_message(text, Tone.ERROR)
        self.ctx.feedback(Tone.ERROR)

    def open_folder(self) -> None:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.out_dir))):
            self.message.show_message(
                self.tr("Cannot open a file manager here. The files are in {folder}").format(
                    folder=self.out_dir
                ),
                Tone.WARNING,
            )

    # --- screen contract ---------------------------------------------------------------------
    def on_activated(self) -> None:
        self.load_incidents()
        if not self.since.text():
            self.since.set_value(self.ctx.app.clock.now().date())
        self.since.setFocus()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches({EntryKind.INCIDENT_START, EntryKind.INCIDENT_END}):
            self.load_incidents()

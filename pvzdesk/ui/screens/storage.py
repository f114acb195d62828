"""Хранение: storage deadlines. Parcels at the point with days left (overdue, last day, tomorrow),
extension of one, the selected or every parcel of an outage, and send-back of the selected.

With a point database the list is the whole point's (every desk's entries, the counter's own
picture): a parcel received at another desk is here, named with that desk; one issued there is not.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pvzdesk.domain.dates import format_user_time
from pvzdesk.domain.models import EntryKind
from pvzdesk.domain.scan import ScanRead
from pvzdesk.domain.state import AT_POINT, PostingState, PostingStatus
from pvzdesk.i18n import current_language
from pvzdesk.services.counter import CounterService, ParcelAtPoint
from pvzdesk.services.incidents import Incident
from pvzdesk.services.manifest_import import ImportReport
from pvzdesk.services.results import OpResult
from pvzdesk.ui.context import Changes, DbSession, JobControl, Tone, UiContext
from pvzdesk.ui.dialogs import ask
from pvzdesk.ui.screens.base import Screen, key_on_own_line
from pvzdesk.ui.screens.counter_widgets import SelectionFrame
from pvzdesk.ui.screens.office import (
    JobPanel,
    MessageLine,
    add_shortcut,
    findings_text,
    heading,
    tone_of,
    user_date,
)
from pvzdesk.ui.screens.storage_parts import (
    DueFilter,
    ExtendDialog,
    IncidentExtendDialog,
    StorageModel,
    matches,
)

# More parcels than this in one operation go to the DB worker instead of the GUI thread.
QUICK_OP_LIMIT = 50
DEADLINE_KINDS = frozenset(
    {
        EntryKind.RECEIVE,
        EntryKind.PLACE,
        EntryKind.ISSUE,
        EntryKind.REFUSE,
        EntryKind.CLIENT_RETURN,
        EntryKind.RETURN_TO_SENDER,
        EntryKind.EXTEND,
        EntryKind.DEADLINE_SYNC,
        EntryKind.VOID,
    }
)


class StorageScreen(Screen):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.all_states: list[PostingState] = []
        self.desks: dict[str, str] = {}  # posting -> the desk that received it (several desks)
        self.due = DueFilter.ALL
        self.loading = False
        self._again = False
        self.writing = False  # an extend or send-back is being saved: no second one meanwhile
        self._build()

    def title(self) -> str:
        return self.tr("Storage")

    @property
    def today(self) -> date:
        return self.ctx.app.clock.now().date()

    # --- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.model = StorageModel(self)
        self.filter_buttons = QButtonGroup(self)
        filters = QHBoxLayout()
        self.filter_labels = {
            DueFilter.ALL: self.tr("&All at the point"),
            DueFilter.OVERDUE: self.tr("&Overdue"),
            DueFilter.TODAY: self.tr("Last day &today"),
            DueFilter.TOMORROW: self.tr("Until to&morrow"),
        }
        self.filter_widgets: dict[DueFilter, QPushButton] = {}
        for due, text in self.filter_labels.items():
            button = QPushButton(text)
            button.setCheckable(True)
            button.setChecked(due is DueFilter.ALL)
            button.clicked.connect(lambda _checked=False, due=due: self.set_due(due))
            self.filter_buttons.addButton(button)
            self.filter_widgets[due] = button
            filters.addWidget(button)
        filters.addStretch(1)
        self.summary = QLabel()  # a line of its own: the four filters take the row's width

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(SelectionFrame(self.table))  # the deadline colour stays seen
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._fit_columns()

        self.extend_button = QPushButton(key_on_own_line(self.tr("&Extend… (Ctrl+E)")))
        self.extend_button.clicked.connect(self.extend_selected)
        self.outage_button = QPushButton(
            key_on_own_line(self.tr("Extend after an o&utage… (Ctrl+Shift+E)"))
        )
        self.outage_button.clicked.connect(self.extend_for_incident)
        self.send_back_button = QPushButton(key_on_own_line(self.tr("&Send back (Ctrl+B)")))
        self.send_back_button.clicked.connect(self.send_back_selected)
        self.import_button = QPushButton(self.tr("&Import manifest… (Ctrl+I)"))
        self.import_button.clicked.connect(lambda: self.import_manifest())
        self.import_panel = JobPanel()
        imports = (
            QHBoxLayout()
        )  # its own row: the four buttons in one row do not fit 1366 in Russian
        imports.addWidget(self.import_button)
        imports.addStretch(1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.extend_button)
        actions.addWidget(self.outage_button)
        actions.addWidget(self.send_back_button)
        self.message = MessageLine()

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Storage deadlines")))
        # The platform has no pickup-point deadline (issue 12): say whose dates these are, once.
        self.deadline_note = QLabel(
            self.tr(
                "These deadlines are this point's own: the platform does not report them. "
                "After an outage, extend them here."
            )
        )
        self.deadline_note.setWordWrap(True)
        self.deadline_note.setStyleSheet("QLabel { color: palette(mid); }")
        layout.addWidget(self.deadline_note)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addLayout(imports)
        layout.addWidget(self.import_panel)
        layout.addWidget(self.message)

        add_shortcut(self, "Ctrl+I", lambda: self.import_manifest())
        add_shortcut(self, "Ctrl+E", self.extend_selected)
        add_shortcut(self, "Ctrl+Shift+E", self.extend_for_incident)
        add_shortcut(self, "Ctrl+B", self.send_back_selected)
        add_shortcut(self, "Esc", self._escape)
        for number, due in enumerate(DueFilter, start=1):
            add_shortcut(self, f"Ctrl+{number}", partial(self.set_due, due))

    # --- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        if self.loading:
            self._again = True  # one more load when this one lands
            return
        self.loading = True

        def work(session: DbSession, control: JobControl) -> list[ParcelAtPoint]:
            return session.counter.parcels_at_point()

        self.ctx.run_db(work, name="storage list", on_done=self._loaded, on_error=self._failed)

    def _loaded(self, parcels: list[ParcelAtPoint]) -> None:
        self.loading = False
        self.all_states = [parcel.state for parcel in parcels]
        self.desks = {parcel.state.posting: parcel.desk for parcel in parcels if parcel.desk}
        self.model.desks = self.desks
        # the desk column only where there are several desks to tell apart
        self.table.setColumnHidden(StorageModel.DESK_COLUMN, not self.desks)
        self._show()
        if self._again:
            self._again = False
            self.reload()

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self.message.show_message(str(error), Tone.ERROR)

    def set_due(self, due: DueFilter) -> None:
        self.due = due
        self.filter_widgets[due].setChecked(True)
        self._show()
        self.table.setFocus()

    def _show(self) -> None:
        keep = set(self.selected_postings())
        today = self.today
        self.model.set_rows([s for s in self.all_states if matches(s, self.due, today)], today)
        counts = {
            due: sum(1 for s in self.all_states if matches(s, due, today)) for due in DueFilter
        }
        for due, button in self.filter_widgets.items():  # the count under the words: with the
            # camera's panel on, the four in a row fit a 1366-px screen only so
            button.setText(f"{self.filter_labels[due]}\n({counts[due]})")
        self.summary.setText(self.tr("Shown: {shown}").format(shown=self.model.rowCount()))
        self._select(keep)

    def _select(self, postings: set[str]) -> None:
        selection = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        first = True
        for row, state in enumerate(self.model.states):
            if state.posting in postings:
                index = self.model.index(row, 0)
                if first:
                    selection.setCurrentIndex(index, flags)
                    self.table.scrollTo(index)
                    first = False
                else:
                    selection.select(index, flags)

    def selected_postings(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [s.posting for row in rows if (s := self.model.state_at(row)) is not None]

    # --- operations --------------------------------------------------------------------------
    def _still_writing(self) -> bool:
        """An extend or send-back is being saved: say so instead of starting another."""
        if self.writing:
            self.message.show_message(
                self.tr("The previous operation is still being saved."), Tone.WARNING
            )
        return self.writing

    def _set_writing(self, writing: bool) -> None:
        self.writing = writing
        for button in (self.extend_button, self.outage_button, self.send_back_button):
            button.setEnabled(not writing)

    def _run(self, operation: Callable[[CounterService], OpResult], count: int, done: str) -> None:
        """Few parcels: the scan writer commits them at once; many: the DB worker, with
        progress. Either way the buttons wait for the answer."""
        if self._still_writing():
            return
        self._set_writing(True)
        if count <= QUICK_OP_LIMIT:
            self.ctx.perform(
                operation,
                origin="storage",
                on_done=lambda result: self._report(result, done),
                on_error=self._report_error,
            )
            return

        def work(session: DbSession, control: JobControl) -> OpResult:
            return operation(session.counter)

        self.message.show_message(self.tr("Working on {count} parcels…").format(count=count))
        self.ctx.run_db(
            work,
            name="storage operation",
            on_done=lambda result: self._report(result, done),
            on_error=self._report_error,
            changes=lambda result: Changes.of(result, origin="storage"),
        )

    def _report(self, result: OpResult, done: str) -> None:
        self._set_writing(False)
        text = done.format(count=len(result.entries))
        details = findings_text(result)
        tone = tone_of(result)
        self.message.show_message(f"{text} {details}".strip(), tone)
        self.ctx.feedback(tone)

    def _report_error(self, error: BaseException) -> None:
        self._set_writing(False)
        self.message.show_message(str(error), Tone.ERROR)
        self.ctx.feedback(Tone.ERROR)

    def extend_selected(self) -> None:
        if self._still_writing():
            return
        postings = self.selected_postings()
        if not postings:
            self.message.show_message(self.tr("Select the parcels to extend first."), Tone.WARNING)
            return
        chosen = set(postings)
        states = [state for state in self.model.states if state.posting in chosen]
        dialog = ExtendDialog(states, self.today, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
            self.table.setFocus()
            return
        choice = dialog.choice
        if choice.until is not None:
            done = self.tr("Extended {count} parcel(s) until {date}.").replace(
                "{date}", user_date(choice.until)
            )
        else:
            done = self.tr("Extended {count} parcel(s) by {days} days.").replace(
                "{days}", str(choice.days)
            )
        self._run(
            lambda counter: counter.extend(
                postings, days=choice.days, until=choice.until, reason=choice.reason
            ),
            len(postings),
            done,
        )
        self.table.setFocus()

    def incident_label(self, incident: Incident) -> str:
        language = current_language()
        start = format_user_time(incident.started_at.astimezone(), language)
        if incident.ended_at is None:
            return self.tr("from {start}, still going").format(start=start)
        end = format_user_time(incident.ended_at.astimezone(), language)
        return self.tr("{start} — {end}").format(start=start, end=end)

    def extend_for_incident(self) -> None:
        if self._still_writing():
            return
        incidents = self.ctx.app.incidents.incidents()
        if not incidents:
            self.message.show_message(
                self.tr("No outage is recorded, so there is nothing to extend for."), Tone.WARNING
            )
            return
        labels = [self.incident_label(incident) for incident in incidents]
        dialog = IncidentExtendDialog(incidents, labels, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.table.setFocus()
            return
        incident_id, days = dialog.incident_id, dialog.days.value()
        done = self.tr("Extended {count} parcel(s) by {days} days after the outage.").replace(
            "{days}", str(days)
        )

        def work(session: DbSession, control: JobControl) -> OpResult:
            return session.incidents.extend_all(incident_id, days)

        self._set_writing(True)
        self.ctx.run_db(
            work,
            name="extend after outage",
            on_done=lambda result: self._report(result, done),
            on_error=self._report_error,
            changes=lambda result: Changes.of(result, origin="storage"),
        )
        self.table.setFocus()

    def send_back_selected(self) -> None:
        if self._still_writing():
            return
        postings = self.selected_postings()
        if not postings:
            self.message.show_message(
                self.tr("Select the parcels to send back first."), Tone.WARNING
            )
            return
        early = [
            state.posting
            for state in self.model.states
            if state.posting in postings
            and state.storage_until is not None
            and state.storage_until >= self.today
            and state.status is PostingStatus.IN_STORAGE
        ]
        question = self.tr("Send {count} parcel(s) back to the sender?").format(count=len(postings))
        if early:
            question += " " + self.tr(
                "{count} of them are still within their storage period."
            ).format(count=len(early))
        if not ask(self, self.tr("Send back"), question, self.tr("Send back"), self.tr("Cancel")):
            self.table.setFocus()
            return
        self._run(
            lambda counter: counter.send_back(postings),
            len(postings),
            self.tr("{count} parcel(s) recorded as sent back."),
        )
        self.table.setFocus()

    # --- manifest import -----------------------------------------------------------------------
    def import_manifest(self, path: Path | None = None) -> None:
        """A manifest file (CSV or XLSX) in the background with a progress bar; a refused file
        names its problem rows and imports nothing."""
        if self.import_panel.running:
            return
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, self.tr("Manifest file"), "", self.tr("Manifest (*.csv *.xlsx)")
            )
            if not chosen:
                return
            path = Path(chosen)
        file = path

        def work(session: DbSession, control: JobControl) -> ImportReport:
            def progress(rows: int) -> bool:
                control.progress(rows, 0, self.tr("Rows read: {rows}").format(rows=rows))
                return not control.cancelled

            return session.manifest.import_file(file, progress)

        def done(report: ImportReport) -> None:
            self.import_panel.finish()
            self.message.show_message(
                self.tr("Manifest imported: {count} parcels from {file}.").format(
                    count=report.imported, file=file.name
                ),
                Tone.SUCCESS,
            )
            self.ctx.feedback(Tone.SUCCESS)

        def failed(error: BaseException) -> None:
            self.import_panel.finish()
            self.message.show_message(str(error), Tone.ERROR)
            self.ctx.feedback(Tone.ERROR)

        job = self.ctx.run_db(
            work,
            name="manifest import",
            on_done=done,
            on_error=failed,
            on_progress=self.import_panel.on_progress,
            changes=lambda _report: Changes(manifest=True, origin="storage"),
        )
        self.import_panel.start(job, self.tr("Importing {file}…").format(file=file.name))

    def _escape(self) -> None:
        self.table.clearSelection()

    # --- screen contract ---------------------------------------------------------------------
    def _fit_columns(self) -> None:
        """Each column as wide as the longest thing it shows (a posting number, «просрочено на
        99 дн.», the longest status), measured in the table's own font; the last one stretches."""
        metrics = self.table.fontMetrics()
        model = self.model
        header = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(5)]
        samples = (
            ["0000000000-0000-0"],
            ["А-01-01"],
            [model.status_name(status) for status in sorted(AT_POINT)],
            ["00.00.0000"],
            [model.days_text(-99), model.days_text(0), model.days_text(1)],
        )
        padding = 2 * metrics.horizontalAdvance("M")
        for column, texts in enumerate(samples):
            widest = max(metrics.horizontalAdvance(text) for text in [header[column], *texts])
            self.table.setColumnWidth(column, widest + padding)

    def on_activated(self) -> None:
        self.stale = False
        self.reload()
        self.table.setFocus()

    def on_changes(self, changes: Changes) -> None:
        if changes.manifest or changes.peers or changes.touches(DEADLINE_KINDS):
            if self.isVisible():
                self.reload()
            else:
                self.stale = True

    def handle_scan(self, read: ScanRead) -> bool:
        """A scanned parcel is found and selected, ready for extend or send-back."""
        resolved = self.ctx.app.counter.resolve(read)
        if not resolved.posting:
            self.message.show_message(
                self.tr("{code} is not a parcel label.").format(code=read.text), Tone.WARNING
            )
            self.ctx.feedback(Tone.WARNING)
            return True
        if self.model.row_of(resolved.posting) < 0 and self.due is not DueFilter.ALL:
            self.set_due(DueFilter.ALL)
        row = self.model.row_of(resolved.posting)
        if row < 0:
            self.message.show_message(
                self.tr("{posting} is not at the point.").format(posting=resolved.posting),
                Tone.WARNING,
            )
            self.ctx.feedback(Tone.WARNING)
            return True
        self.table.clearSelection()
        self._select({resolved.posting})
        state = self.model.states[row]
        until = user_date(state.storage_until) if state.storage_until else "—"
        text = self.tr(
            "{posting}: cell {cell}, stored until {until}. Ctrl+E extends, Ctrl+B sends back."
        ).format(posting=state.posting, cell=state.cell or "—", until=until)
        desk = self.desks.get(state.posting, "")
        if desk:
            text = f"{self.model.desk_text(state, desk)}. {text}"
        self.message.show_message(text, Tone.SUCCESS)
        self.ctx.feedback(Tone.SUCCESS)
        self.table.setFocus()
        return True

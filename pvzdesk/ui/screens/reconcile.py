"""Сверка: bring the journal back to the platform. A cancellable reconciler run in the background,
its outcomes grouped, every conflict with the journal's and the platform's view side by side and
the actions allowed; for partner points, the re-entry worklist checked off by scanning."""

from __future__ import annotations

import threading
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pvzdesk.domain.dates import format_user_time
from pvzdesk.domain.scan import ScanRead
from pvzdesk.errors import PvzdeskError
from pvzdesk.i18n import current_language
from pvzdesk.reports.day_report import entry_kind_label
from pvzdesk.services.messages import count_by_kind, describe_outcome
from pvzdesk.services.reconcile import ReconcileViews
from pvzdesk.services.reconcile_words import explain
from pvzdesk.services.results import OpResult
from pvzdesk.storage.platform_feed import CancelRequestRow
from pvzdesk.sync.adapters.reentry import CheckOff
from pvzdesk.ui.context import Changes, DbSession, Job, JobControl, Tone, UiContext
from pvzdesk.ui.screens.base import Screen
from pvzdesk.ui.screens.journal_model import payload_summary
from pvzdesk.ui.screens.office import JobPanel, MessageLine, add_shortcut, heading
from pvzdesk.ui.screens.reconcile_parts import (
    OUTCOME_ORDER,
    OutcomeRow,
    Overview,
    RunSummary,
    Worklist,
    load_overview,
    load_worklist,
    retry_entry,
    run_seller_reconcile,
)

SET_ASIDE = ("conflict", "rejected")


class ReconcileScreen(Screen):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.overview: Overview | None = None
        self.worklist = Worklist()
        self.run_job: Job | None = None
        self.last_run: RunSummary | None = None
        self._cancel = threading.Event()
        self.voiding = False  # "platform is right" is being saved: no second void meanwhile
        self._build()

    def title(self) -> str:
        return self.tr("Reconcile")

    @property
    def adapter(self) -> str:
        return self.ctx.app.settings.platform.adapter

    # --- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.start_button = QPushButton(self.tr("&Start reconciliation (Ctrl+R)"))
        self.start_button.clicked.connect(self.start)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.job_panel = JobPanel()
        self.message = MessageLine()
        self.retry_all_button = QPushButton(self.tr("Check &all set-aside again"))
        self.retry_all_button.clicked.connect(self.retry_all)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.retry_all_button)  # a run's own action, beside the run
        top.addWidget(self.start_button)

        self.groups = QTreeWidget()
        self.groups.setHeaderLabels([self.tr("Outcome"), self.tr("Posting"), self.tr("Operation")])
        self.groups.setColumnWidth(0, 240)
        self.groups.setColumnWidth(1, 190)
        self.groups.currentItemChanged.connect(lambda _now, _before: self._show_selected())
        self.conflict_text = QLabel()
        self.conflict_text.setWordWrap(True)
        self.journal_view = QPlainTextEdit()
        self.journal_view.setReadOnly(True)
        self.platform_view = QPlainTextEdit()
        self.platform_view.setReadOnly(True)
        sides = QHBoxLayout()
        for title, view in (
            (self.tr("The journal says"), self.journal_view),
            (self.tr("The platform says"), self.platform_view),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(f"<b>{title}</b>"))
            column.addWidget(view)
            sides.addLayout(column)
        self.accept_button = QPushButton(self.tr("&Platform is right: void our entry"))
        self.accept_button.clicked.connect(self.accept_platform)
        self.retry_button = QPushButton(self.tr("&Check again on the next run"))
        self.retry_button.clicked.connect(self.retry_selected)
        # under both columns, one above the other: with the camera's panel on (F9) a 1366-px
        # screen has too little width for both side by side
        actions = QVBoxLayout()
        actions.addWidget(self.accept_button, 0, Qt.AlignmentFlag.AlignLeft)
        actions.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        detail = QVBoxLayout()
        detail.addWidget(self.conflict_text)
        detail.addLayout(sides, 1)
        columns = QHBoxLayout()
        columns.addWidget(self.groups, 2)
        columns.addLayout(detail, 3)
        outcomes_tab = QWidget()
        outcomes_layout = QVBoxLayout(outcomes_tab)
        outcomes_layout.addLayout(columns, 1)
        outcomes_layout.addLayout(actions)

        self.work_table = QTableWidget(0, 5)
        self.work_table.setHorizontalHeaderLabels(
            [
                self.tr("Done"),
                self.tr("#"),
                self.tr("Operation"),
                self.tr("Posting"),
                self.tr("Code"),
            ]
        )
        self.work_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.work_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.work_table.verticalHeader().setVisible(False)
        self.work_table.horizontalHeader().setStretchLastSection(True)
        for index, width in enumerate((80, 60, 200, 240)):
            self.work_table.setColumnWidth(index, width)
        self.work_state = QLabel()
        work_tab = QWidget()
        work_layout = QVBoxLayout(work_tab)
        work_hint = QLabel(
            self.tr(
                "Re-enter each operation in the platform's app, then scan the parcel here "
                "to tick it off."
            )
        )
        work_hint.setWordWrap(True)
        work_layout.addWidget(work_hint)
        work_layout.addWidget(self.work_table, 1)
        work_layout.addWidget(self.work_state)

        self.cancel_table = QTableWidget(0, 3)
        self.cancel_table.setHorizontalHeaderLabels(
            [self.tr("Posting"), self.tr("Request"), self.tr("Reason")]
        )
        self.cancel_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cancel_table.verticalHeader().setVisible(False)
        self.cancel_table.horizontalHeader().setStretchLastSection(True)
        self.cancel_table.setColumnWidth(0, 220)
        self.cancel_table.setColumnWidth(1, 160)
        cancel_tab = QWidget()
        cancel_layout = QVBoxLayout(cancel_tab)
        cancel_hint = QLabel(
            self.tr(
                "The buyer asked to cancel these orders: do not hand them out. Approving or "
                "rejecting a request is done in the seller's account."
            )
        )
        cancel_hint.setWordWrap(True)
        cancel_layout.addWidget(cancel_hint)
        cancel_layout.addWidget(self.cancel_table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(outcomes_tab, self.tr("&Outcomes"))
        self.tabs.addTab(work_tab, self.tr("Re-entry &worklist"))
        self.tabs.addTab(cancel_tab, self.tr("Buyer &cancellations"))

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Reconciliation")))
        layout.addLayout(top)
        layout.addWidget(self.job_panel)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

        add_shortcut(self, "Ctrl+R", self.start)
        add_shortcut(self, "Esc", self.cancel)
        self._show_selected()

    # --- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        adapter = self.adapter

        def work(session: DbSession, control: JobControl) -> tuple[Overview, Worklist]:
            overview = load_overview(session.store, adapter)
            control.check()
            return overview, load_worklist(session)

        self.ctx.run_db(work, name="reconcile overview", on_done=self._loaded, on_error=self._error)

        def requests(session: DbSession, control: JobControl) -> list[CancelRequestRow]:
            return ReconcileViews(session.store).cancel_requests()

        self.ctx.run_db(
            requests, name="cancel requests", on_done=self._fill_cancel, on_error=self._error
        )

    def _fill_cancel(self, rows: list[CancelRequestRow]) -> None:
        states = {"ON_APPROVAL": self.tr("pending"), "APPROVED": self.tr("approved")}
        self.cancel_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            for column, text in enumerate(
                (row.posting, states.get(row.state, row.state), row.reason)
            ):
                self.cancel_table.setItem(index, column, QTableWidgetItem(text))

    def _loaded(self, loaded: tuple[Overview, Worklist]) -> None:
        self.overview, self.worklist = loaded
        self._fill_groups()
        self._fill_worklist()
        self._show_state()

    def waiting_text(self) -> str:
        """«К сверке: 7 (выдача 3, отказ 2, продление 2).»: every kind (the one waiting query)."""
        overview = self.overview
        waiting = overview.waiting if overview else 0
        text = self.tr("To reconcile: {count}").format(count=waiting)
        if overview is not None and waiting and overview.by_kind:
            text += f" ({count_by_kind(overview.by_kind)})"
        return text + "."

    def _show_state(self) -> None:
        self.retry_all_button.setVisible(self.adapter != "reentry")  # set aside by an API run
        if self.adapter == "reentry":
            self.state.setText(
                self.tr(
                    "Partner point: the platform has no API for these steps. Re-enter them from "
                    "the worklist (or the printed re-entry sheet) and tick each one off."
                )
                + " "
                + self.waiting_text()
            )
            self.start_button.setEnabled(False)
            return
        self.start_button.setEnabled(not self.job_panel.running)
        overview = self.overview
        conflicts = sum(overview.counts.get(o, 0) for o in SET_ASIDE) if overview else 0
        self.state.setText(
            self.waiting_text()
            + " "
            + self.tr("Needing a person: {conflicts}.").format(conflicts=conflicts)
        )

    def _fill_groups(self) -> None:
        self.groups.clear()
        overview = self.overview
        if overview is None:
            return
        first_set_aside: QTreeWidgetItem | None = None
        for outcome in OUTCOME_ORDER:
            count = overview.counts.get(outcome, 0)
            if not count:
                continue
            group = QTreeWidgetItem([f"{describe_outcome(outcome)} — {count}"])
            group.setData(0, Qt.ItemDataRole.UserRole, None)
            self.groups.addTopLevelItem(group)
            for row in overview.groups.get(outcome, []):
                child = QTreeWidgetItem(
                    [f"№ {row.entry.seq}", row.entry.posting, entry_kind_label(row.entry)]
                )
                child.setData(0, Qt.ItemDataRole.UserRole, row)
                group.addChild(child)
                if first_set_aside is None and outcome in SET_ASIDE:
                    first_set_aside = child
            group.setExpanded(outcome in SET_ASIDE)
        if first_set_aside is not None:
            self.groups.setCurrentItem(first_set_aside)
        self._show_selected()

    def selected_row(self) -> OutcomeRow | None:
        item = self.groups.currentItem()
        row = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return row if isinstance(row, OutcomeRow) else None

    def _show_selected(self) -> None:
        row = self.selected_row()
        set_aside = row is not None and row.attempt.outcome in SET_ASIDE
        self.accept_button.setEnabled(set_aside and not self.voiding)
        self.retry_button.setEnabled(set_aside)
        if row is None:
            self.conflict_text.setText(self.tr("Choose an entry to see both sides."))
            self.journal_view.setPlainText("")
            self.platform_view.setPlainText("")
            return
        entry = row.entry
        attempt = row.attempt
        desk = self.ctx.app.settings.point.desk_name
        said = explain(entry, attempt.outcome, attempt.detail, attempt.reply, desk=desk)
        outcome = describe_outcome(attempt.outcome)
        self.conflict_text.setText(f"{outcome[:1].upper()}{outcome[1:]}. {said.advice}")
        self.journal_view.setPlainText(
            "\n".join(
                [
                    said.journal,
                    f"{entry_kind_label(entry)} · {entry.posting} · № {entry.seq}",
                    payload_summary(entry),
                ]
            )
        )
        checked = format_user_time(attempt.attempted_at.astimezone(), current_language())
        self.platform_view.setPlainText(
            "\n".join([said.platform, self.tr("Last checked: {time}").format(time=checked)])
        )

    def _fill_worklist(self) -> None:
        items = self.worklist.items
        self.work_table.setRowCount(len(items))
        for row, item in enumerate(items):
            line = item.line
            cells = ["✓" if item.done else "", str(line.number), line.operation, line.posting]
            cells.append(line.barcode)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if item.done:
                    cell.setForeground(Qt.GlobalColor.darkGreen)
                self.work_table.setItem(row, column, cell)
        self.work_state.setText(
            self.tr("Re-entered: {done} of {total}.").format(
                done=self.worklist.done_count, total=len(items)
            )
        )

    # --- the run -----------------------------------------------------------------------------
    def start(self) -> None:
        if self.adapter == "reentry" or self.job_panel.running:
            return
        self._cancel = threading.Event()
        cancel, app = self._cancel, self.ctx.app

        # On the network pool with its own connection: a run takes minutes and must not hold the
        # one DB worker (the journal and reports screens keep loading meanwhile).
        waiting = self.tr("The platform asked to wait: requests resume at {time}.")

        def work(control: JobControl) -> RunSummary:
            seen = [0, 0]

            def progress(done: int, total: int) -> None:
                seen[:] = [done, total]
                control.progress(done, total)

            def retry_after(until: datetime) -> None:
                time = until.astimezone().strftime("%H:%M:%S")
                control.progress(seen[0], seen[1], waiting.format(time=time))

            return run_seller_reconcile(app, cancel, progress, on_retry_after=retry_after)

        self.start_button.setEnabled(False)
        self.message.clear_message()
        self.run_job = self.ctx.run_net(
            work,
            name="reconcile",
            on_done=self._finished,
            on_error=self._run_failed,
            on_progress=self.job_panel.on_progress,
        )
        self.job_panel.start(self.run_job, self.tr("Reconciling with the platform…"))

    def cancel(self) -> None:
        if self.job_panel.running:
            self._cancel.set()  # the reconciler stops between requests; what is recorded stays
            self.job_panel.cancel()

    def _finished(self, summary: RunSummary) -> None:
        self.job_panel.finish()
        self.last_run = summary
        counts = ", ".join(
            f"{describe_outcome(name)}: {count}" for name, count in sorted(summary.outcomes.items())
        )
        if summary.cancelled:
            text = self.tr("Stopped. {done} of {total} done; the rest waits for the next run.")
            tone = Tone.WARNING
        elif summary.remaining:
            text = self.tr("The platform did not answer for everything: {done} of {total} done.")
            tone = Tone.WARNING
        else:
            text = self.tr("Reconciliation finished: {done} of {total} done.")
            tone = Tone.SUCCESS
        self.message.show_message(
            f"{text.format(done=summary.done, total=summary.total)} {counts}".strip(), tone
        )
        self.ctx.announce(Changes(sync=True, origin="reconcile"))
        self.refresh()

    def _run_failed(self, error: BaseException) -> None:
        self.job_panel.finish()
        self._error(error)
        self._show_state()

    def _error(self, error: BaseException) -> None:
        self.message.show_message(
            str(error) if isinstance(error, PvzdeskError) else repr(error), Tone.ERROR
        )

    # --- conflict actions --------------------------------------------------------------------
    def accept_platform(self) -> None:
        if self.voiding:
            return  # the previous void is still being saved
        row = self.selected_row()
        if row is None or row.attempt.outcome not in SET_ASIDE:
            return
        said = explain(row.entry, row.attempt.outcome, row.attempt.detail, row.attempt.reply)
        reason = self.tr("Reconciliation: the platform's view is accepted ({what}).").format(
            what=said.platform
        )
        entry_id, seq = row.entry.entry_id, row.entry.seq

        def voided(_result: OpResult) -> None:
            self._voided()
            self.message.show_message(
                self.tr("Entry #{seq} is voided; the platform's view stands.").format(seq=seq),
                Tone.SUCCESS,
            )
            self.refresh()

        def failed(error: BaseException) -> None:
            self._voided()
            self._error(error)

        self.voiding = True  # until saved: a second click must not void twice
        self.accept_button.setEnabled(False)
        self.ctx.perform(
            lambda counter: counter.void(entry_id, reason),
            origin="reconcile",
            on_done=voided,
            on_error=failed,
        )

    def _voided(self) -> None:
        self.voiding = False
        self._show_selected()

    def retry_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.attempt.outcome not in SET_ASIDE:
            return
        adapter, entry_id = self.adapter, row.entry.entry_id

        def work(session: DbSession, control: JobControl) -> None:
            retry_entry(session.store, adapter, entry_id, session.clock.now())

        self.ctx.run_db(
            work,
            name="retry entry",
            on_done=lambda _none: self.refresh(),
            on_error=self._error,
            changes=lambda _none: Changes(sync=True, origin="reconcile"),
        )
        self.message.show_message(
            self.tr("Entry #{seq} will be checked again on the next run.").format(
                seq=row.entry.seq
            ),
            Tone.SUCCESS,
        )

    def retry_all(self) -> None:
        """Every conflict and rejection back in play (after a fault, a proxy, a key problem)."""

        def work(session: DbSession, control: JobControl) -> int:
            return session.reconcile.retry_set_aside()

        def done(count: int) -> None:
            self.refresh()
            self.message.show_message(
                self.tr("{count} set-aside entries will be checked again on the next run.").format(
                    count=count
                ),
                Tone.SUCCESS,
            )

        self.ctx.run_db(
            work,
            name="retry set-aside",
            on_done=done,
            on_error=self._error,
            changes=lambda _count: Changes(sync=True, origin="reconcile"),
        )

    # --- screen contract ---------------------------------------------------------------------
    def on_activated(self) -> None:
        self.tabs.setCurrentIndex(1 if self.adapter == "reentry" else 0)
        self._show_state()
        self.refresh()

    def on_changes(self, changes: Changes) -> None:
        if changes.origin == "reconcile" and not changes.entries:
            return
        if changes.sync or changes.journal:
            if self.isVisible():
                self.refresh()
            else:
                self.stale = True

    def handle_scan(self, read: ScanRead) -> bool:
        """A scan ticks off the earliest open worklist operation it names: the parcel's label,
        its posting number, or the line's code from the re-entry sheet (the same rules as
        ``pvzdesk reentry done``: ``ReentryWorklist.check_off``)."""
        checked: list[CheckOff] = []

        def check_off(services: DbSession) -> OpResult:
            done = services.reconcile.worklist().check_off(read.text)  # the scan writer's
            checked.append(done)
            return OpResult(() if done.written is None else (done.written,))

        def failed(error: BaseException) -> None:
            self._error(error)
            self.ctx.feedback(Tone.ERROR)

        self.ctx.perform_with(
            check_off,
            origin="reentry",
            on_done=lambda _result: self._checked_off(read, checked[0]),
            on_error=failed,
        )
        return True

    def _checked_off(self, read: ScanRead, done: CheckOff) -> None:
        if done.item is None or done.written is None:
            self.message.show_message(
                self.tr("{code}: nothing left to re-enter for this parcel.").format(code=read.text),
                Tone.WARNING,
            )
            self.ctx.feedback(Tone.WARNING)
            return
        item = self.worklist.mark_done(done.item.entry.entry_id)
        self._fill_worklist()
        self.tabs.setCurrentIndex(1)
        self.message.show_message(
            self.tr("Ticked off: line {number}, {posting}.").format(
                number=item.line.number if item is not None else "—",
                posting=done.item.entry.posting,
            ),
            Tone.SUCCESS,
        )
        self.ctx.feedback(Tone.SUCCESS)

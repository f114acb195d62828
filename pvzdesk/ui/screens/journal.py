"""Журнал: every entry, searchable and filterable (paged, never all at once), void with a reason,
and verification of the hash chain in the background."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pvzdesk.domain.chain import ChainReport
from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.domain.scan import ScanRead
from pvzdesk.services.results import OpResult
from pvzdesk.storage.anchor import AnchorCheck
from pvzdesk.storage.journal import EntryFilter
from pvzdesk.storage.journal_words import anchor_sentence
from pvzdesk.ui.chain_verifier import ChainVerifier
from pvzdesk.ui.context import Changes, Tone, UiContext
from pvzdesk.ui.dialogs import make_deliberate
from pvzdesk.ui.notices import anchor_notice, compare_with_anchor
from pvzdesk.ui.screens.base import Screen
from pvzdesk.ui.screens.journal_model import JournalModel
from pvzdesk.ui.screens.office import DateField, JobPanel, MessageLine, add_shortcut, heading

SEARCH_DELAY_MS = 300  # typing a word is one query, not one per letter


class VoidDialog(QDialog):
    """Ask why an entry is voided; OK only with a reason. F10 confirms (never Enter: a scanner's
    Enter must not void anything), Esc cancels."""

    def __init__(self, entry: Entry, kind_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Void an entry"))
        what = QLabel(
            self.tr("Void entry #{seq}: {kind} {posting}?").format(
                seq=entry.seq, kind=kind_name, posting=entry.posting
            )
        )
        what.setWordWrap(True)
        note = QLabel(
            self.tr("Nothing is deleted: a new entry records that this one is void, and why.")
        )
        note.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason, e.g. scanned the wrong parcel"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Void it"))
        ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.reason.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(note)
        layout.addWidget(QLabel(self.tr("Why:")))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        make_deliberate(self, ok)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        if self.reason.text().strip():
            super().accept()


class JournalScreen(Screen):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = JournalModel(ctx, self)
        self.model.on_loaded.append(self._page_landed)
        self.verify_job: JobPanel
        self.voiding = False  # a void is being saved: no second one meanwhile
        self._build()
        self._loaded_once = False
        self.last_report: ChainReport | None = None
        self.anchor_check: AnchorCheck | None = None  # the journal against its anchor, after a walk
        self.verifier: ChainVerifier | None = None
        ctx.on_shutdown(self._stop_verifier)

    def title(self) -> str:
        return self.tr("Journal")

    # --- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search: posting, code, operator, any text"))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        # as wide as its longest name: a chosen operation shows whole (the search field, which
        # stretches, gives the room)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind.addItem(self.tr("All operations"), "")
        for kind in EntryKind:
            name = self.model.kind_name(kind)
            if kind is EntryKind.DEADLINE_SYNC:  # the platform's and a list file's alike
                name = self.tr("Deadline: platform or list")
            self.kind.addItem(name, kind.value)
        self.since = DateField(self.tr("from, 28.11.2026"))
        self.until = DateField(self.tr("to, 28.11.2026"))
        filters = QHBoxLayout()
        search_label = QLabel(self.tr("&Find:"))
        search_label.setBuddy(self.search)
        kind_label = QLabel(self.tr("&Operation:"))
        kind_label.setBuddy(self.kind)
        dates_label = QLabel(self.tr("&Dates:"))
        dates_label.setBuddy(self.since)
        for widget in (search_label, self.search, kind_label, self.kind, dates_label):
            filters.addWidget(widget, 3 if widget is self.search else 0)
        filters.addWidget(self.since)
        filters.addWidget(QLabel("—"))
        filters.addWidget(self.until)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((80, 240, 210, 220, 120)):
            self.table.setColumnWidth(column, width)

        self.count_label = QLabel()
        self.void_button = QPushButton(self.tr("&Void… (Del)"))
        self.void_button.clicked.connect(self.void_selected)
        self.verify_button = QPushButton(self.tr("Check the &chain (Ctrl+K)"))
        self.verify_button.clicked.connect(self.verify_chain)
        self.chain_label = QLabel()
        self.chain_label.setWordWrap(True)
        self.verify_job = JobPanel()
        self.message = MessageLine()
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.void_button)
        actions.addWidget(self.verify_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Journal")))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.verify_job)
        layout.addWidget(self.chain_label)
        layout.addWidget(self.message)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)
        self.kind.currentIndexChanged.connect(lambda _index: self.apply_filter())
        self.since.returnPressed.connect(self.apply_filter)
        self.until.returnPressed.connect(self.apply_filter)
        self.since.editingFinished.connect(self.apply_filter)
        self.until.editingFinished.connect(self.apply_filter)

        add_shortcut(self, "Ctrl+F", self.search.setFocus)
        add_shortcut(self, "Ctrl+K", self.verify_chain)
        add_shortcut(self, "Esc", self.escape)
        add_shortcut(self.table, "Del", self.void_selected)
        self.setTabOrder(self.search, self.kind)
        self.setTabOrder(self.kind, self.since)
        self.setTabOrder(self.since, self.until)
        self.setTabOrder(self.until, self.table)
        self.setTabOrder(self.table, self.void_button)
        self.setTabOrder(self.void_button, self.verify_button)

    # --- filtering ---------------------------------------------------------------------------
    def current_filter(self) -> EntryFilter | None:
        """The filter the fields describe; None (and a message) when a date cannot be read."""
        today = self.ctx.app.clock.now().date()
        zone = self.ctx.app.clock.now().tzinfo
        try:
            since = self.since.value(today)
            until = self.until.value(today)
        except ValueError as error:
            self.message.show_message(
                self.tr("«{text}» is not a date. Write it like 28.11.2026.").format(text=error),
                Tone.ERROR,
            )
            return None
        kind = str(self.kind.currentData() or "")
        return EntryFilter(
            kinds=(EntryKind(kind),) if kind else (),
            text=self.search.text().strip(),
            since=datetime.combine(since, time(0), tzinfo=zone) if since else None,
            until=datetime.combine(until + timedelta(days=1), time(0), tzinfo=zone)
            if until
            else None,
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        where = self.current_filter()
        if where is None:
            return
        if where == self.model.where and self._loaded_once:
            return
        self.message.clear_message()
        self._loaded_once = True
        self.count_label.setText(self.tr("Loading…"))
        self.model.set_filter(where)

    def _page_landed(self) -> None:
        if self.model.error is not None:
            self.message.show_message(str(self.model.error), Tone.ERROR)
        shown = self.model.rowCount()
        more = "" if self.model.exhausted else "+"
        self.count_label.setText(self.tr("Entries shown: {count}").format(count=f"{shown}{more}"))
        if shown and not self.table.selectionModel().hasSelection():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    # --- void --------------------------------------------------------------------------------
    def selected_entry(self) -> Entry | None:
        return self.model.entry_at(self.table.currentIndex().row())

    def void_selected(self) -> None:
        if self.voiding:
            return  # the previous void is still being saved
        entry = self.selected_entry()
        if entry is None:
            self.message.show_message(self.tr("Choose an entry to void first."), Tone.WARNING)
            return
        if entry.kind is EntryKind.VOID or entry.entry_id in self.model.voided:
            self.message.show_message(
                self.tr("Entry #{seq} cannot be voided: it is a void or already voided.").format(
                    seq=entry.seq
                ),
                Tone.WARNING,
            )
            return
        dialog = VoidDialog(entry, self.model.entry_name(entry), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.table.setFocus()
            return
        reason = dialog.reason.text().strip()

        def voided(_result: OpResult) -> None:
            self._set_voiding(False)
            self.message.show_message(
                self.tr("Entry #{seq} is void. Reason: {reason}").format(
                    seq=entry.seq, reason=reason
                ),
                Tone.SUCCESS,
            )
            self.ctx.feedback(Tone.SUCCESS)

        def failed(error: BaseException) -> None:
            self._set_voiding(False)
            self.message.show_message(str(error), Tone.ERROR)
            self.ctx.feedback(Tone.ERROR)

        self._set_voiding(True)  # until saved: Del again must not void twice
        self.ctx.perform(
            lambda counter: counter.void(entry.entry_id, reason),
            origin="journal",
            on_done=voided,
            on_error=failed,
        )
        self.table.setFocus()

    def _set_voiding(self, voiding: bool) -> None:
        self.voiding = voiding
        self.void_button.setEnabled(not voiding)

    # --- chain verification ------------------------------------------------------------------
    def verify_chain(self) -> None:
        """Walk the chain in a child process (``ChainVerifier``): a million entries never stall
        this window; Esc or Cancel kills the child, which never writes."""
        if self.verify_job.running:
            return
        self.chain_label.setText("")
        self.verify_button.setEnabled(False)
        verifier = ChainVerifier(self.ctx.app.store.path, self)
        verifier.progress.connect(self.verify_job.on_progress)
        verifier.verified.connect(self._verified)
        verifier.failed.connect(self._verify_failed)
        verifier.cancelled.connect(self._verify_cancelled)
        self.verifier = verifier
        self.verify_job.start(verifier, self.tr("Checking the chain of entries…"))
        verifier.start()

    def _stop_verifier(self) -> None:
        """At exit: a running child is killed (it never writes) and waited for."""
        if self.verifier is not None and not self.verifier.finished:
            self.verifier.cancel()
            self.verifier.wait()

    def _verify_over(self) -> None:
        self.verify_job.finish()
        self.verify_button.setEnabled(True)
        if self.verifier is not None:
            self.verifier.deleteLater()
            self.verifier = None

    def _verified(self, report: ChainReport) -> None:
        self._verify_over()
        self.last_report = report
        if report.ok:
            text = self.tr(
                "The chain is intact: {count} entries checked, none changed or missing. "
                "Head: {head}"
            ).format(count=report.checked, head=report.head_hash[:16])
            self.chain_label.setStyleSheet("color:#1b5e20; font-size:15pt; font-weight:600;")
        else:
            why = (
                self.tr("its content was changed")
                if report.reason == "hash"
                else self.tr("an entry before it is missing or out of order")
            )
            text = self.tr(
                "The chain is BROKEN at entry #{seq}: {why}. {count} entries before it are intact."
            ).format(seq=report.first_bad_seq, why=why, count=report.checked)
            self.chain_label.setStyleSheet("color:#8b0000; font-size:15pt; font-weight:600;")
        self.chain_label.setText(text)
        self._check_anchor()

    def _check_anchor(self) -> None:
        """A chain cut short, or re-hashed from scratch, is still a valid chain: compare it with
        the signed head kept outside the file, as ``pvzdesk journal verify`` does (the key is in
        this process's keyring, so on the DB worker, not in the child)."""
        self.anchor_check = None
        self.ctx.run_db(compare_with_anchor, name="anchor check", on_done=self._anchor_checked)

    def _anchor_checked(self, check: AnchorCheck) -> None:
        self.anchor_check = check
        notice = anchor_notice(check)
        if notice is None:
            if self.last_report is not None and self.last_report.ok:
                self.chain_label.setText(f"{self.chain_label.text()} {anchor_sentence(check)}")
            return
        self.chain_label.setStyleSheet("color:#8b0000; font-size:15pt; font-weight:600;")
        self.chain_label.setText(f"{notice.text} {notice.hint}")
        self.ctx.add_notice(notice)  # red in the strip and the status bar until a restart
        self.ctx.feedback(Tone.ERROR)

    def _verify_failed(self, text: str) -> None:
        self._verify_over()
        self.chain_label.setStyleSheet("color:#8b0000; font-size:15pt; font-weight:600;")
        self.chain_label.setText(text)

    def _verify_cancelled(self) -> None:
        self._verify_over()
        self.chain_label.setStyleSheet("")
        self.chain_label.setText(self.tr("The check was stopped; nothing was changed."))

    # --- screen contract ---------------------------------------------------------------------
    def escape(self) -> None:
        if not self.verify_job.cancel() and self.search.text():
            self.search.clear()

    def on_activated(self) -> None:
        if not self._loaded_once or self.stale:
            self.stale = False
            self._loaded_once = False
            self.apply_filter()
        self.search.setFocus()

    def on_changes(self, changes: Changes) -> None:
        if not changes.journal:
            return
        if self.isVisible() and self._loaded_once:
            self.model.reload()
        else:
            self.stale = True

    def handle_scan(self, read: ScanRead) -> bool:
        """A scan searches the journal for that parcel."""
        resolved = self.ctx.app.counter.resolve(read)
        self.search.setText(resolved.posting or read.text)
        self.apply_filter()
        self.table.setFocus()
        return True

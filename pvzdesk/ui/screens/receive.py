"""Приёмка: receive a delivery in one scanning session.

Every scan is one durable ``receive`` entry, committed by the scan writer in the order scanned (the
green flash comes after its commit; F10 waits for the scans still being saved); the screen
counts the session against what the manifest still expects and lists parcels the manifest does
not know. A cell typed in the field goes with the next scans (put them on that shelf).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pvzdesk.domain.barcodes import CodeKind, classify
from pvzdesk.domain.inventory import InventoryResult
from pvzdesk.domain.models import EntryKind
from pvzdesk.domain.rules import FindingCode
from pvzdesk.domain.scan import ScanRead
from pvzdesk.domain.state import PostingStatus
from pvzdesk.services.cells import describe_inventory, inventory
from pvzdesk.services.counter import CounterService
from pvzdesk.services.results import OpResult
from pvzdesk.ui.context import Changes, DbSession, JobControl, Tone, UiContext
from pvzdesk.ui.screens.base import Screen
from pvzdesk.ui.screens.counter_widgets import (
    DONE,
    ERROR,
    FINDING_COLOURS,
    INFO,
    NEUTRAL,
    READY,
    ParcelTable,
    VerdictLine,
    big_font,
    colours_for,
    heading_and_hint,
    worst,
)
from pvzdesk.ui.shortcuts import screen_shortcut


def count_expected(session: DbSession, control: JobControl) -> int:
    """Parcels the manifest expects that were not received yet (a DB-worker job)."""
    return sum(1 for s in session.store.postings.all_states() if s.status is PostingStatus.EXPECTED)


class ReceiveScreen(Screen):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.expected: int | None = None  # still expected at the point; None until counted
        self.received: list[str] = []
        self.unknown: list[str] = []
        self.saving = 0  # scans sent to the scan writer and not answered yet
        self._finish_waiting = False  # F10 came while scans were being saved
        self._delivery_done = False  # F10 pressed: the list stays until the next scan
        self.inventory: dict[str, list[str]] | None = None  # cell → scans, while counting cells
        self.inventory_cell = ""
        self._build()
        self.on_language_changed()

    def title(self) -> str:
        return self.tr("Receive")

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        self.heading, self.hint = heading_and_hint()
        cell_row = QHBoxLayout()
        self.cell_label = QLabel()
        self.cell_label.setFont(big_font(16))
        self.cell_field = QLineEdit()
        self.cell_field.setObjectName("cell")
        self.cell_field.setFont(big_font(16))
        self.cell_field.setMaximumWidth(220)
        cell_row.addWidget(self.cell_label)
        cell_row.addWidget(self.cell_field)
        cell_row.addStretch(1)
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.counts.setFont(big_font(18, bold=True))
        self.verdict = VerdictLine()
        tables = QHBoxLayout()
        self.received_table = ParcelTable(["", "", ""])
        self.received_table.big_column = 1  # the cell to put the parcel in
        self.unknown_title = QLabel()
        self.unknown_title.setFont(big_font(14, bold=True))
        self.unknown_table = ParcelTable([""])
        left, right = QVBoxLayout(), QVBoxLayout()
        self.received_title = QLabel()
        self.received_title.setFont(big_font(14, bold=True))
        left.addWidget(self.received_title)
        left.addWidget(self.received_table)
        right.addWidget(self.unknown_title)
        right.addWidget(self.unknown_table)
        tables.addLayout(left, 3)
        tables.addLayout(right, 2)
        self.finish_button = QPushButton()
        self.finish_button.setFont(big_font(16, bold=True))
        self.finish_button.setMinimumHeight(56)
        self.finish_button.clicked.connect(self.finish)
        for widget in (self.heading, self.hint):
            layout.addWidget(widget)
        layout.addLayout(cell_row)
        layout.addWidget(self.counts)
        layout.addWidget(self.verdict)
        layout.addLayout(tables, 1)
        layout.addWidget(self.finish_button)
        screen_shortcut(self, "F10", self.finish)
        screen_shortcut(self, "F11", self.toggle_inventory)

    def on_language_changed(self) -> None:
        self.heading.setText(self.tr("Receive"))
        self.hint.setText(
            self.tr(
                "Scan every parcel of the delivery, then its cell label to place it. "
                "F10 finishes the delivery, F11 counts cells (inventory)."
            )
        )
        self.cell_label.setText(self.tr("Cell for the next parcels:"))
        self.cell_field.setPlaceholderText(self.tr("optional"))
        self.received_title.setText(self.tr("Received now"))
        self.unknown_title.setText(self.tr("Not in the manifest"))
        self.received_table.set_headers([self.tr("Posting"), self.tr("Cell"), self.tr("Result")])
        self.unknown_table.set_headers([self.tr("Posting")])
        self.finish_button.setText(self.tr("Finish delivery (F10)"))
        self._show_counts()

    def on_activated(self) -> None:
        if self.expected is None:
            self._count_expected()

    def _count_expected(self) -> None:
        def counted(expected: int) -> None:
            self.expected = expected
            self._show_counts()

        self.ctx.run_db(count_expected, name="count expected", on_done=counted)

    def _show_counts(self) -> None:
        expected = "…" if self.expected is None else str(self.expected)
        self.counts.setText(
            self.tr(
                "Received: {received}   Not in manifest: {unknown}   Still expected: {expected}"
            ).format(received=len(self.received), unknown=len(self.unknown), expected=expected)
        )

    def handle_scan(self, read: ScanRead) -> bool:
        if self.inventory is not None:
            self._inventory_scan(read)
            return True
        if self._delivery_done:
            self._start_new_delivery()
        code = classify(read.text)
        if code.kind is CodeKind.CELL:
            self._cell_scanned(code.cell)
            return True
        cell = self.cell_field.text().strip()
        self.saving += 1
        self.finish_button.setEnabled(False)
        self.ctx.perform(
            lambda counter: counter.receive([read], cell=cell),
            origin="receive",
            on_done=lambda result: self._received(result, cell),
            on_error=self._not_saved,
        )
        return True

    def _cell_scanned(self, cell: str) -> None:
        """A cell label after a parcel places that parcel there; before any parcel it becomes the
        cell for the next parcels."""
        if not self.received:
            self.cell_field.setText(cell)
            self.verdict.say(self.tr("Next parcels go to cell {cell}.").format(cell=cell), INFO)
            self.ctx.feedback(Tone.READY)
            return
        posting, row = self.received[-1], len(self.received) - 1
        self.saving += 1

        def placed(result: OpResult) -> None:
            if result.entries:
                self.received_table.set_row(row, [posting, cell, self.tr("placed")], DONE)
            done = self.tr("{posting}: placed in cell {cell}.").format(posting=posting, cell=cell)
            self.ctx.feedback(self.verdict.show_result(result, done))
            self._answered()

        self.ctx.perform(
            lambda counter: counter.place(posting, cell),
            origin="receive",
            on_done=placed,
            on_error=self._not_saved,
        )

    def _answered(self) -> None:
        self.saving -= 1
        if self.saving == 0:
            self.finish_button.setEnabled(True)
            if self._finish_waiting:
                self._finish_waiting = False
                self.finish()

    def _not_saved(self, error: BaseException) -> None:
        self.verdict.say(
            self.tr("Not saved: {reason}").format(reason=str(error)),
            FINDING_COLOURS[FindingCode.UNKNOWN_CODE],
        )
        self.ctx.feedback(Tone.ERROR)
        self._answered()

    def _received(self, result: OpResult, cell: str) -> None:
        for entry in result.entries:
            if entry.kind is not EntryKind.RECEIVE:
                continue
            unknown = any(
                f.code is FindingCode.NOT_IN_MANIFEST and f.posting == entry.posting
                for f in result.findings
            )
            if unknown:
                self.unknown.append(entry.posting)
                self.unknown_table.set_row(
                    len(self.unknown) - 1,
                    [entry.posting],
                    FINDING_COLOURS[FindingCode.NOT_IN_MANIFEST],
                )
            elif self.expected:
                self.expected -= 1
            self.received.append(entry.posting)
            colours = colours_for(worst(result.findings)) if unknown else DONE
            status = self.tr("not in manifest") if unknown else self.tr("received")
            row = len(self.received) - 1
            # The cell the parcel goes to: the one given here, else the manifest's.
            shown = cell or str(entry.payload.get("cell", "")) or self._manifest_cell(entry.posting)
            self.received_table.set_row(row, [entry.posting, shown or "—", status], colours)
            self.received_table.scroll_to_row(row)
        done = self.tr("{posting}: received.").format(
            posting=result.entries[0].posting if result.entries else ""
        )
        self.ctx.feedback(self.verdict.show_result(result, done))
        self._show_counts()
        self._answered()

    def _manifest_cell(self, posting: str) -> str:
        return self.ctx.app.store.postings.state(posting).cell

    def finish(self) -> None:
        if self.saving:
            self._finish_waiting = True  # finished when the last scan is answered
            return
        text = self.tr(
            "Delivery finished: {received} received, {unknown} not in the manifest."
        ).format(received=len(self.received), unknown=len(self.unknown))
        if self.expected:
            text += " " + self.tr("{count} expected parcels have not arrived.").format(
                count=self.expected
            )
        self.verdict.say(
            text, DONE if not self.unknown else FINDING_COLOURS[FindingCode.NOT_IN_MANIFEST]
        )
        # The finished delivery stays on screen to be read; the next scan starts a new one.
        self._delivery_done = True
        self.expected = None
        self._count_expected()

    def _start_new_delivery(self) -> None:
        self._delivery_done = False
        self.received.clear()
        self.unknown.clear()
        self.received_table.setRowCount(0)
        self.unknown_table.setRowCount(0)
        self._show_counts()

    # --- inventory of cells --------------------------------------------------------------------
    def toggle_inventory(self) -> None:
        """F11: count cells. Scan a cell label, then every parcel in it; the next cell label
        starts the next cell; F11 again compares with the records and journals the result."""
        if self.inventory is None:
            self.inventory, self.inventory_cell = {}, ""
            self.verdict.say(
                self.tr("Inventory: scan a cell label, then every parcel in that cell."), INFO
            )
            self.ctx.feedback(Tone.READY)
            return
        counted, self.inventory = self.inventory, None
        if not counted:
            self.verdict.say(self.tr("Inventory cancelled: no cell was scanned."), NEUTRAL)
            return
        outcome: list[InventoryResult] = []

        def work(counter: CounterService) -> OpResult:
            result, written = inventory(counter.store, counted, counter)
            outcome.append(result)
            return written

        def done(written: OpResult) -> None:
            result = outcome[0]
            self.verdict.say(
                describe_inventory(result),
                READY if result.clean else FINDING_COLOURS[FindingCode.MISSING_PLACES],
            )
            self.ctx.feedback(Tone.SUCCESS if result.clean else Tone.WARNING)

        self.ctx.perform(work, origin="receive", on_done=done, on_error=self._not_saved_inventory)

    def _not_saved_inventory(self, error: BaseException) -> None:
        self.verdict.say(
            self.tr("Not saved: {reason}").format(reason=str(error)),
            FINDING_COLOURS[FindingCode.UNKNOWN_CODE],
        )
        self.ctx.feedback(Tone.ERROR)

    def _inventory_scan(self, read: ScanRead) -> None:
        code = classify(read.text)
        if code.kind is CodeKind.CELL:
            self.inventory_cell = code.cell
            assert self.inventory is not None
            self.inventory.setdefault(code.cell, [])
            self.verdict.say(
                self.tr("Inventory of cell {cell}: scan every parcel in it.").format(
                    cell=code.cell
                ),
                INFO,
            )
            self.ctx.feedback(Tone.READY)
            return
        if not self.inventory_cell or self.inventory is None:
            self.verdict.say(self.tr("Scan the cell label first."), ERROR)
            self.ctx.feedback(Tone.ERROR)
            return
        self.inventory[self.inventory_cell].append(read.text)
        self.verdict.say(
            self.tr("Cell {cell}: {count} parcel(s) counted.").format(
                cell=self.inventory_cell, count=len(self.inventory[self.inventory_cell])
            ),
            INFO,
        )
        self.ctx.feedback(Tone.READY)

    def on_changes(self, changes: Changes) -> None:
        if changes.manifest:
            self.expected = None
            if self.isVisible():
                self._count_expected()

"""Возвраты: a customer brings an issued parcel back, refuses a whole parcel, or the point sends
unclaimed parcels back to the sender.

Pick the kind (F5-free keys: Alt+1/2/3 or the buttons), then scan: each scan is one durable entry
with the reason typed in the field; the green flash follows the commit. In send-back mode the
parcels whose storage has ended are listed and turn green as they are scanned into the batch.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from enum import StrEnum
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pvzdesk.domain.rules import FindingCode
from pvzdesk.domain.scan import ScanRead
from pvzdesk.domain.state import PostingState
from pvzdesk.services.counter import CounterService
from pvzdesk.services.results import OpResult
from pvzdesk.ui.context import Changes, DbSession, JobControl, Tone, UiContext
from pvzdesk.ui.screens.base import Screen, key_on_own_line
from pvzdesk.ui.screens.counter_widgets import (
    DONE,
    FINDING_COLOURS,
    NEUTRAL,
    ParcelTable,
    VerdictLine,
    big_font,
    colours_for,
    heading_and_hint,
    user_date,
    worst,
)
from pvzdesk.ui.shortcuts import screen_shortcut


class ReturnKind(StrEnum):
    CLIENT_RETURN = "client_return"
    REFUSAL = "refusal"
    SEND_BACK = "send_back"


class ReturnsScreen(Screen):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.kind = ReturnKind.CLIENT_RETURN
        self.batch_id = str(uuid.uuid4())
        self.rows: dict[str, int] = {}  # posting -> table row
        self._build()
        self.on_language_changed()

    def title(self) -> str:
        return self.tr("Returns")

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        self.heading, self.hint = heading_and_hint()
        kinds = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.kind_buttons: dict[ReturnKind, QPushButton] = {}
        for number, kind in enumerate(ReturnKind, start=1):
            button = QPushButton()
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a stray Space must not switch mode
            button.setFont(big_font(15, bold=True))
            button.setMinimumHeight(64)  # two lines
            button.setStyleSheet(
                "QPushButton:checked { background: #1565c0; color: white; border-radius: 6px; }"
            )
            button.clicked.connect(lambda _checked=False, k=kind: self.set_kind(k))
            self.group.addButton(button)
            self.kind_buttons[kind] = button
            kinds.addWidget(button)
            screen_shortcut(self, f"Alt+{number}", partial(self.set_kind, kind))
        self.kind_buttons[self.kind].setChecked(True)
        screen_shortcut(self, "F11", self.next_kind)
        reason_row = QHBoxLayout()
        self.reason_label = QLabel()
        self.reason_label.setFont(big_font(16))
        self.reason_field = QLineEdit()
        self.reason_field.setObjectName("reason")
        self.reason_field.setFont(big_font(16))
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.reason_field, 1)
        self.verdict = VerdictLine()
        self.table = ParcelTable(["", "", "", ""])
        layout.addWidget(self.heading)
        layout.addLayout(kinds)
        layout.addWidget(self.hint)
        layout.addLayout(reason_row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)

    def on_language_changed(self) -> None:
        self.heading.setText(self.tr("Returns"))
        labels = {
            ReturnKind.CLIENT_RETURN: self.tr("Customer return (Alt+1)"),
            ReturnKind.REFUSAL: self.tr("Refusal (Alt+2)"),
            ReturnKind.SEND_BACK: self.tr("Send back to sender (Alt+3)"),
        }
        for kind, button in self.kind_buttons.items():
            button.setText(key_on_own_line(labels[kind]))
        hints = {
            ReturnKind.CLIENT_RETURN: self.tr(
                "Scan a parcel the customer brings back after it was handed over."
            ),
            ReturnKind.REFUSAL: self.tr(
                "Scan a parcel the customer refuses entirely (for a partial refusal use Issue)."
            ),
            ReturnKind.SEND_BACK: self.tr(
                "Scan parcels whose storage has ended into the return batch for the carrier."
            ),
        }
        self.hint.setText(hints[self.kind] + " " + self.tr("F11 switches the mode."))
        self.reason_label.setText(self.tr("Reason:"))
        self.reason_field.setPlaceholderText(self.tr("optional, e.g. damaged, wrong size"))
        self.table.set_headers(
            [self.tr("Posting"), self.tr("Cell"), self.tr("Storage until"), self.tr("Result")]
        )

    def next_kind(self) -> None:
        kinds = list(ReturnKind)
        self.set_kind(kinds[(kinds.index(self.kind) + 1) % len(kinds)])

    def set_kind(self, kind: ReturnKind) -> None:
        self.kind = kind
        self.kind_buttons[kind].setChecked(True)
        self.table.setRowCount(0)
        self.rows.clear()
        self.verdict.say("", NEUTRAL)
        self.on_language_changed()
        if kind is ReturnKind.SEND_BACK:
            self.batch_id = str(uuid.uuid4())
            self._load_overdue()

    def _load_overdue(self) -> None:
        yesterday = self.ctx.app.counter.today - timedelta(days=1)

        def overdue(session: DbSession, control: JobControl) -> list[PostingState]:
            return session.counter.due_by(yesterday)  # every desk's, with a point database

        self.ctx.run_db(overdue, name="overdue parcels", on_done=self._show_overdue)

    def _show_overdue(self, states: list[PostingState]) -> None:
        if self.kind is not ReturnKind.SEND_BACK:
            return
        for state in states:
            if state.posting not in self.rows:
                self._put_row(
                    state.posting,
                    state.cell,
                    user_date(state.storage_until),
                    self.tr("to send back"),
                    NEUTRAL,
                )

    def _put_row(
        self, posting: str, cell: str, until: str, result: str, colours: tuple[str, str]
    ) -> None:
        row = self.rows.setdefault(posting, len(self.rows))
        self.table.set_row(row, [posting, cell or "—", until, result], colours)
        self.table.scroll_to_row(row)

    def on_activated(self) -> None:
        if self.kind is ReturnKind.SEND_BACK:
            self._load_overdue()

    def handle_scan(self, read: ScanRead) -> bool:
        """Committed by the scan writer; scans are answered in the order they came."""
        reason = self.reason_field.text().strip()
        kind, batch_id = self.kind, self.batch_id

        def operation(counter: CounterService) -> OpResult:
            if kind is ReturnKind.CLIENT_RETURN:
                return counter.client_return([read], reason=reason)
            if kind is ReturnKind.REFUSAL:
                return counter.refuse([read], reason=reason)
            return counter.send_back([read], batch_id=batch_id)

        self.ctx.perform(
            operation,
            origin="returns",
            on_done=lambda result: self._done(result, kind),
            on_error=self._not_saved,
        )
        return True

    def _not_saved(self, error: BaseException) -> None:
        self.verdict.say(
            self.tr("Not saved: {reason}").format(reason=str(error)),
            FINDING_COLOURS[FindingCode.UNKNOWN_CODE],
        )
        self.ctx.feedback(Tone.ERROR)

    def _done(self, result: OpResult, kind: ReturnKind) -> None:
        done_texts = {
            ReturnKind.CLIENT_RETURN: self.tr(
                "{posting}: return accepted. Put it on the returns shelf."
            ),
            ReturnKind.REFUSAL: self.tr(
                "{posting}: refusal recorded. Put it on the returns shelf."
            ),
            ReturnKind.SEND_BACK: self.tr("{posting}: in the return batch."),
        }
        store = self.ctx.app.store
        for entry in result.entries:
            state = store.postings.state(entry.posting)
            warned = [f for f in result.findings if f.posting == entry.posting]
            colours = colours_for(worst(warned)) if warned else DONE
            self._put_row(
                entry.posting, state.cell, user_date(state.storage_until), self.tr("done"), colours
            )
        posting = result.entries[0].posting if result.entries else ""
        self.ctx.feedback(
            self.verdict.show_result(result, done_texts[kind].format(posting=posting))
        )

    def on_changes(self, changes: Changes) -> None:
        if changes.origin != "returns" and self.kind is ReturnKind.SEND_BACK and self.isVisible():
            self._load_overdue()

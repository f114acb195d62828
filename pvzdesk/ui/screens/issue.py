"""Выдача: hand parcels to a customer.

Scan the customer's code (kept raw as evidence: it cannot be verified offline) and their parcels;
the customer's other parcels at the point are listed with cells and places. Every scanned parcel
turns light green (ready, not yet written); problems get their own colour, tone and sentence.
Confirm (F10) writes everything in one transaction on the scan writer; only after the commit the
strong green flash and the success tone. Until then Hand over is disabled and scans wait (they
are taken in order once the hand-over is saved). A selected row can be marked refused (F11) for a
partial refusal.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pvzdesk.domain.barcodes import CodeKind
from pvzdesk.domain.customer import parse_name_phone
from pvzdesk.domain.rules import Finding, FindingCode, Severity
from pvzdesk.domain.scan import ScanRead
from pvzdesk.errors import PvzdeskError
from pvzdesk.services.customer_card import (
    CustomerMatch,
    customer_parcels,
    find_by_name_phone,
    find_by_order,
)
from pvzdesk.services.messages import describe
from pvzdesk.services.results import OpResult
from pvzdesk.ui.context import Changes, DbSession, Tone, UiContext
from pvzdesk.ui.dialogs import QuestionDialog
from pvzdesk.ui.screens.base import Screen
from pvzdesk.ui.screens.counter_widgets import (
    DONE,
    FINDING_COLOURS,
    INFO,
    NEUTRAL,
    READY,
    ParcelTable,
    VerdictLine,
    big_font,
    colours_for,
    heading_and_hint,
    sentences,
    tone_for,
    user_date,
    worst,
)
from pvzdesk.ui.screens.handover import HandOver, Line, LineStatus
from pvzdesk.ui.shortcuts import screen_shortcut

log = logging.getLogger(__name__)
REFUSED = ("#bdbdbd", "#424242")
CELL_COLUMN = 1


def jpeg_bytes(image: QImage, quality: int = 85) -> bytes:
    """Encode in the calling thread (QImage is reentrant, so the DB worker may do it)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The stubs say bytes, the binding wants str.
    image.save(buffer, "JPG", quality)  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


class IssueScreen(Screen):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.handover = HandOver()
        self._missing_confirmed = False
        self._unknown_confirmed = False
        self.question: QuestionDialog | None = None  # "the rest stays?" is open
        self.saving = False  # a hand-over is being committed: no second confirm, scans wait
        self._held: list[ScanRead] = []
        self._build()
        self.on_language_changed()
        self.redraw()

    def title(self) -> str:
        return self.tr("Issue")

    # --- layout ----------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        self.heading, self.hint = heading_and_hint()
        self.customer_label = QLabel()
        self.customer_label.setObjectName("customer")
        self.customer_label.setFont(big_font(16))
        self.verdict = VerdictLine()
        self.find_field = QLineEdit()
        self.find_field.setObjectName("findCustomer")
        self.find_field.setFont(big_font(14))
        self.find_field.returnPressed.connect(self.find_by_name)
        self.table = ParcelTable(["", "", "", "", ""])
        self.table.big_column = CELL_COLUMN
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.setFont(big_font(16, bold=True))
        self.confirm_button.setMinimumHeight(56)
        self.confirm_button.clicked.connect(self.confirm)
        self.refuse_button = QPushButton()
        self.refuse_button.setFont(big_font(14))
        self.refuse_button.setMinimumHeight(56)
        self.refuse_button.clicked.connect(self.toggle_refusal)
        self.clear_button = QPushButton()
        self.clear_button.setFont(big_font(14))
        self.clear_button.setMinimumHeight(56)
        self.clear_button.clicked.connect(self.clear)
        self.photo_box = QCheckBox()
        self.photo_box.setFont(big_font(13))
        self.photo_box.setChecked(self.ctx.app.settings.scanner.photo_at_handover)
        for widget in (self.confirm_button, self.refuse_button, self.clear_button):
            widget.setFocusPolicy(widget.focusPolicy().TabFocus)
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.photo_box)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.customer_label)
        layout.addWidget(self.find_field)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        screen_shortcut(self, "F10", self.confirm)
        screen_shortcut(self, "F11", self.toggle_refusal)
        screen_shortcut(self, "Esc", self.clear)
        screen_shortcut(self, "Up", lambda: self.move_selection(-1))
        screen_shortcut(self, "Down", lambda: self.move_selection(1))
        screen_shortcut(self, "Ctrl+F", self.find_field.setFocus)

    def on_language_changed(self) -> None:
        self.heading.setText(self.tr("Issue"))
        self.hint.setText(
            self.tr(
                "Scan the customer's code or a parcel. F10 hands over, F11 refuses, Esc clears."
            )
        )
        self.find_field.setPlaceholderText(
            self.tr("Ctrl+F: customer's name and the last 4 digits of the phone, then Enter")
        )
        self.table.set_headers(
            [
                self.tr("Posting"),
                self.tr("Cell"),
                self.tr("Places"),
                self.tr("Storage until"),
                self.tr("Status"),
            ]
        )
        self.confirm_button.setText(self.tr("Hand over (F10)"))
        self.refuse_button.setText(self.tr("Refuse (F11)"))
        self.clear_button.setText(self.tr("Clear (Esc)"))
        self.photo_box.setText(self.tr("Photo at hand-over"))
        self.redraw()

    # --- scanning --------------------------------------------------------------------------------
    def handle_scan(self, read: ScanRead) -> bool:
        if self.saving:
            self._held.append(read)  # taken once the hand-over is saved (or failed)
            return True
        if self.handover.finished:
            self._new_handover()
        counter = self.ctx.app.counter
        try:
            resolved = counter.resolve(read)
        except PvzdeskError as error:
            self._error(str(error))
            return True
        if resolved.code.kind is CodeKind.CUSTOMER_CODE:
            self._customer_code(read)
            return True
        if resolved.code.kind is CodeKind.ORDER:
            self._show_match(
                find_by_order(self.ctx.app.store, resolved.code.text, counter.picture),
                resolved.code.text,
            )
            return True
        if resolved.state is None:
            code = FindingCode.UNKNOWN_CODE
            if resolved.code.kind is not CodeKind.UNKNOWN:
                code = FindingCode.NOT_A_PARCEL
            params = {"code": resolved.code.text, "kind": resolved.code.kind.value}
            self._say_findings((Finding(code, Severity.BLOCK, "", params),), written=False)
            return True
        outcome = self.handover.scan(
            read, resolved.state, resolved.code.text, resolved.code.kind.value, counter.today
        )
        self._missing_confirmed = False
        self._unknown_confirmed = False
        if outcome.first_of_customer:
            self.handover.list_parcels(
                customer_parcels(self.ctx.app.store, self.handover.customer_key, counter.picture)
            )
        self.redraw()
        if outcome.line is None or outcome.findings:
            self._say_findings(outcome.findings, written=False)
        elif outcome.repeat:
            self.verdict.say(
                self.tr("{posting}: already scanned.").format(posting=outcome.line.posting), INFO
            )
            self.ctx.feedback(Tone.WARNING)
        else:
            self.verdict.say(self._ready_text(outcome.line), READY)
            self.ctx.feedback(Tone.READY)
        if outcome.line is not None:
            row = list(self.handover.lines).index(outcome.line.posting)
            self.table.selectRow(row)
        return True

    # --- the customer card -----------------------------------------------------------------------
    def _show_match(self, match: CustomerMatch, looked_for: str) -> None:
        """Open the card on what was found (by order number or by name and phone)."""
        started = any(line.codes for line in self.handover.lines.values())
        if started and match.found and match.customer_keys[0] != self.handover.customer_key:
            self._error(
                self.tr(
                    "This hand-over already has parcels. Hand them over (F10) or clear (Esc) "
                    "before the next customer."
                )
            )
            return
        if len(match.customer_keys) > 1:
            self._warn(
                self.tr("{count} customers match {what}: add more of the name.").format(
                    count=len(match.customer_keys), what=looked_for
                )
            )
            return
        if match.found:
            self.handover.customer_key = match.customer_keys[0]
        if not match.parcels:
            self._warn(self.tr("No parcel of {what} is at this point.").format(what=looked_for))
            return
        self.handover.list_parcels(list(match.parcels))
        self.redraw()
        cells = sorted({state.cell for state in match.parcels if state.cell})
        self.verdict.say(
            self.tr("{count} parcel(s) of this customer here. Fetch them from: {cells}.").format(
                count=len(match.parcels), cells=", ".join(cells) or "—"
            ),
            INFO,
        )
        self.ctx.feedback(Tone.READY)

    def find_by_name(self) -> None:
        query = parse_name_phone(self.find_field.text())
        if query is None:
            self._warn(
                self.tr("Type the name and the last 4 digits of the phone, e.g. Ivanova 4567.")
            )
            return
        self._show_match(
            find_by_name_phone(self.ctx.app.store, query, self.ctx.app.counter.picture),
            self.find_field.text(),
        )
        self.find_field.clear()
        self.table.setFocus()

    def move_selection(self, step: int) -> None:
        """Arrows pick a parcel of the card (for F11) wherever the focus is."""
        rows = self.table.rowCount()
        if not rows:
            return
        current = self.table.currentRow()
        row = 0 if current < 0 else max(0, min(rows - 1, current + step))
        self.table.selectRow(row)

    def _customer_code(self, read: ScanRead) -> None:
        if any(line.codes for line in self.handover.lines.values()):
            self._error(
                self.tr(
                    "This hand-over already has parcels. Hand them over (F10) or clear (Esc) "
                    "before the next customer's code."
                )
            )
            return
        self.handover.customer_code = read
        self.redraw()
        info = Finding(FindingCode.CUSTOMER_CODE_UNVERIFIED, Severity.INFO)
        self.verdict.say(
            self.tr(
                "Customer card opened: code {code} recorded. Scan the order number from the "
                "customer's app or the first parcel, or Ctrl+F: name and phone digits."
            ).format(code=read.text)
            + " "
            + describe(info),
            INFO,
        )
        self.ctx.feedback(Tone.READY)

    def _ready_text(self, line: Line) -> str:
        remaining = sum(
            1 for other in self.handover.lines.values() if other.status is LineStatus.LISTED
        )
        text = self.tr("{posting}: ready, cell {cell}.").format(
            posting=line.posting, cell=line.state.cell or "—"
        )
        if remaining:
            text += " " + self.tr("{count} more parcels of this customer.").format(count=remaining)
        return text

    # --- actions ---------------------------------------------------------------------------------
    def toggle_refusal(self) -> None:
        if self.saving:
            return
        row = self.table.currentRow()
        if row < 0:
            self._warn(self.tr("Select the refused parcel in the list first."))
            return
        line = self.handover.toggle_refusal(self.table.row_text(row))
        self.redraw()
        if line is not None:
            self.table.selectRow(row)
            text = (
                self.tr("{posting}: refused by the customer.")
                if line.refused
                else self.tr("{posting}: goes to the customer.")
            )
            self.verdict.say(text.format(posting=line.posting), REFUSED if line.refused else READY)

    def clear(self) -> None:
        if self.saving:
            return
        self._new_handover()
        self.verdict.say("", NEUTRAL)

    def confirm(self, *, rest_stays: bool = False) -> None:
        if self.saving or self.question is not None:
            return  # the hand-over is being saved: F10 twice must not write it twice
        handover = self.handover
        issue, refuse = handover.to_issue(), handover.to_refuse()
        if handover.finished or not (issue or refuse):
            self._warn(self.tr("Nothing to hand over yet: scan the customer's parcels."))
            return
        left = [line for line in handover.lines.values() if line.status is LineStatus.LISTED]
        if left and not rest_stays:
            self._ask_rest_stays(left)
            return
        unknown = [
            Finding(FindingCode.NOT_IN_MANIFEST, Severity.WARNING, line.posting)
            for line in issue
            if any(f.code is FindingCode.NOT_IN_MANIFEST for f in line.warnings)
        ]
        if unknown and not self._unknown_confirmed:
            # A parcel the point never knew leaves only on a second, deliberate F10.
            self._unknown_confirmed = True
            self._say_findings(tuple(unknown), written=False)
            self.verdict.setText(
                self.verdict.text() + " " + self.tr("Press F10 again to hand over anyway.")
            )
            return
        missing = handover.missing_places()
        if missing and not self._missing_confirmed:
            self._missing_confirmed = True
            self._say_findings(tuple(missing), written=False)
            self.verdict.setText(
                self.verdict.text() + " " + self.tr("Press F10 again to hand over anyway.")
            )
            return
        issued_codes = [line.first_scan or line.posting for line in issue]
        refused_codes = [line.first_scan or line.posting for line in refuse]
        customer_code, handover_id = handover.customer_code, handover.handover_id
        # The photo is the frame at Confirm; it is stored and referenced in the hand-over's own
        # transaction on the scan writer (JPEG encoding and fsync stay off the GUI thread).
        image = self.ctx.camera_frame() if issue and self.photo_box.isChecked() else None
        photo_problem: list[str] = []

        def write(services: DbSession) -> OpResult:
            photo = None
            if isinstance(image, QImage):
                try:
                    photo = services.evidence.store_photo(jpeg_bytes(image))
                except PvzdeskError as error:  # the hand-over itself goes ahead without it
                    photo_problem.append(error.message)
            return services.counter.issue(
                issued_codes,
                customer_code=customer_code,
                refused=refused_codes,
                refuse_reason="refused at the counter",
                handover_id=handover_id,
                photo=photo,
            )

        def written(result: OpResult) -> None:
            self._saved()
            handover.mark_written(set(result.changed_postings))
            self.redraw()
            issued = sum(1 for entry in result.entries if entry.kind.value == "issue")
            refused = sum(1 for entry in result.entries if entry.kind.value == "refuse")
            done = self.tr("Handed over: {count}.").format(count=issued)
            if refused:
                done += " " + self.tr("Refused: {count}.").format(count=refused)
            tone = self.verdict.show_result(result, done)
            if refused and tone is Tone.SUCCESS:
                # A refusal is recorded, but it is not a success to celebrate in green.
                self.verdict.say(self.verdict.text(), REFUSED)
                tone = Tone.WARNING
            self.ctx.feedback(tone)
            if issued and self.photo_box.isChecked():
                self._photo_note(image, photo_problem)
            self._take_held()

        def failed(error: BaseException) -> None:
            # Nothing was confirmed: the hand-over stays as it is, to be tried again.
            self._saved()
            self.redraw()
            self._error(self.tr("Not saved: {reason}").format(reason=str(error)))
            self._take_held()

        self.saving = True
        self.confirm_button.setEnabled(False)
        self.refuse_button.setEnabled(False)
        self.ctx.perform_with(
            write,
            origin="issue",
            on_done=written,
            on_error=failed,
        )

    def _ask_rest_stays(self, left: list[Line]) -> None:
        """F10 with parcels not scanned: ask (F10 = yes, Esc = back) without blocking; scans
        meanwhile are held by the window until the question is answered."""
        question = QuestionDialog(
            self.tr("Parcels left"),
            self.tr(
                "{count} parcel(s) of this customer are not scanned: {postings}. They stay "
                "at the point. Hand over only the scanned ones?"
            ).format(count=len(left), postings=", ".join(line.posting for line in left)),
            self.tr("Hand over, the rest stays"),
            self.tr("Back to the card"),
            self,
        )
        self.question = question

        def answered(code: int) -> None:
            self.question = None
            question.deleteLater()
            self.window().activateWindow()
            if code == QDialog.DialogCode.Accepted.value:
                self.confirm(rest_stays=True)
            else:
                self.verdict.say(
                    self.tr("Scan the remaining parcels or mark them refused (F11)."), INFO
                )

        question.finished.connect(answered)
        question.open()

    def _saved(self) -> None:
        self.saving = False
        self.confirm_button.setEnabled(True)

    def _take_held(self) -> None:
        held, self._held = self._held, []
        for read in held:
            self.handle_scan(read)

    def _photo_note(self, image: QImage | None, problems: list[str]) -> None:
        """Say why a hand-over has no photo (the camera was off, or the file failed)."""
        if not isinstance(image, QImage):
            self.verdict.setText(
                self.verdict.text() + " " + self.tr("No photo: the camera is off.")
            )
        elif problems:
            self._warn(self.tr("The photo was not saved: {reason}").format(reason=problems[0]))

    # --- rendering -------------------------------------------------------------------------------
    def _new_handover(self) -> None:
        self.handover = HandOver()
        self._missing_confirmed = False
        self._unknown_confirmed = False
        self.redraw()

    def _line_view(self, line: Line) -> tuple[str, tuple[str, str]]:
        status = line.status
        if status is LineStatus.ISSUED:
            return self.tr("handed over"), DONE
        if status is LineStatus.REFUSAL_WRITTEN:
            return self.tr("refusal recorded"), REFUSED
        if status is LineStatus.REFUSED:
            return self.tr("refused"), REFUSED
        if status is LineStatus.LISTED:
            return self.tr("scan it"), NEUTRAL
        if status is LineStatus.PARTIAL:
            return self.tr("places missing"), FINDING_COLOURS[FindingCode.MISSING_PLACES]
        if any(f.code is FindingCode.EXPIRED for f in line.warnings):
            return self.tr("ready — storage ended"), FINDING_COLOURS[FindingCode.EXPIRED]
        if line.warnings:
            return self.tr("ready — check"), colours_for(worst(line.warnings))
        return self.tr("ready"), READY

    def redraw(self) -> None:
        handover = self.handover
        code = handover.customer_code
        self.customer_label.setText(
            self.tr("Customer code: {code} (recorded, not verified)").format(code=code.text)
            if code is not None
            else self.tr("Customer code: not scanned")
        )
        lines = list(handover.lines.values())
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            status, colours = self._line_view(line)
            places = f"{line.places_scanned} / {line.places}"
            values = [
                line.posting,
                line.state.cell or "—",
                places,
                user_date(line.state.storage_until),
                status,
            ]
            self.table.set_row(row, values, colours)
        self.refuse_button.setEnabled(bool(lines) and not handover.finished and not self.saving)

    def _selection_changed(self) -> None:
        self.refuse_button.setEnabled(
            self.table.currentRow() >= 0 and not self.handover.finished and not self.saving
        )

    def _say_findings(self, findings: tuple[Finding, ...], *, written: bool) -> None:
        tone = tone_for(findings, written=written)
        self.verdict.say(sentences(findings), colours_for(worst(findings)))
        self.ctx.feedback(tone)

    def _warn(self, text: str) -> None:
        self.verdict.say(text, FINDING_COLOURS[FindingCode.MISSING_PLACES])
        self.ctx.feedback(Tone.WARNING)

    def _error(self, text: str) -> None:
        self.verdict.say(text, FINDING_COLOURS[FindingCode.UNKNOWN_CODE])
        self.ctx.feedback(Tone.ERROR)

    # --- changes from elsewhere ------------------------------------------------------------------
    def on_changes(self, changes: Changes) -> None:
        if changes.origin == "issue" or self.handover.finished:
            return
        touched = changes.postings & set(self.handover.lines)
        if touched:
            store = self.ctx.app.store
            for posting in touched:
                self.handover.lines[posting].state = store.postings.state(posting)
            self.redraw()

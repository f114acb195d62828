"""A reconcile attempt in the operator's words: what the journal says, what the platform says,
and what to do — for Сверка, the day report and the support bundle alike.

«Журнал: выдано 27.06 14:03 (Иванова)» — «Платформа: отменено» — «Не выдавайте посылку…».
No outcome names, step tags, platform status names, error codes, JSON or HTTP numbers reach the
sentences: every one of them is mapped here (``Outcome``, ``ConflictKind``, the step tags of
``domain.outcomes``, the statuses and actions of ``sync.seller_wire``, the refusal codes of
``sync.seller_spec``, the failure classes of the HTTP client). Anything unforeseen falls back to
a general sentence, never to the raw tag.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from pvzdesk.domain.dates import format_user_time
from pvzdesk.domain.models import Entry
from pvzdesk.domain.outcomes import (
    NOTE_NO_FITTING_REASON,
    NOTE_NOT_YET,
    NOTE_REASONS_UNREAD,
    STEP_ACCEPTED,
    STEP_CONFIRMED,
    STEP_FAILED,
    STEP_LOST,
    STEP_NOTHING,
    STEP_REFUSED,
    STEP_REJECTED,
    STEP_SENT,
    ConflictKind,
    Outcome,
    parse_detail,
)
from pvzdesk.i18n import current_language, tr
from pvzdesk.services.messages import describe_failure, entry_label
from pvzdesk.sync.seller_spec import (
    ERROR_ALREADY_CANCELLED,
    ERROR_INCORRECT_STATUS,
    ERROR_INTEGRATION_TYPE,
    ERROR_NOT_FOUND,
    ERROR_TRANSITION,
)
from pvzdesk.sync.seller_wire import (
    ACTION_CANCEL,
    ACTION_DELIVERED,
    ACTION_DELIVERING,
    ACTION_LAST_MILE,
    ACTION_SET_TRACK,
    AWAITING_DELIVER,
    AWAITING_PACKAGING,
    CANCEL_NOT_PICKED_UP,
    CANCELLED,
    DELIVERED,
    DELIVERING,
    DRIVER_PICKUP,
)

# What the reconciler writes when an entry has no posting to send (``sync.reconciler``).
NO_POSTING = "no_posting"
MANUAL = "manual"  # ``manual:retry``: a person put the entry back in play


@dataclass(frozen=True)
class Explanation:
    journal: str  # «Журнал: выдано 27.06 14:03 (Иванова)»
    platform: str  # «Платформа: отменено»
    advice: str  # what to do, one sentence

    def sentence(self) -> str:
        return f"{self.journal} — {self.platform}. {self.advice}"


def status_words(status: str, cancel_reason_id: int = 0) -> str:
    """A platform status in words (an unforeseen one: "in a status we do not know")."""
    if status == CANCELLED and cancel_reason_id == CANCEL_NOT_PICKED_UP:
        return tr("cancelled: the buyer did not collect the order")
    words = {
        AWAITING_PACKAGING: tr("awaiting packaging"),
        AWAITING_DELIVER: tr("awaiting shipment to the point"),
        DELIVERING: tr("on its way or at the point"),
        DRIVER_PICKUP: tr("with the driver"),
        DELIVERED: tr("delivered to the customer"),
        CANCELLED: tr("cancelled"),
    }
    return words.get(status, tr("in a status this program does not know"))


def action_words(action: str) -> str:
    words = {
        ACTION_DELIVERING: tr("the «at the point» step"),
        ACTION_LAST_MILE: tr("the «last mile» step"),
        ACTION_DELIVERED: tr("the «delivered» step"),
        ACTION_CANCEL: tr("the cancellation"),
        ACTION_SET_TRACK: tr("the tracking number"),
        "read": tr("reading the parcel's status"),
    }
    return words.get(action, tr("the status change"))


def refusal_words(code: str) -> str:
    """Why the platform refused a step (a code it documents, or one it does not)."""
    words = {
        ERROR_TRANSITION: tr("the step is not possible in the parcel's current status"),
        ERROR_INCORRECT_STATUS: tr("the step is not possible in the parcel's current status"),
        ERROR_NOT_FOUND: tr("the platform does not know this posting"),
        ERROR_ALREADY_CANCELLED: tr("the order is already cancelled"),
        ERROR_INTEGRATION_TYPE: tr(
            "the parcel is carried by an integrated delivery service: its status is not ours to set"
        ),
        NO_POSTING: tr("the entry names no posting"),
    }
    return words.get(code, tr("the platform gave a reason its documentation does not list"))


def conflict_words(kind: str) -> str:
    words: dict[str, str] = {
        ConflictKind.ALREADY_DELIVERED: tr("delivered to the customer"),
        ConflictKind.CANCELLED_MEANWHILE: tr("cancelled"),
        ConflictKind.UNKNOWN_POSTING: tr("no such posting"),
        ConflictKind.ACTION_NOT_AVAILABLE: tr("this step is not allowed now"),
        ConflictKind.NEVER_APPLIED: tr("accepted the step several times, never showed it done"),
    }
    return words.get(kind, tr("disagrees with the journal"))


def _view(reply: str) -> dict[str, Any]:
    try:
        value = json.loads(reply) if reply else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def journal_side(entry: Entry, desk: str = "") -> str:
    """«Журнал: выдано 27.06.2025 14:03 (касса 1, Иванова)»; ``desk``: this desk's name."""
    when = format_user_time(entry.local_time, current_language())
    names = ", ".join(part for part in (desk, entry.operator) if part)
    who = f" ({names})" if names else ""
    return tr("Journal: {done} {when}{who}", done=entry_label(entry), when=when, who=who)


def _platform_view_words(reply: str) -> str:
    view = _view(reply)
    status = view.get("status")
    if not isinstance(status, str) or not status:
        return ""
    reason = view.get("cancel_reason_id")
    return status_words(status, reason if isinstance(reason, int) else 0)


def platform_side(outcome: str, detail: str, reply: str = "") -> str:
    step, subject = parse_detail(detail)
    note = detail.split(" ", 1)[1] if " " in detail else ""
    shown = _platform_view_words(reply)
    if outcome == Outcome.CONFLICT:
        words = conflict_words(subject)
        if note.split(" ", 1)[0] == NOTE_NO_FITTING_REASON:
            words = tr(
                "none of the cancel reasons it allows now says the customer did not collect "
                "the parcel"
            )
        if shown and subject in (ConflictKind.ALREADY_DELIVERED, ConflictKind.CANCELLED_MEANWHILE):
            words = shown  # the status says it, with the reason where there is one
        elif shown:
            words = f"{shown}; {words}"
        return tr("Platform: {what}", what=words)
    if outcome == Outcome.REJECTED:
        code = note if step == STEP_REJECTED and subject != NO_POSTING else subject
        return tr(
            "Platform: refused {action}: {why}",
            action=action_words(subject),
            why=refusal_words(code.split(" ", 1)[0]),
        )
    if outcome in (Outcome.APPLIED, Outcome.ALREADY_APPLIED):
        what = shown or status_words("")
        if outcome == Outcome.APPLIED:
            return tr("Platform: {what}, as sent from here", what=what)
        return tr("Platform: {what} already", what=what)
    if step == MANUAL:
        return tr("Platform: to be read again on the next run (a person asked)")
    if step == STEP_FAILED and note == NOTE_REASONS_UNREAD:
        return tr("Platform: the cancel reasons it allows could not be read; asked again next run")
    if step == STEP_FAILED:
        return tr(
            "Platform: {action} failed: {why}",
            action=action_words(subject),
            why=describe_failure(note.split(" ", 1)[0]) if note else tr("no answer"),
        )
    if step in (STEP_SENT, STEP_ACCEPTED):
        return tr("Platform: {action} sent, not shown done yet", action=action_words(subject))
    if step == STEP_LOST:
        return tr(
            "Platform: {action} sent, the answer was lost; the parcel is read before anything "
            "is sent again",
            action=action_words(subject),
        )
    if step == STEP_REFUSED:
        return tr(
            "Platform: not yet ({why}); read again shortly",
            why=refusal_words(note.split(" ", 1)[0]),
        )
    if step == STEP_NOTHING and note == NOTE_NOT_YET:  # our earlier step still applying
        return tr(
            "Platform: not yet ({why}); read again shortly", why=refusal_words(ERROR_TRANSITION)
        )
    if step in (STEP_NOTHING, STEP_CONFIRMED):
        return tr("Platform: {what}", what=shown) if shown else tr("Platform: no change needed")
    return tr("Platform: no answer yet")


def advice(outcome: str, detail: str) -> str:
    _step, subject = parse_detail(detail)
    if outcome == Outcome.CONFLICT:
        advice_by_kind: dict[str, str] = {
            ConflictKind.ALREADY_DELIVERED: tr(
                "Find out who handed it over; if the platform is right, void our entry."
            ),
            ConflictKind.CANCELLED_MEANWHILE: tr(
                "Do not hand the parcel out: put it aside to go back. If it was handed over "
                "already, send the support bundle to the platform."
            ),
            ConflictKind.UNKNOWN_POSTING: tr(
                "Check the number on the label; a mistaken scan is voided, a real parcel goes "
                "to the platform's support."
            ),
            ConflictKind.ACTION_NOT_AVAILABLE: tr(
                "Check the parcel in the seller's account, then «Check again on the next run»."
            ),
            ConflictKind.NEVER_APPLIED: tr(
                "Check the parcel in the seller's account, then «Check again on the next run»."
            ),
        }
        return advice_by_kind.get(
            subject,
            tr("Compare both sides, then void our entry or check again on the next run."),
        )
    if outcome == Outcome.REJECTED:
        return tr(
            "Set the status in the seller's account by hand, then void our entry or check "
            "again on the next run."
        )
    if outcome in (Outcome.APPLIED, Outcome.ALREADY_APPLIED):
        return tr("Nothing to do.")
    return tr("Nothing to do now: the next reconcile takes it up.")


_HTTP_STATUS = re.compile(r"^HTTP (\d{3})$")
_CLASS_NAME = re.compile(r"^[A-Z][A-Za-z]+$")  # a transport exception's class (ConnectError)
_MACHINE_WORD = re.compile(r"^[a-z_]+$")


def outage_cause(reason: str, detail: str) -> tuple[str, str]:
    """An incident's reason and detail as a person reads them: the monitor's failure class in
    words, «HTTP 503» as «ответ платформы: ошибка 503», an exception's class name dropped (the
    reason says it), a person's own words kept."""
    words = describe_failure(reason)
    if words == reason and _MACHINE_WORD.match(reason):  # "outage", a class named later
        words = tr("the platform is unreachable")
    shown = detail.strip()
    if match := _HTTP_STATUS.match(shown):
        shown = tr("the platform answered with error {code}", code=match.group(1))
    elif _CLASS_NAME.match(shown):
        shown = ""
    return words, shown


def explain(
    entry: Entry, outcome: str, detail: str, reply: str = "", *, desk: str = ""
) -> Explanation:
    return Explanation(
        journal_side(entry, desk), platform_side(outcome, detail, reply), advice(outcome, detail)
    )

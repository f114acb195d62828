"""The operator's sentence for a clock known to be wrong."""

from __future__ import annotations

from datetime import datetime

from pvzdesk.errors import ClockError
from pvzdesk.i18n import tr
from pvzdesk.storage.clock_check import BUILD_DATE, ClockProblem


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%d.%m.%Y %H:%M") if moment else "—"


def clock_error(
    problem: ClockProblem, shown: datetime, last_entry: datetime | None, *, reading: bool = False
) -> ClockError:
    hint = (
        tr(
            "Days left of storage cannot be counted from a wrong clock. Set the correct date "
            "and time on this computer."
        )
        if reading
        else tr(
            "Nothing was saved, so no date or storage deadline came from the wrong clock. Set "
            "the correct date and time on this computer and scan again; the refusal is in the "
            "journal."
        )
    )
    if problem is ClockProblem.BEFORE_BUILD:
        return ClockError(
            tr(
                "The computer's clock shows {shown}, earlier than this program was made ({built}).",
                shown=_when(shown),
                built=_when(BUILD_DATE),
            ),
            hint=hint,
        )
    if problem is ClockProblem.BEHIND_JOURNAL:
        return ClockError(
            tr(
                "The computer's clock shows {shown}, earlier than the journal's last entry "
                "({last}): the clock was set back.",
                shown=_when(shown),
                last=_when(last_entry),
            ),
            hint=hint,
        )
    return ClockError(
        tr(
            "The computer's clock was set back since the journal's last entry ({last}): it "
            "shows {shown}, less time than has really passed.",
            shown=_when(shown),
            last=_when(last_entry),
        ),
        hint=hint,
    )

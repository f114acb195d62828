"""What the status bar shows: platform state, reconcile backlog, camera and scanner. Plain values.

The health monitor (``pvzdesk.sync.health``) and the camera worker report from their own threads;
they reach the GUI only through ``UiContext.post_status`` (one queued signal), never directly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from pvzdesk.domain.models import EntryKind


class PlatformState(StrEnum):
    UNKNOWN = "unknown"  # not probed yet (or no monitor configured)
    ONLINE = "online"
    DEGRADED = "degraded"  # slow or failing some probes; still usable
    OFFLINE = "offline"  # unreachable: the counter works from the journal alone


class DeviceState(StrEnum):
    OFF = "off"  # not in use (camera preview switched off)
    READY = "ready"
    LOST = "lost"  # unplugged or busy; retrying
    UNAVAILABLE = "unavailable"  # cannot work on this computer (no audio device, no camera)


@dataclass(frozen=True)
class PlatformStatus:
    state: PlatformState = PlatformState.UNKNOWN
    since: datetime | None = None  # when this state began (for "offline for 00:42")
    detail: str = ""  # what the monitor saw, already translated ("connection refused"...)
    incident_id: str = ""  # the open incident while offline
    key_problem: bool = False  # the Seller API refused the key (401/403): not an outage
    key_expires_at: datetime | None = None
    key_expires_soon: bool = False  # warn ahead: Seller API keys expire after six months
    incident_pending: bool = False  # an outage's start or end is not in the journal yet: retrying


class NoticeLevel(StrEnum):
    INFO = "info"  # worth knowing (the program was updated)
    WARNING = "warning"  # something was found and dealt with; the counter works
    ERROR = "error"  # something is wrong now (the clock, the journal's anchor): what to do


@dataclass(frozen=True)
class Notice:
    """A sentence for the operator in the notice strip above the screens; never a dialog, so
    scanning goes on under it. ``key`` names it (a newer notice with the same key replaces it);
    ``short`` is also shown in the status bar while the notice stands ("" for none); a notice
    that is not ``dismissable`` stays until its cause is gone."""

    key: str
    level: NoticeLevel
    text: str
    hint: str = ""
    short: str = ""
    dismissable: bool = True


@dataclass(frozen=True)
class CounterStatus:
    """Everything the status bar and the banner need; replaced whole, never mutated."""

    platform: PlatformStatus = PlatformStatus()
    waiting: int = 0  # journal entries waiting to reconcile
    waiting_by_kind: tuple[tuple[EntryKind, int], ...] = ()  # the same, by kind
    conflicts: int = 0  # open conflicts needing a person
    camera: DeviceState = DeviceState.OFF
    camera_detail: str = ""
    scanner: DeviceState = DeviceState.READY  # the keyboard wedge is always there
    sound: DeviceState = DeviceState.READY
    sound_detail: str = ""
    # The journal file failed its integrity check: nothing new can be recorded. The sentence
    # and the hint are the StorageError's, already translated; "" while the journal is sound.
    storage_fault: str = ""
    storage_hint: str = ""
    # ozon_seller: when the platform's list of this point's postings was last fetched (the warm
    # manifest); None when it never was (or the point has no Seller API).
    manifest_listed_at: datetime | None = None
    # What the operator must know that is not the platform's state: warnings found at open,
    # a wrong clock, a journal that does not match its anchor (``UiContext.add_notice``).
    notices: tuple[Notice, ...] = ()

    def with_(self, **changes: object) -> CounterStatus:
        return replace(self, **changes)  # type: ignore[arg-type]


def format_duration(seconds: float) -> str:
    """00:42 for under an hour, 1:05:09 beyond; never negative."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"

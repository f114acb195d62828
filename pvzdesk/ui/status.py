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

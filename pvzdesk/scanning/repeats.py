"""Repeat suppression for a camera: a code held in view is one read, not thirty a second.

Pure: the caller passes each frame's codes and the frame's time (seconds on any monotonic scale).
A code stays "in view" while it was seen within ``forget_after`` seconds; frames where the decoder
missed it for a moment therefore do not make it a new read. Once it has been out of view for longer
than that, seeing it again is a new read (the operator showed the same parcel again on purpose).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

__all__ = ["DEFAULT_FORGET_AFTER", "RepeatSuppressor"]

Key = TypeVar("Key", bound=Hashable)

DEFAULT_FORGET_AFTER = 1.5  # seconds: longer than a decoder's usual miss, shorter than a re-show


class RepeatSuppressor(Generic[Key]):
    """Remembers when each code was last seen; lets through only codes that newly came into view."""

    def __init__(self, forget_after: float = DEFAULT_FORGET_AFTER) -> None:
        if forget_after < 0:
            raise ValueError("forget_after must not be negative")
        self.forget_after = forget_after
        self._last_seen: dict[Key, float] = {}

    def new_reads(self, keys: Iterable[Key], now: float) -> list[Key]:
        """The keys of this frame that are new reads, in the order given, each at most once."""
        fresh: list[Key] = []
        for key in keys:
            last = self._last_seen.get(key)
            if (last is None or now - last > self.forget_after) and key not in fresh:
                fresh.append(key)
            self._last_seen[key] = now
        self._forget_older_than(now)
        return fresh

    def in_view(self, now: float) -> set[Key]:
        """Codes seen recently enough that showing them again would not count."""
        return {key for key, last in self._last_seen.items() if now - last <= self.forget_after}

    def reset(self) -> None:
        """Forget everything (e.g. after the camera was reconnected)."""
        self._last_seen.clear()

    def _forget_older_than(self, now: float) -> None:
        # Keeps the memory bounded by what was seen in the last ``forget_after`` seconds.
        stale = [key for key, last in self._last_seen.items() if now - last > self.forget_after]
        for key in stale:
            del self._last_seen[key]

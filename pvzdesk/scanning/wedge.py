"""Keyboard-wedge scanners: tell a scanner's keystroke burst from a person typing.

A USB scanner in keyboard mode "types" a whole code in a few milliseconds per key and ends it with
Enter (or Tab); a person needs 80–250 ms per key, makes typos and presses Backspace. The parser is
pure: the UI feeds it every key with its timestamp (seconds; POSIX time unless a ``wall_time``
converter says otherwise) and gets back either a ``ScanRead`` (a burst) or ``Typed`` keys (held
back for at most ``max_gap`` to see whether a burst follows, then handed back for the focused
field). Call ``flush(now)`` once ``deadline()`` has passed so a person's last keys are not held.

Many scanners cannot send the GS (0x1D) of a GS1 code in keyboard mode, or send it as a key the
layout drops; they can be set to send a substitute (a character, a string, or a function key),
which ``gs_text`` (characters or strings) or ``gs_keys`` (key names) turn back into GS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from pvzdesk.domain.barcodes import GS
from pvzdesk.domain.scan import ScanRead, ScanSource

__all__ = [
    "BACKSPACE",
    "ENTER",
    "TAB",
    "Typed",
    "WedgeOutput",
    "WedgeParser",
    "WedgeSettings",
]

ENTER = "Enter"
TAB = "Tab"
BACKSPACE = "Backspace"
# Pressed by a scanner for capitals or by a person for layouts; they carry no text of their own.
MODIFIER_KEYS = frozenset({"Shift", "Control", "Alt", "AltGr", "Meta", "CapsLock"})
# Control characters some toolkits deliver instead of the key's name.
_CONTROL_KEY_NAMES = {"\r": ENTER, "\n": ENTER, "\t": TAB, "\b": BACKSPACE}


@dataclass(frozen=True)
class WedgeSettings:
    """How this counter's scanner types. Defaults fit a scanner on factory settings."""

    max_gap: float = 0.030  # seconds between two keys of a burst; people are 3–8× slower
    min_length: int = 4  # shorter bursts are a person's fast key roll, not a code
    prefix: str = ""  # the scanner's configured prefix, required and removed when set
    suffix: str = ""  # the scanner's configured suffix (before Enter), required and removed
    terminators: frozenset[str] = frozenset({ENTER, TAB})
    gs_text: tuple[str, ...] = ()  # text the scanner types for GS: "~", "<GS>"...
    gs_keys: frozenset[str] = frozenset()  # key names it presses for GS: "F8"...

    def __post_init__(self) -> None:
        if self.max_gap <= 0:
            raise ValueError("max_gap must be positive")
        if any(not substitute for substitute in self.gs_text):
            raise ValueError("a GS substitute must not be empty")


@dataclass(frozen=True)
class Typed:
    """Keys a person typed, in order (characters, or names like ``"Backspace"`` / ``"Enter"``)."""

    keys: tuple[str, ...]

    @property
    def text(self) -> str:
        """The characters only, as a field without editing keys would show them."""
        return "".join(key for key in self.keys if len(key) == 1)


WedgeOutput = ScanRead | Typed


def _posix_time(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


class WedgeParser:
    """Feeds on ``(key, timestamp)``; yields scanner reads and a person's typing, in order."""

    def __init__(
        self,
        settings: WedgeSettings | None = None,
        *,
        wall_time: Callable[[float], datetime] = _posix_time,
    ) -> None:
        self.settings = settings or WedgeSettings()
        # Turns a key timestamp into the read's time; the default takes POSIX seconds.
        self._wall_time = wall_time
        self._pending: list[str] = []
        self._last_time = 0.0

    def feed(self, key: str, time: float) -> list[WedgeOutput]:
        """One key press. Returns what is now decided (often nothing: the key is held)."""
        key = _CONTROL_KEY_NAMES.get(key, key)
        if key in MODIFIER_KEYS or not key:
            return []
        out: list[WedgeOutput] = []
        if self._pending and time - self._last_time > self.settings.max_gap:
            out.extend(self._release())
        if key in self.settings.terminators:
            read = self._burst_read(time) if self._pending else None
            if read is not None:
                self._pending.clear()
                out.append(read)
            else:
                out.extend(self._release(key))
            return out
        if len(key) == 1 or key in self.settings.gs_keys:
            self._pending.append(key)
            self._last_time = time
            return out
        # Backspace, arrows, function keys: scanners never send these, people do.
        out.extend(self._release(key))
        return out

    def flush(self, now: float) -> list[WedgeOutput]:
        """Hand back held keys once no burst can follow them any more."""
        if self._pending and now - self._last_time > self.settings.max_gap:
            return self._release()
        return []

    def deadline(self) -> float | None:
        """When ``flush`` should next be called, or ``None`` when nothing is held."""
        return self._last_time + self.settings.max_gap if self._pending else None

    def _release(self, *extra: str) -> list[WedgeOutput]:
        keys = (*self._pending, *extra)
        self._pending.clear()
        return [Typed(keys)] if keys else []

    def _burst_read(self, time: float) -> ScanRead | None:
        settings = self.settings
        if time - self._last_time > settings.max_gap:
            return None
        text = "".join(GS if key in settings.gs_keys else key for key in self._pending)
        if not (text.startswith(settings.prefix) and text.endswith(settings.suffix)):
            return None
        text = text[len(settings.prefix) : len(text) - len(settings.suffix)]
        # Character substitutes are replaced only now so that a prefix can never be half-replaced.
        for substitute in settings.gs_text:
            text = text.replace(substitute, GS)
        if len(text) < settings.min_length:
            return None
        return ScanRead(
            text=text,
            raw_bytes=text.encode("utf-8"),
            symbology="",
            source=ScanSource.WEDGE,
            time=self._wall_time(time),
        )

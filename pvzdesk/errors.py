"""The errors pvzdesk knows about.

Every *known* failure (not our bug, the user can act on it) is a ``PvzdeskError`` whose ``str`` is a
complete sentence for the operator, already translated. Anything else that escapes is a bug.

    PvzdeskError                  root
    ├── StorageError              the database cannot be used: disk full, read-only, corrupt, locked
    │   └── InstanceLockedError   another pvzdesk already works on this data directory
    ├── ImportFileError           a manifest file was refused (row and reason in the message)
    ├── ScanningError             camera missing or busy, decoder unavailable, unreadable image
    ├── PlatformError             the platform is unreachable, refused the key, or replied oddly
    ├── SettingsError             the settings file is invalid
    ├── PointError                the point or central PostgreSQL database cannot be used
    ├── ClockError                the computer's clock is known to be wrong: nothing was written
    └── UsageError                a command was called with values that make no sense
"""

from __future__ import annotations

__all__ = [
    "ClockError",
    "ImportFileError",
    "InstanceLockedError",
    "PlatformError",
    "PointError",
    "PvzdeskError",
    "ScanningError",
    "SettingsError",
    "StorageError",
    "UsageError",
]


class PvzdeskError(Exception):
    """A known failure; ``str(error)`` is the user-facing sentence."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class StorageError(PvzdeskError):
    """The journal database cannot be read or written."""


class InstanceLockedError(StorageError):
    """Another running pvzdesk holds this data directory."""


class ImportFileError(PvzdeskError):
    """A manifest import file was refused; nothing was imported."""


class ScanningError(PvzdeskError):
    """A camera or decoder problem."""


class PlatformError(PvzdeskError):
    """The platform could not be used."""


class PointError(PvzdeskError):
    """The point or central database is unreachable, refused us, or holds something unexpected."""


class SettingsError(PvzdeskError):
    """The settings file is not valid."""


class ClockError(PvzdeskError):
    """The clock is behind the journal or before this build: writing would misdate entries."""


class UsageError(PvzdeskError):
    """Arguments that make no sense together."""

"""One read of a code, whatever produced it: a USB scanner, the webcam, a file, a person typing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ScanSource(StrEnum):
    WEDGE = "wedge"  # keyboard-wedge USB scanner
    CAMERA = "camera"  # webcam or virtual camera
    SERIAL = "serial"
    IMAGE = "image"  # a still image given on the command line
    MANUAL = "manual"  # typed by a person or passed to the CLI


Point = tuple[int, int]


@dataclass(frozen=True)
class ScanRead:
    """Exactly what was read. ``raw_bytes`` keeps every byte (a GS1 DataMatrix keeps its 0x1D)."""

    text: str
    raw_bytes: bytes
    symbology: str  # "QRCode", "DataMatrix", "Code128", "EAN13", ... or "" when unknown (typed)
    source: ScanSource
    time: datetime
    position: tuple[Point, ...] = ()  # corner points in the image, for outlining; () if none

    @classmethod
    def typed(cls, text: str, time: datetime, source: ScanSource = ScanSource.MANUAL) -> ScanRead:
        return cls(
            text=text, raw_bytes=text.encode("utf-8"), symbology="", source=source, time=time
        )

"""Barcode decoders behind one interface: zxing-cpp (default) and zbar (through pyzbar).

A decoder turns one image (BGR or grayscale ``uint8`` array) into ``ScanRead``s. Decoders never read
the clock: the caller passes the time the frame was taken. Both libraries release the GIL while
decoding, so a worker thread can decode while the GUI thread keeps running.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np
from numpy.typing import NDArray

from pvzdesk.domain.scan import Point, ScanRead, ScanSource
from pvzdesk.errors import ScanningError
from pvzdesk.i18n import tr

__all__ = [
    "COUNTER_FORMATS",
    "DECODER_NAMES",
    "Decoder",
    "DecoderChoice",
    "Image",
    "ZbarDecoder",
    "ZxingDecoder",
    "make_decoder",
]

log = logging.getLogger(__name__)

try:
    import zxingcpp

    _ZXING_IMPORT_ERROR = ""
except ImportError as import_error:  # a broken wheel must not stop the counter: zbar takes over
    _ZXING_IMPORT_ERROR = str(import_error)

Image = NDArray[np.uint8]

# What a pickup-point counter meets: labels (Code 128), customer and marking codes (QR, DataMatrix),
# goods (EAN/UPC, ITF), old carrier labels (Code 39), waybills (PDF417).
COUNTER_FORMATS: tuple[str, ...] = (
    "QRCode",
    "DataMatrix",
    "Code128",
    "EANUPC",
    "ITF",
    "Code39",
    "PDF417",
)
DECODER_NAMES: tuple[str, ...] = ("zxing", "zbar")
# The camera's time for extra passes per frame: see ``pipeline.DEFAULT_FRAME_BUDGET``.
_CAMERA_BUDGET = 0.022


class Decoder(Protocol):
    """Finds every code in one image."""

    @property
    def name(self) -> str: ...

    def decode(
        self, image: Image, *, time: datetime, source: ScanSource = ScanSource.CAMERA
    ) -> list[ScanRead]: ...


def _gray(image: Image) -> Image:
    if image.ndim == 2:
        return image
    if image.ndim == 3 and image.shape[2] == 4:
        return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY), dtype=np.uint8)
    if image.ndim == 3 and image.shape[2] == 3:
        return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
    raise ValueError(f"unsupported image shape {image.shape}")


class ZxingDecoder:
    """zxing-cpp: reads DataMatrix and PDF417 too, keeps GS1 separators (0x1D) byte for byte."""

    name = "zxing"

    def __init__(
        self,
        formats: Iterable[str] | None = COUNTER_FORMATS,
        *,
        try_invert: bool = False,
        try_rotate: bool = True,
        try_downscale: bool = True,
    ) -> None:
        if _ZXING_IMPORT_ERROR:
            raise ScanningError(
                tr("The zxing decoder is unavailable: {reason}.", reason=_ZXING_IMPORT_ERROR)
            )
        # None means every format zxing knows; the limited set is about twice as fast (DESIGN §6).
        self._formats = (
            zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.AllReadable)
            if formats is None
            else zxingcpp.barcode_formats_from_str(",".join(formats))
        )
        self.try_invert = try_invert
        self.try_rotate = try_rotate
        self.try_downscale = try_downscale

    def decode(
        self, image: Image, *, time: datetime, source: ScanSource = ScanSource.CAMERA
    ) -> list[ScanRead]:
        reads, _ = self.decode_with_candidates(image, time=time, source=source)
        return reads

    def decode_with_candidates(
        self,
        image: Image,
        *,
        time: datetime,
        source: ScanSource = ScanSource.CAMERA,
        try_invert: bool | None = None,
        binarizer: str = "LocalAverage",
    ) -> tuple[list[ScanRead], list[tuple[Point, ...]]]:
        """The reads, and the outlines of candidates zxing found but could not decode.

        Asking for the failed candidates (``return_errors``) costs nothing measurable; the
        pipeline looks there first when a frame reads nothing.
        """
        found = zxingcpp.read_barcodes(
            _gray(image),
            formats=self._formats,
            try_rotate=self.try_rotate,
            try_downscale=self.try_downscale,
            try_invert=self.try_invert if try_invert is None else try_invert,
            # Plain keeps the GS of GS1 codes; the default (HRI) rewrites them as "(01)…(21)…".
            text_mode=zxingcpp.TextMode.Plain,
            binarizer=getattr(zxingcpp.Binarizer, binarizer),
            return_errors=True,
        )
        reads = [
            ScanRead(
                text=barcode.text,
                raw_bytes=barcode.bytes,
                symbology=barcode.format.name,
                source=source,
                time=time,
                position=_zxing_corners(barcode.position),
            )
            for barcode in found
            if barcode.valid
        ]
        failed = [_zxing_corners(barcode.position) for barcode in found if not barcode.valid]
        return reads, failed


def _zxing_corners(position: Any) -> tuple[Point, ...]:
    corners = (position.top_left, position.top_right, position.bottom_right, position.bottom_left)
    return tuple((int(corner.x), int(corner.y)) for corner in corners)


# zbar's type names → the names zxing (and the rest of pvzdesk) use.
_ZBAR_SYMBOLOGY = {
    "QRCODE": "QRCode",
    "CODE128": "Code128",
    "CODE39": "Code39",
    "CODE93": "Code93",
    "EAN13": "EAN13",
    "EAN8": "EAN8",
    "UPCA": "UPCA",
    "UPCE": "UPCE",
    "ISBN10": "EAN13",
    "ISBN13": "EAN13",
    "I25": "ITF",
    "PDF417": "PDF417",
    "CODABAR": "Codabar",
    "DATABAR": "DataBar",
    "DATABAR_EXP": "DataBarExp",
}
# zbar reads no DataMatrix at all; these are the counter formats it does know.
_ZBAR_COUNTER_SYMBOLS = ("QRCODE", "CODE128", "EAN13", "EAN8", "UPCA", "UPCE", "I25", "CODE39")


def _zbar_unavailable(library: str, reason: str) -> ScanningError:
    return ScanningError(
        tr("The zbar decoder is unavailable: {reason}.", reason=reason),
        hint=tr("Install the {library} library or choose the zxing decoder.", library=library),
    )


def _load_zbar(library: str) -> Any:
    """Load the zbar shared library the way pyzbar does, then pyzbar itself.

    pyzbar loads the library when it is imported and raises ImportError when it is missing; the
    explicit look-up first lets the message name the library and lets tests ask for one that does
    not exist, through the same ``find_library`` / ``LoadLibrary`` calls.
    """
    path = library if Path(library).is_file() else ctypes.util.find_library(library)
    if not path:
        raise _zbar_unavailable(library, tr("library {library} not found", library=library))
    try:
        ctypes.cdll.LoadLibrary(path)
        from pyzbar import pyzbar
    except (OSError, ImportError) as error:
        raise _zbar_unavailable(library, str(error)) from error
    return pyzbar


class ZbarDecoder:
    """zbar through pyzbar, the second backend: no DataMatrix; bytes as zbar gives them."""

    name = "zbar"

    def __init__(self, symbols: Iterable[str] | None = None, *, library: str = "zbar") -> None:
        self._pyzbar = _load_zbar(library)
        names = _ZBAR_COUNTER_SYMBOLS if symbols is None else tuple(symbols)
        self._symbols = [self._pyzbar.ZBarSymbol[name] for name in names] if names else None

    def decode(
        self, image: Image, *, time: datetime, source: ScanSource = ScanSource.CAMERA
    ) -> list[ScanRead]:
        found = self._pyzbar.decode(_gray(image), symbols=self._symbols)
        reads = []
        for symbol in found:
            data: bytes = symbol.data
            reads.append(
                ScanRead(
                    # zbar hands out text already converted to UTF-8.
                    text=data.decode("utf-8", errors="replace"),
                    raw_bytes=data,
                    symbology=_ZBAR_SYMBOLOGY.get(symbol.type, symbol.type),
                    source=source,
                    time=time,
                    position=_four_corners([(point.x, point.y) for point in symbol.polygon]),
                )
            )
        return reads


def _four_corners(points: list[tuple[int, int]]) -> tuple[Point, ...]:
    """zbar outlines a linear code with every edge point it saw; the UI wants a quadrilateral."""
    if len(points) <= 4:
        return tuple((int(x), int(y)) for x, y in points)
    box = cv2.boxPoints(cv2.minAreaRect(np.array(points, dtype=np.float32)))
    return tuple((round(float(x)), round(float(y))) for x, y in box)


@dataclass(frozen=True)
class DecoderChoice:
    """The decoder to use, and the one-time warning when the asked-for backend could not load."""

    decoder: Decoder
    warning: ScanningError | None = None


def make_decoder(
    name: str = "zxing",
    *,
    zbar_library: str = "zbar",
    extra_passes: bool = True,
    frame_budget: float | None = _CAMERA_BUDGET,
) -> DecoderChoice:
    """The decoding pipeline over the named decoder; the other backend when it cannot load.

    The failure is returned once, as ``warning``, for the caller to show; it is not raised. Only
    when no backend loads at all is that a ``ScanningError``. zbar, when it loads, also gives the
    pipeline its second opinion on bar codes. ``frame_budget`` None: stills, every pass runs.
    """
    # The pipeline builds on this module's decoders: imported here, not at the top, to avoid a cycle.
    from pvzdesk.scanning.pipeline import PipelineDecoder

    if name not in DECODER_NAMES:
        raise ScanningError(
            tr(
                "Unknown decoder {name}; choose one of: {choices}.",
                name=name,
                choices=", ".join(DECODER_NAMES),
            )
        )
    builders: dict[str, Callable[[], Decoder]] = {
        "zxing": ZxingDecoder,
        "zbar": lambda: ZbarDecoder(library=zbar_library),
    }
    fallback = "zbar" if name == "zxing" else "zxing"
    warning: ScanningError | None = None
    try:
        primary = builders[name]()
    except ScanningError as error:
        log.warning("%s decoder unavailable, using %s: %s", name, fallback, error)
        # If the fallback fails too, its ScanningError propagates: there is nothing left to use.
        primary, warning = builders[fallback](), error
    second_opinion = primary if isinstance(primary, ZbarDecoder) else _quiet_zbar(zbar_library)
    pipeline = PipelineDecoder(
        primary,
        second_opinion=second_opinion,
        extra_passes=extra_passes,
        frame_budget=frame_budget,
    )
    return DecoderChoice(pipeline, warning=warning)


def _quiet_zbar(library: str) -> ZbarDecoder | None:
    """zbar as a second opinion: its absence only means one pass fewer, nothing to report."""
    try:
        return ZbarDecoder(library=library)
    except ScanningError:
        return None

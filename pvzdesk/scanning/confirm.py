"""When a read may count: the no-misread rules of the decoding pipeline.

Two-dimensional codes (QR, DataMatrix, Aztec) carry Reed–Solomon error correction: a read is the
code. One-dimensional codes have at most a weak check; a blurred bar or a glare spot can turn one
into a different code that still passes it, or cut it short (ITF has no stop guard worth the name).
So a 1-D read counts only when

- its own check *and* the format the counter expects confirm it (``confirmed_by_format``): a Code 128
  (mandatory mod-103 check) that is a posting number, a label's upper ``%101%…`` or lower 14–15
  digit code, or a return code; or
- two independent views of the frame (other pixels or the other library), or two frames, read the
  same bytes (``FrameConfirmer``).

A read that can never be right at a counter is refused outright (``plausible``): an ITF that is not
a valid ITF-14 (that is how ITF misreads look, cut short), an EAN-13/UPC-A whose check digit we
recompute does not match, a UPC-E. Reads that disagree at the same place
are both dropped: never guessed. PDF417 is a stacked linear code with small error correction at the
levels labels print; it is treated like a 1-D code.

``Ballot`` applies these rules to the reads of one frame (every pass of the pipeline votes);
``FrameConfirmer`` applies them across the frames of a camera.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pvzdesk.domain.barcodes import CodeKind, classify
from pvzdesk.domain.scan import Point, ScanRead

__all__ = [
    "SELF_CHECKING",
    "Ballot",
    "FrameConfirmer",
    "FrameReads",
    "ReadKey",
    "confirmed_by_format",
    "gtin_check_digit_ok",
    "needs_agreement",
    "overlap",
    "plausible",
    "read_key",
]

# Symbologies whose error correction makes a single read trustworthy.
SELF_CHECKING = frozenset({"QRCode", "MicroQRCode", "RMQRCode", "DataMatrix", "Aztec"})
# Code 128 kinds that DESIGN §6 names: their format plus Code 128's mandatory check confirm them.
_COUNTER_KINDS = frozenset(
    {CodeKind.POSTING, CodeKind.LABEL_UPPER, CodeKind.LABEL_LOWER, CodeKind.RETURN_CODE}
)
_GTIN_SYMBOLOGIES = frozenset({"EAN13", "UPCA"})

ReadKey = tuple[str, bytes]


def read_key(read: ScanRead) -> ReadKey:
    return (read.symbology, read.raw_bytes)


def gtin_check_digit_ok(digits: str) -> bool:
    """The GS1 mod-10 check digit of an EAN-8/13, UPC-A or GTIN-14, recomputed here."""
    if not digits.isascii() or not digits.isdigit() or len(digits) < 8:
        return False
    body, check = digits[:-1], int(digits[-1])
    weighted = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - weighted % 10) % 10 == check


def plausible(read: ScanRead) -> bool:
    """False for reads that cannot be right at a counter, whatever agrees with them."""
    if read.symbology == "ITF":
        # Boxes carry ITF-14; a shorter ITF is what a truncated read of one looks like.
        return len(read.text) == 14 and gtin_check_digit_ok(read.text)
    if read.symbology in _GTIN_SYMBOLOGIES:
        return len(read.text) in (12, 13) and gtin_check_digit_ok(read.text)
    if read.symbology == "EAN8":
        return len(read.text) == 8 and gtin_check_digit_ok(read.text)
    # UPC-E is for small US packs; here it is what half an EAN-13 read as UPC-E looks like (the
    # hard set has zxing-cpp do that in two frames running).
    return read.symbology != "UPCE"


def confirmed_by_format(read: ScanRead) -> bool:
    """A single read is enough: self-correcting, or Code 128's check and a counter format agree.

    EAN-13 and ITF-14 check digits are not enough on their own: on the hard set zxing-cpp and zbar
    each read EAN-13s with two digits wrong and a valid check digit. Those need a second view.
    """
    if read.symbology in SELF_CHECKING:
        return True
    if read.symbology == "Code128":
        return classify(read.text).kind in _COUNTER_KINDS
    return False


def needs_agreement(read: ScanRead) -> bool:
    return plausible(read) and not confirmed_by_format(read)


def _box(points: tuple[Point, ...]) -> tuple[int, int, int, int]:
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def overlap(a: tuple[Point, ...], b: tuple[Point, ...]) -> bool:
    """Do two outlines share a good part of their area? (Degenerate 1-D outlines are widened.)"""
    if not a or not b:
        return False
    ax0, ay0, ax1, ay1 = _box(a)
    bx0, by0, bx1, by1 = _box(b)
    # zxing outlines a 1-D code by its scan line: give it some height before comparing.
    pad = 8
    ix = min(ax1, bx1) + pad - max(ax0, bx0) + pad
    iy = min(ay1, by1) + pad - max(ay0, by0) + pad
    if ix <= 0 or iy <= 0:
        return False
    smaller = min(
        (ax1 - ax0 + 2 * pad) * (ay1 - ay0 + 2 * pad), (bx1 - bx0 + 2 * pad) * (by1 - by0 + 2 * pad)
    )
    return ix * iy >= 0.3 * smaller


@dataclass(frozen=True)
class FrameReads:
    """One frame's outcome: reads that count now, 1-D reads still waiting for agreement."""

    confirmed: list[ScanRead]
    waiting: list[ScanRead]
    extra_passes: list[str] = field(default_factory=list)  # the passes that ran, in order
    confirmed_by: dict[ReadKey, str] = field(default_factory=dict)  # read → pass ("first")


@dataclass
class _Candidate:
    read: ScanRead
    passes: set[str]
    views: set[str]


class Ballot:
    """Every read of one frame, by pass and view; decides what counts and what waits."""

    def __init__(self) -> None:
        self.candidates: dict[ReadKey, _Candidate] = {}
        self.order: list[ReadKey] = []

    def add(self, read: ScanRead, pass_name: str, view: str) -> None:
        if not plausible(read):
            return
        key = read_key(read)
        if key in self.candidates:
            self.candidates[key].passes.add(pass_name)
            self.candidates[key].views.add(view)
            return
        self.candidates[key] = _Candidate(read, {pass_name}, {view})
        self.order.append(key)

    def agreed(self, candidate: _Candidate) -> bool:
        # Two views: different pixels or a different library; the same garbage twice is no proof.
        return confirmed_by_format(candidate.read) or len(candidate.views) >= 2

    def conflicted(self) -> set[ReadKey]:
        """1-D reads with a different 1-D read of the same symbology at the same place."""
        linear = [
            key for key in self.order if self.candidates[key].read.symbology not in SELF_CHECKING
        ]
        bad: set[ReadKey] = set()
        for number, key in enumerate(linear):
            for other in linear[number + 1 :]:
                same_kind = key[0] == other[0]
                if same_kind and overlap(
                    self.candidates[key].read.position, self.candidates[other].read.position
                ):
                    bad |= {key, other}
        return bad

    def has_confirmed(self) -> bool:
        bad = self.conflicted()
        return any(self.agreed(self.candidates[k]) for k in self.order if k not in bad)

    def result(self, extra: list[str]) -> FrameReads:
        bad = self.conflicted()
        confirmed, waiting, by = [], [], {}
        for key in self.order:
            if key in bad:
                continue
            candidate = self.candidates[key]
            if self.agreed(candidate):
                confirmed.append(candidate.read)
                by[key] = "+".join(sorted(candidate.passes))
            else:
                waiting.append(candidate.read)
        return FrameReads(confirmed, waiting, extra, by)


@dataclass
class _Pending:
    read: ScanRead
    frame: int


@dataclass
class FrameConfirmer:
    """Camera mode: a 1-D read that needs agreement counts when a later frame reads it again.

    ``admit`` takes each frame's reads already confirmed (by format or by two passes) and those
    still waiting; it returns what may now count. A waiting read is forgotten after ``window``
    frames; two waiting reads that disagree at the same place are both dropped.
    """

    window: int = 8
    _pending: dict[ReadKey, _Pending] = field(default_factory=dict)
    # Codes already confirmed and still in view (seen within ``window`` frames): a code held up
    # to the camera stays confirmed; it does not need two more frames every time.
    _trusted: dict[ReadKey, int] = field(default_factory=dict)

    def admit(
        self, confirmed: Iterable[ScanRead], waiting: Iterable[ScanRead], frame: int
    ) -> list[ScanRead]:
        self._pending = {
            key: seen for key, seen in self._pending.items() if frame - seen.frame <= self.window
        }
        self._trusted = {
            key: last for key, last in self._trusted.items() if frame - last <= self.window
        }
        accepted = list(confirmed)
        for read in accepted:
            self._trusted[read_key(read)] = frame
        for read in waiting:
            key = read_key(read)
            earlier = self._pending.get(key)
            if key in self._trusted or (earlier is not None and earlier.frame < frame):
                self._pending.pop(key, None)
                self._trusted[key] = frame
                accepted.append(read)
                continue
            rivals = [
                other
                for other, seen in self._pending.items()
                if other != key
                and other[0] == key[0]
                and overlap(seen.read.position, read.position)
            ]
            if rivals:
                # Two frames read different codes at the same place: believe neither.
                for other in rivals:
                    del self._pending[other]
                continue
            self._pending[key] = _Pending(read, frame)
        return accepted

    def reset(self) -> None:
        self._pending.clear()
        self._trusted.clear()

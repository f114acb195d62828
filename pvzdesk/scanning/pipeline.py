"""The decoding pipeline: zxing-cpp as it comes first, then what the library alone does not try.

1. **First pass**, exactly the call ``ZxingDecoder`` makes (counter formats, no inverted pass), and as
   fast: it also returns the outlines of candidates zxing found but could not decode, at no cost.
2. Only when that pass reads nothing, **extra passes** on the places a code probably is — zxing's
   failed candidates first, then busy regions by gradient energy (``regions.likely_regions``) — each
   region cropped (so the library sees the code, not the counter), and tried as it is with the
   inverted pass on, upscaled, contrast-equalised and sharpened, de-skewed with the bars smoothed,
   binarised locally; zbar gives a second opinion on bar codes. The passes stop when the frame's
   time budget is spent: the cost of each pass is measured as it runs, and a pass that would not fit
   is not started. ``frame_budget=None`` (stills, tests) runs every pass.
3. **No misreads** (``confirm``): a 2-D code counts at once; a 1-D code counts when its check digit
   and expected format confirm it, or when two passes read the same bytes; a read two passes
   disagree on at the same place is dropped. A 1-D read no second pass confirmed is ``waiting``: in
   camera mode a later frame may confirm it (``confirm.FrameConfirmer``); a still drops it.

Every zxing call uses ``TextMode.Plain`` so a GS1 DataMatrix keeps its GS (0x1D) bytes in every pass.
"""

from __future__ import annotations

import time as timing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from pvzdesk.domain.scan import Point, ScanRead, ScanSource
from pvzdesk.scanning.confirm import Ballot, FrameReads
from pvzdesk.scanning.decoders import (
    _CAMERA_BUDGET,
    Decoder,
    Image,
    ZbarDecoder,
    ZxingDecoder,
    _gray,
)
from pvzdesk.scanning.regions import (
    Patch,
    Region,
    crop,
    enhance_binarise,
    enhance_contrast,
    enhance_smooth_bars,
    enhance_upscale,
    likely_regions,
)

__all__ = [
    "DEFAULT_FRAME_BUDGET",
    "EXTRA_PASSES",
    "PASS_NAMES",
    "FrameReads",
    "PipelineDecoder",
    "frame_reads",
]

# 30 fps leaves 33 ms a frame; a few are kept for capture, colour conversion and publishing.
# Counted in the decoding thread's CPU time: the budget is one core's work, and a busy machine
# (the GUI, an fsync) must not make the pipeline believe its passes got slower.
DEFAULT_FRAME_BUDGET = _CAMERA_BUDGET
_MAX_PATCHES = 4
_COST_MARGIN = 1.5
LINEAR_FORMATS = ("Code128", "EANUPC", "ITF", "Code39", "PDF417")
_ZBAR_LINEAR = ("CODE128", "EAN13", "EAN8", "UPCA", "UPCE", "I25", "CODE39")


@dataclass(frozen=True)
class _Pass:
    name: str
    prepare: Callable[[Patch], Patch]
    reader: str  # "zxing", "zxing-invert", "zxing-linear", "zbar"
    linear_only: bool = False
    needs_change: bool = False  # skip when ``prepare`` left the patch as it was

    @property
    def view(self) -> str:
        """Passes over the same pixels with the same library are one opinion, not two."""
        same_pixels = self.prepare is _same or self.prepare is enhance_upscale
        library = "zbar" if self.reader == "zbar" else "zxing"
        return f"{library}:{'raw' if same_pixels else self.prepare.__name__}"


def _upscaled_contrast(patch: Patch) -> Patch:
    return enhance_contrast(enhance_upscale(patch))


def _upscaled_bars(patch: Patch) -> Patch:
    return enhance_smooth_bars(enhance_upscale(patch))


def _binarised(patch: Patch) -> Patch:
    return enhance_binarise(_upscaled_contrast(patch))


def _same(patch: Patch) -> Patch:
    return patch


# Ordered by codes read per millisecond of CPU, measured pass by pass on the hard set.
EXTRA_PASSES: tuple[_Pass, ...] = (
    _Pass("bars", _upscaled_bars, "zxing-linear", linear_only=True),
    _Pass("contrast", _upscaled_contrast, "zxing"),
    _Pass("binarise", _binarised, "zxing"),
    _Pass("bars-zbar", _upscaled_bars, "zbar", linear_only=True),
    _Pass("region", _same, "zxing-invert"),
    _Pass("contrast-zbar", _upscaled_contrast, "zbar"),
    _Pass("upscale", enhance_upscale, "zxing-invert", needs_change=True),
)
PASS_NAMES = tuple(p.name for p in EXTRA_PASSES)


def frame_reads(
    decoder: Decoder, image: Image, *, time: datetime, source: ScanSource
) -> FrameReads:
    """Any decoder's reads of one frame, sorted by the no-misread rules (one pass: no agreement)."""
    if isinstance(decoder, PipelineDecoder):
        return decoder.decode_frame(image, time=time, source=source)
    ballot = Ballot()
    for read in decoder.decode(image, time=time, source=source):
        ballot.add(read, "first", f"{decoder.name}:raw")
    return ballot.result([])


class PipelineDecoder:
    """A ``Decoder``: the first pass as today, extra passes only on frames that read nothing.

    It remembers what its passes cost and where the last frame stopped: one decoder per camera
    (or per command), used from one thread.
    """

    def __init__(
        self,
        primary: Decoder | None = None,
        *,
        second_opinion: ZbarDecoder | None = None,
        extra_passes: bool = True,
        frame_budget: float | None = DEFAULT_FRAME_BUDGET,
        passes: Iterable[str] = PASS_NAMES,
        clock: Callable[[], float] = timing.thread_time,
    ) -> None:
        self.primary: Decoder = primary if primary is not None else ZxingDecoder()
        self.zxing = self.primary if isinstance(self.primary, ZxingDecoder) else _try_zxing()
        # On a crop the code is already large enough: no downscaled copies.
        self._zxing_patch = ZxingDecoder(try_downscale=False) if self.zxing is not None else None
        self._zxing_linear = (
            ZxingDecoder(LINEAR_FORMATS, try_downscale=False) if self.zxing is not None else None
        )
        self.zbar = second_opinion
        self.extra_passes = extra_passes
        self.frame_budget = frame_budget
        wanted = set(passes)
        self.passes = tuple(p for p in EXTRA_PASSES if p.name in wanted and self._can_run(p))
        self._clock = clock
        # Measured cost of each pass in seconds per pixel (running average), to plan the budget.
        self._cost: dict[str, float] = {}
        self._resume_at = 0

    @property
    def name(self) -> str:
        return self.primary.name

    def decode(
        self, image: Image, *, time: datetime, source: ScanSource = ScanSource.CAMERA
    ) -> list[ScanRead]:
        """A still: what counts from this one image (no later frame will confirm the rest)."""
        return self.decode_frame(image, time=time, source=source).confirmed

    def decode_frame(
        self, image: Image, *, time: datetime, source: ScanSource = ScanSource.CAMERA
    ) -> FrameReads:
        start = self._clock()
        gray = _gray(image)
        ballot = Ballot()
        failed: list[tuple[Point, ...]] = []
        if isinstance(self.primary, ZxingDecoder):
            reads, failed = self.primary.decode_with_candidates(gray, time=time, source=source)
        else:
            reads = self.primary.decode(gray, time=time, source=source)
        for read in reads:
            ballot.add(read, "first", f"{self.primary.name}:raw")
        ran: list[str] = []
        if not self.extra_passes or self.zxing is None:
            return ballot.result(ran)
        waiting = [c.read for c in ballot.candidates.values() if not ballot.agreed(c)]
        if ballot.order and not waiting:
            return ballot.result(ran)
        # Either nothing was read (look where codes probably are) or a 1-D read waits for a
        # second pass over its own place.
        if waiting:
            patches = [crop(gray, _box_around(read.position)) for read in waiting]
        else:
            patches = self._likely_patches(gray, failed)
        self._run_passes(patches, ballot, ran, start, time, source)
        return ballot.result(ran)

    def read_pass(
        self, pass_name: str, image: Image, *, time: datetime, source: ScanSource = ScanSource.IMAGE
    ) -> list[ScanRead]:
        """Every read one extra pass makes of the whole image, unconfirmed (to check each pass)."""
        (step,) = [p for p in EXTRA_PASSES if p.name == pass_name]
        if not self._can_run(step) or self.zxing is None:
            return []
        gray = _gray(image)
        patch = crop(gray, Region(0, 0, gray.shape[1], gray.shape[0]), margin=0)
        return self._read(step.reader, step.prepare(patch), time, source)

    # -- passes ------------------------------------------------------------------------------------

    def _likely_patches(self, gray: Image, failed: list[tuple[Point, ...]]) -> list[Patch]:
        boxes = [_box_around(outline) for outline in failed]
        boxes += [box for box in likely_regions(gray) if not any(_contains(b, box) for b in boxes)]
        return [crop(gray, box) for box in boxes[:_MAX_PATCHES]]

    def _run_passes(
        self,
        patches: list[Patch],
        ballot: Ballot,
        ran: list[str],
        start: float,
        time: datetime,
        source: ScanSource,
    ) -> None:
        """Pass after pass over every patch until a read counts or the budget is spent.

        With a budget, a frame starts where the previous one stopped: a code held up to the camera
        meets every pass within a few frames while each frame stays within its time.
        """
        if not patches or not self.passes:
            return
        count = len(self.passes)
        first = self._resume_at if self.frame_budget is not None else 0
        prepared: list[dict[str, Patch]] = [{} for _ in patches]
        for offset in range(count):
            number = (first + offset) % count
            step = self.passes[number]
            for patch, cache in zip(patches, prepared, strict=True):
                if step.linear_only and not patch.linear:
                    continue
                if not self._fits(step, patch, start):
                    continue  # a cheaper pass or a smaller patch may still fit
                began = self._clock()
                name = step.prepare.__name__
                if name not in cache:
                    cache[name] = step.prepare(patch)
                ready = cache[name]
                if step.needs_change and ready is patch:
                    continue
                for read in self._read(step.reader, ready, time, source):
                    ballot.add(read, step.name, step.view)
                ran.append(step.name)
                self._resume_at = (number + 1) % count
                self._measure(step, patch, self._clock() - began)
            if ballot.has_confirmed():
                return

    def _fits(self, step: _Pass, patch: Patch, start: float) -> bool:
        if self.frame_budget is None:
            return True
        # Margin: a pass's cost varies with what it finds; the average must fit with room to spare.
        expected = self._cost.get(step.name, 0.0) * patch.image.size * _COST_MARGIN
        return self._clock() - start + expected <= self.frame_budget

    def _measure(self, step: _Pass, patch: Patch, seconds: float) -> None:
        per_pixel = seconds / max(patch.image.size, 1)
        previous = self._cost.get(step.name)
        # A running average that still follows a machine that got busier.
        self._cost[step.name] = per_pixel if previous is None else 0.7 * previous + 0.3 * per_pixel

    def _read(
        self, reader: str, patch: Patch, time: datetime, source: ScanSource
    ) -> list[ScanRead]:
        if reader == "zbar":
            assert self.zbar is not None
            found = self.zbar.decode(patch.image, time=time, source=source)
            found = [read for read in found if read.symbology != "QRCode"]
        else:
            decoder = self._zxing_linear if reader == "zxing-linear" else self._zxing_patch
            assert decoder is not None and isinstance(decoder, ZxingDecoder)
            found, _ = decoder.decode_with_candidates(
                patch.image, time=time, source=source, try_invert=reader != "zxing"
            )
        return [_moved(read, patch) for read in found]

    def _can_run(self, step: _Pass) -> bool:
        return self.zbar is not None if step.reader == "zbar" else True


def _moved(read: ScanRead, patch: Patch) -> ScanRead:
    return ScanRead(
        text=read.text,
        raw_bytes=read.raw_bytes,
        symbology=read.symbology,
        source=read.source,
        time=read.time,
        position=patch.frame_points(read.position),
    )


def _box_around(outline: tuple[Point, ...]) -> Region:
    """A region around a code's outline; a 1-D outline is a scan line, so widen it a lot."""
    xs = [x for x, _ in outline]
    ys = [y for _, y in outline]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    width, height = max(x1 - x0, 8), max(y1 - y0, 8)
    grow = max(width, height) // 3
    return Region(x0 - grow, y0 - grow, width + 2 * grow, height + 2 * grow)


def _contains(outer: Region, inner: Region) -> bool:
    return (
        outer.x <= inner.x
        and outer.y <= inner.y
        and outer.x + outer.width >= inner.x + inner.width
        and outer.y + outer.height >= inner.y + inner.height
    )


def _try_zxing() -> ZxingDecoder | None:
    from pvzdesk.errors import ScanningError

    try:
        return ZxingDecoder()
    except ScanningError:
        return None

"""Webcam decoding against DESIGN §11: every frame of a 30 fps 720p stream on one core, and a GUI
thread never blocked for more than 16 ms.

    .venv/bin/python bench/decode.py [--quick]

Measures, on generated counter frames (tests/scanning/labels.py), pinned to one CPU core:
frames/s per decoder and configuration at 1280×720 and 1920×1080; the read rate on a degraded set;
and the longest gap of a 1 ms "GUI" ticker thread while a capture worker decodes flat out.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2

from pvzdesk.scanning.capture import CaptureWorker
from pvzdesk.scanning.decoders import Decoder, ZbarDecoder, ZxingDecoder
from pvzdesk.scanning.virtual_camera import VirtualCamera
from tests.scanning.labels import FRAME_720P, FRAME_1080P, Sample, sample_set

BUDGET_FPS = 30.0
BUDGET_STALL_MS = 16.0
WHEN = datetime(2025, 6, 27, tzinfo=UTC)
ZBAR_ALL = (
    "QRCODE", "CODE128", "CODE39", "CODE93", "EAN13", "EAN8", "UPCA", "UPCE", "I25",
    "PDF417", "CODABAR", "DATABAR", "DATABAR_EXP",
)  # fmt: skip


def configurations() -> dict[str, Callable[[], Decoder]]:
    return {
        "zxing all formats, invert on": lambda: ZxingDecoder(formats=None, try_invert=True),
        "zxing all formats, invert off": lambda: ZxingDecoder(formats=None, try_invert=False),
        "zxing counter formats, invert on": lambda: ZxingDecoder(try_invert=True),
        "zxing counter formats, invert off (default)": lambda: ZxingDecoder(),
        "zbar all symbologies": lambda: ZbarDecoder(symbols=ZBAR_ALL),
        "zbar counter symbologies (default)": lambda: ZbarDecoder(),
    }


def pin_to_one_core() -> str:
    cv2.setNumThreads(1)  # the grey conversion must not borrow other cores either
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to CPU {core}"
    return "not pinned (no sched_setaffinity here)"


def frames_per_second(decoder: Decoder, samples: list[Sample], seconds: float) -> float:
    for sample in samples[:2]:  # warm up caches and lazy allocations
        decoder.decode(sample.image, time=WHEN)
    frames, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        decoder.decode(samples[frames % len(samples)].image, time=WHEN)
        frames += 1
    return frames / (time.perf_counter() - start)


def read_rate(decoder: Decoder, samples: list[Sample]) -> tuple[int, int, int]:
    """(codes read, codes expected, misreads); zbar is not asked for DataMatrix it cannot read."""
    read = expected = misread = 0
    for sample in samples:
        wanted = {
            (c.symbology, c.raw)
            for c in sample.codes
            if not (decoder.name == "zbar" and c.symbology == "DataMatrix")
        }
        got = {(r.symbology, r.raw_bytes) for r in decoder.decode(sample.image, time=WHEN)}
        all_known = {(c.symbology, c.raw) for c in sample.codes}
        read += len(wanted & got)
        expected += len(wanted)
        misread += len(got - all_known)
    return read, expected, misread


def tick_gaps(seconds: float, busy: Callable[[], None] | None = None) -> list[float]:
    """Gaps, in ms, between wake-ups of a thread that sleeps 1 ms, while ``busy`` runs."""
    gaps: list[float] = []
    stop = time.perf_counter() + seconds
    ticking = threading.Event()

    def ticker() -> None:
        last = time.perf_counter()
        ticking.set()
        while last < stop:
            time.sleep(0.001)
            now = time.perf_counter()
            gaps.append((now - last) * 1000)
            last = now

    thread = threading.Thread(target=ticker)
    thread.start()
    ticking.wait()
    if busy is not None:
        busy()
    thread.join()
    return gaps


def gui_stall(samples: list[Sample], seconds: float) -> tuple[list[float], int]:
    """The ticker's gaps while a capture worker decodes frames as fast as it can."""
    worker = CaptureWorker(VirtualCamera([s.image for s in samples], fps=0), ZxingDecoder())

    def run_worker() -> None:
        worker.start()
        time.sleep(seconds)

    try:
        gaps = tick_gaps(seconds, run_worker)
    finally:
        worker.stop()
    preview = worker.latest_preview()
    return gaps, preview.number if preview else 0


def gap_summary(gaps: list[float]) -> str:
    ordered = sorted(gaps)
    p99 = ordered[int(0.99 * (len(ordered) - 1))]
    over = sum(gap > BUDGET_STALL_MS for gap in gaps)
    return f"p99 {p99:6.2f} ms   max {ordered[-1]:6.2f} ms   over 16 ms: {over}/{len(gaps)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs, rougher figures")
    args = parser.parse_args()
    seconds = 0.6 if args.quick else 2.0
    print(f"decode bench, {pin_to_one_core()}, {seconds:.1f} s per measurement\n")

    print(f"{'frames/s (budget: ≥ 30 at 1280×720)':<46}{'1280×720':>10}{'1920×1080':>11}")
    stream = {
        size: sample_set(16, seed=3, size=size, severity=0.4) for size in (FRAME_720P, FRAME_1080P)
    }
    for name, build in configurations().items():
        decoder = build()
        fps = [frames_per_second(decoder, stream[size], seconds) for size in stream]
        mark = "ok" if fps[0] >= BUDGET_FPS else "OVER BUDGET"
        print(f"  {name:<44}{fps[0]:>10.1f}{fps[1]:>11.1f}   {mark}")

    degraded = sample_set(48, seed=4, severity=1.0)
    print("\nread rate, 48 poorly lit, blurred, tilted, JPEG'd 1280×720 frames")
    for name in (
        "zxing counter formats, invert off (default)",
        "zxing counter formats, invert on",
        "zbar counter symbologies (default)",
    ):
        read, expected, misread = read_rate(configurations()[name](), degraded)
        print(
            f"  {name:<44}{read:>4}/{expected:<4}{100 * read / expected:>6.1f}%   misreads {misread}"
        )

    print(
        f"\nGUI thread: gaps of a 1 ms ticker thread (budget: never blocked > {BUDGET_STALL_MS:.0f} ms)"
    )
    idle = "idle (the machine's own scheduling noise)"
    print(f"  {idle:<46}{gap_summary(tick_gaps(seconds))}")
    for label, size in (("1280×720", FRAME_720P), ("1920×1080", FRAME_1080P)):
        gaps, frames = gui_stall(stream[size], seconds)
        title = f"worker decoding {label} flat out ({frames / seconds:.0f}/s)"
        print(f"  {title:<46}{gap_summary(gaps)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

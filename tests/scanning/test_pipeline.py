"""The decoding pipeline on generated frames: more reads than raw zxing-cpp, none wrong, GS1 bytes
kept by every pass, extra passes only where the first read nothing, the budget counted not timed."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import cv2
import numpy as np
import pytest

from pvzdesk.domain.barcodes import GS
from pvzdesk.domain.scan import ScanRead, ScanSource
from pvzdesk.scanning.capture import CameraState, CaptureWorker
from pvzdesk.scanning.decoders import Image, ZbarDecoder, ZxingDecoder, make_decoder
from pvzdesk.scanning.pipeline import EXTRA_PASSES, PASS_NAMES, PipelineDecoder
from pvzdesk.scanning.regions import likely_regions
from pvzdesk.scanning.virtual_camera import VirtualCamera
from tests.scanning.labels import (
    HARD_KINDS,
    Degradation,
    Sample,
    barcode_image,
    counter_background,
    degrade,
    hard_scenes,
    hard_set,
    marking_code,
    marking_sticker,
)

WHEN = datetime(2025, 6, 27, 9, 30, tzinfo=UTC)
WAIT = 20.0  # generous: waits end as soon as the condition holds; nothing here is timed


def keys(reads: list[ScanRead]) -> set[tuple[str, bytes]]:
    return {(read.symbology, read.raw_bytes) for read in reads}


def wanted(sample: Sample) -> set[tuple[str, bytes]]:
    return {(code.symbology, code.raw) for code in sample.codes}


@pytest.fixture(scope="module")
def pipeline() -> PipelineDecoder:
    """Every pass, no time budget: what a still gets, and the same on every machine."""
    return PipelineDecoder(second_opinion=ZbarDecoder(), frame_budget=None)


@pytest.fixture(scope="module")
def hard_subset() -> list[Sample]:
    return list(hard_set(21, seed=6))


def test_pipeline_reads_clearly_more_than_raw_zxing_and_nothing_wrong(
    pipeline: PipelineDecoder, hard_subset: list[Sample]
) -> None:
    raw = ZxingDecoder()
    raw_hits = piped_hits = 0
    for sample in hard_subset:
        piped = keys(pipeline.decode(sample.image, time=WHEN))
        assert piped <= wanted(sample), sample.name  # no misread, ever
        piped_hits += len(piped & wanted(sample))
        raw_hits += len(keys(raw.decode(sample.image, time=WHEN)) & wanted(sample))
    # Seeded: 11 of 24 codes raw, 21 with the pipeline when this was written.
    assert piped_hits >= raw_hits + 6


def test_frames_the_first_pass_reads_run_no_extra_pass(
    pipeline: PipelineDecoder, clean_samples: list[Sample]
) -> None:
    for sample in clean_samples:
        found = pipeline.decode_frame(sample.image, time=WHEN)
        assert found.extra_passes == [], sample.name
        assert keys(found.confirmed) == wanted(sample)


def test_first_pass_only_is_the_library_call_with_the_rules_applied(
    clean_samples: list[Sample],
) -> None:
    first_only = PipelineDecoder(extra_passes=False)
    for sample in clean_samples:
        assert keys(first_only.decode(sample.image, time=WHEN)) == keys(
            ZxingDecoder().decode(sample.image, time=WHEN)
        )


def dim_marking_sticker() -> tuple[Image, bytes]:
    written, raw = marking_code(np.random.default_rng(7))
    sticker = cv2.cvtColor(marking_sticker(written), cv2.COLOR_GRAY2BGR)
    how = Degradation(blur=0.8, noise=4, light=0.5, jpeg_quality=60)
    return degrade(np.asarray(sticker, np.uint8), how, np.random.default_rng(1)), raw


@pytest.mark.parametrize("pass_name", PASS_NAMES)
def test_gs1_datamatrix_keeps_its_gs_bytes_in_every_pass(
    pipeline: PipelineDecoder, pass_name: str
) -> None:
    image, raw = dim_marking_sticker()
    reads = pipeline.read_pass(pass_name, image, time=WHEN)
    (step,) = [p for p in EXTRA_PASSES if p.name == pass_name]
    if step.linear_only or step.reader == "zbar":
        # Bar-code passes (zxing's linear formats, zbar) cannot read DataMatrix: nothing garbled.
        assert all(read.symbology != "DataMatrix" for read in reads)
        return
    (read,) = [read for read in reads if read.symbology == "DataMatrix"]
    assert read.raw_bytes == raw and read.text == raw.decode()
    assert read.text.count(GS) == 2


def test_an_inverted_gs1_datamatrix_is_read_by_the_extra_passes_with_its_gs(
    pipeline: PipelineDecoder,
) -> None:
    written, raw = marking_code(np.random.default_rng(8))
    inverted = 255 - np.pad(marking_sticker(written), 60, constant_values=250)
    assert ZxingDecoder().decode(inverted, time=WHEN) == []
    found = pipeline.decode_frame(inverted, time=WHEN)
    assert [read.raw_bytes for read in found.confirmed] == [raw]
    assert found.extra_passes  # the first pass alone did not read it
    # Read in a crop, outlined in the frame: on the sticker (pasted at 60, 60), left of its text.
    (read,) = found.confirmed
    xs, ys = zip(*read.position, strict=True)
    assert min(xs) >= 60 + 20 - 8 and max(xs) <= 60 + 250
    assert min(ys) >= 60 and max(ys) <= 60 + 260


class DisagreeingDecoder:
    """Two different Code 39 reads at one place: what a blurred, half-glared code can give."""

    name = "disagreeing"

    def __init__(self, second_place: tuple[tuple[int, int], ...]) -> None:
        self.second_place = second_place

    def decode(
        self, image: Image, *, time: datetime, source: ScanSource = ScanSource.CAMERA
    ) -> list[ScanRead]:
        here = ((100, 200), (400, 200), (400, 230), (100, 230))
        return [
            ScanRead("PVZ1234567", b"PVZ1234567", "Code39", source, time, here),
            ScanRead("PVZ1234561", b"PVZ1234561", "Code39", source, time, self.second_place),
        ]


def test_reads_that_disagree_at_one_place_are_dropped_not_guessed() -> None:
    blank = np.full((720, 1280), 200, np.uint8)
    same_place = ((102, 201), (398, 201), (398, 229), (102, 229))
    found = PipelineDecoder(DisagreeingDecoder(same_place), extra_passes=False).decode_frame(
        blank, time=WHEN
    )
    assert found.confirmed == [] and found.waiting == []
    elsewhere = ((700, 500), (1000, 500), (1000, 530), (700, 530))
    found = PipelineDecoder(DisagreeingDecoder(elsewhere), extra_passes=False).decode_frame(
        blank, time=WHEN
    )
    assert found.confirmed == [] and len(found.waiting) == 2  # two codes, each waits for a frame


def test_the_budget_limits_the_passes_and_the_next_frame_resumes_after_them(
    hard_subset: list[Sample],
) -> None:
    everything = PipelineDecoder(second_opinion=ZbarDecoder(), frame_budget=None)
    # A frame where the passes run long: nothing on it is read early.
    unreadable, all_passes = next(
        (sample, passes)
        for sample in hard_subset
        if len(passes := everything.decode_frame(sample.image, time=WHEN).extra_passes) > 4
    )
    # A clock that moves 4 ms at every look: time counted in events, not measured.
    ticks = itertools.count()
    budgeted = PipelineDecoder(
        second_opinion=ZbarDecoder(), frame_budget=0.030, clock=lambda: next(ticks) * 0.004
    )
    first = budgeted.decode_frame(unreadable.image, time=WHEN).extra_passes
    second = budgeted.decode_frame(unreadable.image, time=WHEN).extra_passes
    assert 0 < len(first) < len(all_passes)
    assert second and second[0] != first[0]
    none_at_all = PipelineDecoder(frame_budget=0.0, clock=lambda: next(ticks) * 0.004)
    assert none_at_all.decode_frame(unreadable.image, time=WHEN).extra_passes == []


def code39_frame() -> Image:
    frame = np.full((720, 1280), 210, np.uint8)
    code = barcode_image("PVZ1234567", "Code39", 3, height=160)
    frame[280 : 280 + code.shape[0], 300 : 300 + code.shape[1]] = code
    return np.asarray(cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR), np.uint8)


@pytest.mark.parametrize(("frames", "reads"), [(1, 0), (2, 1), (5, 1)])
def test_camera_counts_an_unconfirmable_bar_code_only_when_two_frames_agree(
    frames: int, reads: int
) -> None:
    blank = np.full((720, 1280, 3), 210, np.uint8)
    camera = VirtualCamera([code39_frame()] * frames + [blank], fps=0, loop=False)
    # No extra passes: in-frame agreement would depend on how fast this machine is.
    worker = CaptureWorker(camera, PipelineDecoder(extra_passes=False), forget_after=60)
    with worker:
        assert worker.wait_for(lambda status, _p: status.state is CameraState.FINISHED, WAIT)
    assert [read.text for read in worker.take_reads()] == ["PVZ1234567"] * reads


def test_make_decoder_builds_the_pipeline_with_zbar_as_second_opinion() -> None:
    decoder = make_decoder("zxing").decoder
    assert isinstance(decoder, PipelineDecoder)
    assert decoder.name == "zxing" and decoder.zbar is not None
    assert {p.name for p in decoder.passes} == set(PASS_NAMES)
    first_only = make_decoder("zxing", extra_passes=False).decoder
    assert isinstance(first_only, PipelineDecoder) and not first_only.extra_passes


def test_a_plain_counter_has_no_likely_region() -> None:
    background = counter_background((1280, 720), np.random.default_rng(4))
    gray = np.asarray(cv2.cvtColor(background, cv2.COLOR_BGR2GRAY), np.uint8)
    assert likely_regions(gray) == []


def test_the_hard_set_is_the_same_everywhere_and_covers_every_kind() -> None:
    first = list(hard_set(len(HARD_KINDS), seed=9))
    again = list(hard_set(len(HARD_KINDS), seed=9))
    assert [s.name.split("-")[1] for s in first] == list(HARD_KINDS)
    for one, other in zip(first, again, strict=True):
        assert np.array_equal(one.image, other.image) and one.codes == other.codes
    (scene,) = hard_scenes(1, frames=2, seed=9)
    # Two frames of one scene: the same codes, fresh sensor noise.
    assert scene[0].codes == scene[1].codes == first[0].codes
    assert not np.array_equal(scene[0].image, scene[1].image)

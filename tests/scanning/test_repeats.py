"""Repeat suppression: one read per showing of a code, however many frames it stays in view."""

from __future__ import annotations

import pytest

from pvzdesk.scanning.repeats import RepeatSuppressor

FRAME = 1 / 30


def test_a_code_held_in_view_is_one_read() -> None:
    repeats: RepeatSuppressor[str] = RepeatSuppressor(forget_after=1.0)
    reads = [repeats.new_reads(["A"], n * FRAME) for n in range(90)]
    assert reads[0] == ["A"]
    assert all(r == [] for r in reads[1:])


def test_a_missed_frame_does_not_make_a_new_read() -> None:
    repeats: RepeatSuppressor[str] = RepeatSuppressor(forget_after=1.0)
    assert repeats.new_reads(["A"], 0.0) == ["A"]
    assert repeats.new_reads([], 0.1) == []  # the decoder missed it once
    assert repeats.new_reads([], 0.2) == []
    assert repeats.new_reads(["A"], 0.3) == []


def test_shown_again_after_leaving_the_view_is_a_new_read() -> None:
    repeats: RepeatSuppressor[str] = RepeatSuppressor(forget_after=1.0)
    assert repeats.new_reads(["A"], 0.0) == ["A"]
    assert repeats.new_reads(["A"], 0.5) == []
    for n in range(1, 20):
        assert repeats.new_reads([], 0.5 + n * 0.1) == []
    assert repeats.new_reads(["A"], 2.6) == ["A"]


def test_the_window_counts_from_the_last_sighting_not_the_first() -> None:
    repeats: RepeatSuppressor[str] = RepeatSuppressor(forget_after=1.0)
    for n in range(50):  # in view for five seconds
        repeats.new_reads(["A"], n * 0.1)
    assert repeats.new_reads(["A"], 5.8) == []  # gone only 0.9 s
    assert repeats.new_reads(["A"], 6.9) == ["A"]  # gone 1.1 s


def test_several_codes_in_one_frame_are_independent() -> None:
    repeats: RepeatSuppressor[str] = RepeatSuppressor(forget_after=1.0)
    assert repeats.new_reads(["upper", "lower"], 0.0) == ["upper", "lower"]
    assert repeats.new_reads(["upper", "lower", "qr"], 0.1) == ["qr"]
    assert repeats.new_reads(["upper", "upper"], 3.0) == ["upper"]
    assert repeats.in_view(3.5) == {"upper"}


def test_memory_stays_bounded_and_reset_forgets() -> None:
    repeats: RepeatSuppressor[int] = RepeatSuppressor(forget_after=0.5)
    for n in range(1000):
        repeats.new_reads([n], n * 1.0)
    assert len(repeats.in_view(999.0)) == 1
    repeats.reset()
    assert repeats.new_reads([999], 999.1) == [999]


def test_zero_window_makes_every_frame_a_read_and_negative_is_refused() -> None:
    repeats: RepeatSuppressor[str] = RepeatSuppressor(forget_after=0.0)
    assert repeats.new_reads(["A"], 0.0) == ["A"]
    assert repeats.new_reads(["A"], FRAME) == ["A"]
    with pytest.raises(ValueError):
        RepeatSuppressor(forget_after=-1)

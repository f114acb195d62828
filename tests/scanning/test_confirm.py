"""The no-misread rules: what one read may count for, and agreement across camera frames."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import zxingcpp

from pvzdesk.domain.scan import ScanRead, ScanSource
from pvzdesk.scanning.confirm import (
    FrameConfirmer,
    confirmed_by_format,
    gtin_check_digit_ok,
    needs_agreement,
    plausible,
)

WHEN = datetime(2025, 6, 27, 9, 30, tzinfo=UTC)
HERE = ((100, 200), (300, 200), (300, 260), (100, 260))
THERE = ((700, 500), (900, 500), (900, 560), (700, 560))


def read(symbology: str, text: str, position: tuple[tuple[int, int], ...] = HERE) -> ScanRead:
    return ScanRead(text, text.encode(), symbology, ScanSource.CAMERA, WHEN, position)


def written_gtin(body: str, format_name: str) -> str:
    """The check digit as zxing-cpp's writer computes it: an independent oracle."""
    return str(zxingcpp.create_barcode(body, getattr(zxingcpp.BarcodeFormat, format_name)).text)


def test_gtin_check_digit_agrees_with_the_writer() -> None:
    rng = np.random.default_rng(3)
    for _ in range(50):
        body = "".join(str(d) for d in rng.integers(0, 10, 12))
        full = written_gtin(body, "EAN13")
        assert gtin_check_digit_ok(full)
        wrong = full[:-1] + str((int(full[-1]) + 1) % 10)
        assert not gtin_check_digit_ok(wrong)
    assert not gtin_check_digit_ok("12AB") and not gtin_check_digit_ok("")


def test_counter_formats_confirm_a_single_code128_read() -> None:
    assert confirmed_by_format(read("Code128", "0132112277-0101-1"))
    assert confirmed_by_format(read("Code128", "%101%78613961276"))
    assert confirmed_by_format(read("Code128", "908087278863110"))
    assert confirmed_by_format(read("DataMatrix", "anything: Reed-Solomon checked"))
    assert confirmed_by_format(read("QRCode", "PVZ-42"))
    # No counter format: one read is not enough.
    assert needs_agreement(read("Code128", "HELLO-42"))
    assert needs_agreement(read("Code39", "PVZ1234567"))
    assert needs_agreement(read("PDF417", "WAYBILL 1"))


def test_check_digits_alone_do_not_confirm_but_refuse_what_cannot_be() -> None:
    ean = written_gtin("460123456789", "EAN13")
    assert plausible(read("EAN13", ean)) and needs_agreement(read("EAN13", ean))
    assert not plausible(read("EAN13", ean[:-1] + str((int(ean[-1]) + 3) % 10)))
    itf = "0" + written_gtin("460123456789", "EAN13")  # a GTIN-14 with the same check digit
    assert plausible(read("ITF", itf)) and needs_agreement(read("ITF", itf))
    # A truncated ITF (zxing-cpp and zbar both do it on the hard set) can never count.
    assert not plausible(read("ITF", itf[6:]))
    assert not plausible(read("UPCE", "01606500"))


def test_a_waiting_read_counts_when_a_later_frame_reads_it_again() -> None:
    confirmer = FrameConfirmer()
    code = read("Code39", "PVZ1234567")
    assert confirmer.admit([], [code], 1) == []
    assert confirmer.admit([], [code], 1) == []  # the same frame twice is one opinion
    assert confirmer.admit([], [code], 2) == [code]
    # Confirmed and still in view: it keeps counting (the repeat filter drops the repeats).
    assert confirmer.admit([], [code], 3) == [code]


def test_confirmed_reads_pass_straight_through() -> None:
    label = read("Code128", "%101%78613961276")
    assert FrameConfirmer().admit([label], [], 1) == [label]


def test_a_waiting_read_is_forgotten_after_the_window() -> None:
    confirmer = FrameConfirmer(window=3)
    code = read("Code39", "PVZ1234567")
    assert confirmer.admit([], [code], 1) == []
    for frame in range(2, 6):
        assert confirmer.admit([], [], frame) == []
    assert confirmer.admit([], [code], 6) == []  # too late: a new first sighting
    assert confirmer.admit([], [code], 7) == [code]


def test_frames_that_disagree_at_the_same_place_count_for_neither() -> None:
    confirmer = FrameConfirmer()
    one, other = read("Code39", "PVZ1234567"), read("Code39", "PVZ1234561")
    assert confirmer.admit([], [one], 1) == []
    assert confirmer.admit([], [other], 2) == []
    assert confirmer.admit([], [one], 3) == []  # the earlier sighting was dropped, not kept
    # Different places are different codes: no disagreement.
    elsewhere = read("Code39", "PVZ7654321", THERE)
    assert confirmer.admit([], [one, elsewhere], 4) == [one]
    assert confirmer.admit([], [elsewhere], 5) == [elsewhere]

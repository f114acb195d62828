"""Both decoders on generated counter frames; GS1 bytes; a backend that cannot load."""

from __future__ import annotations

import ctypes.util
from dataclasses import replace
from datetime import UTC, datetime

import cv2
import numpy as np
import pytest

from pvzdesk.domain.barcodes import GS, CodeKind, classify
from pvzdesk.domain.scan import ScanSource
from pvzdesk.errors import ScanningError
from pvzdesk.scanning.decoders import Decoder, ZbarDecoder, ZxingDecoder, make_decoder
from tests.scanning.labels import Sample, barcode_image, counter_frame, marking_code

WHEN = datetime(2025, 6, 27, 9, 30, tzinfo=UTC)


def found(decoder: Decoder, sample: Sample) -> set[tuple[str, bytes]]:
    return {(read.symbology, read.raw_bytes) for read in decoder.decode(sample.image, time=WHEN)}


def expected(sample: Sample, *, without: str = "") -> set[tuple[str, bytes]]:
    return {(code.symbology, code.raw) for code in sample.codes if code.symbology != without}


def test_zxing_reads_every_code_of_clean_frames(clean_samples: list[Sample]) -> None:
    decoder = ZxingDecoder()
    for sample in clean_samples:
        assert expected(sample) <= found(decoder, sample), sample.name


def test_zbar_reads_every_code_it_supports(clean_samples: list[Sample]) -> None:
    decoder = ZbarDecoder()
    for sample in clean_samples:
        # zbar has no DataMatrix at all.
        assert expected(sample, without="DataMatrix") <= found(decoder, sample), sample.name


def test_reads_carry_text_source_time_and_corners(clean_samples: list[Sample]) -> None:
    label = next(s for s in clean_samples if s.name.startswith("label-"))
    for decoder in (ZxingDecoder(), ZbarDecoder()):
        reads = decoder.decode(label.image, time=WHEN, source=ScanSource.IMAGE)
        assert reads, decoder.name
        for read in reads:
            assert read.text.encode() == read.raw_bytes
            assert read.source is ScanSource.IMAGE and read.time == WHEN
            assert len(read.position) == 4
            xs, ys = zip(*read.position, strict=True)
            assert all(0 <= x < 1280 for x in xs) and all(0 <= y < 720 for y in ys)
        kinds = {classify(read.text).kind for read in reads}
        assert kinds == {CodeKind.LABEL_UPPER, CodeKind.LABEL_LOWER}, decoder.name


def test_gs1_datamatrix_bytes_round_trip_exactly() -> None:
    for seed in range(5):
        sample = counter_frame("marking", seed=100 + seed)
        (code,) = sample.codes
        reads = [
            r for r in ZxingDecoder().decode(sample.image, time=WHEN) if r.symbology == "DataMatrix"
        ]
        assert [r.raw_bytes for r in reads] == [code.raw]
        assert reads[0].text == code.raw.decode()
        assert reads[0].text.count(GS) == 2
        assert classify(reads[0].text).kind is CodeKind.GS1_DATAMATRIX


def test_gs1_datamatrix_on_a_plain_image() -> None:
    written, raw = marking_code(np.random.default_rng(5))
    image = barcode_image(written, "DataMatrix", 5, gs1=True)
    (read,) = ZxingDecoder().decode(image, time=WHEN)
    assert read.raw_bytes == raw and read.raw_bytes.startswith(b"01")


def test_degraded_frames_are_mostly_read(degraded_samples: list[Sample]) -> None:
    decoder = ZxingDecoder()
    total = sum(len(sample.codes) for sample in degraded_samples)
    hits = sum(len(expected(s) & found(decoder, s)) for s in degraded_samples)
    # The set is fixed by its seed; this guards against a decoder setting that ruins real frames.
    assert hits / total >= 0.8


def test_nothing_wrong_is_read_from_degraded_frames(degraded_samples: list[Sample]) -> None:
    for decoder in (ZxingDecoder(), ZbarDecoder()):
        for sample in degraded_samples:
            assert found(decoder, sample) <= expected(sample), (decoder.name, sample.name)


def test_inverted_pass_is_configurable() -> None:
    inverted = 255 - barcode_image("PVZ-INVERTED-42", "QRCode", 6)
    assert ZxingDecoder(try_invert=False).decode(inverted, time=WHEN) == []
    (read,) = ZxingDecoder(try_invert=True).decode(inverted, time=WHEN)
    assert read.text == "PVZ-INVERTED-42"


def test_formats_can_be_limited(clean_samples: list[Sample]) -> None:
    label = next(s for s in clean_samples if s.name.startswith("label-"))
    assert ZxingDecoder(formats=["QRCode"]).decode(label.image, time=WHEN) == []
    assert ZxingDecoder(formats=None).decode(label.image, time=WHEN)


def test_grey_frames_give_the_same_reads(clean_samples: list[Sample]) -> None:
    sample = clean_samples[0]
    grey = replace(sample, image=np.asarray(cv2.cvtColor(sample.image, cv2.COLOR_BGR2GRAY)))
    for decoder in (ZxingDecoder(), ZbarDecoder()):
        assert found(decoder, grey) == found(decoder, sample)


def test_zbar_with_a_missing_library_is_a_clear_error(russian: None) -> None:
    with pytest.raises(ScanningError) as caught:
        ZbarDecoder(library="zbar-that-does-not-exist")
    assert "zbar" in str(caught.value)
    assert "недоступен" in str(caught.value)


def test_zbar_library_by_path_loads() -> None:
    path = ctypes.util.find_library("zbar")
    assert path, "libzbar0 is a test dependency"
    assert ZbarDecoder(library="zbar").name == "zbar"


def test_make_decoder_falls_back_once_and_reports_why(
    russian: None, clean_samples: list[Sample]
) -> None:
    choice = make_decoder("zbar", zbar_library="zbar-that-does-not-exist")
    assert choice.decoder.name == "zxing"
    assert isinstance(choice.warning, ScanningError)
    assert "Декодер zbar недоступен" in str(choice.warning)
    # The fallback is a working decoder, not a stub.
    assert expected(clean_samples[0]) <= found(choice.decoder, clean_samples[0])


def test_make_decoder_gives_what_was_asked() -> None:
    assert make_decoder("zxing").decoder.name == "zxing"
    zbar = make_decoder("zbar")
    assert zbar.decoder.name == "zbar" and zbar.warning is None


def test_unknown_decoder_name_is_a_scanning_error() -> None:
    with pytest.raises(ScanningError):
        make_decoder("tesseract")

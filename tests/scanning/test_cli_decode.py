"""``pvzdesk decode`` on real files: codes found, JSON, a missing file, a file that is no image."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from pvzdesk.cli import decode
from tests.scanning.labels import Sample, counter_frame


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="pvzdesk")
    decode.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    result = args.func(args)
    assert isinstance(result, int)
    return result


@pytest.fixture
def images(tmp_path: Path) -> tuple[Path, Sample, Path, Sample]:
    label = counter_frame("label", seed=11)
    marking = counter_frame("marking", seed=12)
    label_path, marking_path = tmp_path / "label.png", tmp_path / "marking.jpg"
    assert cv2.imwrite(str(label_path), label.image)
    assert cv2.imwrite(str(marking_path), marking.image, [cv2.IMWRITE_JPEG_QUALITY, 92])
    return label_path, label, marking_path, marking


def test_text_output_lists_every_code(
    images: tuple[Path, Sample, Path, Sample], capsys: pytest.CaptureFixture[str]
) -> None:
    label_path, label, marking_path, marking = images
    assert run_cli("decode", str(label_path), str(marking_path)) == 0
    out = capsys.readouterr().out
    for code in label.codes:
        assert code.text in out
    # GS is escaped so that the terminal shows it.
    (code,) = marking.codes
    assert code.text.replace("\x1d", "\\x1d") in out
    assert "\x1d" not in out
    assert "Code128" in out and "DataMatrix" in out


def test_json_output_is_stable_and_exact(
    images: tuple[Path, Sample, Path, Sample], capsys: pytest.CaptureFixture[str]
) -> None:
    label_path, label, marking_path, marking = images
    assert run_cli("decode", "--json", str(label_path), str(marking_path)) == 0
    result = json.loads(capsys.readouterr().out)
    assert [entry["image"] for entry in result] == [str(label_path), str(marking_path)]
    assert all(set(entry) == {"image", "codes", "error"} for entry in result)
    label_codes = {(c["symbology"], bytes.fromhex(c["raw_hex"])) for c in result[0]["codes"]}
    assert label_codes == {(c.symbology, c.raw) for c in label.codes}
    (marking_code,) = result[1]["codes"]
    assert bytes.fromhex(marking_code["raw_hex"]) == marking.codes[0].raw
    assert marking_code["text"] == marking.codes[0].text
    assert set(marking_code) == {"text", "raw_hex", "symbology", "position"}
    assert len(marking_code["position"]) == 4


def test_zbar_decoder_can_be_chosen(
    images: tuple[Path, Sample, Path, Sample], capsys: pytest.CaptureFixture[str]
) -> None:
    label_path, label, _, _ = images
    assert run_cli("decode", "--json", "--decoder", "zbar", str(label_path)) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert {c["text"] for c in entry["codes"]} == {c.text for c in label.codes}


def test_missing_and_garbage_files_are_reported_in_russian(
    images: tuple[Path, Sample, Path, Sample],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    russian: None,
) -> None:
    label_path, label, _, _ = images
    garbage = tmp_path / "photo.png"
    garbage.write_bytes(np.random.default_rng(0).integers(0, 256, 5000, dtype=np.uint8).tobytes())
    missing = tmp_path / "nope.jpg"
    code = run_cli("decode", "--json", str(missing), str(garbage), str(label_path))
    assert code != 0
    captured = capsys.readouterr()
    assert f"Файл {missing} не найден" in captured.err
    assert f"Файл {garbage} не является читаемым изображением" in captured.err
    result = json.loads(captured.out)
    assert [bool(entry["error"]) for entry in result] == [True, True, False]
    assert len(result[2]["codes"]) == len(label.codes)


def test_an_image_without_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], russian: None
) -> None:
    blank = tmp_path / "blank.png"
    assert cv2.imwrite(str(blank), np.full((100, 100, 3), 200, np.uint8))
    assert run_cli("decode", str(blank)) == 0
    assert "коды не найдены" in capsys.readouterr().out


def test_escape_text_shows_control_characters() -> None:
    assert decode.escape_text("01\x1d21\\ä") == "01\\x1d21\\\\ä"

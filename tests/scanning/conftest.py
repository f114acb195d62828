"""Fixtures for the scanning tests: generated counter frames, written to disk where needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest

from pvzdesk.i18n import set_language
from tests.scanning.labels import Sample, sample_set


@pytest.fixture(scope="session")
def clean_samples() -> list[Sample]:
    return sample_set(12, seed=1)


@pytest.fixture(scope="session")
def degraded_samples() -> list[Sample]:
    return sample_set(24, seed=2, severity=0.6)


@pytest.fixture
def russian() -> Iterator[None]:
    set_language("ru")
    try:
        yield
    finally:
        set_language(None)


@pytest.fixture
def label_folder(tmp_path: Path, clean_samples: list[Sample]) -> Path:
    """Three different frames as files, as the virtual camera plays them."""
    folder = tmp_path / "frames"
    folder.mkdir()
    for number, sample in enumerate(clean_samples[:3]):
        assert cv2.imwrite(str(folder / f"{number:02d}-{sample.name}.png"), sample.image)
    return folder

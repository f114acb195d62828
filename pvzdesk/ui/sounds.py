"""Short tones for every scan: success, warning, error (QtMultimedia ``QSoundEffect``).

The WAV files are generated with the stdlib ``wave`` module into ``resources/sounds/`` the first
time they are needed. QtMultimedia is imported only when sound is enabled, so a counter (or a
test run) with sound off never loads the audio backends. No audio device: silent, and the status
bar says so.
"""

from __future__ import annotations

import logging
import math
import struct
import wave
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl

from pvzdesk.ui.status import DeviceState

log = logging.getLogger(__name__)

SOUNDS_DIR = Path(__file__).resolve().parent.parent / "resources" / "sounds"
RATE = 22_050


class Tone(StrEnum):
    SUCCESS = "success"  # one short high beep: committed
    READY = "ready"  # a soft short tick: the scan is taken (in the hand-over), not written yet
    WARNING = "warning"  # two mid beeps: written, but look (unknown parcel, expired...)
    ERROR = "error"  # one long low buzz: nothing written


# (frequency Hz, duration s) segments; 0 Hz is a pause.
_TONES: dict[Tone, tuple[tuple[float, float], ...]] = {
    Tone.SUCCESS: ((1760.0, 0.09),),
    Tone.READY: ((1320.0, 0.035),),
    Tone.WARNING: ((880.0, 0.10), (0.0, 0.06), (880.0, 0.10)),
    Tone.ERROR: ((220.0, 0.40),),
}


def write_tone(path: Path, segments: tuple[tuple[float, float], ...]) -> None:
    frames = bytearray()
    for frequency, duration in segments:
        count = int(RATE * duration)
        for i in range(count):
            # A 5 ms fade in and out keeps the speaker from clicking.
            envelope = min(1.0, i / (RATE * 0.005), (count - i) / (RATE * 0.005))
            value = math.sin(2 * math.pi * frequency * i / RATE) if frequency else 0.0
            frames += struct.pack("<h", int(value * envelope * 0.5 * 32767))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))


def tone_files(folder: Path = SOUNDS_DIR) -> dict[Tone, Path]:
    """The WAV of each tone, generated when missing."""
    files = {}
    for tone, segments in _TONES.items():
        path = folder / f"{tone.value}.wav"
        if not path.exists():
            write_tone(path, segments)
        files[tone] = path
    return files


class Sounds:
    """Plays tones; silent when disabled or when there is no audio output."""

    def __init__(self, *, enabled: bool, folder: Path = SOUNDS_DIR) -> None:
        self.state = DeviceState.OFF
        self.detail = ""
        self._effects: dict[Tone, Any] = {}
        self.played: list[Tone] = []  # what was asked for, newest last (the tests read it)
        if enabled:
            self._load(folder)

    def _load(self, folder: Path) -> None:
        try:
            files = tone_files(folder)
        except OSError as error:
            log.warning("cannot write sound files: %s", error)
            self._unavailable()
            return
        from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

        if QMediaDevices.defaultAudioOutput().isNull():
            self._unavailable()
            return
        for tone, path in files.items():
            effect = QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(0.8)
            self._effects[tone] = effect
        self.state = DeviceState.READY

    def _unavailable(self) -> None:
        self.state = DeviceState.UNAVAILABLE
        self.detail = QCoreApplication.translate(
            "Sounds", "No sound device: scans are confirmed by colour only."
        )

    def play(self, tone: Tone) -> None:
        self.played.append(tone)
        del self.played[:-50]
        effect = self._effects.get(tone)
        if effect is not None:
            effect.play()

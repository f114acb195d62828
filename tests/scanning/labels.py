"""Realistic counter frames for the scanning tests and ``bench/decode.py`` (not shipped).

Real encoders (zxing-cpp's writer) draw the codes; OpenCV composes them the way a webcam over a
pickup-point counter sees them — a parcel label (posting number, upper ``%101%…`` and lower 14–15
digit Code 128), a customer's phone showing a QR, a goods sticker with a GS1 DataMatrix marking code
— and then degrades the frame: perspective, blur, noise, glare, low light, JPEG. Everything is
deterministic by seed.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from dataclasses import dataclass, field

import cv2
import numpy as np
from numpy.typing import NDArray

from pvzdesk.scanning.labels import _paste, barcode_image, parcel_label, phone_with_qr

Image = NDArray[np.uint8]
GS = "\x1d"
FRAME_720P = (1280, 720)
FRAME_1080P = (1920, 1080)
# GS1 AI 21 allows more, but "(" would confuse the writer's "(AI)value" input.
_SERIAL_CHARS = string.ascii_letters + string.digits + "!%&*+-./:;<=>?_"
_CRYPTO_CHARS = string.ascii_letters + string.digits + "+/="


@dataclass(frozen=True)
class ExpectedCode:
    symbology: str  # as pvzdesk names it: "Code128", "QRCode", "DataMatrix"
    raw: bytes  # exactly the bytes a decoder must return

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8")


@dataclass(frozen=True)
class Sample:
    name: str
    image: Image
    codes: tuple[ExpectedCode, ...]
    posting: str = ""


@dataclass(frozen=True)
class Degradation:
    """How bad the webcam is. All zero: a sharp, well-lit, straight-on frame."""

    tilt: float = 0.0  # perspective strength, 0–0.25 of the item's size
    blur: float = 0.0  # Gaussian sigma in pixels
    noise: float = 0.0  # sensor noise, standard deviation in grey levels
    glare: float = 0.0  # brightest added light, 0–255
    light: float = 1.0  # exposure: 1 normal, 0.35 a dim counter
    jpeg_quality: int = 0  # 0: none; else re-encoded like a webcam's MJPEG stream

    @classmethod
    def random(cls, rng: np.random.Generator, severity: float = 1.0) -> Degradation:
        return cls(
            tilt=float(rng.uniform(0.02, 0.15) * severity),
            blur=float(rng.uniform(0.3, 1.6) * severity),
            noise=float(rng.uniform(2, 10) * severity),
            glare=float(rng.uniform(0, 140) * severity) if rng.random() < 0.5 else 0.0,
            light=float(1 - rng.uniform(0, 0.6) * severity),
            jpeg_quality=int(rng.integers(45, 90)),
        )


# -- codes --------------------------------------------------------------------------------------


def gtin14(rng: np.random.Generator) -> str:
    body = "0460" + "".join(str(d) for d in rng.integers(0, 10, 9))
    weighted = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - weighted % 10) % 10)


def marking_code(rng: np.random.Generator) -> tuple[str, bytes]:
    """A Честный знак-style code: (writer input in "(AI)" form, the bytes a reader must return)."""
    gtin = gtin14(rng)
    serial = "".join(rng.choice(list(_SERIAL_CHARS), 13))
    key = "EE10"
    crypto = "".join(rng.choice(list(_CRYPTO_CHARS), 44))
    written = f"(01){gtin}(21){serial}(91){key}(92){crypto}"
    raw = f"01{gtin}21{serial}{GS}91{key}{GS}92{crypto}".encode()
    return written, raw


def posting_number(rng: np.random.Generator) -> str:
    first = "".join(str(d) for d in rng.integers(0, 10, 10))
    return f"{first}-{rng.integers(0, 10000):04d}-{rng.integers(1, 4)}"


def digits(rng: np.random.Generator, count: int) -> str:
    return str(rng.integers(1, 10)) + "".join(str(d) for d in rng.integers(0, 10, count - 1))


# -- items on the counter -----------------------------------------------------------------------


def marking_sticker(written: str) -> Image:
    """A goods sticker with a GS1 DataMatrix marking code."""
    sticker = np.full((260, 330), 250, np.uint8)
    code = barcode_image(written, "DataMatrix", 4, gs1=True)
    _paste(sticker, code, 20, (260 - code.shape[0]) // 2)
    cv2.putText(sticker, "EAC", (code.shape[1] + 30, 130), cv2.FONT_HERSHEY_SIMPLEX, 1, 0, 2)
    return sticker


# -- the frame ----------------------------------------------------------------------------------


def counter_background(size: tuple[int, int], rng: np.random.Generator) -> Image:
    """A laminate counter: warm gradient with wood-like streaks and texture."""
    width, height = size
    ramp = np.linspace(0.8, 1.1, width, dtype=np.float32)[None, :]
    streaks = np.sin(np.linspace(0, rng.uniform(30, 60), height, dtype=np.float32))[:, None] * 8
    texture = rng.normal(0, 4, (height // 4 + 1, width // 4 + 1)).astype(np.float32)
    texture = cv2.resize(texture, (width, height), interpolation=cv2.INTER_LINEAR)
    base = (ramp * 120 + streaks + texture)[..., None] * np.array([0.55, 0.8, 1.0], np.float32)
    return np.clip(base, 0, 255).astype(np.uint8)


def _place(
    frame: Image,
    item: Image,
    center: tuple[float, float],
    height: float,
    tilt: float,
    rng: np.random.Generator,
) -> None:
    """Warp ``item`` (grey) onto ``frame`` (BGR) at ``center``, ``height`` px tall, tilted."""
    h, w = item.shape
    scale = height / h
    angle = rng.uniform(-0.25, 0.25)
    corners = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    target = corners @ rotation.T * scale
    target += rng.uniform(-tilt, tilt, target.shape) * height  # perspective: corners wander
    target += np.array(center)
    source = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    matrix = cv2.getPerspectiveTransform(source, target.astype(np.float32))
    size = (frame.shape[1], frame.shape[0])
    warped = cv2.warpPerspective(item, matrix, size, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full_like(item, 255), matrix, size, flags=cv2.INTER_AREA)
    alpha = (mask.astype(np.float32) / 255)[..., None]
    tinted = warped[..., None].astype(np.float32) * np.array([0.97, 1.0, 1.0], np.float32)
    frame[:] = (frame * (1 - alpha) + tinted * alpha).astype(np.uint8)


def degrade(frame: Image, how: Degradation, rng: np.random.Generator) -> Image:
    """What a cheap webcam over a counter does to a frame (tilt is applied when placing)."""
    image = frame.astype(np.float32)
    if how.blur > 0:
        image = cv2.GaussianBlur(image, (0, 0), how.blur)
    if how.glare > 0:
        height, width = image.shape[:2]
        ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
        cx, cy = rng.uniform(0.2, 0.8) * width, rng.uniform(0.2, 0.8) * height
        radius = rng.uniform(0.1, 0.3) * width
        spot = np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * radius**2)) * how.glare
        image += spot[..., None]
    image *= how.light
    if how.noise > 0:
        image += rng.normal(0, how.noise, image.shape).astype(np.float32)
    result = np.clip(image, 0, 255).astype(np.uint8)
    if how.jpeg_quality:
        ok, encoded = cv2.imencode(".jpg", result, [cv2.IMWRITE_JPEG_QUALITY, how.jpeg_quality])
        assert ok
        result = np.asarray(cv2.imdecode(encoded, cv2.IMREAD_COLOR), dtype=np.uint8)
    return result


@dataclass
class _Scene:
    items: list[tuple[Image, float]] = field(default_factory=list)  # (image, height in frame)
    codes: list[ExpectedCode] = field(default_factory=list)
    posting: str = ""


KINDS = ("label", "phone", "marking", "label+marking")


def _scene(kind: str, rng: np.random.Generator, frame_height: int) -> _Scene:
    scene = _Scene()
    if "label" in kind:
        posting = posting_number(rng)
        upper = "%101%" + digits(rng, 11)
        lower = digits(rng, int(rng.choice([14, 15])))
        scene.items.append((parcel_label(posting, upper, lower), 0.85 * frame_height))
        scene.codes += [
            ExpectedCode("Code128", upper.encode()),
            ExpectedCode("Code128", lower.encode()),
        ]
        scene.posting = posting
    if kind == "phone":
        content = "".join(rng.choice(list(string.ascii_uppercase + string.digits), 20))
        scene.items.append((phone_with_qr(content), 0.85 * frame_height))
        scene.codes.append(ExpectedCode("QRCode", content.encode()))
    if "marking" in kind:
        written, raw = marking_code(rng)
        scene.items.append((marking_sticker(written), 0.42 * frame_height))
        scene.codes.append(ExpectedCode("DataMatrix", raw))
    return scene


def counter_frame(
    kind: str,
    seed: int,
    size: tuple[int, int] = FRAME_720P,
    degradation: Degradation | None = None,
) -> Sample:
    """One frame of ``kind`` (see ``KINDS``); ``degradation`` None means a clean frame."""
    rng = np.random.default_rng(seed)
    how = degradation or Degradation()
    width, height = size
    frame = counter_background(size, rng)
    scene = _scene(kind, rng, height)
    slots = len(scene.items)
    for number, (item, item_height) in enumerate(scene.items):
        center = (width * (number + 1) / (slots + 1) + rng.uniform(-20, 20), height / 2)
        _place(frame, item, center, item_height, how.tilt, rng)
    image = degrade(frame, how, rng)
    return Sample(f"{kind}-{seed}", image, tuple(scene.codes), scene.posting)


def sample_set(
    count: int,
    seed: int = 0,
    size: tuple[int, int] = FRAME_720P,
    severity: float = 0.0,
) -> list[Sample]:
    """``count`` frames cycling through ``KINDS``; ``severity`` 0 is clean, 1 a poor webcam."""
    samples = []
    for number in range(count):
        frame_seed = seed * 100_003 + number
        how = None
        if severity > 0:
            how = Degradation.random(np.random.default_rng(frame_seed + 7), severity)
        samples.append(counter_frame(KINDS[number % len(KINDS)], frame_seed, size, how))
    return samples


# -- the hard set: what a counter webcam sees on a bad day -----------------------------------------
#
# Every counter format, drawn small, tilted, blurred, glossy, half-lit, JPEG'd and crumpled. Made at
# test/bench time from its seed, never stored: ``hard_set(1000)`` is the same 1,000 frames everywhere.

HARD_KINDS = ("label", "phone", "marking", "ean13", "itf14", "code39", "pdf417")


def ean13(rng: np.random.Generator) -> str:
    body = "460" + "".join(str(d) for d in rng.integers(0, 10, 9))
    weighted = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - weighted % 10) % 10)


def _sticker(code: Image, caption: str, pad: int = 24) -> Image:
    """A white sticker around ``code`` with a line of small print under it."""
    height, width = code.shape
    sticker = np.full((height + 2 * pad + 30, width + 2 * pad), 250, np.uint8)
    _paste(sticker, code, pad, pad)
    font = cv2.FONT_HERSHEY_SIMPLEX
    cv2.putText(sticker, caption, (pad, height + pad + 24), font, 0.6, 30, 1, cv2.LINE_AA)
    return sticker


def _hard_item(kind: str, rng: np.random.Generator) -> tuple[Image, list[ExpectedCode], str]:
    """(item image, its codes, posting) for one kind of ``HARD_KINDS``."""
    if kind == "label":
        posting = posting_number(rng)
        upper = "%101%" + digits(rng, 11)
        lower = digits(rng, int(rng.choice([14, 15])))
        codes = [ExpectedCode("Code128", upper.encode()), ExpectedCode("Code128", lower.encode())]
        return parcel_label(posting, upper, lower), codes, posting
    if kind == "phone":
        content = "".join(rng.choice(list(string.ascii_uppercase + string.digits), 20))
        phone = phone_with_qr(content, dark_mode=bool(rng.random() < 0.3))
        return phone, [ExpectedCode("QRCode", content.encode())], ""
    if kind == "marking":
        written, raw = marking_code(rng)
        return marking_sticker(written), [ExpectedCode("DataMatrix", raw)], ""
    if kind == "ean13":
        content = ean13(rng)
        code = barcode_image(content, "EAN13", 2, height=110)
        return _sticker(code, "EAC 500 g"), [ExpectedCode("EAN13", content.encode())], ""
    if kind == "itf14":
        content = gtin14(rng)
        code = barcode_image(content, "ITF", 2, height=120)
        return _sticker(code, "BOX 12 PCS"), [ExpectedCode("ITF", content.encode())], ""
    if kind == "code39":
        content = "PVZ" + digits(rng, 7)
        code = barcode_image(content, "Code39", 2, height=100)
        return _sticker(code, "CARRIER"), [ExpectedCode("Code39", content.encode())], ""
    if kind == "pdf417":
        content = f"WAYBILL {digits(rng, 10)} PVZ {digits(rng, 6)}"
        code = barcode_image(content, "PDF417", 2)
        return _sticker(code, "TTN"), [ExpectedCode("PDF417", content.encode())], ""
    raise ValueError(f"unknown kind {kind}")


def crumple(frame: Image, amplitude: float, rng: np.random.Generator) -> Image:
    """A crumpled, bent label: a smooth random displacement of up to ``amplitude`` pixels."""
    if amplitude <= 0:
        return frame
    height, width = frame.shape[:2]
    fields = []
    for _ in range(2):
        coarse = rng.uniform(-1, 1, (5, 7)).astype(np.float32)
        fields.append(cv2.resize(coarse, (width, height), interpolation=cv2.INTER_CUBIC))
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    map_x = xs + fields[0] * amplitude
    map_y = ys + fields[1] * amplitude
    warped = cv2.remap(frame, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    return np.asarray(warped, dtype=np.uint8)


@dataclass(frozen=True)
class HardCase:
    """How one hard frame is made: the item, how large it appears, and what the webcam does."""

    kind: str
    item_height: float  # fraction of the frame height the item takes
    crumple: float  # displacement amplitude in pixels
    degradation: Degradation

    @classmethod
    def random(cls, kind: str, rng: np.random.Generator) -> HardCase:
        small = rng.random() < 0.35
        base = {"label": 0.85, "phone": 0.8, "marking": 0.4}.get(kind, 0.42)
        size = base * (rng.uniform(0.4, 0.65) if small else rng.uniform(0.75, 1.0))
        glare = float(rng.uniform(120, 235)) if rng.random() < 0.35 else 0.0
        how = Degradation(
            tilt=float(rng.uniform(0.0, 0.12)),
            blur=float(rng.uniform(0.2, 1.3)),
            noise=float(rng.uniform(1, 10)),
            glare=glare,
            light=float(rng.uniform(0.3, 1.0)),
            jpeg_quality=int(rng.integers(25, 90)),
        )
        bend = float(rng.uniform(2, 9)) if rng.random() < 0.3 else 0.0
        return cls(kind, size, bend, how)


def _hard_scene(
    case: HardCase, seed: int, size: tuple[int, int]
) -> tuple[Image, tuple[ExpectedCode, ...], str]:
    """The scene before the webcam degrades it: the item placed, tilted and crumpled."""
    rng = np.random.default_rng(seed)
    width, height = size
    frame = counter_background(size, rng)
    item, codes, posting = _hard_item(case.kind, rng)
    item_height = case.item_height * height
    item_width = item.shape[1] * item_height / item.shape[0]
    margin_x = max(0.0, (width - item_width) / 2 - 30)
    margin_y = max(0.0, (height - item_height) / 2 - 20)
    center = (
        width / 2 + rng.uniform(-margin_x, margin_x),
        height / 2 + rng.uniform(-margin_y, margin_y),
    )
    _place(frame, item, center, item_height, case.degradation.tilt, rng)
    return crumple(frame, case.crumple, rng), tuple(codes), posting


def hard_frame(
    case: HardCase, seed: int, size: tuple[int, int] = FRAME_720P, frame_number: int = 0
) -> Sample:
    """One hard frame: ``case`` placed on the counter at a random spot and degraded.

    Frames of the same ``seed`` show the same scene; ``frame_number`` changes only what changes
    from one webcam frame to the next: sensor noise, the glare, the JPEG blocks.
    """
    return _hard_frames(case, seed, size, [frame_number])[0]


def _hard_frames(
    case: HardCase, seed: int, size: tuple[int, int], frame_numbers: list[int]
) -> list[Sample]:
    scene, codes, posting = _hard_scene(case, seed, size)
    return [
        Sample(
            f"hard-{case.kind}-{seed}",
            degrade(scene, case.degradation, np.random.default_rng([seed, number])),
            codes,
            posting,
        )
        for number in frame_numbers
    ]


def hard_case(number: int, seed: int = 0) -> tuple[HardCase, int]:
    """The ``number``-th case of the hard set ``seed`` and the seed of its frame."""
    frame_seed = seed * 1_000_003 + number
    kind = HARD_KINDS[number % len(HARD_KINDS)]
    return HardCase.random(kind, np.random.default_rng(frame_seed + 11)), frame_seed


def hard_set(count: int, seed: int = 0, size: tuple[int, int] = FRAME_720P) -> Iterator[Sample]:
    """``count`` hard frames cycling through ``HARD_KINDS``, made one at a time (memory stays flat)."""
    for number in range(count):
        case, frame_seed = hard_case(number, seed)
        yield hard_frame(case, frame_seed, size)


def hard_scenes(
    count: int, frames: int = 2, seed: int = 0, size: tuple[int, int] = FRAME_720P
) -> Iterator[list[Sample]]:
    """The hard set as a webcam sees it: each scene held up for ``frames`` consecutive frames."""
    for number in range(count):
        case, frame_seed = hard_case(number, seed)
        yield _hard_frames(case, frame_seed, size, list(range(frames)))

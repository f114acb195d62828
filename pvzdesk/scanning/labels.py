"""Clean counter labels drawn with real encoders: the demo's virtual camera plays them, the tests
degrade them. Black on white, greyscale, as a label printer makes them."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import zxingcpp

from pvzdesk.scanning.decoders import Image

__all__ = ["barcode_image", "parcel_label", "phone_with_qr", "write_demo_frames"]


def barcode_image(
    content: str, format_name: str, module: int, height: int = 0, **options: object
) -> Image:
    """A code drawn by zxing-cpp's writer: black on white, with its quiet zone.

    ``height`` stretches a linear code's bars to that many pixels (labels print tall bars).
    """
    barcode = zxingcpp.create_barcode(
        content, getattr(zxingcpp.BarcodeFormat, format_name), **options
    )
    image = np.ascontiguousarray(np.asarray(barcode.to_image(scale=module)), dtype=np.uint8)
    if height:
        image = np.asarray(
            cv2.resize(image, (image.shape[1], height), interpolation=cv2.INTER_NEAREST), np.uint8
        )
    return image


def _paste(canvas: Image, item: Image, x: int, y: int) -> None:
    canvas[y : y + item.shape[0], x : x + item.shape[1]] = item


def _centered_x(canvas: Image, item: Image) -> int:
    return int(canvas.shape[1] - item.shape[1]) // 2


def parcel_label(posting: str, upper: str, lower: str) -> Image:
    """The parcel label: upper barcode, the posting number in large type, lower barcode."""
    label = np.full((700, 560), 255, np.uint8)
    font = cv2.FONT_HERSHEY_SIMPLEX
    cv2.putText(label, "OZON  PVZ", (24, 52), font, 1.3, 0, 3, cv2.LINE_AA)
    top = barcode_image(upper, "Code128", 2, height=90)
    _paste(label, top, _centered_x(label, top), 80)
    cv2.putText(label, upper, (60, 210), font, 0.8, 0, 2, cv2.LINE_AA)
    cv2.putText(label, posting, (20, 300), font, 1.25, 0, 3, cv2.LINE_AA)
    cv2.putText(label, "1/1   A-17   till 25.06", (24, 360), font, 0.8, 40, 2, cv2.LINE_AA)
    bottom = barcode_image(lower, "Code128", 2, height=140)
    _paste(label, bottom, _centered_x(label, bottom), 410)
    cv2.putText(label, lower, (110, 600), font, 0.9, 0, 2, cv2.LINE_AA)
    cv2.rectangle(label, (4, 4), (555, 695), 0, 2)
    return label


def phone_with_qr(content: str, *, dark_mode: bool = False) -> Image:
    """A phone held up to the camera: dark body, lit screen, the pickup QR (light on dark in the
    app's dark mode)."""
    phone = np.full((520, 300), 25, np.uint8)
    cv2.rectangle(phone, (14, 40), (285, 480), 40 if dark_mode else 235, -1)
    code = barcode_image(content, "QRCode", 7)
    if dark_mode:
        code = 255 - code
    _paste(phone, code, (300 - code.shape[1]) // 2, 110)
    return phone


def write_demo_frames(
    labels: list[tuple[str, str, str]], folder: Path, size: tuple[int, int] = (1280, 720)
) -> list[Path]:
    """One 720p frame per (posting, upper, lower) label, centred on a light counter; PNG files."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for number, (posting, upper, lower) in enumerate(labels):
        frame = np.full((size[1], size[0]), 200, np.uint8)
        label = parcel_label(posting, upper, lower)
        scale = (size[1] - 40) / label.shape[0]
        label = np.asarray(
            cv2.resize(label, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8
        )
        _paste(frame, label, _centered_x(frame, label), 20)
        path = folder / f"label-{number:04d}.png"
        cv2.imwrite(str(path), frame)
        written.append(path)
    return written

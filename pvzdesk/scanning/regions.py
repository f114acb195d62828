"""Where a code probably is in a frame that read nothing, and how to make that patch readable.

``likely_regions`` finds textured, high-contrast blobs by gradient energy (codes are the busiest
things on a counter); ``Patch`` is a crop of one region with the affine map back to the frame, so a
code read in a patch is outlined where it is in the frame. The ``enhance_*`` functions are the
pipeline's image passes: upscale, CLAHE + sharpen, adaptive binarisation, and for bar codes
de-skew + smoothing along the bars. All work on greyscale ``uint8`` and are pure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from pvzdesk.domain.scan import Point

__all__ = [
    "Patch",
    "Region",
    "bar_angle",
    "crop",
    "enhance_binarise",
    "enhance_contrast",
    "enhance_smooth_bars",
    "enhance_upscale",
    "likely_regions",
]

Image = NDArray[np.uint8]
Affine = NDArray[np.float64]

_WORK_SCALE = 0.5  # regions are searched at half size: 4× less work, codes are still blobs
_MIN_AREA = 24 * 24  # at half size: smaller than this is specks, not a code
_LINEAR = 0.35  # structure-tensor coherence above which a patch is mostly bars
_UPSCALE_BELOW = 360  # patches shorter than this are upscaled (small codes: modules < 2 px)


@dataclass(frozen=True)
class Region:
    """An axis-aligned box in frame coordinates."""

    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Patch:
    """Part of the frame, transformed; ``to_frame`` maps patch pixels back to frame pixels."""

    image: Image
    to_frame: Affine  # 2×3
    linear: bool

    def frame_points(self, points: tuple[Point, ...]) -> tuple[Point, ...]:
        if not points:
            return ()
        array = np.array(points, np.float64)
        mapped = array @ self.to_frame[:, :2].T + self.to_frame[:, 2]
        return tuple((round(float(x)), round(float(y))) for x, y in mapped)

    def derived(self, image: Image, patch_to_new: Affine | None = None) -> Patch:
        """The same region after an image pass; ``patch_to_new`` maps old patch pixels to new."""
        if patch_to_new is None:
            return Patch(image, self.to_frame, self.linear)
        return Patch(image, _compose(self.to_frame, _invert(patch_to_new)), self.linear)


def _invert(affine: Affine) -> Affine:
    return np.asarray(cv2.invertAffineTransform(affine), np.float64)


def _compose(outer: Affine, inner: Affine) -> Affine:
    """outer ∘ inner for 2×3 affines."""
    full_outer = np.vstack([outer, [0, 0, 1]])
    full_inner = np.vstack([inner, [0, 0, 1]])
    return np.asarray((full_outer @ full_inner)[:2], np.float64)


def _gradients(gray: Image) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3)
    return np.asarray(gx, np.float32), np.asarray(gy, np.float32)


def bar_angle(gray: Image) -> tuple[float, float]:
    """(angle in degrees of the dominant gradient, coherence 0–1) from the structure tensor.

    Bars give one dominant gradient direction (coherence near 1); a 2-D code or text gives two.
    """
    gx, gy = _gradients(gray)
    jxx, jyy, jxy = float((gx * gx).sum()), float((gy * gy).sum()), float((gx * gy).sum())
    total = jxx + jyy
    if total <= 0:
        return 0.0, 0.0
    coherence = math.sqrt((jxx - jyy) ** 2 + 4 * jxy**2) / total
    return math.degrees(0.5 * math.atan2(2 * jxy, jxx - jyy)), coherence


def likely_regions(gray: Image, limit: int = 4) -> list[Region]:
    """Up to ``limit`` boxes where codes probably are, largest first; [] on a plain counter."""
    small = np.asarray(
        cv2.resize(gray, None, fx=_WORK_SCALE, fy=_WORK_SCALE, interpolation=cv2.INTER_AREA),
        np.uint8,
    )
    gx, gy = _gradients(small)
    energy = np.asarray(cv2.convertScaleAbs(np.abs(gx) + np.abs(gy), alpha=0.25), np.uint8)
    energy = np.asarray(cv2.blur(energy, (7, 7)), np.uint8)
    # Otsu splits busy from plain; the floor keeps sensor noise on an empty counter out.
    level, mask = cv2.threshold(energy, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    if level < 12:
        return []
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = sorted(
        (
            cv2.boundingRect(contour)
            for contour in contours
            if cv2.contourArea(contour) >= _MIN_AREA
        ),
        key=lambda box: box[2] * box[3],
        reverse=True,
    )[:limit]
    scale = 1 / _WORK_SCALE
    return [
        Region(int(x * scale), int(y * scale), int(width * scale), int(height * scale))
        for x, y, width, height in boxes
    ]


def crop(gray: Image, box: Region, margin: float = 0.12) -> Patch:
    """The region with a margin (quiet zone!), clipped to the frame."""
    frame_height, frame_width = gray.shape[:2]
    pad_x = int(box.width * margin) + 8
    pad_y = int(box.height * margin) + 8
    x0, y0 = max(0, box.x - pad_x), max(0, box.y - pad_y)
    x1 = min(frame_width, box.x + box.width + pad_x)
    y1 = min(frame_height, box.y + box.height + pad_y)
    image = np.ascontiguousarray(gray[y0:y1, x0:x1])
    _, coherence = bar_angle(image)
    return Patch(image, np.array([[1, 0, x0], [0, 1, y0]], np.float64), coherence > _LINEAR)


def enhance_upscale(patch: Patch, max_pixels: int = 160_000) -> Patch:
    """Up to twice the size (cubic) when the patch is small: zxing needs ~2 px per module.

    ``max_pixels`` bounds the cost of every later pass on the result."""
    height, width = patch.image.shape[:2]
    if min(height, width) >= _UPSCALE_BELOW:
        return patch
    factor = min(2.0, math.sqrt(max_pixels / (height * width)))
    if factor <= 1.0:
        return patch
    image = np.asarray(
        cv2.resize(patch.image, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC), np.uint8
    )
    return patch.derived(image, np.array([[factor, 0, 0], [0, factor, 0]], np.float64))


def enhance_contrast(patch: Patch) -> Patch:
    """CLAHE against half-lit and glossy labels, then an unsharp mask against blur."""
    equalised = cv2.createCLAHE(clipLimit=2.5, tileGridSize=(4, 4)).apply(patch.image)
    soft = cv2.GaussianBlur(equalised, (0, 0), 1.5)
    sharp = cv2.addWeighted(equalised, 1.8, soft, -0.8, 0)
    return patch.derived(np.asarray(sharp, np.uint8))


def enhance_binarise(patch: Patch) -> Patch:
    """A local (adaptive) threshold: survives a glare spot that a global one does not."""
    height, width = patch.image.shape[:2]
    block = max(15, (min(height, width) // 8) | 1)
    binary = cv2.adaptiveThreshold(
        patch.image, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, 4
    )
    return patch.derived(np.asarray(binary, np.uint8))


def enhance_smooth_bars(patch: Patch) -> Patch:
    """De-skew so the bars stand upright, then average along them: noise and JPEG blocks fade,
    the bar edges stay. Only for bar codes (a 2-D code would be smeared away)."""
    angle, coherence = bar_angle(patch.image)
    height, width = patch.image.shape[:2]
    # Rotate the dominant gradient onto the x axis: bars become vertical.
    rotation = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    cos, sin = abs(rotation[0, 0]), abs(rotation[0, 1])
    new_width, new_height = int(height * sin + width * cos), int(height * cos + width * sin)
    rotation[0, 2] += new_width / 2 - width / 2
    rotation[1, 2] += new_height / 2 - height / 2
    upright = cv2.warpAffine(
        patch.image,
        rotation,
        (new_width, new_height),
        flags=cv2.INTER_CUBIC,
        borderMode=cv2.BORDER_REPLICATE,
    )
    length = 9 if coherence > 0.3 else 3
    smoothed = cv2.blur(upright, (1, length))
    soft = cv2.GaussianBlur(smoothed, (0, 0), sigmaX=1.2, sigmaY=0.1)
    sharp = cv2.addWeighted(smoothed, 1.7, soft, -0.7, 0)
    return patch.derived(np.asarray(sharp, np.uint8), np.asarray(rotation, np.float64))

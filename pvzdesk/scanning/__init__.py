"""Scanning: cameras, decoders, keyboard-wedge scanners. OpenCV and the decoders live only here.

Every input ends as a ``pvzdesk.domain.scan.ScanRead``::

    choice = make_decoder("zxing")                # the pipeline; choice.warning: show once if set
    worker = CaptureWorker(CameraDevice(0), choice.decoder, on_read=..., on_status=...)
    worker.start()                                # returns at once; the camera opens in the worker
    worker.latest_preview(); worker.take_reads()  # poll from the GUI timer, never blocks
    worker.stop()

``make_decoder`` gives a ``PipelineDecoder``: zxing-cpp's call as it comes first, extra passes on
likely regions only for frames that read nothing (within the frame's time budget), and the
no-misread rules of ``confirm`` (a 1-D code counts when its format confirms it or two passes or
two frames agree). ``VirtualCamera(folder_or_video)`` stands in for ``CameraDevice`` in the demo and the tests.
``WedgeParser`` tells a USB scanner's keystrokes from a person's typing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Names load on first use (PEP 562): OpenCV and numpy cost ~0.15 s, and the CLI and the window's
# first paint import this package without needing a camera or a decoder yet.
if TYPE_CHECKING:
    from pvzdesk.scanning.camera import CameraDevice, CameraInfo, list_cameras
    from pvzdesk.scanning.capture import (
        CameraState,
        CameraStatus,
        CaptureWorker,
        EndOfFrames,
        FrameSource,
        Preview,
    )
    from pvzdesk.scanning.confirm import FrameConfirmer, FrameReads
    from pvzdesk.scanning.decoders import (
        COUNTER_FORMATS,
        DECODER_NAMES,
        Decoder,
        DecoderChoice,
        ZbarDecoder,
        ZxingDecoder,
        make_decoder,
    )
    from pvzdesk.scanning.pipeline import PipelineDecoder
    from pvzdesk.scanning.repeats import RepeatSuppressor
    from pvzdesk.scanning.virtual_camera import VirtualCamera
    from pvzdesk.scanning.wedge import Typed, WedgeOutput, WedgeParser, WedgeSettings

_SUBMODULE: dict[str, str] = {
    "COUNTER_FORMATS": "decoders",
    "CameraDevice": "camera",
    "CameraInfo": "camera",
    "CameraState": "capture",
    "CameraStatus": "capture",
    "CaptureWorker": "capture",
    "DECODER_NAMES": "decoders",
    "Decoder": "decoders",
    "DecoderChoice": "decoders",
    "EndOfFrames": "capture",
    "FrameConfirmer": "confirm",
    "FrameReads": "confirm",
    "FrameSource": "capture",
    "PipelineDecoder": "pipeline",
    "Preview": "capture",
    "RepeatSuppressor": "repeats",
    "Typed": "wedge",
    "VirtualCamera": "virtual_camera",
    "WedgeOutput": "wedge",
    "WedgeParser": "wedge",
    "WedgeSettings": "wedge",
    "ZbarDecoder": "decoders",
    "ZxingDecoder": "decoders",
    "list_cameras": "camera",
    "make_decoder": "decoders",
}


def __getattr__(name: str) -> object:
    submodule = _SUBMODULE.get(name)
    if submodule is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{submodule}"), name)
    globals()[name] = value
    return value


__all__ = [
    "COUNTER_FORMATS",
    "DECODER_NAMES",
    "CameraDevice",
    "CameraInfo",
    "CameraState",
    "CameraStatus",
    "CaptureWorker",
    "Decoder",
    "DecoderChoice",
    "EndOfFrames",
    "FrameConfirmer",
    "FrameReads",
    "FrameSource",
    "PipelineDecoder",
    "Preview",
    "RepeatSuppressor",
    "Typed",
    "VirtualCamera",
    "WedgeOutput",
    "WedgeParser",
    "WedgeSettings",
    "ZbarDecoder",
    "ZxingDecoder",
    "list_cameras",
    "make_decoder",
]

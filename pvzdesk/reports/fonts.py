"""A TrueType font with Cyrillic for reportlab: the PDF's built-in fonts have no Russian letters.

Looked up in order: ``PVZDESK_FONT`` (a regular .ttf; a bold one beside it named ``*-Bold.ttf`` or
``*bd.ttf`` is used if present), the system's DejaVu Sans (Debian ``fonts-dejavu-core``), Arial on
Windows and macOS, then the ``rinoh-typeface-dejavusans`` Python package.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pvzdesk.i18n import tr
from pvzdesk.reports.progress import ReportError

FONT_VARIABLE = "PVZDESK_FONT"
REGULAR = "PvzdeskSans"
BOLD = "PvzdeskSans-Bold"

_SYSTEM_CANDIDATES: tuple[tuple[str, str], ...] = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/local/share/fonts/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "arialbd.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "Arial Bold.ttf"),
    ("/Library/Fonts/Arial.ttf", "Arial Bold.ttf"),
)


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path | None


def _beside(regular: Path, bold_name: str) -> Path | None:
    bold = regular.with_name(bold_name)
    return bold if bold.is_file() else None


def _from_package() -> FontFiles | None:
    spec = importlib.util.find_spec("rinoh_typeface_dejavusans")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        regular = next(iter(sorted(Path(folder).rglob("DejaVuSans.ttf"))), None)
        if regular is not None:
            return FontFiles(regular, _beside(regular, "DejaVuSans-Bold.ttf"))
    return None


def find_font_files() -> FontFiles:
    explicit = os.environ.get(FONT_VARIABLE, "")
    if explicit:
        regular = Path(explicit)
        if not regular.is_file():
            raise ReportError(
                tr("The font file {path} set in PVZDESK_FONT does not exist.", path=explicit)
            )
        bold = _beside(regular, f"{regular.stem}-Bold.ttf") or _beside(
            regular, f"{regular.stem}bd.ttf"
        )
        return FontFiles(regular, bold)
    for regular_name, bold_name in _SYSTEM_CANDIDATES:
        regular = Path(regular_name)
        if regular.is_file():
            return FontFiles(regular, _beside(regular, bold_name))
    packaged = _from_package()
    if packaged is not None:
        return packaged
    raise ReportError(
        tr("No font with Russian letters was found for the PDF."),
        hint=tr(
            "Install the DejaVu fonts (Debian: fonts-dejavu-core) or set PVZDESK_FONT "
            "to a .ttf file with Cyrillic."
        ),
    )


@cache
def register_fonts() -> tuple[str, str]:
    """Register the font with reportlab once; return the (regular, bold) names to use."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    files = find_font_files()
    pdfmetrics.registerFont(TTFont(REGULAR, str(files.regular)))
    # Without a bold file the regular one stands in: headings lose weight, not letters.
    pdfmetrics.registerFont(TTFont(BOLD, str(files.bold or files.regular)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD

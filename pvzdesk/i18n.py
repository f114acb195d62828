"""User-facing text outside the Qt widgets, translated from the same Qt ``.ts`` catalogues.

Source strings are English; ``resources/i18n/<lang>/*.ts`` hold the translations, one file per
part of the program (so parallel work never fights over one file). The GUI loads the compiled
``.qm`` files through ``QTranslator``; the CLI and services read the ``.ts`` XML directly, so both
speak from one catalogue. Russian is the default; ``LANG=en…`` (or the setting) selects English.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ElementTree
from functools import cache
from pathlib import Path

I18N_DIR = Path(__file__).parent / "resources" / "i18n"
DEFAULT_LANGUAGE = "ru"
SUPPORTED_LANGUAGES = ("ru", "en")

_language_override: str | None = None


def set_language(language: str | None) -> None:
    """Fix the language for this process (``None``: decide from the environment)."""
    global _language_override
    if language is not None and language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _language_override = language


def current_language() -> str:
    if _language_override:
        return _language_override
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "en" if value.lower().startswith("en") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def catalogue_files(language: str) -> list[Path]:
    return sorted((I18N_DIR / language).glob("*.ts"))


@cache
def _catalogue(language: str) -> dict[str, str]:
    translations: dict[str, str] = {}
    for path in catalogue_files(language):
        root = ElementTree.parse(path).getroot()
        for message in root.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None or not translation.text:
                continue
            if translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            translations[source] = translation.text
    return translations


def tr(source: str, /, **params: object) -> str:
    """Translate an English source sentence and fill its ``{named}`` fields."""
    language = current_language()
    text = source if language == "en" else _catalogue(language).get(source, source)
    return text.format(**params) if params else text

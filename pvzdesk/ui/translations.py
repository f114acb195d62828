"""Qt translators for the chosen language: one ``QTranslator`` per compiled ``.qm`` catalogue.

English is the source language: no translator. The ``.ts`` files are compiled by
``python -m pvzdesk.i18n_build``; a missing ``.qm`` is compiled here once, when the tools exist.
"""

from __future__ import annotations

import logging
import subprocess

from PySide6.QtCore import QCoreApplication, QTranslator

from pvzdesk.i18n import I18N_DIR, set_language
from pvzdesk.i18n_build import compile_catalogues

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []


def install_translations(language: str) -> list[QTranslator]:
    """Replace the installed translators with those of ``language``; returns them."""
    set_language(language)  # the services' own sentences follow the same choice
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    if language == "en" or app is None:
        return []
    try:
        compile_catalogues()
    except (OSError, subprocess.CalledProcessError) as error:
        log.warning("cannot compile translations: %s", error)
    for qm_file in sorted((I18N_DIR / language).glob("*.qm")):
        translator = QTranslator(app)
        if translator.load(str(qm_file)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("cannot load translation %s", qm_file)
    return list(_installed)

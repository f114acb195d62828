"""A PNG of the counter window, run by the INSTALLED Python on the Windows runner:

    "%LOCALAPPDATA%\\Programs\\pvzdesk\\Python\\python.exe" installer\\windows\\screenshot.py OUT.png

It imports pvzdesk from the installed ``pkgs`` (not the checkout), opens a fresh data folder,
shows the real window on the runner's desktop and saves what Qt painted.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

from pvzdesk.app import open_app
from pvzdesk.settings import Settings, save_settings
from pvzdesk.ui.app import application, build_window
from pvzdesk.ui.translations import install_translations


def main() -> int:
    out = Path(sys.argv[1])
    qt_app = application()
    install_translations("ru")
    with tempfile.TemporaryDirectory(prefix="pvzdesk-shot-") as temp:
        save_settings(Path(temp) / "settings.toml", Settings(sounds=False, point_name="Windows"))
        with open_app(temp) as app:
            ctx, window = build_window(app, monitor=None)
            window.resize(1366, 768)
            window.show()
            loop = QEventLoop()
            QTimer.singleShot(1500, loop.quit)  # let the first paint and the status bar settle
            loop.exec()
            saved = window.grab().save(str(out))
            window.close()
            ctx.shutdown()
    qt_app.processEvents()
    print(f"screenshot {'saved to ' + str(out) if saved else 'FAILED'}")
    return 0 if saved else 1


if __name__ == "__main__":
    sys.exit(main())

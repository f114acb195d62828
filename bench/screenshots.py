"""PNG screenshots of the counter screens (Выдача, Приёмка, Возвраты), of the window during an
outage and with the camera on, in Russian and English, from a real window (run under Xvfb):

    xvfb-run -a .venv/bin/python bench/screenshots.py [--out screenshots]

Build output, not committed (``screenshots/`` is gitignored).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import SystemClock
from pvzdesk.domain.models import DeadlineSource, ManifestPosting
from pvzdesk.domain.scan import ScanRead, ScanSource
from pvzdesk.scanning import VirtualCamera
from pvzdesk.scanning.labels import parcel_label
from pvzdesk.settings import Settings, save_settings
from pvzdesk.storage.database import write_transaction
from pvzdesk.ui.app import application, build_window
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.platform_link import PlatformLink
from pvzdesk.ui.screens.returns import ReturnKind, ReturnsScreen
from pvzdesk.ui.status import PlatformState
from pvzdesk.ui.translations import install_translations


def settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def stock(app: AppContext) -> None:
    today = SystemClock().now().date()
    rows = [
        ManifestPosting(
            "0132112277-0101-1",
            ("%101%AB12CD34", "123456789012345"),
            1,
            "A-01",
            today + timedelta(days=3),
            DeadlineSource.PLATFORM,
            customer_key="c1",
        ),
        ManifestPosting(
            "0132112277-0101-2",
            ("223456789012345", "223456789012346"),
            2,
            "A-02",
            today + timedelta(days=3),
            DeadlineSource.PLATFORM,
            customer_key="c1",
        ),
        ManifestPosting(
            "0132112277-0102-1",
            (),
            1,
            "B-07",
            today - timedelta(days=2),
            DeadlineSource.PLATFORM,
            customer_key="c1",
        ),
        ManifestPosting(
            "0155550000-0001-1",
            (),
            1,
            "C-03",
            today + timedelta(days=5),
            DeadlineSource.PLATFORM,
            customer_key="c2",
        ),
        ManifestPosting(
            "0177770000-0001-1",
            (),
            1,
            "D-11",
            today - timedelta(days=4),
            DeadlineSource.PLATFORM,
            customer_key="c3",
        ),
    ]
    expected = [
        ManifestPosting(f"01888800{n:02d}-0001-1", (), 1, "", None, customer_key=f"e{n}")
        for n in range(12)
    ]
    with write_transaction(app.store.db):
        app.store.postings.upsert_manifest(rows + expected, SystemClock().now().isoformat())
    app.counter.receive([row.posting for row in rows])


def scan(window: MainWindow, text: str) -> None:
    window.route_scan(ScanRead.typed(text, SystemClock().now(), ScanSource.WEDGE))
    settle(60)


def shoot(window: MainWindow, out: Path, name: str) -> None:
    settle()
    path = out / f"{name}.png"
    window.grab().save(str(path))
    print(path)


def label_frame() -> np.ndarray:
    """What a webcam at the counter sees: the label of parcel A-01 on a grey desk."""
    frame = np.full((720, 1280, 3), 170, np.uint8)
    label = parcel_label("0132112277-0101-1", "%101%AB12CD34", "123456789012345")
    frame[10:710, 360:920] = label[:, :, None]
    return frame


def run(language: str, out: Path) -> None:
    install_translations(language)
    with tempfile.TemporaryDirectory(prefix="pvzdesk-shots-") as folder:
        data = Path(folder)
        save_settings(
            data / "settings.toml",
            Settings(language=language, sounds=False, point_name="ПВЗ Тверская 12"),
        )
        app = open_app(data)
        try:
            stock(app)
            frame = label_frame()
            ctx, window = build_window(
                app, monitor=None, camera_source=lambda: VirtualCamera([frame], fps=15, live=True)
            )
            window.resize(1366, 768)
            window.show()
            link = PlatformLink(ctx)
            link.set_state(PlatformState.ONLINE)
            # Выдача: the customer's code, two parcels of three scanned, one of them expired.
            scan(window, "482913")
            scan(window, "123456789012345")
            scan(window, "223456789012345")
            shoot(window, out, f"{language}-1-issue-scanning")
            scan(window, "0155550000-0001-1")  # another customer's parcel
            shoot(window, out, f"{language}-2-issue-wrong-customer")
            scan(window, "223456789012346")
            scan(window, "0132112277-0102-1")
            issue = window.active_screen
            issue.confirm()  # type: ignore[attr-defined]
            shoot(window, out, f"{language}-3-issue-confirmed")
            # Outage: banner and status bar.
            app.incidents.start("connect")  # what the health monitor journals going offline
            link.set_state(PlatformState.OFFLINE)
            window.show_screen(1)
            settle(300)
            scan(window, "0188880001-0001-1")
            scan(window, "0188880002-0001-1")
            scan(window, "0199999999-0001-1")  # not in the manifest
            scan(window, "0188880001-0001-1")  # twice
            for _ in range(50):  # the status bar recounts what waits a moment after the scans
                if ctx.status.waiting:
                    break
                settle(100)
            shoot(window, out, f"{language}-4-receive-offline")
            window.show_screen(2)
            returns = window.active_screen
            assert isinstance(returns, ReturnsScreen)
            returns.set_kind(ReturnKind.SEND_BACK)
            settle(300)
            scan(window, "0177770000-0001-1")
            shoot(window, out, f"{language}-5-returns-send-back")
            app.incidents.end()
            link.set_state(PlatformState.ONLINE)
            window.show_screen(0)
            settle(300)
            shoot(window, out, f"{language}-6-platform-back")
            # F9: the preview with the codes outlined, and the parcel it read on Выдача.
            window.camera_action.setChecked(True)
            for _ in range(100):
                if window.camera.last_image is not None and window.camera.caption.text():
                    break
                settle(100)
            shoot(window, out, f"{language}-7-camera")
            window.camera_action.setChecked(False)
            window.close()
            ctx.shutdown()
        finally:
            app.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="screenshots")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    qt_app: QApplication = application()
    for language in ("ru", "en"):
        run(language, out)
    QCoreApplication.processEvents()
    del qt_app


if __name__ == "__main__":
    main()

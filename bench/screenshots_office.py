"""PNG screenshots of the back-office screens (Хранение, Сверка, Журнал, Отчёты, Настройки) in
Russian and English, from a real window (run under Xvfb):

    xvfb-run -a .venv/bin/python bench/screenshots_office.py [--out screenshots]

Build output, not committed (``screenshots/`` is gitignored).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import FixedClock, SystemClock
from pvzdesk.domain.models import DeadlineSource, ManifestPosting
from pvzdesk.domain.scan import ScanRead, ScanSource
from pvzdesk.settings import Settings, save_settings
from pvzdesk.storage.database import write_transaction
from pvzdesk.ui.app import application, build_window
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.translations import install_translations

CELLS = ("A-01", "A-02", "B-07", "C-03", "D-11", "E-04", "F-09", "G-02")
DAYS = (-3, -1, 0, 0, 1, 2, 5, 6)


def settle(ms: int = 200) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_idle(window: MainWindow) -> None:
    for _ in range(200):
        settle(50)
        if not window.ctx.busy:
            return


def stock(app: AppContext, clock: FixedClock) -> list[str]:
    """Parcels with varied deadlines, some received during an outage, a few operations."""
    today = clock.now().date()
    rows = [
        ManifestPosting(
            f"01321122{n:02d}-01{n:02d}-1",
            (),
            1,
            cell,
            today + timedelta(days=days),
            DeadlineSource.PLATFORM,
            customer_key=f"c{n}",
        )
        for n, (cell, days) in enumerate(zip(CELLS, DAYS, strict=True))
    ]
    with write_transaction(app.store.db):
        app.store.postings.upsert_manifest(rows, clock.now().isoformat())
    numbers = [row.posting for row in rows]
    app.counter.receive(numbers[:5])
    clock.advance(timedelta(minutes=30))
    app.incidents.start("connect", "connection refused")
    clock.advance(timedelta(minutes=5))
    app.counter.receive(numbers[5:])
    clock.advance(timedelta(minutes=20))
    app.counter.issue([numbers[6]])
    app.counter.note("Клиент просил перезвонить")
    clock.advance(timedelta(minutes=40))
    app.incidents.end()
    clock.advance(timedelta(minutes=5))
    return numbers


def set_aside(app: AppContext, clock: FixedClock, numbers: list[str]) -> None:
    """The point becomes an rFBS one with a conflict and a rejection left by a reconcile."""
    import json
    from dataclasses import replace

    from pvzdesk.storage.attempts import Attempt

    app.apply_settings(
        replace(app.settings, platform=replace(app.settings.platform, adapter="ozon_seller"))
    )
    issued = [e for n in numbers[:5] for e in app.counter.issue([n]).entries][:2]
    view = {"posting_number": issued[0].posting, "status": "cancelled", "available_actions": []}
    app.store.attempts.record(
        [
            Attempt(
                issued[0].entry_id,
                "ozon_seller",
                clock.now(),
                "conflict",
                detail="conflict:cancelled_meanwhile",
                reply=json.dumps(view),
            ),
            Attempt(
                issued[1].entry_id,
                "ozon_seller",
                clock.now(),
                "rejected",
                http_status=400,
                detail="rejected:non_int_delivered HAS_INCORRECT_TPL_INTEGRATION_TYPE",
            ),
        ]
    )


def shoot(window: MainWindow, out: Path, name: str) -> None:
    settle()
    path = out / f"{name}.png"
    window.grab().save(str(path))
    print(path)


def run(language: str, out: Path) -> None:
    install_translations(language)
    with tempfile.TemporaryDirectory(prefix="pvzdesk-office-shots-") as folder:
        data = Path(folder)
        save_settings(
            data / "settings.toml",
            Settings(
                language=language, sounds=False, operator="Анна", point_name="ПВЗ Тверская 12"
            ),
        )
        clock = FixedClock(SystemClock().now().replace(hour=9, minute=0, second=0, microsecond=0))
        app = open_app(data, clock=clock)
        try:
            numbers = stock(app, clock)
            ctx, window = build_window(app, monitor=None)
            window.resize(1366, 768)
            window.show()
            window.show_screen(3)
            wait_idle(window)
            window.route_scan(ScanRead.typed(numbers[2], clock.now(), ScanSource.WEDGE))
            shoot(window, out, f"{language}-office-1-storage")
            window.show_screen(4)
            wait_idle(window)
            window.route_scan(ScanRead.typed(numbers[5], clock.now(), ScanSource.WEDGE))
            wait_idle(window)
            shoot(window, out, f"{language}-office-2-reconcile-worklist")
            set_aside(app, clock, numbers)  # an rFBS point whose reconcile met the platform
            window.show_screen(3)
            window.show_screen(4)
            wait_idle(window)
            shoot(window, out, f"{language}-office-2b-reconcile-conflict")
            window.show_screen(5)
            wait_idle(window)
            journal = window.active_screen
            journal.verify_chain()  # type: ignore[attr-defined]
            wait_idle(window)
            shoot(window, out, f"{language}-office-3-journal")
            window.show_screen(6)
            wait_idle(window)
            reports = window.active_screen
            reports.export_day()  # type: ignore[attr-defined]
            wait_idle(window)
            shoot(window, out, f"{language}-office-4-reports")
            window.show_screen(7)
            wait_idle(window)
            shoot(window, out, f"{language}-office-5-settings")
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

"""Starting the counter window: QApplication, translations, the AppContext, the main window.

A known error at start (another pvzdesk on this data folder, an unreadable journal, bad settings)
is shown in a message box in the operator's language and the program exits cleanly with code 2.

Start-up budget (≤ 2 s with a 1M-entry journal): the journal is opened without ``quick_check``;
the daily upkeep (``pvzdesk.ui.upkeep``: integrity check, backup, retention) runs in a child process
right after the window is shown, and a damaged file turns the window into a red "nothing is being
recorded" state instead of a traceback. The health monitor is built and started in a thread of its
own (``PlatformLink``/``MonitorHandle``) and closed at ``ctx.shutdown()``.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final, Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction, QFont, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from pvzdesk.app import AppContext, load_context_settings, open_app
from pvzdesk.errors import PvzdeskError
from pvzdesk.scanning import FrameSource
from pvzdesk.services.setup import needs_setup
from pvzdesk.settings import Settings
from pvzdesk.storage.errors import storage_errors
from pvzdesk.storage.store import DB_NAME
from pvzdesk.ui.bug_report import install_bug_reporter
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.platform_link import (
    BacklogWatcher,
    ManifestFeedHandle,
    MonitorHandle,
    PlatformLink,
)
from pvzdesk.ui.sounds import Sounds
from pvzdesk.ui.translations import install_translations
from pvzdesk.ui.upkeep import start_upkeep

log = logging.getLogger(__name__)

APP_ICON = Path(__file__).resolve().parents[1] / "resources" / "icons" / "pvzdesk.svg"
EXIT_OK = 0
EXIT_ERROR = 2
GIL_SWITCH_S = 0.0005
BASE_POINT_SIZE = 14  # large type: the counter is read at arm's length
AUTO: Final = "auto"  # build_window's monitor: the demo's, else one for the app's settings


@runtime_checkable
class DemoControls(Protocol):
    """What the demo offers the window (``pvzdesk.demo``); duck-typed."""

    def cut_platform(self) -> None: ...

    def restore_platform(self) -> None: ...

    def camera_source(self) -> FrameSource: ...

    def health_monitor(self) -> object: ...


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Background jobs are Python threads: a CPU-bound one (verify, reconcile) holds the GIL for
    # the default 5 ms switch interval at a time, which the GUI thread feels as stalls. Ask for
    # the GIL back sooner (measured by bench/startup.py).
    sys.setswitchinterval(GIL_SWITCH_S)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("pvzdesk")
    app.setOrganizationName("pvzdesk")
    app.setDesktopFileName("pvzdesk")  # Wayland/X11 match the window to pvzdesk.desktop's icon
    app.setWindowIcon(QIcon(str(APP_ICON)))
    app.setFont(counter_font(app.font()))
    return app


def counter_font(base: QFont) -> QFont:
    """The counter's type, readable at arm's length: what every screen is laid out in (the
    layout test sets it too, or it measures screens in a smaller type than they are shown)."""
    font = QFont(base)
    font.setPointSize(BASE_POINT_SIZE)
    return font


def show_start_error(error: PvzdeskError) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, "pvzdesk", error.message)
    if error.hint:
        box.setInformativeText(error.hint)
    box.exec()


def build_window(
    app: AppContext,
    *,
    demo: object | None = None,
    camera_source: Callable[[], FrameSource] | None = None,
    monitor: object | None = AUTO,
    feed: bool | None = None,
) -> tuple[UiContext, MainWindow]:
    """The context and the window over an open AppContext (tests and scripts use this too).

    ``monitor``: ``AUTO`` starts ``app.services.reconcile.health_monitor()`` (in the demo its
    settings probe the simulator); a monitor object is attached and started as it is; ``None``: no monitor
    (the platform state is then only what ``window.platform_link`` is told). Either way it is
    closed at ``ctx.shutdown()``; ``window.health`` is its ``MonitorHandle`` (or None).

    ``feed``: the warm manifest of an ``ozon_seller`` point (``ManifestFeedHandle``); None: on
    when the monitor is ``AUTO`` and the adapter is ``ozon_seller``. ``window.feed`` is it.
    """
    ctx = UiContext(app, sounds=Sounds(enabled=app.settings.sounds))
    if demo is not None and camera_source is None:
        camera_source = getattr(demo, "camera_source", None)
    window = MainWindow(ctx, camera_source=camera_source)
    link = PlatformLink(ctx)
    window.platform_link = link  # type: ignore[attr-defined]
    watcher = BacklogWatcher(ctx)
    watcher.recount()
    factory = monitor_factory(app) if monitor is AUTO else (lambda: monitor)
    handle = MonitorHandle(link, factory) if monitor is not None else None
    if handle is not None:
        ctx.on_shutdown(handle.close)
    window.health = handle  # type: ignore[attr-defined]
    seller = app.settings.platform.adapter == "ozon_seller"
    feed_handle = (
        ManifestFeedHandle(ctx)
        if (feed if feed is not None else monitor is AUTO) and seller
        else None
    )
    if feed_handle is not None:
        ctx.on_shutdown(feed_handle.close)
    window.feed = feed_handle  # type: ignore[attr-defined]
    if demo is not None:
        add_demo_menu(window, demo, link)
    # At the first turn of the event loop, not before: the window is up before this costs it
    # anything, and the keyring's imports come now rather than with the first scan.
    QTimer.singleShot(0, app.store.prepare_writes)
    return ctx, window


def monitor_factory(app: AppContext) -> Callable[[], object]:
    """The monitor the settings describe (the demo's settings point it at its simulator)."""

    def build() -> object:
        return app.services.reconcile.health_monitor()

    return build


def add_demo_menu(window: MainWindow, demo: object, link: PlatformLink) -> None:
    menu = window.menuBar().addMenu(QCoreApplication.translate("DemoMenu", "&Demo"))
    cut = QAction(QCoreApplication.translate("DemoMenu", "Cut the platform"), window)
    restore = QAction(QCoreApplication.translate("DemoMenu", "Restore the platform"), window)

    def cut_platform() -> None:
        getattr(demo, "cut_platform")()  # noqa: B009 - duck-typed demo controls

    def restore_platform() -> None:
        getattr(demo, "restore_platform")()  # noqa: B009

    cut.triggered.connect(cut_platform)
    restore.triggered.connect(restore_platform)
    menu.addAction(cut)
    menu.addAction(restore)
    # The demo's virtual camera plays only when asked: from the start it would drop a scan into
    # a newcomer's first screen every few seconds.
    camera = QAction(QCoreApplication.translate("DemoMenu", "Show the camera"), window)
    camera.setCheckable(True)
    camera.toggled.connect(window.camera_action.setChecked)
    window.camera_action.toggled.connect(camera.setChecked)
    menu.addSeparator()
    menu.addAction(camera)
    window.demo_actions = (cut, restore, camera)  # type: ignore[attr-defined]


def fit_to_screen(window: MainWindow) -> None:
    """The whole screen, never more (a small counter monitor, or no window manager at all)."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    available = screen.availableGeometry()
    window.setGeometry(available)  # the counter's one window: all of the screen


def start_settings(data_dir: str | Path | None, *, demo: object | None = None) -> Settings:
    """The settings a start works with, their language installed before any widget exists
    (the one chosen in Настройки, saved in settings.toml); a new point's set-up first."""
    paths, settings = load_context_settings(data_dir)
    install_translations(settings.language)
    if demo is None and needs_setup(paths):  # an empty data folder: a new point
        from pvzdesk.ui.setup_wizard import run_setup_wizard

        settings = run_setup_wizard(paths, settings)
        install_translations(settings.language)
    return settings


def run_gui(data_dir: str | Path | None, *, demo: object | None = None) -> int:
    started = time.perf_counter()
    qt_app = application()
    try:
        start_settings(data_dir, demo=demo)
        paths, _settings = load_context_settings(data_dir)
        # Not checked here (1–1.5 s on 1M entries): right after the window is up. A file too
        # damaged to open at all is still a clear message, never a traceback.
        with storage_errors(paths.root / DB_NAME):
            app = open_app(data_dir, check_integrity=False)
    except PvzdeskError as error:
        log.error("cannot start: %s", error)
        show_start_error(error)
        return EXIT_ERROR
    try:
        ctx, window = build_window(app, demo=demo)
        install_bug_reporter(app.paths.logs / "crash.log", window)
        fit_to_screen(window)
        window.show()
        start_upkeep(ctx)
        app.start_point()  # the point/central link runs beside the window, never inside it
        log.info("ready to scan %.0f ms after start", (time.perf_counter() - started) * 1000)
        code = qt_app.exec()
        ctx.shutdown()
        return EXIT_OK if code == 0 else code
    finally:
        app.close()

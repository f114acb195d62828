"""The counter's window: navigation on the left (F1..F8), the active screen, banner, status bar.

Scans from every source (keyboard wedge, camera) arrive here and go to the active screen's
``handle_scan``; a scan no screen wants is answered with the warning tone and a sentence.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from datetime import UTC

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pvzdesk.domain.scan import ScanRead
from pvzdesk.scanning import FrameSource
from pvzdesk.ui.banner import OutageBanner
from pvzdesk.ui.camera_view import CameraView
from pvzdesk.ui.context import Tone, UiContext
from pvzdesk.ui.notices import AnchorWatch, ClockWatch, NoticeStrip, open_notices
from pvzdesk.ui.scan_input import ScanInput, wedge_settings
from pvzdesk.ui.screens.base import Screen
from pvzdesk.ui.status_bar import CounterStatusBar

log = logging.getLogger(__name__)

# (module, class, English title used only for the placeholder of a screen not built yet)
SCREENS: tuple[tuple[str, str, str], ...] = (
    ("pvzdesk.ui.screens.issue", "IssueScreen", "Issue"),
    ("pvzdesk.ui.screens.receive", "ReceiveScreen", "Receive"),
    ("pvzdesk.ui.screens.returns", "ReturnsScreen", "Returns"),
    ("pvzdesk.ui.screens.storage", "StorageScreen", "Storage"),
    ("pvzdesk.ui.screens.reconcile", "ReconcileScreen", "Reconcile"),
    ("pvzdesk.ui.screens.journal", "JournalScreen", "Journal"),
    ("pvzdesk.ui.screens.reports", "ReportsScreen", "Reports"),
    ("pvzdesk.ui.screens.settings", "SettingsScreen", "Settings"),
)
RECONCILE_INDEX = 4
INCIDENT_KEYS = "Ctrl+Shift+O"  # "outage": declare one, or end the one declared by hand


class PlaceholderScreen(Screen):
    """Stands in for a screen whose module is not there yet."""

    def __init__(self, ctx: UiContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._name = name
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("This screen is not available yet."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)

    def title(self) -> str:
        return QCoreApplication.translate("MainWindow", self._name)


def load_screen(ctx: UiContext, module: str, name: str, fallback: str) -> Screen:
    try:
        screen_class = getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as error:
        if error.name != module:
            raise
        return PlaceholderScreen(ctx, fallback)
    screen = screen_class(ctx)
    assert isinstance(screen, Screen)
    return screen


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: UiContext,
        *,
        camera_source: Callable[[], FrameSource] | None = None,
        install_scanner: bool = True,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.screens: list[Screen] = [load_screen(ctx, *spec) for spec in SCREENS]
        self.banner = OutageBanner(ctx)
        self.banner.reconcile_requested.connect(self.reconcile_now)
        self.notice_strip = NoticeStrip(ctx)
        self.status = CounterStatusBar(ctx)
        self.setStatusBar(self.status)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.navigation.setStyleSheet(
            "QListWidget#navigation { font-size: 17pt; background: #fafafa; }"
            " QListWidget#navigation::item { padding: 10px 8px; }"
            " QListWidget#navigation::item:selected { background: #1565c0; color: white; }"
        )
        self.stack = QStackedWidget()
        for screen in self.screens:
            self.stack.addWidget(screen)
            self.navigation.addItem(QListWidgetItem())
        self.navigation.currentRowChanged.connect(self._row_changed)
        self.camera = CameraView(ctx, camera_source or self._settings_camera)
        self.camera.scanned.connect(self.route_scan)
        self._build_layout()
        self._build_shortcuts()
        self.incident_dialog: QWidget | None = None  # the outage dialog, while it is open
        self._build_menu()
        self.scan_input = ScanInput(
            wedge_settings(ctx.app.settings.scanner),
            wall_clock=lambda: ctx.app.clock.now().astimezone(UTC),
            parent=self,
        )
        self.scan_input.scanned.connect(self.route_scan)
        self.scan_input.held.connect(self._scan_held)
        if install_scanner:
            self.scan_input.install()
        self._retranslate()
        self.resize(1280, 800)
        self.show_screen(0)
        # What the journal's open found, and a clock known to be wrong: said in the notice
        # strip, never in a dialog (scanning goes on)
        for notice in open_notices(ctx.app):
            ctx.add_notice(notice)
        self.clock_watch = ClockWatch(ctx)
        self.anchor_watch = AnchorWatch(ctx)  # a tail cut while the window runs, named

    def _build_layout(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.banner)
        outer.addWidget(self.notice_strip)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.navigation.setFixedWidth(210)
        row.addWidget(self.navigation)
        row.addWidget(self.stack, 1)
        row.addWidget(self.camera)
        outer.addLayout(row, 1)
        self.setCentralWidget(central)
        # The window's size is the operator's (or the screen's); letting layouts push a minimum
        # size onto the window after it is shown also makes some platforms (offscreen) complain.
        layout = self.layout()
        if layout is not None:
            layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

    def _build_shortcuts(self) -> None:
        self.screen_actions: list[QAction] = []
        for index in range(len(self.screens)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"F{index + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(lambda _checked=False, i=index: self.show_screen(i))
            self.addAction(action)
            self.screen_actions.append(action)

    def _build_menu(self) -> None:
        self.counter_menu = self.menuBar().addMenu("")
        self.camera_action = QAction(self)
        self.camera_action.setCheckable(True)
        self.camera_action.setShortcut(QKeySequence("F9"))
        self.camera_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.camera_action.toggled.connect(self.camera.set_running)
        self.counter_menu.addAction(self.camera_action)
        self.incident_action = QAction(self)
        self.incident_action.setShortcut(QKeySequence(INCIDENT_KEYS))
        self.incident_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.incident_action.triggered.connect(self.declare_incident)
        self.counter_menu.addAction(self.incident_action)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.counter_menu.addAction(self.about_action)
        self.quit_action = QAction(self)
        self.quit_action.triggered.connect(self.close)
        self.counter_menu.addAction(self.quit_action)

    def show_about(self) -> None:
        from pvzdesk.ui.about import AboutBox

        box = AboutBox(self.ctx.app.paths.root, self)
        box.open()  # not exec(): a scan while it is open must still reach the counter
        self.about_box = box

    def declare_incident(self) -> None:
        """Declare a platform outage and when it began, or end the one declared by hand
        (``IncidentDialog``); the entry is written by the scan writer, like every counter write."""
        from pvzdesk.ui.incident_dialog import IncidentDialog

        if self.incident_dialog is not None:
            return  # the shortcut again while it is open
        dialog = IncidentDialog(self.ctx.app.incidents, self)
        self.incident_dialog = dialog
        try:
            accepted = dialog.exec() == IncidentDialog.DialogCode.Accepted
        finally:
            self.incident_dialog = None
        self.activateWindow()  # the counter takes the keys again
        ending = dialog.current.incident_id if dialog.ending and dialog.current else ""
        began, detail = dialog.began, dialog.detail.text().strip()
        dialog.deleteLater()
        if not accepted:
            return
        if ending:
            incident_id = ending
            self.ctx.perform_with(
                lambda session: session.incidents.end(incident_id)[1],
                origin="incident",
                on_done=lambda _result: self._incident_written(self.tr("The outage is ended.")),
                on_error=self._incident_failed,
            )
            return

        def declared(_result: object) -> None:
            incident = self.ctx.app.incidents.open_incident()
            zone = self.ctx.app.clock.now().tzinfo
            start = incident.started_at.astimezone(zone).strftime("%H:%M") if incident else ""
            self._incident_written(
                self.tr(
                    "Outage declared, from {time}: operations since then go on the re-entry list."
                ).format(time=start)
            )

        self.ctx.perform_with(
            lambda session: session.incidents.declare(began, detail)[1],
            origin="incident",
            on_done=declared,
            on_error=self._incident_failed,
        )

    def _incident_written(self, text: str) -> None:
        self.status.show_note(text)
        self.ctx.feedback(Tone.SUCCESS)

    def _incident_failed(self, error: BaseException) -> None:
        self.status.show_note(self.tr("The outage was NOT recorded: {reason}").format(reason=error))
        self.ctx.feedback(Tone.ERROR)

    def _settings_camera(self) -> FrameSource:
        from pvzdesk.scanning.camera import CameraDevice  # OpenCV: only once the camera is on

        scanner = self.ctx.app.settings.scanner
        device: int | str = int(scanner.camera) if scanner.camera.isdigit() else scanner.camera
        return CameraDevice(device, width=scanner.camera_width, height=scanner.camera_height)

    def _retranslate(self) -> None:
        self.counter_menu.setTitle(self.tr("&Counter"))
        self.camera_action.setText(self.tr("Camera preview (F9)"))
        self.incident_action.setText(self.tr("Platform outage… (Ctrl+Shift+O)"))
        self.quit_action.setText(self.tr("Quit"))
        self.about_action.setText(self.tr("About pvzdesk…"))
        self.setWindowTitle(
            "pvzdesk — "
            + self.tr("pickup-point counter")
            + (f" — {self.ctx.app.settings.point_name}" if self.ctx.app.settings.point_name else "")
        )
        for index, screen in enumerate(self.screens):
            item = self.navigation.item(index)
            item.setText(f"F{index + 1}  {screen.title()}")

    # --- screens ---------------------------------------------------------------------------------
    @property
    def active_screen(self) -> Screen:
        return self.screens[self.stack.currentIndex()]

    def show_screen(self, index: int) -> None:
        if self.navigation.currentRow() != index:
            self.navigation.setCurrentRow(index)  # comes back through _row_changed
            return
        self._row_changed(index)

    def _row_changed(self, index: int) -> None:
        if not 0 <= index < len(self.screens):
            return
        self.stack.setCurrentIndex(index)
        screen = self.screens[index]
        screen.on_activated()
        screen.stale = False

    def reconcile_now(self) -> None:
        """«Сверить сейчас»: the Сверка screen, and the run started (a partner point's re-entry
        list is the screen itself)."""
        self.show_screen(RECONCILE_INDEX)
        start = getattr(self.screens[RECONCILE_INDEX], "start", None)
        if callable(start):
            start()

    def route_scan(self, read: object) -> None:
        assert isinstance(read, ScanRead)
        fault = self.ctx.fault
        if fault is not None:  # a damaged journal: record nothing, say so on every scan
            text = self.tr("Scan {code} was NOT recorded: {reason}").format(
                code=read.text, reason=fault.message
            )
            self.active_screen.refuse_scan(f"{text} {fault.hint}".strip())
            self.status.show_note(text)
            self.ctx.feedback(Tone.ERROR)
            return
        if not self.active_screen.handle_scan(read):
            self.ctx.feedback(Tone.WARNING)
            self.status.show_note(
                self.tr("Scan {code} is not used on this screen.").format(code=read.text)
            )

    def _scan_held(self, read: object) -> None:
        """A scan while a dialog is open: it waits for the dialog, and the operator is told."""
        assert isinstance(read, ScanRead)
        self.ctx.feedback(Tone.WARNING)
        text = self.tr("Scan {code} is waiting: close the window, then it goes to the counter.")
        self.status.show_note(text.format(code=read.text))
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            dialog.setToolTip(text.format(code=read.text))

    # --- language and lifetime -------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.scan_input.uninstall()
        self.camera.shutdown()
        super().closeEvent(event)

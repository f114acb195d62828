"""The first-run set-up, shown before the counter window when the data folder is empty.

Point type and name, operators; for a seller's desk the Seller API Client-Id and key (checked
against ``/v1/roles`` in a thread, expiry shown; the key goes to the keyring only); the camera
with a live preview and a sound test; the backups folder. Keyboard all the way (Enter = Next,
Esc = skip). Skipping keeps the defaults. ``pvzdesk.services.setup`` does the saving, so the
terminal's ``pvzdesk setup`` and this wizard cannot disagree; Настройки edits every answer later.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from pvzdesk.errors import PvzdeskError
from pvzdesk.paths import DataPaths
from pvzdesk.scanning import CameraInfo, CaptureWorker, FrameSource
from pvzdesk.services.setup import (
    PARTNER,
    SELLER,
    KeyCheck,
    SetupAnswers,
    apply_setup,
    check_seller_key,
    problems,
    skip_setup,
    split_operators,
)
from pvzdesk.settings import Settings
from pvzdesk.ui.camera_view import frame_to_image
from pvzdesk.ui.sounds import Sounds, Tone

CONTEXT: Final = "SetupWizard"
POLL_MS = 50
PREVIEW_SIZE = (320, 180)
PAGE_POINT, PAGE_SELLER, PAGE_CAMERA, PAGE_FOLDERS = range(4)

KeyChecker = Callable[[str, str, str, datetime], KeyCheck]


def check_key(url: str, client_id: str, api_key: str, now: datetime) -> KeyCheck:
    """``/v1/roles`` through the client ``pvzdesk.app`` builds (run in the page's thread)."""
    from pvzdesk.app import setup_seller_api

    return check_seller_key(setup_seller_api(url, client_id, api_key), now)


CameraOpener = Callable[[str], FrameSource]


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class PointPage(QWizardPage):
    def __init__(self, answers: SetupAnswers) -> None:
        super().__init__()
        self.setTitle(_t("Your pickup point"))
        self.setSubTitle(_t("This can be changed later in Settings."))
        self.partner = QRadioButton(_t("&Partner pickup point (re-entry into the platform's app)"))
        self.seller = QRadioButton(_t("&Seller's own desk (Seller API, rFBS)"))
        (self.seller if answers.adapter == SELLER else self.partner).setChecked(True)
        self.point_name = QLineEdit(answers.point_name)
        self.operators = QLineEdit(", ".join(answers.operators))
        self.operators.setPlaceholderText(_t("Anna, Boris"))
        form = QFormLayout()
        form.addRow(_t("Point na&me:"), self.point_name)
        form.addRow(_t("&Operators (comma-separated):"), self.operators)
        layout = QVBoxLayout(self)
        layout.addWidget(self.partner)
        layout.addWidget(self.seller)
        layout.addLayout(form)

    def adapter(self) -> str:
        return SELLER if self.seller.isChecked() else PARTNER

    def nextId(self) -> int:
        return PAGE_SELLER if self.seller.isChecked() else PAGE_CAMERA


class SellerPage(QWizardPage):
    """Client-Id and key; a typed key must pass ``/v1/roles`` before Next lets the person on."""

    def __init__(self, answers: SetupAnswers, checker: KeyChecker) -> None:
        super().__init__()
        self.setTitle(_t("Seller API"))
        self.setSubTitle(
            _t("The key is kept in the system keyring, never in files. Keys live six months.")
        )
        self._checker = checker
        self.url = QLineEdit(answers.seller_api_url)
        self.client_id = QLineEdit(answers.client_id)
        self.api_key = QLineEdit()
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.check_button = QPushButton(_t("&Check the key"))
        self.check_button.clicked.connect(self.start_check)
        self.result = QLabel()
        self.result.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(_t("Seller API &address:"), self.url)
        form.addRow(_t("Client-&Id:"), self.client_id)
        form.addRow(_t("API &key:"), self.api_key)
        form.addRow("", self.check_button)
        form.addRow("", self.result)
        self.checked: KeyCheck | None = None
        self._checked_for: tuple[str, str, str] | None = None
        self._pending: list[KeyCheck] = []
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._collect)

    def _typed(self) -> tuple[str, str, str]:
        return (self.url.text().strip(), self.client_id.text().strip(), self.api_key.text().strip())

    def start_check(self) -> None:
        if self._thread is not None:
            return
        url, client, key = self._typed()
        if not client or not key:
            self.result.setText(_t("Type the Client-Id and the API key first."))
            return
        self.result.setText(_t("Asking the platform…"))
        self.check_button.setEnabled(False)

        def ask() -> None:
            try:
                outcome = self._checker(url, client, key, datetime.now(UTC))
            except PvzdeskError as error:
                outcome = KeyCheck(False, str(error))
            self._pending.append(outcome)

        self._checked_for = (url, client, key)
        self._thread = threading.Thread(target=ask, name="pvzdesk-key-check", daemon=True)
        self._thread.start()
        self._timer.start()

    def _collect(self) -> None:
        if not self._pending:
            return
        self._timer.stop()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self.checked = self._pending.pop()
        self.check_button.setEnabled(True)
        self.result.setText(self.checked.message)
        self.result.setStyleSheet("color: #2e7d32;" if self.checked.ok else "color: #c62828;")

    def validatePage(self) -> bool:
        if not self.api_key.text().strip():
            return True  # no key now: it can be typed later in Settings
        if self.checked is not None and self.checked.ok and self._checked_for == self._typed():
            return True
        self.start_check()  # Next again once the platform said yes
        return False

    def nextId(self) -> int:
        return PAGE_CAMERA

    def shutdown(self) -> None:
        self._timer.stop()
        if self._thread is not None:
            self._thread.join()
            self._thread = None


class CameraPage(QWizardPage):
    """The camera with a live picture, and the scan tones played once to hear them."""

    def __init__(
        self,
        answers: SetupAnswers,
        cameras: list[CameraInfo],
        open_camera: CameraOpener,
        sounds: Sounds,
    ) -> None:
        super().__init__()
        self.setTitle(_t("Camera and sound"))
        self.setSubTitle(_t("Hold a parcel label to the camera: the picture shows what it sees."))
        self._open_camera = open_camera
        self.sounds = sounds
        self.camera = QComboBox()
        self.camera.setEditable(True)  # a file or a stream URL can be typed too
        self.camera.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for info in cameras:
            self.camera.addItem(f"{info.index}: {info.name}", str(info.index))
        found = self.camera.findData(answers.camera)
        if found >= 0:
            self.camera.setCurrentIndex(found)
        else:
            self.camera.setEditText(answers.camera)
        self.camera.currentTextChanged.connect(self._camera_changed)
        self.preview = QLabel(_t("No picture yet."))
        self.preview.setFixedSize(*PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #202020; color: #e0e0e0;")
        self.sounds_on = QCheckBox(_t("&Beep on every scan"))
        self.sounds_on.setChecked(answers.sounds)
        self.play_button = QPushButton(_t("&Play a test sound"))
        self.play_button.clicked.connect(self.play_test_sound)
        self.frames_shown = 0
        form = QFormLayout(self)
        form.addRow(_t("&Camera:"), self.camera)
        form.addRow("", self.preview)
        form.addRow("", self.sounds_on)
        form.addRow("", self.play_button)
        self.worker: CaptureWorker | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def camera_value(self) -> str:
        data = self.camera.currentData()
        text = self.camera.currentText().strip()
        if data is not None and self.camera.itemText(self.camera.currentIndex()) == text:
            return str(data)
        return text

    def play_test_sound(self) -> None:
        self.sounds.play(Tone.SUCCESS)

    def initializePage(self) -> None:
        self.start_preview()

    def start_preview(self) -> None:
        self.stop_preview()
        value = self.camera_value()
        if not value:
            return
        try:
            source = self._open_camera(value)
        except PvzdeskError as error:
            self.preview.setText(str(error))
            return
        self.worker = CaptureWorker(source)
        self.worker.start()
        self._timer.start()

    def stop_preview(self) -> None:
        self._timer.stop()
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    def _camera_changed(self, _text: str) -> None:
        if self.worker is not None:
            self.start_preview()

    def _poll(self) -> None:
        if self.worker is None:
            return
        preview = self.worker.latest_preview()
        status = self.worker.status()
        if preview is None:
            if status.message:
                self.preview.setText(status.message)
            return
        image = frame_to_image(preview.frame)
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(
                *PREVIEW_SIZE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.frames_shown += 1


class FoldersPage(QWizardPage):
    def __init__(self, answers: SetupAnswers, paths: DataPaths) -> None:
        super().__init__()
        self.setTitle(_t("Data and backups"))
        self.setSubTitle(
            _t("The journal stays in the data folder. Keep backups on another disk if you can.")
        )
        self.data_dir = QLabel(str(paths.root))
        self.data_dir.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_dir.setWordWrap(True)
        note = QLabel(_t("Another data folder: start pvzdesk with --data-dir or set PVZDESK_HOME."))
        note.setWordWrap(True)
        self.backups = QLineEdit(answers.backup_dir)
        self.backups.setPlaceholderText(str(paths.backups))
        form = QFormLayout(self)
        form.addRow(_t("Data folder:"), self.data_dir)
        form.addRow("", note)
        form.addRow(_t("Backups f&older:"), self.backups)


class SetupWizard(QWizard):
    def __init__(
        self,
        paths: DataPaths,
        settings: Settings,
        *,
        cameras: list[CameraInfo],
        open_camera: CameraOpener,
        sounds: Sounds,
        checker: KeyChecker = check_key,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.settings = settings
        self.result_settings: Settings | None = None
        self.notes: tuple[str, ...] = ()
        answers = SetupAnswers.from_settings(settings)
        self.setWindowTitle(_t("pvzdesk: first set-up"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same on every system
        self.setButtonText(QWizard.WizardButton.CancelButton, _t("Skip set-&up"))
        self.point_page = PointPage(answers)
        self.seller_page = SellerPage(answers, checker)
        self.camera_page = CameraPage(answers, cameras, open_camera, sounds)
        self.folders_page = FoldersPage(answers, paths)
        self.setPage(PAGE_POINT, self.point_page)
        self.setPage(PAGE_SELLER, self.seller_page)
        self.setPage(PAGE_CAMERA, self.camera_page)
        self.setPage(PAGE_FOLDERS, self.folders_page)
        self.currentIdChanged.connect(self._page_changed)
        self.problem = QLabel()  # what stops Finish, in words
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        self.folders_page.layout().addWidget(self.problem)  # type: ignore[union-attr]

    def _page_changed(self, page_id: int) -> None:
        if page_id != PAGE_CAMERA:
            self.camera_page.stop_preview()

    def answers(self) -> SetupAnswers:
        seller = self.point_page.adapter() == SELLER
        return SetupAnswers(
            adapter=self.point_page.adapter(),
            point_name=self.point_page.point_name.text(),
            operators=split_operators(self.point_page.operators.text()),
            seller_api_url=self.seller_page.url.text().strip(),
            client_id=self.seller_page.client_id.text().strip() if seller else "",
            api_key=self.seller_page.api_key.text().strip() if seller else "",
            camera=self.camera_page.camera_value(),
            sounds=self.camera_page.sounds_on.isChecked(),
            backup_dir=self.folders_page.backups.text(),
        )

    def validateCurrentPage(self) -> bool:
        if not super().validateCurrentPage():
            return False
        if self.currentId() != PAGE_FOLDERS:
            return True
        found = problems(self.answers())
        self.problem.setText(" ".join(found))
        return not found

    def accept(self) -> None:
        try:
            outcome = apply_setup(self.paths, self.settings, self.answers())
        except (PvzdeskError, OSError) as error:
            self.problem.setText(str(error))
            return
        self.result_settings = outcome.settings
        self.notes = outcome.notes
        self._shutdown()
        super().accept()

    def reject(self) -> None:
        try:
            self.result_settings = skip_setup(self.paths, self.settings)
        except (PvzdeskError, OSError):
            self.result_settings = self.settings  # asked again next time: no harm done
        self._shutdown()
        super().reject()

    def _shutdown(self) -> None:
        self.camera_page.stop_preview()
        self.seller_page.shutdown()


def run_setup_wizard(paths: DataPaths, settings: Settings) -> Settings:
    """Show the set-up on the real camera and speakers; the settings to start with."""
    from pvzdesk.scanning import CameraDevice, list_cameras

    def open_camera(value: str) -> FrameSource:
        device: int | str = int(value) if value.isdigit() else value
        scanner = settings.scanner
        return CameraDevice(device, width=scanner.camera_width, height=scanner.camera_height)

    wizard = SetupWizard(
        paths,
        settings,
        cameras=list_cameras(),
        open_camera=open_camera,
        sounds=Sounds(enabled=True),
    )
    wizard.exec()
    return wizard.result_settings or settings

"""The first-run wizard, driven by the keyboard as a person would: a real simulator checks the
key, a virtual camera gives the live picture, real settings are written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pvzdesk.paths import DataPaths
from pvzdesk.scanning import CameraInfo, FrameSource, VirtualCamera
from pvzdesk.secrets import KEYRING_SERVICE
from pvzdesk.services.setup import needs_setup
from pvzdesk.settings import Settings, load_settings
from pvzdesk.simulator import Simulator
from pvzdesk.ui.setup_wizard import PAGE_CAMERA, PAGE_FOLDERS, PAGE_SELLER, SetupWizard
from pvzdesk.ui.sounds import Sounds, Tone
from tests.memory_keyring import MemoryKeyring

ALT = Qt.KeyboardModifier.AltModifier
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def sim() -> Iterator[Simulator]:
    expires = datetime.now(UTC) + timedelta(days=90)
    with Simulator(seed=5, postings=5, apply_delay=0.0, key_expires_at=expires) as simulator:
        yield simulator


@pytest.fixture
def wizard(tmp_path: Path, qtbot: QtBot, english: None) -> Iterator[SetupWizard]:
    frame = np.zeros((180, 320, 3), dtype=np.uint8)
    frame[40:140, 60:260] = (0, 200, 255)
    opened: list[str] = []

    def open_camera(value: str) -> FrameSource:
        opened.append(value)
        return VirtualCamera([frame], fps=30)

    paths = DataPaths(tmp_path / "data")
    assert needs_setup(paths)
    window = SetupWizard(
        paths,
        Settings(language="en"),
        cameras=[CameraInfo(0, "Virtual camera")],
        open_camera=open_camera,
        sounds=Sounds(enabled=False),
    )
    window.opened = opened  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.camera_page.stop_preview()
    window.seller_page.shutdown()


def _type(qtbot: QtBot, wizard: SetupWizard, text: str) -> None:
    focused = wizard.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused, text)


def _alt(qtbot: QtBot, wizard: SetupWizard, key: Qt.Key) -> None:
    qtbot.keyClick(wizard.focusWidget() or wizard, key, ALT)


def test_a_seller_desk_by_keyboard_with_the_key_checked_and_a_live_picture(
    wizard: SetupWizard, qtbot: QtBot, sim: Simulator, memory_keyring: MemoryKeyring
) -> None:
    sounds = wizard.camera_page.sounds
    _alt(qtbot, wizard, Qt.Key.Key_S)  # Seller's own desk (a mnemonic clicks after a moment)
    qtbot.waitUntil(wizard.point_page.seller.isChecked)
    _alt(qtbot, wizard, Qt.Key.Key_M)
    _type(qtbot, wizard, "Lenina 5")
    _alt(qtbot, wizard, Qt.Key.Key_O)
    _type(qtbot, wizard, "Anna, Boris")
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    assert wizard.currentId() == PAGE_SELLER
    _alt(qtbot, wizard, Qt.Key.Key_A)
    _type(qtbot, wizard, sim.base_url)
    _alt(qtbot, wizard, Qt.Key.Key_I)
    _type(qtbot, wizard, sim.client_id)
    _alt(qtbot, wizard, Qt.Key.Key_K)
    _type(qtbot, wizard, sim.api_key)
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)  # Next: the key is checked first
    assert wizard.currentId() == PAGE_SELLER
    result = wizard.seller_page.result
    qtbot.waitUntil(lambda: wizard.seller_page.checked is not None, timeout=30_000)
    assert wizard.seller_page.checked is not None and wizard.seller_page.checked.ok
    assert "expires on" in result.text()
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    assert wizard.currentId() == PAGE_CAMERA
    qtbot.waitUntil(lambda: wizard.camera_page.frames_shown > 0, timeout=30_000)
    _alt(qtbot, wizard, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: Tone.SUCCESS in sounds.played)
    _alt(qtbot, wizard, Qt.Key.Key_N)  # Next (a mnemonic clicks after a moment)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_FOLDERS)
    assert wizard.camera_page.worker is None  # the camera is let go when the page is left
    _alt(qtbot, wizard, Qt.Key.Key_O)
    assert wizard.focusWidget() is wizard.folders_page.backups
    _type(qtbot, wizard, str(wizard.paths.root.parent / "usb-backups"))
    _alt(qtbot, wizard, Qt.Key.Key_F)  # Finish
    qtbot.waitUntil(lambda: not wizard.isVisible())
    saved = load_settings(wizard.paths.settings)
    assert saved.platform.adapter == "ozon_seller" and saved.platform.client_id == sim.client_id
    assert saved.operators == ["Anna", "Boris"] and saved.operator == "Anna"
    assert saved.point_name == "Lenina 5"
    assert saved.scanner.camera == "0"
    assert saved.backup_dir.endswith("usb-backups")
    assert memory_keyring.saved == {(KEYRING_SERVICE, sim.client_id): sim.api_key}


def test_a_wrong_key_keeps_the_person_on_the_key_page(
    wizard: SetupWizard, qtbot: QtBot, sim: Simulator, memory_keyring: MemoryKeyring
) -> None:
    _alt(qtbot, wizard, Qt.Key.Key_S)
    qtbot.waitUntil(wizard.point_page.seller.isChecked)
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    page = wizard.seller_page
    page.url.setText(sim.base_url)
    page.client_id.setText(sim.client_id)
    page.api_key.setFocus()
    qtbot.keyClicks(page.api_key, "wrong-key")
    qtbot.keyClick(page.api_key, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.checked is not None, timeout=30_000)
    assert page.checked is not None and not page.checked.ok
    qtbot.keyClick(page.api_key, Qt.Key.Key_Return)  # Next again: checked again, still refused
    qtbot.waitUntil(lambda: page.check_button.isEnabled(), timeout=30_000)
    assert wizard.currentId() == PAGE_SELLER
    assert memory_keyring.saved == {}


def test_a_partner_point_goes_straight_to_the_camera(wizard: SetupWizard, qtbot: QtBot) -> None:
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    assert wizard.currentId() == PAGE_CAMERA
    assert wizard.opened == ["0"]  # type: ignore[attr-defined]


def test_escape_skips_and_the_wizard_is_not_shown_again(wizard: SetupWizard, qtbot: QtBot) -> None:
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    assert load_settings(wizard.paths.settings) == Settings(language="en")
    assert not needs_setup(wizard.paths)

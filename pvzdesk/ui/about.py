"""About pvzdesk: the version line-up a support ticket needs (the same as ``pvzdesk --version``),
with the running Qt's own version and the data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from pvzdesk.version import version_info


def about_text(data_dir: Path) -> str:
    lines = version_info().lines()
    lines.append(f"Qt runtime {qVersion()}")
    lines.append(
        QCoreApplication.translate("AboutBox", "Data folder: {path}").format(path=data_dir)
    )
    return "\n".join(lines)


class AboutBox(QMessageBox):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("AboutBox", "About pvzdesk"))
        self.setIcon(QMessageBox.Icon.Information)
        self.setText(about_text(data_dir))
        self.copy_button = QPushButton(QCoreApplication.translate("AboutBox", "&Copy"))
        self.addButton(self.copy_button, QMessageBox.ButtonRole.ActionRole)
        self.copy_button.clicked.disconnect()  # keep the box open after copying
        self.copy_button.clicked.connect(self.copy)
        self.addButton(QMessageBox.StandardButton.Close)

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.text())

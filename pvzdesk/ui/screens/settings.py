"""Настройки: the one settings object, edited in a form, validated with plain sentences, saved to
``settings.toml``; the Seller API key goes to the OS keyring and is never shown back. A new point
database (several desks) takes effect at once: ``app.apply_settings`` rebuilds the point link."""

from __future__ import annotations

import logging
from dataclasses import replace
from urllib.parse import urlparse

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pvzdesk.errors import SettingsError
from pvzdesk.secrets import store_api_key
from pvzdesk.services.setup import split_operators
from pvzdesk.settings import Settings, save_settings
from pvzdesk.ui.context import Changes, Tone, UiContext
from pvzdesk.ui.screens.base import Screen
from pvzdesk.ui.screens.office import MessageLine, add_shortcut, heading

log = logging.getLogger(__name__)

RETENTION_RANGE = (1, 3650)


def _spin(low: int, high: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    box.setMinimumWidth(140)
    return box


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    """A choice as wide as its longest item: the columns stack (``_Reflow``) rather than cut it."""
    box = QComboBox()
    for value, text in items:
        box.addItem(text, value)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


class _Reflow(QObject):
    """The form's two columns side by side while both show whole in the scroll area's width, one
    above the other when not: with the camera's panel on (F9) a 1366-px screen leaves each column
    too little for the long choices ("Partner point: guided re-entry")."""

    def __init__(self, columns: QBoxLayout, scroll: QScrollArea) -> None:
        super().__init__(scroll)
        self._columns = columns
        self._scroll = scroll
        scroll.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.reflow()
        return False

    def reflow(self) -> None:
        box = self._columns
        items = [box.itemAt(index) for index in range(box.count())]
        margins = box.contentsMargins()
        side_by_side = (
            sum(item.minimumSize().width() for item in items if item is not None)
            + box.spacing() * (len(items) - 1)
            + margins.left()
            + margins.right()
        )
        fits = self._scroll.viewport().width() >= side_by_side
        direction = QBoxLayout.Direction.LeftToRight if fits else QBoxLayout.Direction.TopToBottom
        if box.direction() != direction:
            box.setDirection(direction)


def _select(box: QComboBox, value: str) -> None:
    index = box.findData(value)
    box.setCurrentIndex(index if index >= 0 else 0)


class SettingsScreen(Screen):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._build()
        self.load(ctx.app.settings)

    def title(self) -> str:
        return self.tr("Settings")

    # --- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = heading(self.tr("Settings"))
        self.message = MessageLine()

        self.language = _combo([("ru", "Русский"), ("en", "English")])
        self.language_note = QLabel(self.tr("The language changes after a restart."))
        self.operator = QLineEdit()
        self.operators = QLineEdit()  # the point's staff (first-run set-up asks for them)
        self.point_name = QLineEdit()
        self.storage_days = _spin(1, 365, self.tr(" days"))
        self.sounds = QCheckBox(self.tr("Beep on every scan"))
        counter_box = QGroupBox(self.tr("Counter"))
        counter_form = QFormLayout(counter_box)
        self.language_note.setWordWrap(True)
        language_label = QLabel(self.tr("&Language:"))
        language_label.setBuddy(self.language)
        counter_form.addRow(language_label, self.language)
        counter_form.addRow(self.language_note)  # a sentence: the whole width
        counter_form.addRow(self.tr("&Operator name:"), self.operator)
        counter_form.addRow(self.tr("All operators (comma-separated):"), self.operators)
        counter_form.addRow(self.tr("&Point name:"), self.point_name)
        counter_form.addRow(self.tr("S&torage period:"), self.storage_days)
        counter_form.addRow("", self.sounds)

        self.adapter = _combo(
            [
                ("reentry", self.tr("Partner point: guided re-entry")),
                ("ozon_seller", self.tr("Seller API (rFBS)")),
            ]
        )
        self.seller_api_url = QLineEdit()
        self.login_probe_url = QLineEdit()
        self.client_id = QLineEdit()
        self.api_key = QLineEdit()
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key_state = QLabel()
        self.api_key_state.setWordWrap(True)
        platform_box = QGroupBox(self.tr("Platform"))
        platform_form = QFormLayout(platform_box)
        # the modes' names are long: the choice takes the group's whole width under its label
        adapter_label = QLabel(self.tr("&Adapter:"))
        adapter_label.setBuddy(self.adapter)
        platform_form.addRow(adapter_label)
        platform_form.addRow(self.adapter)
        platform_form.addRow(self.tr("Seller API &URL:"), self.seller_api_url)
        platform_form.addRow(self.tr("Login &check URL:"), self.login_probe_url)
        platform_form.addRow(self.tr("Client-&Id:"), self.client_id)
        platform_form.addRow(self.tr("API &key:"), self.api_key)
        platform_form.addRow("", self.api_key_state)

        self.camera = QLineEdit()
        self.decoder = _combo([("zxing", "zxing-cpp"), ("zbar", "zbar (pyzbar)")])
        self.photo = QCheckBox(self.tr("Take a photo at hand-over"))
        scanner_box = QGroupBox(self.tr("Camera and scanner"))
        scanner_form = QFormLayout(scanner_box)
        scanner_form.addRow(self.tr("&Camera (number or file):"), self.camera)
        scanner_form.addRow(self.tr("&Decoder:"), self.decoder)
        scanner_form.addRow("", self.photo)

        self.backup_days = _spin(*RETENTION_RANGE, self.tr(" days"))
        self.evidence_days = _spin(*RETENTION_RANGE, self.tr(" days"))
        self.personal_days = _spin(*RETENTION_RANGE, self.tr(" days"))
        self.backup_dir = QLineEdit()
        self.backup_dir.setPlaceholderText(str(self.ctx.app.paths.backups))  # the default
        keep_box = QGroupBox(self.tr("How long to keep"))
        keep_form = QFormLayout(keep_box)
        keep_form.addRow(self.tr("Backups folder:"), self.backup_dir)
        keep_form.addRow(self.tr("&Backups:"), self.backup_days)
        keep_form.addRow(self.tr("&Photos (evidence):"), self.evidence_days)
        keep_form.addRow(self.tr("Customers' &names and phones:"), self.personal_days)

        self.point_url = QLineEdit()
        self.point_url.setPlaceholderText("postgresql://pvzdesk@192.168.1.10:5432/pvzdesk")
        self.desk_name = QLineEdit()
        self.desk_name.setPlaceholderText(self.tr("e.g. 2"))
        self.central_url = QLineEdit()
        self.point_note = QLabel(
            self.tr(
                "Several desks at one point share a PostgreSQL database: leave it empty for a desk "
                "on its own. The password is kept in the system keyring, never here."
            )
        )
        self.point_note.setWordWrap(True)
        point_box = QGroupBox(self.tr("Several desks"))
        point_form = QFormLayout(point_box)
        point_form.addRow(self.point_note)  # the whole width: a sentence, not a field
        point_form.addRow(self.tr("Point &database:"), self.point_url)
        point_form.addRow(self.tr("This desk's &name:"), self.desk_name)
        point_form.addRow(self.tr("Owner's central database:"), self.central_url)

        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Undo changes (Esc)"))
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        for form in (counter_form, platform_form, scanner_form, keep_form, point_form):
            # a long label puts its field on the next line instead of pushing the right column
            # off a 1366-pixel screen (the scroll area does not scroll sideways)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form_host = QWidget()
        columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, form_host)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(counter_box)
        left.addWidget(keep_box)
        left.addStretch(1)
        right.addWidget(platform_box)
        right.addWidget(scanner_box)
        right.addWidget(point_box)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(form_host)
        self._reflow = _Reflow(columns, scroll)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        add_shortcut(self, "Ctrl+S", self.save)
        add_shortcut(self, "Esc", self.revert)
        for field in (self.operator, self.point_name, self.seller_api_url, self.login_probe_url):
            field.returnPressed.connect(self.save)
        for field in (
            self.client_id,
            self.api_key,
            self.camera,
            self.point_url,
            self.desk_name,
            self.central_url,
        ):
            field.returnPressed.connect(self.save)
        self.setTabOrder(self.language, self.operator)

    # --- loading and reading the form --------------------------------------------------------
    def load(self, settings: Settings) -> None:
        _select(self.language, settings.language)
        self.operator.setText(settings.operator)
        self.operators.setText(", ".join(settings.operators))
        self.backup_dir.setText(settings.backup_dir)
        self.point_name.setText(settings.point_name)
        self.storage_days.setValue(settings.storage_days)
        self.sounds.setChecked(settings.sounds)
        _select(self.adapter, settings.platform.adapter)
        self.seller_api_url.setText(settings.platform.seller_api_url)
        self.login_probe_url.setText(settings.platform.login_probe_url)
        self.client_id.setText(settings.platform.client_id)
        self.api_key.clear()
        self.api_key.setPlaceholderText(self.tr("type a new key to replace the saved one"))
        self.api_key_state.setText(
            self.tr("The key is kept in the system keyring and is never shown here.")
        )
        self.camera.setText(settings.scanner.camera)
        _select(self.decoder, settings.scanner.decoder)
        self.photo.setChecked(settings.scanner.photo_at_handover)
        self.backup_days.setValue(settings.backup_keep_days)
        self.evidence_days.setValue(settings.evidence_keep_days)
        self.personal_days.setValue(settings.personal_data_keep_days)
        self.point_url.setText(settings.point.database_url)
        self.desk_name.setText(settings.point.desk_name)
        self.central_url.setText(settings.central.database_url)

    def _problems(self) -> list[str]:
        problems: list[str] = []
        if not self.operator.text().strip():
            problems.append(self.tr("Type the operator's name: it goes into every journal entry."))
        for field, name in (
            (self.seller_api_url, self.tr("Seller API URL")),
            (self.login_probe_url, self.tr("Login check URL")),
        ):
            parsed = urlparse(field.text().strip())
            if parsed.scheme not in ("http", "https") or not parsed.netloc:
                problems.append(
                    self.tr("{name} must be a web address starting with https://.").format(
                        name=name
                    )
                )
        client = self.client_id.text().strip()
        if client and not client.isdigit():
            problems.append(self.tr("Client-Id is a number, as shown in the seller's account."))
        if self.adapter.currentData() == "ozon_seller" and not client:
            problems.append(self.tr("The Seller API needs a Client-Id."))
        if self.api_key.text().strip() and not client:
            problems.append(self.tr("Type the Client-Id the API key belongs to."))
        if not self.camera.text().strip():
            problems.append(self.tr("Give a camera: its number (0 is the first) or a file."))
        for field, name in (
            (self.point_url, self.tr("The point database")),
            (self.central_url, self.tr("The central database")),
        ):
            url = field.text().strip()
            if url and not url.startswith(("postgresql://", "postgres://")):
                problems.append(
                    self.tr("{name} is written as postgresql://user@host:5432/database.").format(
                        name=name
                    )
                )
            elif "@" in url and ":" in url.split("//", 1)[-1].split("@", 1)[0]:
                problems.append(
                    self.tr(
                        "{name}: take the password out of the address; it goes to the system "
                        "keyring."
                    ).format(name=name)
                )
        return problems

    def settings_from_form(self) -> Settings:
        current = self.ctx.app.settings
        return replace(
            current,
            language=str(self.language.currentData()),
            operator=self.operator.text().strip(),
            operators=list(split_operators(self.operators.text())),
            backup_dir=self.backup_dir.text().strip(),
            point_name=self.point_name.text().strip(),
            storage_days=self.storage_days.value(),
            sounds=self.sounds.isChecked(),
            backup_keep_days=self.backup_days.value(),
            evidence_keep_days=self.evidence_days.value(),
            personal_data_keep_days=self.personal_days.value(),
            platform=replace(
                current.platform,
                adapter=str(self.adapter.currentData()),
                seller_api_url=self.seller_api_url.text().strip(),
                login_probe_url=self.login_probe_url.text().strip(),
                client_id=self.client_id.text().strip(),
            ),
            scanner=replace(
                current.scanner,
                camera=self.camera.text().strip(),
                decoder=str(self.decoder.currentData()),
                photo_at_handover=self.photo.isChecked(),
            ),
            point=replace(
                current.point,
                database_url=self.point_url.text().strip(),
                desk_name=self.desk_name.text().strip(),
            ),
            central=replace(current.central, database_url=self.central_url.text().strip()),
        )

    # --- actions -----------------------------------------------------------------------------
    def save(self) -> None:
        problems = self._problems()
        if problems:
            self.message.show_message(" ".join(problems), Tone.ERROR)
            return
        new = self.settings_from_form()
        old = self.ctx.app.settings
        try:
            save_settings(self.ctx.app.paths.settings, new)
        except SettingsError as error:
            self.message.show_message(str(error), Tone.ERROR)
            return
        except OSError as error:
            self.message.show_message(
                self.tr("The settings file cannot be written: {reason}").format(
                    reason=error.strerror or str(error)
                ),
                Tone.ERROR,
            )
            return
        notes = [self.tr("Settings saved.")]
        tone = Tone.SUCCESS
        key = self.api_key.text().strip()
        if key:
            self.api_key.clear()  # the key leaves the form at once, whatever happens next
            if store_api_key(new.platform.client_id, key):
                notes.append(self.tr("The API key is saved in the system keyring."))
            else:
                tone = Tone.WARNING
                notes.append(
                    self.tr(
                        "This computer has no keyring, so the API key was NOT saved: set the "
                        "PVZDESK_API_KEY environment variable instead."
                    )
                )
        if new.language != old.language:
            notes.append(self.tr("The new language is used after pvzdesk is restarted."))
        if (new.point, new.central) != (old.point, old.central):
            notes.append(
                self.tr("The link to the point database is rebuilt now.")
                if new.point.database_url or new.central.database_url
                else self.tr("This desk now works on its own.")
            )
        self._apply(new)
        self.message.show_message(" ".join(notes), tone)
        self.ctx.announce(Changes(settings=True, origin="settings"))

    def _apply(self, new: Settings) -> None:
        """Every thread's services see the new operator and storage period at once; a new point
        database rebuilds the point link there too (stand-alone again when it is emptied)."""
        self.ctx.app.apply_settings(new)

    def revert(self) -> None:
        self.load(self.ctx.app.settings)
        self.message.show_message(self.tr("Changes undone."), None)

    def on_activated(self) -> None:
        self.operator.setFocus()

    def on_changes(self, changes: Changes) -> None:
        if changes.settings and changes.origin != "settings":
            self.load(self.ctx.app.settings)

"""First-run set-up: the answers a new point gives once, shared by the window's wizard
(``ui/setup_wizard.py``) and ``pvzdesk setup`` in the terminal.

Every answer lands in the one settings file (the API key in the OS keyring), so all of them can
be changed later in Настройки; skipping saves the defaults, so the set-up is not asked again.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from pvzdesk.errors import PlatformError
from pvzdesk.i18n import tr
from pvzdesk.paths import DataPaths
from pvzdesk.secrets import store_api_key
from pvzdesk.settings import PlatformSettings, Settings, save_settings
from pvzdesk.storage.store import DB_NAME

if TYPE_CHECKING:
    from pvzdesk.sync.seller_wire import KeyInfo

PARTNER = "reentry"  # a partner pickup point: guided re-entry
SELLER = "ozon_seller"  # a seller's own desk: the Seller API
KEY_WARN_DAYS = 14  # the status bar warns this far ahead too


@dataclass(frozen=True)
class SetupAnswers:
    adapter: str = PARTNER
    point_name: str = ""
    operators: tuple[str, ...] = ()
    seller_api_url: str = PlatformSettings().seller_api_url
    client_id: str = ""
    api_key: str = field(default="", repr=False)  # to the keyring, never to the settings file
    camera: str = "0"
    sounds: bool = True
    backup_dir: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> SetupAnswers:
        return cls(
            adapter=settings.platform.adapter,
            point_name=settings.point_name,
            operators=tuple(settings.operators),
            seller_api_url=settings.platform.seller_api_url,
            client_id=settings.platform.client_id,
            camera=settings.scanner.camera,
            sounds=settings.sounds,
            backup_dir=settings.backup_dir,
        )


@dataclass(frozen=True)
class KeyCheck:
    ok: bool
    message: str
    expires_at: datetime | None = None


@dataclass(frozen=True)
class SetupOutcome:
    settings: Settings
    notes: tuple[str, ...]
    key_saved: bool | None  # None: no key was given


def needs_setup(paths: DataPaths) -> bool:
    """An empty data folder: no settings and no journal yet (a demo or an old point has them)."""
    return not paths.settings.exists() and not (paths.root / DB_NAME).exists()


def split_operators(text: str) -> tuple[str, ...]:
    """ "Анна, Борис; Вера" -> the names, once each, in the order given."""
    names: list[str] = []
    for part in text.replace(";", ",").replace("\n", ",").split(","):
        name = " ".join(part.split())
        if name and name not in names:
            names.append(name)
    return tuple(names)


def problems(answers: SetupAnswers) -> list[str]:
    found: list[str] = []
    if answers.adapter == SELLER:
        if not answers.client_id.strip().isdigit():
            found.append(tr("Client-Id is a number, as shown in the seller's account."))
        if not answers.seller_api_url.startswith(("https://", "http://")):
            found.append(tr("The Seller API address must start with https://."))
    if not answers.camera.strip():
        found.append(tr("Give a camera: its number (0 is the first) or a file."))
    return found


class KeyInfoSource(Protocol):
    """The Seller API client as the key check needs it (built in ``pvzdesk.app``)."""

    def key_info(self) -> KeyInfo: ...

    def close(self) -> None: ...


def check_seller_key(api: KeyInfoSource, now: datetime) -> KeyCheck:  # closes ``api``
    """Ask the platform's ``/v1/roles`` whether the key works and when it expires."""
    try:
        info = api.key_info()
    except PlatformError as error:
        return KeyCheck(False, " ".join(part for part in (error.message, error.hint) if part))
    finally:
        api.close()
    if info.expires_at is None:
        return KeyCheck(True, tr("The key works."))
    days = (info.expires_at - now).days
    date = info.expires_at.astimezone().strftime("%d.%m.%Y")
    if days < 0:
        return KeyCheck(False, tr("The key expired on {date}.", date=date), info.expires_at)
    message = tr("The key works; it expires on {date} (in {days} days).", date=date, days=days)
    if days <= KEY_WARN_DAYS:
        message += " " + tr("Make a new key in the seller's account soon.")
    return KeyCheck(True, message, info.expires_at)


def settings_from_answers(current: Settings, answers: SetupAnswers) -> Settings:
    operators = list(answers.operators)
    return replace(
        current,
        point_name=answers.point_name.strip(),
        operators=operators,
        operator=operators[0] if operators else current.operator,
        sounds=answers.sounds,
        backup_dir=answers.backup_dir.strip(),
        platform=replace(
            current.platform,
            adapter=answers.adapter,
            seller_api_url=answers.seller_api_url.strip() or current.platform.seller_api_url,
            client_id=answers.client_id.strip(),
        ),
        scanner=replace(current.scanner, camera=answers.camera.strip()),
    ).validate()


def apply_setup(paths: DataPaths, current: Settings, answers: SetupAnswers) -> SetupOutcome:
    """Save the answers; the API key goes to the keyring (or the notes say why it did not)."""
    new = settings_from_answers(current, answers)
    save_settings(paths.settings, new)
    notes = [tr("Settings saved; change them any time in Settings.")]
    key_saved: bool | None = None
    if answers.api_key.strip():
        key_saved = store_api_key(new.platform.client_id, answers.api_key.strip())
        notes.append(
            tr("The API key is saved in the system keyring.")
            if key_saved
            else tr(
                "This computer has no keyring, so the API key was NOT saved: set the "
                "PVZDESK_API_KEY environment variable instead."
            )
        )
    return SetupOutcome(new, tuple(notes), key_saved)


def skip_setup(paths: DataPaths, current: Settings) -> Settings:
    """Keep the defaults and do not ask again (Настройки has every answer)."""
    save_settings(paths.settings, current)
    return current

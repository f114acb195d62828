"""The one settings object: typed, validated, stored as TOML in the data directory.

Secrets (the Seller API key) never live here: they go to the OS keyring (see ``secrets.py``).
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import tomli_w

from pvzdesk.durable import write_durably
from pvzdesk.errors import SettingsError
from pvzdesk.i18n import SUPPORTED_LANGUAGES, tr

SETTINGS_NAME = "settings.toml"
ADAPTERS = ("ozon_seller", "reentry")
DECODERS = ("zxing", "zbar")


@dataclass(frozen=True)
class PlatformSettings:
    adapter: str = "reentry"  # "reentry" for partner points, "ozon_seller" for rFBS sellers
    seller_api_url: str = "https://api-seller.ozon.ru"
    login_probe_url: str = "https://turbo-pvz.ozon.ru/"
    client_id: str = ""
    probe_interval_s: float = 15.0
    probe_timeout_s: float = 5.0
    # Clearly below the Seller API's 50 requests/s per Client-Id (the token bucket keeps a further
    # 10% headroom), fast enough to replay 10,000 entries within a minute (DESIGN §11).
    rate_limit_rps: float = 40.0
    # The warm manifest (ozon_seller): listed from the platform this often while it is up, and
    # shown as a warning in the status bar once older than manifest_warn_after_min.
    manifest_refresh_min: float = 5.0
    manifest_warn_after_min: float = 30.0


@dataclass(frozen=True)
class ScannerSettings:
    camera: str = "0"  # a device index or a path/URL
    camera_width: int = 1280
    camera_height: int = 720
    decoder: str = "zxing"
    repeat_window_s: float = 2.0
    wedge_gs_substitute: str = ""  # what the scanner types instead of GS (0x1D), e.g. "<GS>"
    wedge_prefix: str = ""
    wedge_suffix: str = ""
    photo_at_handover: bool = False


@dataclass(frozen=True)
class PointSettings:
    """The point database shared by the desks of one pickup point (optional)."""

    # postgresql://user@host:5432/db; PVZDESK_POINT_DB overrides; the password is in the keyring
    database_url: str = ""
    desk_name: str = ""  # how the other desks name this one in messages («касса 2»)
    claim_timeout_ms: int = 300


@dataclass(frozen=True)
class CentralSettings:
    """The owner's central database every desk pushes its journal to (optional)."""

    database_url: str = ""  # add ?sslmode=verify-full for TLS; PVZDESK_CENTRAL_DB overrides
    point_id: str = ""  # this point's name in the central journal (default: point_name)


@dataclass(frozen=True)
class Settings:
    language: str = "ru"
    operator: str = "Оператор"  # a name a Russian report can show until the set-up asks
    operators: list[str] = field(default_factory=list)  # the point's staff, offered at sign-in
    point_name: str = ""
    storage_days: int = 7
    backup_keep_days: int = 14
    evidence_keep_days: int = 30
    personal_data_keep_days: int = 30
    sounds: bool = True
    backup_dir: str = ""  # "" keeps backups in the data folder; another disk is safer
    platform: PlatformSettings = field(default_factory=PlatformSettings)
    scanner: ScannerSettings = field(default_factory=ScannerSettings)
    point: PointSettings = field(default_factory=PointSettings)
    central: CentralSettings = field(default_factory=CentralSettings)

    def validate(self) -> Settings:
        problems: list[str] = []
        if self.language not in SUPPORTED_LANGUAGES:
            problems.append(f"language = {self.language!r}")
        if not 1 <= self.storage_days <= 365:
            problems.append(f"storage_days = {self.storage_days}")
        for name in ("backup_keep_days", "evidence_keep_days", "personal_data_keep_days"):
            if not 1 <= getattr(self, name) <= 3650:
                problems.append(f"{name} = {getattr(self, name)}")
        if any(not isinstance(name, str) or not name.strip() for name in self.operators):
            problems.append(f"operators = {self.operators!r}")
        if self.platform.adapter not in ADAPTERS:
            problems.append(f"platform.adapter = {self.platform.adapter!r}")
        if not 0 < self.platform.rate_limit_rps <= 50:
            problems.append(f"platform.rate_limit_rps = {self.platform.rate_limit_rps}")
        if self.platform.manifest_refresh_min < 1 or self.platform.manifest_warn_after_min < 1:
            problems.append("platform.manifest_refresh_min / manifest_warn_after_min < 1")
        if self.platform.probe_interval_s < 1:
            problems.append(f"platform.probe_interval_s = {self.platform.probe_interval_s}")
        if not 50 <= self.point.claim_timeout_ms <= 10_000:
            problems.append(f"point.claim_timeout_ms = {self.point.claim_timeout_ms}")
        for name, url in (
            ("point", self.point.database_url),
            ("central", self.central.database_url),
        ):
            if url and not url.startswith(("postgresql://", "postgres://")):
                problems.append(f"{name}.database_url")
            elif "@" in url and ":" in url.split("//", 1)[-1].split("@", 1)[0]:
                problems.append(f"{name}.database_url (a password; keep it in the keyring)")
        if self.scanner.decoder not in DECODERS:
            problems.append(f"scanner.decoder = {self.scanner.decoder!r}")
        if problems:
            raise SettingsError(
                tr(
                    "The settings file has values that cannot be used: {values}.",
                    values="; ".join(problems),
                ),
                hint=tr(
                    "Fix them in Settings or in settings.toml, or delete the file to start from defaults."
                ),
            )
        return self

    def to_toml(self) -> str:
        return tomli_w.dumps(asdict(self))


def _build(cls: type[Any], data: dict[str, Any], where: str) -> Any:
    known = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise SettingsError(tr("Unknown setting {name}.", name=f"{where}{key}"))
        default = getattr(cls(), key)
        if isinstance(
            default, PlatformSettings | ScannerSettings | PointSettings | CentralSettings
        ):
            if not isinstance(value, dict):
                raise SettingsError(tr("Setting {name} must be a section.", name=f"{where}{key}"))
            values[key] = _build(type(default), value, f"{key}.")
        else:
            expected = type(default)
            if expected is float and type(value) is int:
                value = float(value)
            if type(value) is not expected:
                raise SettingsError(
                    tr("Setting {name} has the wrong type.", name=f"{where}{key}"),
                    hint=tr("Expected a value like {example}.", example=repr(default)),
                )
            values[key] = value
    return cls(**values)


def load_settings(path: Path) -> Settings:
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(
            tr("The settings file {path} cannot be read: {reason}.", path=path, reason=exc),
            hint=tr("Fix it, or delete it to start from defaults."),
        ) from exc
    settings: Settings = _build(Settings, data, "")
    return settings.validate()


def save_settings(path: Path, settings: Settings) -> None:
    settings.validate()
    write_durably(path, settings.to_toml().encode("utf-8"))  # never half a settings file


__all__ = [
    "CentralSettings",
    "PlatformSettings",
    "PointSettings",
    "ScannerSettings",
    "Settings",
    "load_settings",
    "replace",
    "save_settings",
]


class LiveSettings:
    """The *current* settings, shared by every service of one app on every thread.

    Services read it at each operation instead of copying values at construction, so a change
    saved in Настройки (the operator above all) reaches the GUI thread, the scan writer and the
    DB worker at once: the next entry any of them writes carries it. Safe from any thread (one
    reference swap; a ``Settings`` is immutable).
    """

    def __init__(self, settings: Settings) -> None:
        self._current = settings

    @property
    def current(self) -> Settings:
        return self._current

    def replace(self, settings: Settings) -> None:
        self._current = settings.validate()

    @property
    def operator(self) -> str:
        return self._current.operator

"""The Seller API key: from the environment, else the OS keyring. Never in settings or logs."""

from __future__ import annotations

import logging
import os
import secrets
import sys
import threading
from pathlib import Path
from types import ModuleType

from pvzdesk.errors import SettingsError
from pvzdesk.i18n import tr

KEYRING_SERVICE = "pvzdesk-seller-api"

log = logging.getLogger(__name__)

# keyring's macOS backend, imported off macOS, asks ``ctypes.util.find_library`` for three Apple
# frameworks: on Linux that runs ldconfig, gcc and ld for each (~70 ms of a 0.5 s CLI command),
# only for the backend to declare itself unusable ("macOS required").
_MACOS_BACKEND = "keyring.backends.macOS"


def _keyring() -> ModuleType:
    """The ``keyring`` module, choosing its backend as keyring itself does (its environment
    variable, its config file, else the usable backend of the highest priority, or a chain of
    them), minus loading the macOS backend on another OS, where it can never be usable.

    Raises ImportError when keyring is not installed."""
    import keyring
    from keyring import backend

    if sys.platform != "darwin" and getattr(backend, "_load_plugins", None) is not None:
        backend._load_plugins = _load_plugins_of_this_os
    return keyring


def _load_plugins_of_this_os() -> None:
    """``keyring.backend._load_plugins`` (every ``keyring.backends`` entry point is loaded and
    its initialiser called), skipping the macOS backend."""
    from importlib.metadata import entry_points

    for entry in entry_points(group="keyring.backends"):
        if entry.value == _MACOS_BACKEND:
            continue
        try:
            initialise = entry.load()
            if callable(initialise):
                initialise()
        except Exception:  # as keyring does: a broken plugin costs that plugin only
            log.warning("keyring plugin %s cannot be loaded", entry.name, exc_info=True)


def checked_api_key(key: str) -> str:
    """An API key goes into an HTTP header: only printable ASCII can (a key typed in a Russian
    keyboard layout cannot be sent, and is refused here rather than deep in the network code)."""
    if key and not (key.isascii() and key.isprintable()):
        raise SettingsError(
            tr(
                "The platform API key has characters that cannot be in a key (not Latin letters, "
                "digits or signs)."
            ),
            hint=tr(
                "Copy the key again from the seller's account (switch the keyboard to English if "
                "typing it) and save it in Settings."
            ),
        )
    return key


def api_key(client_id: str) -> str:
    from_env = os.environ.get("PVZDESK_API_KEY", "")
    if from_env:
        return checked_api_key(from_env)
    if not client_id:
        return ""
    try:
        keyring = _keyring()
        from keyring.errors import KeyringError

        try:
            return checked_api_key(keyring.get_password(KEYRING_SERVICE, client_id) or "")
        except KeyringError:
            return ""
    except ImportError:
        return ""


def client_id(configured: str) -> str:
    return os.environ.get("PVZDESK_CLIENT_ID", "") or configured


def store_api_key(client_id: str, key: str) -> bool:
    """Save the key in the keyring; False when no keyring backend is available here."""
    keyring = _keyring()
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, client_id, key)
    except KeyringError:
        return False
    return True


def database_password(service: str, account: str) -> str:
    """A point or central database password from the keyring ("" when none or no keyring)."""
    try:
        keyring = _keyring()
        from keyring.errors import KeyringError
    except ImportError:
        return ""
    try:
        return keyring.get_password(service, account) or ""
    except KeyringError:
        return ""


ANCHOR_KEY_SERVICE = "pvzdesk-journal-anchor"
ANCHOR_KEY_FILE = "anchor.key"
_anchor_keys: dict[str, bytes] = {}
_anchor_key_lock = threading.Lock()


def anchor_key(device_id: str, data_dir: Path) -> tuple[bytes, bool]:
    """This device's key that signs the journal's anchor, and whether the OS keyring holds it.

    Kept in the keyring so whoever can rewrite the journal file cannot re-sign its anchor. Where no
    keyring exists (a bare Linux box, the tests' processes) the key lives in ``anchor.key`` beside
    the journal: the anchor then still catches a cut or a lost WAL, but not a determined tamperer.
    """
    with _anchor_key_lock:  # two threads making the first key at once must not make two keys
        return _anchor_key(device_id, data_dir)


def _anchor_key(device_id: str, data_dir: Path) -> tuple[bytes, bool]:
    cached = _anchor_keys.get(device_id)
    if cached is not None:
        return cached, True
    try:
        keyring = _keyring()
        from keyring.errors import KeyringError

        try:
            stored = keyring.get_password(ANCHOR_KEY_SERVICE, device_id)
            if not stored:
                keyring.set_password(ANCHOR_KEY_SERVICE, device_id, secrets.token_hex(32))
                stored = keyring.get_password(ANCHOR_KEY_SERVICE, device_id)
            if stored:
                _anchor_keys[device_id] = bytes.fromhex(stored)
                return _anchor_keys[device_id], True
        except (KeyringError, ValueError):
            pass
    except ImportError:
        pass
    return _file_key(data_dir / ANCHOR_KEY_FILE), False


def _read_key(path: Path) -> bytes | None:
    try:
        text = path.read_text(encoding="ascii").strip()
        return bytes.fromhex(text) if text else None
    except (OSError, ValueError):
        return None


def _file_key(path: Path) -> bytes:
    """The key in ``path``, made if missing. The file appears whole or not at all (written under
    another name, then linked into place), so a process reading it meanwhile never takes an empty
    or half-written file for a key; one left empty by a crash is replaced."""
    found = _read_key(path)
    if found is not None:
        return found
    key = secrets.token_hex(32)
    draft = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.new")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, key.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        try:
            os.link(draft, path)  # never replaces: the first key made wins
        except FileExistsError:
            if _read_key(path) is None:  # empty or damaged (a crash mid-write): ours instead
                os.replace(draft, path)
        except OSError:  # a file system without hard links
            os.replace(draft, path)
    finally:
        draft.unlink(missing_ok=True)
    found = _read_key(path)
    return found if found is not None else bytes.fromhex(key)

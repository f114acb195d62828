"""The Seller API key: from the environment, else the OS keyring. Never in settings or logs."""

from __future__ import annotations

import os

KEYRING_SERVICE = "pvzdesk-seller-api"


def api_key(client_id: str) -> str:
    from_env = os.environ.get("PVZDESK_API_KEY", "")
    if from_env:
        return from_env
    if not client_id:
        return ""
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(KEYRING_SERVICE, client_id) or ""
        except KeyringError:
            return ""
    except ImportError:
        return ""


def client_id(configured: str) -> str:
    return os.environ.get("PVZDESK_CLIENT_ID", "") or configured


def store_api_key(client_id: str, key: str) -> bool:
    """Save the key in the keyring; False when no keyring backend is available here."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, client_id, key)
    except KeyringError:
        return False
    return True


def database_password(service: str, account: str) -> str:
    """A point or central database password from the keyring ("" when none or no keyring)."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return ""
    try:
        return keyring.get_password(service, account) or ""
    except KeyringError:
        return ""

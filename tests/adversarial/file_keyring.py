"""A keyring backend in a JSON file, for the adversarial suite's real processes.

keyring loads it through ``PYTHON_KEYRING_BACKEND``; the file is named by ``PVZDESK_TEST_KEYRING``.
It stands in for the OS keyring (absent on a CI machine): the device key lives outside the data
folder, where a tamperer who rewrites the journal cannot read it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _path(self) -> Path:
        return Path(os.environ["PVZDESK_TEST_KEYRING"])

    def _load(self) -> dict[str, str]:
        try:
            loaded: dict[str, str] = json.loads(self._path().read_text(encoding="utf-8"))
            return loaded
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        saved = self._load()
        saved[f"{service}/{username}"] = password
        self._path().write_text(json.dumps(saved), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        saved = self._load()
        saved.pop(f"{service}/{username}", None)
        self._path().write_text(json.dumps(saved), encoding="utf-8")

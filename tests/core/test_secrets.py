"""Which OS keyring holds the keys: keyring's own choice, reached without its macOS backend off macOS."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CHOICE = """
import json, sys
{setup}
import keyring
backend = keyring.get_keyring()
names = [f"{{type(b).__module__}}.{{type(b).__name__}}" for b in [backend, *getattr(backend, "backends", [])]]
print(json.dumps({{"backend": names, "macos_loaded": "keyring.backends.macOS" in sys.modules}}))
"""


def _choice(setup: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CHOICE.format(setup=setup)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_the_keyring_is_keyring_s_own_choice_without_the_macos_backend_elsewhere() -> None:
    ours = _choice("from pvzdesk.secrets import _keyring; _keyring()")
    theirs = _choice("")
    assert ours["backend"] == theirs["backend"]
    assert ours["macos_loaded"] is (sys.platform == "darwin")


def test_a_backend_set_in_the_environment_is_still_obeyed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    ours = _choice("from pvzdesk.secrets import _keyring; _keyring()")
    assert ours["backend"] == ["keyring.backends.null.Keyring"]

"""The layer rules of DESIGN §4, checked on the source: who may import what."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "pvzdesk"

# third-party root module -> the only package directory allowed to import it
EXCLUSIVE = {
    "PySide6": "ui",
    "shiboken6": "ui",
    "httpx": "sync",
    "sqlite_utils": "storage",
    "cv2": "scanning",
    "zxingcpp": "scanning",
    "pyzbar": "scanning",
}
# pvzdesk packages the domain must never reach
DOMAIN_FORBIDDEN_INTERNAL = (
    "pvzdesk.storage",
    "pvzdesk.services",
    "pvzdesk.sync",
    "pvzdesk.ui",
    "pvzdesk.scanning",
    "pvzdesk.reports",
    "pvzdesk.app",
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def layer_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else ""


def test_third_party_imports_stay_in_their_layer() -> None:
    violations = []
    for path in PACKAGE.rglob("*.py"):
        for module in imported_modules(path):
            root = module.split(".")[0]
            owner = EXCLUSIVE.get(root)
            if owner is not None and layer_of(path) != owner:
                violations.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert violations == []


def test_domain_imports_only_itself_and_the_standard_library() -> None:
    violations = []
    for path in (PACKAGE / "domain").rglob("*.py"):
        for module in imported_modules(path):
            if module.startswith(DOMAIN_FORBIDDEN_INTERNAL) or module.split(".")[0] in EXCLUSIVE:
                violations.append(f"{path.name} imports {module}")
    assert violations == []


def test_domain_never_reads_the_clock() -> None:
    offenders = []
    for path in (PACKAGE / "domain").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for call in (
            "datetime.now(",
            "date.today(",
            "time.time(",
            "time.monotonic",
            "datetime.utcnow(",
        ):
            if call in source:
                offenders.append(f"{path.name}: {call}")
    assert offenders == []


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    """The AST check itself works: a planted import is found."""
    planted = tmp_path / "bad.py"
    planted.write_text("import httpx\nfrom PySide6.QtCore import QObject\n", encoding="utf-8")
    assert {"httpx", "PySide6.QtCore"} <= imported_modules(planted)

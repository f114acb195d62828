"""The layer rules of DESIGN §4, checked on the source: who may import what.

Every import is read (top level, inside functions, under ``TYPE_CHECKING``, relative ones
resolved), both third-party and between our own packages:

    domain ← reports, storage ← scanning ← sync (point) ← services ← app ← maintenance, demo
    ← ui ← cli

A package imports only packages of a lower level (and itself). The common modules (errors,
i18n, clock, settings, paths, secrets, priority, durable) sit under everything but ``domain``, which may
use only ``errors`` and ``i18n``. The simulator is a tool beside the product: only the demo and
the CLI wiring may import it, and it imports no product package.
"""

from __future__ import annotations

import ast
import re
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
    "psycopg": "point",
    "psycopg_pool": "point",
    "psycopg_binary": "point",
}

COMMON = {
    "errors",
    "i18n",
    "i18n_build",
    "clock",
    "settings",
    "paths",
    "secrets",
    "priority",
    "durable",
    "logsafe",
    "version",
}
DOMAIN_MAY_USE = {"errors", "i18n"}
# our own packages (or top-level modules) and their level; a unit imports only lower levels
LEVEL = {
    "domain": 0,
    "reports": 1,
    "storage": 1,
    "scanning": 2,
    "sync": 3,
    "point": 3,  # several desks over PostgreSQL: beside sync
    "services": 4,
    "app": 5,
    "maintenance": 6,  # takes the services app.py built
    "demo": 6,
    "ui": 7,
    "cli": 8,  # the CLI may start the window
    "__main__": 9,
}
SIMULATOR = "simulator"
SIMULATOR_USERS = {"demo", "cli", "__main__"}


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in the file; relative imports made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    package_parts = parts if parts[-1] == "__init__" else parts[:-1]
    if package_parts and package_parts[-1] == "__init__":
        package_parts = package_parts[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            if module == "pvzdesk":  # ``from pvzdesk import app`` names the module in the alias
                names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def unit_of(module: str) -> str | None:
    """The package (or top-level module) of ``pvzdesk`` a dotted module belongs to."""
    parts = module.split(".")
    if parts[0] != "pvzdesk" or len(parts) < 2:
        return None
    return parts[1]


def unit_of_path(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def known_unit(name: str) -> bool:
    return name in LEVEL or name in COMMON or name == SIMULATOR or name == "__init__"


def layer_violations(path: Path) -> list[str]:
    here = unit_of_path(path)
    found = []
    for module in sorted(imported_modules(path)):
        root = module.split(".")[0]
        owner = EXCLUSIVE.get(root)
        if owner is not None and here != owner:
            found.append(f"{path.relative_to(PACKAGE)} imports {module}")
        target = unit_of(module)
        if target is None or target == here or (target not in LEVEL and not known_unit(target)):
            continue
        if target == SIMULATOR:
            allowed = here in SIMULATOR_USERS
        elif here == SIMULATOR:
            allowed = target in DOMAIN_MAY_USE
        elif target in COMMON:
            allowed = here != "domain" or target in DOMAIN_MAY_USE
        elif here in COMMON:
            allowed = False  # the common modules are under every layer
        else:
            allowed = LEVEL[target] < LEVEL[here]
        if not allowed:
            found.append(f"{path.relative_to(PACKAGE)} imports {module}")
    return found


def test_every_unit_has_a_level() -> None:
    """A new package must be placed in the layers before it can be used."""
    units = {unit_of_path(path) for path in PACKAGE.rglob("*.py")}
    assert {unit for unit in units if not known_unit(unit)} == set()


def test_imports_follow_the_layers() -> None:
    violations = [found for path in PACKAGE.rglob("*.py") for found in layer_violations(path)]
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


SERVICE_CONSTRUCTOR = re.compile(
    r"\b[A-Z][A-Za-z]*Service\(|SellerApi\(|Reconciler\(|TokenBucket\("
)


def test_services_are_constructed_only_in_app() -> None:
    """One door: ``pvzdesk/app.py`` builds every service; the rest asks for them."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "app.py" or unit_of_path(path) == SIMULATOR:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if SERVICE_CONSTRUCTOR.search(code) and not code.lstrip().startswith(
                ("class ", "def ")
            ):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []


def _planted(tmp_path: Path, relative: str, source: str) -> list[str]:
    """Plant a file inside a copy of the package layout and check it with the real rules."""
    global PACKAGE
    saved = PACKAGE
    root = tmp_path / "pvzdesk"
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source, encoding="utf-8")
    PACKAGE = root
    try:
        return layer_violations(target)
    finally:
        PACKAGE = saved


def test_the_checker_sees_upward_imports_anywhere(tmp_path: Path) -> None:
    """The checker itself works: imports inside functions, relative and aliased ones are seen."""
    inside = "def f():\n    from pvzdesk.app import AppContext\n"
    assert _planted(tmp_path, "services/bad.py", inside) == ["services/bad.py imports pvzdesk.app"]
    relative = "from ..ui import context\n"
    assert _planted(tmp_path, "sync/bad.py", relative) == ["sync/bad.py imports pvzdesk.ui"]
    aliased = "from pvzdesk import services\n"
    assert _planted(tmp_path, "storage/bad.py", aliased) == [
        "storage/bad.py imports pvzdesk.services"
    ]
    third = "import httpx\nfrom PySide6.QtCore import QObject\n"
    assert _planted(tmp_path, "services/bad.py", third) == [
        "services/bad.py imports PySide6.QtCore",
        "services/bad.py imports httpx",
    ]
    simulator = "from pvzdesk.simulator import Simulator\n"
    assert _planted(tmp_path, "sync/bad.py", simulator) != []
    assert _planted(tmp_path, "demo.py", simulator) == []
    downward = "from pvzdesk.storage import Store\nfrom .counter import CounterService\n"
    assert _planted(tmp_path, "services/fine.py", downward) == []

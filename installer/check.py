"""Check the built installers (``make installer-check``); prints what it measured.

    python installer/check.py deb   # unpack the .deb in a temp root, run it in a clean env
    python installer/check.py exe   # 7z listing, 64-bit PE, then a silent install under Wine
    python installer/check.py all

The .deb: ``--version``, ``journal verify``, the frozen ``-m`` path the window's chain check uses,
and ``demo --headless``, with no virtualenv, no PYTHONPATH, an empty HOME. The .exe: Python, Qt,
every wheel of the Windows lock and pvzdesk are inside, the stub and python.exe are x86-64; under
Wine (if installed) it installs silently and the installed Python runs ``pvzdesk --version``,
``journal verify`` on a journal written here on Linux, and ``journal pending --exit-code``.
Wine 8 cannot start Qt 6.11 (no ``icuuc.dll``) or numpy 2.5, so the window is checked on the
Windows runner (.github/workflows/windows.yml), not here.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "installer"))

from build import DIST, WINDOWS_EXCLUDE, _lock_lines, _normal, version  # noqa: E402

PE_AMD64 = 0x8664
failures: list[str] = []


def check(condition: bool, what: str) -> None:
    print(("ok    " if condition else "FAIL  ") + what, flush=True)
    if not condition:
        failures.append(what)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "ru_RU.UTF-8"}
    env.update(extra)
    return env


def run(
    command: list[str], env: dict[str, str], timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    started = time.monotonic()
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=timeout, check=False
    )
    shown = " ".join(Path(part).name if "/" in part else part for part in command[:6])
    print(f"      {shown} -> {result.returncode} ({time.monotonic() - started:.1f} s)")
    if result.returncode not in (0, 1) or (result.returncode and not result.stdout):
        print("      " + (result.stdout + result.stderr)[-1500:].replace("\n", "\n      "))
    return result


# --- .deb ----------------------------------------------------------------------------------------


def check_deb() -> None:
    deb = DIST / f"pvzdesk_{version()}_amd64.deb"
    check(deb.is_file(), f"{deb.name} exists")
    if not deb.is_file():
        return
    print(f"      size {deb.stat().st_size / 1_000_000:.1f} MB (budget 200 MB)")
    check(deb.stat().st_size <= 200_000_000, ".deb within 200 MB")
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Depends", "Architecture", "Installed-Size"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    check("libzbar0" in fields and "libxcb-cursor0" in fields, "Debian dependencies declared")
    contents = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    check(
        not re.search(r"\s\./(home|root|var/lib/pvzdesk)", contents),
        "installs nothing into user data folders",
    )
    with tempfile.TemporaryDirectory(prefix="pvzdesk-deb-") as temp:
        root = Path(temp) / "root"
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        link = root / "usr" / "bin" / "pvzdesk"
        check(link.is_symlink() and os.readlink(link) == "/opt/pvzdesk/pvzdesk", "pvzdesk on PATH")
        for path in (
            "usr/share/applications/pvzdesk.desktop",
            "usr/share/icons/hicolor/256x256/apps/pvzdesk.png",
            "usr/share/icons/hicolor/scalable/apps/pvzdesk.svg",
            "usr/share/metainfo/io.github.pvzdesk.pvzdesk.metainfo.xml",
        ):
            check((root / path).is_file(), path)
        program = str(root / "opt" / "pvzdesk" / "pvzdesk")
        home = Path(temp) / "home"
        home.mkdir()
        env = clean_env(home)
        result = run([program, "--version"], env)
        lines = result.stdout.splitlines()
        check(result.returncode == 0 and lines[:1] == [f"pvzdesk {version()}"], "--version")
        check(any("сборка от" in line and "deb" in line for line in lines), "build date stamped")
        print("      " + " | ".join(lines))
        data = Path(temp) / "data"
        result = run([program, "--data-dir", str(data), "note", "deb check"], env)
        check(result.returncode == 0, "a journal entry is written")
        result = run([program, "--data-dir", str(data), "journal", "verify"], env)
        check(result.returncode == 0 and "цел" in result.stdout, "journal verify")
        print("      " + result.stdout.strip())
        result = run(
            [program, "-m", "pvzdesk.storage.verify_process", str(data / "journal.sqlite")], env
        )
        check(result.returncode == 0 and '"ok": true' in result.stdout, "chain-check child (-m)")
        result = run(
            [program, "--data-dir", str(Path(temp) / "demo"), "demo", "--headless",
             "--postings", "40"],
            env, timeout=900,
        )  # fmt: skip
        check(result.returncode == 0 and "Журнал цел: да" in result.stdout, "demo --headless")
        if result.returncode != 0:
            print(result.stdout[-2000:], result.stderr[-2000:])
        if shutil.which("xvfb-run"):
            window = Path(temp) / "window"
            window.mkdir()
            (window / "settings.toml").write_text('operator = "check"\n', encoding="utf-8")
            # The real window on a virtual screen, stopped by timeout once it has come up.
            run(["xvfb-run", "-a", "timeout", "60", program, "--data-dir", str(window)], env, 180)
            log = (window / "logs" / "pvzdesk.log").read_text(encoding="utf-8", errors="replace")
            ready = re.search(r"ready to scan (\d+) ms", log)
            check(ready is not None, "the window comes up under Xvfb")
            if ready:
                print(f"      ready to scan {ready.group(1)} ms after start")
        unresolved = _unresolved_libraries(root / "opt" / "pvzdesk")
        print(f"      libraries with unresolved dependencies: {len(unresolved)}")
        for name in sorted(unresolved)[:10]:
            print(f"        {name}: {', '.join(sorted(unresolved[name]))}")
        core = [
            name
            for name in unresolved
            if re.search(r"libQt6(Core|Gui|Widgets|Multimedia)|qxcb|ffmpegmediaplugin", name)
        ]
        check(not core, "Qt core, widgets, multimedia and xcb resolve")


def _unresolved_libraries(bundle: Path) -> dict[str, set[str]]:
    missing: dict[str, set[str]] = {}
    for library in bundle.rglob("*.so*"):
        if not library.is_file() or library.is_symlink():
            continue
        output = subprocess.run(
            ["ldd", str(library)], capture_output=True, text=True, check=False
        ).stdout
        gone = {line.split()[0] for line in output.splitlines() if "not found" in line}
        if gone:
            missing[library.name] = gone
    return missing


# --- .exe ----------------------------------------------------------------------------------------


def pe_machine(data: bytes) -> int:
    (offset,) = struct.unpack_from("<I", data, 0x3C)
    if data[offset : offset + 4] != b"PE\0\0":
        return 0
    (machine,) = struct.unpack_from("<H", data, offset + 4)
    return int(machine)


def check_exe() -> None:
    exe = DIST / f"pvzdesk-{version()}-win64-setup.exe"
    check(exe.is_file(), f"{exe.name} exists")
    if not exe.is_file():
        return
    print(f"      size {exe.stat().st_size / 1_000_000:.1f} MB (budget 120 MB)")
    check(exe.stat().st_size <= 120_000_000, ".exe within 120 MB")
    check(pe_machine(exe.read_bytes()[:4096]) == PE_AMD64, "installer stub is a 64-bit PE")
    listing = subprocess.run(
        ["7z", "l", "-slt", "-ba", str(exe)], capture_output=True, text=True, check=True
    ).stdout
    paths = [
        line[7:].replace("\\", "/") for line in listing.splitlines() if line.startswith("Path = ")
    ]
    print(f"      {len(paths)} files inside")
    names = set(paths)
    for wanted in ("Python/python.exe", "Python/python313.dll", "Python/python313.zip",
                   "pkgs/PySide6/Qt6Core.dll", "pkgs/PySide6/Qt6Widgets.dll",
                   "pkgs/PySide6/Qt6Multimedia.dll", "pkgs/PySide6/plugins/platforms/qwindows.dll",
                   "pkgs/pvzdesk/__main__.py", "pkgs/pvzdesk/build_info.json",
                   "pkgs/pvzdesk/resources/icons/pvzdesk.svg", "bin/pvzdesk.exe"):  # fmt: skip
        check(wanted in names, f"inside: {wanted}")
    check(any(p.endswith("core.qm") for p in names), "inside: compiled translations")
    dist_infos = {
        _normal(p.split("/")[1].removesuffix(".dist-info").rsplit("-", 1)[0])
        for p in names
        if ".dist-info/" in p
    }
    excluded = {"pip"} if "pkgs/pip" in WINDOWS_EXCLUDE else set()
    lock = ROOT / "installer" / "windows" / "requirements-win.txt"
    wanted_wheels = {_normal(line.split("==")[0]) for line in _lock_lines(lock)} - excluded
    missing = sorted(wanted_wheels - dist_infos)
    check(not missing, f"every wheel of the Windows lock inside ({len(wanted_wheels)})")
    if missing:
        print("      missing:", ", ".join(missing))
    check("pvzdesk" in dist_infos, "pvzdesk's own wheel inside")
    with tempfile.TemporaryDirectory(prefix="pvzdesk-exe-") as temp:
        subprocess.run(
            ["7z", "x", "-y", f"-o{temp}", str(exe), "Python", "pkgs/PySide6", "pkgs/cv2",
             "pkgs/numpy.libs", "pkgs/zxingcpp"],
            capture_output=True, check=True,
        )  # fmt: skip
        python_exe = Path(temp) / "Python" / "python.exe"
        check(pe_machine(python_exe.read_bytes()[:4096]) == PE_AMD64, "python.exe is x86-64")
        missing_dlls = unresolved_dlls(Path(temp), names)
        broken = {name: needs for name, needs in missing_dlls.items() if LOADED.search(name)}
        print(
            f"      leftovers of dropped Qt modules (never loaded): {len(missing_dlls) - len(broken)}"
        )
        for binary, needs in sorted(broken.items()):
            print(f"        {binary}: {', '.join(sorted(needs))}")
        check(not broken, "every DLL that Qt, OpenCV and the decoders load is inside")
    if shutil.which("wine"):
        check_under_wine(exe)
    else:
        print("      wine is not installed: the silent install is checked on the Windows runner")


# DLLs a binary of ours may import that only we can ship (the rest is Windows' own).
OURS = re.compile(
    r"^(qt6|pyside6|shiboken6|python3|avcodec|avformat|avutil|swresample|swscale|opencv|msvcp140"
    r"|vcruntime140)",
    re.I,
)
# What the counter loads: these must resolve; a leftover of a dropped Qt module is only reported.
LOADED = re.compile(
    r"(Qt6(Core|Gui|Widgets|Multimedia|Network|Svg|SerialPort|OpenGL)\.dll"
    r"|Qt(Core|Gui|Widgets|Multimedia|Network|Svg|SerialPort)\.pyd|shiboken6|pyside6\.abi3"
    r"|plugins/(platforms|multimedia|imageformats|iconengines|styles|tls)/|cv2|zxingcpp)",
    re.I,
)


def unresolved_dlls(unpacked: Path, names: set[str]) -> dict[str, set[str]]:
    """Every DLL a .dll/.pyd in the installer imports that is neither inside nor Windows'."""
    inside = {name.rsplit("/", 1)[-1].lower() for name in names}
    missing: dict[str, set[str]] = {}
    for binary in [*unpacked.rglob("*.dll"), *unpacked.rglob("*.pyd")]:
        output = subprocess.run(
            ["objdump", "-p", str(binary)], capture_output=True, text=True, check=False
        ).stdout
        needs = {
            line.split(":", 1)[1].strip() for line in output.splitlines() if "DLL Name:" in line
        }
        gone = {dll for dll in needs if OURS.match(dll) and dll.lower() not in inside}
        if gone:
            missing[str(binary.relative_to(unpacked))] = gone
    return missing


def check_under_wine(exe: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="pvzdesk-wine-") as temp:
        prefix = Path(temp) / "prefix"
        env = {
            "PATH": "/usr/bin:/bin", "HOME": temp, "WINEPREFIX": str(prefix),
            "WINEDEBUG": "-all", "WINEARCH": "win64", "LANG": "ru_RU.UTF-8",
            "WINEDLLOVERRIDES": "mscoree,mshtml=",  # no Mono/Gecko prompts
        }  # fmt: skip
        run(["wineboot", "--init"], env, timeout=600)
        started = time.monotonic()
        result = run(["wine", str(exe), "/S"], env, timeout=1800)
        run(["wineserver", "-w"], env, timeout=600)
        print(f"      silent install: {time.monotonic() - started:.0f} s")
        found = sorted(
            prefix.glob("drive_c/users/*/AppData/Local/Programs/pvzdesk/Python/python.exe")
        )
        found += sorted(
            prefix.glob(
                "drive_c/users/*/Local Settings/Application Data/Programs/pvzdesk/Python/python.exe"
            )
        )
        check(result.returncode == 0 and bool(found), "silent per-user install under Wine")
        if not found:
            print(subprocess.run(["find", str(prefix / "drive_c"), "-maxdepth", "6", "-name",
                                  "pvzdesk*"], capture_output=True, text=True).stdout[:2000])  # fmt: skip
            return
        python = str(found[0])
        install_dir = found[0].parent.parent
        check((install_dir / "uninstall.exe").is_file(), "uninstaller written")
        # A journal written here on Linux by the source tree, verified by the Windows install.
        fixture = prefix / "drive_c" / "fixture"
        subprocess.run(
            [sys.executable, "-m", "pvzdesk", "--data-dir", str(fixture), "note", "from Linux"],
            check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
        )  # fmt: skip
        result = run(["wine", python, "-m", "pvzdesk", "--version"], env)
        check(
            result.returncode == 0 and f"pvzdesk {version()}" in result.stdout,
            "--version under Wine",
        )
        print("      " + " | ".join(result.stdout.splitlines()))
        result = run(
            ["wine", python, "-m", "pvzdesk", "--data-dir", "C:\\fixture", "journal", "verify"], env
        )
        check(result.returncode == 0 and "цел" in result.stdout, "journal verify under Wine")
        print("      " + result.stdout.strip())
        result = run(["wine", python, "-m", "pvzdesk", "--data-dir", "C:\\fixture", "journal",
                      "pending", "--exit-code"], env)  # fmt: skip
        check(result.returncode == 0, "journal pending under Wine (the uninstaller's check)")
        # The uninstaller, told to delete the data, must keep a journal with offline work.
        local = found[0].parents[3]  # ...\AppData\Local
        data = local / "pvzdesk"
        source = {**os.environ, "PYTHONPATH": str(ROOT)}
        for argv in (["incident", "start"], ["receive", "0132112277-0101-1"]):
            subprocess.run(
                [sys.executable, "-m", "pvzdesk", "--data-dir", str(data), *argv],
                env=source, capture_output=True, check=False,
            )  # fmt: skip
        run(["wine", str(install_dir / "uninstall.exe"), "/S", "/DELETEDATA"], env, timeout=600)
        run(["wineserver", "-w"], env, timeout=600)
        check(not (install_dir / "Python").exists(), "uninstaller removed the program")
        check((data / "journal.sqlite").is_file(), "uninstaller kept a journal with pending work")


def main() -> int:
    parser = argparse.ArgumentParser(description="Check the installers in dist/.")
    parser.add_argument("what", choices=("deb", "exe", "all"))
    args = parser.parse_args()
    if args.what in ("deb", "all"):
        check_deb()
    if args.what in ("exe", "all"):
        check_exe()
    print(f"{len(failures)} check(s) failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

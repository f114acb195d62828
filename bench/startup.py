"""Budget check (DESIGN §11): start to ready-to-scan and whole CLI runs with a 1,000,000-entry
journal, and the GUI thread's longest stall and scan -> commit -> feedback while the camera
decodes, the upkeep runs and the chain is verified. Prints figures (and the load average: on a
shared 2-core machine they follow it).

    xvfb-run -a .venv/bin/python bench/startup.py [--entries N] [--runs 3] [--seconds 10]

The journal comes from bench/journal.py's cache (built once, a few minutes for 1M).

Each start is a fresh process doing what ``run_gui`` does (interpreter, imports, Qt, open WITHOUT
quick_check, window shown, the health monitor's thread started at the first loop turn, the daily
upkeep — integrity check, backup, retention — a child process started 2 s later): the time is taken from
before the process is spawned to the moment the child's event loop runs for the first time with
the window up. The bench's data folder gets a settings file whose login probe points at a closed
local port, so the monitor never reaches the real platform.

The stall phase runs a real window with a live virtual camera at 30 fps on 1280×720 label frames
(like a webcam: the frames the decoder has no time for are dropped and counted; switched on 0.1 s
into the measurement, so F9's own cost and the first frames' reads count too, and its frame rate
taken from 2.5 s on),
the upkeep (a child process: ``python -m pvzdesk.maintenance``), the backlog count, the Журнал screen's chain verification of the whole
journal (a child process: ``pvzdesk.storage.verify_process``), and one wedge scan every 100 ms
through ``ctx.perform`` (committed by the scan writer thread; the time is taken from the scan to
its ``on_done`` in the GUI thread: scan -> durable commit -> feedback); a 2 ms heartbeat timer
records the longest gap the GUI thread could not answer, from 0.5 s after the first event-loop
turn (the window's own start is the start-up figure's) until the end, before the window closes.
The bench's earlier backups are deleted first, so the upkeep's daily backup (a paced copy of the whole journal, about 40 s for
600 MB) runs in it every time (``--backup-not-due`` keeps them: the upkeep then only checks and
purges). It also prints the window process's peak RSS and its RSS at the end (DESIGN §11:
<= 300 MB with the camera on), and the children's peaks (the upkeep, the chain check). (A reconcile run is not included: the bench journal's million entries are not postings
the simulator knows, and a run would write attempts into the cached journal.)
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HEARTBEAT_MS = 2


def _journal_bench() -> object:
    spec = importlib.util.spec_from_file_location(
        "bench_journal", Path(__file__).with_name("journal.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ensure_journal(entries: int, postings: int) -> Path:
    """The journal bench's cached journal of this size (built once, keyed by the schema)."""
    return _journal_bench().cached_journal(entries, postings)  # type: ignore[attr-defined,no-any-return]


def child_ready(data_dir: str) -> None:
    """One real start: the same steps as ``run_gui``, then report the first event-loop turn."""
    from PySide6.QtCore import QTimer

    from pvzdesk.app import load_context_settings, open_app
    from pvzdesk.ui.app import application, build_window
    from pvzdesk.ui.translations import install_translations
    from pvzdesk.ui.upkeep import start_upkeep

    qt_app = application()
    _paths, settings = load_context_settings(data_dir)
    install_translations(settings.language)
    app = open_app(data_dir, check_integrity=False)
    ctx, window = build_window(app)
    window.show()
    start_upkeep(ctx)

    def ready() -> None:
        print(f"READY {time.time():.6f}", flush=True)
        qt_app.quit()

    QTimer.singleShot(0, ready)
    qt_app.exec()
    ctx.shutdown()
    app.close()


def child_stall(data_dir: str, seconds: float) -> None:
    import numpy as np
    from PySide6.QtCore import QElapsedTimer, QTimer

    from pvzdesk.app import open_app
    from pvzdesk.scanning import VirtualCamera
    from pvzdesk.scanning.labels import parcel_label
    from pvzdesk.ui.app import application, build_window
    from pvzdesk.ui.chain_verifier import ChainVerifier
    from pvzdesk.ui.platform_link import count_backlog
    from pvzdesk.ui.upkeep import start_upkeep

    qt_app = application()
    app = open_app(data_dir, check_integrity=False)
    frames = []
    for n in range(8):
        frame = np.full((720, 1280, 3), 170 + n * 5, np.uint8)
        label = parcel_label(f"09{n:08d}-0001-1", f"%101%BENCH{n:06d}", f"3000000000{n:05d}")
        frame[10:710, 300 + n * 20 : 860 + n * 20] = label[:, :, None]
        frames.append(frame)
    camera = VirtualCamera(frames, fps=30, live=True)  # like a webcam: late frames are dropped
    ctx, window = build_window(app, camera_source=lambda: camera)
    window.show()
    from pvzdesk.storage.backups import list_backups

    backups_before = len(list_backups(app.paths.backups))
    upkeep = start_upkeep(ctx)

    gaps: list[float] = []
    commits: list[float] = []
    heartbeat = QElapsedTimer()
    heartbeat.start()
    jobs_done: list[str] = []

    measuring = [False]  # the first turns (first paint, the monitor's start) are start-up's

    def beat() -> None:
        if measuring[0]:
            gaps.append(heartbeat.nsecsElapsed() / 1e6)
        heartbeat.restart()

    scan_number = [9_100_000_000 + random.randrange(10**8)]  # unknown parcels: a fresh row each

    def scan() -> None:
        scan_number[0] += 1
        code = f"{scan_number[0]:010d}-0001-1"
        started = time.perf_counter()

        def answered(_result: object) -> None:
            commits.append((time.perf_counter() - started) * 1000)

        ctx.perform(lambda counter: counter.receive([code]), origin="bench", on_done=answered)

    verifier = ChainVerifier(app.store.path)
    verifier.verified.connect(lambda _report: jobs_done.append("verify"))
    verifier.failed.connect(lambda text: jobs_done.append(f"verify-failed({text})"))

    camera_window: list[tuple[float, object]] = []  # (time, stats) at the start and at the end

    def camera_stats() -> None:
        worker = window.camera.worker
        if worker is not None:
            camera_window.append((time.perf_counter(), worker.stats()))

    def heavy_jobs() -> None:
        measuring[0] = True
        verifier.start()
        ctx.run_db(count_backlog, name="backlog", on_done=lambda _c: jobs_done.append("backlog"))

    beat_timer = QTimer()
    beat_timer.setInterval(HEARTBEAT_MS)
    beat_timer.timeout.connect(beat)
    scan_timer = QTimer()
    scan_timer.setInterval(100)
    scan_timer.timeout.connect(scan)
    QTimer.singleShot(500, heavy_jobs)
    QTimer.singleShot(500, scan_timer.start)
    # F9 within the measurement: making the decoder and the first frames' reads count too.
    QTimer.singleShot(600, lambda: window.camera_action.setChecked(True))
    QTimer.singleShot(2500, camera_stats)  # the decoding rate from here to the end
    beat_timer.start()

    children_hwm: dict[str, int] = {}  # peak RSS (KiB) of a child still running at the end

    def child_peaks() -> None:
        for name, process in (("upkeep", upkeep.process), ("verify", verifier.process)):
            status = Path(f"/proc/{process.processId()}/status")
            if process.processId() > 0 and status.exists():
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        children_hwm[name] = int(line.split()[1])

    def finish() -> None:
        # The heartbeat ends here: quitting closes the window, which stops the camera and joins
        # its threads (up to a frame's wait), and that shutdown is not the counter at work.
        beat_timer.stop()
        camera_stats()
        child_peaks()
        qt_app.quit()

    QTimer.singleShot(int(seconds * 1000), finish)
    qt_app.exec()
    frames_shown = window.camera.last_number
    if getattr(upkeep, "finished", False):
        # The first run of a day also copies the journal (the daily backup); later runs do not.
        made = len(list_backups(app.paths.backups)) > backups_before
        jobs_done.append("upkeep+backup" if made else "upkeep(backup-not-due)")
    if not verifier.finished:
        verifier.cancel()
        verifier.wait()
    window.camera.shutdown()
    ctx.shutdown()
    app.close()
    decoded_fps, dropped = 0.0, 0
    if len(camera_window) == 2:
        (began, first), (ended, last) = camera_window
        decoded_fps = (last.decoded - first.decoded) / (ended - began)  # type: ignore[attr-defined]
        dropped = last.dropped - first.dropped  # type: ignore[attr-defined]
    stalls = [gap - HEARTBEAT_MS for gap in gaps[1:]]
    ordered = sorted(stalls)
    import resource

    # Memory (DESIGN §11: <= 300 MB RSS with the camera on). Linux units: ru_maxrss in KiB,
    # statm in pages. The children's figure is the largest child reaped (the upkeep, the chain
    # check); one still running at the end (a paced backup) is not in it.
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    end_mb = 0.0
    statm = Path("/proc/self/statm")
    if statm.exists():
        end_mb = int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    running = "".join(f" {name}_peak={kib / 1024:.0f}" for name, kib in children_hwm.items())
    print(
        f"MEMORY peak={peak_kib / 1024:.0f} end={end_mb:.0f} "
        f"children_peak={children_kib / 1024:.0f}{running}",
        flush=True,
    )
    print(
        f"STALL max={max(stalls):.1f} p99={ordered[int(0.99 * len(ordered))]:.1f} "
        f"beats={len(stalls)} frames={frames_shown} jobs={','.join(jobs_done) or 'still-running'} "
        f"commit_p50={statistics.median(commits):.2f} "
        f"commit_p99={sorted(commits)[int(0.99 * len(commits))]:.2f} "
        f"commit_max={max(commits):.2f} commits={len(commits)} "
        f"camera_fps={decoded_fps:.1f} dropped={dropped}",
        flush=True,
    )


# Whole CLI runs on the big journal (interpreter, imports, open without a due check, the command).
# ``journal pending`` (the uninstaller's check, the status bar's count) counts in SQL over every
# entry of the kinds to reconcile, so it grows with the journal; ``journal verify`` walks the whole
# chain and is left out (seconds at 1M, by design).
CLI_COMMANDS = ("incident list", "journal list --limit 20", "journal pending")


def _cli_run(data_dir: Path, command: str, env: dict[str, str]) -> tuple[str, float, float]:
    """One whole CLI run: (command, wall seconds, CPU seconds of the child)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pvzdesk", "--data-dir", str(data_dir), *command.split()],
        capture_output=True,
        env=env,
        check=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return command, wall, cpu


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument(
        "--backup-not-due",
        action="store_true",
        help="keep the earlier runs' backups: the upkeep checks and purges, copies nothing",
    )
    parser.add_argument("--child-ready", metavar="DIR")
    parser.add_argument("--child-stall", metavar="DIR")
    args = parser.parse_args()
    if args.child_ready:
        child_ready(args.child_ready)
        return
    if args.child_stall:
        child_stall(args.child_stall, args.seconds)
        return

    data_dir = ensure_journal(args.entries, args.postings)
    settings_file = data_dir / "settings.toml"
    if not settings_file.exists():
        from pvzdesk.settings import PlatformSettings, Settings, save_settings

        closed_port = PlatformSettings(login_probe_url="http://127.0.0.1:9/")
        save_settings(settings_file, Settings(sounds=False, platform=closed_port))
    env = dict(os.environ)
    import resource

    starts, start_cpu = [], []
    for _ in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        spawned = time.time()
        out = subprocess.run(
            [sys.executable, __file__, "--child-ready", str(data_dir)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
        ready_at = float(
            next(line for line in out.splitlines() if line.startswith("READY")).split()[1]
        )
        starts.append(ready_at - spawned)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        start_cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    cli = [_cli_run(data_dir, command, env) for command in CLI_COMMANDS for _ in range(args.runs)]
    print(f"journal: {args.entries:,} entries, {args.postings:,} postings ({data_dir})")
    print(f"load average before: {_load()} (2 cores here, shared: figures vary with it)")
    print(f"platform: QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '(default)')}")
    if sys.dont_write_bytecode:  # an installed pvzdesk has its .pyc: this start compiles it
        print("bytecode cache: not written (PYTHONDONTWRITEBYTECODE); starts compile pvzdesk")
    print(
        "start -> ready to scan: "
        + ", ".join(f"{s * 1000:.0f} ms" for s in starts)
        + f"   (best {min(starts) * 1000:.0f} ms; budget <= 1000 ms)"
    )
    print(  # what the start costs without waiting for the CPU (an upper bound: its shutdown too)
        "  CPU of each start's process, start to exit: "
        + ", ".join(f"{cpu * 1000:.0f} ms" for cpu in start_cpu)
    )
    for command in CLI_COMMANDS:
        runs = [run for run in cli if run[0] == command]
        print(
            f"CLI `pvzdesk {command}`: wall "
            + ", ".join(f"{wall * 1000:.0f}" for _c, wall, _cpu in runs)
            + " ms; CPU "
            + ", ".join(f"{cpu * 1000:.0f}" for _c, _wall, cpu in runs)
            + " ms   (budget <= 500 ms)"
        )
    # The worst case is the first upkeep of a day, which copies the journal: earlier runs' copies
    # (the bench's own) go, so that the daily backup is due in the stall phase every time.
    from pvzdesk.storage.backups import list_backups

    if not args.backup_not_due:
        for _stamp, path in list_backups(data_dir / "backups"):
            path.unlink()
    child = subprocess.run(
        [sys.executable, __file__, "--child-stall", str(data_dir), "--seconds", str(args.seconds)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if child.returncode != 0:  # the figures count if they were printed; the exit is told
        print(f"stall child exited with {child.returncode}: {child.stderr.strip()[:300]}")
    line = next(line for line in child.stdout.splitlines() if line.startswith("STALL"))
    fields = dict(part.split("=", 1) for part in line.split()[1:])
    print(
        f"GUI thread while camera (30 fps, 1280x720) + upkeep + journal verify (child process) "
        f"run: longest stall "
        f"{fields['max']} ms, p99 {fields['p99']} ms over {fields['beats']} heartbeats "
        f"(budget: never > 16 ms); background: {fields['jobs']}"
    )
    print(
        f"camera meanwhile: {fields['camera_fps']} frames/s decoded of 30 arriving, "
        f"{fields['dropped']} dropped (the decoder takes the newest frame; budget: every frame)"
    )
    memory_line = next(
        (line for line in child.stdout.splitlines() if line.startswith("MEMORY")), ""
    )
    if memory_line:
        memory = dict(part.split("=", 1) for part in memory_line.split()[1:])
        print(
            f"memory of the window with the camera on: peak RSS {memory['peak']} MB, "
            f"{memory['end']} MB at the end; largest finished child (upkeep / chain check) "
            f"peak {memory['children_peak']} MB"
            + "".join(
                f"; {name} child still running, peak {memory[f'{name}_peak']} MB"
                for name in ("upkeep", "verify")
                if f"{name}_peak" in memory
            )
            + "   (budget <= 300 MB)"
        )
    print(f"load average after: {_load()}")
    print(
        f"wedge scan -> commit (scan writer) -> feedback in the GUI thread meanwhile: p50 {fields['commit_p50']} ms, "
        f"p99 {fields['commit_p99']} ms, max {fields['commit_max']} ms ({fields['commits']} scans)"
    )


if __name__ == "__main__":
    main()

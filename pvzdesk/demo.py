"""The built-in demo: a throwaway data folder, the platform simulator on loopback, a virtual camera
playing parcel labels — so a newcomer sees the whole loop: online → outage → offline issuing →
recovery → reconciliation → report, through the same services every door uses (the health
monitor and the reconcile run come from ``app.services.reconcile``, the demo's settings point
them at the simulator). ``pvzdesk demo`` shows it in the window (with a «Демо» menu to
cut and restore the platform); ``pvzdesk demo --headless`` tells the same story in the terminal.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pvzdesk.domain.models import DeadlineSource, ManifestPosting
from pvzdesk.paths import DataPaths
from pvzdesk.scanning.labels import write_demo_frames
from pvzdesk.scanning.virtual_camera import VirtualCamera
from pvzdesk.services.incidents import IncidentService
from pvzdesk.services.manifest_import import manifest_csv_text
from pvzdesk.settings import PlatformSettings, Settings, load_settings, replace, save_settings
from pvzdesk.simulator import Simulator
from pvzdesk.sync.health import HealthMonitor, HealthState

DEMO_POSTINGS = 300
DEMO_LABELS = 12  # parcels the virtual camera shows, one label per frame
AT_POINT_STATUS = "delivering"  # rFBS: the parcel is at the seller's pickup point


@dataclass
class DemoEnvironment:
    """Everything the demo started; ``close()`` stops it and removes a temporary folder."""

    paths: DataPaths
    simulator: Simulator
    manifest_file: Path
    frames: list[Path]
    labels: list[tuple[str, str, str]]  # (posting, upper barcode, lower barcode) on the frames
    temporary: bool

    # --- controls the window's «Демо» menu uses ------------------------------------------------
    def cut_platform(self) -> None:
        self.simulator.set_outage(True)

    def restore_platform(self) -> None:
        self.simulator.set_outage(False)

    @property
    def platform_is_cut(self) -> bool:
        return bool(self.simulator.stats().get("outage"))

    def camera_source(self) -> VirtualCamera:
        return (
            VirtualCamera([], fps=0.25)
            if not self.frames
            else VirtualCamera(self.frames[0].parent, fps=0.25, loop=True)
        )

    def close(self) -> None:
        self.simulator.stop()
        if self.temporary:
            shutil.rmtree(self.paths.root, ignore_errors=True)


def demo_platform_settings(simulator: Simulator) -> PlatformSettings:
    return PlatformSettings(
        adapter="ozon_seller",
        seller_api_url=simulator.base_url,
        login_probe_url=simulator.base_url + "/login",
        client_id=simulator.client_id,
        probe_interval_s=2.0,
        probe_timeout_s=1.0,
        rate_limit_rps=10.0,
    )


def _demo_cell(posting: str) -> str:
    spread = zlib.crc32(posting.encode())  # stable across runs, unlike hash()
    return f"{'АБВГДЕ'[spread % 6]}-{spread // 6 % 40 + 1}"


def _manifest_row(view: dict[str, Any]) -> ManifestPosting:
    barcodes = view.get("barcodes") or {}
    customer = view.get("customer") or {}
    # The platform has no pickup-point deadline: it is set by the point's policy at receive.
    return ManifestPosting(
        posting=str(view["posting_number"]),
        barcodes=tuple(str(code) for code in barcodes.values() if code),
        places=1,
        cell=_demo_cell(str(view["posting_number"])),
        storage_until=None,
        storage_source=DeadlineSource.POLICY,
        customer_name=str(customer.get("name", "")),
        customer_phone=str(customer.get("phone", "")),
        customer_key=str(customer.get("phone", "")),
    )


def prepare_demo(
    data_dir: Path | None = None, *, postings: int = DEMO_POSTINGS, seed: int = 7
) -> DemoEnvironment:
    """Start the simulator, write the demo's settings, a manifest file and the camera's frames.

    The credentials go to the process environment (``PVZDESK_CLIENT_ID``/``PVZDESK_API_KEY``), the
    way a real point would keep them out of the settings file.
    """
    temporary = data_dir is None
    root = Path(tempfile.mkdtemp(prefix="pvzdesk-demo-")) if data_dir is None else data_dir
    paths = DataPaths(root.resolve())
    simulator = Simulator(seed=seed, postings=postings, apply_delay=0.3)
    simulator.start()
    try:
        os.environ["PVZDESK_CLIENT_ID"] = simulator.client_id
        os.environ["PVZDESK_API_KEY"] = simulator.api_key
        # A kept demo folder keeps what was chosen in it (language, operator, sound...): only the
        # platform is the new simulator's (its port changes with every start).
        chosen = (
            load_settings(paths.settings)
            if paths.settings.exists()
            else Settings(operator="Демо", point_name="ПВЗ «Демо»", sounds=True)
        )
        save_settings(paths.settings, replace(chosen, platform=demo_platform_settings(simulator)))
        at_point = []
        for number in simulator.posting_numbers():
            view = simulator.posting(number)
            if view is not None and view.get("status") == AT_POINT_STATUS:
                at_point.append(_manifest_row(view))
        manifest_file = paths.root / "demo-manifest.csv"
        manifest_file.write_text(manifest_csv_text(at_point), encoding="utf-8")
        labels = [
            (row.posting, row.barcodes[0], row.barcodes[-1])
            for row in at_point[:DEMO_LABELS]
            if len(row.barcodes) >= 2
        ]
        frames = write_demo_frames(labels, paths.root / "camera")
    except BaseException:
        simulator.stop()
        raise
    return DemoEnvironment(paths, simulator, manifest_file, frames, labels, temporary)


def wait_for_state(
    monitor: HealthMonitor, incidents: IncidentService, wanted: HealthState, rounds: int = 10
) -> datetime | None:
    """Probe until the monitor reaches ``wanted``; the time it got there, or None."""
    for _ in range(rounds):
        snapshot = monitor.probe_round(incidents)
        if snapshot.state is wanted:
            return snapshot.state_since
    return None

"""``pvzdesk demo [--headless]``: the whole loop on the built-in simulator."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pvzdesk.cli.gui import has_display
from pvzdesk.i18n import tr


def _say(text: str) -> None:
    print(text, flush=True)


def run_headless(data_dir: Path | None, postings: int) -> int:
    from pvzdesk.app import open_app
    from pvzdesk.demo import prepare_demo, wait_for_state
    from pvzdesk.domain.scan import ScanSource
    from pvzdesk.reports.model import ReportPeriod
    from pvzdesk.scanning.decoders import make_decoder
    from pvzdesk.scanning.virtual_camera import encode_jpeg, read_image
    from pvzdesk.services.messages import describe, describe_outcome, kind_label
    from pvzdesk.services.reporting import export_report
    from pvzdesk.sync.health import HealthState

    env = prepare_demo(data_dir, postings=postings)
    try:
        app = open_app(env.paths.root)
        services = app.services
        monitor = services.reconcile.health_monitor()
        try:
            _say(tr("1. Demo data folder: {path}", path=env.paths.root))
            _say(
                tr(
                    "   Platform simulator: {url} ({count} postings)",
                    url=env.simulator.base_url,
                    count=postings,
                )
            )
            imported = services.manifest.import_file(env.manifest_file)
            _say(
                tr(
                    "   Manifest imported: {count} parcels expected at the point.",
                    count=imported.imported,
                )
            )
            wait_for_state(monitor, app.incidents, HealthState.ONLINE)
            _say(tr("   Platform: online."))

            _say(tr("2. Receiving the delivery by the labels' lower barcodes:"))
            lowers = [lower for _, _, lower in env.labels]
            for lower in lowers:
                for entry in app.counter.receive([lower]).entries:
                    _say(tr("   received {posting}", posting=entry.posting))

            _say(tr("3. The platform goes down (simulated outage)."))
            env.cut_platform()
            went_offline = wait_for_state(monitor, app.incidents, HealthState.OFFLINE)
            incident = app.incidents.open_incident()
            if went_offline is None or incident is None:
                _say(tr("   The monitor did not see the outage; the demo stops here."))
                return 1
            _say(
                tr(
                    "   Offline: incident {incident_id} journaled; the counter keeps working.",
                    incident_id=incident.incident_id[:8],
                )
            )

            _say(tr("4. Issuing offline; every operation goes into the journal first:"))
            decoder = make_decoder("zxing").decoder
            frame = read_image(env.frames[0])
            reads = (
                decoder.decode(frame, time=app.clock.now(), source=ScanSource.CAMERA)
                if frame is not None
                else []
            )
            camera_read = next((read for read in reads if read.text == env.labels[0][2]), None)
            first = camera_read if camera_read is not None else env.labels[0][0]
            if camera_read is not None:
                _say(
                    tr(
                        "   camera read {code} from {file}",
                        code=camera_read.text,
                        file=env.frames[0].name,
                    )
                )
            issued = app.counter.issue([first], customer_code="4471")  # one customer's parcel
            refused = app.counter.issue(
                [lowers[2]], refused=[lowers[3]], refuse_reason=tr("did not fit")
            )
            again = app.counter.issue([lowers[0]])  # the same parcel again: refused
            for result in (issued, refused, again):
                for entry in result.entries:
                    _say(f"   {kind_label(entry.kind)}: {entry.posting}")
                for finding in result.findings:
                    _say("   · " + describe(finding))
            if frame is not None and issued.entries:
                saved = services.evidence.save_photo(issued.entries[0].entry_id, encode_jpeg(frame))
                _say(tr("   hand-over photo kept as evidence: {file}", file=saved.path.name))

            _say(tr("5. The platform is back."))
            env.restore_platform()
            wait_for_state(monitor, app.incidents, HealthState.ONLINE)
            ended = app.incidents.find(incident.incident_id)
            minutes = ended.duration(app.clock.now()).total_seconds()
            _say(tr("   Online again; the incident lasted {seconds} s.", seconds=int(minutes)))

            _say(tr("6. Reconciling the journal with the platform:"))
            report = services.reconcile.run(
                progress=lambda done, total: print(
                    f"\r   {done}/{total}", end="", file=sys.stderr, flush=True
                ),
            ).report
            print(file=sys.stderr, flush=True)
            outcomes = ", ".join(
                f"{describe_outcome(name)}: {count}"
                for name, count in sorted(report.outcomes.items())
            )
            _say(tr("   Outcomes: {outcomes}.", outcomes=outcomes or "—"))
            ledger = env.simulator.ledger()
            delivered = sorted(
                {row["posting_number"] for row in ledger if row.get("to") == "delivered"}
            )
            _say(
                tr(
                    "   The platform now shows delivered: {postings}",
                    postings=", ".join(delivered) or "—",
                )
            )

            _say(tr("7. End of day:"))
            now = app.clock.now()
            period = ReportPeriod.day(now.date(), now.tzinfo or now.astimezone().tzinfo)  # type: ignore[arg-type]
            day = services.reporting.day_report(period, now=now)
            for path in export_report(day, app.paths.reports):
                _say(f"   {path}")
            sheet = services.reporting.reentry_sheet(
                app.paths.reports / "reentry-sheet.pdf", now=now
            )
            bundle = services.reporting.bundle(
                app.paths.reports / "support-bundle.zip",
                incident_id=incident.incident_id,
                now=now,
            )
            _say(f"   {sheet}\n   {bundle}")
            chain = app.store.journal.verify()
            _say(
                tr(
                    "8. Journal intact: {ok}; {count} entries, chain head {head}.",
                    ok=tr("yes") if chain.ok else tr("NO"),
                    count=chain.checked,
                    head=chain.head_hash[:16],
                )
            )
            if data_dir is None:
                _say(
                    tr(
                        "The demo folder is temporary and is removed now; give --data-dir to keep it."
                    )
                )
            return 0 if chain.ok else 1
        finally:
            monitor.close()
            app.close()
    finally:
        env.close()


def run_window(data_dir: Path | None, postings: int) -> int:
    from pvzdesk.demo import prepare_demo
    from pvzdesk.ui.app import run_gui

    env = prepare_demo(data_dir, postings=postings)
    # The window's reports and journal are the point of trying it: the folder stays, and we say where.
    env.temporary = False
    kept = tr("The demo's folder (journal, reports) is kept: {path}", path=env.paths.root)
    try:
        from pvzdesk.app import open_app

        with open_app(env.paths.root) as app:
            app.services.manifest.import_file(env.manifest_file)
            app.counter.receive([lower for _, _, lower in env.labels[len(env.labels) // 2 :]])
        _say(kept)
        return run_gui(str(env.paths.root), demo=env)
    finally:
        env.close()
        _say(kept)


def run(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir) if args.data_dir else None
    if args.headless:
        return run_headless(data_dir, args.postings)
    if not has_display():
        print(
            tr(
                "No display here: telling the demo in the terminal instead (or run: xvfb-run -a make demo)."
            ),
            file=sys.stderr,
        )
        return run_headless(data_dir, args.postings)
    return run_window(data_dir, args.postings)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("demo", help=tr("the built-in demo on the platform simulator"))
    parser.add_argument(
        "--headless", action="store_true", help=tr("tell the story in the terminal")
    )
    parser.add_argument(
        "--postings", type=int, default=300, help=tr("postings on the simulated platform")
    )
    parser.set_defaults(func=run)

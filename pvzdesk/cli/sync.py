"""Platform commands: ``health``, ``reconcile`` (and ``reconcile --status``), ``reentry``.

``reconcile --adapter reentry`` shows the re-entry worklist (partner points have no API to
reconcile through); ``reentry list`` shows it too and ``reentry done CODE...`` checks items off.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pvzdesk.app import AppContext

from pvzdesk.cli.common import EXIT_OK, EXIT_REFUSED, app_from, print_json
from pvzdesk.i18n import tr


def _when(moment: Any) -> str:
    return moment.astimezone().strftime("%d.%m.%Y %H:%M") if moment is not None else ""


# -- health ------------------------------------------------------------------------------------
def run_health(args: argparse.Namespace) -> int:
    from pvzdesk.services.messages import describe_failure

    with app_from(args) as app, app.services.reconcile.health_monitor() as monitor:
        snapshot = monitor.probe_round(app.incidents)
        unchecked = _unchecked(app)
    ok = all(result.ok for result in snapshot.results) and not unchecked
    if args.json:
        print_json(
            {
                "state": snapshot.state.value,
                "ok": ok,
                "failure": snapshot.failure,
                "key_problem": snapshot.key_problem,
                "key_expires_at": snapshot.key_expires_at.isoformat()
                if snapshot.key_expires_at
                else None,
                "key_expires_soon": snapshot.key_expires_soon,
                "unchecked": unchecked,
                "probes": [
                    {
                        "target": r.target,
                        "ok": r.ok,
                        "failure": r.failure,
                        "http_status": r.http_status,
                        "detail": r.detail,
                    }
                    for r in snapshot.results
                ],
            }
        )
        return EXIT_OK if ok else EXIT_REFUSED
    states = {"online": tr("online"), "degraded": tr("degraded"), "offline": tr("offline")}
    if unchecked and snapshot.state.value == "online":
        # What answered is up, but what this point needs was not checked: never «на связи».
        print(tr("Platform: not checked"))
    else:
        print(tr("Platform: {state}", state=states[snapshot.state.value]))
    for result in snapshot.results:
        if result.ok:
            print(f"✓ {result.target}: HTTP {result.http_status}")
        else:
            print(f"✗ {result.target}: {describe_failure(result.failure)} {result.detail}".rstrip())
    for what in unchecked:
        print(f"? {what}")
    if snapshot.key_problem:
        print(
            tr("The API key was refused: this is a key problem, not an outage. Check Settings."),
            file=sys.stderr,
        )
    if snapshot.key_expires_soon and snapshot.key_expires_at is not None:
        print(
            tr(
                "The API key expires on {date}: issue a new one in the seller's account.",
                date=_when(snapshot.key_expires_at),
            ),
            file=sys.stderr,
        )
    return EXIT_OK if ok else EXIT_REFUSED


def _unchecked(app: Any) -> list[str]:
    """What ``health`` could not check with these settings, said in words."""
    from pvzdesk.secrets import api_key, client_id

    platform = app.settings.platform
    if platform.adapter != "ozon_seller":
        return []
    client = client_id(platform.client_id)
    if not client or not api_key(client):
        return [
            tr(
                "Seller API not checked: there is no Client-Id or API key (only the login "
                "page was probed)."
            )
        ]
    return []


# -- reconcile ---------------------------------------------------------------------------------
def _print_progress(done: int, total: int) -> None:
    print(
        f"\r{tr('Reconciling: {done} of {total}', done=done, total=total)}",
        end="",
        file=sys.stderr,
        flush=True,
    )


def _print_retry_after(until: Any) -> None:
    print(
        "\n"
        + tr(
            "The platform asked to wait: requests resume at {time}.",
            time=until.astimezone().strftime("%H:%M:%S"),
        ),
        file=sys.stderr,
        flush=True,
    )


def run_reconcile(args: argparse.Namespace) -> int:
    adapter = args.adapter
    with app_from(args) as app:
        adapter = adapter or app.settings.platform.adapter
        if adapter == "reentry":
            return _print_worklist(app, args.json, show_all=False)
        if args.status:
            return _print_status(app, args.json)
        return _reconcile_seller(app, args)


def _reconcile_seller(app: AppContext, args: argparse.Namespace) -> int:
    from pvzdesk.sync.reconciler import ReconcileOptions

    options = ReconcileOptions(confirm_after_s=args.confirm_after, resend_after_s=args.resend_after)
    reconcile = app.services.reconcile
    if args.retry_set_aside:
        reconcile.credentials(args.base_url)  # no key: say so before changing anything
        count = reconcile.retry_set_aside()
        print(tr("Set-aside entries put back to be checked again: {count}.", count=count))
    run = reconcile.run(
        base_url=args.base_url, rate_limit_rps=args.rate_limit, options=options,
        progress=_print_progress, refresh_after=not args.no_refresh,
        on_retry_after=_print_retry_after,
    )  # fmt: skip
    report, refresh, requests = run.report, run.refresh, run.requests
    print(file=sys.stderr)
    conflicts = reconcile.views().conflicts()
    if args.json:
        print_json(
            {
                "total": report.total,
                "done": report.done,
                "remaining": report.remaining,
                "outcomes": report.outcomes,
                "rounds": report.rounds,
                "requests": requests,
                "retries": report.retries,
                "stopped": report.stopped,
                "conflicts": len(conflicts),
                "statuses_recorded": refresh.statuses_recorded if refresh else None,
            }
        )
    else:
        print(
            tr(
                "Reconciled {done} of {total}; conflicts: {conflicts}; requests: {requests}.",
                done=report.done,
                total=report.total,
                conflicts=len(conflicts),
                requests=requests,
            )
        )
        if report.stopped and report.stopped != "cancelled":
            print(
                tr("Stopped early: the platform does not answer. Run it again later."),
                file=sys.stderr,
            )
        if refresh is not None:
            print(
                tr(
                    "Statuses re-read from the platform: {count} changed. Storage deadlines are "
                    "this point's own; extend them in Хранение if the outage held parcels up.",
                    count=refresh.statuses_recorded,
                )
            )
    return EXIT_OK if report.remaining == 0 else EXIT_REFUSED


def _print_status(app: AppContext, as_json: bool) -> int:
    from pvzdesk.services.messages import describe_outcome, kind_label
    from pvzdesk.services.reconcile_words import explain, platform_side

    views = app.services.reconcile.views()
    outstanding = views.outstanding()
    conflicts = views.conflicts()
    if as_json:
        print_json(
            {
                "summary": views.summary(),
                "outstanding": [
                    {
                        "entry_id": o.entry.entry_id,
                        "kind": o.entry.kind.value,
                        "posting": o.entry.posting,
                        "outcome": o.outcome,
                        "detail": o.detail,
                    }
                    for o in outstanding
                ],
                "conflicts": [
                    {
                        "entry_id": c.entry.entry_id,
                        "kind": c.entry.kind.value,
                        "posting": c.entry.posting,
                        "journal_time": c.entry.wall_time.isoformat(),
                        "operator": c.entry.operator,
                        "outcome": c.outcome,
                        "conflict": c.kind,
                        "description": c.description,
                        "platform": c.platform_view,
                    }
                    for c in conflicts
                ],
            }
        )
        return EXIT_OK
    print(tr("Waiting to reconcile: {count}", count=len(outstanding)))
    for o in outstanding:
        outcome = describe_outcome(o.outcome) if o.outcome else "—"
        platform = platform_side(o.outcome, o.detail) if o.outcome else ""
        print(f"  {kind_label(o.entry.kind):<17} {o.entry.posting:<20} {outcome:<10} {platform}")
    print(tr("Conflicts and rejections: {count}", count=len(conflicts)))
    for c in conflicts:
        said = c.said or explain(c.entry, c.outcome, "")
        print(f"  {c.entry.posting:<20} {said.journal} — {said.platform}")
        print(f"    {said.advice}")
    return EXIT_OK


# -- reentry -----------------------------------------------------------------------------------
def _print_worklist(app: AppContext, as_json: bool, *, show_all: bool) -> int:
    items = app.services.reconcile.worklist().items()
    shown = items if show_all else [item for item in items if not item.done]
    if as_json:
        print_json(
            [
                {
                    "entry_id": item.entry.entry_id,
                    "kind": item.entry.kind.value,
                    "posting": item.entry.posting,
                    "time": item.entry.wall_time.isoformat(),
                    "incident_id": item.incident_id,
                    "done": item.done,
                }
                for item in shown
            ]
        )
        return EXIT_OK
    left = sum(1 for item in items if not item.done)
    print(tr("To re-enter in the platform's app: {left} of {total}", left=left, total=len(items)))
    from pvzdesk.services.messages import kind_label

    for item in shown:
        mark = "✓" if item.done else "·"
        done = kind_label(item.entry.kind)
        print(f"  {mark} {_when(item.entry.wall_time)}  {done:<17} {item.entry.posting}")
    return EXIT_OK


def run_reentry(args: argparse.Namespace) -> int:
    with app_from(args) as app:
        if args.action == "list":
            return _print_worklist(app, args.json, show_all=args.all)
        if not args.codes:
            from pvzdesk.errors import UsageError

            raise UsageError(tr("Give the codes of the re-entered parcels."))
        worklist = app.services.reconcile.worklist()
        results = [worklist.check_off(code) for code in args.codes]
        if args.json:
            print_json(
                [
                    {
                        "code": r.code,
                        "entry_id": r.item.entry.entry_id if r.item else None,
                        "message": r.message,
                    }
                    for r in results
                ]
            )
        else:
            from pvzdesk.services.messages import kind_label

            for r in results:
                # the operation in the operator's words, not the journal's kind name
                message = (
                    tr(
                        "Re-entered: {kind} of {posting}.",
                        kind=kind_label(r.item.entry.kind),
                        posting=r.item.entry.posting,
                    )
                    if r.item
                    else r.message
                )
                print(
                    f"{'✓' if r.item else '✗'} {message}",
                    file=sys.stdout if r.item else sys.stderr,
                )
            print(tr("Left to re-enter: {count}", count=len(worklist.remaining())))
        return EXIT_OK if all(r.item for r in results) else EXIT_REFUSED


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    health = subparsers.add_parser("health", help=tr("probe the platform once and show its state"))
    health.add_argument("--json", action="store_true", help=tr("machine-readable output"))
    health.set_defaults(func=run_health)

    reconcile = subparsers.add_parser(
        "reconcile", help=tr("bring the journal to the platform after an outage")
    )
    reconcile.add_argument(
        "--adapter", choices=("ozon_seller", "reentry"), help=tr("default: from settings")
    )
    reconcile.add_argument(
        "--base-url", metavar="URL", help=tr("Seller API address (default: from settings)")
    )
    reconcile.add_argument(
        "--status", action="store_true", help=tr("list outstanding entries and conflicts")
    )
    reconcile.add_argument("--json", action="store_true", help=tr("machine-readable output"))
    reconcile.add_argument(
        "--rate-limit",
        type=float,
        metavar="RPS",
        help=tr("requests per second (default: from settings)"),
    )
    reconcile.add_argument(
        "--no-refresh", action="store_true", help=tr("do not re-read statuses afterwards")
    )
    reconcile.add_argument(
        "--retry-set-aside",
        action="store_true",
        help=tr("check every set-aside entry (conflicts, rejections) again in this run"),
    )
    reconcile.add_argument(
        "--confirm-after", type=float, default=2.0, metavar="S", help=argparse.SUPPRESS
    )
    reconcile.add_argument(
        "--resend-after", type=float, default=30.0, metavar="S", help=argparse.SUPPRESS
    )
    reconcile.set_defaults(func=run_reconcile)

    reentry = subparsers.add_parser("reentry", help=tr("re-entry worklist for partner points"))
    reentry.add_argument(
        "action", choices=("list", "done"), metavar="{list,done}", help=tr("list, or done CODE...")
    )
    reentry.add_argument("codes", nargs="*", metavar="CODE")
    reentry.add_argument("--all", action="store_true", help=tr("also show what is checked off"))
    reentry.add_argument("--json", action="store_true", help=tr("machine-readable output"))
    reentry.set_defaults(func=run_reentry)

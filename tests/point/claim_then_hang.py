"""A desk process that claims a parcel inside its write transaction and then hangs before the
write, to be killed there: ``python -m tests.point.claim_then_hang DATA_DIR POSTING``."""

from __future__ import annotations

import sys
import time

from pvzdesk.app import open_app
from pvzdesk.clock import SystemClock
from pvzdesk.domain.models import EntryKind


def main() -> None:
    data_dir, posting = sys.argv[1], sys.argv[2]
    app = open_app(data_dir, clock=SystemClock())
    desk = app.point
    assert desk is not None
    with app.store.write():  # as the counter does: the claim first, the entry after it
        outcome = desk.claim(app.store, EntryKind.ISSUE, posting, "Иванова")
        print("claimed" if outcome is not None and outcome.granted else "refused", flush=True)
        time.sleep(600)  # killed here: the claim stands, the entry is never written


if __name__ == "__main__":
    main()

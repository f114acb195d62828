"""A desk as a separate process for the kill tests: it works the counter and keeps its link.

``python -m tests.point.desk_worker DATA_DIR PREFIX``: receives and issues parcels (``PREFIX`` is 4
digits that make their numbers unique) for
ever (the counter claims each issue when a point database is configured), printing each acknowledged entry
id with the point link's state after its commit. Its settings name the databases.
"""

from __future__ import annotations

import sys
import time

from pvzdesk.app import open_app
from pvzdesk.clock import SystemClock


def main() -> None:
    data_dir, prefix = sys.argv[1], sys.argv[2]
    app = open_app(data_dir, clock=SystemClock())
    desk = app.point
    assert desk is not None
    desk.interval_s = 0.2
    desk.start()
    print("ready", flush=True)
    import faulthandler

    faulthandler.dump_traceback_later(6, exit=True)
    number = 0
    while True:
        number += 1
        posting = f"{prefix}{number:06d}-0001-1"
        written = list(app.counter.receive([posting]).entries)
        written.extend(app.counter.issue([posting]).entries)  # claimed first when a point is set
        state = desk.link().state.value
        for entry in written:
            print(entry.entry_id, state, flush=True)
        time.sleep(0.005)  # a busy counter, not a spinning one: leaves the CPU to the others


if __name__ == "__main__":
    main()

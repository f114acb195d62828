"""The frozen program's entry (PyInstaller): ``pvzdesk ARGS`` is the CLI, and
``pvzdesk -m MODULE ARGS`` runs a module the way ``python -m`` would, because the window starts
its chain check as ``sys.executable -m pvzdesk.storage.verify_process`` and in a frozen build
``sys.executable`` is this program."""

from __future__ import annotations

import runpy
import sys

if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "-m":
        module = sys.argv[2]
        sys.argv = [sys.argv[0], *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        sys.exit(0)
    from pvzdesk.cli.main import main

    sys.exit(main())

"""Entry point of the ``pvzdesk`` console script."""

from __future__ import annotations

import sys

from pvzdesk.cli.main import main

if __name__ == "__main__":
    sys.exit(main())

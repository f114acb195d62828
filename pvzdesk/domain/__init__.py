"""Pure domain: no Qt, no HTTP, no database, no camera, and never the clock (``now`` is passed in)."""

"""Several desks, one point; a network of points — on PostgreSQL (psycopg 3 is used only here).

    PointDesk        one desk's link: push, pull, claims, status (``desk.py``)
    push / pull      the idempotent push of a desk's own entries; the verified pull of the others'
    claims           the double-issue guard: one row per (posting, claim number)
    schema           the tables and triggers pvzdesk creates in the point and central databases

Nothing here is needed for a desk to work: the local SQLite journal is the first durable write, and
a desk with no database configured never imports this package.
"""

from pvzdesk.point.desk import DeskIdentity, LinkState, LinkStatus, PointDesk, PointStatus
from pvzdesk.point.schema import Target

__all__ = ["DeskIdentity", "LinkState", "LinkStatus", "PointDesk", "PointStatus", "Target"]

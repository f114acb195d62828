"""Who a customer is, found offline from what the counter has at hand: the order number from the
customer's app, or the customer's name and the last digits of the phone (where the manifest has
them). Read-only queries over the manifest and the cached posting states."""

from __future__ import annotations

from sqlite_utils import Database

from pvzdesk.domain.state import PostingState
from pvzdesk.storage.rows import STATE_COLUMNS, state_from_row


def postings_of_order(db: Database, order: str) -> list[PostingState]:
    pattern = order.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%"
    return [
        state_from_row(row)
        for row in db.conn.execute(
            f"SELECT {STATE_COLUMNS} FROM posting_state WHERE posting LIKE ? ESCAPE '\\' "
            "ORDER BY posting",
            (pattern,),
        )
    ]


def customers_with_phones(db: Database) -> list[tuple[str, str, str]]:
    """``(customer_key, customer_name, customer_phone)`` of every customer the manifest has a
    phone for; the caller compares (phones come formatted in many ways, and SQLite folds only
    ASCII letters, so names are compared in Python)."""
    return [
        (str(key), str(name), str(phone))
        for (key, name, phone) in db.conn.execute(
            "SELECT DISTINCT customer_key, customer_name, customer_phone FROM manifest "
            "WHERE customer_key != '' AND customer_phone != ''"
        )
    ]

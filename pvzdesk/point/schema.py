"""The point and central databases' schema, created and migrated by pvzdesk (migrations only add).

Both hold entries under the primary key ``(device_id, device_seq)``; a trigger refuses a row whose
``prev_hash`` does not follow the device's previous row (a gap, a broken link or a second, different
entry under a key already taken), and another refuses UPDATE, DELETE and TRUNCATE. The point database
also holds the claims (one row per posting and claim number: the double-issue guard), the conflicts
found after an isolated spell, and the desks that have pushed. Refusals carry our own SQLSTATEs so
they are classified by code, never by text.
"""

from __future__ import annotations

from enum import StrEnum

import psycopg

NOTIFY_CHANNEL = "pvzdesk_point"

# SQLSTATEs raised by our triggers (class "PZ" is ours)
SQLSTATE_GAP = "PZ001"
SQLSTATE_LINK = "PZ002"
SQLSTATE_FORK = "PZ003"
SQLSTATE_APPEND_ONLY = "PZ004"


class Target(StrEnum):
    POINT = "point"
    CENTRAL = "central"


ENTRY_TABLE = {Target.POINT: "entries", Target.CENTRAL: "journal"}

ENTRY_COLUMNS = (
    "device_id",
    "device_seq",
    "seq",
    "entry_id",
    "operator",
    "kind",
    "posting",
    "raw",
    "payload",
    "wall_time",
    "utc_offset_min",
    "mono_ns",
    "prev_hash",
    "hash",
    "point_id",
)
# the PostgreSQL type of each column, for ``unnest`` of one array per column
ENTRY_TYPES = (
    "text",
    "bigint",
    "bigint",
    "text",
    "text",
    "text",
    "text",
    "bytea",
    "text",
    "text",
    "integer",
    "bigint",
    "text",
    "text",
    "text",
)

_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION pvzdesk_chain_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    existing text;
    previous text;
BEGIN
    EXECUTE format('SELECT hash FROM %I.%I WHERE device_id = $1 AND device_seq = $2',
                   TG_TABLE_SCHEMA, TG_TABLE_NAME)
        INTO existing USING NEW.device_id, NEW.device_seq;
    IF existing IS NOT NULL THEN
        IF existing <> NEW.hash THEN
            RAISE EXCEPTION 'device % entry % is already here with another hash',
                NEW.device_id, NEW.device_seq USING ERRCODE = '{SQLSTATE_FORK}';
        END IF;
        RETURN NEW;  -- the same entry again: ON CONFLICT DO NOTHING drops it
    END IF;
    IF NEW.device_seq > 1 THEN
        EXECUTE format('SELECT hash FROM %I.%I WHERE device_id = $1 AND device_seq = $2',
                       TG_TABLE_SCHEMA, TG_TABLE_NAME)
            INTO previous USING NEW.device_id, NEW.device_seq - 1;
        IF previous IS NULL THEN
            RAISE EXCEPTION 'device % entry % arrived before entry %',
                NEW.device_id, NEW.device_seq, NEW.device_seq - 1 USING ERRCODE = '{SQLSTATE_GAP}';
        END IF;
        IF previous <> NEW.prev_hash THEN
            RAISE EXCEPTION 'device % entry % does not follow its previous entry',
                NEW.device_id, NEW.device_seq USING ERRCODE = '{SQLSTATE_LINK}';
        END IF;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION pvzdesk_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '{SQLSTATE_APPEND_ONLY}';
END $$;

CREATE OR REPLACE FUNCTION pvzdesk_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{NOTIFY_CHANNEL}', TG_TABLE_NAME);
    RETURN NULL;
END $$;
"""


def _entry_table(table: str, extra: str = "") -> str:
    return f"""
CREATE TABLE IF NOT EXISTS {table} (
    device_id text NOT NULL,
    device_seq bigint NOT NULL CHECK (device_seq > 0),
    seq bigint NOT NULL,
    entry_id text NOT NULL,
    operator text NOT NULL,
    kind text NOT NULL,
    posting text NOT NULL,
    raw bytea NOT NULL,
    payload text NOT NULL,
    wall_time text NOT NULL,
    utc_offset_min integer NOT NULL,
    mono_ns bigint NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL,
    point_id text NOT NULL DEFAULT '',
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, device_seq)
);
CREATE INDEX IF NOT EXISTS {table}_posting ON {table} (posting);
CREATE OR REPLACE TRIGGER {table}_chain BEFORE INSERT ON {table}
    FOR EACH ROW EXECUTE FUNCTION pvzdesk_chain_check();
{_append_only(table)}
{extra}
"""


def _append_only(table: str) -> str:
    return f"""
CREATE OR REPLACE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION pvzdesk_append_only();
CREATE OR REPLACE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION pvzdesk_append_only();
"""


def _notify(table: str) -> str:
    return f"""
CREATE OR REPLACE TRIGGER {table}_notify AFTER INSERT ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION pvzdesk_notify();
"""


POINT_MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("point_001_functions", _FUNCTIONS),
    ("point_002_entries", _entry_table("entries", _notify("entries"))),
    (
        "point_003_desks_claims_conflicts",
        """
CREATE TABLE IF NOT EXISTS desks (
    device_id text PRIMARY KEY,
    desk_name text NOT NULL,
    first_seen timestamptz NOT NULL DEFAULT now(),
    last_seen timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS claims (
    posting text NOT NULL,
    claim_no integer NOT NULL,
    device_id text NOT NULL,
    desk_name text NOT NULL,
    operator text NOT NULL,
    kind text NOT NULL,
    entry_id text NOT NULL DEFAULT '',
    claimed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (posting, claim_no)
);
CREATE TABLE IF NOT EXISTS conflicts (
    id bigserial PRIMARY KEY,
    posting text NOT NULL,
    claim_no integer NOT NULL,
    holder_device_id text NOT NULL,
    holder_desk text NOT NULL,
    holder_operator text NOT NULL,
    holder_kind text NOT NULL,
    holder_at timestamptz NOT NULL,
    entry_id text NOT NULL UNIQUE,
    device_id text NOT NULL,
    desk_name text NOT NULL,
    operator text NOT NULL,
    kind text NOT NULL,
    wall_time text NOT NULL,
    found_at timestamptz NOT NULL DEFAULT now()
);
"""
        + _append_only("claims")
        + _append_only("conflicts")
        + _notify("conflicts"),
    ),
    (
        # who this database is: a desk moved to another point database renews its copy
        "point_004_identity",
        "CREATE TABLE IF NOT EXISTS point_identity (id text PRIMARY KEY);"
        "INSERT INTO point_identity SELECT gen_random_uuid()::text "
        "WHERE NOT EXISTS (SELECT 1 FROM point_identity);" + _append_only("point_identity"),
    ),
    (
        # a claim made at the counter notes the desk's journal head; a claim its desk proved was
        # never written (the desk died or the write failed after it) is released, never deleted
        "point_005_claim_releases",
        """
ALTER TABLE claims ADD COLUMN IF NOT EXISTS head_seq bigint;
CREATE INDEX IF NOT EXISTS claims_device_head ON claims (device_id, head_seq);
CREATE TABLE IF NOT EXISTS claim_releases (
    posting text NOT NULL,
    claim_no integer NOT NULL,
    device_id text NOT NULL,
    desk_name text NOT NULL,
    kind text NOT NULL,
    released_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (posting, claim_no)
);
"""
        + _append_only("claim_releases")
        + _notify("claim_releases"),
    ),
)

CENTRAL_MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("central_001_functions", _FUNCTIONS),
    (
        "central_002_journal",
        _entry_table("journal", "CREATE INDEX IF NOT EXISTS journal_point ON journal (point_id);"),
    ),
)

MIGRATIONS = {Target.POINT: POINT_MIGRATIONS, Target.CENTRAL: CENTRAL_MIGRATIONS}

# one lock number for "pvzdesk migrates this database": two desks starting together wait in turn
_MIGRATION_LOCK = 0x7076_7A64


def ensure_schema(conn: psycopg.Connection[tuple[object, ...]], target: Target) -> list[str]:
    """Apply the migrations this database lacks; return their names. Safe to call at every connect."""
    applied: list[str] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS pvzdesk_migrations ("
            " name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {str(row[0]) for row in conn.execute("SELECT name FROM pvzdesk_migrations")}
        for name, sql in MIGRATIONS[target]:
            if name in done:
                continue
            conn.execute(sql.encode())
            conn.execute("INSERT INTO pvzdesk_migrations (name) VALUES (%s)", (name,))
            applied.append(name)
    return applied


def point_identity(conn: psycopg.Connection[tuple[object, ...]]) -> str:
    """The point database's own id, made once when pvzdesk created its schema."""
    row = conn.execute("SELECT id FROM point_identity").fetchone()
    return str(row[0]) if row else ""

"""Where the point and central databases are, and opening a connection to one of them.

The URL comes from the environment (``PVZDESK_POINT_DB`` / ``PVZDESK_CENTRAL_DB``) or the settings
(``point.database_url`` / ``central.database_url``); TLS is asked for in the URL (``sslmode=require``
or ``verify-full``). A password is never kept in the settings: when the URL has none, the OS keyring
is asked (service ``pvzdesk-point-db`` or ``pvzdesk-central-db``, account ``user@host``).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from pvzdesk.errors import PointError
from pvzdesk.i18n import tr
from pvzdesk.point.schema import Target
from pvzdesk.secrets import database_password

ENVIRONMENT = {Target.POINT: "PVZDESK_POINT_DB", Target.CENTRAL: "PVZDESK_CENTRAL_DB"}
KEYRING_SERVICE = {Target.POINT: "pvzdesk-point-db", Target.CENTRAL: "pvzdesk-central-db"}
CONNECT_TIMEOUT_S = 2  # libpq's smallest useful value; a desk never waits on it at the counter

Connection = psycopg.Connection[tuple[object, ...]]


@dataclass(frozen=True)
class DatabaseConfig:
    target: Target
    url: str

    @property
    def configured(self) -> bool:
        return bool(self.url)

    def where(self) -> str:
        """Host, port and database name, for messages (never the password)."""
        try:
            parts = conninfo_to_dict(self.url)
        except psycopg.ProgrammingError:
            return "?"
        return (
            f"{parts.get('host', 'localhost')}:{parts.get('port', 5432)}/{parts.get('dbname', '')}"
        )


def database_config(target: Target, configured_url: str) -> DatabaseConfig:
    return DatabaseConfig(target, os.environ.get(ENVIRONMENT[target], "") or configured_url)


def _connect_arguments(config: DatabaseConfig, application: str) -> dict[str, str | int]:
    try:
        parts = conninfo_to_dict(config.url)
    except psycopg.ProgrammingError as exc:
        raise PointError(
            tr("The database address in the settings cannot be read."),
            hint=tr("Write it as postgresql://user@host:5432/database."),
        ) from exc
    arguments: dict[str, str | int] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": application[:60],
        # a silent link (cable pulled) is noticed in seconds, not after the kernel's two hours
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 2,
    }
    if "password" not in parts:
        account = f"{parts.get('user', '')}@{parts.get('host', '')}"
        password = database_password(KEYRING_SERVICE[config.target], account)
        if password:
            arguments["password"] = password
    return arguments


def connect(config: DatabaseConfig, application: str = "pvzdesk") -> Connection:
    """An autocommit connection; raises PointError when the database cannot be reached."""
    try:
        conninfo = make_conninfo(config.url, **_connect_arguments(config, application))
        conn: Connection = psycopg.connect(conninfo, autocommit=True)
    except psycopg.Error as exc:
        raise unreachable(config, exc) from exc
    return conn


def unreachable(config: DatabaseConfig, exc: BaseException) -> PointError:
    if config.target is Target.POINT:
        message = tr("The point database {where} is not reachable.", where=config.where())
        hint = tr("The desk keeps working on its own and catches up when the link is back.")
    else:
        message = tr("The central database {where} is not reachable.", where=config.where())
        hint = tr("Entries wait here and are sent when it is back.")
    if isinstance(exc, psycopg.Error) and exc.sqlstate in ("28P01", "28000"):
        hint = tr("The database refused the user or password: check the address and the keyring.")
    return PointError(message, hint=hint)


def is_link_failure(exc: BaseException) -> bool:
    """A failure of the link or the server (try again later), as opposed to a refusal or a bug."""
    if isinstance(exc, psycopg.OperationalError):
        return True
    state = exc.sqlstate if isinstance(exc, psycopg.Error) else None
    # 08: connection exception; 57P: operator intervention (shutdown); 53: insufficient resources
    return bool(state) and str(state).startswith(("08", "57P", "53"))


def close_quietly(conn: Connection | None) -> None:
    if conn is None:
        return
    with contextlib.suppress(psycopg.Error):
        conn.close()


def interrupt(conn: Connection | None) -> None:
    """Unblock a thread stuck reading from ``conn`` (a stalled link): shut its socket down.

    The blocked call then fails at once with an OperationalError; the connection is unusable after."""
    if conn is None:
        return
    import socket

    try:
        fd = conn.pgconn.socket
        sock = socket.socket(fileno=os.dup(fd))
    except (psycopg.Error, OSError, ValueError):
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.close()

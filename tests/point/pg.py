"""A throwaway PostgreSQL cluster for the tests, from the Debian package's binaries.

initdb refuses to run as root, so as root the cluster runs as the ``postgres`` user (``runuser``) in
a temporary folder that user owns. It listens on loopback only, on a free port; ``fsync=off`` because
a test cluster's durability is not what is tested (the desks' SQLite journals are).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg


def find_bin_dir() -> Path:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )
    for candidate in reversed(candidates):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    raise RuntimeError(
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
        "`make test` installs the Debian package `postgresql`; run it, or apt-get install postgresql"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_cluster_user() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@dataclass
class Cluster:
    bin_dir: Path
    root: Path
    port: int
    durable: bool = False  # fsync and synchronous commit on, as a real point server (the bench)

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [*_as_cluster_user(), *args], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {result.stdout}{result.stderr}\n{tail}")

    def init(self) -> None:
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=300"
        )
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def kill(self) -> None:
        """The server dies at once (SIGKILL to the postmaster, ``immediate`` for its children)."""
        self.stop("immediate")

    def url(self, dbname: str = "postgres", port: int | None = None) -> str:
        return f"postgresql://postgres@127.0.0.1:{port or self.port}/{dbname}"

    def new_database(self, name: str) -> str:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def wait_ready(self, timeout_s: float = 60.0) -> None:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with psycopg.connect(self.url(), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)


def start_cluster(*, durable: bool = False) -> Cluster:
    root = Path(tempfile.mkdtemp(prefix="pvzdesk-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        root.chmod(0o700)
    cluster = Cluster(find_bin_dir(), root, free_port(), durable)
    cluster.init()
    cluster.start()
    return cluster


def remove_cluster(cluster: Cluster) -> None:
    with contextlib.suppress(RuntimeError):  # already stopped
        cluster.stop("immediate")
    shutil.rmtree(cluster.root, ignore_errors=True)

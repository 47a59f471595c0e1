"""A throwaway real PostgreSQL server for the tests, from Debian's ``postgresql`` binaries.

``initdb`` + ``pg_ctl`` in a temporary directory, on a free loopback port, stopped at the end of
the session. PostgreSQL refuses to run as root, so under root the server runs as the
``postgres`` system user (created by the Debian package). Use the fixtures by importing them
into a test module: ``from pg_server import pg_server, pg_url  # noqa: F401``.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPERUSER = "newsdigest"


def _bindir() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    bindir: Path
    root: Path
    port: int
    run_as: str | None

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def _cmd(self, *args: str) -> list[str]:
        return ["runuser", "-u", self.run_as, "--", *args] if self.run_as else list(args)

    def _run(self, *args: str) -> None:
        proc = subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {proc.stderr.strip() or proc.stdout.strip()}")

    def start(self) -> None:
        self._run(
            str(self.bindir / "initdb"),
            "-D", str(self.data),
            "-U", SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-sync",
        )  # fmt: skip
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=60 -c shared_buffers=32MB"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D", str(self.data),
            "-o", options,
            "-l", str(self.root / "server.log"),
            "-w", "-t", "60",
            "start",
        )  # fmt: skip

    def stop(self) -> None:
        subprocess.run(
            self._cmd(
                str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"
            ),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self) -> str:
        """A fresh empty database; its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def start_server() -> PgServer:
    """Start a server or raise RuntimeError saying why it cannot run here."""
    bindir = _bindir()
    if bindir is None:
        raise RuntimeError(
            "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb): "
            "apt-get install postgresql"
        )
    run_as = None
    root = Path(tempfile.mkdtemp(prefix="newsdigest-pg-"))
    if os.geteuid() == 0:
        run_as = "postgres"
        shutil.chown(root, user=run_as)
    server = PgServer(bindir=bindir, root=root, port=_free_port(), run_as=run_as)
    try:
        server.start()
    except Exception:
        server.stop()
        raise
    return server


_shared: list[PgServer] = []


def shared_server() -> PgServer:
    """One server per test session, however many modules import the fixtures (each import
    makes its own fixture definition, so the sharing is done here); stopped at exit."""
    if not _shared:
        server = start_server()
        atexit.register(server.stop)
        _shared.append(server)
    return _shared[0]


@pytest.fixture(scope="session")
def pg_server() -> PgServer:
    if _bindir() is None:
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
    return shared_server()


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """URL of a fresh, empty database on the session's server."""
    return pg_server.create_database()

"""A real, throw-away PostgreSQL server on a loopback port (Debian's postgresql package)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


def _bin_dir() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    return os.path.dirname(found[-1])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start initdb + postgres in a temp dir; yield a postgresql:// URL; stop and clean up."""
    bindir = _bin_dir()
    workdir = tempfile.mkdtemp(prefix="archcode-pg-")
    datadir = os.path.join(workdir, "data")
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: use the package's postgres user
        shutil.chown(workdir, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], check=True, capture_output=True, timeout=120)

    run(f"{bindir}/initdb", "-D", datadir, "--auth=trust", "-U", "postgres", "-E", "UTF8")
    options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(
        f"{bindir}/pg_ctl",
        "-D",
        datadir,
        "-o",
        options,
        "-w",
        "-t",
        "60",
        "start",
        "-l",
        os.path.join(workdir, "log"),
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        run(f"{bindir}/pg_ctl", "-D", datadir, "-m", "immediate", "stop")
        shutil.rmtree(workdir, ignore_errors=True)

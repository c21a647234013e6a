"""A throw-away PostgreSQL server for the tests: initdb in a temporary folder, pg_ctl start.

initdb refuses to run as root (CI runs as root), so there the cluster belongs to the
`postgres` system user (Debian's package creates it) and every server command runs through
`runuser`. The server listens on 127.0.0.1 on a free port and trusts local connections;
durability is switched off (fsync) because the data dies with the test session anyway.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "infcrm"


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl (Debian keeps them off PATH), or None."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.insert(0, str(Path(found).resolve().parent))
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def why_unavailable() -> str | None:
    """Why no server can be started here, or None when one can."""
    if find_binaries() is None:
        return (
            "PostgreSQL is not installed (no initdb/pg_ctl found); install Debian's "
            "'postgresql' package to run the tests on a server"
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to own a test cluster"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "the psycopg driver is missing: pip install -e '.[team]'"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running test server; `url(name)` is the SQLAlchemy URL of one of its databases."""

    folder: Path
    port: int
    bin: Path
    owner: str | None  # the system user running it when the tests run as root

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.owner:
            command = ["runuser", "-u", self.owner, "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd="/")

    def options(self) -> str:
        return (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )

    def pause(self) -> None:
        """Stop the server as an administrator would (fast: sessions are cut off); the data
        stays for `resume`."""
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        """Start the server again after `pause`, on the same port with the same data."""
        data = str(self.folder / "data")
        log = str(self.folder / "log")
        self._run("pg_ctl", "-D", data, "-o", self.options(), "-l", log, "-w", "start")

    def require_password(self, role: str) -> None:
        """Make `role` sign in with its password (every other role is still trusted)."""
        hba = self.folder / "data" / "pg_hba.conf"
        hba.write_text(f"host all {role} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
        self._run("pg_ctl", "-D", str(self.folder / "data"), "reload")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Server:
    """initdb in a new temporary folder and start the server on a free port."""
    binaries = find_binaries()
    assert binaries is not None, why_unavailable()
    owner = "postgres" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="infcrm-pg-"))
    if owner:
        entry = pwd.getpwnam(owner)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    server = Server(folder, _free_port(), binaries, owner)
    data = str(folder / "data")
    try:
        server._run(
            "initdb", "-D", data, "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        server.resume()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return server

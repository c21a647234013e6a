"""One copy of infcrm at a time per database: a lock file beside it.

Without it a second copy would wait for SQLite's busy timeout and then fail with "database is
locked". The lock file holds who took it (pid, computer, start time); it survives a crash and is
taken over when the process that wrote it no longer runs on this computer.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from infcrm.db.engine import StorageError

# A lock file that cannot be read is a copy caught between creating and writing it; after this
# long it is a leftover of a crash at that very moment and can be taken over.
UNREADABLE_GRACE_SECONDS = 5.0


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock: process id, computer and when that copy started."""

    pid: int
    host: str
    started: datetime  # aware


class AlreadyOpen(StorageError):
    """Another copy of infcrm has the database open."""

    def __init__(self, db_path: Path, owner: LockOwner) -> None:
        self.owner = owner
        local = owner.started.astimezone()
        if local.date() == datetime.now().date():
            when = f"today at {local:%H:%M}"
        else:
            when = f"on {local:%d %b %Y at %H:%M}"
        where = (
            "on this computer"
            if owner.host == socket.gethostname()
            else f"on the computer “{owner.host}”"
        )
        super().__init__(
            f"“{Path(db_path).name}” is already open in another copy of infcrm, started {when} "
            f"{where}. Switch to that window, or close it and start infcrm again."
        )


def lock_path(db_path: Path) -> Path:
    """The lock file of the database at `db_path`."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def _process_start(pid: int) -> float | None:
    """When process `pid` started (seconds since the epoch), where the system says; else None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime")
        )
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _windows_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def process_alive(pid: int, since: datetime | None = None) -> bool:
    """Whether process `pid` runs on this computer (and, if known, started before `since`)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        # os.kill(pid, 0) would send Ctrl+C on Windows; ask the kernel instead.
        return _windows_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, it is just someone else's
    if since is not None:
        started = _process_start(pid)
        # A process that started after the lock was written reuses the pid of a dead copy.
        if started is not None and started > since.timestamp() + 2:
            return False
    return True


def _read_owner(path: Path) -> LockOwner | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockOwner(
            int(data["pid"]), str(data["host"]), datetime.fromisoformat(data["started"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


class DatabaseLock:
    """The lock that keeps a second copy of infcrm off a database; a context manager too."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self.owner: LockOwner | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self.owner is not None

    def acquire(self) -> DatabaseLock:
        """Take the lock, or raise AlreadyOpen naming when the other copy started."""
        if self.held:
            return self
        for _attempt in range(5):
            me = LockOwner(os.getpid(), socket.gethostname(), datetime.now().astimezone())
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                self._take_over_if_stale()
                continue
            except OSError as exc:
                raise StorageError(
                    f"infcrm cannot create its lock file beside “{self.db_path.name}” "
                    f"({exc.strerror or exc}). Check that the folder can be written to."
                ) from exc
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump({"pid": me.pid, "host": me.host, "started": me.started.isoformat()}, file)
            self.owner = me
            atexit.register(self.release)
            return self
        raise StorageError(
            f"infcrm could not take the lock file “{self.path.name}”; another copy keeps "
            "starting and stopping. Try again in a moment."
        )

    def _take_over_if_stale(self) -> None:
        """Remove the existing lock file if its owner is gone; else raise AlreadyOpen."""
        owner = _read_owner(self.path)
        if owner is None:
            try:
                age = time.time() - self.path.stat().st_mtime
            except FileNotFoundError:
                return  # released meanwhile: try again
            if age < UNREADABLE_GRACE_SECONDS:
                # Being written right now by a copy that is starting: that copy wins.
                raise AlreadyOpen(
                    self.db_path, LockOwner(0, socket.gethostname(), datetime.now().astimezone())
                )
        elif owner.host != socket.gethostname() or process_alive(owner.pid, owner.started):
            # A lock from another computer (a shared folder) cannot be checked: respect it.
            raise AlreadyOpen(self.db_path, owner)
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def release(self) -> None:
        """Give the lock back (only if the file is still ours)."""
        if self.owner is None:
            return
        current = _read_owner(self.path)
        if current is not None and (current.pid, current.started) == (
            self.owner.pid,
            self.owner.started,
        ):
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.owner = None
        atexit.unregister(self.release)

    def __enter__(self) -> DatabaseLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()

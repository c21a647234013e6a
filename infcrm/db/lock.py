"""One copy of infcrm at a time per database: a lock file beside it.

Without it a second copy would wait for SQLite's busy timeout and then fail with "database is
locked". The lock file holds who took it (pid, computer, start time); it survives a crash and is
taken over when the process that wrote it no longer runs on this computer.

A second lock file, named after the file's identity (device and inode) in a private folder of
the user's temporary directory, catches the same file reached by another path: a hard link, a
second mount, another spelling.
"""

from __future__ import annotations

import atexit
import contextlib
import getpass
import json
import os
import socket
import sys
import tempfile
import time
from collections.abc import Callable
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
    command: bool = False  # a command-line run (done in a while), not the app (open for hours)


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
        # "started today at 14:02 on this computer": the command line words its own sentence.
        self.started_where = f"started {when} {where}"
        super().__init__(
            f"“{Path(db_path).name}” is already open in another copy of infcrm, "
            f"{self.started_where}. Switch to that window, or close it and start infcrm again."
        )


def lock_path(db_path: Path) -> Path:
    """The lock file of the database at `db_path`."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def identity_lock_path(db_path: Path) -> Path | None:
    """The lock file named after the identity of the file at `db_path` (None if unknown)."""
    try:
        info = os.stat(db_path)
        user = getpass.getuser()
    except (OSError, KeyError):
        return None  # no file yet: no second path can lead to it
    if not info.st_ino:
        return None  # a file system without stable file ids
    folder = Path(tempfile.gettempdir()) / f"infcrm-locks-{user}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        if hasattr(os, "getuid") and folder.stat().st_uid != os.getuid():
            return None  # someone else's folder: do not trust it
    except OSError:
        return None
    return folder / f"{info.st_dev}-{info.st_ino}.lock"


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
            int(data["pid"]),
            str(data["host"]),
            datetime.fromisoformat(data["started"]),
            bool(data.get("command", False)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


class DatabaseLock:
    """The lock that keeps a second copy of infcrm off a database; a context manager too."""

    def __init__(self, db_path: Path, *, command: bool = False) -> None:
        self.db_path = Path(db_path)
        self.command = command  # written into the lock, so others know whether to wait
        self.path = lock_path(self.db_path)
        self.owner: LockOwner | None = None
        self._taken: list[Path] = []

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self.owner is not None

    def acquire(
        self, wait: float = 0.0, waiting: Callable[[AlreadyOpen], None] | None = None
    ) -> DatabaseLock:
        """Take the lock, or raise AlreadyOpen naming when the other copy started.

        With `wait`, keep trying that many seconds first while the holder is a command (the
        app holds its file until it closes); `waiting` is told once, at the start.
        """
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                return self._acquire_now()
            except AlreadyOpen as exc:
                if time.monotonic() >= deadline or not exc.owner.command:
                    raise
                if waiting is not None and not told:
                    waiting(exc)
                    told = True
                time.sleep(0.2)

    def _acquire_now(self) -> DatabaseLock:
        if self.held:
            return self
        me = LockOwner(os.getpid(), socket.gethostname(), datetime.now().astimezone(), self.command)
        wanted = [self.path]
        identity = identity_lock_path(self.db_path)
        if identity is not None:
            wanted.append(identity)
        try:
            for path in wanted:
                self._take(path, me)
                self._taken.append(path)
        except BaseException:
            self._give_back(me)
            raise
        self.owner = me
        atexit.register(self.release)
        return self

    def _take(self, path: Path, me: LockOwner) -> None:
        """Create the lock file `path` holding `me`, taking over a dead owner's."""
        for _attempt in range(5):
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                self._take_over_if_stale(path)
                continue
            except OSError as exc:
                raise StorageError(
                    f"infcrm cannot create its lock file beside “{self.db_path.name}” "
                    f"({exc.strerror or exc}). Check that the folder can be written to."
                ) from exc
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(
                    {
                        "pid": me.pid,
                        "host": me.host,
                        "started": me.started.isoformat(),
                        "command": me.command,
                    },
                    file,
                )
            return
        raise StorageError(
            f"infcrm could not take the lock file “{path.name}”; another copy keeps "
            "starting and stopping. Try again in a moment."
        )

    def _take_over_if_stale(self, path: Path) -> None:
        """Remove the existing lock file if its owner is gone; else raise AlreadyOpen."""
        owner = _read_owner(path)
        if owner is None:
            try:
                age = time.time() - path.stat().st_mtime
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
            path.unlink()

    def _give_back(self, me: LockOwner) -> None:
        """Delete the lock files this object took (only those that still name `me`)."""
        for path in self._taken:
            current = _read_owner(path)
            if current is not None and (current.pid, current.started) == (me.pid, me.started):
                with contextlib.suppress(OSError):
                    path.unlink()
        self._taken = []

    def release(self) -> None:
        """Give the lock back (only the files that are still ours)."""
        if self.owner is None:
            return
        self._give_back(self.owner)
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

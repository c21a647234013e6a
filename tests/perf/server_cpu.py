"""CPU time spent by a PostgreSQL server running on this machine, for the server benchmarks.

Wall times on a loaded machine say more about the load than about a query; the CPU a query
costs holds. The server's share is read from /proc: the connection's own backend
(`pg_backend_pid()`) gives the postmaster (its parent), and the server's CPU is that of every
process the postmaster started — each connection of a pool, and the parallel workers a plan
may start — plus what the postmaster counts for those that ended meanwhile. Live processes
are read from /proc/<pid>/schedstat (nanoseconds) where the kernel keeps it, otherwise from
/proc/<pid>/stat's utime + stime (clock ticks, a hundredth of a second: a query must then run
many times to be measured); ended ones only from stat's cutime + cstime.

A server on another machine (or in another process namespace) has no such numbers:
`ServerCpu.of` then gives None and the benchmarks print wall times only.
"""

from __future__ import annotations

import os
from pathlib import Path

_PROC = Path("/proc")
_TICK_NS = 1_000_000_000 // os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the process name (field 3 on), or None."""
    try:
        text = (_PROC / str(pid) / "stat").read_text()
    except OSError:  # ended, or not ours to read
        return None
    return text[text.rindex(")") + 2 :].split()  # the name may hold spaces and parentheses


def _ns_on_cpu(pid: int) -> int:
    """The CPU time of one live process in nanoseconds (0 once it has ended)."""
    try:
        return int((_PROC / str(pid) / "schedstat").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        fields = _stat_fields(pid)
        # utime and stime are fields 14 and 15, so 11 and 12 counted from field 3.
        return (int(fields[11]) + int(fields[12])) * _TICK_NS if fields else 0


class ServerCpu:
    """The CPU time of a local server's processes, read as a running total."""

    def __init__(self, postmaster: int) -> None:
        self.postmaster = postmaster
        self.children: list[int] = []
        self.refresh()

    @classmethod
    def of(cls, cursor) -> ServerCpu | None:
        """The server `cursor` (a DB-API cursor on PostgreSQL) is connected to, if it runs on
        this machine and its processes can be read; otherwise None."""
        backend = cursor.execute("SELECT pg_backend_pid()").fetchone()[0]
        fields = _stat_fields(backend)
        if fields is None or not _is_postgres(backend):
            return None  # another machine, or a pid of another namespace
        parent = int(fields[1])
        return cls(parent) if _is_postgres(parent) else None

    def refresh(self) -> None:
        """Find the processes the postmaster runs now (before each measurement: a pool may
        have opened a connection since). Those started during a measurement are missed,
        those that end during it are counted by the postmaster."""
        children = []
        for entry in _PROC.iterdir():
            if entry.name.isdigit():
                fields = _stat_fields(int(entry.name))
                if fields is not None and fields[1] == str(self.postmaster):
                    children.append(int(entry.name))
        self.children = children

    def total_ns(self) -> int:
        """Every nanosecond the server's processes have spent on a CPU so far."""
        fields = _stat_fields(self.postmaster)
        ended = (int(fields[13]) + int(fields[14])) * _TICK_NS if fields else 0  # cutime, cstime
        return ended + _ns_on_cpu(self.postmaster) + sum(map(_ns_on_cpu, self.children))


def _is_postgres(pid: int) -> bool:
    try:
        command = (_PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return False
    return command.startswith(b"postgres") or b"/postgres" in command.split(b"\0")[0]


__all__ = ["ServerCpu"]

"""Files only another program can read or let go of: the lock files spreadsheet programs keep
beside a file they have open, told from the list; Apple Numbers documents; and a file that
program will not let infcrm read.

While “people.xlsx” is open, Excel keeps “~$people.xlsx” beside it and LibreOffice
“.~lock.people.xlsx#”. A file dialog that shows hidden files lists them next to the list, and
choosing one read it as a damaged workbook or a list with no rows: the user is pointed at the
list itself instead. Windows refuses to read a CSV while Excel has it open, with the
same “Permission denied” as a file the user may not open: the sentence says what to do about
either.
"""

from __future__ import annotations

from pathlib import Path

_PROGRAMS = (("~$", "", "Excel"), (".~lock.", "#", "LibreOffice"))


def lock_file_refusal(path: Path) -> str | None:
    """What to say when `path` is a spreadsheet program's lock file; None when it is not one."""
    for prefix, suffix, program in _PROGRAMS:
        name = path.name
        if name.startswith(prefix) and name.endswith(suffix) and len(name) > len(prefix):
            locked = name[len(prefix) : len(name) - len(suffix)]
            return (
                f"“{name}” is the lock file {program} keeps beside “{locked}” while that file "
                f"is open. Import “{locked}” itself (save it first, so the import "
                "reads your latest changes)."
            )
    return None


def numbers_refusal(path: Path) -> str | None:
    """What to say when `path` is an Apple Numbers document (a file, or a folder as a package),
    which only Numbers reads; None when it is not one."""
    if path.suffix.lower() != ".numbers":
        return None
    return (
        f"“{path.name}” is an Apple Numbers document, which infcrm cannot read. In Numbers, "
        "choose File › Export To › Excel… (or CSV…) and import the file it saves."
    )


def unreadable(name: str, exc: OSError) -> str:
    """What to say when the file `name` cannot be read (`exc`), with what to do when it is held
    by another program or not the user's to open."""
    said = f"“{name}” cannot be read: {exc.strerror or exc}."
    if isinstance(exc, PermissionError):
        said += (
            " If it is open in Excel or another program, close it there and import it again; "
            "otherwise ask for a copy you may open."
        )
    return said


__all__ = ["lock_file_refusal", "numbers_refusal", "unreadable"]

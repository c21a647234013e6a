"""Composed outreach emails saved as .eml files, one per person, to open and send one by one.

Each file is the same unsent draft an agreement is saved as (agreement_eml.write_agreement_eml),
named after its person so the folder reads like the list of people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from infcrm.files.agreement_eml import write_agreement_eml
from infcrm.services.outreach.compose_types import ComposedMessage

# Characters Windows, macOS or Linux refuse (or treat specially) in a file name.
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')
NAME_MAX = 80


def eml_name(position: int, name: str) -> str:
    """“03 Mia Bakes.eml”: numbered in the order of sending, safe on every system."""
    clean = _UNSAFE.sub(" ", name).strip(" .")[:NAME_MAX].strip() or "influencer"
    return f"{position:02d} {clean}.eml"


def save_emails(
    folder: str | Path, messages: Sequence[ComposedMessage], sender: str | None = None
) -> list[Path]:
    """Write one .eml per message into `folder`; the paths, in the order of `messages`.

    A file already there under the same name is never overwritten: a number is added instead.
    """
    folder = Path(folder)
    written = []
    for position, message in enumerate(messages, start=1):
        first = target = folder / eml_name(position, message.name)
        copy = 2
        while target.exists():
            target = first.with_name(f"{first.stem} ({copy}).eml")
            copy += 1
        written.append(
            write_agreement_eml(target, message.email, message.subject or "", message.body, sender)
        )
    return written


__all__ = ["eml_name", "save_emails"]

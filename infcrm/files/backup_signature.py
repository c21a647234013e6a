"""Knowing infcrm's own all-sheets export, and the sheets a long part of it continues on.

An export is known by its sheet names and by the "ID" its Influencers sheet starts with. Both
are read here from the workbook's small parts (its list of sheets, the first kilobytes of one
sheet), without unpacking the sheets, so a 100,000-person export is recognised before the size
limits meant for people lists are applied: a backup has its own (workbook_guard).

A part too long for one sheet goes on over "Outreach", "Outreach (2)", "Outreach (3)"… each
with the header row, so every sheet stays readable on its own, in Excel and here.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

# The sheets that make a workbook an all-sheets export (the Influencers sheet must start with ID).
SIGNATURE = ("Influencers", "Social accounts", "Outreach", "Campaigns", "Deals")
_SMALL_PART = 4 * 1024 * 1024  # a list of sheets or their links; anything bigger is no export
_HEAD = 64 * 1024  # enough of a sheet to hold its first cell after the columns' set-up
_FIRST_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_TYPE = re.compile(rb'\bt="(\w+)"')
_TEXT = re.compile(rb"<(?:\w+:)?[tv]\b[^>]*>([^<]*)</")
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def continued_title(title: str, number: int) -> str:
    """The name of the `number`th sheet a part is written on: “Outreach”, “Outreach (2)”…"""
    return title if number == 1 else f"{title} ({number})"


def part_titles(title: str, names: Iterable[str]) -> list[str]:
    """The sheets of `names` that hold the part `title`, in order, as far as they run on."""
    present = set(names)
    titles: list[str] = []
    while continued_title(title, len(titles) + 1) in present:
        titles.append(continued_title(title, len(titles) + 1))
    return titles


def is_infcrm_export(path: Path | str) -> bool:
    """Whether `path` is an infcrm all-sheets export (its sheet names, then its ID column)."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            sheets = _sheet_parts(archive)
            if not set(SIGNATURE) <= set(sheets):
                return False
            return _first_cell(archive, sheets[SIGNATURE[0]]).strip() == "ID"
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, ValueError, OSError):
        return False  # the usual import says what is wrong with it


def _small(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > _SMALL_PART:
        raise ValueError(f"{name} is too big for a list of sheets")
    with archive.open(info) as handle:
        return handle.read(_SMALL_PART)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet's name → the part holding it (xl/worksheets/sheet1.xml…)."""
    targets = {}
    for link in ElementTree.fromstring(_small(archive, "xl/_rels/workbook.xml.rels")):
        target = link.get("Target", "")
        targets[link.get("Id")] = (
            target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl", target))
        )
    parts = {}
    for element in ElementTree.fromstring(_small(archive, "xl/workbook.xml")).iter():
        if element.tag.rsplit("}", 1)[-1] == "sheet" and element.get(_REL) in targets:
            parts[element.get("name", "")] = targets[element.get(_REL)]
    return parts


def _first_cell(archive: zipfile.ZipFile, part: str) -> str:
    """The text of a sheet's first cell, read from the sheet's first kilobytes."""
    with archive.open(part) as handle:
        head = handle.read(_HEAD)
    data = head.find(b"sheetData")
    cell = _FIRST_CELL.search(head, max(data, 0))
    if data == -1 or cell is None or cell.group(2) is None:
        return ""
    kind = _TYPE.search(cell.group(1))
    text = _TEXT.search(cell.group(2))
    if text is None:
        return ""
    value = text.group(1).decode("utf-8", "replace")
    if kind is not None and kind.group(1) == b"s":
        return _shared_string(archive, int(value))
    return value


def _shared_string(archive: zipfile.ZipFile, index: int) -> str:
    """The `index`th piece of shared text, streamed up to it (a saved export puts "ID" first)."""
    with archive.open("xl/sharedStrings.xml") as handle:
        seen = 0
        for _event, element in ElementTree.iterparse(handle):
            if element.tag.rsplit("}", 1)[-1] != "si":
                continue
            if seen == index:
                return "".join(element.itertext())
            seen += 1
            element.clear()
    return ""


__all__ = ["SIGNATURE", "continued_title", "is_infcrm_export", "part_titles"]

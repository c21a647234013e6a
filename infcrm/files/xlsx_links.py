"""Hyperlinks in a streamed .xlsx without holding them all in memory.

openpyxl's write-only sheets keep every hyperlink as an object until the file is saved, then
build the whole list again as XML and relationships: with a link or four per influencer that
is hundreds of megabytes at 100,000 rows. Here each link is one line in a temporary file; the
sheet's <hyperlinks> element is streamed from it when openpyxl writes the sheet's tail, and
the sheet's relationships file is streamed into the finished workbook afterwards.

This leans on two details of openpyxl 3.1's write-only writer (the sheet's `_writer` and its
`xf` stream, which hands out the XML file when sent True); the version is pinned for it and
tests read every link back with openpyxl itself.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element
from xml.sax.saxutils import quoteattr

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_HYPERLINK_TYPE = REL_NS + "/hyperlink"


class LinkSpool:
    """The hyperlinks of one sheet, one `ref<TAB>target` line each in a temporary file."""

    def __init__(self) -> None:
        # Kept open for the whole export and closed by close(), so no `with` block.
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")  # noqa: SIM115
        self.count = 0

    def add(self, ref: str, target: str) -> None:
        """Remember that cell `ref` links to `target` (a URL without tabs or line breaks)."""
        self._file.write(f"{ref}\t{target}\n")
        self.count += 1

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        """(cell reference, relationship id, target) for every link, in the order added."""
        self._file.flush()
        self._file.seek(0)
        for number, line in enumerate(self._file, start=1):
            ref, target = line.rstrip("\n").split("\t", 1)
            yield ref, f"rId{number}", target

    def close(self) -> None:
        """Delete the temporary file."""
        self._file.close()


def stream_links_of(sheet: WriteOnlyWorksheet, spool: LinkSpool) -> None:
    """Make `sheet` write the spool's links as its <hyperlinks> element when it is closed."""
    sheet._get_writer()
    writer = sheet._writer

    def write_hyperlinks() -> None:
        if not spool.count:
            return
        xf = writer.xf.send(True)
        with xf.element("hyperlinks"):
            for ref, rel_id, _target in spool:
                xf.write(Element("hyperlink", {"ref": ref, f"{{{REL_NS}}}id": rel_id}))
        writer.xf.send(None)  # hand the stream back to openpyxl

    writer.write_hyperlinks = write_hyperlinks


def add_link_relationships(path: Path, spools: dict[str, LinkSpool]) -> None:
    """Stream each sheet's hyperlink targets into the saved workbook at `path`.

    `spools` maps a sheet's part name (``xl/worksheets/sheet1.xml``) to its links.
    """
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        present = set(archive.namelist())
        for part, spool in spools.items():
            if not spool.count:
                continue
            folder, name = part.rsplit("/", 1)
            rels = f"{folder}/_rels/{name}.rels"
            if rels in present:  # our sheets have no other relationships; never clobber one
                raise RuntimeError(f"{rels} already exists in the workbook")
            with archive.open(rels, "w") as out:
                out.write(
                    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    + f'<Relationships xmlns="{_PACKAGE_RELS_NS}">'.encode()
                )
                for _ref, rel_id, target in spool:
                    out.write(
                        f'<Relationship Id="{rel_id}" Type="{_HYPERLINK_TYPE}" '
                        f'Target={quoteattr(target)} TargetMode="External"/>'.encode()
                    )
                out.write(b"</Relationships>")

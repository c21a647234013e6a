"""A web page saved with a spreadsheet's name: many web tools' “Export to Excel” writes an HTML
table into a file called .xls, and Excel opens it. Its first table is read as a sheet's rows."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# The start of an HTML file, after any byte-order mark and blank space.
_HTML_START = re.compile(
    rb"\s*(?:<!doctype\s+html|<html|<table|<meta|<head|<body|<\?xml[^>]*>\s*<html)", re.I
)
_SPACE = re.compile(r"\s+")


def looks_like_html(head: bytes) -> bool:
    """Whether a file starting with `head` (its first few hundred bytes) is a web page."""
    for bom in (b"\xef\xbb\xbf",):
        head = head.removeprefix(bom)
    return _HTML_START.match(head) is not None


class _FirstTable(HTMLParser):
    """The rows of the page's first table: each cell's text, blank ones None; a cell spanning
    several columns (colspan) is followed by blank ones, as a spreadsheet shows it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple] = []
        self.spans: dict[int, list[tuple[int, int]]] = {}  # as `workbook_reader.Spans`
        self._depth = 0  # tables open; only the first, outermost one is read
        self._done = False
        self._row: list | None = None
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done:
            return
        if tag == "table":
            self._depth += 1
        elif self._depth != 1:
            return
        elif tag == "tr":
            self._end_row()
            self._row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self._row is None:
                self._row = []
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = min(int(span), 100) if span.isdigit() and int(span) > 0 else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._done:
            return
        if tag == "table":
            if self._depth == 1:
                self._end_row()
                self._done = True
            self._depth = max(self._depth - 1, 0)
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self._depth == 1 and tag == "tr":
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self._cell is not None and self._depth == 1:
            self._cell.append(data)

    def _end_cell(self) -> None:
        if self._cell is None or self._row is None:
            return
        lines = ("".join(self._cell)).split("\n")
        text = "\n".join(_SPACE.sub(" ", line).strip() for line in lines).strip()
        if self._span > 1:
            left = len(self._row)
            self.spans.setdefault(len(self.rows), []).append((left, left + self._span - 1))
        self._row.append(text or None)
        self._row.extend([None] * (self._span - 1))
        self._cell, self._span = None, 1

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            self.rows.append(tuple(self._row))
        self._row = None


def html_rows(text: str) -> tuple[list[tuple], dict[int, list[tuple[int, int]]]]:
    """The rows of the first table in the page `text` ([] when it has none), and its cells
    spanning several columns, by row, as (first, last) columns."""
    parser = _FirstTable()
    parser.feed(text)
    parser.close()
    parser._end_row()
    width = max(map(len, parser.rows), default=0)
    return [row + (None,) * (width - len(row)) for row in parser.rows], parser.spans


__all__ = ["html_rows", "looks_like_html"]

"""Reading one row of an import into cleaned person and account values, with its problems.

A cell that cannot be read costs that cell (left empty and reported), not the row; a row is
left out only when nobody can be identified in it — or, with `strict`, at the first problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from infcrm.domain.countries import country_name
from infcrm.domain.enums import Platform
from infcrm.domain.field_catalogue import max_length
from infcrm.domain.names import is_placeholder_email
from infcrm.domain.other_names import merged_names
from infcrm.domain.stage_words import nearest_stage
from infcrm.domain.validation import FieldChecker, split_list
from infcrm.files import import_values
from infcrm.files.contact_cells import keep_in_notes
from infcrm.files.cut_short import CUT_SHORT
from infcrm.files.error_cells import failed_formulas, imported_errors
from infcrm.files.import_mapping import FIELDS_BY_KEY
from infcrm.files.import_routing import LEFTOVERS, RowRouter
from infcrm.files.import_shapes import PERSON_TEXTS
from infcrm.files.link_beside_handle import links_beside_handles
from infcrm.files.row_accounts import RowAccounts
from infcrm.files.row_problems import RowProblem
from infcrm.files.row_values import cell_text, convert, yes_no
from infcrm.files.safe_cells import restore_text
from infcrm.files.spreadsheet_reader import SheetRow, Table
from infcrm.services.common import as_utc
from infcrm.services.exchange.import_matching import ImportRow, KnownPeople

_JOINED_CACHE = 10_000  # distinct niche values remembered per import
_ALSO_MAX = max_length("other_names")  # other names, as the form allows
_LIST_MAX = {key: max_length(key) for key in ("other_emails", "niches")}  # likewise


@dataclass(slots=True)
class PlannedRow(ImportRow):
    """One data row, what the import will do with it, and the problems found in it."""

    problems: list[RowProblem] = field(default_factory=list)


class RowReader(RowAccounts):
    """Turns one row's cells into cleaned person and account values, collecting problems."""

    def __init__(
        self,
        headers: Sequence[str],
        mapping: Sequence[str],
        platform: str | None,
        table: Table,
        known: KnownPeople,
        *,
        strict: bool = False,
        stage_choices: dict[str, int | None] | None = None,
    ) -> None:
        self.headers = list(headers)
        self.known = known
        self.strict = strict
        # Stage values read so far → the stage id chosen for them (None: left empty).
        self.stage_choices: dict[str, int | None] = dict(stage_choices or {})
        self._platforms: dict[str, Platform] = {}
        self._joined: dict[str, str | None] = {}
        # Platform names that are none of infcrm's → the first row that gave each.
        self.other_platforms: dict[str, int] = {}
        self._row_number = 0
        self.stages_by_id = {known.stages[n.casefold()]: n for n in known.stage_names}
        # Several columns may feed one field, and labelled values go where their label says.
        self.router = RowRouter(mapping)
        self.columns = self.router.columns
        # Only a text file carries the quote infcrm's CSV export puts before = + - @; in a
        # workbook a leading quote is the user's own text.
        self.unquote = table.encoding is not None
        # Cells that held a failed formula's error (“#DIV/0!”), in the columns imported.
        self.error_cells = imported_errors(table.error_cells, mapping)
        self.whole_file_platform = Platform.from_text(platform).value if platform else None
        # A network's handle and its profile link in two columns, one of them imported.
        self.link_twins = links_beside_handles(self.headers, mapping)
        platform_handles = [k for k in self.columns if k.endswith("_handle")]
        if platform_handles and not {"handle", "url", "platform"} & self.columns.keys():
            # “Instagram handle” beside “Followers”: the figures are that account's, so the
            # first platform's column acts as the row's main account.
            key = min(platform_handles, key=self.columns.__getitem__)
            self.columns["handle"] = self.columns.pop(key)
            self.whole_file_platform = FIELDS_BY_KEY[key].platform
        # Only the platforms with a column of their own are looked at in each row.
        self.platform_columns = sorted(
            (
                p
                for p in Platform
                if f"{p.value}_handle" in self.columns or f"{p.value}_followers" in self.columns
            ),
            key=lambda p: self.columns.get(
                f"{p.value}_handle", self.columns.get(f"{p.value}_followers", 0)
            ),
        )
        self.day_first = True
        if "created_at" in self.columns:
            index = self.columns["created_at"]
            self.day_first = not import_values.month_first_column(
                [row.cells[index] for row in table.rows]
            )

    def read(self, sheet_row: SheetRow) -> PlannedRow:
        """The row's values and problems; its action is "reject" when it is left out."""
        row = PlannedRow(sheet_row.number)
        self._row_number = row.number
        self._cells = sheet_row.cells
        if sheet_row.problem:
            row.problems.append(RowProblem(row.number, None, sheet_row.problem))
        cells = self.router.cells(sheet_row.cells)
        leftovers = cells.pop(LEFTOVERS, None)
        for key, value in cells.items() if self.unquote else ():
            if value.__class__ is str and value[:1] == "'":
                cells[key] = restore_text(value)  # our own CSV's quote before = + - @
        # What the user should know about values kept other than as written.
        self._said = keep_in_notes(cells, leftovers, self.headers, row.number)
        self._platform_named = "platform" in self.router.single and (
            sheet_row.cells[self.router.single["platform"]] is not None
        )
        check = FieldChecker()
        self._row_problem: str | None = None
        self._person(check, cells, row)
        self._accounts(check, cells, row)
        if self.link_twins:
            self._twins_agree(sheet_row.cells)
        # A full name is the person's name where the file gives no other (a scraper's
        # “username, fullName”): given, as a Name column's would be, never made up.
        name = row.person.get("display_name") or row.person.get("real_name")
        row.name_given = bool(name)
        if not name and row.accounts and row.accounts[0]["handle"]:
            name = str(row.accounts[0]["handle"])  # named as the list shows it, without the @
        if not name and row.person.get("email"):
            name = str(row.person["email"]).split("@")[0]
        row.person["display_name"] = name
        errors = check.errors
        ordered = sorted(errors.items(), key=lambda e: self.columns.get(e[0], -1)) if errors else ()
        for key, message in ordered:
            column = self.column_name(key) if key in self.columns else None
            # Under strict checking nothing is imported: no cell is “left empty”.
            row.problems.append(RowProblem(row.number, column, message, cell_only=not self.strict))
        if self.error_cells and row.number in self.error_cells:
            failed = self.error_cells[row.number]
            row.problems.extend(failed_formulas(row.number, failed, self._column_at, self.strict))
        row.problems.extend(self._said)
        if self._row_problem:  # the row's account cannot be placed: importing it would lose it
            row.problems.append(
                RowProblem(row.number, self.column_name(self._where), self._row_problem)
            )
        if not name and not self._row_problem:  # a handle without its platform says so above
            why = "Nobody can be identified in this row: it has no name, email or handle" + (
                " that could be read." if check.errors else "; fill one in."
            )
            row.problems.append(RowProblem(row.number, None, why))
        if sheet_row.problem == CUT_SHORT:  # what the half row's cells say is of no use
            row.problems[1:] = []
        if any(not p.cell_only for p in row.problems) or (
            self.strict and any(p.loses_value for p in row.problems)
        ):
            row.action = "reject"
        return row

    def _person(self, check: FieldChecker, cells: dict[str, object], row: PlannedRow) -> None:
        person = row.person
        for key, label, longest, multiline in PERSON_TEXTS:
            if key in cells:
                person[key] = check.text(
                    key, cells[key], label=label, max_length=longest, multiline=multiline
                )
        if person.get("country"):
            person["country"] = country_name(person["country"])  # “USA” is United States
        if "email" in cells:
            person["email"] = check.email("email", cells["email"])
            if person["email"] and is_placeholder_email(str(person["email"])):
                check.add("email", f"“{person['email']}” is a stand-in, not someone's address.")
                person["email"] = None
        if "other_names" in cells:  # “; ” between names, none twice, not the name itself
            also = check.text(
                "other_names", cells["other_names"], label="Other names", max_length=_ALSO_MAX
            )
            person["other_names"] = merged_names(person.get("display_name"), [also])
        if "other_emails" in cells:
            person["other_emails"] = check.within(
                "other_emails",
                ", ".join(check.emails("other_emails", cells["other_emails"])) or None,
                label="Other emails",
                max_length=_LIST_MAX["other_emails"],
            )
        if "niches" in cells:
            person["niches"] = check.within(
                "niches",
                self._niches(cells["niches"]),
                label="Niches",
                max_length=_LIST_MAX["niches"],
            )
        if "tags" in cells:
            row.tags = split_list(cell_text(cells["tags"]))
            if any(len(tag) > 60 for tag in row.tags):
                check.add("tags", "A tag is longer than 60 characters; shorten it.")
        if "rating" in cells:
            person["rating"] = check.int_range(
                "rating", cells["rating"], label="Rating", minimum=0, maximum=5
            )
        if "stage" in cells:
            stage = " ".join(cell_text(cells["stage"]).split())
            if stage:
                person["stage_id"] = self._stage(check, stage)
        convert(check, cells, person, "do_not_contact", yes_no)
        convert(check, cells, person, "created_at", self._date)

    def _niches(self, value: object) -> str | None:
        """A niches cell as “a, b”; a big list repeats a few values, each split once."""
        text = cell_text(value)
        joined = self._joined.get(text, False)
        if joined is False:
            joined = ", ".join(split_list(text)) or None
            if len(self._joined) < _JOINED_CACHE:
                self._joined[text] = joined
        return joined  # type: ignore[return-value]

    def _stage(self, check: FieldChecker, value: str) -> int | None:
        """The stage a status such as “Replied” means: the user's choice, a name, a synonym."""
        if value not in self.stage_choices:
            name = nearest_stage(value, self.known.stage_names)
            self.stage_choices[value] = self.known.stages[name.casefold()] if name else None
        stage_id = self.stage_choices[value]
        if stage_id is None:
            check.add(
                "stage",
                f"“{value[:40]}” is not one of your pipeline stages "
                f"({', '.join(self.known.stage_names)}).",
            )
        return stage_id

    def stage_mapping(self) -> dict[str, str | None]:
        """Each stage value read → the stage name it became (None: left empty)."""
        return {
            value: self.stages_by_id.get(stage_id) if stage_id is not None else None
            for value, stage_id in self.stage_choices.items()
        }

    def _date(self, value: object, label: str) -> object:
        # A date the sheet gives is the user's own wall-clock time; it is stored as UTC like
        # every instant, so an export shows the day written, whatever the time zone.
        moment = import_values.parse_date(value, day_first=self.day_first)
        return None if moment is None else as_utc(moment)


__all__ = ["PlannedRow", "RowProblem", "RowReader"]

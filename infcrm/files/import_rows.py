"""Reading one row of an import into cleaned person and account values, with its problems.

A cell that cannot be read costs that cell (left empty and reported), not the row; a row is
left out only when nobody can be identified in it — or, with `strict`, at the first problem.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, time

from infcrm.domain.countries import country_name
from infcrm.domain.enums import Platform
from infcrm.domain.handles import (
    detect_platform,
    is_web_address,
    normalise_handle,
    with_article,
)
from infcrm.domain.names import is_placeholder_email
from infcrm.domain.numbers import MAX_COUNT, parse_percent
from infcrm.domain.stage_words import nearest_stage
from infcrm.domain.validation import FieldChecker, split_list
from infcrm.files import import_values
from infcrm.files.contact_cells import keep_in_notes
from infcrm.files.error_cells import failed_formulas, imported_errors
from infcrm.files.handle_columns import profile_network
from infcrm.files.import_mapping import FIELDS_BY_KEY
from infcrm.files.import_routing import LEFTOVERS, RowRouter
from infcrm.files.import_shapes import AUDIENCE_TEXTS, METRICS, PERSON_TEXTS, account
from infcrm.files.link_beside_handle import (
    account_in_link,
    links_beside_handles,
    other_account_in_link,
)
from infcrm.files.row_problems import RowProblem
from infcrm.files.safe_cells import restore_text
from infcrm.files.spreadsheet_reader import SheetRow, Table, column_letter
from infcrm.services.exchange.import_matching import ImportRow, KnownPeople

# Said the same way by the command line and the app, each adding how to choose the platform.
NO_PLATFORM = (
    "Which platform is this account on? Add a Platform column, or choose one platform for the "
    "whole file."
)
FIGURES_WITHOUT_PLATFORM = (
    "There are figures for an account but no handle and no platform in this row: choose one "
    "platform for the whole file to keep them."
)
_JOINED_CACHE = 10_000  # distinct niche values remembered per import
_METRIC_LABELS = tuple((key, FIELDS_BY_KEY[key].label) for key in METRICS)


@dataclass(slots=True)
class PlannedRow(ImportRow):
    """One data row, what the import will do with it, and the problems found in it."""

    problems: list[RowProblem] = field(default_factory=list)


class RowReader:
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

    def column_name(self, key: str) -> str:
        return self._column_at(self.columns[key])

    def read(self, sheet_row: SheetRow) -> PlannedRow:
        """The row's values and problems; its action is "reject" when it is left out."""
        row = PlannedRow(sheet_row.number)
        self._row_number = row.number
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
        name = row.person.get("display_name") or row.person.get("real_name")
        row.name_given = bool(row.person.get("display_name"))
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
        if "other_emails" in cells:
            person["other_emails"] = ", ".join(check.emails("other_emails", cells["other_emails"]))
            person["other_emails"] = person["other_emails"] or None
        if "niches" in cells:
            person["niches"] = self._niches(cells["niches"])
        if "tags" in cells:
            row.tags = split_list(_text(cells["tags"]))
            if any(len(tag) > 60 for tag in row.tags):
                check.add("tags", "A tag is longer than 60 characters; shorten it.")
        if "rating" in cells:
            person["rating"] = check.int_range(
                "rating", cells["rating"], label="Rating", minimum=0, maximum=5
            )
        if "stage" in cells:
            stage = " ".join(_text(cells["stage"]).split())
            if stage:
                person["stage_id"] = self._stage(check, stage)
        self._convert(check, cells, person, "do_not_contact", _bool)
        self._convert(check, cells, person, "created_at", self._date)

    def _niches(self, value: object) -> str | None:
        """A niches cell as “a, b”; a big list repeats a few values, each split once."""
        text = _text(value)
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
        return import_values.parse_date(value, day_first=self.day_first)

    @staticmethod
    def _convert(check: FieldChecker, cells: dict, target: dict, key: str, parse: Callable) -> None:
        if key not in cells:
            return
        try:
            value = parse(cells[key], FIELDS_BY_KEY[key].label)
        except ValueError as exc:
            check.add(key, str(exc))
            return
        if value is not None:
            target[key] = value

    def _accounts(self, check: FieldChecker, cells: dict[str, object], row: PlannedRow) -> None:
        # Figures without a handle stay on an account named after the person (a YouTube
        # channel known only as “Like Nastya”); the handle is left empty, never made up.
        label = row.person.get("display_name") or row.person.get("real_name")
        main = self._main_account(check, cells, label)
        accounts = [main] if main else []
        for platform in self.platform_columns:
            handle_key = f"{platform.value}_handle"
            followers_key = f"{platform.value}_followers"
            text = _text(cells.get(handle_key)).strip()
            followers = _count(
                check, followers_key, cells.get(followers_key), f"{platform.label} followers"
            )
            handle = None
            network = platform
            if platform is Platform.OTHER and text:
                # A website column holding a profile link (a scraper's “externalUrl” that is
                # the person's own Instagram): that network's account, not a website.
                network = profile_network(text) or platform
            if text:
                try:
                    handle = normalise_handle(network, text)
                except ValueError as exc:
                    check.add(handle_key, str(exc))
            if handle is None:
                if followers is None:
                    continue
                # “Username” beside “Instagram followers”: the row's one Instagram account's.
                mine = [a for a in accounts if a["platform"] == platform.value]
                if len(mine) == 1 and not text:
                    if mine[0]["followers"] is None:
                        mine[0]["followers"] = followers
                    continue
                # Followers without a (readable) handle stay on an account named after the person.
                if not label:
                    check.add(followers_key, f"There are {platform.label} followers but no handle.")
                elif not any(a["platform"] == platform.value for a in accounts):
                    accounts.append(
                        account(platform, None, is_primary=False, followers=followers, label=label)
                    )
                continue
            same = next(
                (a for a in accounts if (a["platform"], a["handle"]) == (network.value, handle)),
                None,
            )
            if same is not None:  # the main account repeated in its platform's columns
                if same["followers"] is None:
                    same["followers"] = followers
                continue
            accounts.append(account(network, handle, is_primary=False, followers=followers))
        row.accounts = accounts

    def _main_account(
        self, check: FieldChecker, cells: dict[str, object], account_name: object
    ) -> dict | None:
        handle_text = _text(cells.get("handle")).strip()
        text = handle_text or _text(cells.get("url")).strip()
        where = "handle" if handle_text else "url"
        platform = None
        if named := _text(cells.get("platform")).strip():
            # Most rows name one of a few platforms: each spelling is looked up once.
            platform = self._platforms.get(named)
            if platform is None:
                try:
                    platform = Platform.from_text(named)
                except ValueError:
                    # “Reddit”, “Kick”: a network infcrm has no place for keeps its figures
                    # under Blog / other, named after it, and the summary says so.
                    platform = Platform.OTHER
                    self.other_platforms.setdefault(named, self._row_number)
                self._platforms[named] = platform
            if platform is Platform.OTHER and named in self.other_platforms and account_name:
                account_name = f"{account_name} ({named})"
        elif "." in text and (found := detect_platform(text)) is not None:
            platform = found  # a profile link says which platform it is on
        elif self.whole_file_platform:
            platform = Platform(self.whole_file_platform)
        elif self.platform_columns:
            platform = self._network_with_handle(cells, text)
        if platform is None and is_web_address(text):
            # A link-in-bio page or a shop (“linktr.ee/ana”, “link.inpock.co.kr/ana”) is on no
            # network: it is kept as the person's website under Blog / other, not lost.
            platform = Platform.OTHER
        values: dict[str, object] = {
            key: _count(check, key, cells[key], label) if key in cells else None
            for key, label in _METRIC_LABELS
        }
        values["authenticity"] = None
        self._convert(check, cells, values, "authenticity", _authenticity)
        self._convert(check, cells, values, "posts_per_week", _posts)
        for key, label, longest, multiline in AUDIENCE_TEXTS:
            if key not in cells:
                values[key] = None
                continue
            values[key] = check.text(
                key, cells[key], label=label, max_length=longest, multiline=multiline
            )
        if not text:
            if all(v is None for v in values.values()):
                return None
            if account_name and platform is not None:
                return account(platform, None, is_primary=True, label=account_name, **values)
            first = next(k for k in values if values[k] is not None and k in self.columns)
            check.add(
                first,
                "There are figures for an account but no handle in this row"
                + ("." if account_name else ", and no name to keep them under.")
                if platform is not None
                else FIGURES_WITHOUT_PLATFORM,
            )
            return None
        if platform is not None and not self._platform_named and "." in text:
            platform = self._link_network(platform, text, where)
        if platform is None:
            if "platform" not in check.errors:
                self._where = where
                self._row_problem = NO_PLATFORM
            return None
        try:
            handle = normalise_handle(platform, text)
        except ValueError as exc:
            # The person's own name where a handle would be (“Like Nastya”, as infcrm's export
            # writes an account known only by its name) is that name; anything else is reported.
            named = (
                bool(account_name)
                and " ".join(text.split()).casefold() == str(account_name).casefold()
            )
            if not named:
                check.add(where, str(exc))
            # The unreadable handle costs that cell, not the account's figures.
            if named or (account_name and any(v is not None for v in values.values())):
                return account(platform, None, is_primary=True, label=account_name, **values)
            return None
        if where == "handle" and "url" in cells:
            said = other_account_in_link(
                platform, handle, _text(cells["url"]).strip(), self.column_name("handle")
            )
            if said:
                self._said.append(
                    RowProblem(
                        self._row_number, self.column_name("url"), said, cell_only=True, told=True
                    )
                )
        return account(platform, handle, is_primary=True, **values)

    def _twins_agree(self, cells: Sequence[object]) -> None:
        """Say so when a network's link names another account than its handle beside it."""
        for platform, kept, other in self.link_twins:
            texts = {kept: _text(cells[kept]).strip(), other: _text(cells[other]).strip()}
            if not all(texts.values()):
                continue
            link_at = next((i for i in (other, kept) if account_in_link(platform, texts[i])), None)
            if link_at is None:
                continue
            handle_at = kept if link_at == other else other
            try:
                handle = normalise_handle(platform, texts[handle_at])
                stored = normalise_handle(platform, texts[kept])
            except ValueError:
                continue  # an unreadable handle is reported where it is read
            said = other_account_in_link(
                platform, handle, texts[link_at], self._column_at(handle_at), kept=stored
            )
            if said:
                where = self._column_at(link_at)
                self._said.append(
                    RowProblem(self._row_number, where, said, cell_only=True, told=True)
                )

    def _column_at(self, index: int) -> str:
        return f"{column_letter(index)} ({self.headers[index]})"

    def _link_network(self, platform: Platform, text: str, where: str) -> Platform:
        """The network a profile link is on, over the one its column or the file is about.

        A YouTube channel pasted in the Instagram column is a YouTube account: on Instagram
        it would carry the channel's figures under no handle. Only a Platform column naming
        the row's network is the user's own choice, and then a link elsewhere is reported.
        """
        found = detect_platform(text)
        if found is None or found is platform:
            return platform
        index = self.columns.get(f"{platform.value}_handle", self.columns[where])
        column = f"{column_letter(index)} ({self.headers[index]})"
        message = (
            f"This is {with_article(found.label)} link, not {platform.label}: the account and its "
            f"figures are stored on {found.label}."
        )
        self._said.append(RowProblem(self._row_number, column, message, cell_only=True, kept=True))
        return found

    def _network_with_handle(self, cells: dict[str, object], text: str) -> Platform | None:
        """The network whose own column in this row holds the same handle as the Handle column.

        A contacts sheet with a “handle” column beside “youtube” | “instagram” columns repeats
        one of those accounts there; it is that network's account, not one without a platform.
        """
        wanted = text.lstrip("@").casefold()
        for platform in self.platform_columns:  # in the file's column order
            other = _text(cells.get(f"{platform.value}_handle")).strip()
            try:
                same = other and normalise_handle(platform, other).casefold() == wanted
            except ValueError:
                continue
            if same:
                return platform
        return None


def _count(check: FieldChecker, key: str, value: object, label: str) -> int | None:
    """A count; plain whole numbers (most cells of a big list) skip the full parser."""
    if type(value) is int and 0 <= value <= MAX_COUNT:
        return value
    if type(value) is str and value.isascii() and value.isdigit() and len(value) < 13:
        return int(value)
    if isinstance(value, date | time):  # a spreadsheet showing a figure's cell as a date
        check.add(
            key,
            f"“{value}” is a date, not a number of {label.casefold()}: the cell is formatted as "
            "a date in the spreadsheet. Format it as a number.",
        )
        return None
    return check.count(key, value, label=label, average=key.startswith("avg_"))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _bool(value: object, label: str) -> bool | None:
    return import_values.parse_bool(value, label=label)


def _authenticity(value: object, label: str) -> int | None:
    """A 0–100 score written as 85, “85%” or 0.85 (a spreadsheet percentage cell)."""
    try:
        fraction = parse_percent(value)
    except ValueError:
        raise ValueError(
            f"“{_text(value)[:40]}” is not an authenticity score. Write it like 85 or 85%."
        ) from None
    return None if fraction is None else round(fraction * 100)


def _posts(value: object, label: str) -> float | None:
    return import_values.parse_number(value, label=label, maximum=500)


__all__ = ["PlannedRow", "RowProblem", "RowReader"]

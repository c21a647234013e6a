"""Reading the accounts in one row of an import: the main one and each platform's own columns.

A handle, a profile link or figures alone each make an account when the row says (or the file
is about) one platform; a link that names another network, or another account than the handle
beside it, is kept and reported. When a network's handle and its profile link are two columns
and the one imported cannot be read (a link cut short), the other gives the account, and the
damaged cell is reported.
"""

from __future__ import annotations

from collections.abc import Sequence

from infcrm.domain.accounts import account_key, shown_account
from infcrm.domain.enums import Platform
from infcrm.domain.handles import normalise_handle
from infcrm.domain.platform_links import (
    NamedChannel,
    detect_platform,
    is_web_address,
    named_channel,
)
from infcrm.domain.platform_rules import with_article
from infcrm.domain.validation import FieldChecker
from infcrm.files.handle_columns import profile_network
from infcrm.files.import_mapping import FIELDS_BY_KEY
from infcrm.files.import_shapes import AUDIENCE_TEXTS, METRICS, account
from infcrm.files.link_beside_handle import account_in_link, other_account_in_link
from infcrm.files.row_problems import RowProblem
from infcrm.files.row_values import authenticity, cell_text, convert, count, posts_per_week
from infcrm.files.spreadsheet_reader import column_letter
from infcrm.services.exchange.import_matching import ImportRow

# Said the same way by the command line and the app, each adding how to choose the platform.
NO_PLATFORM = (
    "Which platform is this account on? Add a Platform column, or choose one platform for the "
    "whole file."
)
FIGURES_WITHOUT_PLATFORM = (
    "There are figures for an account but no handle and no platform in this row: choose one "
    "platform for the whole file to keep them."
)
_METRIC_LABELS = tuple((key, FIELDS_BY_KEY[key].label) for key in METRICS)


class RowAccounts:
    """The accounts half of `RowReader`, which sets up the file's columns and platforms and,
    for each row, the state these read and add to (`_said`, `_row_problem`, `_where`)."""

    headers: list[str]
    columns: dict[str, int]
    platform_columns: list[Platform]
    whole_file_platform: str | None
    link_twins: list[tuple[Platform, int, int]]
    other_platforms: dict[str, int]
    _platforms: dict[str, Platform]
    _said: list[RowProblem]
    _row_number: int
    _cells: Sequence[object]  # the row's cells as read, columns left out included
    _platform_named: bool
    _row_problem: str | None
    _where: str

    def column_name(self, key: str) -> str:
        return self._column_at(self.columns[key])

    def _column_at(self, index: int) -> str:
        return f"{column_letter(index)} ({self.headers[index]})"

    def _accounts(self, check: FieldChecker, cells: dict[str, object], row: ImportRow) -> None:
        # Figures without a handle stay on an account named after the person (a YouTube
        # channel known only as “Like Nastya”); the handle is left empty, never made up.
        label = row.person.get("display_name") or row.person.get("real_name")
        main = self._main_account(check, cells, label)
        accounts = [main] if main else []
        for platform in self.platform_columns:
            handle_key = f"{platform.value}_handle"
            followers_key = f"{platform.value}_followers"
            text = cell_text(cells.get(handle_key)).strip()
            followers = count(
                check, followers_key, cells.get(followers_key), f"{platform.label} followers"
            )
            handle = None
            network = platform
            if platform is Platform.OTHER and text:
                # A website column holding a profile link (a scraper's “externalUrl” that is
                # the person's own Instagram): that network's account, not a website.
                network = profile_network(text) or platform
            if text and (channel := _channel(network, text)):
                key = account_key(network.value, None, None, channel.url)
                same = next((a for a in accounts if _key(a) == key), None)
                if same is None:
                    accounts.append(
                        account(network, None, is_primary=False, followers=followers,
                                label=channel.name, url=channel.url)
                    )  # fmt: skip
                elif same["followers"] is None:  # the main account repeated in its columns
                    same["followers"] = followers
                continue
            if text:
                try:
                    handle = normalise_handle(network, text)
                except ValueError as exc:
                    handle = self._from_twin(network, self.columns[handle_key], exc)
                    if handle is None:
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
        handle_text = cell_text(cells.get("handle")).strip()
        text = handle_text or cell_text(cells.get("url")).strip()
        where = "handle" if handle_text else "url"
        platform = None
        if named := cell_text(cells.get("platform")).strip():
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
            key: count(check, key, cells[key], label) if key in cells else None
            for key, label in _METRIC_LABELS
        }
        values["authenticity"] = None
        convert(check, cells, values, "authenticity", authenticity)
        convert(check, cells, values, "posts_per_week", posts_per_week)
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
        if channel := self._named_channel(platform, text, where, cells):
            label = channel.name if "/" in text else text  # the link's name, or the one given
            return account(platform, None, is_primary=True, label=label, url=channel.url, **values)
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
                twin = self._from_twin(platform, self.columns[where], exc, beside=where)
                if twin is not None:
                    return account(platform, twin, is_primary=True, **values)
                check.add(where, str(exc))
            # The unreadable handle costs that cell, not the account's figures.
            if named or (account_name and any(v is not None for v in values.values())):
                return account(platform, None, is_primary=True, label=account_name, **values)
            return None
        if where == "handle" and "url" in cells:
            said = other_account_in_link(
                platform, handle, cell_text(cells["url"]).strip(), self.column_name("handle")
            )
            if said:
                self._said.append(
                    RowProblem(
                        self._row_number, self.column_name("url"), said, cell_only=True, told=True
                    )
                )
        return account(platform, handle, is_primary=True, **values)

    def _named_channel(
        self, platform: Platform, text: str, where: str, cells: dict[str, object]
    ) -> NamedChannel | None:
        """The YouTube channel an old link by its name names, in the cell read or, beside a
        Handle cell holding that name or another that is no handle (as infcrm's export writes
        such an account: its name, then its link), in the URL cell."""
        if platform is not Platform.YOUTUBE or "/" in text:
            return _channel(platform, text)
        link = cell_text(cells.get("url")).strip() if where == "handle" else ""
        channel = _channel(platform, link)
        if channel is None:
            return None
        try:
            handle = normalise_handle(platform, text)
        except ValueError:
            return channel  # the name the account was renamed to in infcrm
        return channel if handle.casefold() == channel.name.casefold() else None

    def _from_twin(
        self, platform: Platform, column: int, error: ValueError, *, beside: str = ""
    ) -> str | None:
        """The handle in the column beside `column`, which could not be read, when the two
        give one account on `platform` (its handle and its profile link) and that one can be
        read; the damaged cell is reported, saying which handle was kept."""
        twins = [
            other
            for network, kept, other in self.link_twins
            if (network, kept) == (platform, column)
        ]
        if beside == "handle" and "url" in self.columns:
            twins.append(self.columns["url"])  # the main account's Handle and Link columns
        for other in twins:
            text = cell_text(self._cells[other]).strip()
            if not text:
                continue
            try:
                handle = normalise_handle(platform, text)
            except ValueError:
                continue  # damaged too: the cell imported is the one reported
            kept = shown_account(platform.value, handle)
            said = f"{error} Kept {kept} from column {self._column_at(other)}."
            self._said.append(
                RowProblem(
                    self._row_number, self._column_at(column), said, cell_only=True, told=True
                )
            )
            return handle
        return None

    def _twins_agree(self, cells: Sequence[object]) -> None:
        """Say so when a network's link names another account than its handle beside it."""
        for platform, kept, other in self.link_twins:
            texts = {kept: cell_text(cells[kept]).strip(), other: cell_text(cells[other]).strip()}
            if not all(texts.values()):
                continue
            link_at = next((i for i in (other, kept) if account_in_link(platform, texts[i])), None)
            if link_at is None:
                continue
            handle_at = kept if link_at == other else other
            try:
                handle = normalise_handle(platform, texts[handle_at])
            except ValueError:
                continue  # an unreadable handle is reported where it is read
            stored = handle if kept == handle_at else account_in_link(platform, texts[kept])
            said = other_account_in_link(
                platform, handle, texts[link_at], self._column_at(handle_at), kept=stored
            )
            if said:
                where = self._column_at(link_at)
                self._said.append(
                    RowProblem(self._row_number, where, said, cell_only=True, told=True)
                )

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
        column = self._column_at(index)
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
            other = cell_text(cells.get(f"{platform.value}_handle")).strip()
            try:
                same = other and normalise_handle(platform, other).casefold() == wanted
            except ValueError:
                continue
            if same:
                return platform
        return None


def _channel(platform: Platform, text: str) -> NamedChannel | None:
    """The YouTube channel an old link in a YouTube cell names (None for anything else)."""
    return named_channel(text) if platform is Platform.YOUTUBE and "/" in text else None


def _key(made: dict) -> tuple[str, str]:
    return account_key(made["platform"], made["handle"], made.get("label"), made["url"])


__all__ = ["FIGURES_WITHOUT_PLATFORM", "NO_PLATFORM", "RowAccounts"]

"""What each column of an import is taken as, and why: the choices the user is shown and may
change before importing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from infcrm.domain.enums import Platform
from infcrm.files.handle_columns import POST_LINKS_REASON, post_links_label
from infcrm.files.import_mapping import IGNORE, field_label


@dataclass(frozen=True)
class ColumnChoice:
    """What one column is imported as, and why."""

    index: int
    header: str
    field: str  # a field key, LABELLED or IGNORE
    by_content: bool = False  # the values decided, not (only) the name
    reason: str = ""  # for a column left out, or a decision by content: why

    def describe(self, fields: Sequence[str] = ()) -> str:
        """“Followers → Followers”, “Tiktoker name → Name (by content)”, “Rank: ignored”
        (`fields`: the file's, which say how a column of links to posts is used)."""
        if self.field == IGNORE:
            return f"{self.header}: ignored" + (f" ({self.reason})" if self.reason else "")
        posts = self.reason == POST_LINKS_REASON
        label = post_links_label(fields, self.index) if posts else field_label(self.field)
        shown = f"{self.header} → {label}"
        return shown + (" (by content)" if self.by_content else "")


@dataclass
class ColumnMapping:
    """Each column's field, the platform the file is about, and what was left out."""

    choices: list[ColumnChoice]
    platform: str | None = None  # the platform the column names or links point to, if one
    platform_reason: str = ""
    notes: list[str] = field(default_factory=list)
    platform_from_name: bool = False  # guessed from the file or sheet name, not the columns

    @property
    def fields(self) -> list[str]:
        """One field key (or IGNORE) per column, as the importer takes it."""
        return [choice.field for choice in self.choices]

    @property
    def ignored(self) -> list[str]:
        """The names of the columns left out."""
        return [c.header for c in self.choices if c.field == IGNORE]

    @property
    def left_out_by_values(self) -> set[int]:
        """The columns their values left out (they say why themselves)."""
        return {c.index for c in self.choices if c.field == IGNORE and c.by_content}

    @property
    def by_content(self) -> list[ColumnChoice]:
        """The columns whose values, not only their names, decided what they hold."""
        return [c for c in self.choices if c.by_content]

    def describe(self) -> list[str]:
        """Lines for the user: each column used, then “ignored: Rank, influence_score”."""
        lines = [c.describe(self.fields) for c in self.choices if c.field != IGNORE]
        if self.ignored:
            lines.append("ignored: " + ", ".join(self.ignored))
        if self.platform:
            lines.append(f"platform: {Platform(self.platform).label} ({self.platform_reason})")
        return lines


def final_mapping(inferred: ColumnMapping, fields: Sequence[str]) -> ColumnMapping:
    """The mapping after the user's changes: their fields, the inference's reasons where kept."""
    choices = []
    for choice, key in zip(inferred.choices, fields, strict=False):
        if key == choice.field:
            choices.append(choice)
        else:
            choices.append(ColumnChoice(choice.index, choice.header, key, False, "as you chose"))
    return ColumnMapping(
        choices,
        inferred.platform,
        inferred.platform_reason,
        inferred.notes,
        inferred.platform_from_name,
    )


__all__ = ["ColumnChoice", "ColumnMapping", "final_mapping"]

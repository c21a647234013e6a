"""The one contract between the main window and its screens (selection, refresh, commands)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QWidget

# (key, sidebar label, what the screen is for) in sidebar order.
SCREENS: tuple[tuple[str, str, str], ...] = (
    ("dashboard", "Dashboard", "Who to follow up with today, and where every relationship stands."),
    ("influencers", "Influencers", "Everyone you work with, searchable and filterable."),
    ("pipeline", "Pipeline", "Every relationship as a card on a board, one column per stage."),
    ("followups", "Follow-ups", "Who to chase: overdue, today, this week and later."),
    ("campaigns", "Campaigns", "What was offered, agreed, delivered and what it returned."),
    ("trash", "Trash", "Influencers you deleted, ready to restore."),
)


class Command(enum.Enum):
    """A window-wide command that the screen on show may carry out on its own data."""

    FIND = "find"  # Edit › Find: put the cursor in the screen's search box
    NEW_INFLUENCER = "new_influencer"  # File › New influencer
    TRASH = "trash"  # Edit › Move to trash
    FORGET = "forget"  # Edit › Forget…


class Screen(QWidget):
    """What every screen offers the window; the window never probes a screen with getattr.

    Subclasses override what applies to them: a screen without people selects nobody, a
    screen without a search box has no Find command.
    """

    def show_screen(self) -> None:
        """The user chose this screen: bring it up to date without blocking the window.

        Reading that grows with the data happens in the background here; the default reads
        nothing because the screen keeps itself current.
        """

    def refresh(self) -> None:
        """Read and show the screen's data again now."""

    def is_loading(self) -> bool:
        """True while a background read for this screen has not answered yet."""
        return False

    def selected_influencer_ids(self) -> list[int]:
        """The people the user has chosen on this screen (for Add to campaign and the like)."""
        return []

    def listed_influencer_ids(self) -> Sequence[int] | None:
        """Everyone the screen's list shows after its search and filters (for “Edit N
        people…” on the whole list), or None when the screen has no such list."""
        return None

    def selected_influencer_id(self) -> int | None:
        """The one person the user has chosen (for Log interaction), or None."""
        ids = self.selected_influencer_ids()
        return ids[0] if len(ids) == 1 else None

    def commands(self) -> dict[Command, Callable[[], object]]:
        """The window-wide commands this screen carries out, each with its handler."""
        return {}

    def run_command(self, command: Command) -> bool:
        """Carry out `command` here; False when this screen has no such command."""
        handler = self.commands().get(command)
        if handler is None:
            return False
        handler()
        return True


__all__ = ["SCREENS", "Command", "Screen"]

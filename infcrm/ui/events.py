"""The one app-wide signal hub: after a service call succeeds, the UI says what changed here."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    """Typed signals that screens listen to so they refresh themselves."""

    # Influencer ids that were added, edited, trashed, restored or forgotten.
    influencers_changed = Signal(list)
    # Tier thresholds, engagement bands or another setting changed.
    settings_changed = Signal()
    # Pipeline stages were renamed, reordered, added or archived.
    stages_changed = Signal()
    # Influencer ids whose pipeline stage changed (dragged on the board, moved from a menu).
    pipeline_changed = Signal(list)
    # Interactions were logged or removed for these influencer ids (their timelines changed).
    interactions_changed = Signal(list)
    # Follow-ups were set, done, snoozed or removed (sidebar counts and lists refresh).
    follow_ups_changed = Signal()
    # “Mine only” was ticked or unticked on the Follow-ups screen (the sidebar counts follow).
    mine_only_changed = Signal(bool)
    # Campaign ids that were created, edited or deleted, or whose influencers changed.
    campaigns_changed = Signal(list)
    # Deal ids whose terms, agreement, content or payments changed.
    deals_changed = Signal(list)
    # People were merged, or a pair was marked (or unmarked) “not a duplicate”.
    duplicates_changed = Signal()
    # Saved views of the influencer list were added, renamed, reordered, changed or deleted.
    saved_views_changed = Signal()
    # A save or a screen's read found the server not answering (its host): the window shows
    # its offline state until the server answers again (ui/server_refresh.py).
    server_unreachable = Signal(str)
    # Ask the main window to open one influencer (from any screen).
    open_influencer = Signal(int)
    # Ask the main window to show one campaign on the Campaigns screen.
    open_campaign = Signal(int)


events = AppEvents()


def concerns(ids: list[int], record_id: int) -> bool:
    """Whether an event's `ids` may include `record_id`: no ids means some, not listed (a
    teammate's change heard from the server, an import's undo)."""
    return not ids or record_id in ids

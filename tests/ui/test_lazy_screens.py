"""The first painted window builds only the screen it opens on; the others on first use."""

from __future__ import annotations


def test_only_the_screen_on_show_is_built_at_start(main_window) -> None:
    assert main_window.current_view_key() == "dashboard"
    assert list(main_window.views) == ["dashboard"]


def test_a_screen_is_built_when_chosen_and_shown_in_its_place(main_window) -> None:
    main_window.show_view("campaigns")
    assert main_window.current_view_key() == "campaigns"
    assert main_window.stack.currentWidget() is main_window.views["campaigns"]
    assert main_window.stack.count() == 2  # the Dashboard and Campaigns only
    main_window.show_view("dashboard")
    assert main_window.stack.currentWidget() is main_window.views["dashboard"]


def test_the_influencers_empty_state_buttons_work_once_the_screen_is_built(
    main_window, monkeypatch
) -> None:
    imported = []
    monkeypatch.setattr(main_window, "_on_import", lambda: imported.append(True))
    main_window.show_view("influencers")  # built now, after the File menu asked to wire it
    main_window.views["influencers"].import_requested.emit()
    assert imported == [True]

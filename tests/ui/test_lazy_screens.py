"""The first painted window builds only the screen it opens on; the others on first use."""

from __future__ import annotations

from infcrm.ui.main_window import SCREENS


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
    monkeypatch.setattr(main_window, "open_import_wizard", lambda: imported.append(True))
    main_window.show_view("influencers")  # built now, after the File menu asked to wire it
    main_window.views["influencers"].import_requested.emit()
    assert imported == [True]


SCREENS_THAT_READ = ("dashboard", "influencers", "pipeline", "followups", "trash")


def test_a_screen_built_on_first_show_is_loading_until_its_first_read_answers(
    qtbot, main_window
) -> None:
    # The demo has people in every screen that reads: until a screen's first background read
    # has answered it has no rows, so it must not tell the window (or a test) it is ready.
    main_window.show()
    for key in SCREENS_THAT_READ:
        main_window.show_view(key)  # built now, on its first show
        view = main_window.current_view()
        assert view.is_loading(), f"{key} says it is ready before its first read"
        qtbot.waitUntil(lambda view=view: not view.is_loading(), timeout=10_000)
    assert main_window.influencers_view().model.rowCount() > 0


def test_a_screen_built_before_it_is_shown_is_loading_until_it_shows(qtbot, main_window) -> None:
    followups = main_window.views["followups"]  # built hidden, e.g. for the menus to wire it
    assert followups.is_loading()
    main_window.show()
    main_window.show_view("followups")
    qtbot.waitUntil(lambda: not followups.is_loading(), timeout=10_000)
    assert followups.section_total("overdue") + followups.section_total("today") > 0


def test_the_board_and_follow_ups_read_off_the_windows_thread_when_chosen(
    qtbot, main_window, monkeypatch
) -> None:
    # What grows with the data must never freeze the window: chosen from the sidebar, these
    # screens read in the background, first time and every time.
    import threading

    from infcrm.services.outreach import follow_up_lists, pipeline

    on_window_thread: list[str] = []
    for module, name in ((pipeline, "board"), (follow_up_lists, "buckets")):
        real = getattr(module, name)

        def watched(*args, _real=real, _name=name, **kwargs):
            if threading.current_thread() is threading.main_thread():
                on_window_thread.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, watched)
    main_window.show()
    for key in ("pipeline", "followups", "dashboard", "pipeline", "followups"):
        main_window.sidebar.setCurrentRow([k for k, _l, _p in SCREENS].index(key))
        view = main_window.current_view()
        qtbot.waitUntil(lambda view=view: not view.is_loading())
    assert main_window.views["pipeline"].columns  # the board was read and shown
    assert on_window_thread == []

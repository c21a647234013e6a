"""Every column of a campaign's deal table reads whole on a laptop and on a small screen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_no_deal_column_is_cut(qtbot, themed, main_window, size: tuple[int, int]) -> None:
    main_window.resize(*size)
    main_window.show_view("campaigns")
    main_window.show()
    qtbot.waitExposed(main_window)
    view = main_window.views["campaigns"]
    qtbot.waitUntil(lambda: view.deal_model.rowCount() > 0, timeout=10_000)
    for _ in range(5):
        QApplication.processEvents()
    table = view.deal_table
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    # Side by side at 1280 px; the list goes above the table at 1024 px.
    assert view.layout_switch.stacked() == (size[0] < 1280)

"""The printed report's column widths and handle break points (pure arithmetic, no Qt)."""

from __future__ import annotations

import pytest

from infcrm.ui.report_columns import column_widths, handle_html, handle_pieces, shortened_handle


def _width(text: str, bold: bool) -> float:
    return len(text) * (1.2 if bold else 1.0) + 2  # a character a unit, plus padding


@pytest.mark.parametrize(
    ("handle", "pieces"),
    [
        ("@mia.bakes_daily", ["@mia.", "bakes_", "daily"]),
        ("@mia", ["@mia"]),
        ("example.com/blog/", ["example.", "com/", "blog/"]),
        ("@" + "a" * 20, ["@" + "a" * 15, "a" * 5]),  # no break point: cut every 16
    ],
)
def test_a_handle_breaks_after_its_dots_underscores_and_slashes(handle, pieces) -> None:
    assert handle_pieces(handle) == pieces
    assert "".join(pieces) == handle


def test_a_very_long_handle_is_cut_short_with_an_ellipsis() -> None:
    shown = shortened_handle("@the.extraordinarily.long.handle.of.a.baker", limit=20)
    assert shown == "@the.extraordinarily…" or (len(shown) <= 20 and shown.endswith("…"))
    assert not shown.removesuffix("…").endswith((".", "_"))
    assert shortened_handle("@mia.bakes") == "@mia.bakes"
    assert handle_html("@a&b.c") == "@a&amp;b.&#8203;c"


def test_columns_that_fit_get_their_whole_text_and_share_the_rest() -> None:
    cells = [[(["Name"], True), (["Ana Ruiz"], False)], [(["Posts"], True), (["3"], False)]]
    shares = column_widths(cells, ["text", "figure"], _width, 100)
    assert sum(shares) == pytest.approx(1)
    assert shares[0] > shares[1]  # in proportion to their whole text
    assert shares[1] * 100 >= _width("Posts", True)


def test_when_the_page_is_too_narrow_words_and_figures_keep_their_width() -> None:
    """The long name wraps; the amount, a single word, keeps all of its width."""
    name = "Maximiliane Friederike von Hohenzollern"
    cells = [[(["Name"], True), ([name], False)], [(["Cost"], True), (["€1,555.00"], False)]]
    available = 30.0
    shares = column_widths(cells, ["text", "figure"], _width, available)
    assert shares[1] * available >= _width("€1,555.00", False) - 1e-9
    assert shares[0] * available >= _width("Hohenzollern", False) - 1e-9
    assert shares[0] * available < _width(name, False)

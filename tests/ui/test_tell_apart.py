"""Texts alike but for a few characters, cut to fit, still read differently."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from infcrm.ui.widgets.tell_apart import tell_apart

PAIRS = (
    ("elif.diallo505@example.com", "elif.diallo10463@example.com"),
    (
        "Vera Jansen · @vera.runs5552.trail.marathons · vera@example.com · Netherlands",
        "Vera Jansen · @vera.runs5553.trail.marathons · vera@example.com · Netherlands",
    ),
    ("Sint-Michielsgestel aan de Dommel", "Oud-Beijerland bij de Oude Maas"),
    ("Shop: https://vera.example.com/about/2025", "Shop: https://vera.example.com/about/2026"),
)


@pytest.mark.parametrize("width", [60, 90, 140, 220, 400])
@pytest.mark.parametrize(("one", "other"), PAIRS)
def test_two_alike_texts_cut_to_fit_still_differ(qtbot, one: str, other: str, width: int) -> None:
    metrics = QFontMetrics(QFont())
    shown = [tell_apart(a, [b], metrics, width) for a, b in ((one, other), (other, one))]
    for text, whole in zip(shown, (one, other), strict=True):
        assert metrics.horizontalAdvance(text) <= width + 1  # concatenation may round up
        assert text == whole or "…" in text
    assert shown[0] != shown[1]


def test_a_text_that_fits_is_shown_whole(qtbot) -> None:
    metrics = QFontMetrics(QFont())
    assert tell_apart("Ana Ruiz", ["Ana R."], metrics, 400) == "Ana Ruiz"

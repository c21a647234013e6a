"""The two-button question: one sentence of what is at stake, a button for each way out.

Every yes/no question the app asks goes through `ask`, so each one names its buttons by what they
do ("Open the server", "Restore that backup"), Escape always takes the cautious way, and tests
answer them all the same way (by the button's role).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask(
    parent: QWidget | None,
    *,
    title: str,
    text: str,
    go: str,
    stay: str | None = None,
    informative: str = "",
    details: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    go_is_default: bool = True,
) -> bool:
    """True when the user chose `go`; `stay` (or Cancel when None) and Escape give False."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    chosen = box.addButton(go, QMessageBox.ButtonRole.AcceptRole)
    if stay is None:
        cautious = box.addButton(QMessageBox.StandardButton.Cancel)
    else:
        cautious = box.addButton(stay, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(chosen if go_is_default else cautious)
    box.setEscapeButton(cautious)
    box.exec()
    return box.clickedButton() is chosen


__all__ = ["ask"]

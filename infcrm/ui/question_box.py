"""The two-button question: one sentence of what is at stake, a button for each way out.

`ask` names its buttons by what they do ("Open the server", "Restore that backup"), Escape always
takes the cautious way, and tests answer them all the same way (by the button's role). The
questions answered with Qt's own Yes go through `ask_yes`, which tests answer by replacing
`QMessageBox.question`.
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


def ask_yes(parent: QWidget | None, title: str, text: str, *, cancel: bool = True) -> bool:
    """True only when the user chose Yes. With `cancel` the other button is Cancel and the
    default, so Enter and Escape change nothing; without it, Qt's Yes and No."""
    yes = QMessageBox.StandardButton.Yes
    if cancel:
        cautious = QMessageBox.StandardButton.Cancel
        return QMessageBox.question(parent, title, text, yes | cautious, cautious) == yes
    return QMessageBox.question(parent, title, text) == yes


__all__ = ["ask", "ask_yes"]

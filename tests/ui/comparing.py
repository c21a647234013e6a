"""Answering the “Changed while you were editing” comparison in a test, as a user would."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infcrm.ui.dialogs.edit_conflict_dialog import EditConflictDialog


def answer_comparison(
    monkeypatch: pytest.MonkeyPatch, act: Callable[[EditConflictDialog], bool]
) -> list[EditConflictDialog]:
    """Answer the comparison with `act(dialog)` (True: Save, False: closed unsaved)."""
    seen: list[EditConflictDialog] = []

    def exec_(dialog: EditConflictDialog) -> int:
        seen.append(dialog)
        dialog.show()
        if act(dialog):
            dialog.accept()
        else:
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(EditConflictDialog, "exec", exec_)
    return seen

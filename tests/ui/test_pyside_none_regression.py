"""Guard against PySide6 releases that break `None` returned from a Python model's data().

PySide6 6.12.0 corrupts the reference count of `None` when C++ calls a Python
`QAbstractTableModel.data()` that returns it; after a few thousand calls the process aborts
with “Fatal Python error: none_dealloc”. The calls run in a child process so an abort shows
up as a failed test with the child's output, not as a vanished test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CALLS = 200_000

_CHILD = textwrap.dedent(
    """
    import os, sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    class Model(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else 500

        def columnCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else 8

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role != Qt.ItemDataRole.DisplayRole:
                return None  # every other role: the call under test
            if (index.row() + index.column()) % 3 == 0:
                return None  # blank cells too
            return f"{index.row()}:{index.column()}"

    app = QApplication(sys.argv[:1])
    model = Model()
    calls = int(sys.argv[1])
    blanks = texts = 0
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
             Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ForegroundRole)
    for n in range(calls):
        row, column = divmod(n % 4000, 8)
        # index.data() goes through C++ into the Python override, as a view's painting does.
        value = model.index(row, column).data(roles[n % len(roles)])
        if value is None:
            blanks += 1
        elif value == f"{row}:{column}":
            texts += 1
        else:
            print("WRONG", row, column, repr(value))
            sys.exit(3)
    view = QTableView()
    view.setModel(model)
    view.resize(900, 700)
    view.show()
    for _ in range(20):
        view.grab()  # painting asks for every role of every visible cell
        view.scrollTo(model.index((_ * 25) % 500, 0))
    print("ALIVE", blanks, texts, sys.getrefcount(None) > 0)
    """
)


def test_many_none_returns_from_data_leave_the_process_alive() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(CALLS)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"the process died (exit {result.returncode}):\n{output}"
    status, blanks, texts, refcount_ok = result.stdout.split()[-4:]
    assert status == "ALIVE"
    # Display calls are a quarter of all; a third of those cells are blank on purpose.
    display_calls = CALLS // 4
    assert int(texts) + int(blanks) == CALLS
    assert int(texts) == sum(1 for n in range(0, CALLS, 4) if sum(divmod(n % 4000, 8)) % 3 != 0)
    assert int(texts) < display_calls
    assert refcount_ok == "True"

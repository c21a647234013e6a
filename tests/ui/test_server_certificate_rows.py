"""The Connect dialog's certificate rows: the server's CA certificate, a client certificate
and its key, filled from the address, edited, cleared and checked before connecting.

Every managed PostgreSQL asks for verify-full with the provider's CA certificate; before,
the dialog showed the file only on a read-only “Also used” line and a user could not choose it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from infcrm.ui.database_menu import remember_database
from infcrm.ui.dialogs.server_dialog import ServerDialog
from tests.ui.test_server_menu import _action, _with_dialog, questions, session  # noqa: F401

# Nothing listens there: a dialog that tried to connect would say so instead.
NOWHERE = "postgresql://ana@127.0.0.1:1/crm"


@pytest.fixture
def certs(tmp_path: Path) -> Path:
    """A folder with a space in its name holding a CA certificate, a client certificate and
    its key (made yours only, as PostgreSQL asks of a key)."""
    folder = tmp_path / "My certs"
    folder.mkdir()
    for name in ("ca.crt", "ana.crt", "ana.key", "other ca.crt"):
        (folder / name).write_text("-----BEGIN CERTIFICATE-----\n")
    (folder / "ana.key").chmod(0o600)
    return folder


def _address(certs: Path, **files: str) -> str:
    query = "&".join(f"{name}={quote(str(certs / path))}" for name, path in files.items())
    return f"{NOWHERE}?sslmode=verify-full&{query}&hostaddr=127.0.0.1&application_name=shop"


def _dialog(qtbot) -> ServerDialog:
    """A Connect dialog closed after the test without asking about what it typed."""
    dialog = ServerDialog(None, action="Connect")
    qtbot.addWidget(dialog, before_close_func=lambda shown: shown.mark_clean())
    return dialog


def _given_back(dialog: ServerDialog) -> dict[str, str]:
    from sqlalchemy.engine import make_url

    return dict(make_url(dialog.address().url()).query)


def _rows_shown(dialog: ServerDialog) -> dict[str, bool]:
    rows = dialog.certificates.edits
    return {name: edit.isVisibleTo(dialog) for name, edit in rows.items()}


def _also_used(dialog: ServerDialog) -> str:
    label = dialog.findChild(QLabel, "server_settings")
    return label.text() if label.isVisibleTo(dialog) else ""


def test_an_address_with_certificates_fills_their_rows_and_gives_them_back(qtbot, certs) -> None:
    dialog = _dialog(qtbot)
    url = _address(certs, sslrootcert="ca.crt", sslcert="ana.crt", sslkey="ana.key")
    dialog.fill_from(url)
    rows = dialog.certificates.edits
    assert rows["sslrootcert"].text() == str(certs / "ca.crt")  # “My certs”, not My%20certs
    assert rows["sslcert"].text() == str(certs / "ana.crt")
    assert rows["sslkey"].text() == str(certs / "ana.key")
    assert _rows_shown(dialog) == {"sslrootcert": True, "sslcert": True, "sslkey": True}
    # The line below shows only what has no field of its own.
    also = _also_used(dialog)
    assert "hostaddr=127.0.0.1" in also and "application_name=shop" in also
    assert "ssl" not in also.replace("kept when you connect", "")
    assert _given_back(dialog) == {
        "sslmode": "verify-full",
        "sslrootcert": str(certs / "ca.crt"),
        "sslcert": str(certs / "ana.crt"),
        "sslkey": str(certs / "ana.key"),
        "hostaddr": "127.0.0.1",
        "application_name": "shop",
    }
    dialog.show()
    dialog.adjustSize()
    dialog.grab().save(str(certs.parent / "connect-with-certificates.png"))


def test_an_empty_dialog_keeps_the_certificate_rows_out_of_the_way(qtbot, tmp_path) -> None:
    dialog = _dialog(qtbot)
    dialog.show()
    assert _rows_shown(dialog) == {"sslrootcert": False, "sslcert": False, "sslkey": False}
    assert dialog.certificates.client_button.isVisible()
    assert _also_used(dialog) == ""
    dialog.grab().save(str(tmp_path / "connect-empty.png"))

    # Checking the server's certificate needs the authority's: its row appears.
    dialog.ssl.setCurrentIndex(dialog.ssl.findData("verify-full"))
    assert _rows_shown(dialog)["sslrootcert"]
    dialog.ssl.setCurrentIndex(dialog.ssl.findData("require"))
    assert not _rows_shown(dialog)["sslrootcert"]

    dialog.certificates.client_button.click()
    assert _rows_shown(dialog) == {"sslrootcert": False, "sslcert": True, "sslkey": True}
    assert not dialog.certificates.client_button.isVisible()


def test_a_file_chosen_replaces_the_addresss_and_a_cleared_row_leaves_the_address(
    qtbot, certs
) -> None:
    dialog = _dialog(qtbot)
    dialog.fill_from(_address(certs, sslrootcert="ca.crt", sslcert="ana.crt", sslkey="ana.key"))
    rows = dialog.certificates.edits
    rows["sslrootcert"].setText(str(certs / "other ca.crt"))
    rows["sslcert"].clear()
    rows["sslkey"].setText("   ")
    given = _given_back(dialog)
    assert given["sslrootcert"] == str(certs / "other ca.crt")
    assert "sslcert" not in given and "sslkey" not in given
    assert given["hostaddr"] == "127.0.0.1"  # the others are kept as they were
    assert dialog.has_unsaved_changes()

    # Cleared under a mode that checks nothing, the CA row goes away with the setting.
    rows["sslrootcert"].clear()
    dialog.ssl.setCurrentIndex(dialog.ssl.findData("require"))
    assert not _rows_shown(dialog)["sslrootcert"]
    assert "sslrootcert" not in _given_back(dialog)


def test_a_path_typed_from_the_home_folder_is_kept_whole(qtbot, monkeypatch, certs) -> None:
    monkeypatch.setenv("HOME", str(certs.parent))
    dialog = _dialog(qtbot)
    dialog.fill_from(f"{NOWHERE}?sslmode=verify-full")
    dialog.certificates.edits["sslrootcert"].setText("~/My certs/ca.crt ")
    assert _given_back(dialog)["sslrootcert"] == str(certs / "ca.crt")


def test_the_systems_authorities_are_kept_as_libpq_names_them(qtbot) -> None:
    dialog = _dialog(qtbot)
    dialog.fill_from(f"{NOWHERE}?sslmode=verify-full&sslrootcert=system")
    assert dialog.certificates.edits["sslrootcert"].text() == "system"
    assert _given_back(dialog)["sslrootcert"] == "system"
    assert dialog.address().file_problem() is None  # not a file to look for


@pytest.mark.parametrize(
    ("files", "row", "said"),
    [
        ({"sslrootcert": "gone.crt"}, "sslrootcert", "The CA certificate file {path} does "
         "not exist"),
        ({"sslrootcert": "ca.crt", "sslcert": "ana.crt", "sslkey": "gone.key"}, "sslkey",
         "The Client key file {path} does not exist"),
        ({"sslrootcert": "."}, "sslrootcert", "The CA certificate {path} is a folder"),
        ({"sslcert": "ana.crt", "sslkey": "open.key"}, "sslkey",
         'may be read by others on this computer, and PostgreSQL refuses such a key. Make '
         'it yours only (chmod 600 "{path}")'),
    ],
)  # fmt: skip
def test_a_file_that_cannot_be_used_is_named_and_nothing_is_tried(
    qtbot, certs, files, row, said
) -> None:
    (certs / "open.key").write_text("key")
    (certs / "open.key").chmod(0o644)
    dialog = _dialog(qtbot)
    dialog.fill_from(_address(certs, **files))
    dialog.show()
    dialog.ok_button.click()
    path = str(certs / files[row])
    message = dialog.message.text()
    assert said.format(path=path) in message, message
    assert "Nothing answers" not in message  # port 1 was not tried
    assert dialog.isVisible() and dialog.connected is None
    assert dialog.focusWidget() is dialog.certificates.edits[row]  # the row is shown, to fix
    assert _rows_shown(dialog)[row]


def test_a_row_cleared_of_a_missing_file_is_not_checked(qtbot, certs) -> None:
    dialog = _dialog(qtbot)
    dialog.fill_from(_address(certs, sslrootcert="gone.crt"))
    dialog.certificates.edits["sslrootcert"].clear()
    dialog.show()
    dialog.ok_button.click()
    assert "Nothing answers at 127.0.0.1, port 1" in dialog.message.text()  # tried, at last
    dialog.mark_clean()


def test_escape_after_changing_a_certificate_keeps_nothing(
    qtbot,
    session,  # noqa: F811
    questions,  # noqa: F811
    certs,
) -> None:
    first = _address(certs, sslrootcert="ca.crt")
    remember_database(first)  # a server opened before: File › Connect is filled from it
    seen: list[str] = []

    def change_then_escape(dialog: ServerDialog) -> None:
        seen.append(dialog.certificates.edits["sslrootcert"].text())
        dialog.certificates.edits["sslrootcert"].setText(str(certs / "other ca.crt"))
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    window = session.window
    _with_dialog(qtbot, change_then_escape)
    _action(window, "Connect to a server…").trigger()
    assert questions == [ServerDialog.unsaved_question]  # asked, answered Discard
    assert session.window is window
    settings = QSettings()
    assert all("other ca.crt" not in str(settings.value(key)) for key in settings.allKeys())

    # The next File › Connect is filled as before.
    _with_dialog(qtbot, change_then_escape)
    _action(window, "Connect to a server…").trigger()
    assert seen == [str(certs / "ca.crt")] * 2


def test_choose_opens_the_file_dialog_where_the_row_points_and_fills_the_row(
    qtbot, monkeypatch, certs
) -> None:
    from PySide6.QtWidgets import QFileDialog, QPushButton

    asked: list[tuple[str, str]] = []
    answers = [str(certs / "other ca.crt"), ""]  # a file chosen, then Cancel

    def chooser(_parent, title, start, _filter):
        asked.append((title, start))
        return answers.pop(0), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(chooser))
    dialog = _dialog(qtbot)
    dialog.fill_from(_address(certs, sslrootcert="ca.crt"))
    dialog.show()
    choose = dialog.findChild(QPushButton, "server_sslrootcert_choose")

    choose.click()
    assert asked == [("Choose the CA certificate file", str(certs))]
    assert dialog.certificates.edits["sslrootcert"].text() == str(certs / "other ca.crt")
    choose.click()  # Cancel in the file dialog: the row keeps what it had
    assert dialog.certificates.edits["sslrootcert"].text() == str(certs / "other ca.crt")
    assert _given_back(dialog)["sslrootcert"] == str(certs / "other ca.crt")

"""Composed emails saved as one .eml per person, read back with the standard email package."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from pathlib import Path

from infcrm.files.outreach_eml import eml_name, save_emails
from infcrm.services.outreach.compose_types import ComposedMessage


def _message(name: str, email: str | None, body: str) -> ComposedMessage:
    return ComposedMessage(1, name, email, "email", f"Hello {name}", body, False)


def test_one_eml_per_person_reads_back_with_its_recipient_subject_and_text(
    tmp_path: Path,
) -> None:
    paths = save_emails(
        tmp_path,
        [
            _message("Mia Bakes", "mia@example.com", "Hi Mia,\nlovely work ✨"),
            _message("K/R", None, "Hi"),
        ],
        sender="Lena <lena@crumb.example>",
    )
    assert [p.name for p in paths] == ["01 Mia Bakes.eml", "02 K R.eml"]
    first = BytesParser(policy=policy.default).parsebytes(paths[0].read_bytes())
    assert first["To"] == "mia@example.com"
    assert first["From"] == "Lena <lena@crumb.example>"
    assert first["Subject"] == "Hello Mia Bakes"
    # Lines end in CRLF, as mail programs expect of a saved message.
    assert first.get_content().rstrip() == "Hi Mia,\r\nlovely work ✨"
    second = BytesParser(policy=policy.default).parsebytes(paths[1].read_bytes())
    assert second["To"] is None


def test_a_file_already_there_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / eml_name(1, "Mia")).write_text("mine")
    (path,) = save_emails(tmp_path, [_message("Mia", "m@example.com", "Hi")])
    assert path.name == "01 Mia (2).eml"
    assert (tmp_path / "01 Mia.eml").read_text() == "mine"

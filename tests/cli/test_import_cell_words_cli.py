"""`infcrm import` understands cell values as people write them: statuses in their language."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from safety_helpers import infcrm, rows


def _stages(db_path: Path) -> dict[str, str]:
    """Each person's stage, by name, read straight from the file."""
    found = rows(
        db_path,
        "SELECT i.display_name, s.name FROM influencer i JOIN stage s ON s.id = i.stage_id",
    )
    return dict(found)


def test_statuses_in_other_languages_land_on_the_stage_they_mean(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Nombre", "Email", "Estado"])
    values = {
        "Ana": ("Contactado", "Contacted"),
        "Ben": ("Kontaktiert", "Contacted"),
        "Cy": ("Nicht kontaktiert", "Prospect"),
        "Di": ("Non contacté", "Prospect"),
        "Ed": ("Sí", "Agreed"),
        "Flo": ("Não", "Declined"),
        "Gus": ("Quizás", "Prospect"),  # not understood: the first stage, and reported
    }
    for name, (status, _stage) in values.items():
        sheet.append([name, f"{name.lower()}@example.com", status])
    path = tmp_path / "estado.xlsx"
    book.save(path)

    result = infcrm("import", str(path), "--db", str(tmp_path / "crm.sqlite"))

    assert result.returncode == 0, result.stderr
    assert _stages(tmp_path / "crm.sqlite") == {n: s for n, (_v, s) in values.items()}
    assert "“Nicht kontaktiert” → Prospect" in result.stdout
    assert "“Sí” → Agreed" in result.stdout
    assert "Row 8, column C (Estado): “Quizás” is not one of your pipeline stages" in result.stderr

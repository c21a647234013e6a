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


def _contacts(db_path: Path) -> dict[str, tuple]:
    """Each person's email, other emails, phone and notes, by name."""
    found = rows(db_path, "SELECT display_name, email, other_emails, phone, notes FROM influencer")
    return {name: tuple(values) for name, *values in found}


def test_a_contact_column_puts_each_email_and_phone_in_its_place(tmp_path: Path) -> None:
    path = tmp_path / "creators.csv"
    path.write_text(
        "Name,Contact\n"
        "Ana,ana@x.com\n"
        "Ben,+34 600 111 222\n"
        "Cy,Email: cy@x.com / Tel: +34 600 111 223\n"
        "Di,di@x.com; @di_ig\n"
        "Ed,WhatsApp +49 151 23456789\n"
        'Flo,"flo@x.com, flo.work@x.com\n+33 6 12 34 56 78 / +33 6 98 76 54 32"\n',
        "utf-8",
    )

    result = infcrm("import", str(path), "--db", str(tmp_path / "crm.sqlite"))

    assert result.returncode == 0, result.stderr
    assert "Created 6" in result.stdout
    assert _contacts(tmp_path / "crm.sqlite") == {
        "Ana": ("ana@x.com", None, None, None),
        "Ben": (None, None, "+34 600 111 222", None),
        "Cy": ("cy@x.com", None, "+34 600 111 223", None),
        "Di": ("di@x.com", None, None, "Contact: @di_ig"),
        "Ed": (None, None, "+49 151 23456789", None),
        "Flo": (
            "flo@x.com",
            "flo.work@x.com",
            "+33 6 12 34 56 78",
            "Other phone: +33 6 98 76 54 32",
        ),
    }
    assert (
        "Row 5, column B (Contact): “@di_ig” is not an email address, phone number or profile "
        "link; kept in Notes." in result.stderr
    )


def test_contact_columns_in_other_languages_are_read_the_same_way(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Nombre", "Contacto", "Kontakt", "Contact info"])
    sheet.append(["Ana", "ana@x.com", "+34 600 111 222", "Instagram: @ana.bakes"])
    path = tmp_path / "contactos.xlsx"
    book.save(path)

    result = infcrm("import", str(path), "--db", str(tmp_path / "crm.sqlite"))

    assert result.returncode == 0, result.stderr
    assert _contacts(tmp_path / "crm.sqlite") == {
        "Ana": ("ana@x.com", None, "+34 600 111 222", None)
    }
    accounts = rows(tmp_path / "crm.sqlite", "SELECT platform, handle FROM social_account")
    assert accounts == [("instagram", "ana.bakes")]
    assert result.stderr == ""


def _accounts(db_path: Path) -> dict[str, tuple]:
    """Each person's main account: platform, handle and followers, by name."""
    found = rows(
        db_path,
        "SELECT i.display_name, a.platform, a.handle, a.followers FROM influencer i "
        "JOIN social_account a ON a.influencer_id = i.id AND a.is_primary = 1",
    )
    return {name: tuple(values) for name, *values in found}


def test_a_youtube_or_tiktok_link_in_an_instagram_column_is_stored_on_its_own_network(
    tmp_path: Path,
) -> None:
    path = tmp_path / "creators.csv"
    path.write_text(
        "Name,Instagram,Followers\n"
        "Ana,https://www.instagram.com/ana.bakes,1000\n"
        "Ben,https://www.youtube.com/@benbakes,2000\n"
        "Cy,https://www.tiktok.com/@cy.dance,3000\n",
        "utf-8",
    )

    result = infcrm("import", str(path), "--db", str(tmp_path / "crm.sqlite"))

    assert result.returncode == 0, result.stderr
    assert _accounts(tmp_path / "crm.sqlite") == {
        "Ana": ("instagram", "ana.bakes", 1000),
        "Ben": ("youtube", "benbakes", 2000),
        "Cy": ("tiktok", "cy.dance", 3000),
    }
    assert (
        "Row 3, column B (Instagram): This is a YouTube link, not Instagram: the account and "
        "its figures are stored on YouTube." in result.stderr
    )
    assert "Row 4, column B (Instagram): This is a TikTok link" in result.stderr
    assert "Left empty" not in result.stderr


def test_an_ig_link_column_of_a_workbook_keeps_a_youtube_channel_on_youtube(
    tmp_path: Path,
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "IG link", "Followers", "Email"])
    sheet.append(["Ana", "instagram.com/ana.bakes", 1000, "ana@x.com"])
    sheet.append(["Ben", "youtube.com/@benbakes", 250000, "ben@x.com"])
    path = tmp_path / "creators.xlsx"
    book.save(path)

    result = infcrm("import", str(path), "--db", str(tmp_path / "crm.sqlite"))

    assert result.returncode == 0, result.stderr
    assert _accounts(tmp_path / "crm.sqlite") == {
        "Ana": ("instagram", "ana.bakes", 1000),
        "Ben": ("youtube", "benbakes", 250000),
    }
    assert "Row 3, column B (IG link): This is a YouTube link, not Instagram" in result.stderr


def test_a_platform_column_naming_another_network_than_the_link_is_still_reported(
    tmp_path: Path,
) -> None:
    path = tmp_path / "creators.csv"
    path.write_text(
        "Name,Platform,Profile,Followers\nBen,Instagram,https://www.youtube.com/@benbakes,2000\n",
        "utf-8",
    )

    result = infcrm("import", str(path), "--db", str(tmp_path / "crm.sqlite"))

    assert result.returncode == 0, result.stderr
    assert "That is a YouTube link, but the platform chosen is Instagram" in result.stderr
    assert _accounts(tmp_path / "crm.sqlite") == {"Ben": ("instagram", None, 2000)}


def test_strict_import_is_not_refused_for_values_it_kept_elsewhere(tmp_path: Path) -> None:
    """--strict refuses a file that would lose a value; a value moved to Notes is not lost."""
    path = tmp_path / "creators.csv"
    path.write_text("Name,Contact\nAna,ana@x.com; @ana_ig\nBen,ben@x.com\n", encoding="utf-8")
    db_path = tmp_path / "crm.sqlite"

    result = infcrm("import", str(path), "--db", str(db_path), "--strict")

    assert result.returncode == 0, result.stderr
    assert _contacts(db_path)["Ana"][0] == "ana@x.com"
    assert "@ana_ig" in _contacts(db_path)["Ana"][3]
    assert "kept in Notes" in result.stderr + result.stdout

    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Email\nCy,not an email\n", encoding="utf-8")
    refused = infcrm("import", str(bad), "--db", str(db_path), "--strict")
    assert refused.returncode != 0
    assert "Nothing was imported: 1 row has a problem" in refused.stderr + refused.stdout

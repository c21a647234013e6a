"""`infcrm duplicates` as a user types it: groups with reasons, and the file left untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

from safety_helpers import infcrm

from infcrm.db.engine import open_database
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput


def _file_with_two_anas(path: Path) -> None:
    db = open_database(path)
    influencers.create(db, InfluencerInput(display_name="Ana Ruiz", email="ana@example.com"))
    influencers.create(
        db,
        InfluencerInput(
            display_name="Ana R.",
            email="ANA@example.com",
            accounts=(AccountInput(platform="instagram", handle="ana.ruiz"),),
        ),
    )
    influencers.create(db, InfluencerInput(display_name="Ben Stone"))
    db.close()


def test_duplicates_prints_each_group_with_its_reason_and_changes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "shop.sqlite"
    _file_with_two_anas(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = infcrm("duplicates", "--db", str(path))
    assert result.returncode == 0, result.stderr
    # One email, two names: the import keeps such rows apart, so the finder says possible.
    assert "1 group of possible duplicates (0 likely, 1 possible)" in result.stdout
    assert "because: Same email: ana@example.com, but different names (possible)" in result.stdout
    assert "#1 Ana Ruiz — ana@example.com" in result.stdout
    # The network by the name the app shows, not the key it is stored under.
    assert "#2 Ana R. — ANA@example.com, Instagram @ana.ruiz" in result.stdout
    assert "Ben Stone" not in result.stdout
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_duplicates_says_so_when_there_are_none(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    open_database(path).close()
    result = infcrm("--db", str(path), "duplicates")
    assert (result.returncode, result.stdout.strip()) == (0, "No possible duplicates found.")


def test_duplicates_refuses_a_missing_file_without_creating_it(tmp_path: Path) -> None:
    path = tmp_path / "missing.sqlite"
    result = infcrm("duplicates", "--db", str(path))
    assert result.returncode == 1
    assert "There is no database at" in result.stderr and "Traceback" not in result.stderr
    assert not path.exists()


def test_import_counts_people_who_look_like_someone_already_there(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite"
    db = open_database(path)
    influencers.create(
        db,
        InfluencerInput(
            display_name="Ana Ruíz",
            accounts=(AccountInput(platform="instagram", handle="ana.ruiz"),),
        ),
    )
    db.close()
    sheet = tmp_path / "tiktok-list.csv"
    sheet.write_text(
        "Name,Platform,Handle,Followers\n"
        "ana-ruiz,TikTok,ana.cooks,12000\n"
        "Ben Stone,TikTok,ben.stone,9000\n",
        encoding="utf-8",
    )
    result = infcrm("import", str(sheet), "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert (
        "1 person looks like someone already in infcrm (possible duplicates) — compare and "
        "merge them with Edit › Find duplicates…" in result.stdout
    )
    listed = infcrm("duplicates", "--db", str(path)).stdout
    assert "Same name, nothing that tells them apart (possible)" in listed
    assert "#1 Ana Ruíz" in listed and "ana-ruiz" in listed and "Ben Stone" not in listed


def test_a_known_handle_on_another_network_under_another_name_is_counted_and_listed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "shop.sqlite"
    db = open_database(path)
    influencers.create(
        db,
        InfluencerInput(
            display_name="Lena Vogel",
            accounts=(AccountInput(platform="instagram", handle="lenabakes"),),
        ),
    )
    db.close()
    sheet = tmp_path / "tiktok-list.csv"
    sheet.write_text(
        "Name,Platform,Handle,Followers\n"
        "Lena Bakes,TikTok,@LenaBakes,12000\n"
        "Ben Stone,TikTok,ben.stone,9000\n",
        encoding="utf-8",
    )
    result = infcrm("import", str(sheet), "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "1 person looks like someone already in infcrm (possible duplicates)" in result.stdout
    listed = infcrm("duplicates", "--db", str(path)).stdout
    assert "because: Same handle @lenabakes on Instagram and TikTok (possible)" in listed
    assert "#1 Lena Vogel" in listed and "Lena Bakes — TikTok @lenabakes" in listed
    assert "Ben Stone" not in listed


def test_a_creator_from_two_lists_with_a_work_email_is_counted_and_listed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "shop.sqlite"
    first = tmp_path / "instagram-list.csv"
    first.write_text(
        "Name,Instagram,Email\n"
        "Lena Vogel,lenabakes,lena@gmail.com\n"
        "Ben Stone,ben.stone,ben@gmail.com\n",
        encoding="utf-8",
    )
    second = tmp_path / "tiktok-agency-list.csv"
    second.write_text(
        "Creator,TikTok,Business email\n"
        "Lena Bakes,@lenabakes,hello@lenabakes.example\n"
        "Ola Berg,ola.berg,ola@agency.example\n",
        encoding="utf-8",
    )
    assert infcrm("import", str(first), "--db", str(path)).returncode == 0
    result = infcrm("import", str(second), "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "Created 2" in result.stdout
    assert "1 person looks like someone already in infcrm (possible duplicates)" in result.stdout
    listed = infcrm("duplicates", "--db", str(path)).stdout
    assert (
        "because: Same handle @lenabakes on Instagram and TikTok, but different emails "
        "(possible)" in listed
    )
    assert "Ben Stone" not in listed and "Ola Berg" not in listed

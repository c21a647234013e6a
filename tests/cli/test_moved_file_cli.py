"""Commands that write to a file moved to a team's server: the work would go to an old copy
the team never sees, so they are refused with nothing changed, saying where the team works,
unless the user says --old-copy. Reading it (export, a dry run) stays allowed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.cli.test_cli import infcrm
from tests.table_dump import file_rows

SERVER = "postgresql://ana@db.example.com/crm"
ORDERS = Path(__file__).resolve().parents[1] / "fixtures" / "orders" / "shopify_orders_export.csv"


def _remember_moved(path: Path) -> None:
    """What `infcrm copy` or File › Move… leave in the app's settings after a move."""
    code = (
        "import sys; from pathlib import Path; "
        "from infcrm.ui.moved_files import mark_moved_from_command; "
        "mark_moved_from_command(Path(sys.argv[1]), sys.argv[2])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), SERVER], capture_output=True, text=True,
        timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def _people_file(tmp_path: Path) -> Path:
    source = tmp_path / "new people.csv"
    source.write_text("Name,Instagram\nLena Vogel,lena.vogel\n", encoding="utf-8")
    return source


def test_an_import_into_a_file_moved_to_a_server_is_refused_and_changes_nothing(
    tmp_path: Path,
) -> None:
    shop = tmp_path / "shop.sqlite"
    assert infcrm("demo", "--db", str(shop), "--influencers", "5").returncode == 0
    _remember_moved(shop)
    before = file_rows(shop, "influencer")
    orders_before = file_rows(shop, "shop_order")

    refused = infcrm("import", _people_file(tmp_path).as_posix(), "--db", str(shop))

    assert refused.returncode == 1
    assert "“shop.sqlite” was moved to the team's server" in refused.stderr
    assert f"(--db {SERVER})" in refused.stderr and "--old-copy" in refused.stderr
    assert file_rows(shop, "influencer") == before
    orders = infcrm("orders", str(ORDERS), "--db", str(shop))
    assert orders.returncode == 1 and "--old-copy" in orders.stderr
    assert file_rows(shop, "shop_order") == orders_before
    # A dry run writes nothing: it may look at the old copy.
    assert infcrm("import", _people_file(tmp_path).as_posix(), "--db", str(shop),
                  "--dry-run").returncode == 0  # fmt: skip
    # Said on purpose, the old copy takes it.
    anyway = infcrm("import", _people_file(tmp_path).as_posix(), "--db", str(shop), "--old-copy")
    assert anyway.returncode == 0, anyway.stderr
    assert len(file_rows(shop, "influencer")) == len(before) + 1


def test_a_file_never_moved_imports_as_before(tmp_path: Path) -> None:
    shop = tmp_path / "shop.sqlite"
    done = infcrm("import", _people_file(tmp_path).as_posix(), "--db", str(shop))
    assert done.returncode == 0, done.stderr
    assert [row["display_name"] for row in file_rows(shop, "influencer")] == ["Lena Vogel"]

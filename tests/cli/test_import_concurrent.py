"""Two imports of the same file at once: each person arrives once, and neither crashes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from infcrm.db.engine import open_database
from infcrm.services.people import influencer_list


def _big_file(path: Path) -> None:
    """2,000 people: identified by handle, by email, or by name alone."""
    lines = ["Name,Instagram handle,Email,Followers"]
    for i in range(2000):
        if i % 4 == 0:
            lines.append(f"Email Person {i},,person{i}@example.com,")
        elif i % 4 == 1:
            lines.append(f"Only A Name {i},,,")
        else:
            lines.append(f"Handle Person {i},handle_{i},,{i}k")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_two_imports_of_one_file_at_once_add_each_person_once(tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    _big_file(source)
    db_path = tmp_path / "crm.sqlite"
    open_database(db_path).close()  # both imports open an existing, current file
    command = [sys.executable, "-m", "infcrm", "import", str(source), "--db", str(db_path)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    runs = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        for _ in range(2)
    ]
    results = [(run.wait(timeout=240), *run.communicate()) for run in runs]

    for code, out, err in results:
        assert "Traceback" not in err and "IntegrityError" not in err, err
        assert code == 0, out + err
    outputs = " ".join(out for _code, out, _err in results)
    # One import added everyone; the other found them all there already.
    assert "Created 2,000" in outputs, outputs
    db = open_database(db_path)
    try:
        assert influencer_list.count(db) == 2000
    finally:
        db.close()

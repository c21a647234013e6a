"""What the PostgreSQL backend does not do yet: tests expected to fail there, with the reason.

Used only when INFCRM_TEST_BACKEND=postgresql (tests/conftest.py). Each entry is a test id
or a prefix of ids; remove it as soon as the server does what the test asks.
"""

_SERVICES = "tests/unit/services/"
_SAFETY = "tests/ui/test_data_safety.py::"
GAPS = {}

# Tests of what only a database file has — not gaps: a server has none of it by design (its
# backups are pg_dump's, its locks are rows', its storage the server's). Skipped on the server.
_FILE = "a database file only: "
# The window's backups of a file: a server's .dump backups and their restore are tested in
# tests/ui/test_team_screens.py, its start-up check in test_data_safety.py's server test.
_FILE_COPIES = _FILE + "copies of the file in the backups folder, made and restored by the window"
FILE_ONLY = {
    "tests/ui/test_authors_on_screen.py::test_a_file_kept_by_one_person_names_nobody": (
        _FILE + "a file one person keeps; a team's server always names who did what"
    ),
    "tests/unit/db/test_backups.py": _FILE + "copies of the file in the backups folder",
    "tests/unit/db/test_write_lock.py": _FILE + "SQLite's single write lock and its wait",
    "tests/unit/db/test_disk_full.py": _FILE + "a full disk under SQLite's file (PRAGMA)",
    "tests/unit/db/test_checkpoints.py": _FILE + "copying SQLite's write-ahead log into the file",
    "tests/unit/db/test_engine.py::test_connections_use_wal_foreign_keys_and_a_busy_timeout": (
        _FILE + "SQLite's connection settings (PRAGMA)"
    ),
    "tests/unit/db/test_engine.py::test_only_a_write_transaction_holds_the_large_page_cache": (
        _FILE + "SQLite's page cache per connection (PRAGMA cache_size)"
    ),
    f"{_SERVICES}test_import_search.py::test_a_big_import_merges_its_search_entries_once": (
        _FILE + "FTS5's merging of index segments; the server's GIN indexes have none"
    ),
    f"{_SERVICES}test_forget_leaves_nothing.py": (
        _FILE + "the bytes of the file, its WAL and its copies; a server's table files are "
        "read in test_forget_on_a_server.py"
    ),
    "tests/unit/db/test_frozen_agreements.py": (
        _FILE + "another program's sqlite3 connection writing SQLite's own statements "
        "(INSERT OR REPLACE); the server's triggers are checked in test_server_backend.py"
    ),
    "tests/unit/files/test_export_baseline.py": (
        _FILE + "the benchmark's raw baselines read the SQLite file with sqlite3 itself"
    ),
    "tests/unit/files/test_import_apply.py::test_an_import_backs_up_the_database_first": (
        _FILE + "the copy of the file made before an import"
    ),
    f"{_SERVICES}test_import_indexes.py": (
        _FILE + "SQLite's index list; a server keeps its indexes during a big import"
    ),
    f"{_SERVICES}test_people_import.py::test_an_import_waits_for_a_writer_holding_the_file": (
        _FILE + "SQLite's file lock and busy timeout; a server has row locks instead"
    ),
    "tests/cli/test_report_cli.py::test_the_report_is_never_written_over_the_database": (
        _FILE + "a report given the database file's own name"
    ),
    "tests/ui/test_campaign_report_export.py::test_saving_over_the_database_is_refused": (
        _FILE + "a report saved under the database file's own name"
    ),
    f"{_SAFETY}test_back_up_now_makes_a_copy_and_says_where": _FILE_COPIES,
    f"{_SAFETY}test_restore_goes_back_and_every_screen_hears_of_it": _FILE_COPIES,
    f"{_SAFETY}test_the_restore_list_shows_date_kind_count_and_size": _FILE_COPIES,
    f"{_SAFETY}test_an_empty_backups_folder_says_how_backups_are_made": _FILE_COPIES,
    f"{_SAFETY}test_where_is_my_data_names_the_file_the_folder_and_the_last_backup": _FILE_COPIES,
    f"{_SAFETY}test_the_start_up_check_makes_the_daily_backup_in_the_background": _FILE_COPIES,
    f"{_SAFETY}test_a_damaged_file_found_at_start_up_offers_the_newest_good_backup": _FILE_COPIES,
    f"{_SAFETY}test_dialogs_close_without_doing_anything": _FILE_COPIES,
    "tests/ui/test_start_up_imports.py::test_the_first_paint": (
        _FILE + "the start-up from a file, measured in a new process; a server's start "
        "connects first"
    ),
    "tests/ui/test_start_up_imports.py::test_after_the_first_paint": (
        _FILE + "the start-up from a file, measured in a new process; a server's start "
        "connects first"
    ),
}

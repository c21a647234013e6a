"""A connection the server refuses is explained as what to do next, per cause.

The texts are libpq's own, as psycopg 3 reports them (copied from a real PostgreSQL 15
server: a wrong password, nothing on the port, a missing database, sslmode=require without
SSL, no password given, and pg_hba.conf not letting the computer in).
"""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from infcrm.db.server_advice import explain

URL = make_url("postgresql+psycopg://ana@db.example.com:55432/crm?sslmode=require")
PREFIX = 'connection failed: connection to server at "10.0.0.5", port 55432 failed: '


@pytest.mark.parametrize(
    ("said", "expected", "not_expected"),
    [
        (
            'FATAL:  password authentication failed for user "ana"',
            [
                "refused the password of “ana”, or has no user by that name",
                "Check the user name; type the password again in File › Connect to a server…",
                "PGPASSWORD",
            ],
            ["Is the server running"],
        ),
        (
            "fe_sendauth: no password supplied",
            ["asks for “ana”'s password", "File › Connect to a server…", "~/.pgpass"],
            [],
        ),
        (
            'FATAL:  database "crm" does not exist',
            ["no database called “crm”", "infcrm server-setup --database crm"],
            ["password"],
        ),
        (
            "Connection refused\n\tIs the server running on that host and accepting TCP/IP "
            "connections?",
            ["Nothing answers at db.example.com, port 55432", "5432", "listen_addresses"],
            ["password", "\t", "?."],
        ),
        (
            "failed to resolve host 'db.example.com': [Errno -2] Name or service not known",
            ["No computer called db.example.com answers", "the server's name"],
            ["password", "Errno"],
        ),
        (
            "server does not support SSL, but SSL was required",
            [
                "does not offer encrypted connections (SSL)",
                "sslmode=require",
                "ssl = on",
                "choose a weaker Encryption in File › Connect to a server…",
            ],
            ["password"],
        ),
        (
            'FATAL:  no pg_hba.conf entry for host "10.0.0.9", user "ana", database "crm", '
            "no encryption",
            ["does not let this computer sign in", "pg_hba.conf", "scram-sha-256"],
            [],
        ),
        (
            'FATAL:  permission denied for database "crm"\nDETAIL:  User does not have '
            "CONNECT privilege.",
            ["“ana” may not use the database “crm”", "--user ana"],
            [],
        ),
    ],
)
def test_each_refusal_says_what_to_do(said, expected, not_expected) -> None:
    message = explain(PREFIX + said, URL)
    assert message.startswith("infcrm could not open postgresql://ana@db.example.com:55432/crm")
    for words in expected:
        assert words in message, (words, message)
    for words in not_expected:
        assert words not in message, (words, message)


def test_an_unknown_refusal_keeps_the_servers_words_and_the_general_checks() -> None:
    message = explain(PREFIX + "FATAL:  sorry, too many clients already", URL)
    assert "too many clients already" in message
    assert "Check the server's address" in message and "password" in message


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ('FATAL:  password authentication failed for user "ana"', "in the Password field above"),
        ("fe_sendauth: no password supplied", "Type it in the Password field above"),
        ("server does not support SSL, but SSL was required", "a weaker Encryption above."),
    ],
)
def test_inside_the_connect_dialog_a_refusal_points_to_its_fields_not_to_the_menu(
    said, expected
) -> None:
    """The user is already in File › Connect to a server…: sending them there is no help."""
    message = explain(PREFIX + said, URL, in_dialog=True)
    assert expected in message
    assert "File ›" not in message
    assert "File › Connect to a server…" in explain(PREFIX + said, URL)


def test_an_address_without_a_user_says_so_instead_of_an_empty_name() -> None:
    no_user = make_url("postgresql+psycopg://db.example.com:55432/crm")
    said = explain(PREFIX + 'FATAL:  password authentication failed for user "root"', no_user)
    assert "“”" not in said
    assert "The address has no user name (“root”, this computer's login name, was tried)" in said
    assert "postgresql://ana@db.example.com:55432/crm" in said


VERIFYING = make_url(
    "postgresql+psycopg://ana@db.example.com:55432/crm?sslmode=verify-full"
    "&sslrootcert=/home/ana/My certs/ca.crt"
)
NO_ROOT = (
    'root certificate file "/home/ana/.postgresql/root.crt" does not exist\nEither provide '
    "the file, use the system's trusted roots with sslrootcert=system, or change sslmode to "
    "disable server certificate verification."
)
OTHER_AUTHORITY = (
    "SSL error: certificate verify failed"  # libpq's words for a certificate it cannot check
)
CLIENT_ASKED = "FATAL:  connection requires a valid client certificate"


@pytest.mark.parametrize(
    ("said", "in_dialog", "outside"),
    [
        (NO_ROOT, "choose it in the CA certificate row above", "&sslrootcert="),
        (OTHER_AUTHORITY, "choose it in the CA certificate row above", "&sslrootcert="),
        (CLIENT_ASKED, "choose them in the Client certificate and Client key rows", "&sslcert="),
    ],
)
def test_a_certificate_refused_in_the_connect_dialog_points_to_its_row(
    said, in_dialog, outside
) -> None:
    """The dialog has rows for the certificates: the advice names the row to choose the file
    in, where outside it names the address's setting."""
    message = explain(PREFIX + said, VERIFYING, in_dialog=True)
    assert in_dialog in message, message
    assert "/path/to/" not in message  # no setting to write into an address
    elsewhere = explain(PREFIX + said, VERIFYING)
    assert f"{outside}/path/to/" in elsewhere and "row" not in elsewhere, elsewhere


def test_a_client_key_others_may_read_says_how_to_make_it_yours() -> None:
    said = (
        'private key file "/home/ana/My certs/ana.key" has group or world access; file must '
        "have permissions u=rw (0600) or less if owned by the current user, or permissions "
        "u=rw,g=r (0640) or less if owned by root"
    )
    message = explain(PREFIX + said, VERIFYING)
    assert 'chmod 600 "/home/ana/My certs/ana.key"' in message, message
    assert "password" not in message

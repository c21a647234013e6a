"""What to do when a PostgreSQL server refuses a connection, said per cause.

libpq's own words ("FATAL:  password authentication failed…", "Connection refused\\n\\tIs the
server running…?") are written for database administrators; a shop owner needs the one
thing to change. Each known refusal gets its own sentence; anything else keeps the server's
words and the general checks.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from infcrm.db import location

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

# Where the user types the connection's details: the menu command, or, when the refusal is
# shown inside the Connect dialog itself, its fields (the user is already there).
_MENU = "in File › Connect to a server…"
_IN_DIALOG = "in the Password field above"


def _advice(said: str, url: URL, in_dialog: bool) -> str | None:
    """The sentence for a refusal infcrm knows, or None."""
    user, database = url.username or "", url.database or ""
    where = _IN_DIALOG if in_dialog else _MENU
    # Only where there is a keyring: without one, the Connect dialog says the password is
    # kept until infcrm closes, and the two must not disagree.
    kept = f"{where} (infcrm keeps it in your system's keyring)" if _has_keyring() else where
    host, port = url.host or "localhost", url.port or 5432
    if not user and ("password authentication failed" in said or "no password" in said):
        # libpq then signs in with the computer's login name, which the server names.
        asked = re.search(r'for user "([^"]*)"', said)
        login = f" (“{asked.group(1)}”, this computer's login name, was tried)" if asked else ""
        return (
            f"The address has no user name{login}. Write yours before the server's name, "
            f"e.g. postgresql://ana@{host}:{port}/{database}"
            + (", or fill in the User field above." if in_dialog else ".")
        )
    if "password authentication failed" in said:
        # The server words an unknown user the same way, on purpose: name both.
        return (
            f"The server refused the password of “{user}”, or has no user by that name. "
            f"Check the user name; type the password again {kept}, or correct it in "
            "PGPASSWORD or ~/.pgpass."
        )
    if "no password supplied" in said:
        return (
            f"The server asks for “{user}”'s password and infcrm found none. Type it {kept}, "
            "or set PGPASSWORD, or add a line for it to ~/.pgpass."
        )
    if re.search(r'database ".*" does not exist', said):
        return (
            f"The server has no database called “{database}”. Check its name, or ask the "
            f"server's administrator to create it (infcrm server-setup --database {database} "
            "prints the SQL)."
        )
    if "does not support SSL" in said:
        return (
            "The server does not offer encrypted connections (SSL), but the address asks for "
            "them (sslmode=require or verify-full). Ask its administrator to turn them on "
            "(ssl = on in postgresql.conf, with a certificate). Only on a network you trust: "
            "take sslmode out of the address, or choose a weaker Encryption "
            + ("above." if in_dialog else f"{_MENU}.")
        )
    certificate = _certificate_advice(said, url, in_dialog)
    if certificate:
        return certificate
    if "no pg_hba.conf entry" in said:
        return (
            "The server does not let this computer sign in. Its administrator adds a line "
            f"for it to pg_hba.conf (host {database} {user} ADDRESS/32 scram-sha-256) and "
            "reloads the server."
        )
    if "permission denied for database" in said or "CONNECT privilege" in said:
        return (
            f"“{user}” may not use the database “{database}”. Ask the server's administrator "
            f"to run the SQL of infcrm server-setup --database {database} --user {user}."
        )
    if "permission denied for schema" in said:
        return may_not_create_tables(url)
    if "failed to resolve host" in said or "could not translate host name" in said:
        return (
            f"No computer called {host} answers on this network. Check the server's name "
            "(a typing mistake, or a name only known inside the office network)."
        )
    if "Connection refused" in said or "timeout expired" in said:
        return (
            f"Nothing answers at {host}, port {port}. Check the server's name and port "
            "(PostgreSQL's usual port is 5432), that the server is running, and that it "
            "listens on the network (listen_addresses in postgresql.conf)."
        )
    return None


def _has_keyring() -> bool:
    from infcrm.db import server_password

    return server_password.keyring_available()


def _certificate_advice(said: str, url: URL, in_dialog: bool) -> str | None:
    """A server certificate that sslmode=verify-full (or verify-ca) could not check, or a
    client certificate the server asks for; the Connect dialog has a row for each file, so
    there the row is named, elsewhere the address's setting."""
    host = url.host or "localhost"
    authority = url.query.get("sslrootcert")
    in_row = ", then choose it in the CA certificate row above."
    in_address = " name it in the address (&sslrootcert=/path/to/ca.crt)."
    missing = re.search(r'root certificate file "([^"]*)" does not exist', said)
    if missing:
        return (
            "The address asks infcrm to check the server's certificate (sslmode="
            f"{url.query.get('sslmode', 'verify-full')}), and this computer has no certificate "
            "of the authority that signed it. Get that certificate from the server's "
            + (
                f"administrator or your host{in_row}"
                if in_dialog
                else f"administrator or your host and put it in {missing.group(1)}, or" + in_address
            )
        )
    other = re.search(r'server certificate for "([^"]*)" does not match host name', said)
    if other:
        return (
            f"The server's certificate is made out for “{other.group(1)}”, not for “{host}”, "
            f"so infcrm cannot tell it is the right server. Connect to {other.group(1)} (the "
            "name on the certificate), or ask the administrator for a certificate for the "
            "name you use."
        )
    if "certificate verify failed" in said:
        where = authority or "~/.postgresql/root.crt"
        return (
            f"The server's certificate was not signed by the authority in {where}, so infcrm "
            "cannot tell it is the right server. Ask the server's administrator or your host "
            "for the certificate of the authority that signed it"
            + (in_row if in_dialog else f", and{in_address}")
        )
    return _client_certificate_advice(said, in_dialog)


def _client_certificate_advice(said: str, in_dialog: bool) -> str | None:
    """A server that signs people in by certificate, or a key libpq will not use."""
    if "requires a valid client certificate" in said or "certificate authentication failed" in said:
        return (
            "The server signs people in with a certificate of their own, and infcrm gave it "
            "none it accepts. Ask the server's administrator for your client certificate and "
            "its key, "
            + (
                "then choose them in the Client certificate and Client key rows above (the "
                "Client certificate… button shows them)."
                if in_dialog
                else "and name them in the address (&sslcert=/path/to/me.crt&sslkey="
                "/path/to/me.key), or choose them in File › Connect to a server…."
            )
        )
    open_key = re.search(r'private key file "([^"]*)" has group or world access', said)
    if open_key:
        return (
            f"The client key {open_key.group(1)} may be read by others on this computer, and "
            f'PostgreSQL refuses such a key. Make it yours only (chmod 600 "{open_key.group(1)}"'
            "), then try again."
        )
    return None


def may_not_create_tables(url: URL) -> str:
    """The sentence for a database in which the user may not create infcrm's tables."""
    user, database = url.username or "NAME", url.database or ""
    return (
        f"“{url.username or ''}” may not create tables in the database “{database}”, so infcrm "
        "cannot set it up. Ask the server's administrator to run the SQL that infcrm "
        f"server-setup --database {database} --user {user} prints (it lets the team's users "
        "create and share the tables), then try again."
    )


def may_not_use_tables(url: URL, owner: str, owner_is_admin: bool) -> str:
    """The sentence for a sign-in that reaches the database but may not read infcrm's tables:
    not made one of the team, or the tables were made by another sign-in. `owner` owns them."""
    user, database = url.username or "NAME", url.database or ""
    said = f"“{user}” may not use infcrm's tables in the database “{database}”: "
    if owner_is_admin:
        # Letting a person act as a superuser would hand them the whole server.
        return said + (
            f"they belong to “{owner}”, the server's administrator, because they were made "
            "signed in as that account. Make a new database with the SQL that infcrm "
            f"server-setup --database NAME --user {user} prints, and move the data into it "
            "signed in as one of the team (infcrm copy)."
        )
    group = "" if owner == f"{database}_team" else f" --group {owner}"
    return said + (
        f"they belong to “{owner}”, and “{user}” does not act as that role there. Ask the "
        f"server's administrator to run the SQL that infcrm server-setup --database {database} "
        f"--user {user}{group} prints (it makes “{user}” one of the team), then try again."
    )


def explain(said: str, url: URL, *, in_dialog: bool = False) -> str:
    """The message for a connection to `url` that failed with libpq's text `said`;
    `in_dialog` when it is shown in the Connect dialog, whose fields it then points to."""
    shown = location.display_url(url)
    advice = _advice(said, url, in_dialog)
    if advice:
        return f"infcrm could not open {shown}. {advice}"
    # The server's words, on one line and without libpq's prefixes.
    words = " ".join(said.split()).replace("FATAL: ", "").rstrip(".?")
    return (
        f"infcrm could not open {shown}: {words}. Check the server's address, that it is "
        "running, and your user name and password (your system's keyring, PGPASSWORD or "
        "~/.pgpass)."
    )


__all__ = ["explain", "may_not_create_tables", "may_not_use_tables"]

"""Which account a row names, and how an account is written for people."""

from __future__ import annotations

from infcrm.domain.enums import Platform


def account_key(platform: str, handle: str | None, label: str | None = None) -> tuple[str, str]:
    """Which account this is: its handle, or for one known only by its name, that name.

    Two accounts without a handle are the same only when their names are (ignoring case and
    spacing: a second list's “omar  haddad” is Omar Haddad's account).
    """
    if handle:
        return (platform, handle)
    return (platform, "\0" + " ".join((label or "").split()).casefold())


def shown_account(platform: str | None, handle: str | None, label: str | None = None) -> str:
    """An account as people read it: “@name”, a blog's link as it is, or the account's name."""
    if handle:
        return handle if platform == Platform.OTHER.value else f"@{handle}"
    return label or ""

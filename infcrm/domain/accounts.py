"""Which account a row names, and how an account is written for people."""

from __future__ import annotations

from infcrm.domain.enums import Platform


def account_key(
    platform: str, handle: str | None, label: str | None = None, url: str | None = None
) -> tuple[str, str]:
    """Which account this is: its handle; for one without a handle, its link when it has one
    (a YouTube channel's old link by its name), else the name it is known by.

    Two accounts without a handle are the same only when their links are (ignoring case:
    youtube.com/c/AnnaBakes is youtube.com/c/annabakes) or, with no link, their names are
    (ignoring case and spacing: a second list's “omar  haddad” is Omar Haddad's account).
    """
    if handle:
        return (platform, handle)
    if url:
        return (platform, "\0\0" + url.casefold())
    return (platform, "\0" + " ".join((label or "").split()).casefold())


def shown_account(platform: str | None, handle: str | None, label: str | None = None) -> str:
    """An account as people read it: “@name”, a blog's link as it is, or the account's name."""
    if handle:
        return handle if platform == Platform.OTHER.value else f"@{handle}"
    return label or ""

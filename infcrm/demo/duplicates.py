"""Demo step: three people who came in twice from different lists, so Find duplicates shows.

The demo keeps its number of people: the last three generated records are rewritten as
another list's copy of the first three — one with the same email in other capitals (likely),
one with the same handle on another network (likely), one with only the name (possible).
"""

from __future__ import annotations

import random
import unicodedata

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from infcrm.db.models import Influencer, SocialAccount
from infcrm.demo import generate as demo
from infcrm.domain.enums import FoundVia, Platform
from infcrm.domain.handles import normalise_handle, profile_url

# Smaller demos (the tests' 60 people) stay free of duplicates, so an export of them imports
# back whole; the default demo of 300 shows the feature.
_MIN_PEOPLE = 100


def _as_typed_elsewhere(name: str) -> str:
    """The name without its accents, or in lower case when it has none: as another list had it."""
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
    )
    return plain if plain != name else name.lower()


def _valid(platform: Platform, handle: str) -> bool:
    """Whether `handle` is written as `platform` writes handles (the demo passes its own rules)."""
    try:
        return normalise_handle(platform, handle) == handle
    except ValueError:
        return False


def _rewrite(session: Session, copy_id: int, values: dict) -> None:
    session.execute(delete(SocialAccount).where(SocialAccount.influencer_id == copy_id))
    session.execute(
        update(Influencer)
        .where(Influencer.id == copy_id)
        .values(found_via=FoundVia.IMPORTED.value, real_name=None, other_emails=None, **values)
    )


def add_near_duplicates(session: Session, _rng: random.Random, ids: list[int]) -> None:
    """Turn the last three people into second records of the first three."""
    if len(ids) < _MIN_PEOPLE:
        return
    originals = {
        row.id: row
        for row in session.execute(
            select(Influencer.id, Influencer.display_name, Influencer.email).where(
                Influencer.id.in_(ids[:3])
            )
        )
    }
    by_email, by_handle, by_name = (originals[i] for i in ids[:3])
    copies = ids[-3:]
    _rewrite(
        session,
        copies[0],
        {
            "display_name": by_email.display_name.split(" ")[0],
            # Typed in capitals, stored as the form stores it: the domain in small letters.
            "email": _shouted(by_email.email or "hello@example.com"),
        },
    )
    if by_email.email is None:
        session.execute(
            update(Influencer).where(Influencer.id == by_email.id).values(email="hello@example.com")
        )
    accounts = session.execute(
        select(SocialAccount.platform, SocialAccount.handle).where(
            SocialAccount.influencer_id == by_handle.id,
            SocialAccount.platform != Platform.OTHER.value,  # a blog's "handle" is its link
        )
    ).all()
    taken = {a.platform for a in accounts}
    free = [
        (p, a.handle)
        for a in accounts
        for p in (Platform.THREADS, Platform.FACEBOOK, Platform.TWITCH)
        if p.value not in taken
        and _valid(p, a.handle)
        and session.execute(
            select(SocialAccount.id).where(
                SocialAccount.platform == p.value, SocialAccount.handle == a.handle
            )
        ).first()
        is None
    ]
    _rewrite(session, copies[1], {"display_name": by_handle.display_name, "email": None})
    if free:
        platform, handle = free[0]
        session.execute(
            insert(SocialAccount).values(
                influencer_id=copies[1],
                platform=platform.value,
                handle=handle,
                url=profile_url(platform, handle),
                is_primary=True,
            )
        )
    _rewrite(
        session,
        copies[2],
        {"display_name": _as_typed_elsewhere(by_name.display_name), "email": None},
    )


demo.EXTRA_STEPS.append(add_near_duplicates)


def _shouted(address: str) -> str:
    """`address` with the part before the “@” in capitals, as someone may type it."""
    local, _at, domain = address.rpartition("@")
    return f"{local.upper()}@{domain}"

"""The evidence that two people are one: each kind is one GROUP BY over a normalised key.

Email lower-cased, a blog's link without scheme, `www.` or trailing slash, the name with
diacritics folded; the work grows with the number of people, not with its square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations

from sqlalchemy import ColumnElement, Select, func, inspect, or_, select
from sqlalchemy.orm import Session, aliased

from infcrm.db.duplicate_models import NotDuplicate
from infcrm.db.match_keys import folded_email, folded_name, folded_url
from infcrm.db.models import Influencer, SocialAccount
from infcrm.domain.enums import Platform
from infcrm.domain.names import fold_email, fold_name
from infcrm.domain.other_names import split_names
from infcrm.domain.same_email import disagreement, networks_apart

# A name shared by more people than this is too common to suggest anything on its own.
COMMON_NAME_LIMIT = 12
# A handle shorter than this, shared across networks, is too likely a coincidence.
MIN_SHARED_HANDLE = 5
_OTHER = Platform.OTHER.value
# Pairing every member is quadratic; a larger group is linked through its first member.
_PAIR_ALL_LIMIT = 40
CHUNK = 500

Pair = tuple[int, int]


def pair(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)


def platform_label(platform: str) -> str:
    try:
        return Platform(platform).label
    except ValueError:
        return platform


def grouped(rows: Iterable[tuple[object, int]]) -> dict[object, list[int]]:
    """{key: distinct ids} for rows of (key, id), keeping only keys with two or more people."""
    groups: dict[object, list[int]] = defaultdict(list)
    for key, influencer_id in rows:
        if influencer_id not in groups[key]:
            groups[key].append(influencer_id)
    return {key: ids for key, ids in groups.items() if len(ids) > 1}


def active() -> object:
    return Influencer.deleted_at.is_(None)


def email_groups(session: Session) -> dict[object, list[int]]:
    key = folded_email(Influencer.email)
    shared = (
        select(key.label("k"))
        .where(active(), Influencer.email.is_not(None), key != "")
        .group_by(key)
        .having(func.count() > 1)
        .subquery()
    )
    rows = session.execute(
        select(key, Influencer.id).join(shared, shared.c.k == key).where(active())
    ).all()
    groups = grouped(rows)
    _add_other_email_matches(session, groups)
    return groups


def _add_other_email_matches(session: Session, groups: dict[object, list[int]]) -> None:
    """A person's other emails matched against everyone's main email (merges put them there)."""
    others = session.execute(
        select(Influencer.id, Influencer.other_emails).where(
            active(), Influencer.other_emails.is_not(None)
        )
    ).all()
    owners: dict[str, list[int]] = defaultdict(list)
    for influencer_id, text in others:
        for address in {fold_email(a) for a in text.split(",")} - {""}:
            owners[address].append(influencer_id)
    addresses = list(owners)
    key = folded_email(Influencer.email)
    for start in range(0, len(addresses), CHUNK):
        chunk = addresses[start : start + CHUNK]
        for address, influencer_id in session.execute(
            select(key, Influencer.id).where(active(), key.in_(chunk))
        ):
            ids = groups.setdefault(address, [influencer_id])
            for other in [influencer_id, *owners[address]]:
                if other not in ids:
                    ids.append(other)
    for address in [a for a, ids in groups.items() if len(ids) < 2]:
        del groups[address]


def link_groups(session: Session) -> dict[object, list[int]]:
    """Blogs and websites at the same address, however the link was written.

    A social network's link is made from its handle, so the handle check finds those; only
    "Blog / other" accounts, whose handle is the link itself, and accounts kept by a link
    without a handle (a YouTube channel's old link by its name) are grouped by link.
    """
    key = folded_url(SocialAccount.url)
    where = (
        active(),
        # Each read from the (platform, handle) index, not by scanning every account.
        (SocialAccount.platform == Platform.OTHER.value)
        | ((SocialAccount.platform == Platform.YOUTUBE.value) & SocialAccount.handle.is_(None)),
        SocialAccount.url.is_not(None),
    )
    shared = (
        select(key.label("k"))
        .join(Influencer, Influencer.id == SocialAccount.influencer_id)
        .where(*where, key != "")
        .group_by(key)
        .having(func.count(SocialAccount.influencer_id.distinct()) > 1)
        .subquery()
    )
    rows = session.execute(
        select(key, SocialAccount.influencer_id)
        .join(Influencer, Influencer.id == SocialAccount.influencer_id)
        .join(shared, shared.c.k == key)
        .where(*where)
    ).all()
    return grouped(rows)


def handle_groups(session: Session) -> dict[object, list[int]]:
    """The same account twice, its handle written in other capitals or with a typed “@”.

    (platform, handle) is unique, so two people can share an account only when one handle has
    capitals or an “@” (older versions kept it); those few are read first, then their plain
    forms through the unique index, instead of grouping every account.
    """
    odd = session.execute(
        select(SocialAccount.platform, SocialAccount.handle).where(
            (SocialAccount.handle != func.lower(SocialAccount.handle))
            | SocialAccount.handle.startswith("@")
        )
    ).all()
    wanted: dict[str, set[str]] = defaultdict(set)
    for platform, handle in odd:
        wanted[platform].update((handle, handle.lower(), handle.lower().lstrip("@")))
    rows: list[tuple[object, int]] = []
    for platform, handles in wanted.items():
        listed = sorted(handles)
        for start in range(0, len(listed), CHUNK):
            found = session.execute(
                select(SocialAccount.handle, SocialAccount.influencer_id)
                .join(Influencer, Influencer.id == SocialAccount.influencer_id)
                .where(
                    active(),
                    SocialAccount.platform == platform,
                    SocialAccount.handle.in_(listed[start : start + CHUNK]),
                )
            )
            rows += [((platform, handle.lower().lstrip("@")), person) for handle, person in found]
    return grouped(rows)


def _handle_key() -> ColumnElement[str]:
    """A handle as a key: capitals and a typed “@” (older versions kept them) do not count."""
    return func.ltrim(func.lower(SocialAccount.handle), "@")


# The new people of an import are one run of ids (a few after a Forget): their names and
# handles are read through a subquery naming those runs, so only the people who share one
# are grouped. Ids more scattered than this (never an import's), or people who are most of
# the file (a first big import beside a few), group everyone instead: looking their names
# up would cost more than grouping all of them.
_MANY_RUNS = 500


def id_runs(ids: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted ids as (first, last) runs of consecutive ids: 1, 2, 3, 7 → (1, 3), (7, 7)."""
    runs: list[list[int]] = []
    for one in sorted(set(ids)):
        if runs and one == runs[-1][1] + 1:
            runs[-1][1] = one
        else:
            runs.append([one, one])
    return [(first, last) for first, last in runs]


def _one_of(
    session: Session, column: ColumnElement[int], among: Sequence[int]
) -> ColumnElement[bool] | None:
    """`column` is one of `among`, as one condition per run of ids (None: group everyone)."""
    runs = id_runs(among)
    if len(runs) > _MANY_RUNS:
        return None
    if len(among) * 2 > (session.scalar(select(func.count()).select_from(Influencer)) or 0):
        return None
    return or_(*(column == a if a == b else column.between(a, b) for a, b in runs))


def shared_handles(
    session: Session, among: Sequence[int] | None = None
) -> list[tuple[str, str, int, str]]:
    """(handle key, platform, id, name) of every handle that two or more people have,
    on any networks; one GROUP BY over the accounts. With `among`, only the handles at
    least one of those people has."""
    handle = _handle_key()
    if among is not None and not among:
        return []
    if among is not None:
        mine = aliased(SocialAccount)
        if (one_of := _one_of(session, mine.influencer_id, among)) is not None:
            key = func.ltrim(func.lower(mine.handle), "@")
            return _shared_handles_of(session, select(key).where(one_of, mine.handle != ""))
    shared = (
        select(handle.label("k"))
        .join(Influencer, Influencer.id == SocialAccount.influencer_id)
        .where(active(), SocialAccount.handle != "")
        .group_by(handle)
        .having(func.count(SocialAccount.influencer_id.distinct()) > 1)
        .subquery()
    )
    rows = session.execute(
        select(handle, SocialAccount.platform, Influencer.id, Influencer.display_name)
        .join(Influencer, Influencer.id == SocialAccount.influencer_id)
        .join(shared, shared.c.k == handle)
        .where(active())
    ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def _shared_handles_of(session: Session, theirs: Select) -> list[tuple[str, str, int, str]]:
    """`shared_handles` for the handle keys `theirs` selects: one pass over the accounts for
    whoever has one of them, kept where two people or more do."""
    handle = _handle_key()
    rows = session.execute(
        select(handle, SocialAccount.platform, Influencer.id, Influencer.display_name)
        .join(Influencer, Influencer.id == SocialAccount.influencer_id)
        .where(active(), handle.in_(theirs))
    ).all()
    people: dict[str, set[int]] = defaultdict(set)
    for key, _platform, influencer_id, _name in rows:
        people[key].add(influencer_id)
    return [tuple(row) for row in rows if len(people[row[0]]) > 1]  # type: ignore[misc]


def name_and_handle_groups(rows: Iterable[tuple[str, str, int, str]]) -> dict[object, list[int]]:
    """The same name with the same handle, on different networks (`rows`: shared_handles)."""
    platforms: dict[tuple[str, str], set[str]] = defaultdict(set)
    keyed = []
    for key, platform, influencer_id, name in rows:
        name_key = fold_name(name)
        if name_key:
            keyed.append(((name_key, key), influencer_id))
            platforms[(name_key, key)].add(platform)
    groups = grouped(keyed)
    return {key: ids for key, ids in groups.items() if len(platforms[key]) > 1}


def handle_owners(rows: Iterable[tuple[str, str, int, str]]) -> dict[str, dict[int, set[str]]]:
    """{handle: {id: the networks they have it on}} for handles two people have on networks
    that differ (`rows`: shared_handles), whatever their names.

    Short handles (“anar”) and numbers are many people's by chance, and a blog's “handle” is
    its link (the link check's job), so neither is taken.
    """
    owners: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for key, platform, influencer_id, _name in rows:
        if len(key) >= MIN_SHARED_HANDLE and not key.isdigit() and platform != _OTHER:
            owners[key][influencer_id].add(platform)
    return {
        key: dict(people)
        for key, people in owners.items()
        if len(people) > 1 and len(set().union(*people.values())) > 1
    }


def on_other_networks(networks: set[str], other_networks: set[str]) -> bool:
    """Whether one handle's owners have it on two networks at least (on one only, it is the
    same account: the handle check's job)."""
    return len(networks | other_networks) > 1


def name_groups(session: Session, among: Sequence[int] | None = None) -> dict[object, list[int]]:
    """{folded name: ids} of names shared by 2 to COMMON_NAME_LIMIT people not in the trash
    (with `among`, only the names one of those people has)."""
    key = folded_name(Influencer.display_name)
    where = [active()]
    if among is not None:
        if not among:
            return {}
        mine = aliased(Influencer)
        if (one_of := _one_of(session, mine.id, among)) is not None:
            # Everyone's name is still folded (no index holds the folded form), but only
            # those of the new people's names are counted, not every name sorted.
            theirs = folded_name(mine.display_name)
            where.append(key.in_(select(theirs).where(one_of, theirs != "")))
    keyed = select(key.label("k"), Influencer.id.label("id")).where(*where).subquery()
    counted = select(
        keyed.c.k, keyed.c.id, func.count().over(partition_by=keyed.c.k).label("n")
    ).subquery()
    rows = session.execute(
        select(counted.c.k, counted.c.id).where(
            counted.c.k != "", counted.c.n.between(2, COMMON_NAME_LIMIT)
        )
    ).all()
    groups = grouped(rows)
    _add_other_name_matches(session, groups, among)
    return groups


def _add_other_name_matches(
    session: Session, groups: dict[object, list[int]], among: Sequence[int] | None
) -> None:
    """A person's other names (a merge keeps the name merged away) matched against
    everyone's name, as for their own name; with `among`, only pairs holding one of them."""
    owners: dict[str, list[int]] = defaultdict(list)
    for influencer_id, text in session.execute(
        select(Influencer.id, Influencer.other_names).where(
            active(), Influencer.other_names.is_not(None)
        )
    ):
        for name in {fold_name(n) for n in split_names(text)} - {""}:
            owners[name].append(influencer_id)
    names, key, wanted = list(owners), folded_name(Influencer.display_name), set(among or ())
    for start in range(0, len(names), CHUNK):
        holders = grouped(
            [(name, i) for name, i in session.execute(
                select(key, Influencer.id).where(active(), key.in_(names[start : start + CHUNK]))
            )] + [(name, i) for name in names[start : start + CHUNK] for i in owners[name]]
        )  # fmt: skip
        for name, ids in holders.items():
            if len(ids) > COMMON_NAME_LIMIT or (among is not None and not wanted & set(ids)):
                continue
            kept = groups.setdefault(name, [])
            kept.extend(i for i in ids if i not in kept)


def evidence_of(session: Session, ids: Sequence[int]) -> dict[int, tuple[set, dict, str]]:
    """{id: (emails, {platform: handles}, name)}: what could show two people differ."""
    facts: dict[int, tuple[set, dict, str]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        for influencer_id, email, other, name in session.execute(
            select(
                Influencer.id, Influencer.email, Influencer.other_emails, Influencer.display_name
            ).where(Influencer.id.in_(chunk))
        ):
            addresses = [email or "", *(other or "").split(",")]
            facts[influencer_id] = (
                {fold_email(a) for a in addresses} - {""},
                defaultdict(set),
                name,
            )
        for influencer_id, platform, handle in session.execute(
            select(SocialAccount.influencer_id, SocialAccount.platform, SocialAccount.handle).where(
                SocialAccount.influencer_id.in_(chunk), SocialAccount.handle != ""
            )
        ):
            facts[influencer_id][1][platform].add(handle.lower())
    return facts


def email_disagreement(a: tuple[set, dict, str], b: tuple[set, dict, str]) -> str:
    """What two people with one email disagree on, by the import's rule ("" when nothing:
    then they are likely one person; see domain/same_email.py)."""
    keys = [(platform, handle) for platform, handles in a[1].items() for handle in handles]
    other = [(platform, handle) for platform, handles in b[1].items() for handle in handles]
    return disagreement(a[2], b[2], networks_apart(keys, other))


def emails_differ(a: tuple, b: tuple) -> bool:
    """Both have emails and none is shared."""
    return bool(a[0] and b[0] and not a[0] & b[0])


def conflict(a: tuple, b: tuple) -> bool:
    """Both have emails and none is shared, or both have accounts on a network, none shared."""
    return emails_differ(a, b) or accounts_differ(a, b)


def accounts_differ(a: tuple, b: tuple) -> bool:
    """Both have accounts on a network and none of them is shared."""
    return any(
        a[1][platform] and b[1][platform] and not a[1][platform] & b[1][platform]
        for platform in set(a[1]) & set(b[1])
    )


def pairs_of(ids: list[int]) -> list[Pair]:
    """The pairs to compare in a group (every pair, or each with the first of a big group)."""
    if len(ids) <= _PAIR_ALL_LIMIT:
        return [pair(a, b) for a, b in combinations(ids, 2)]
    return [pair(ids[0], other) for other in ids[1:]]


def dismissed_pairs(session: Session) -> set[Pair]:
    """The pairs marked “not a duplicate”, lower id first."""
    # A file older than the table (read without upgrading it) has no dismissed pairs yet.
    if not inspect(session.connection()).has_table(NotDuplicate.__tablename__):
        return set()
    return {
        (a, b)
        for a, b in session.execute(select(NotDuplicate.influencer_id, NotDuplicate.other_id))
    }

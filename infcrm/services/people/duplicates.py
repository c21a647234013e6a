"""Finding people who are probably (or possibly) one person, and remembering “not a duplicate”.

Every kind of evidence is one GROUP BY over a normalised key, so the work grows with the number
of people, not with its square; only the small groups found are paired up in Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations

from sqlalchemy import delete, func, inspect, select
from sqlalchemy.orm import Session

from infcrm.db.duplicate_models import NotDuplicate
from infcrm.db.engine import Database
from infcrm.db.match_keys import folded_email, folded_name, folded_url
from infcrm.db.models import Influencer, SocialAccount
from infcrm.domain.enums import Platform
from infcrm.domain.names import fold_email, fold_name
from infcrm.services.people.duplicate_types import (
    DuplicateGroup,
    DuplicateMember,
    DuplicateReason,
    MatchKind,
)

# A name shared by more people than this is too common to suggest anything on its own.
COMMON_NAME_LIMIT = 12
# Pairing every member is quadratic; a larger group is linked through its first member.
_PAIR_ALL_LIMIT = 40
_CHUNK = 500

Pair = tuple[int, int]


def _pair(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)


def _platform_label(platform: str) -> str:
    try:
        return Platform(platform).label
    except ValueError:
        return platform


def _grouped(rows: Iterable[tuple[object, int]]) -> dict[object, list[int]]:
    """{key: distinct ids} for rows of (key, id), keeping only keys with two or more people."""
    groups: dict[object, list[int]] = defaultdict(list)
    for key, influencer_id in rows:
        if influencer_id not in groups[key]:
            groups[key].append(influencer_id)
    return {key: ids for key, ids in groups.items() if len(ids) > 1}


def _active() -> object:
    return Influencer.deleted_at.is_(None)


def _email_groups(session: Session) -> dict[object, list[int]]:
    key = folded_email(Influencer.email)
    shared = (
        select(key.label("k"))
        .where(_active(), Influencer.email.is_not(None), key != "")
        .group_by(key)
        .having(func.count() > 1)
        .subquery()
    )
    rows = session.execute(
        select(key, Influencer.id).join(shared, shared.c.k == key).where(_active())
    ).all()
    groups = _grouped(rows)
    _add_other_email_matches(session, groups)
    return groups


def _add_other_email_matches(session: Session, groups: dict[object, list[int]]) -> None:
    """A person's other e-mails matched against everyone's main e-mail (merges put them there)."""
    others = session.execute(
        select(Influencer.id, Influencer.other_emails).where(
            _active(), Influencer.other_emails.is_not(None)
        )
    ).all()
    owners: dict[str, list[int]] = defaultdict(list)
    for influencer_id, text in others:
        for address in {fold_email(a) for a in text.split(",")} - {""}:
            owners[address].append(influencer_id)
    addresses = list(owners)
    key = folded_email(Influencer.email)
    for start in range(0, len(addresses), _CHUNK):
        chunk = addresses[start : start + _CHUNK]
        for address, influencer_id in session.execute(
            select(key, Influencer.id).where(_active(), key.in_(chunk))
        ):
            ids = groups.setdefault(address, [influencer_id])
            for other in [influencer_id, *owners[address]]:
                if other not in ids:
                    ids.append(other)
    for address in [a for a, ids in groups.items() if len(ids) < 2]:
        del groups[address]


def _link_groups(session: Session) -> dict[object, list[int]]:
    """Blogs and websites at the same address, however the link was written.

    A social network's link is made from its handle, so the handle check finds those; only
    "Blog / other" accounts, whose handle is the link itself, are grouped by link.
    """
    key = folded_url(SocialAccount.url)
    where = (
        _active(),
        SocialAccount.platform == Platform.OTHER.value,
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
    return _grouped(rows)


def _handle_groups(session: Session) -> dict[object, list[int]]:
    """The same account twice, its handle written in other capitals.

    (platform, handle) is unique, so two people can share an account only when one handle has
    capitals; those few are read first, then their lower-case forms through the unique index,
    instead of grouping every account.
    """
    odd = session.execute(
        select(SocialAccount.platform, SocialAccount.handle).where(
            SocialAccount.handle != func.lower(SocialAccount.handle)
        )
    ).all()
    wanted: dict[str, set[str]] = defaultdict(set)
    for platform, handle in odd:
        wanted[platform].update((handle, handle.lower()))
    rows: list[tuple[object, int]] = []
    for platform, handles in wanted.items():
        listed = sorted(handles)
        for start in range(0, len(listed), _CHUNK):
            found = session.execute(
                select(SocialAccount.handle, SocialAccount.influencer_id)
                .join(Influencer, Influencer.id == SocialAccount.influencer_id)
                .where(
                    _active(),
                    SocialAccount.platform == platform,
                    SocialAccount.handle.in_(listed[start : start + _CHUNK]),
                )
            )
            rows += [((platform, handle.lower()), person) for handle, person in found]
    return _grouped(rows)


def _name_and_handle_groups(session: Session) -> dict[object, list[int]]:
    """The same name with the same handle, on different networks."""
    handle = func.lower(SocialAccount.handle)
    shared = (
        select(handle.label("k"))
        .join(Influencer, Influencer.id == SocialAccount.influencer_id)
        .where(_active(), SocialAccount.handle != "")
        .group_by(handle)
        .having(func.count(SocialAccount.influencer_id.distinct()) > 1)
        .subquery()
    )
    rows = session.execute(
        select(handle, SocialAccount.platform, Influencer.id, Influencer.display_name)
        .join(Influencer, Influencer.id == SocialAccount.influencer_id)
        .join(shared, shared.c.k == handle)
        .where(_active())
    ).all()
    platforms: dict[tuple[str, str], set[str]] = defaultdict(set)
    keyed = []
    for key, platform, influencer_id, name in rows:
        name_key = fold_name(name)
        if name_key:
            keyed.append(((name_key, key), influencer_id))
            platforms[(name_key, key)].add(platform)
    groups = _grouped(keyed)
    return {key: ids for key, ids in groups.items() if len(platforms[key]) > 1}


def name_groups(session: Session) -> dict[object, list[int]]:
    """{folded name: ids} of names shared by 2 to COMMON_NAME_LIMIT people not in the trash."""
    key = folded_name(Influencer.display_name)
    keyed = select(key.label("k"), Influencer.id.label("id")).where(_active()).subquery()
    counted = select(
        keyed.c.k, keyed.c.id, func.count().over(partition_by=keyed.c.k).label("n")
    ).subquery()
    rows = session.execute(
        select(counted.c.k, counted.c.id).where(
            counted.c.k != "", counted.c.n.between(2, COMMON_NAME_LIMIT)
        )
    ).all()
    return _grouped(rows)


def evidence_of(session: Session, ids: Sequence[int]) -> dict[int, tuple[set, dict]]:
    """{id: (e-mails, {platform: handles})}: what could show two same-named people differ."""
    facts: dict[int, tuple[set, dict]] = {i: (set(), defaultdict(set)) for i in ids}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        for influencer_id, email, other in session.execute(
            select(Influencer.id, Influencer.email, Influencer.other_emails).where(
                Influencer.id.in_(chunk)
            )
        ):
            addresses = [email or "", *(other or "").split(",")]
            facts[influencer_id][0].update({fold_email(a) for a in addresses} - {""})
        for influencer_id, platform, handle in session.execute(
            select(SocialAccount.influencer_id, SocialAccount.platform, SocialAccount.handle).where(
                SocialAccount.influencer_id.in_(chunk), SocialAccount.handle != ""
            )
        ):
            facts[influencer_id][1][platform].add(handle.lower())
    return facts


def _emails_differ(a: tuple[set, dict], b: tuple[set, dict]) -> bool:
    """Both have e-mails and none is shared."""
    return bool(a[0] and b[0] and not a[0] & b[0])


def conflict(a: tuple[set, dict], b: tuple[set, dict]) -> bool:
    """Both have e-mails and none is shared, or both have accounts on a network, none shared."""
    if _emails_differ(a, b):
        return True
    return any(
        a[1][platform] and b[1][platform] and not a[1][platform] & b[1][platform]
        for platform in set(a[1]) & set(b[1])
    )


def pairs_of(ids: list[int]) -> list[Pair]:
    """The pairs to compare in a group (every pair, or each with the first of a big group)."""
    if len(ids) <= _PAIR_ALL_LIMIT:
        return [_pair(a, b) for a, b in combinations(ids, 2)]
    return [_pair(ids[0], other) for other in ids[1:]]


def dismissed_pairs(session: Session) -> set[Pair]:
    """The pairs marked “not a duplicate”, lower id first."""
    # A file older than the table (read without upgrading it) has no dismissed pairs yet.
    if not inspect(session.connection()).has_table(NotDuplicate.__tablename__):
        return set()
    return {
        (a, b)
        for a, b in session.execute(select(NotDuplicate.influencer_id, NotDuplicate.other_id))
    }


def _reason_text(kind: MatchKind, key: object) -> str:
    if kind is MatchKind.EMAIL:
        return f"Same e-mail: {key}"
    if kind is MatchKind.HANDLE:
        platform, handle = key  # type: ignore[misc]
        return f"Same {_platform_label(platform)} account: @{handle}"
    if kind is MatchKind.PROFILE_LINK:
        return f"Same profile link: {key}"
    if kind is MatchKind.NAME_AND_HANDLE:
        _name, handle = key  # type: ignore[misc]
        return f"Same name and the handle @{handle} on another network"
    return "Same name, nothing that disagrees (possible)"


def _evidence(session: Session) -> list[tuple[MatchKind, str, list[Pair]]]:
    """Every piece of evidence as (kind, sentence, pairs), dismissed pairs left out."""
    found: list[tuple[MatchKind, str, list[Pair]]] = []
    sources = (
        (MatchKind.EMAIL, _email_groups(session)),
        (MatchKind.HANDLE, _handle_groups(session)),
        (MatchKind.PROFILE_LINK, _link_groups(session)),
    )
    for kind, groups in sources:
        for key, ids in groups.items():
            found.append((kind, _reason_text(kind, key), pairs_of(ids)))
    linked = {pair for _kind, _text, pairs in found for pair in pairs}
    named = _name_and_handle_groups(session)
    names = name_groups(session)
    facts = evidence_of(
        session, sorted({i for ids in [*named.values(), *names.values()] for i in ids})
    )
    for key, ids in named.items():
        pairs = [p for p in pairs_of(ids) if p not in linked]
        # Different e-mails make a shared name and handle less than certain.
        differ = [p for p in pairs if _emails_differ(facts[p[0]], facts[p[1]])]
        agree = [p for p in pairs if p not in differ]
        text = _reason_text(MatchKind.NAME_AND_HANDLE, key)
        if agree:
            found.append((MatchKind.NAME_AND_HANDLE, text, agree))
        if differ:
            found.append((MatchKind.NAME, f"{text}, but different e-mails (possible)", differ))
        linked.update(pairs)
    for ids in names.values():
        pairs = [
            pair
            for pair in pairs_of(ids)
            if pair not in linked and not conflict(facts[pair[0]], facts[pair[1]])
        ]
        if pairs:
            found.append((MatchKind.NAME, _reason_text(MatchKind.NAME, None), pairs))
    dismissed = dismissed_pairs(session)
    return [
        (kind, text, kept)
        for kind, text, pairs in found
        if (kept := [p for p in pairs if p not in dismissed])
    ]


def _components(pairs: Iterable[Pair]) -> list[list[int]]:
    """People linked directly or through others, each group's ids sorted."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for node in list(parent):
        groups[root(node)].append(node)
    return [sorted(ids) for ids in groups.values()]


def _members(session: Session, ids: Sequence[int]) -> dict[int, DuplicateMember]:
    members: dict[int, DuplicateMember] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = session.execute(
            select(
                Influencer.id,
                Influencer.display_name,
                Influencer.email,
                Influencer.main_platform,
                Influencer.main_handle,
                Influencer.main_followers,
                Influencer.country,
            ).where(Influencer.id.in_(list(ids[start : start + _CHUNK])))
        )
        for row in rows:
            members[row.id] = DuplicateMember(*row)
    return members


def find_groups(db: Database) -> list[DuplicateGroup]:
    """Groups of people who look like one person, the likely ones first, each with its reasons."""
    with db.reader() as session:
        evidence = _evidence(session)
        components = _components(pair for _k, _t, pairs in evidence for pair in pairs)
        group_of = {i: n for n, ids in enumerate(components) for i in ids}
        reasons: dict[int, list[DuplicateReason]] = defaultdict(list)
        for kind, text, pairs in evidence:
            ids = tuple(sorted({i for pair in pairs for i in pair}))
            reasons[group_of[ids[0]]].append(DuplicateReason(kind, text, ids))
        members = _members(session, sorted(group_of))
    groups = [
        DuplicateGroup(
            members=tuple(members[i] for i in ids),
            reasons=tuple(sorted(reasons[n], key=lambda r: (not r.certain, r.text))),
        )
        for n, ids in enumerate(components)
    ]
    groups.sort(key=lambda g: (not g.certain, fold_name(g.members[0].display_name), g.ids))
    return groups


def mark_not_duplicate(db: Database, influencer_id: int, other_id: int) -> bool:
    """Remember that two people are different; False if it was already remembered."""
    low, high = _pair(influencer_id, other_id)
    if low == high:
        raise ValueError("A person cannot be a duplicate of themselves.")
    with db.transaction() as session:
        if session.get(NotDuplicate, (low, high)) is not None:
            return False
        session.add(NotDuplicate(influencer_id=low, other_id=high))
        return True


def unmark_not_duplicate(db: Database, influencer_id: int, other_id: int) -> bool:
    """Forget a “not a duplicate” answer (its undo); False if there was none."""
    low, high = _pair(influencer_id, other_id)
    with db.transaction() as session:
        result = session.execute(
            delete(NotDuplicate).where(
                NotDuplicate.influencer_id == low, NotDuplicate.other_id == high
            )
        )
        return result.rowcount == 1


__all__ = [
    "COMMON_NAME_LIMIT",
    "find_groups",
    "mark_not_duplicate",
    "unmark_not_duplicate",
]

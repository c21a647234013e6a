"""Finding people who are probably (or possibly) one person, and remembering “not a duplicate”.

Every kind of evidence is one GROUP BY over a normalised key, so the work grows with the number
of people, not with its square; only the small groups found are paired up in Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from infcrm.db.duplicate_models import NotDuplicate
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.db.stoppable import Interrupted, stoppable
from infcrm.domain.names import fold_name
from infcrm.services.people.duplicate_evidence import (
    CHUNK,
    COMMON_NAME_LIMIT,
    Pair,
    accounts_differ,
    conflict,
    dismissed_pairs,
    email_disagreement,
    email_groups,
    emails_differ,
    evidence_of,
    handle_groups,
    handle_owners,
    link_groups,
    name_and_handle_groups,
    name_groups,
    on_other_networks,
    pair,
    pairs_of,
    platform_label,
    shared_handles,
)
from infcrm.services.people.duplicate_types import (
    DuplicateGroup,
    DuplicateMember,
    DuplicateReason,
    MatchKind,
)
from infcrm.services.progress import Cancelled, Progress, stop_asked


def _reason_text(kind: MatchKind, key: object) -> str:
    if kind is MatchKind.EMAIL:
        return f"Same email: {key}"
    if kind is MatchKind.HANDLE:
        platform, handle = key  # type: ignore[misc]
        return f"Same {platform_label(platform)} account: @{handle}"
    if kind is MatchKind.PROFILE_LINK:
        return f"Same profile link: {key}"
    if kind is MatchKind.NAME_AND_HANDLE:
        _name, handle = key  # type: ignore[misc]
        return f"Same name and the handle @{handle} on another network"
    if kind is MatchKind.SHARED_HANDLE:
        handle, platforms = key  # type: ignore[misc]
        labels = sorted((platform_label(p) for p in platforms), key=str.casefold)
        listed = " and ".join([", ".join(labels[:-1]), labels[-1]])
        return f"Same handle @{handle} on {listed}"
    return "Same name, nothing that tells them apart (possible)"


# The steps a search says it is at (each a read of everyone, a fraction of a second to a
# second at 100,000 people): between them it stops when told to.
_STEPS = 8


def _step(progress: Progress | None, done: int, text: str) -> None:
    """Say which step the search is at; raises Cancelled when it was told to stop."""
    if progress is not None:
        progress.report(done, _STEPS, text)


def _evidence(
    session: Session, progress: Progress | None = None
) -> list[tuple[MatchKind, str, list[Pair]]]:
    """Every piece of evidence as (kind, sentence, pairs), dismissed pairs left out."""
    found: list[tuple[MatchKind, str, list[Pair]]] = []
    _step(progress, 0, "Comparing emails…")
    emails = email_groups(session)
    _step(progress, 1, "Comparing accounts…")
    by_handle = handle_groups(session)
    _step(progress, 2, "Comparing profile links…")
    sources = (
        (MatchKind.EMAIL, emails),
        (MatchKind.HANDLE, by_handle),
        (MatchKind.PROFILE_LINK, link_groups(session)),
    )
    _step(progress, 3, "Comparing handles across networks…")
    handles = shared_handles(session)
    named = name_and_handle_groups(handles)
    owners = handle_owners(handles)
    _step(progress, 4, "Comparing names…")
    names = name_groups(session)
    groups_read = [*emails.values(), *named.values(), *owners.values(), *names.values()]
    _step(progress, 5, "Reading what the people found have…")
    facts = evidence_of(session, sorted({i for ids in groups_read for i in ids}))
    linked: set[Pair] = set()
    for kind, groups in sources:
        for key, ids in groups.items():
            text, pairs = _reason_text(kind, key), pairs_of(ids)
            linked.update(pairs)
            if kind is MatchKind.EMAIL:
                # The import's rule: one email is one person unless names or accounts differ.
                apart = {p: email_disagreement(facts[p[0]], facts[p[1]]) for p in pairs}
                for why in sorted(set(apart.values())):
                    shared = [p for p in pairs if apart[p] == why]
                    if why:
                        found.append((MatchKind.NAME, f"{text}, but {why} (possible)", shared))
                    else:
                        found.append((kind, text, shared))
            else:
                found.append((kind, text, pairs))
    for key, ids in named.items():
        pairs = [p for p in pairs_of(ids) if p not in linked]
        # Different emails make a shared name and handle less than certain.
        differ = [p for p in pairs if emails_differ(facts[p[0]], facts[p[1]])]
        agree = [p for p in pairs if p not in differ]
        text = _reason_text(MatchKind.NAME_AND_HANDLE, key)
        if agree:
            found.append((MatchKind.NAME_AND_HANDLE, text, agree))
        if differ:
            found.append((MatchKind.NAME, f"{text}, but different emails (possible)", differ))
        linked.update(pairs)
    for handle, people in owners.items():
        # Under other names: possible only, and not when an account on one network disagrees.
        # Other emails are said, not held against them: the same creator often comes once
        # with a private and once with a work address from two lists.
        pairs = [
            (a, b)
            for a, b in pairs_of(sorted(people))
            if (a, b) not in linked
            and on_other_networks(people[a], people[b])
            and not accounts_differ(facts[a], facts[b])
        ]
        differ = [p for p in pairs if emails_differ(facts[p[0]], facts[p[1]])]
        for shared, but in (
            (differ, ", but different emails"),
            ([p for p in pairs if p not in differ], ""),
        ):
            if shared:
                networks = set().union(*(people[i] for p in shared for i in p))
                text = _reason_text(MatchKind.SHARED_HANDLE, (handle, networks))
                found.append((MatchKind.SHARED_HANDLE, f"{text}{but} (possible)", shared))
        linked.update(pairs)
    for ids in names.values():
        pairs = [
            pair
            for pair in pairs_of(ids)
            if pair not in linked and not conflict(facts[pair[0]], facts[pair[1]])
        ]
        if pairs:
            found.append((MatchKind.NAME, _reason_text(MatchKind.NAME, None), pairs))
    _step(progress, 6, "Leaving out pairs marked “not a duplicate”…")
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
    for start in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(
                Influencer.id,
                Influencer.display_name,
                Influencer.email,
                Influencer.main_platform,
                Influencer.main_handle,
                Influencer.main_followers,
                Influencer.country,
            ).where(Influencer.id.in_(list(ids[start : start + CHUNK])))
        )
        for row in rows:
            members[row.id] = DuplicateMember(*row)
    return members


def find_groups(db: Database, progress: Progress | None = None) -> list[DuplicateGroup]:
    """Groups of people who look like one person, the likely ones first, each with its reasons.

    `progress` hears of each step, and stops the search (Cancelled) when told to: a window
    closed while it looks reads no further, and the read under way is cut short."""
    with db.reader() as session:
        if progress is None:
            return _groups(session, None)
        try:
            with stoppable(session, lambda: stop_asked(progress)):
                return _groups(session, progress)
        except Interrupted:
            raise Cancelled() from None


def _groups(session: Session, progress: Progress | None) -> list[DuplicateGroup]:
    """`find_groups` on an open session."""
    evidence = _evidence(session, progress)
    components = _components(pair for _k, _t, pairs in evidence for pair in pairs)
    group_of = {i: n for n, ids in enumerate(components) for i in ids}
    reasons: dict[int, list[DuplicateReason]] = defaultdict(list)
    for kind, text, pairs in evidence:
        # One piece of evidence can link people in several groups (four of one name, two
        # and two who disagree): each group gets it, naming only its own people.
        shared: dict[int, set[int]] = defaultdict(set)
        for a, b in pairs:
            shared[group_of[a]].update((a, b))
        for number, ids in shared.items():
            reasons[number].append(DuplicateReason(kind, text, tuple(sorted(ids))))
    _step(progress, 7, "Reading the people found…")
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


def members(db: Database, ids: Sequence[int]) -> dict[int, DuplicateMember]:
    """The people `ids` as they are now (a teammate may have renamed one); gone ones left out."""
    with db.reader() as session:
        return _members(session, list(ids))


def mark_not_duplicate(db: Database, influencer_id: int, other_id: int) -> bool:
    """Remember that two people are different; False if it was already remembered."""
    low, high = pair(influencer_id, other_id)
    if low == high:
        raise ValueError("A person cannot be a duplicate of themselves.")
    with db.transaction() as session:
        if session.get(NotDuplicate, (low, high)) is not None:
            return False
        session.add(NotDuplicate(influencer_id=low, other_id=high))
        return True


def unmark_not_duplicate(db: Database, influencer_id: int, other_id: int) -> bool:
    """Forget a “not a duplicate” answer (its undo); False if there was none."""
    low, high = pair(influencer_id, other_id)
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

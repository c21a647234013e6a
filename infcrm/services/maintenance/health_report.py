"""What a health check found, the same for a database file and a server's database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from infcrm.db import schema
from infcrm.domain.agreement_seal import text_hash


@dataclass(frozen=True)
class HealthReport:
    """What a health check found: sound or not, the problems, schema revision and counts."""

    path: Path | str  # the file, or a server database's address (never with its password)
    ok: bool
    problems: tuple[str, ...]
    schema_revision: str | None
    counts: dict[str, int] = field(default_factory=dict)  # rows per table
    in_trash: int = 0
    full: bool = False  # integrity_check (every index against its table) or quick_check
    seconds: float = 0.0
    # Sent agreements whose text no longer matches the SHA-256 recorded when sent (full only).
    changed_agreements: tuple[str, ...] = ()
    sent_agreements: int = 0
    # What the check could not look at, and why (a server without amcheck, say).
    notes: tuple[str, ...] = ()

    @property
    def influencers(self) -> int:
        """Influencers not in the trash."""
        return self.counts.get("influencer", 0) - self.in_trash

    @property
    def up_to_date(self) -> bool:
        """Whether the schema is the newest this version of infcrm knows."""
        return self.schema_revision == schema.head_revision()


def sent_agreements_checked(rows: Callable[[str], list[tuple]]) -> tuple[int, list[str]]:
    """How many agreements were sent, and those whose text differs from its recorded hash;
    `rows` runs a statement (written alike for SQLite and PostgreSQL) and returns its rows."""
    sent = rows(
        "SELECT a.id, a.version, a.subject, a.body, a.text_sha256, i.display_name, c.name "
        "FROM agreement a JOIN deal d ON d.id = a.deal_id "
        "JOIN influencer i ON i.id = d.influencer_id JOIN campaign c ON c.id = d.campaign_id "
        "WHERE a.sent_at IS NOT NULL ORDER BY a.id"
    )
    changed = [
        f"version {version} of {person}’s agreement in “{campaign}” (agreement {agreement_id})"
        for agreement_id, version, subject, body, sha, person, campaign in sent
        if text_hash(subject, body) != sha
    ]
    return len(sent), changed


__all__ = ["HealthReport", "sent_agreements_checked"]

"""Logging a saved email (.eml file) in an influencer's history, and finding who it is about.

Reading the file belongs here (the `email` package, through eml_reader); saving it is a
service call, so the services never depend on file formats.
"""

from __future__ import annotations

from datetime import date

from infcrm.db.engine import Database
from infcrm.domain.enums import Direction
from infcrm.files.eml_reader import EmailRejected, ParsedEmail, parse_email
from infcrm.services.outreach import interactions
from infcrm.services.outreach.outreach_types import EmailFields


def email_fields(parsed: ParsedEmail) -> EmailFields:
    """The parts of a parsed email the services keep."""
    return EmailFields(
        sender=parsed.sender,
        recipients=parsed.recipients,
        when=parsed.date,
        subject=parsed.subject,
        body=parsed.body,
        attachments=parsed.attachments,
    )


def log_email(
    db: Database,
    influencer_id: int,
    raw_bytes: bytes,
    *,
    direction: Direction | str | None = None,
    follow_up_due: date | None = None,
    follow_up_note: str | None = None,
) -> int:
    """Log a saved email (.eml bytes) as an email interaction, keeping the file verbatim.

    The direction is inbound when the sender is one of the influencer's addresses, else
    outbound, unless given. Raises EmailRejected (a ValueError) for a file that is not an email;
    nothing is logged then.
    """
    parsed = parse_email(raw_bytes)
    return interactions.log_parsed_email(
        db,
        influencer_id,
        email_fields(parsed),
        raw_bytes,
        direction=direction,
        follow_up_due=follow_up_due,
        follow_up_note=follow_up_note,
    )


def match_influencers(db: Database, parsed: ParsedEmail) -> list[int]:
    """Influencers (not in the trash) whose email or other emails are the sender or a recipient.

    Those matching the sender come first. Comparison ignores case.
    """
    return interactions.influencers_with_addresses(db, [parsed.sender, *parsed.recipients])


__all__ = ["EmailRejected", "email_fields", "log_email", "match_influencers"]

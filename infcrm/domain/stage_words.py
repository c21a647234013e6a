"""What outreach trackers write in a status column, and which pipeline stage each means.

Trackers say “Not Started”, “Replied” or “Contacted ✅” where infcrm has Prospect, In talks and
Contacted. A value is matched to the user's own stage names first (ignoring case, emoji and
punctuation), then through the words below to the stage infcrm ships with that meaning.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Words people use → the shipped stage with that meaning (by its shipped name).
_SYNONYMS: dict[str, str] = {
    # Prospect: not contacted yet
    "prospect": "Prospect", "not started": "Prospect", "not contacted": "Prospect",
    "to contact": "Prospect", "to do": "Prospect", "todo": "Prospect", "new": "Prospect",
    "lead": "Prospect", "idea": "Prospect", "shortlisted": "Prospect", "shortlist": "Prospect",
    "pending": "Prospect", "open": "Prospect", "backlog": "Prospect", "researching": "Prospect",
    "qualified": "Prospect", "vetted": "Prospect",
    # Contacted: waiting for an answer
    "contacted": "Contacted", "reached out": "Contacted", "emailed": "Contacted",
    "dm sent": "Contacted", "dmed": "Contacted", "messaged": "Contacted", "sent": "Contacted",
    "outreach sent": "Contacted", "pitched": "Contacted", "in progress": "Contacted",
    "awaiting reply": "Contacted", "waiting": "Contacted", "no reply": "Contacted",
    "no response": "Contacted", "followed up": "Contacted", "follow up": "Contacted",
    # In talks: they answered
    "in talks": "In talks", "replied": "In talks", "responded": "In talks",
    "interested": "In talks", "negotiating": "In talks", "negotiation": "In talks",
    "in discussion": "In talks", "talking": "In talks", "in contact": "In talks",
    # Agreed
    "agreed": "Agreed", "accepted": "Agreed", "confirmed": "Agreed", "signed": "Agreed",
    "booked": "Agreed", "deal": "Agreed", "won": "Agreed", "approved": "Agreed",
    "yes": "Agreed", "onboarded": "Agreed",
    # Content live
    "content live": "Content live", "live": "Content live", "posted": "Content live",
    "published": "Content live", "content posted": "Content live",
    # Completed
    "completed": "Completed", "complete": "Completed", "done": "Completed",
    "finished": "Completed", "paid": "Completed", "closed": "Completed",
    # Declined
    "declined": "Declined", "rejected": "Declined", "no": "Declined", "lost": "Declined",
    "not interested": "Declined", "refused": "Declined", "passed": "Declined",
    # Not a fit
    "not a fit": "Not a fit", "no fit": "Not a fit", "not fit": "Not a fit",
    "unqualified": "Not a fit", "disqualified": "Not a fit",
}  # fmt: skip


# A negation before a known word turns its meaning around (“not replied”): no guessing then.
_NEGATIONS = frozenset({"not", "no", "never", "without", "un"})


def stage_key(text: str) -> str:
    """“Contacted ✅” → “contacted”: lower case letters and digits, single spaces."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    words = re.findall(r"[a-z0-9]+", "".join(c for c in folded if not unicodedata.combining(c)))
    return " ".join(words)


def nearest_stage(value: str, stages: Sequence[str]) -> str | None:
    """The name among `stages` that `value` means, or None when nothing fits."""
    key = stage_key(value)
    if not key:
        return None
    by_key = {stage_key(name): name for name in stages}
    if key in by_key:
        return by_key[key]
    meant = _SYNONYMS.get(key)
    words = key.split()
    if meant is None and not _NEGATIONS & set(words):
        # “affiliate confirmed”, “email sent”: the last words say where it stands.
        meant = next((_SYNONYMS[" ".join(words[i:])] for i in range(1, len(words))
                      if " ".join(words[i:]) in _SYNONYMS), None)  # fmt: skip
    if meant is None:
        return None
    return by_key.get(stage_key(meant))


__all__ = ["nearest_stage", "stage_key"]

"""The seal of a sent agreement: the SHA-256 of its frozen text.

Kept apart from the agreement services so the health check (`infcrm check`) can verify every
sent agreement without loading the database models.
"""

from __future__ import annotations

import hashlib


def text_hash(subject: str, body: str) -> str:
    """SHA-256 (hex) of exactly `subject + "\\n\\n" + body` in UTF-8: the frozen text's seal."""
    return hashlib.sha256(f"{subject}\n\n{body}".encode()).hexdigest()


__all__ = ["text_hash"]

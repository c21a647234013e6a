"""How a refused undo names the record a teammate changed, and where to go to see it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from infcrm.db.base import Base

# Rows that belong to one deal, and what one of them is called on its own.
_ON_A_DEAL = {"payment": "a payment", "content": "a post", "agreement": "the agreement"}


def named(session: Session, table: str, row_id: int, name: str) -> str:
    """The changed row as the refusal names it: “Lena Vogel” (a person, by `name`, the name
    read with its version), the campaign “Spring Bake-Off”, the deal of “Lena Bakes” in
    “Spring Bake-Off”, a payment on that deal."""
    if table == "influencer":
        return f"“{name}”"
    if table == "campaign":
        return f"the campaign “{name}”"
    if table == "deal":
        return _deal(session, row_id)
    if table in _ON_A_DEAL:
        rows = Base.metadata.tables[table]
        deal_id = session.execute(select(rows.c.deal_id).where(rows.c.id == row_id)).scalar()
        on = "on" if table != "agreement" else "of"
        return f"{_ON_A_DEAL[table]} {on} {_deal(session, deal_id)}"
    return name


def where_to_look(table: str) -> str:
    """Which screen shows what the teammate did: “the person”, “the campaign”, “the deal”."""
    return {"influencer": "the person", "campaign": "the campaign"}.get(table, "the deal")


def _deal(session: Session, deal_id: int | None) -> str:
    tables = Base.metadata.tables
    deal, person, campaign = tables["deal"], tables["influencer"], tables["campaign"]
    found = session.execute(
        select(person.c.display_name, campaign.c.name)
        .select_from(deal)
        .join(person, person.c.id == deal.c.influencer_id)
        .join(campaign, campaign.c.id == deal.c.campaign_id)
        .where(deal.c.id == deal_id)
    ).first()
    return f"the deal of “{found[0]}” in “{found[1]}”" if found else "a deal"


def menu_of(doing: str) -> str:
    """Where a refused step stays: an undo refused stays in Edit › Undo, a redo in Redo."""
    return "Edit › Redo" if doing == "redoing" else "Edit › Undo"


__all__ = ["menu_of", "named", "where_to_look"]

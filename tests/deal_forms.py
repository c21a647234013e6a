"""A deal's terms as its window holds them when opened, for tests that save terms as a user
(or a teammate in another copy of the app) would."""

from __future__ import annotations

import dataclasses

from infcrm.services.campaigns.campaign_types import (
    DealTermsInput,
    DeliverableInput,
    IncentiveInput,
)


def terms_form(deal, **values: object) -> DealTermsInput:
    """The terms of `deal` (as `deals.get_deal` reads it), at its version, with `values`
    typed over them."""
    terms = DealTermsInput(
        incentives=tuple(
            IncentiveInput(i.kind, value=i.value.plain(), currency=i.value.currency)
            for i in deal.incentives
        ),
        deliverables=tuple(
            DeliverableInput(d.platform, d.format, d.count, d.due_date) for d in deal.deliverables
        ),
        usage_rights=deal.usage_rights,
        notes=deal.notes,
        version=deal.version,
    )
    return dataclasses.replace(terms, **values)

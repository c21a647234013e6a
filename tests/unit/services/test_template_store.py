"""Both kinds of templates share one core: the same checks, and every change can be undone
and redone exactly (a real database; the restore point is what Edit › Undo swaps back)."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.services.campaigns import agreement_templates
from infcrm.services.outreach import outreach_templates
from infcrm.services.restore_points import restore


def _agreements(db: Database) -> list[tuple]:
    return [(t.id, t.name, t.subject, t.body, t.is_default) for t in
            agreement_templates.list_templates(db)]  # fmt: skip


def _outreach(db: Database) -> list[tuple]:
    return [(t.id, t.name, t.kind, t.subject, t.body) for t in
            outreach_templates.list_templates(db)]  # fmt: skip


def test_adding_changing_and_deleting_an_outreach_template_are_undone_and_redone(
    db: Database,
) -> None:
    start = _outreach(db)
    added = outreach_templates.save_template(db, "Fair", "email", "Hi {first_name}", "Lovely!")
    after_add = _outreach(db)
    redo = restore(db, added.undo)
    assert _outreach(db) == start  # the new template is gone
    restore(db, redo)
    assert _outreach(db) == after_add  # and back, with the same id
    changed = outreach_templates.save_template(db, "Fair", "dm", None, "Hey {handle}", added.value)
    restore(db, changed.undo)
    assert _outreach(db) == after_add
    gone = outreach_templates.delete_template(db, added.value)
    assert added.value not in [t[0] for t in _outreach(db)]
    restore(db, gone.undo)
    assert _outreach(db) == after_add


def test_deleting_the_default_agreement_template_is_undone_with_the_default(db: Database) -> None:
    [default] = agreement_templates.list_templates(db)
    other = agreement_templates.save_template(db, "Short", "Deal", "Hi {first_name}").value
    before = _agreements(db)
    gone = agreement_templates.delete_template(db, default.id)
    [(left_id, *_rest, is_default)] = _agreements(db)
    assert left_id == other and is_default  # the default passed on
    restore(db, gone.undo)
    assert _agreements(db) == before  # back, and the default again
    chosen = agreement_templates.set_default(db, other)
    restore(db, chosen.undo)
    assert _agreements(db) == before
    reset = agreement_templates.reset_default(db)
    restore(db, reset.undo)
    assert _agreements(db) == before


@pytest.mark.parametrize(
    "save",
    [
        lambda db: agreement_templates.save_template(db, "X", "{brand}", "Use {voucher}"),
        lambda db: outreach_templates.save_template(db, "X", "email", "{brand}", "Use {voucher}"),
    ],
    ids=["agreement", "outreach"],
)
def test_both_kinds_refuse_an_unknown_placeholder_naming_it_and_store_nothing(
    db: Database, save
) -> None:
    before = _agreements(db), _outreach(db)
    with pytest.raises(InvalidInput) as refused:
        save(db)
    assert "{voucher}" in refused.value.errors["body"]
    assert (_agreements(db), _outreach(db)) == before

"""Status values written in other languages land on the stage they mean, negations included."""

from __future__ import annotations

import pytest

from infcrm.domain.stage_words import nearest_stage

STAGES = (
    "Prospect", "Contacted", "In talks", "Agreed", "Content live", "Completed", "Declined",
    "Not a fit",
)  # fmt: skip


@pytest.mark.parametrize(
    "value", ["Contacté", "Contactado", "Kontaktiert", "Contattato", "contactée", "Angeschrieben"]
)
def test_contacted_in_other_languages_is_contacted(value: str) -> None:
    assert nearest_stage(value, STAGES) == "Contacted"


@pytest.mark.parametrize(
    "value",
    [
        "À contacter", "Por contactar", "Nicht kontaktiert", "Não contactado", "Sin contactar",
        "Non contacté", "Da contattare", "Pas contacté", "No contactado", "Non contattato",
        "Noch nicht kontaktiert", "Pas encore contacté", "Aún no contactado", "Not yet contacted",
        "Zu kontaktieren", "A contactar", "Sem contato", "not emailed", "No DM sent",
    ],
)  # fmt: skip
def test_a_negated_or_future_contact_is_never_contacted(value: str) -> None:
    assert nearest_stage(value, STAGES) == "Prospect"


@pytest.mark.parametrize("value", ["Sim", "Sí", "Si", "Oui", "Ja", "Yes", "YES ✅"])
def test_yes_in_a_status_column_is_agreed(value: str) -> None:
    assert nearest_stage(value, STAGES) == "Agreed"


@pytest.mark.parametrize("value", ["Não", "No", "Non", "Nein", "nao ❌"])
def test_no_in_a_status_column_is_declined(value: str) -> None:
    assert nearest_stage(value, STAGES) == "Declined"


@pytest.mark.parametrize("value", ["Maybe later", "Quizás", "Vielleicht", "Not replied"])
def test_values_nobody_can_tell_are_still_not_guessed(value: str) -> None:
    assert nearest_stage(value, STAGES) is None


def test_the_users_own_stage_names_come_first() -> None:
    own = ("Nuevo", "Contactado", "Cerrado")
    assert nearest_stage("contactado", own) == "Contactado"
    assert nearest_stage("Contacted", own) is None  # no stage of that meaning among theirs

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


@pytest.mark.parametrize(
    ("value", "stage"),
    [
        ("未連絡", "Prospect"), ("候補", "Prospect"), ("미연락", "Prospect"),
        ("未联系", "Prospect"),
        ("連絡済み", "Contacted"), ("連絡済", "Contacted"), ("DM送信済み", "Contacted"),
        ("返信待ち", "Contacted"), ("연락 완료", "Contacted"), ("已联系", "Contacted"),
        ("返信あり", "In talks"), ("交渉中", "In talks"), ("협의 중", "In talks"),
        ("洽谈中", "In talks"),
        ("確定", "Agreed"), ("확정", "Agreed"), ("已确认", "Agreed"),
        ("投稿済み", "Content live"), ("게시 완료", "Content live"), ("已发布", "Content live"),
        ("完了", "Completed"), ("완료", "Completed"), ("已完成", "Completed"),
        ("辞退", "Declined"), ("お断り", "Declined"), ("거절", "Declined"), ("拒绝", "Declined"),
        ("対象外", "Not a fit"), ("부적합", "Not a fit"),
        ("連絡済み ✅", "Contacted"),
    ],
)  # fmt: skip
def test_status_words_in_japanese_korean_and_chinese(value: str, stage: str) -> None:
    assert nearest_stage(value, STAGES) == stage


def test_a_team_s_own_stage_named_in_japanese_is_kept() -> None:
    assert nearest_stage("完了", (*STAGES, "完了")) == "完了"


def test_german_zusage_and_absage_are_agreed_and_declined() -> None:
    assert nearest_stage("Zusage", STAGES) == "Agreed"
    assert nearest_stage("Absage ❌", STAGES) == "Declined"

"""Names and e-mails compare the way a person reads them."""

from infcrm.domain.names import fold_email, fold_name


def test_diacritics_case_spacing_and_punctuation_do_not_make_names_differ() -> None:
    assert fold_name("Ana  Ruíz") == fold_name("ana ruiz") == fold_name("ANA-RUIZ") == "ana ruiz"
    assert fold_name("Zoë Müller ✨") == "zoe muller"
    assert fold_name("Straße") == fold_name("STRASSE")


def test_different_names_stay_different_and_empty_is_empty() -> None:
    assert fold_name("Ana Ruiz") != fold_name("Ana Ruiz Gómez")
    assert fold_name(None) == fold_name("  ") == fold_name("—") == ""


def test_emails_match_whatever_their_case() -> None:
    assert fold_email("  Ana.Ruiz@Example.COM ") == "ana.ruiz@example.com"
    assert fold_email(None) == ""

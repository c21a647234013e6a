"""Every parser against generated input: it answers or says why (ValueError), never crashes,
and what it writes it reads back."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infcrm.domain.enums import Platform
from infcrm.domain.handles import normalise_handle, profile_url
from infcrm.domain.numbers import (
    MAX_COUNT,
    format_count,
    format_percent,
    parse_count,
    parse_percent,
)
from infcrm.domain.platform_links import detect_platform
from infcrm.domain.validation import FieldChecker

# Cells from spreadsheets and text typed or pasted by people: any text, plus the numbers,
# separators, suffixes and signs they tend to contain.
NUMBERISH = st.text(alphabet="0123456789.,' kKmMbBn%+-e\u00a0\u202f", max_size=20)
ANY_TEXT = st.one_of(st.text(max_size=60), NUMBERISH)
CELLS = st.one_of(
    ANY_TEXT,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
)
HANDLE_PLATFORMS = [p for p in Platform if p is not Platform.OTHER]
FAST = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(CELLS)
def test_parse_count_answers_or_explains(value: object) -> None:
    try:
        result = parse_count(value)
    except ValueError as exc:
        assert str(exc), "the refusal says why"
        return
    assert result is None or (isinstance(result, int) and 0 <= result <= MAX_COUNT)


@FAST
@given(st.integers(min_value=0, max_value=MAX_COUNT))
def test_counts_read_back_exactly_as_written_out(n: int) -> None:
    assert parse_count(str(n)) == n
    assert parse_count(f"{n:,}") == n
    assert parse_count(n) == n


@FAST
@given(st.integers(min_value=0, max_value=MAX_COUNT))
def test_a_compact_count_reads_back_within_its_rounding(n: int) -> None:
    shown = format_count(n)
    assert abs(parse_count(shown) - n) <= max(n * 0.05, 0), shown


@FAST
@given(CELLS)
def test_parse_percent_answers_or_explains(value: object) -> None:
    try:
        result = parse_percent(value)
    except ValueError as exc:
        assert str(exc)
        return
    assert result is None or (isinstance(result, float) and 0.0 <= result <= 1.0)


@FAST
@given(st.floats(min_value=0.0, max_value=1.0))
def test_a_written_percentage_reads_back(fraction: float) -> None:
    back = parse_percent(format_percent(fraction, 2))
    assert back is not None and math.isclose(back, fraction, abs_tol=0.00005 + 1e-12)


@FAST
@given(st.sampled_from(list(Platform)), ANY_TEXT)
def test_normalise_handle_answers_or_explains_and_is_stable(platform: Platform, text: str) -> None:
    try:
        handle = normalise_handle(platform, text)
    except ValueError as exc:
        assert str(exc)
        return
    assert handle and handle == normalise_handle(platform, handle), "normalising twice changes it"


@FAST
@given(
    st.sampled_from(HANDLE_PLATFORMS),
    st.from_regex(r"@?[A-Za-z0-9][A-Za-z0-9_.]{0,20}", fullmatch=True),
)
def test_a_profile_link_leads_back_to_its_platform_and_handle(
    platform: Platform, typed: str
) -> None:
    try:
        handle = normalise_handle(platform, typed)
    except ValueError:
        return  # a handle this platform does not allow; the message is tested above
    url = profile_url(platform, handle)
    assert url is not None and url.startswith("https://")
    assert detect_platform(url) is platform, url
    assert normalise_handle(platform, url) == handle, "pasting the link gives the same handle"


@FAST
@given(ANY_TEXT)
def test_detect_platform_never_crashes(text: str) -> None:
    assert detect_platform(text) is None or isinstance(detect_platform(text), Platform)


EMAILISH = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda local, domain, tld: f"{local}@{domain}.{tld}",
        st.from_regex(r"[A-Za-z0-9._%+-]{1,20}", fullmatch=True),
        st.from_regex(r"[A-Za-z0-9-]{1,20}", fullmatch=True),
        st.from_regex(r"[A-Za-z]{2,6}", fullmatch=True),
    ),
)


@FAST
@given(EMAILISH)
def test_an_email_is_accepted_once_normalised_or_refused_with_a_sentence(text: str) -> None:
    check = FieldChecker()
    address = check.email("email", text)
    if address is None:
        # Nothing back means the cell was blank or the field got a sentence saying why.
        assert text.strip() == "" or check.errors["email"]
        return
    assert check.ok and "@" in address
    again = FieldChecker()
    assert again.email("email", address) == address, "a saved address is accepted as it is"

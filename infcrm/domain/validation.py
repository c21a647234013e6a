"""Checking form and import fields, collecting one plain sentence per field at fault."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from enum import Enum
from functools import lru_cache
from typing import TypeVar

from infcrm.domain.enums import Platform
from infcrm.domain.invisible import without_stray_zero_width, without_zero_width
from infcrm.domain.numbers import NegativeCountError, parse_average, parse_count

E = TypeVar("E", bound=Enum)

MAX_EMAIL_LENGTH = 254  # the limit for a forward path in RFC 5321
_LOCAL_PART = re.compile(r"[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*")
_DOMAIN_LABEL = re.compile(r"(?!-)(?:[^\W_]|-){1,63}(?<!-)")
_TOP_LEVEL = re.compile(r"[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59}", re.IGNORECASE)
# A display name runs from the start or a separator up to “<”, and holds no address itself.
_NAMED_ADDRESS = re.compile(r"(?:^|(?<=[,;\n]))[^,;<>@\n]*<([^<>]*)>")
_LIST_SEPARATORS = re.compile(r"[,;\n]+")
_EMAIL_SEPARATORS = re.compile(r"[,;\s]+")
# Most addresses are plain ASCII: a narrower form of the checks below, in one match.
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_BRACKETED = re.compile(r"[^<>]*<([^<>]*)>")
_SPACE = re.compile(r"\s")  # the same characters as str.isspace()


class InvalidInput(ValueError):
    """Input was refused; `errors` maps each field at fault to a sentence saying what to do."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        """Keep the errors and use them, joined, as the exception's message."""
        self.errors: dict[str, str] = dict(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        """All messages, one after the other."""
        return " ".join(self.errors.values())


def _blank(value: object) -> bool:
    """Whether a form or spreadsheet value means “nothing entered”."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True  # an empty spreadsheet cell read as NaN
    return isinstance(value, str) and not value.strip()


def _as_text(value: object) -> str:
    """Text of a value, rendering whole floats from spreadsheets without “.0”."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class FieldChecker:
    """Checks fields one by one and collects an error per field, to be raised together."""

    def __init__(self) -> None:
        """Start with no errors."""
        self.errors: dict[str, str] = {}

    @property
    def ok(self) -> bool:
        """Whether no field has failed so far."""
        return not self.errors

    def add(self, field: str, message: str) -> None:
        """Record `message` for `field`, keeping the first problem found for each field."""
        self.errors.setdefault(field, message)

    def raise_if_errors(self) -> None:
        """Raise InvalidInput if any field failed."""
        if self.errors:
            raise InvalidInput(self.errors)

    def _required(self, field: str, label: str) -> None:
        self.add(field, f"{label} is required; please fill it in.")

    def text(
        self,
        field: str,
        value: object,
        *,
        label: str,
        required: bool = False,
        max_length: int = 200,
        multiline: bool = False,
    ) -> str | None:
        """Trimmed text, or None when blank; refuses control characters and overlong text."""
        if _blank(value):
            if required:
                self._required(field, label)
            return None
        text = _as_text(value).strip()
        if not text.isascii():  # a zero-width space pasted with the name goes
            text = without_stray_zero_width(text).strip()
            if not text:
                if required:
                    self._required(field, label)
                return None
        if multiline:
            # Text pasted from Windows programs carries \r\n; store plain \n line breaks.
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        elif "\n" in text or "\r" in text:
            self.add(field, f"{label} must fit on one line; remove the line break.")
            return None
        allowed = "\n\t" if multiline else ""
        # Printable text has no control character or surrogate: most cells skip the scan.
        for ch in "" if text.isprintable() else text:
            # Emoji joiners and right-to-left marks are format characters (Cf) and stay allowed;
            # control characters and lone surrogates cannot be stored or shown sensibly.
            if unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed:
                self.add(
                    field,
                    f"{label} contains an invisible control character (U+{ord(ch):04X}); "
                    "remove it and try again.",
                )
                return None
        return self.within(field, text, label=label, max_length=max_length)

    def within(self, field: str, text: str | None, *, label: str, max_length: int) -> str | None:
        """`text` when at most `max_length` characters long; else None, the field refused
        with its length and the limit."""
        if text is not None and len(text) > max_length:
            self.add(
                field, f"{label} is {len(text):,} characters long; keep it under {max_length:,}."
            )
            return None
        return text

    def email(
        self, field: str, value: object, required: bool = False, *, label: str = "Email"
    ) -> str | None:
        """One email address with its domain lower-cased, or None when blank."""
        if isinstance(value, str):
            value = without_zero_width(value)  # pasted from a web page with the address
        if _blank(value):
            if required:
                self._required(field, label)
            return None
        address, problem = _check_email(str(value))
        if problem:
            self.add(field, problem)
            return None
        return address

    def emails(self, field: str, value: object, *, label: str = "Email addresses") -> list[str]:
        """Several addresses separated by commas, semicolons or spaces, without repeats."""
        if _blank(value):
            return []
        # “Anna Smith <anna@example.com>” as copied from a mail program: keep the address.
        text = _NAMED_ADDRESS.sub(r" \1 ", without_zero_width(str(value)))
        found: dict[str, str] = {}
        for part in _EMAIL_SEPARATORS.split(text):
            if not part:
                continue
            address, problem = _check_email(part)
            if problem:
                self.add(field, f"{label}: {problem}")
            elif address is not None:
                found.setdefault(address.casefold(), address)
        return list(found.values())

    def int_range(
        self,
        field: str,
        value: object,
        *,
        label: str,
        minimum: int = 0,
        maximum: int | None = None,
        required: bool = False,
    ) -> int | None:
        """A whole number within [minimum, maximum], or None when blank."""
        if _blank(value):
            if required:
                self._required(field, label)
            return None
        number = _whole_number(value)
        limits = (
            f"between {minimum:,} and {maximum:,}"
            if maximum is not None
            else f"of at least {minimum:,}"
        )
        if number is None:
            self.add(field, f"{label} must be a whole number {limits}.")
            return None
        if number < minimum or (maximum is not None and number > maximum):
            self.add(
                field, f"{label} must be {limits.removeprefix('of ')}; you entered {number:,}."
            )
            return None
        return number

    def count(
        self,
        field: str,
        value: object,
        *,
        label: str,
        required: bool = False,
        average: bool = False,
    ) -> int | None:
        """A count such as followers or likes (“12.3k” accepted), or None when blank.

        An `average` per post may be fractional (“859.2” views) and is rounded.
        """
        parse = parse_average if average else parse_count
        try:
            number = parse(value, what=_in_sentence(label))
        except NegativeCountError:
            self.add(field, f"{label} cannot be negative.")
            return None
        except ValueError as exc:
            self.add(field, str(exc))
            return None
        if number is None and required:
            self._required(field, label)
        return number

    def choice(
        self, field: str, value: object, enum_cls: type[E], *, label: str, required: bool = False
    ) -> E | None:
        """A member of `enum_cls` given as member, value or (when supported) label."""
        if isinstance(value, enum_cls):
            return value
        if _blank(value):
            if required:
                self._required(field, label)
            return None
        text = str(value).strip()
        from_text = getattr(enum_cls, "from_text", None)
        try:
            return from_text(text) if from_text else enum_cls(text)
        except ValueError as exc:
            if from_text:
                self.add(field, str(exc))
            else:
                choices = ", ".join(str(member.value) for member in enum_cls)
                self.add(field, f"“{text}” is not a valid {label.lower()}. Use one of: {choices}.")
            return None


@lru_cache(maxsize=128)  # a few labels, asked for once per figure of a 100,000-row import
def _in_sentence(label: str) -> str:
    """A field's label inside a sentence: “Average likes” → “average likes”, but a platform's
    name keeps its capitals (“a number of YouTube followers”, not “youtube followers”)."""
    if any(label.startswith(platform.label) for platform in Platform):
        return label
    return label[:1].lower() + label[1:]


def _whole_number(value: object) -> int | None:
    """`value` as an int if it is one (“3”, 3.0, “1,000”), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = re.sub(r"[\s,\u00a0\u202f]", "", str(value))
    text = text.removesuffix(".0")
    return int(text) if re.fullmatch(r"[+-]?\d+", text) else None


def plain_addresses(texts: Iterable[str]) -> bool:
    """Whether every text is an address `FieldChecker.email` keeps exactly as it is.

    Plain ASCII, lower case and short enough that no part can be too long: a big list's
    email column is checked in one pass instead of one call per row.
    """
    texts = list(texts)
    return (
        all(map(str.islower, texts))
        and max(map(len, texts), default=0) <= 65  # the local part is then within 64
        and all(map(_PLAIN_ADDRESS.fullmatch, texts))
    )


def _check_email(raw: str) -> tuple[str | None, str | None]:
    """(normalised address, None) for a valid address, else (None, a sentence why not)."""
    text = raw.strip()
    if len(text) <= MAX_EMAIL_LENGTH and _PLAIN_ADDRESS.fullmatch(text):
        local, _at, domain = text.rpartition("@")
        if len(local) <= 64:  # passes every check below
            if domain.islower():
                return text, None  # as it is (no copy of 100,000 addresses)
            return f"{local}@{domain.lower()}", None
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    if "<" in text and (match := _BRACKETED.fullmatch(text)):
        text = match.group(1).strip()
    shown = text if len(text) <= 60 else text[:59] + "…"
    example = "Write it like name@example.com."
    if _SPACE.search(text):
        return None, f"“{shown}” is not an email address: it contains a space. {example}"
    if len(text) > MAX_EMAIL_LENGTH:
        return None, (
            f"An email address has at most {MAX_EMAIL_LENGTH} characters; this one has "
            f"{len(text):,}."
        )
    local, at, domain = text.rpartition("@")
    labels = domain.split(".")
    valid = (
        at
        and len(local) <= 64
        and _LOCAL_PART.fullmatch(local)
        and len(labels) >= 2
        and all(_DOMAIN_LABEL.fullmatch(part) for part in labels)
        and _TOP_LEVEL.fullmatch(labels[-1])
    )
    if not valid:
        return None, f"“{shown}” is not an email address. {example}"
    return f"{local}@{domain.lower()}", None


def split_list(text: str | None) -> list[str]:
    """Split “vegan, baking; travel” into trimmed items, dropping repeats that differ by case."""
    if not text:
        return []
    items: dict[str, str] = {}
    for part in _LIST_SEPARATORS.split(text):
        item = " ".join(part.split())  # collapse runs of spaces inside an item
        if item:
            items.setdefault(item.casefold(), item)
    return list(items.values())

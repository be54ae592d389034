"""Validators for identity papers and phone numbers, with stable error codes; the one
normaliser of typed text (names, summaries, contents) and its length limit."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# First three digits of a 12-digit personal ID: the province of birth registration
# (Circular 59/2021/TT-BCA, the 63-province list in force when the cards were issued).
ID_PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 "
    "033 034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 "
    "064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 "
    "094 095 096".split()
)
# Fourth digit: gender and century of birth (0/1: 1900s, 2/3: 2000s, 4/5: 2100s ...).
_CENTURY_BY_DIGIT = {
    0: 1900,
    1: 1900,
    2: 2000,
    3: 2000,
    4: 2100,
    5: 2100,
    6: 2200,
    7: 2200,
    8: 1800,
    9: 1800,
}

_MOBILE_PREFIXES = ("03", "05", "07", "08", "09")


def normalise_phone(raw: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def validate_phone(raw: str) -> str:
    """A Vietnamese mobile (10 digits) or landline (11 digits, 02x area code)."""
    phone = normalise_phone(raw)
    ok = phone.isdigit() and (
        (len(phone) == 10 and phone.startswith(_MOBILE_PREFIXES))
        or (len(phone) == 11 and phone.startswith("02"))
    )
    if not ok:
        raise ValidationError(
            _(
                "Phone number %(value)s is not valid: a mobile number has 10 digits "
                "starting 03, 05, 07, 08 or 09; a landline has 11 digits starting 02."
            ),
            code="invalid_phone",
            params={"value": raw},
        )
    return phone


def birth_year_from_cccd(number: str) -> int:
    return _CENTURY_BY_DIGIT[int(number[3])] + int(number[4:6])


def validate_id_number(kind: str, number: str, birth_year: int | None = None) -> str:
    """Check an identity paper number of the given kind; returns it cleaned."""
    from ..doctype.citizen.constants import IdKind

    value = re.sub(r"\s", "", number or "").upper()
    if kind == IdKind.CCCD:
        if not re.fullmatch(r"\d{12}", value):
            raise ValidationError(
                _("A personal ID number has exactly 12 digits."), code="invalid_id_number"
            )
        if value[:3] not in ID_PROVINCE_CODES:
            raise ValidationError(
                _("The first three digits %(code)s of the ID number are not a province code."),
                code="invalid_id_number",
                params={"code": value[:3]},
            )
        if birth_year and birth_year_from_cccd(value) != birth_year:
            raise ValidationError(
                _(
                    "The ID number encodes birth year %(encoded)s, but the date of birth "
                    "is in %(year)s."
                ),
                code="id_birth_year_mismatch",
                params={"encoded": birth_year_from_cccd(value), "year": birth_year},
            )
    elif kind == IdKind.CMND:
        if not re.fullmatch(r"\d{9}", value):
            raise ValidationError(
                _("An old ID card number has exactly 9 digits."), code="invalid_id_number"
            )
    elif kind == IdKind.PASSPORT:
        if not re.fullmatch(r"[A-Z]\d{7}|[A-Z0-9]{6,9}", value):
            raise ValidationError(
                _("A passport number has 6 to 9 letters and digits (for example C1234567)."),
                code="invalid_id_number",
            )
    elif not re.fullmatch(r"[A-Z0-9/\-]{3,20}", value):
        raise ValidationError(
            _("The paper number must be 3 to 20 letters, digits, '/' or '-'."),
            code="invalid_id_number",
        )
    return value


# -- typed text ----------------------------------------------------------------------
# Limits of the free text fields, in characters: generous for what the forms hold (a
# petition's content is a few typed pages; the scans are attachments), small enough
# that a field cannot carry megabytes into every page, print and export showing it.
LONG_TEXT = 20_000  # a petition's content, a hearing's minutes
MEDIUM_TEXT = 10_000  # conclusions, agency reports, report remarks
SHORT_TEXT = 5_000  # reasons, earlier handling, tasks, notes, comments
BRIEF_TEXT = 2_000  # people concerned, attendees, recipients, a point's notes

# Separators that end a line; in a one-line field they become spaces.
_LINE_BREAKS = {"\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"}


def normalise_text(value: str, *, multiline: bool = False) -> str:
    """Typed text as the system keeps it: Unicode NFC (a name typed with combining
    accents equals the same name typed precomposed), without control characters and
    without the invisible "format" characters (Unicode category Cf): bidirectional
    embeddings, overrides and isolates that display a name or a sentence in another
    order than it is stored, zero-width spaces and joiners that make two identical-
    looking names differ, the byte-order mark, soft hyphens. A one-line text also has
    its runs of spaces collapsed; a multi-line text keeps its lines (CRLF becomes LF)
    and tabs. Both are stripped at their ends."""
    if multiline:
        value = value.replace("\r\n", "\n")
    kept = []
    for char in value:
        if char in _LINE_BREAKS:
            kept.append("\n" if multiline else " ")
        elif char == "\t":
            kept.append(char if multiline else " ")
        elif unicodedata.category(char) not in ("Cc", "Cf", "Cs"):
            kept.append(char)
    text = unicodedata.normalize("NFC", "".join(kept))
    if not multiline:
        return " ".join(text.split())
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


@deconstructible
class LengthLimit(MaxLengthValidator):
    """At most `limit_value` characters, said in the desk's words."""

    message = gettext_lazy(
        "Enter at most %(limit_value)d characters (this text has %(show_value)d)."
    )

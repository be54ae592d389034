"""Identity paper numbers, checked by the paper's kind, with stable error codes."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .constants import IdKind

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


def birth_year_from_cccd(number: str) -> int:
    return _CENTURY_BY_DIGIT[int(number[3])] + int(number[4:6])


def validate_id_number(kind: str, number: str, birth_year: int | None = None) -> str:
    """Check an identity paper number of the given kind; returns it cleaned."""
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

"""Validators for phone numbers, with stable error codes; the one
normaliser of typed text (names, summaries, contents) and its length limit."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    # Most text has none of those characters: str.isprintable() is False for every
    # control, format and surrogate character, line break and tab (and for a few more
    # the loop below keeps), so such text skips the loop, character by character.
    lines = value.split("\n") if multiline else [value]
    if all(line.isprintable() for line in lines):
        text = unicodedata.normalize("NFC", value)
        if not multiline:
            return " ".join(text.split())
        return "\n".join(line.rstrip() for line in text.split("\n")).strip()
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

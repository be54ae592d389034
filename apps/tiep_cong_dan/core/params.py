"""Values read from a request's query string or form: each parses, or the request is
refused with HTTP 400 and a message saying what was expected (never a server error).
Dates stay within 2000-2100: the province's records start long after 2000, and a year
such as 9999 or 0001 would overflow the date arithmetic of any page showing it."""

import datetime

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


class BadParameter(BadRequest):
    """A request refused for a value the user can correct; `message` says how."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_month(raw: str) -> datetime.date:
    """ "2026-03" -> 2026-03-01, within 2000-01 .. 2100-12."""
    try:
        first = datetime.datetime.strptime(raw.strip(), "%Y-%m").date()
    except ValueError:
        first = None
    if first is None or not EARLIEST <= first <= LATEST:
        raise BadParameter(
            _("Write the month as YYYY-MM, from %(first)s to %(last)s (given: %(value)s).")
            % {"first": f"{EARLIEST:%Y-%m}", "last": f"{LATEST:%Y-%m}", "value": raw[:20]}
        )
    return first


def parse_whole_number(raw: str, label: str) -> int:
    """A whole number typed into a form or a query string, with its field's name."""
    text = (raw or "").strip()
    if not text.isdecimal() or len(text) > 9:
        raise BadParameter(
            _("%(field)s must be a whole number (given: %(value)s).")
            % {"field": label, "value": text[:20]}
        )
    return int(text)

"""Where the public lookup finds a case by its number and private code.

The lookup page (`public/lookup/`) asks each registered source in turn; a source
answers for the numbers it issues (a petition's registration number, a request's
number) and returns None for any other number or a wrong code. Sources register here so
that the lookup page does not need to know every document type that issues numbers."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class TimelineStep:
    """One step of a case as the citizen reads it: plain Vietnamese, a date, and
    optionally a link to a document meant for them (the Result Notice's extract)."""

    on: date | None
    title: str
    detail: str = ""
    link: str = ""
    link_label: str = ""


@dataclass(frozen=True)
class LookupResult:
    number: str
    heading: str
    steps: list[TimelineStep] = field(default_factory=list)
    # What is next for the citizen (the session to go to and the bridge point), if any.
    next_step: str = ""
    # Where the case stands, in a few words.
    state: str = ""
    # Whose personal data the answer shows (citizen ids), for the access log: each
    # lookup is a read of it.
    citizen_ids: tuple[int, ...] = ()


# (number, code) -> result, or None when the number is not this source's or the code
# does not match. A source must compare the code in constant time.
LookupSource = Callable[[str, str], "LookupResult | None"]

_SOURCES: list[LookupSource] = []


def register_lookup_source(source: LookupSource) -> LookupSource:
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def find_case(number: str, code: str) -> LookupResult | None:
    for source in _SOURCES:
        result = source(number, code)
        if result is not None:
            return result
    return None

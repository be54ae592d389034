"""The citizens the global search finds (access/finders.py): by name, accents and word
order ignored, or ID number. The citizen rule hides denouncers from those not cleared;
a denouncer named to a cleared user is logged, as in the pickers."""

from ...access.finders import Finder, register
from .models import Citizen
from .personal_data import log_denouncers_shown


def _detail(user, citizen: Citizen) -> str:
    return str(citizen.residence_unit)


def _log(request, citizens) -> None:
    people = [(c.pk, None) for c in citizens]
    log_denouncers_shown(request, people, fields={"full_name", "date_of_birth"})


register(
    Finder(
        Citizen,
        lambda user, citizen: str(citizen),
        _detail,
        order=20,
        related=("residence_unit", "residence_unit__parent"),
        log_shown=_log,
    )
)

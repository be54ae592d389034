"""The result notices the global search finds (access/finders.py): by number
("05/TB-UBND", "05 tb") or date of issue."""

from ...access.finders import Finder, register
from .models import ResultNotice


def _detail(user, notice: ResultNotice) -> str:
    issued = f"{notice.issued_date:%d/%m/%Y} · " if notice.issued_date else ""
    return f"{issued}{notice.get_state_display()} · {notice.session}"


register(Finder(ResultNotice, lambda user, n: str(n), _detail, order=40, related=("session",)))

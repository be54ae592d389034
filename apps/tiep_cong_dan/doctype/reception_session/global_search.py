"""The sessions the global search finds (access/finders.py): by date (15/01/2027,
15/01, 2027) or kind ("Định kỳ")."""

from ...access.finders import Finder, register
from .models import ReceptionSession


def _detail(user, session: ReceptionSession) -> str:
    return f"{session.get_state_display()} · {session.presiding_official}"


register(Finder(ReceptionSession, lambda user, s: str(s), _detail, order=30))

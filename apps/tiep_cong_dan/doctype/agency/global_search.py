"""The agencies the global search finds (access/finders.py): by name, short name,
code or initials ("Công an", "SNNMT", "btcd")."""

from ...access.finders import Finder, register
from .models import Agency


def _detail(user, agency: Agency) -> str:
    return agency.get_kind_display()


register(Finder(Agency, lambda user, a: a.name, _detail, order=50))

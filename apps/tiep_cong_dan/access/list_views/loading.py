"""What a list page knows of its viewer's views, read once per request: their column
choice, their own saved filters and those shared with one of their roles, in one
query (tests/access/test_list_views.py counts it)."""

from dataclasses import dataclass, field

from django.db.models import Q

from ..roles import roles_of
from .models import ListView, ListViewKind


@dataclass
class ViewsOfList:
    columns: list[str] = field(default_factory=list)  # empty: the list's own
    own: list[ListView] = field(default_factory=list)
    shared: list[ListView] = field(default_factory=list)


def list_key(model) -> str:
    return model._meta.label_lower


def views_of(request, key: str) -> ViewsOfList:
    """The viewer's views of the list `key`, cached on the request."""
    cache = request.__dict__.setdefault("_tcd_list_views", {})
    if key in cache:
        return cache[key]
    user = request.user
    found = ViewsOfList()
    if getattr(user, "is_authenticated", False):
        mine = Q(owner=user)
        roles = roles_of(user)
        if roles:
            mine |= Q(kind=ListViewKind.FILTER, shared_role__in=sorted(roles))
        rows = (
            ListView.objects.filter(mine, list_key=key)
            .select_related("owner")
            .order_by("name", "pk")
        )
        for row in rows:
            if row.owner_id != user.pk:
                found.shared.append(row)
            elif row.kind == ListViewKind.COLUMNS:
                found.columns = [c for c in row.columns if isinstance(c, str)]
            else:
                found.own.append(row)
    cache[key] = found
    return found


def forget(request, key: str) -> None:
    """After a write: the next read on this request sees it."""
    request.__dict__.get("_tcd_list_views", {}).pop(key, None)

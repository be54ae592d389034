"""The writes of list views: a user's column choice and their saved filters. Each
checks what it is given against what the list offers this user and refuses in words
(ValidationError); another user's filter is not found (ListView.DoesNotExist)."""

from django.contrib.admin.filters import SimpleListFilter
from django.contrib.admin.views.main import ERROR_FLAG, IGNORED_PARAMS, PAGE_VAR, SEARCH_VAR
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from ..roles import Role
from . import columns as list_columns
from .loading import forget, list_key
from .models import ListView, ListViewKind

NAME_MAX = 80
QUERY_MAX = 1000
FILTERS_PER_LIST = 50
# The page, the order (kept apart, by column name), a popup's flags: not filters.
_NOT_FILTERS = (set(IGNORED_PARAMS) | {PAGE_VAR, ERROR_FLAG}) - {SEARCH_VAR}


def choose_list_columns(model_admin, request, names: list[str]) -> ListView:
    """Keep `names` (in this order) as the columns the user sees on this list."""
    offered = list_columns.available(model_admin, request)
    unknown = [n for n in names if n not in offered]
    if unknown:
        raise ValidationError(
            _("This list has no column “%(name)s”.") % {"name": unknown[0]}, code="unknown_column"
        )
    names = list(dict.fromkeys(names))
    if not names:
        raise ValidationError(_("Choose at least one column."), code="no_column")
    key = list_key(model_admin.model)
    view, _created = ListView.objects.update_or_create(
        owner=request.user,
        list_key=key,
        kind=ListViewKind.COLUMNS,
        name="",
        defaults={"columns": names},
    )
    forget(request, key)
    return view


def reset_list_columns(model_admin, request) -> None:
    """Back to the list's own columns."""
    key = list_key(model_admin.model)
    ListView.objects.filter(owner=request.user, list_key=key, kind=ListViewKind.COLUMNS).delete()
    forget(request, key)


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Give the filter a name."), code="no_name")
    if len(name) > NAME_MAX:
        raise ValidationError(
            _("A filter's name has at most %(max)d characters.") % {"max": NAME_MAX},
            code="name_too_long",
        )
    return name


def _clean_role(role: str) -> str:
    role = role or ""
    if role and role not in Role.values:
        raise ValidationError(_("Choose one of the roles offered."), code="unknown_role")
    return role


def _filter_paths(model_admin, request) -> set[str]:
    """The parameters and field paths the list's filters answer."""
    paths = {model_admin.date_hierarchy} if model_admin.date_hierarchy else set()
    for item in model_admin.get_list_filter(request):
        if isinstance(item, type) and issubclass(item, SimpleListFilter):
            paths.add(item.parameter_name)
        elif isinstance(item, list | tuple):
            paths.add(item[0] if isinstance(item[0], str) else item[0].name)
        elif isinstance(item, str):
            paths.add(item)
    return paths


def _known(model_admin, request, key: str) -> bool:
    for path in _filter_paths(model_admin, request):
        if key == path or key.startswith((f"{path}__", f"{path}_")):
            return True
    try:
        model_admin.model._meta.get_field(key.split("__", 1)[0])
    except FieldDoesNotExist:
        return False
    return True


def clean_query(model_admin, request, query: str) -> str:
    """The list's filters and search words of `query`, each asked of the list's
    `lookup_allowed` for this user; its page and order left out."""
    params = QueryDict(query or "", mutable=True)
    for key in list(params):
        if key in _NOT_FILTERS:
            del params[key]
            continue
        if key == SEARCH_VAR:
            continue
        allowed = _known(model_admin, request, key) and all(
            model_admin.lookup_allowed(key, value, request) for value in params.getlist(key)
        )
        if not allowed:
            raise ValidationError(
                _("This list cannot be filtered by “%(lookup)s”.") % {"lookup": key},
                code="lookup_not_allowed",
            )
    cleaned = params.urlencode()
    if len(cleaned) > QUERY_MAX:
        raise ValidationError(_("This filter is too long to be saved."), code="query_too_long")
    return cleaned


def clean_ordering(model_admin, request, ordering: list[str]) -> list[str]:
    offered = set(list_columns.available(model_admin, request))
    kept = [o for o in ordering if o and o.lstrip("-") in offered]
    if len(kept) != len([o for o in ordering if o]):
        raise ValidationError(_("The list cannot be sorted that way."), code="unknown_order")
    return kept


def allows(model_admin, request, view: ListView) -> bool:
    """Whether the list lets this user apply `view` (a filter shared by someone who
    may filter by what this user may not is not offered)."""
    try:
        clean_query(model_admin, request, view.query)
    except ValidationError:
        return False
    return True


@transaction.atomic
def save_list_filter(
    model_admin, request, *, name: str, query: str, ordering: list[str], shared_role: str = ""
) -> ListView:
    """Keep the list's current filters, search and order under `name` for the user,
    shared with `shared_role` when given (each viewer still sees their rule's rows)."""
    key = list_key(model_admin.model)
    name = _clean_name(name)
    role = _clean_role(shared_role)
    cleaned = clean_query(model_admin, request, query)
    ordering = clean_ordering(model_admin, request, ordering)
    mine = ListView.objects.filter(owner=request.user, list_key=key, kind=ListViewKind.FILTER)
    if mine.filter(name=name).exists():
        raise ValidationError(
            _("You already have a filter named “%(name)s”.") % {"name": name}, code="duplicate"
        )
    if mine.count() >= FILTERS_PER_LIST:
        raise ValidationError(
            _("A list keeps at most %(max)d filters per user: delete one first.")
            % {"max": FILTERS_PER_LIST},
            code="too_many",
        )
    try:
        with transaction.atomic():
            view = ListView.objects.create(
                owner=request.user,
                list_key=key,
                kind=ListViewKind.FILTER,
                name=name,
                query=cleaned,
                ordering=ordering,
                shared_role=role,
            )
    except IntegrityError:  # the same name saved at the same moment
        raise ValidationError(
            _("You already have a filter named “%(name)s”.") % {"name": name}, code="duplicate"
        ) from None
    forget(request, key)
    return view


def own_filter(model_admin, request, view_id) -> ListView:
    """The user's own filter on this list (another's, or none: DoesNotExist)."""
    return ListView.objects.get(
        pk=view_id,
        owner=request.user,
        list_key=list_key(model_admin.model),
        kind=ListViewKind.FILTER,
    )


@transaction.atomic
def rename_list_filter(model_admin, request, view_id, *, name: str, shared_role: str) -> ListView:
    """Rename the user's filter and choose whom it is shared with."""
    view = own_filter(model_admin, request, view_id)
    name = _clean_name(name)
    role = _clean_role(shared_role)
    clash = ListView.objects.filter(
        owner=request.user, list_key=view.list_key, kind=ListViewKind.FILTER, name=name
    ).exclude(pk=view.pk)
    if clash.exists():
        raise ValidationError(
            _("You already have a filter named “%(name)s”.") % {"name": name}, code="duplicate"
        )
    view.name, view.shared_role = name, role
    view.save(update_fields=["name", "shared_role", "updated_at"])
    forget(request, view.list_key)
    return view


@transaction.atomic
def delete_list_filter(model_admin, request, view_id) -> None:
    view = own_filter(model_admin, request, view_id)
    view.delete()
    forget(request, view.list_key)

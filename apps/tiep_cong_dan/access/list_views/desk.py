"""The list views' desk endpoints (POST only, CSRF-checked by the admin site) and the
panel every list shows above its table: "Cột" (the columns) and "Bộ lọc đã lưu" (the
saved filters). The panel sits inside the list's form (the actions'), so its buttons
post that form to these endpoints (`formaction`) and each endpoint reads only its
own fields, prefixed `tcd_lv_`."""

from django.contrib import messages
from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..roles import Role
from . import columns as list_columns
from . import services
from .loading import list_key, views_of
from .models import ListView


def _name(model_admin, what: str) -> str:
    opts = model_admin.model._meta
    return f"{opts.app_label}_{opts.model_name}_{what}"


def urls(model_admin) -> list:
    """The list's endpoints, put before the admin's own (whose catch-all would take
    them for a record's address)."""
    wrap = model_admin.admin_site.admin_view

    def bind(view):
        return wrap(require_POST(lambda request, **kw: view(model_admin, request, **kw)))

    return [
        path(
            "list-views/columns/",
            bind(choose_columns),
            name=_name(model_admin, "list_columns"),
        ),
        path(
            "list-views/filters/",
            bind(save_filter),
            name=_name(model_admin, "list_filter_save"),
        ),
        path(
            "list-views/filters/<int:view_id>/",
            bind(change_filter),
            name=_name(model_admin, "list_filter_change"),
        ),
    ]


def _list_url(model_admin) -> str:
    return reverse(
        f"admin:{_name(model_admin, 'changelist')}", current_app=model_admin.admin_site.name
    )


def _back(model_admin, request, *, drop_order: bool = False) -> HttpResponseRedirect:
    """Back to the list as it was (only its query is taken from the form: the address
    is the list's own)."""
    params = QueryDict(request.POST.get("tcd_lv_back", ""), mutable=True)
    if drop_order:  # the order names columns by position, which have moved
        params.pop(ORDER_VAR, None)
        params.pop(PAGE_VAR, None)
    query = params.urlencode()
    return HttpResponseRedirect(_list_url(model_admin) + (f"?{query}" if query else ""))


def _may_use(model_admin, request) -> None:
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied


def _refused(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def choose_columns(model_admin, request):
    _may_use(model_admin, request)
    try:
        if request.POST.get("tcd_lv_reset"):
            services.reset_list_columns(model_admin, request)
            messages.success(request, _("The list shows its own columns again."))
        else:
            names = request.POST.getlist("tcd_lv_column")
            services.choose_list_columns(model_admin, request, names)
            messages.success(request, _("Your columns are kept for this list."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(model_admin, request, drop_order=True)


def save_filter(model_admin, request):
    _may_use(model_admin, request)
    ordering = [o for o in request.POST.get("tcd_lv_order", "").split(",") if o]
    try:
        view = services.save_list_filter(
            model_admin,
            request,
            name=request.POST.get("tcd_lv_name", ""),
            query=request.POST.get("tcd_lv_query", ""),
            ordering=ordering,
            shared_role=request.POST.get("tcd_lv_role", ""),
        )
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Filter “%(name)s” saved.") % {"name": view.name})
    return _back(model_admin, request)


def change_filter(model_admin, request, view_id: int):
    """Rename, share or delete one of the user's own filters (another's: 404)."""
    _may_use(model_admin, request)
    try:
        if request.POST.get("tcd_lv_delete") == str(view_id):
            view = services.own_filter(model_admin, request, view_id)
            services.delete_list_filter(model_admin, request, view_id)
            messages.success(request, _("Filter “%(name)s” deleted.") % {"name": view.name})
        else:
            view = services.rename_list_filter(
                model_admin,
                request,
                view_id,
                name=request.POST.get(f"tcd_lv_name_{view_id}", ""),
                shared_role=request.POST.get(f"tcd_lv_role_{view_id}", ""),
            )
            messages.success(request, _("Filter “%(name)s” saved.") % {"name": view.name})
    except ListView.DoesNotExist:
        raise Http404 from None
    except ValidationError as exc:
        _refused(request, exc)
    return _back(model_admin, request)


# -- the panel ---------------------------------------------------------------------
def _href(model_admin, cl, names: list[str], view: ListView) -> str:
    params = QueryDict(view.query, mutable=True)
    order = list_columns.order_param(cl, names, view.ordering)
    if order:
        params[ORDER_VAR] = order
    query = params.urlencode()
    return _list_url(model_admin) + (f"?{query}" if query else "")


def panel(cl, request) -> dict | None:
    """What the panel shows on this list for this viewer, or None (not one of the
    desk's rule lists, or a picker's popup)."""
    model_admin = cl.model_admin
    if not getattr(model_admin, "list_views", False) or cl.is_popup:
        return None
    names = list_columns.shown_names(model_admin, request)
    shown = set(names)
    offered = list_columns.available(model_admin, request)
    columns = [
        {"name": n, "label": list_columns.label(model_admin, n), "shown": n in shown}
        for n in [*names, *(n for n in offered if n not in shown)]
    ]
    views = views_of(request, list_key(model_admin.model))
    params = request.GET.copy()
    order = list_columns.order_names(cl, names, params.get(ORDER_VAR, ""))
    for key in (ORDER_VAR, PAGE_VAR):
        params.pop(key, None)
    own = [
        {
            "view": v,
            "href": _href(model_admin, cl, names, v),
            "change_url": reverse(f"admin:{_name(model_admin, 'list_filter_change')}", args=[v.pk]),
        }
        for v in views.own
    ]
    shared = [
        {"view": v, "href": _href(model_admin, cl, names, v)}
        for v in views.shared
        if services.allows(model_admin, request, v)
    ]
    return {
        "columns": columns,
        "own": own,
        "shared": shared,
        "roles": Role.choices,
        "query": params.urlencode(),
        "order": ",".join(order),
        "back": request.GET.urlencode(),
        "columns_url": reverse(f"admin:{_name(model_admin, 'list_columns')}"),
        "save_url": reverse(f"admin:{_name(model_admin, 'list_filter_save')}"),
        "customised": names != [list_columns.column_name(c) for c in model_admin.list_display],
        "current": _current(views, params.urlencode(), order),
    }


def _current(views, query: str, order: list[str]):
    """The saved filter the list shows now, if any (its name on the dropdown)."""
    for view in [*views.own, *views.shared]:
        if QueryDict(view.query) == QueryDict(query) and view.ordering == order:
            return view
    return None

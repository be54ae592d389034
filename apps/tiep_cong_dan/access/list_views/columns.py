"""The columns a desk list offers its viewer and those they chose, in their order.

A list offers what its admin declares: `list_display` (what it shows by default) and
`list_display_optional` (columns a user may add). An optional column on a field the
type's rule masks from the viewer is never offered; the default columns are those
shown today, each masked per row as before (the petitioner of a denunciation)."""

from django.contrib.admin.utils import label_for_field
from django.utils.text import capfirst

from .loading import list_key, views_of

ACTION_CHECKBOX = "action_checkbox"


def column_name(entry) -> str:
    return entry if isinstance(entry, str) else getattr(entry, "__name__", str(entry))


def _order_path(model_admin, name: str) -> str:
    attr = getattr(model_admin, name, None)
    order = getattr(attr, "admin_order_field", None) if attr is not None else None
    return order if isinstance(order, str) else name


def available(model_admin, request) -> list[str]:
    """The names of the columns the viewer may show, the default ones first."""
    declared = [column_name(c) for c in model_admin.list_display]
    names = list(dict.fromkeys(declared))
    rule, user = model_admin.rule, request.user
    for name in getattr(model_admin, "list_display_optional", ()):
        if name in names:
            continue
        if rule.reveals_masked(user, name) or rule.reveals_masked(
            user, _order_path(model_admin, name)
        ):
            continue
        names.append(name)
    return names


def chosen(model_admin, request) -> list[str] | None:
    """The viewer's columns in their order, or None for the list's own."""
    saved = views_of(request, list_key(model_admin.model)).columns
    if not saved:
        return None
    offered = set(available(model_admin, request))
    kept = [c for c in saved if c in offered]
    return kept or None


def shown(model_admin, request, declared: list) -> list:
    """`declared` (the admin's list_display entries) as the viewer chose them."""
    names = chosen(model_admin, request)
    if names is None:
        return declared
    by_name = {column_name(c): c for c in declared}
    return [by_name.get(n, n) for n in names]


def shown_names(model_admin, request) -> list[str]:
    names = chosen(model_admin, request)
    return names if names is not None else [column_name(c) for c in model_admin.list_display]


def label(model_admin, name: str) -> str:
    try:
        text = label_for_field(name, model_admin.model, model_admin)
    except AttributeError:
        text = name
    return capfirst(str(text))


def order_names(cl, names: list[str], order: str) -> list[str]:
    """The list's `o` parameter ("4.-2": columns by position) as column names."""
    offset = 1 if cl.list_display and cl.list_display[0] == ACTION_CHECKBOX else 0
    found = []
    for part in (order or "").split("."):
        _head, sign, index = part.rpartition("-")
        try:
            position = int(index) - offset
        except ValueError:
            continue
        if 0 <= position < len(names):
            found.append(f"{'-' if sign else ''}{names[position]}")
    return found


def order_param(cl, names: list[str], ordering: list[str]) -> str:
    """Column names back into the `o` parameter, for the columns shown now."""
    offset = 1 if cl.list_display and cl.list_display[0] == ACTION_CHECKBOX else 0
    parts = []
    for entry in ordering:
        name = entry.lstrip("-")
        if name in names:
            parts.append(f"{'-' if entry.startswith('-') else ''}{names.index(name) + offset}")
    return ".".join(parts)

"""A list's rows counted by one column ("Nhóm theo"): the columns an admin declares
groupable (`group_by_fields`), counted over the very rows the list shows (its rule's
scope, filters and search) in one GROUP BY, each count linking to the list narrowed to
its value.

A masked row still counts (the figure is the list's own); a column the rule masks
from the viewer is never offered, so a group's label cannot name a masked identity.
"""

from dataclasses import dataclass

from django.contrib.admin.views.main import PAGE_VAR
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext as _

GROUP_VAR = "_group"
MOST_GROUPS = 300  # more values than this (a unit per commune is 65): the rest summed


@dataclass(frozen=True)
class Group:
    label: str
    count: int
    url: str


def groupable(admin, user) -> list:
    """The admin's declared columns this viewer may group by: (name, field)."""
    fields = []
    for name in getattr(admin, "group_by_fields", ()) or ():
        field = admin.model._meta.get_field(name)
        if admin.rule.reveals_masked(user, name):
            continue
        fields.append((name, field))
    return fields


def _lookup(name: str, field) -> str:
    """The address-bar filter a group's link sets (the same the list's filters use)."""
    if field.is_relation:
        return f"{name}__id__exact"
    return f"{name}__exact"


def _labels(field, keys: list) -> dict:
    """Each value's words: a choice's label, a related record's name, yes/no."""
    if field.is_relation:
        related = field.related_model
        linked = [f.name for f in related._meta.concrete_fields if f.many_to_one]
        found = related._default_manager.select_related(*linked).filter(
            pk__in=[k for k in keys if k is not None]
        )
        return {obj.pk: str(obj) for obj in found}
    if getattr(field, "flatchoices", None):
        return {value: str(label) for value, label in field.flatchoices}
    if isinstance(field, models.BooleanField):
        return {True: _("Yes"), False: _("No")}
    return {k: str(k) for k in keys}


def _groups(cl, name: str, field) -> tuple[list[Group], int]:
    rows = cl.queryset.order_by().values(name)
    counted = list(
        rows.annotate(tcd_n=Count("pk", distinct=bool(cl.queryset.query.distinct)))
        .order_by()
        .values_list(name, "tcd_n")
    )
    labels = _labels(field, [value for value, _n in counted])
    lookup = _lookup(name, field)
    # A related column's list filter takes "<name>__isnull" and ignores it (the theme's
    # picker filters): through the key, it is the list's own condition.
    null = f"{name}__id__isnull" if field.is_relation else f"{name}__isnull"
    others = [k for k in cl.params if k.startswith(f"{name}__") or k == name]
    groups = []
    for value, n in counted:
        if value is None or value == "":
            label = _("(empty)")
            params = {null: "True"} if value is None else {f"{name}__exact": ""}
        else:
            label = labels.get(value, str(value))
            params = {lookup: value}
        # Keys dropped one by one: the list's `remove` drops every key with that prefix.
        url = cl.get_query_string({**dict.fromkeys([PAGE_VAR, *others]), **params})
        groups.append(Group(label, n, url))
    groups.sort(key=lambda g: (-g.count, g.label))
    return groups[:MOST_GROUPS], sum(g.count for g in groups[MOST_GROUPS:])


def group_panel(admin, request, cl, chosen: str | None) -> dict | None:
    """What the list's "Nhóm theo" control shows: the columns offered and, when one is
    chosen, its counts. None: the list declares no groupable column."""
    offered = groupable(admin, request.user)
    if not offered:
        return None
    choices = [
        {
            "name": name,
            "label": str(field.verbose_name),
            "url": cl.get_query_string({GROUP_VAR: name, PAGE_VAR: None}),
            "chosen": name == chosen,
        }
        for name, field in offered
    ]
    panel = {
        "choices": choices,
        "chosen": None,
        "clear_url": cl.get_query_string({GROUP_VAR: None, PAGE_VAR: None}),
        "error": "",
    }
    if chosen is None or chosen == "":
        return panel
    fields = dict(offered)
    if chosen not in fields:
        panel["error"] = _("The list cannot be grouped by “%(column)s”.") % {"column": chosen[:40]}
        return panel
    groups, rest = _groups(cl, chosen, fields[chosen])
    panel.update(
        chosen=str(fields[chosen].verbose_name),
        groups=groups,
        rest=rest,
        total=sum(g.count for g in groups) + rest,
    )
    return panel

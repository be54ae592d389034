"""The desk's global search (the command palette and the search page): each document
type declares what it contributes in its own folder's `global_search.py` (discovered at
start-up, core/discovery.py), so the page never names a type. Every row comes through
the type's rule: its rows (`rule.queryset`) and its search (`rule.search`, which for a
petition never finds a denunciation by its denouncer for those not cleared)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet
from django.urls import NoReverseMatch, reverse

from .rules import rule_for

# Rows shown per type; one more is read to tell whether the type has more.
ROWS_PER_TYPE = 6


@dataclass(frozen=True)
class Finder:
    """What a document type contributes: its rows found by a term, and how a row reads.
    `label` and `detail` must show only what the type's list shows this viewer."""

    model: type[Model]
    label: Callable[[object, Model], str]  # (user, record) -> the row's title
    detail: Callable[[object, Model], str] = lambda user, obj: ""
    order: int = 100
    related: tuple[str, ...] = ()  # what label and detail read, fetched with the rows
    # Called with the rows shown (a denouncer's name shown to a cleared user is logged).
    log_shown: Callable[[object, list], None] | None = None
    narrow: Callable[[QuerySet], QuerySet] = field(default=lambda qs: qs)

    def rows(self, user, term: str, limit: int) -> list[Model]:
        rule = rule_for(self.model)
        qs = rule.search(user, rule.queryset(user), term)
        qs = self.narrow(qs.select_related(*self.related) if self.related else qs)
        return list(qs[: limit + 1])


_FINDERS: list[Finder] = []


def register(finder: Finder) -> Finder:
    _FINDERS.append(finder)
    _FINDERS.sort(key=lambda f: f.order)
    return finder


def finders() -> list[Finder]:
    return list(_FINDERS)


@dataclass
class Group:
    title: str
    model: str
    rows: list[dict]
    more: bool
    list_url: str


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def search_everything(request, term: str, limit: int = ROWS_PER_TYPE) -> list[Group]:
    """The groups of records `term` finds, each type's within the user's rule (types
    the user may not open are not asked)."""
    from urllib.parse import urlencode

    term = " ".join(term.split())
    user = request.user
    groups = []
    if not term:
        return groups
    for finder in finders():
        rule = rule_for(finder.model)
        if not rule.can_view(user):
            continue
        found = finder.rows(user, term, limit)
        shown = found[:limit]
        if not shown:
            continue
        if finder.log_shown is not None:
            finder.log_shown(request, shown)
        opts = finder.model._meta
        change = f"admin:{opts.app_label}_{opts.model_name}_change"
        rows = [
            {
                "label": finder.label(user, obj),
                "detail": finder.detail(user, obj),
                "url": _url(change, obj.pk),
            }
            for obj in shown
        ]
        changelist = _url(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        groups.append(
            Group(
                title=str(opts.verbose_name_plural).capitalize(),
                model=opts.model_name,
                rows=rows,
                more=len(found) > limit,
                list_url=f"{changelist}?{urlencode({'q': term})}" if changelist else "",
            )
        )
    return groups

"""One search for every desk list and picker: words in any order, accents or not, the
same on SQLite and MariaDB, answered from each record's search column
(core/search.py `SearchableModel`) and ranked (the title equal to the words, then
starting with them, then holding them all).

What a list searches is still declared by its admin's `search_fields`: a plain field is
found through the search column of the model it belongs to (its own, or a related
record's: "bridge_point__name" through the bridge point's column); "=field" matches
exactly and "^field" from the start, as in Django (numbers and codes as written). A type
whose rule has its own search (the petition: a denouncer is not found by identity for
those not cleared) answers through it. A list of a log, searched by identifiers as they
are written, says so in `word_search_exempt` with its reason; a test over every
registered admin holds each to one of these.
"""

from django.conf import settings
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.db.models import Q, QuerySet

from ..core.search import SearchableModel, SearchRank
from .rules import DocRule, rule_or_none


def searchable(model) -> bool:
    return isinstance(model, type) and issubclass(model, SearchableModel)


def has_own_search(rule: DocRule | None) -> bool:
    """Whether a type's rule searches by itself (rather than by its column)."""
    return rule is not None and type(rule).search is not DocRule.search


def searched_count_cap(page_number: int, per_page: int) -> int:
    """How far a list searched by its type's own rule is counted (the desk's and the
    API's alike): a common name is counted by checking each case in the list's order,
    so the count stops at TCD_SEARCH_COUNT_CAP, or at the end of the page after the
    one asked for (1-based), so that page's link is still offered."""
    return max(settings.TCD_SEARCH_COUNT_CAP, (page_number + 1) * per_page)


def column_paths(model, search_fields) -> list[str]:
    """The search columns a list's plain search fields are found through: the model's
    own, and those of the related records a field path goes through."""
    paths: list[str] = []
    for entry in search_fields:
        if entry[:1] in "=^@":
            continue
        *relations, _field = entry.split("__")
        target = model
        for name in relations:
            target = target._meta.get_field(name).related_model
        if searchable(target):
            path = "__".join([*relations, "search_text"])
            if path not in paths:
                paths.append(path)
    return paths


def plain_fields_covered(model, search_fields) -> list[str]:
    """The plain search fields no search column covers (for the test and the check)."""
    missing = []
    for entry in search_fields:
        if entry[:1] in "=^@":
            continue
        *relations, field = entry.split("__")
        target = model
        for name in relations:
            target = target._meta.get_field(name).related_model
        if not (searchable(target) and field in target.search_sources()):
            missing.append(entry)
    return missing


def masked_from(rule: DocRule | None, user) -> frozenset[str]:
    return rule.masked_paths(user) if rule is not None else frozenset()


def exact_condition(search_fields, term: str) -> Q:
    condition = Q(pk__in=[])
    for entry in search_fields:
        if entry.startswith("="):
            condition |= Q(**{f"{entry[1:]}__iexact": term})
        elif entry.startswith("^"):
            condition |= Q(**{f"{entry[1:]}__istartswith": term})
    return condition


def search_rows(model, user, qs: QuerySet, term: str, search_fields=()) -> QuerySet:
    """The rows of `qs` that `term` finds, best matches first (see the module)."""
    term = " ".join(term.split())
    if not term:
        return qs
    rule = rule_or_none(model)
    if has_own_search(rule):
        return rule.search(user, qs, term)
    condition = exact_condition(search_fields, term)
    paths = column_paths(model, search_fields)
    own = searchable(model) and not (model.search_sources() & masked_from(rule, user))
    if own and "search_text" not in paths:
        paths.insert(0, "search_text")
    elif not own and "search_text" in paths:
        paths.remove("search_text")  # it holds words the rule hides from this user
    for path in paths:
        condition |= Q(**{f"{path}__words": term})
    qs = qs.filter(condition)
    if own:
        order = list(qs.query.order_by or model._meta.ordering)
        qs = qs.annotate(search_rank=SearchRank("search_text", term))
        qs = qs.order_by("search_rank", *order)
    return qs


class WordSearchMixin:
    """Put on every desk admin base: its list's search box and its pickers' suggestions
    go through `search_rows`."""

    # A log searched by identifiers as written (login names, addresses, task ids):
    # the reason, shown by the test that holds every list to the word search.
    word_search_exempt: str | None = None

    def get_search_results(self, request, queryset, search_term):
        if self.word_search_exempt:
            return super().get_search_results(request, queryset, search_term)
        fields = self.get_search_fields(request)
        found = search_rows(self.model, request.user, queryset, search_term, fields)
        # A field through a to-many relation may match a row several times.
        duplicates = any(
            lookup_spawns_duplicates(self.model._meta, f.lstrip("=^@")) for f in fields
        )
        return found, duplicates and not has_own_search(rule_or_none(self.model))

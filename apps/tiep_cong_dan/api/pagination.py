"""Pages of a list: `?page=` must be a page number ("last" too); a page past the end is
"not found", as DRF has it, but a word or a negative number is the caller's mistake.

The count is the desk's remembered capped count (access.desk.RememberedCapPaginator): exact up to
TCD_LIST_COUNT_CAP, beyond it the cap plus one and `count_exact` false, so the first
page of a million rows does not count them all. A list searched by its type's own rule
(the petition: a common name checked case by case) is counted as the desk counts it,
up to `searched_count_cap` (access/search.py).

A list whose view offers its reader's scope as index branches (`scope_branches`, as
the desk's lists: access/branches.py) is read as the desk reads it: the page's keys
from the union of short index ranges, then its rows by key through the rule's own
query. A district officer's first page of petitions: 0.7 s sorted whole, a few ms so.
The response is the same, links and count included."""

from functools import partial

from django.conf import settings
from django.core.paginator import InvalidPage, Page
from django.db.models import Q
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from ..access.desk import RememberedCapPaginator
from ..access.rules import rule_or_none
from ..access.scope_count import whole_scope_counter
from ..access.search import has_own_search, searched_count_cap


class CheckedPageNumberPagination(PageNumberPagination):
    django_paginator_class = RememberedCapPaginator

    def paginate_queryset(self, queryset, request, view=None):
        offered = getattr(view, "scope_branches", None)
        plan = offered() if offered is not None else None
        if plan is None:
            # DRF builds the paginator itself: this page's is told its cap.
            cap = self._count_cap(request, view)
            # Exactly the reader's scope: counted by the rule's own means if it has any.
            counter = whole_scope_counter(queryset, request.user, cap)
            self.django_paginator_class = partial(RememberedCapPaginator, cap=cap, counter=counter)
            return super().paginate_queryset(queryset, request, view)
        return self._paginate_by_branches(queryset, request, view, *plan)

    def _count_cap(self, request, view) -> int:
        """The list's cap, or the searched list's when its type's rule searches by
        itself (`has_own_search`): as far as the desk counts the same search."""
        model = getattr(getattr(view, "queryset", None), "model", None)
        term = request.query_params.get("search", "").strip()
        if not term or not has_own_search(rule_or_none(model)):
            return settings.TCD_LIST_COUNT_CAP
        text = request.query_params.get(self.page_query_param, "").strip()
        number = int(text) if text.isdecimal() and len(text) <= 9 else 1
        return searched_count_cap(number, self.get_page_size(request))

    def _paginate_by_branches(self, queryset, request, view, branches, rows) -> list:
        """`rows`: the list's rows with its filters, before the scope; `queryset`: the
        same through the rule, which reads the page's rows by their keys."""
        self.request = request
        page_size = self.get_page_size(request)
        cap = self._count_cap(request, view)
        # The remembered count's key is the scope's own query (its conditions and the
        # filters), as for any other list.
        scoped = rows.filter(Q(*branches.counts, _connector=Q.OR))
        paginator = RememberedCapPaginator(
            scoped, page_size, counter=lambda: branches.capped_count(rows, cap)
        )
        page_number = self.get_page_number(request, paginator)
        try:
            number = paginator.validate_number(page_number)
        except InvalidPage as exc:
            message = self.invalid_page_message.format(page_number=page_number, message=str(exc))
            raise NotFound(message) from exc
        offset = (number - 1) * page_size
        ids = branches.page_ids(rows, offset, page_size, paginator.count)
        found = {obj.pk: obj for obj in queryset.order_by().filter(pk__in=ids)}
        self.page = Page([found[pk] for pk in ids if pk in found], number, paginator)
        if paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True
        return list(self.page)

    def get_page_number(self, request, paginator):
        text = str(super().get_page_number(request, paginator)).strip()  # "last": a number
        if not text.isdecimal() or len(text) > 9 or int(text) < 1:
            raise ValidationError({self.page_query_param: ["Số trang phải là số nguyên dương."]})
        return text

    def get_paginated_response(self, data) -> Response:
        response = super().get_paginated_response(data)
        response.data["count_exact"] = self.page.paginator.count_exact
        return response

    def get_paginated_response_schema(self, schema: dict) -> dict:
        described = super().get_paginated_response_schema(schema)
        described["properties"]["count_exact"] = {
            "type": "boolean",
            "description": "False when there are more rows than `count` says (capped).",
        }
        described["required"] = [*described.get("required", []), "count_exact"]
        return described

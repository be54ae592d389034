"""Pages of a list: `?page=` must be a page number ("last" too); a page past the end is
"not found", as DRF has it, but a word or a negative number is the caller's mistake.

The count is the desk's capped count (access.desk.CappedCountPaginator): exact up to
TCD_LIST_COUNT_CAP, beyond it the cap plus one and `count_exact` false, so the first
page of a million rows does not count them all."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.utils.functional import cached_property
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from ..access.desk import CappedCountPaginator

# How long a list once found longer than the cap is taken to be so without counting
# again: a list of more than TCD_LIST_COUNT_CAP rows does not fall under it in minutes.
OVER_CAP_SECONDS = 300


class RememberedCapPaginator(CappedCountPaginator):
    """The capped count, remembered (in the cache, per query: the reader's scope and
    filters are in its SQL) when the list is longer than the cap: its answer, "more
    than the cap", would cost the same ten thousand index entries on every page
    otherwise. A shorter list is counted exactly each time."""

    @cached_property
    def count(self) -> int:
        cap = settings.TCD_LIST_COUNT_CAP
        key = None
        try:
            sql, params = self.object_list.order_by().query.sql_with_params()
            text = f"{self.object_list.db}:{sql}:{params!r}"
            key = "tcd-api-over-cap:" + hashlib.sha256(text.encode()).hexdigest()
        except (AttributeError, TypeError, EmptyResultSet, FullResultSet):
            pass  # not a queryset, or one whose SQL says no rows: counted as it is
        if key is not None and cache.get(key):
            return cap + 1
        count = super().count
        if key is not None and count > cap:
            cache.set(key, True, OVER_CAP_SECONDS)
        return count


class CheckedPageNumberPagination(PageNumberPagination):
    django_paginator_class = RememberedCapPaginator

    def get_page_number(self, request, paginator):
        text = str(super().get_page_number(request, paginator)).strip()  # "last": a number
        if not text.isdecimal() or len(text) > 9 or int(text) < 1:
            raise ValidationError({self.page_query_param: ["Số trang phải là số nguyên dương."]})
        return text

    def get_paginated_response(self, data) -> Response:
        response = super().get_paginated_response(data)
        count = self.page.paginator.count
        response.data["count_exact"] = count <= settings.TCD_LIST_COUNT_CAP
        return response

    def get_paginated_response_schema(self, schema: dict) -> dict:
        described = super().get_paginated_response_schema(schema)
        described["properties"]["count_exact"] = {
            "type": "boolean",
            "description": "False when there are more rows than `count` says (capped).",
        }
        described["required"] = [*described.get("required", []), "count_exact"]
        return described

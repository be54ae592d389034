"""Pages of a list: `?page=` must be a page number ("last" too); a page past the end is
"not found", as DRF has it, but a word or a negative number is the caller's mistake.

The count is the desk's capped count (access.desk.CappedCountPaginator): exact up to
TCD_LIST_COUNT_CAP, beyond it the cap plus one and `count_exact` false, so the first
page of a million rows does not count them all."""

from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from ..access.desk import CappedCountPaginator


class CheckedPageNumberPagination(PageNumberPagination):
    django_paginator_class = CappedCountPaginator

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

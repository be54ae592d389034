"""Pages of a list: `?page=` must be a page number ("last" too); a page past the end is
"not found", as DRF has it, but a word or a negative number is the caller's mistake."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class CheckedPageNumberPagination(PageNumberPagination):
    def get_page_number(self, request, paginator):
        text = str(super().get_page_number(request, paginator)).strip()  # "last": a number
        if not text.isdecimal() or len(text) > 9 or int(text) < 1:
            raise ValidationError({self.page_query_param: ["Số trang phải là số nguyên dương."]})
        return text

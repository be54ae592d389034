from django.contrib import admin

from ...access.desk import RuleAdmin
from .models import Agency


@admin.register(Agency)
class AgencyAdmin(RuleAdmin):
    list_display = ["name", "kind", "unit", "head_title", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["parent", "unit"]

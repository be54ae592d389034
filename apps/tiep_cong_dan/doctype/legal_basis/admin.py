from django.contrib import admin

from ...access.desk import RuleAdmin
from .models import LegalBasis


@admin.register(LegalBasis)
class LegalBasisAdmin(RuleAdmin):
    list_display = ["code", "kind", "article", "citation", "valid_from", "valid_to", "documents"]
    list_filter = ["kind"]
    search_fields = ["code", "citation", "documents"]
    fields = [
        ("code", "kind"),
        "citation",
        ("article", "source"),
        ("valid_from", "valid_to"),
        ("documents", "position"),
    ]

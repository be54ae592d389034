from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ...access.desk import RuleAdmin
from .constants import POINT_PLACEHOLDER, CitingDocument
from .models import LegalBasis


@admin.register(LegalBasis)
class LegalBasisAdmin(RuleAdmin):
    list_display = [
        "code",
        "kind",
        "article_shown",
        "citation",
        "valid_from",
        "valid_to",
        "documents_named",
    ]
    list_filter = ["kind"]
    search_fields = ["code", "citation", "documents"]
    fields = [
        ("code", "kind"),
        "citation",
        ("article", "source"),
        ("valid_from", "valid_to"),
        ("documents", "position"),
    ]

    @admin.display(description=_("article, clause"), ordering="article")
    def article_shown(self, obj: LegalBasis) -> str:
        """The article as a reader says it: the point the refusal's ground fills in is
        "điểm …", not the stored placeholder."""
        return obj.article.replace(POINT_PLACEHOLDER, "điểm …,")

    @admin.display(description=_("cited by"), ordering="documents")
    def documents_named(self, obj: LegalBasis) -> str:
        """The documents by their names, not the print formats' codes."""
        names = dict(CitingDocument.choices)
        return "; ".join(str(names.get(code, code)) for code in obj.document_codes)

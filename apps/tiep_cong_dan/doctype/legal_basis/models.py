from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.fields import ShortTextField
from ...core.search import SearchableModel
from .constants import BasisKind, CitingDocument


class LegalBasis(SearchableModel):
    """A legal text as documents cite it, with the days it is in force: a document
    prints what was in force on its own date (Decree 154/2026 replaced Decree 64/2014
    on 2026-07-01 and brought its own forms 01/TCD and 02/TCD)."""

    search_title = ("citation",)
    search_also = ("code", "documents")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=BasisKind.choices, default=BasisKind.BASIS
    )
    citation = ShortTextField(
        _("citation"),
        max_length=400,
        help_text=_(
            'As documents print it: "Luật Tiếp công dân", "Nghị định số 154/2026/NĐ-CP '
            'ngày 15 tháng 5 năm 2026 của Chính phủ …"; for a form, its code ("Mẫu số 01/TCD").'
        ),
    )
    article = ShortTextField(
        _("article, clause"),
        max_length=120,
        blank=True,
        help_text=_(
            'Printed before the citation ("khoản 3 Điều 9"). "[điểm]" stands for the point '
            'of the refusal ground ("điểm h,").'
        ),
    )
    source = ShortTextField(
        _("issued with"),
        max_length=200,
        blank=True,
        help_text=_('For a form: the text it belongs to ("Nghị định số 154/2026/NĐ-CP").'),
    )
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    documents = models.CharField(
        _("cited by"),
        max_length=200,
        blank=True,
        help_text=_(
            "Codes of the documents that cite it, separated by commas: "
            "refusal_notice, receipt, reply_letter."
        ),
    )
    position = models.PositiveSmallIntegerField(
        _("order"), default=1, help_text=_("Order among the texts a document cites.")
    )
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["position", "valid_from", "code"]

    def __str__(self) -> str:
        text = f"{self.article} {self.citation}".strip()
        return text.replace("[điểm] ", "")

    @property
    def document_codes(self) -> list[str]:
        return [code.strip() for code in self.documents.split(",") if code.strip()]

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            errors["valid_to"] = [
                ValidationError(
                    _("The end of validity cannot be before its start."), code="bad_range"
                )
            ]
        unknown = [c for c in self.document_codes if c not in CitingDocument.values]
        if unknown:
            errors["documents"] = [
                ValidationError(
                    _("Unknown document code: %(codes)s. Known: %(known)s."),
                    code="unknown_document",
                    params={
                        "codes": ", ".join(unknown),
                        "known": ", ".join(CitingDocument.values),
                    },
                )
            ]
        else:
            self.documents = ", ".join(dict.fromkeys(self.document_codes))
        if errors:
            raise ValidationError(errors)

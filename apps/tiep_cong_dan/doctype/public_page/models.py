from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.fields import LongTextField, ShortTextField
from ...core.search import SearchableModel
from ...core.validators import LONG_TEXT

# Lower-case words joined by hyphens, as the page's address shows it (/thong-tin/noi-quy/).
slug_shape = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lower-case letters without accents, digits and hyphens (noi-quy-tiep-cong-dan)."),
    code="bad_slug",
)


class PublicPage(SearchableModel):
    """A page of the citizens' public site written by the Board: the Reception Office's
    address and hours, the reception rules, the process (Decree 154/2026 Art. 11(2):
    posted at the office and published on the site). The body is plain text: blank lines
    part paragraphs, lines starting with "- " or "1. " make lists; nothing else is
    interpreted, so no markup typed in the desk reaches a citizen's browser."""

    search_title = ("title",)
    search_also = ("slug",)

    slug = models.CharField(
        _("page address"),
        max_length=60,
        unique=True,
        validators=[slug_shape],
        help_text=_("The page's address after /thong-tin/, e.g. noi-quy-tiep-cong-dan."),
    )
    title = ShortTextField(_("title"), max_length=200)
    summary = ShortTextField(
        _("page summary"),
        max_length=300,
        blank=True,
        help_text=_("One sentence shown under the title in the list of pages."),
    )
    body = LongTextField(
        _("content"),
        max_length=LONG_TEXT,
        help_text=_(
            'Plain text. A blank line starts a new paragraph; lines beginning with "- " '
            'make a bulleted list, with "1. " a numbered one.'
        ),
    )
    position = models.PositiveSmallIntegerField(
        _("order"), default=10, help_text=_("Order among the pages (smaller first).")
    )
    published = models.BooleanField(
        _("published"), default=True, help_text=_("Shown on the public site.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("public information page")
        verbose_name_plural = _("public information pages")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

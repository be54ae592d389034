from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..roles import Role


class ListViewKind(models.TextChoices):
    COLUMNS = "columns", _("Columns")
    FILTER = "filter", _("Saved filter")


class ListView(models.Model):
    """A user's view of one desk list: their choice of columns (one per user and list,
    without a name) or a named filter, kept by its address's query and optionally
    shared with a role. One table for both, so a list page reads what its viewer chose
    and the filters offered to them in a single query."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tcd_list_views",
        verbose_name=_("owner"),
    )
    # The list: the model's label ("tiep_cong_dan.petition").
    list_key = models.CharField(_("list"), max_length=100)
    kind = models.CharField(_("kind"), max_length=8, choices=ListViewKind.choices)
    name = models.CharField(_("name"), max_length=80, blank=True)
    # The filter's query without its order (the list's filters and search words).
    query = models.CharField(_("filter"), max_length=1000, blank=True)
    # Column names: the columns shown in order, or the filter's order ("-received_date").
    columns = models.JSONField(_("columns"), default=list, blank=True)
    ordering = models.JSONField(_("order"), default=list, blank=True)
    shared_role = models.CharField(
        _("shared with"), max_length=40, choices=Role.choices, blank=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("list view")
        verbose_name_plural = _("list views")
        constraints = [
            # The column choice has no name: one per user and list.
            models.UniqueConstraint(
                fields=["owner", "list_key", "kind", "name"], name="list_view_unique_name"
            ),
        ]
        indexes = [models.Index(fields=["list_key", "shared_role"], name="list_view_shared")]

    def __str__(self) -> str:
        return self.name or str(self.get_kind_display())

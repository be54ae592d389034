"""The desk: the site's titles, and every folder's `admin.py` (its pages), discovered."""

from django.contrib import admin
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from .access.desk import autocomplete_view
from .core.discovery import discover

discover("admin")

admin.site.site_header = _("Online citizen reception")
admin.site.site_title = _("Online citizen reception")
admin.site.index_title = _("Desk")
admin.site.index_template = "tiep_cong_dan/dashboard/index.html"
# The pickers' suggestions go through the same logging as every page.
admin.site.autocomplete_view = autocomplete_view(admin.site)

_all_applications = admin.site.get_app_list


def _applications_when_shown(request, app_label=None):
    """Every desk page's context carries the list of all applications (each model's
    rights and addresses: two dozen rule checks, fifty URL reversals and a query), which
    the theme's sidebar does not draw (it shows its own navigation): built only when a
    page reads it (the index, an application's page)."""
    return SimpleLazyObject(lambda: _all_applications(request, app_label))


admin.site.get_app_list = _applications_when_shown

"""The desk: the site's titles, and every folder's `admin.py` (its pages), discovered."""

from django.contrib import admin
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

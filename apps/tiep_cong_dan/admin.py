"""Desk registrations, each living beside its document type."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .access import admin as _access  # noqa: F401
from .access.desk import autocomplete_view
from .api import admin as _api  # noqa: F401
from .doctype.admin_unit import admin as _admin_unit  # noqa: F401
from .doctype.agency import admin as _agency  # noqa: F401
from .doctype.bridge_point import admin as _bridge_point  # noqa: F401
from .doctype.citizen import admin as _citizen  # noqa: F401
from .doctype.legal_basis import admin as _legal_basis  # noqa: F401
from .doctype.monthly_report import admin as _monthly_report  # noqa: F401
from .doctype.notification import admin as _notification  # noqa: F401
from .doctype.petition import admin as _petition  # noqa: F401
from .doctype.reception_session import admin as _session  # noqa: F401
from .doctype.result_notice import admin as _notice  # noqa: F401
from .doctype.working_calendar import admin as _calendar  # noqa: F401
from .jobs import admin as _jobs  # noqa: F401
from .print_format import admin as _print_format  # noqa: F401
from .security import admin as _security  # noqa: F401
from .workflow import admin as _workflow  # noqa: F401

admin.site.site_header = _("Online citizen reception")
admin.site.site_title = _("Online citizen reception")
admin.site.index_title = _("Desk")
admin.site.index_template = "tiep_cong_dan/dashboard/index.html"
# The pickers' suggestions go through the same logging as every page.
admin.site.autocomplete_view = autocomplete_view(admin.site)

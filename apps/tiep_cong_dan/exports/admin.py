"""This feature's button above the petitions (access/attach.py): the file for the
national database."""

from django.utils.translation import gettext_lazy as _

from ..access.attach import ListButton, attach_list_button
from .desk import may_export, national_export_view

attach_list_button(
    "tiep_cong_dan.Petition",
    ListButton(
        name="national_export",
        label=_("Export for the national database"),
        icon="cloud_download",
        url_path="national-export",
        view=national_export_view,
        allowed=lambda model_admin, request: may_export(request.user),
    ),
)

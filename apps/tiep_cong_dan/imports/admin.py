"""This feature's pages and buttons on the document types' desks (access/attach.py):
the Excel register import above the petitions, the past years' records above the
sessions, each with its job page."""

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..access.attach import ListButton, Page, attach_list_button, attach_pages
from .desk import (
    import_job_view,
    import_view,
    may_import,
    register_template_view,
    template_view,
)

PETITION, SESSION = "tiep_cong_dan.Petition", "tiep_cong_dan.ReceptionSession"


def _go_to(url_name: str):
    return lambda model_admin, request: HttpResponseRedirect(reverse(f"admin:{url_name}"))


attach_pages(
    PETITION,
    Page("import/", import_view, "tiep_cong_dan_petition_import"),
    Page("import/<int:pk>/", import_job_view, "tiep_cong_dan_petition_import_job"),
    Page("import/template/", register_template_view, "tiep_cong_dan_petition_import_template"),
)
attach_list_button(
    PETITION,
    ListButton(
        name="import_register",
        label=_("Import an Excel register"),
        icon="upload_file",
        url_path="import-button",
        view=_go_to("tiep_cong_dan_petition_import"),
        allowed=lambda model_admin, request: model_admin.rule.can_add(request.user),
    ),
)
attach_pages(
    SESSION,
    Page(
        "history/",
        lambda model_admin, request: import_view(model_admin, request, "history"),
        "tiep_cong_dan_receptionsession_history_import",
    ),
    Page(
        "history/<int:pk>/",
        lambda model_admin, request, pk: import_job_view(model_admin, request, pk, "history"),
        "tiep_cong_dan_receptionsession_history_import_job",
    ),
    Page("history/template/", template_view, "tiep_cong_dan_receptionsession_history_template"),
)
attach_list_button(
    SESSION,
    ListButton(
        name="import_history",
        label=_("Import past records"),
        icon="history",
        url_path="history-button",
        view=_go_to("tiep_cong_dan_receptionsession_history_import"),
        allowed=lambda model_admin, request: may_import(request.user, "history"),
    ),
)

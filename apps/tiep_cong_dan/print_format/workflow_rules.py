"""What printing does for a workflow's steps, found at start-up with every folder's
workflow_rules.py (the workflow files name the effects): the signed monthly report,
frozen and mailed to the agencies concerned (scheme V.2)."""

from django.utils.translation import gettext_lazy

from ..core.site_profile import site_profile
from ..doctype.monthly_report.workflow_rules import agencies_concerned
from ..doctype.notification.agency_mail import mail_agency
from ..workflow.registry import effect
from .documents import DOCUMENTS
from .models import IssuedDocument
from .service import document_file


@effect(
    "monthly_report",
    "send_report_to_agencies",
    gettext_lazy("E-mail the signed report to the agencies concerned"),
    after_commit=True,
)
def send_report_to_agencies(doc, event):
    spec = DOCUMENTS["monthly_report"]
    document_file(spec, doc, None, "pdf")  # the signed copy, frozen if not yet
    signed = IssuedDocument.objects.get(
        doctype=spec.code, object_id=doc.pk, number=doc.number, variant="full", fmt="pdf"
    )
    for agency in agencies_concerned(doc):
        mail_agency(
            agency,
            key=f"monthly-report:{doc.pk}:{agency.pk}",
            # The report's own title says how the period was heard (in person, online
            # or both); the letter does not guess it.
            subject=(
                f"Báo cáo số {doc.number} về kết quả tiếp công dân của Chủ tịch UBND tỉnh "
                f"{doc.period.label}"
            ),
            body=(
                f"Kính gửi: {agency.name}\n\n"
                f"{site_profile().board} gửi Báo cáo số {doc.number} về kết quả tiếp "
                f"công dân của Chủ tịch UBND tỉnh {doc.period.label} để quý cơ quan "
                "nắm, phối hợp thực hiện (Đề án tiếp công dân trực tuyến, mục V.2).\n\n"
                f"{site_profile().board}"
            ),
            document=signed,
        )

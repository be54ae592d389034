"""Every model of the app, gathered from its document-type folder."""

from .access.grants.models import AccountChange, RoleGrant
from .access.models import ConfidentialAccess, UserScope
from .api.models import ApiToken
from .core.models import HistoryImport, NamingSeries, OutboxEntry
from .doctype.admin_unit.models import AdministrativeUnit, UnitSuccession
from .doctype.agency.models import Agency, AgencySuccession
from .doctype.bridge_point.models import BridgePoint, ConnectionTest
from .doctype.citizen.models import Citizen
from .doctype.legal_basis.models import LegalBasis
from .doctype.monthly_report.models import MonthlyReport
from .doctype.notification.models import (
    AgencyMail,
    Delivery,
    Notification,
    NotificationPreference,
)
from .doctype.petition.models import Petition, PetitionAttachment, PetitionRepresentative
from .doctype.reception_session.models import AgendaItem, Invitation, ReceptionSession
from .doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from .doctype.working_calendar.models import CalendarDay
from .imports.models import ImportJob
from .print_format.models import IssuedDocument, PrintFormat
from .security.models import OneTimePassword
from .workflow.models import Workflow, WorkflowEvent, WorkflowState, WorkflowTransition

__all__ = [
    "AccountChange",
    "AdministrativeUnit",
    "ApiToken",
    "Agency",
    "AgencyMail",
    "AgencySuccession",
    "AgendaItem",
    "Assignment",
    "BridgePoint",
    "CalendarDay",
    "Citizen",
    "Conclusion",
    "Delivery",
    "ConfidentialAccess",
    "ConnectionTest",
    "HistoryImport",
    "ImportJob",
    "Invitation",
    "LegalBasis",
    "IssuedDocument",
    "MonthlyReport",
    "NamingSeries",
    "OutboxEntry",
    "Notification",
    "NotificationPreference",
    "OneTimePassword",
    "Petition",
    "PrintFormat",
    "PetitionAttachment",
    "PetitionRepresentative",
    "ReceptionSession",
    "ResultNotice",
    "RoleGrant",
    "UnitSuccession",
    "UserScope",
    "Workflow",
    "WorkflowEvent",
    "WorkflowState",
    "WorkflowTransition",
]

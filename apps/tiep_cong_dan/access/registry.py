"""Imports every permission rule so the registry is complete before first use, and
the module of each folder of stored files, which asks its records' rule (core/files.py)."""

from ..api import rules as _api  # noqa: F401
from ..doctype.admin_unit import permissions as _admin_unit  # noqa: F401
from ..doctype.agency import permissions as _agency  # noqa: F401
from ..doctype.bridge_point import permissions as _bridge_point  # noqa: F401
from ..doctype.citizen import permissions as _citizen  # noqa: F401
from ..doctype.legal_basis import permissions as _legal_basis  # noqa: F401
from ..doctype.monthly_report import permissions as _report  # noqa: F401
from ..doctype.monthly_report import workflow_rules as _report_flow  # noqa: F401
from ..doctype.notification import permissions as _notification  # noqa: F401
from ..doctype.petition import files as _petition_files  # noqa: F401
from ..doctype.petition import permissions as _petition  # noqa: F401

# Every rule and effect a workflow file may name.
from ..doctype.petition import workflow_rules as _petition_flow  # noqa: F401
from ..doctype.reception_session import permissions as _session  # noqa: F401
from ..doctype.reception_session import workflow_rules as _session_flow  # noqa: F401
from ..doctype.result_notice import permissions as _notice  # noqa: F401
from ..doctype.result_notice import workflow_rules as _notice_flow  # noqa: F401
from ..doctype.working_calendar import permissions as _calendar  # noqa: F401
from ..imports import permissions as _imports  # noqa: F401
from ..jobs import files as _job_files  # noqa: F401
from ..jobs import permissions as _jobs  # noqa: F401
from ..print_format import files as _document_files  # noqa: F401
from ..print_format import permissions as _print_format  # noqa: F401
from ..workflow import permissions as _workflow  # noqa: F401
from . import permissions as _access  # noqa: F401
from .grants import permissions as _grants  # noqa: F401

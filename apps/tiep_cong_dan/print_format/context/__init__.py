"""One context builder per document: exactly the data it prints, as plain values, and
only what the viewer may see (a denouncer's identity is redacted for the others)."""

from .briefing_pack import briefing_pack_context
from .common import date_line, long_date, recipients, signature_block
from .monthly_report import monthly_report_context
from .petition_letters import receipt_context, refusal_notice_context, reply_letter_context
from .register import register_context
from .result_notice import result_notice_context
from .session_letters import agenda_context, invitation_context

__all__ = [
    "agenda_context",
    "briefing_pack_context",
    "date_line",
    "invitation_context",
    "long_date",
    "monthly_report_context",
    "receipt_context",
    "recipients",
    "refusal_notice_context",
    "register_context",
    "reply_letter_context",
    "result_notice_context",
    "signature_block",
]

"""A real record to show each print format with: the editor's preview, the check that
an edited template still renders, and the samples under docs/samples/.

The preview and the check render the copy an outside reader gets (OUTSIDE_READER:
denouncers masked, whoever edits): a template is code, and whatever it does with its
data (print it, or make an error quote it) must not reach a denouncer's identity.
Their errors carry no rendered value either (render.py)."""

import datetime

from django.utils import translation

from ..access.rules import rule_for
from ..doctype.monthly_report.constants import ISSUED_REPORT_STATES
from ..doctype.monthly_report.models import MonthlyReport
from ..doctype.petition.models import Petition
from ..doctype.reception_session.constants import InviteeKind
from ..doctype.reception_session.models import Invitation, ReceptionSession
from ..doctype.result_notice.constants import ISSUED_STATES
from ..doctype.result_notice.models import ResultNotice
from . import context as ctx
from .catalog import CATALOG
from .context.common import OUTSIDE_READER
from .documents import DOCUMENTS
from .render import check_syntax, render_html

# Print formats that are one variant of a document, and the base every one extends.
SPEC_OF = {
    "base": "result_notice",
    "invitation_citizen": "invitation",
    "invitation_commune": "invitation",
    "invitation_agency": "invitation",
}


def _latest(model, user, **filters):
    qs = model._default_manager.filter(**filters).order_by("-pk")
    if user is not None and user != OUTSIDE_READER:
        qs = rule_for(model).queryset(user, qs)
    return qs.first()


def sample_record(code: str, user=None):
    """The most recent record `user` may see that `code` prints, or None."""
    if code in ("result_notice", "base"):
        return _latest(ResultNotice, user, state__in=ISSUED_STATES) or _latest(ResultNotice, user)
    if code == "reply_letter":
        return _latest(Petition, user, reply_reason__gt="")
    if code == "refusal_notice":
        return _latest(Petition, user, refusal_ground__gt="")
    if code == "receipt":
        return _latest(Petition, user, attachments__isnull=False) or _latest(Petition, user)
    if code == "monthly_report":
        return _latest(MonthlyReport, user, state__in=ISSUED_REPORT_STATES) or _latest(
            MonthlyReport, user
        )
    if code == "agenda":
        return _latest(ReceptionSession, user, agenda_items__isnull=False)
    if code == "briefing_pack":
        return _latest(ReceptionSession, user, dossiers__isnull=False)
    kinds = {
        "invitation_citizen": [InviteeKind.CITIZEN],
        "invitation_commune": [InviteeKind.COMMUNE],
        "invitation_agency": [InviteeKind.AGENCY, InviteeKind.CENTRAL],
    }
    if code in kinds:
        return _latest(Invitation, user, kind__in=kinds[code], sent_at__isnull=False) or _latest(
            Invitation, user, kind__in=kinds[code]
        )
    return None


def _register_month(user, today: datetime.date | None) -> tuple[datetime.date, datetime.date]:
    """The month of the latest petition `user` may see."""
    latest = _latest(Petition, user)
    end = latest.received_date if latest else (today or datetime.date.today())
    return end.replace(day=1), end


def sample_context(code: str, user=None, today: datetime.date | None = None, reader=None):
    """(template name, context) for `code`, or None when there is nothing to show: the
    latest record `user` may see, in `reader`'s copy (by default `user`'s; None: the
    Board's own full copy, for docs/samples)."""
    reader = user if reader is None else reader
    with translation.override("vi"):
        if code == "register":
            start, end = _register_month(user, today)
            return "register.html", ctx.register_context(reader, start, end)
        record = sample_record(code, user)
        if record is None:
            return None
        spec = DOCUMENTS[SPEC_OF.get(code, code)]
        return spec.template_for(record), spec.build(record, reader)


def preview_context(code: str, user):
    """What the editor's preview shows `user`: the outside reader's copy of the latest
    record `user` may see. (Previewing is for the province-wide roles and the
    administrator, who see every petition: the register's rows are every petition.)"""
    return sample_context(code, user, reader=OUTSIDE_READER)


def preview_people(code: str, user, today: datetime.date | None = None) -> tuple[list, frozenset]:
    """Whom the preview of `code` names, and which of their fields: the preview prints
    a real record, so it is logged like any other print, as read by `user`; a masked
    denouncer is not named."""
    from .context.common import may_see_identity
    from .context.register import REGISTER_FIELDS, register_people

    if code == "register":
        start, end = _register_month(user, today)
        people = register_people(OUTSIDE_READER, start, end)
        return [(c, p) for c, p in people if may_see_identity(OUTSIDE_READER, p)], REGISTER_FIELDS
    record = sample_record(code, user)
    if record is None:
        return [], frozenset()
    spec = DOCUMENTS[SPEC_OF.get(code, code)]
    return spec.people_in(record, OUTSIDE_READER), spec.personal_fields


def check_sources(sources: dict[str, str], edited: str) -> None:
    """Render with `sources` (the editor's unsaved text over the stored ones) the
    outside reader's copy of the latest record of the edited format, or of every
    format when the base was edited: raises
    PrintFormatError at the first broken one. Templates without a sample yet are
    still compiled, which catches syntax errors."""
    codes = [c for c in CATALOG if c != "base"] if edited == "base" else [edited]
    for code in codes:
        found = sample_context(code, OUTSIDE_READER)
        if found is None:
            check_syntax(f"{code}.html", sources)
        else:
            render_html(found[0], found[1], sources=sources)

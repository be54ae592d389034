"""Decree 154 Art. 4(3): the refusal notice (form 01/TCD) within 3 working days of the
refusal is reminded on its last day and once overdue, each once; never for a case
entered from past records."""

import datetime

from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.notification.models import Notification
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.jobs import reminders

from ..conftest import make_citizen, make_petition, new_unit
from ..workflow.helpers import at


def test_the_refusal_notice_is_reminded_on_its_day_then_when_overdue(role_users):
    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))
    Petition.objects.filter(pk=petition.pk).update(refusal_ground="law_9_3")
    petition.refresh_from_db()
    # Refused Friday 06/03/2026: the notice is due by Wednesday 11/03/2026.
    workflow.apply(
        petition,
        "refuse",
        by=role_users["canbo"],
        comment="Đã giải quyết đúng.",
        at=at(datetime.date(2026, 3, 6)),
    )
    assert reminders.refusal_notice_deadlines(datetime.date(2026, 3, 10)) == 0
    assert reminders.refusal_notice_deadlines(datetime.date(2026, 3, 11)) == 2  # both of the Board
    assert reminders.refusal_notice_deadlines(datetime.date(2026, 3, 11)) == 0  # once
    assert reminders.refusal_notice_deadlines(datetime.date(2026, 3, 12)) == 2  # overdue
    assert Notification.objects.filter(
        recipient=role_users["truongban"], message__contains="11/03/2026"
    ).exists()
    Petition.objects.filter(pk=petition.pk).update(
        refusal_notice_number="3/TB-BTCD", refusal_notice_date=datetime.date(2026, 3, 12)
    )
    Notification.objects.all().delete()
    assert reminders.refusal_notice_deadlines(datetime.date(2026, 3, 13)) == 0
    petition.refresh_from_db()
    assert petition.refusal_notice_late


def test_cases_from_past_records_are_not_reminded(role_users):
    from tiep_cong_dan.core.models import HistoryImport

    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))
    source = HistoryImport.objects.create(checksum="c" * 64, file_name="so.xlsx")
    Petition.objects.filter(pk=petition.pk).update(
        refusal_notice_due=datetime.date(2024, 3, 11), from_records=source
    )
    assert reminders.refusal_notice_deadlines(datetime.date(2026, 3, 12)) == 0

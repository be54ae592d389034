"""The desk: the Art. 28 notice page in any state, the late-notice filters, and the
fields of the mandatory steps on the form."""

import datetime

from django.urls import reverse
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.workflow.models import WorkflowEvent

from ...conftest import make_citizen, make_petition, new_unit
from ...workflow.helpers import set_state


def _petition():
    dk = new_unit("05977")
    return make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))


def test_the_officer_records_the_notice_on_an_endorsed_case(login, role_users):
    petition = _petition()
    set_state(petition, "endorsed")
    board = login("canbo")
    form = board.get(reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk]))
    url = reverse("admin:tiep_cong_dan_petition_acceptance_notice", args=[petition.pk])
    assert url in form.content.decode()
    page = board.get(url)
    assert page.status_code == 200
    done = board.post(
        url, {"outcome": "accepted", "notified_on": "20/03/2026", "state": "endorsed"}
    )
    assert done.status_code == 302, done.content.decode()[-3000:]
    petition.refresh_from_db()
    assert (petition.acceptance_outcome, petition.acceptance_notified_on, petition.state) == (
        "accepted",
        datetime.date(2026, 3, 20),
        "endorsed",
    )
    assert WorkflowEvent.objects.filter(
        object_id=petition.pk, action="notify_acceptance", actor=role_users["canbo"]
    ).exists()
    late = board.get(reverse("admin:tiep_cong_dan_petition_changelist") + "?art28=late")
    assert petition.registration_number in late.content.decode()


def test_a_future_day_is_refused_in_vietnamese(login):
    petition = _petition()
    url = reverse("admin:tiep_cong_dan_petition_acceptance_notice", args=[petition.pk])
    future = (datetime.date.today() + datetime.timedelta(days=5)).strftime("%d/%m/%Y")
    page = login("canbo").post(url, {"outcome": "accepted", "notified_on": future})
    assert page.status_code == 200
    assert "Ngày không được sau ngày hiện tại" in page.content.decode() or (
        "tương lai" in page.content.decode()
    )
    petition.refresh_from_db()
    assert petition.acceptance_outcome == ""


def test_late_refusal_notices_are_filtered(login):
    late, on_time = _petition(), None
    dk = new_unit("05977")
    on_time = make_petition(dk, make_citizen(dk, "Nông Thị Bích", "020190000002"))
    for p, day in ((late, datetime.date(2026, 3, 12)), (on_time, datetime.date(2026, 3, 10))):
        Petition.objects.filter(pk=p.pk).update(
            refusal_ground="law_9_3",
            refusal_notice_due=datetime.date(2026, 3, 11),
            refusal_notice_number="1/TB",
            refusal_notice_date=day,
        )
    page = login("canbo").get(reverse("admin:tiep_cong_dan_petition_changelist") + "?form01=late")
    text = page.content.decode()
    assert late.registration_number in text and on_time.registration_number not in text

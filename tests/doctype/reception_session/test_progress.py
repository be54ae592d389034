"""The session page's progress of what its last step left to the job queue: counts by
kind of work, notes in Vietnamese, the platform's error, and the session's rule on the
JSON (a role outside the session's scope gets 404, as for the form)."""

import datetime

from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.core.models import OutboxEntry, OutboxState
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.scheduling.agenda import build_agenda

from ...scheduling.test_agenda import _approved, _session
from ...workflow.helpers import at


def _announced(users) -> ReceptionSession:
    _approved(users, 2)
    session = _session(users, datetime.date(2026, 3, 16))
    build_agenda(session, by=users["canbo"])
    workflow.apply(session, "plan", by=users["canbo"], at=at(datetime.date(2026, 3, 4)))
    workflow.apply(session, "approve", by=users["chutich"], at=at(datetime.date(2026, 3, 5)))
    event = workflow.apply(session, "announce", by=users["canbo"], at=at(datetime.date(2026, 3, 9)))
    return session, event


def _url(session) -> str:
    return reverse("admin:tiep_cong_dan_receptionsession_progress", args=[session.pk])


def test_the_page_shows_what_the_announcement_still_owes(login, role_users):
    session, event = _announced(role_users)
    owed = OutboxEntry.objects.get(key=f"notify:{event.pk}")
    client = login("canbo")
    data = client.get(_url(session)).json()
    assert data["step"] == "Thông báo cho công dân và cơ quan"
    assert (data["total"], data["done"], data["finished"]) == (1, 0, False)
    assert data["items"] == [
        {
            "label": "Thông báo của một bước xử lý",
            "total": 1,
            "done": 0,
            "note": "Đang chờ hàng đợi xử lý",
        }
    ]

    OutboxEntry.objects.filter(pk=owed.pk).update(
        state=OutboxState.FAILED, attempts=12, last_error="SMTPServerDisconnected: gone"
    )
    ReceptionSession.objects.filter(pk=session.pk).update(
        conference_error="Không kết nối được máy chủ hội nghị truyền hình (timeout)"
    )
    data = client.get(_url(session)).json()
    assert (data["failed"], data["finished"]) == (1, True)
    note = data["items"][0]["note"]
    assert note.startswith("Chưa thực hiện được sau 12 lần thử") and "SMTP" not in note
    assert data["error"].startswith("Không kết nối được máy chủ hội nghị")

    OutboxEntry.objects.filter(pk=owed.pk).update(state=OutboxState.DONE)
    data = client.get(_url(session)).json()
    assert (data["done"], data["failed"], data["finished"]) == (1, 0, True)
    page = client.get(
        reverse("admin:tiep_cong_dan_receptionsession_change", args=[session.pk])
    ).content.decode()
    assert f'data-url="{_url(session)}"' in page


def test_the_progress_follows_the_sessions_rule(login, role_users):
    session, _event = _announced(role_users)
    # The district officer of Lộc Bình is not invited to a session of Đông Kinh's cases.
    form = reverse("admin:tiep_cong_dan_receptionsession_change", args=[session.pk])
    for username in ("huyen_locbinh",):
        client = login(username)
        assert client.get(form).status_code == 404
        assert client.get(_url(session)).status_code == 404
    assert login("chutich").get(_url(session)).status_code == 200
    missing = reverse("admin:tiep_cong_dan_receptionsession_progress", args=[999999])
    assert login("chutich").get(missing).status_code == 404
    client = login("canbo")
    client.logout()
    assert client.get(_url(session)).status_code == 302  # to the sign-in page

"""The session form with its hearings and invitations: lean rows (issue 19: 640 KB and
seconds once invitations existed), and the rows still edit and save, keep what was
typed on an error, and refuse those outside the rule."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from tiep_cong_dan.scheduling.agenda import build_agenda
from tiep_cong_dan.scheduling.invitations import prepare_invitations

from ..conftest import make_citizen, make_petition, new_unit
from ..workflow.helpers import approve_online, set_state
from .test_agenda import _session

FORM_ID = "receptionsession_form"


class _Fields(HTMLParser):
    """The named fields of the session's form, with the values a browser would send."""

    def __init__(self):
        super().__init__()
        self.inside, self.data, self._select, self._area = False, {}, None, None
        self._multiple = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == FORM_ID
        if not self.inside or "name" not in a and tag != "option":
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.data[a["name"]] = a.get("value", "on")
            else:
                self.data[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select, self._multiple = a["name"], "multiple" in a
            if not self._multiple:
                self.data.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in a:
            if self._multiple:  # sent once per chosen option; not at all when none is
                self.data.setdefault(self._select, []).append(a.get("value", ""))
            else:
                self.data[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._area = a["name"]
            self.data[self._area] = ""

    def handle_data(self, data):
        if self._area:
            self.data[self._area] += data.lstrip("\r\n")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._area = None


def _fields(html: str) -> dict:
    parser = _Fields()
    parser.feed(html)
    return parser.data


def _announced_session(users, cases: int, day: datetime.date, start: int):
    dk = new_unit("05977")
    for i in range(start, start + cases):
        approve_online(make_petition(dk, make_citizen(dk, f"Người {i}", f"0200920{i:05d}")), users)
    session = _session(users, day)
    build_agenda(session, by=users["canbo"])
    prepare_invitations(session)
    set_state(session, "announced")  # the Board may still correct it
    return session


@pytest.fixture
def sessions(role_users):
    small = _announced_session(role_users, 1, datetime.date(2026, 3, 16), 0)
    large = _announced_session(role_users, 4, datetime.date(2026, 4, 15), 10)
    return small, large


def _url(session) -> str:
    return reverse("admin:tiep_cong_dan_receptionsession_change", args=[session.pk])


def test_each_hearing_and_invitation_adds_little_markup(login, sessions):
    small, large = sessions
    client = login("canbo")
    pages = [client.get(_url(s)).content.decode() for s in (small, large)]
    rows = [s.agenda_items.count() + s.invitations.count() for s in (small, large)]
    assert rows[1] > rows[0] >= 2
    per_row = (len(pages[1].encode()) - len(pages[0].encode())) / (rows[1] - rows[0])
    assert per_row < 3000, per_row  # unfold's rows weighed about 15 KB each
    assert "before:content-[attr(data-label)]" not in pages[1].split('id="agenda_items-group"')[1]
    assert 'type="datetime-local"' in pages[1] and 'class="admin-autocomplete"' in pages[1]


def test_rows_save_and_keep_what_was_typed_on_an_error(login, sessions):
    _small, session = sessions
    client = login("canbo")
    data = _fields(client.get(_url(session)).content.decode())
    assert int(data["agenda_items-TOTAL_FORMS"]) == 4
    assert int(data["invitations-TOTAL_FORMS"]) == session.invitations.count()
    first_item = session.agenda_items.get(pk=data["agenda_items-0-id"])
    invitation = session.invitations.get(pk=data["invitations-0-id"])

    data["invitations-0-acknowledged_at"] = "abc"
    data["agenda_items-0-attendees"] = "Chủ tịch UBND phường và công dân"
    refused = client.post(_url(session), data)
    page = refused.content.decode()
    assert refused.status_code == 200
    assert 'class="tcd-err">Nhập một ngày/thời gian hợp lệ.</div>' in page  # at its field
    assert 'value="abc"' in page and "Chủ tịch UBND phường và công dân" in page
    invitation.refresh_from_db()
    assert invitation.acknowledged_at is None

    data["invitations-0-acknowledged_at"] = "2026-04-08T09:30:00"
    data["agenda_items-0-slot_start"] = first_item.slot_start.strftime("%H:%M")
    saved = client.post(_url(session), data)
    assert saved.status_code == 302, re.findall(
        r"(?:tcd-err|errorlist)[^>]*>(.*?)</", saved.content.decode()
    )
    invitation.refresh_from_db()
    first_item.refresh_from_db()
    assert (
        invitation.acknowledged_at.astimezone(
            datetime.timezone(datetime.timedelta(hours=7))
        ).strftime("%d/%m/%Y %H:%M:%S")
        == "08/04/2026 09:30:00"
    )
    assert first_item.attendees == "Chủ tịch UBND phường và công dân"
    # Unchanged rows are not rewritten: no new history for the other invitations.
    others = session.invitations.exclude(pk=invitation.pk)
    assert all(o.history.count() == 1 for o in others)


def test_a_role_outside_the_rule_changes_nothing(login, sessions):
    _small, session = sessions
    data = _fields(login("canbo").get(_url(session)).content.decode())
    data["agenda_items-0-attendees"] = "Sửa trái phép"
    for username in ("so_nnmt", "kythuat"):
        response = login(username).post(_url(session), data)
        assert response.status_code in (302, 403, 404)
    assert not session.agenda_items.filter(attendees="Sửa trái phép").exists()

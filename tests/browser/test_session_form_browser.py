"""The session form in Chromium: its hearings and invitations in lean rows that still
edit and save, and the progress of what the announcement left to the job queue, polled
until done (issue 19: seconds and 640 KB, no sign of progress)."""

import datetime

import pytest
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.core.models import OutboxEntry, OutboxState
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.scheduling.agenda import build_agenda

from ..conftest import PASSWORD, ensure_master_data, make_citizen, make_petition, new_unit
from ..scheduling.test_agenda import _session
from ..workflow.helpers import approve_online, at
from .test_desk_browser import ARTIFACTS, _login, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_session_form_edits_its_rows_and_shows_the_progress(live_server, browser):  # noqa: F811
    ensure_master_data()
    create_demo_users(PASSWORD)
    from django.contrib.auth.models import User

    users = {u.username: u for u in User.objects.all()}
    dk = new_unit("05977")
    for i in range(4):
        approve_online(
            make_petition(dk, make_citizen(dk, f"Người Số {i}", f"02009300{i:04d}")), users
        )
    session = _session(users, datetime.date(2026, 3, 16))
    build_agenda(session, by=users["canbo"])
    workflow.apply(session, "plan", by=users["canbo"], at=at(datetime.date(2026, 3, 4)))
    workflow.apply(session, "approve", by=users["chutich"], at=at(datetime.date(2026, 3, 5)))
    event = workflow.apply(session, "announce", by=users["canbo"], at=at(datetime.date(2026, 3, 9)))
    # The queue is run inline in tests: put the step's notifications back as a worker
    # would find them after a failed try, to see the page report it.
    owed = OutboxEntry.objects.filter(key=f"notify:{event.pk}")
    owed.update(state=OutboxState.PENDING, attempts=1, last_error="SMTPServerDisconnected")

    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    _login(page, live_server.url, "canbo")
    form = live_server.url + reverse(
        "admin:tiep_cong_dan_receptionsession_change", args=[session.pk]
    )
    page.goto(form)
    progress = page.locator("#tcd-progress")
    progress.wait_for(state="visible")
    assert "Các việc sau bước “Thông báo cho công dân và cơ quan”" in progress.inner_text()
    assert "Lần thử thứ 1 chưa thành công" in progress.inner_text()
    assert "SMTP" not in progress.inner_text()  # the worker's words stay in the log
    page.screenshot(path=str(ARTIFACTS / "session-form-progress-waiting.png"), full_page=False)

    owed.update(state=OutboxState.DONE, last_error="")
    page.wait_for_function(
        "document.getElementById('tcd-progress-title').textContent.includes('Đã xong mọi việc')",
        timeout=20_000,
    )
    page.screenshot(path=str(ARTIFACTS / "session-form-progress-done.png"), full_page=False)

    # The rows: one per hearing and per invitation, browser time inputs, saved by "Lưu".
    assert page.locator("#agenda_items-group tbody.form-group.original").count() == 4
    invitations = session.invitations.count()
    assert page.locator("#invitations-group tbody.form-group.original").count() == invitations
    page.locator("#agenda_items-group").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "session-form-rows.png"), full_page=True)
    attendees = page.locator("textarea[name='agenda_items-0-attendees']")
    attendees.fill("Chủ tịch UBND phường Đông Kinh và công dân")
    page.locator("[name='_continue'], button[name='_save']").first.click()
    page.wait_for_load_state()
    assert session.agenda_items.get(position=1).attendees == (
        "Chủ tịch UBND phường Đông Kinh và công dân"
    )
    page.screenshot(path=str(ARTIFACTS / "session-form-saved.png"), full_page=False)

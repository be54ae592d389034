"""A list's other views in Chromium, wide and narrow: the petition list counted by
state (each count leading to the list narrowed to it) and the assignments' deadlines
on a month calendar reached from their list. Screenshots in test-artifacts/."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from tiep_cong_dan import workflow
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment, ResultNotice

from ..conftest import PASSWORD, ensure_master_data, make_citizen, make_petition, new_unit
from ..workflow.helpers import make_eligible
from .test_desk_browser import ARTIFACTS, _login, browser  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world() -> None:
    ensure_master_data()
    create_demo_users(PASSWORD)
    board = User.objects.get(username="canbo")
    unit = new_unit("05977")
    petitions = []
    for i, kind in enumerate([PetitionKind.COMPLAINT, PetitionKind.DENUNCIATION] * 3):
        citizen = make_citizen(unit, f"Hoàng Văn An {i}", f"02009000010{i}")
        petitions.append(make_petition(unit, citizen, kind=kind))
    for petition in petitions[:2]:
        workflow.apply(make_eligible(petition), "classify", by=board, comment="Xét.")
    today = timezone.localdate()
    session = ReceptionSession.objects.create(
        kind="periodic", date=today.replace(day=1), presiding_official="Chủ tịch"
    )
    notice = ResultNotice.objects.create(session=session, issued_date=today.replace(day=2))
    agencies = list(Agency.objects.order_by("code")[:3])
    for i, petition in enumerate(petitions[:4]):
        Assignment.objects.create(
            notice=notice,
            petition=petition,
            agency=agencies[i % len(agencies)],
            task="Kiểm tra, báo cáo kết quả giải quyết đơn của công dân.",
            deadline=today.replace(day=1) + datetime.timedelta(days=7 + 3 * i),
        )


@pytest.mark.parametrize("width", [1440, 390])
def test_petitions_counted_by_state_and_deadlines_on_a_calendar(live_server, browser, width):  # noqa: F811
    _world()
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    _login(page, live_server.url, "vanphong")  # denunciations masked for this officer
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_petition_changelist"))
    page.click(".tcd-lm-menu summary")
    page.click(".tcd-lm-menu a:has-text('Trạng thái')")
    page.wait_for_selector("[data-groups]")
    chips = page.locator("[data-group]")
    counts = {
        chips.nth(i).locator("span").inner_text(): int(chips.nth(i).locator("strong").inner_text())
        for i in range(chips.count())
    }
    assert counts == {"Đã tiếp nhận": 4, "Đã phân loại": 2}, counts
    page.screenshot(path=str(ARTIFACTS / f"list_group_by_state_{width}.png"), full_page=True)
    page.locator("[data-group]", has_text="Đã phân loại").click()
    page.wait_for_url(lambda url: "state__exact=classified" in url)
    assert page.locator("#result_list tbody tr.data-row").count() == 2

    page.goto(live_server.url + reverse("admin:tiep_cong_dan_assignment_changelist"))
    page.click("[data-calendar-link]")
    page.wait_for_selector("[data-list-calendar]")
    visible = ".tcd-cal [data-item]" if width > 640 else ".tcd-days .ses"
    assert page.locator(visible).count() == 4
    # The denunciations' tasks are masked for this officer, the complaints' shown.
    masked = page.locator(visible, has_text="*** được bảo mật ***")
    assert masked.count() == 2
    page.screenshot(path=str(ARTIFACTS / f"assignment_calendar_{width}.png"), full_page=True)
    # The page is no wider than the screen: nothing to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.click("[data-list-link]")
    page.wait_for_selector("#result_list")

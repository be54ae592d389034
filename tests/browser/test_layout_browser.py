"""Layouts in Debian's Chromium at a desk's width (1440 px) and a phone's (390 px):
the session form's times labelled and its labels apart, the citizen form's ID box and
"Ngày cấp" within their places, the notice's assignment rows without sideways scroll
and a task box wide enough to read, the agenda board in time order, and every list's
bulk action asking first. Screenshots go to test-artifacts/ (layout-*-<phase>.png,
the phase from TCD_SHOT_PHASE, "after" by default)."""

import datetime
import os

import pytest
from django.urls import reverse
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment, ResultNotice

from ..conftest import PASSWORD, ensure_master_data, make_citizen, make_petition, new_unit
from .test_desk_browser import ARTIFACTS, _login, browser  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHASE = os.environ.get("TCD_SHOT_PHASE", "after")
WIDTHS = (1440, 1024, 390)  # 1024: a desk where two fields in a row no longer fit


@pytest.fixture
def world():
    ensure_master_data()
    create_demo_users(PASSWORD)
    dk = new_unit("05977")
    early = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))
    late = make_petition(dk, make_citizen(dk, "Vi Thị Bình", "020090000002"))
    session = ReceptionSession.objects.create(
        kind="periodic", date=datetime.date(2026, 3, 16), presiding_official="Chủ tịch"
    )
    # The first in the queue heard online in the afternoon, the second in the morning.
    for position, petition, mode, hour in ((1, early, "online", 14), (2, late, "in_person", 8)):
        AgendaItem.objects.create(
            session=session,
            position=position,
            petition=petition,
            mode=mode,
            slot_start=datetime.time(hour, 0),
            slot_end=datetime.time(hour, 40),
        )
    notice = ResultNotice.objects.create(session=session)
    Assignment.objects.create(
        notice=notice,
        petition=early,
        agency=Agency.objects.get(code="SNNMT"),
        task="Kiểm tra hồ sơ bồi thường, trả lời công dân bằng văn bản trong 30 ngày.",
        deadline=datetime.date(2026, 4, 30),
    )
    return {"session": session, "notice": notice, "petitions": (early, late)}


def _shot(page, name: str, width: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"layout-{name}-{width}-{PHASE}.png"), full_page=True)
    if PHASE == "before":  # the markup beside the picture, to see what to fix
        (ARTIFACTS / f"layout-{name}-{width}-{PHASE}.html").write_text(page.content())


def _no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"
    )


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def _uncovered(page, selector: str) -> bool:
    """Whether the middle of the element is the element itself, not a neighbour drawn
    over it (a label under the next field's box)."""
    return page.locator(selector).first.evaluate(
        """e => { const r = e.getBoundingClientRect();
                  e.scrollIntoView({block: "center"});
                  const s = e.getBoundingClientRect();
                  const hit = document.elementFromPoint(s.x + s.width / 2, s.y + s.height / 2);
                  return r.width > 0 && !!hit && (e === hit || e.contains(hit)); }"""
    )


class Problems(list):
    """Every layout check of a page is made, its screenshot taken, before the test
    fails: one run shows every defect."""

    def check(self, ok: bool, what: str) -> None:
        if not ok:
            self.append(what)


def _labels_apart(page, problems: Problems, fields: list[str]) -> None:
    for field in fields:
        label = f'label[for="id_{field}"]'
        problems.check(_uncovered(page, label), f"the label of {field} is covered")
        problems.check(_uncovered(page, f"#id_{field}"), f"the box of {field} is covered")
    boxes = {f: _box(page, f'label[for="id_{f}"]') for f in fields}
    for i, a in enumerate(fields):
        for b in fields[i + 1 :]:
            problems.check(not _overlap(boxes[a], boxes[b]), f"labels of {a} and {b} overlap")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_forms_fit_and_say_what_each_box_is(live_server, browser, world, width):  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 900})
    _login(page, live_server.url, "canbo")
    problems = Problems()

    # The session form: start and end labelled, the rows' labels apart.
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_receptionsession_add"))
    _shot(page, "session-form", width)
    for field, words in (("start_time", "bắt đầu"), ("end_time", "kết thúc")):
        label = page.locator(f'label[for="id_{field}"]')
        problems.check(label.is_visible(), f"no label for {field}")
        problems.check(words in label.inner_text().lower(), f"{field} labelled {words}")
        problems.check(_box(page, f"#id_{field}")["width"] >= 80, f"{field} box too narrow")
    _labels_apart(page, problems, ["date", "start_time", "end_time"])
    _labels_apart(page, problems, ["capacity", "slot_minutes", "group_slot_minutes", "gap_minutes"])
    _labels_apart(page, problems, ["in_person_start", "in_person_end"])
    problems.check(_no_sideways_scroll(page), "the session form scrolls sideways")

    # The citizen form: an ID box that holds 12 digits and more, "Ngày cấp" in its place.
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_citizen_add"))
    _shot(page, "citizen-form", width)
    id_box = _box(page, "#id_id_number")["width"]
    problems.check(id_box >= min(200, width - 80), f"the ID box is {id_box:.0f} px")
    issued = page.locator('label[for="id_id_issued_on"]')
    problems.check(issued.is_visible(), "no label 'Ngày cấp'")
    fits = issued.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    problems.check(fits, "the label 'Ngày cấp' overflows its box")
    _labels_apart(page, problems, ["id_kind", "id_number"])
    _labels_apart(page, problems, ["id_issued_on", "id_issued_by"])
    problems.check(_no_sideways_scroll(page), "the citizen form scrolls sideways")

    # The notice form: assignment rows without sideways scroll, a task box to read.
    notice = world["notice"]
    page.goto(
        live_server.url + reverse("admin:tiep_cong_dan_resultnotice_change", args=[notice.pk])
    )
    _shot(page, "notice-assignments", width)
    task = _box(page, "[id^=id_assignments-][id$=-task]")["width"]
    wanted = 300 if width >= 1024 else width - 120
    problems.check(task >= wanted, f"the task box is {task:.0f} px (at least {wanted})")
    scrolls = page.evaluate(
        """() => [...document.querySelectorAll('[id^="id_assignments-"]')]
              .flatMap(e => { const out = []; let n = e.parentElement;
                              while (n && n !== document.body) { out.push(n); n = n.parentElement; }
                              return out; })
              .some(n => n.scrollWidth > n.clientWidth + 1
                         && getComputedStyle(n).overflowX !== 'visible')"""
    )
    problems.check(not scrolls, "assignment rows scroll sideways")
    problems.check(_no_sideways_scroll(page), "the notice form scrolls sideways")

    # The agenda board: 08:00 before 14:00.
    session = world["session"]
    page.goto(
        live_server.url + reverse("admin:tiep_cong_dan_receptionsession_agenda", args=[session.pk])
    )
    _shot(page, "agenda-board", width)
    early, late = (p.registration_number for p in world["petitions"])
    text = page.inner_text("body")
    problems.check(text.index(late) < text.index(early), "14:00 listed before 08:00")
    assert problems == [], problems


def test_a_bulk_action_asks_first_in_vietnamese(live_server, browser, world):  # noqa: F811
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    _login(page, live_server.url, "canbo")
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_assignment_changelist"))
    page.locator("input.action-select").first.check()
    page.select_option("select[name=action]", "workflow_accept")
    asked = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", answer)
    before = page.url
    page.locator("button[name=index]").first.click()
    page.wait_for_timeout(500)
    _shot(page, "bulk-confirm", 1440)
    assert len(asked) == 1 and "1 dòng đã chọn" in asked[0] and asked[0].endswith("?")
    assert page.url == before  # nothing ran
    assert Assignment.objects.get().state == "open"
    # Accepted when confirmed: the dialog only asks.
    page.remove_listener("dialog", answer)
    page.on("dialog", lambda dialog: dialog.accept())
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.locator("button[name=index]").first.click()
    assert posted.value.status in (200, 302)  # the action was sent once confirmed

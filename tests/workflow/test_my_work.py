"""“Việc cần làm”: what waits for each role, read from the workflow declarations, counted
within each user's rule in one grouped query per document type, shown on the home page."""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment, ResultNotice
from tiep_cong_dan.workflow.bindings import BINDINGS
from tiep_cong_dan.workflow.loader import definition
from tiep_cong_dan.workflow.models import Workflow, WorkflowTransition
from tiep_cong_dan.workflow.work import my_work, waiting_states

from ..conftest import make_citizen, make_petition, new_unit
from .helpers import set_state

TODAY = timezone.localdate()


def _waiting(role: str) -> dict[str, set[str]]:
    definitions = [definition(d) for d in sorted(BINDINGS)]
    found = waiting_states(definitions, frozenset({role}))
    return {doctype: set(states) for doctype, states in found.items()}


def test_the_declarations_say_what_waits_for_each_role(master_data):
    assert _waiting("chairman") == {
        "petition": {"endorsed"},
        "reception_session": {"planned"},
        "result_notice": {"submitted"},
    }
    # Endorsements, reviews and the reply letters the head signs, not what the Board
    # officers do (which the head may too).
    assert _waiting("board_head") == {
        "petition": {"proposed", "not_proposed", "rejected"},
        "result_notice": {"draft"},
        "monthly_report": {"draft"},
    }
    officer = _waiting("board_officer")
    assert {"received", "classified", "approved", "heard"} <= officer["petition"]
    assert "proposed" not in officer["petition"] and "endorsed" not in officer["petition"]
    assert officer["reception_session"] == {
        "draft", "approved", "connected", "in_person", "in_progress", "held", "postponed"
    }  # fmt: skip
    assert officer["assignment"] == {"reported"}
    assert officer["hearing_dossier"] == {"submitted"}  # the Board reviews each dossier
    for agency_role in ("department_officer", "district_officer", "commune_officer"):
        assert _waiting(agency_role) == {
            "assignment": {"open", "returned"},
            "hearing_dossier": {"open", "returned"},
        }
    assert _waiting("technician") == {"reception_session": {"announced", "tested"}}
    assert _waiting("chairman_office") == {"result_notice": {"issued"}}
    assert _waiting("central_observer") == {} and _waiting("administrator") == {}


def test_an_edit_of_the_workflow_moves_the_work(master_data):
    """An issued notice waits for the Chairman's office (its seal, then sending it);
    once both steps are given to the Board instead, it waits for the Board."""
    assert "issued" in _waiting("chairman_office")["result_notice"]
    WorkflowTransition.objects.filter(
        workflow__doctype="result_notice", action__in=["distribute", "seal"]
    ).update(roles=["board_officer", "board_head"])
    Workflow.objects.filter(doctype="result_notice").update(revision=F("revision") + 1)
    assert "issued" in _waiting("board_officer")["result_notice"]
    assert "result_notice" not in _waiting("chairman_office")


@pytest.fixture
def work(role_users, placed_petitions):
    """Two cases endorsed, one proposed; a session planned, one announced for next week;
    a notice submitted; Sở Nông nghiệp's tasks (one overdue, one due in 3 days) and
    Sở Xây dựng's."""
    p = placed_petitions
    for key in ("dongkinh", "kylua"):
        set_state(p[key], "endorsed")
    set_state(p["dongkinh_tc"], "proposed")
    planned = ReceptionSession.objects.create(
        kind="periodic", date=TODAY + datetime.timedelta(days=20), presiding_official="Chủ tịch"
    )
    set_state(planned, "planned")
    announced = ReceptionSession.objects.create(
        kind="ad_hoc", date=TODAY + datetime.timedelta(days=5), presiding_official="Chủ tịch"
    )
    set_state(announced, "announced")
    notice = ResultNotice.objects.create(session=planned)
    set_state(notice, "submitted")
    snnmt, sxd = Agency.objects.get(code="SNNMT"), Agency.objects.get(code="SXD")
    for agency, days, case in ((snnmt, -2, "dongkinh"), (snnmt, 3, "dongkinh"), (sxd, 30, "kylua")):
        Assignment.objects.create(
            notice=notice,
            petition=p[case],
            agency=agency,
            task="Kiểm tra, báo cáo.",
            deadline=TODAY + datetime.timedelta(days=days),
        )
    return {"planned": planned, "announced": announced, "notice": notice}


def _counts(user) -> dict[tuple[str, str], int]:
    return {(i.doctype, i.state): i.count for i in my_work(user)}


def test_each_role_counts_its_own_work_within_its_rule(role_users, work):
    u = role_users
    assert _counts(u["chutich"]) == {
        ("petition", "endorsed"): 2,
        ("reception_session", "planned"): 1,
        ("result_notice", "submitted"): 1,
    }
    assert _counts(u["truongban"]) == {("petition", "proposed"): 1}
    assert _counts(u["canbo"]) == {("petition", "received"): 2}  # the two of 2024
    # The Sở sees its own two tasks, not Sở Xây dựng's; one overdue, one due this week.
    [tasks] = my_work(u["so_nnmt"])
    assert (tasks.doctype, tasks.state, tasks.count) == ("assignment", "open", 2)
    assert (tasks.overdue, tasks.due_soon) == (1, 1)
    assert tasks.nearest == TODAY + datetime.timedelta(days=3)
    assert tasks.url == reverse("admin:tiep_cong_dan_assignment_changelist") + "?state=open"
    assert tasks.steps == ("Báo cáo kết quả thực hiện",)
    [tests] = my_work(u["kythuat"])
    assert (tests.doctype, tests.state, tests.count) == ("reception_session", "announced", 1)
    assert tests.nearest == work["announced"].date
    for nobody in ("trunguong", "quantri", "xa_dongkinh", "huyen_locbinh"):
        assert my_work(u[nobody]) == [], nobody


def test_the_count_takes_the_same_queries_for_more_documents(role_users, work, placed_petitions):
    def measure(user) -> int:
        with CaptureQueriesContext(connection) as queries:
            my_work(user)
        return len(queries)

    chairman, agency = role_users["chutich"], role_users["so_nnmt"]
    my_work(chairman), my_work(agency)  # declarations parsed and remembered
    before = measure(chairman), measure(agency)
    unit = new_unit("05977")
    for i in range(6):
        p = make_petition(unit, make_citizen(unit, f"Công dân {i}", f"02009900{i:04d}"))
        set_state(p, "endorsed")
        Assignment.objects.create(
            notice=work["notice"],
            petition=p,
            agency=Agency.objects.get(code="SNNMT"),
            task="Thêm.",
            deadline=TODAY,
        )
    assert (measure(chairman), measure(agency)) == before
    assert _counts(chairman)[("petition", "endorsed")] == 8
    # One grouped count per document type with work for the role, plus its declarations.
    assert before[0] <= len(BINDINGS) + 3


@pytest.mark.parametrize(
    ("username", "shown"),
    [
        (
            "chutich",
            ["Chủ tịch chấp thuận tiếp trực tuyến", "Chủ tịch duyệt kỳ tiếp", "Ký ban hành"],
        ),
        ("so_nnmt", ["Báo cáo kết quả thực hiện", "1 quá hạn", "1 đến hạn trong 7 ngày"]),
        ("kythuat", ["Xác nhận kết nối thử thành công"]),
        ("trunguong", ["Không có hồ sơ nào đang chờ đồng chí xử lý."]),
    ],
)
def test_the_home_page_shows_the_work_with_links(login, work, username, shown):
    page = login(username).get(reverse("admin:index")).content.decode()
    assert "Việc cần làm" in page
    for text in shown:
        assert text in page, (username, text)
    if username == "chutich":
        url = reverse("admin:tiep_cong_dan_petition_changelist") + "?state=endorsed"
        assert f'href="{url}"' in page


def test_the_overview_counts_as_overdue_only_what_is_past_its_deadline(role_users, work):
    """Beside the work, this month's overview says the same: one task overdue today, not
    the one falling due later this month."""
    from tiep_cong_dan.reporting.dashboard import dashboard

    cards = {c["label"]: c["value"] for c in dashboard(role_users["canbo"])["cards"]}
    assert cards["Nhiệm vụ quá hạn"] == "1"

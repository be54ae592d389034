"""Crowded and complex cases (Decree 154/2026 Art. 27(3)(b)): the Board head's rule,
the scan that flags them once, who is told and who sees what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.core.period import Period
from tiep_cong_dan.doctype.case_cluster.constants import ClusterReason, ClusterState
from tiep_cong_dan.doctype.case_cluster.models import CaseCluster
from tiep_cong_dan.doctype.case_cluster.services import change_cluster_rule, current_rule
from tiep_cong_dan.doctype.notification.models import Notification
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.reporting.assessment import assessment_lines
from tiep_cong_dan.reporting.cluster_panel import cluster_panel
from tiep_cong_dan.reporting.clusters import scan_clusters

from ..conftest import make_citizen, make_petition, new_unit
from .conftest import hear, session

END = datetime.date(2025, 8, 20)
MATTER = (
    "Khiếu nại việc bồi thường, hỗ trợ tái định cư khi thu hồi đất làm đường tránh "
    "thành phố tại khối 5"
)
# The same matter without accents, and in another order.
MATTER_PLAIN = (
    "khieu nai viec boi thuong ho tro tai dinh cu khi thu hoi dat lam duong tranh thanh pho, khoi 5"
)
MATTER_TURNED = (
    "Tái định cư khi thu hồi đất làm đường tránh thành phố tại khối 5: khiếu nại việc "
    "bồi thường, hỗ trợ"
)
DENOUNCED = (
    "Tố cáo cán bộ làm sai việc bồi thường, hỗ trợ tái định cư khi thu hồi đất làm "
    "đường tránh thành phố tại khối 5"
)
# Unrelated cases of the same ward sharing many of the words.
UNRELATED = (
    "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất tại khối 5 cho gia đình",
    "Kiến nghị sửa chữa đường giao thông nông thôn tại khối 5 bị hư hỏng sau mưa lũ",
    "Khiếu nại việc thu hồi đất làm chợ trung tâm, đề nghị bồi thường theo giá thị trường",
)
DENOUNCER = "Lương Văn Cường"


def _petition(unit, name, number, text, day, kind=PetitionKind.COMPLAINT, group=1):
    petition = make_petition(
        unit, make_citizen(unit, name, number), kind=kind, received=day, summary=text[:300]
    )
    Petition.objects.filter(pk=petition.pk).update(content=text, group_size=group)
    return petition


@pytest.fixture
def world(role_users):
    """Đông Kinh ward (05977): the matter raised before the 2025 reorganisation in the
    ward merged into it, then twice after, once denounced; three unrelated cases of the
    ward with many of the same words. Kỳ Lừa (06187): three denunciations of one matter."""
    dk, kl = new_unit("05977"), new_unit("06187")
    before = dk.predecessors.first()
    cases = {
        "old_era": _petition(
            before, "Vi Thị Dung", "020170000004", MATTER, datetime.date(2025, 6, 20)
        ),
        "plain": _petition(
            dk, "Hoàng Văn An", "020090000001", MATTER_PLAIN, datetime.date(2025, 7, 10)
        ),
        "turned": _petition(
            dk, "Nông Thị Bích", "020190000002", MATTER_TURNED, datetime.date(2025, 8, 1)
        ),
        "denounced": _petition(
            dk,
            DENOUNCER,
            "020080000003",
            DENOUNCED,
            datetime.date(2025, 8, 5),
            kind=PetitionKind.DENUNCIATION,
        ),
    }
    for i, text in enumerate(UNRELATED):
        cases[f"unrelated{i}"] = _petition(
            dk, f"Người Khác {i}", f"02020000001{i}", text, datetime.date(2025, 7, 15 + i)
        )
    for i in range(3):
        cases[f"kl{i}"] = _petition(
            kl,
            f"Người Tố Cáo {i}",
            f"02030000002{i}",
            "Tố cáo chủ tịch phường Kỳ Lừa nhận tiền của người dân khi cấp phép xây dựng",
            datetime.date(2025, 8, 1 + i),
            kind=PetitionKind.DENUNCIATION,
        )
    return cases


def _crowded():
    return CaseCluster.objects.filter(reason=ClusterReason.CROWDED)


def test_the_planted_matter_is_flagged_once_across_two_scans(world, role_users):
    first = scan_clusters(END)
    again = scan_clusters(END)

    dk = _crowded().get(unit=new_unit("05977"))
    assert set(dk.members.values_list("pk", flat=True)) == {
        world[k].pk for k in ("old_era", "plain", "turned", "denounced")
    }
    assert (dk.petitions_count, dk.citizens_count) == (4, 4)
    assert (dk.public_petitions, dk.public_citizens) == (3, 3)
    assert (dk.first_seen, dk.last_seen) == (datetime.date(2025, 6, 20), datetime.date(2025, 8, 5))
    assert _crowded().count() == 2  # and Kỳ Lừa's denunciations
    assert len(first.new) == 2 and again.new == [] and again.updated == 0
    # The Board head is told once of each, without a name.
    head = role_users["truongban"]
    told = Notification.objects.filter(recipient=head, key__startswith="case-cluster:")
    assert told.count() == 2
    assert not Notification.objects.exclude(recipient=head).filter(key__startswith="case-cluster")
    for note in told:
        assert DENOUNCER not in note.message and "Người Tố Cáo" not in note.message
    dk_note = told.get(key=f"case-cluster:{dk.pk}")
    assert "Phường Đông Kinh" in dk_note.message and "4 đơn, 4 công dân" in dk_note.message


def test_a_later_petition_joins_the_flag_without_a_second_one(world, role_users):
    scan_clusters(END)
    later = _petition(
        new_unit("05977"),
        "Hà Văn Giang",
        "020090000099",
        MATTER,
        datetime.date(2025, 8, 18),
        group=6,
    )
    result = scan_clusters(datetime.date(2025, 8, 25))

    assert result.new == [] and result.updated == 1
    dk = _crowded().get(unit=new_unit("05977"))
    assert later in dk.members.all()
    assert (dk.petitions_count, dk.citizens_count) == (5, 10)
    assert Notification.objects.filter(key__startswith="case-cluster:").count() == 2


def test_a_matter_flagged_and_closed_by_one_scan_is_not_news_to_the_next(world, role_users):
    # A scan over a month: Kỳ Lừa's denunciations (1-3 August) ended and were quiet by
    # its last day, so the flag made for them is closed at once; scanning the month again
    # finds them again, neither makes the flag a second time nor tells the head of it.
    Petition.objects.filter(pk__in=[world[f"kl{i}"].pk for i in range(3)]).update(state="closed")
    end = datetime.date(2025, 11, 10)
    first = scan_clusters(end, start=datetime.date(2025, 10, 25))
    kl = _crowded().get(unit=new_unit("06187"))
    assert kl.pk in [c.pk for c in first.new] and first.closed >= 1
    kl.refresh_from_db()
    assert kl.state == ClusterState.CLOSED
    told = Notification.objects.filter(key__startswith="case-cluster").count()
    again = scan_clusters(end, start=datetime.date(2025, 10, 25))
    assert kl.pk not in [c.pk for c in again.new]
    assert _crowded().filter(unit=new_unit("06187")).count() == 1
    assert Notification.objects.filter(key__startswith="case-cluster").count() == told


def test_too_few_alike_cases_are_not_flagged(world):
    change_cluster_rule(_head(), min_petitions=5, min_citizens=6)
    scan_clusters(END)
    assert not _crowded().exists()


def _head():
    from django.contrib.auth.models import User

    return User.objects.get(username="truongban")


def test_long_running_and_often_heard_cases(world):
    old = _petition(
        new_unit("06187").predecessors.first(),
        "Chu Văn Hải",
        "020090000077",
        "Kiến nghị về ranh giới đất rừng giữa hai thôn",
        datetime.date(2024, 5, 2),
    )
    Petition.objects.filter(pk=old.pk).update(state="approved")
    for month in (8, 9, 10):
        hear(session("periodic", datetime.date(2025, month, 15)), world["plain"], 1)

    scan_clusters(datetime.date(2025, 10, 20), start=None)
    again = scan_clusters(datetime.date(2025, 10, 20), start=None)

    long_running = CaseCluster.objects.filter(reason=ClusterReason.LONG_RUNNING)
    assert [list(c.members.all()) for c in long_running] == [[old]]
    heard = CaseCluster.objects.get(reason=ClusterReason.REPEATED_HEARINGS)
    assert list(heard.members.all()) == [world["plain"]]
    assert again.new == []
    # A case finished closes its flag.
    Petition.objects.filter(pk=old.pk).update(state="closed")
    scan_clusters(datetime.date(2025, 10, 21), start=None)
    assert long_running.get().state == ClusterState.CLOSED


# -- who sees what ----------------------------------------------------------------------

# username -> (flags seen: unit codes, the Đông Kinh flag's petitions as shown)
SEEN = {
    "truongban": ({"05977", "06187"}, 4),
    "canbo": ({"05977", "06187"}, 4),
    "xa_dongkinh": ({"05977"}, 3),
    "huyen_locbinh": (set(), None),
    "quantri": ({"05977"}, 3),
}


@pytest.mark.parametrize("username", sorted(SEEN))
def test_each_role_sees_its_flags_and_no_denunciation_it_is_not_cleared_for(
    world, role_users, login, username
):
    scan_clusters(END)
    user = role_users[username]
    units, shown = SEEN[username]
    flags = rule_for(CaseCluster).queryset(user)
    assert {c.unit.code for c in flags} == units

    client = login(username)
    listing = client.get(reverse("admin:tiep_cong_dan_casecluster_changelist"))
    assert listing.status_code == 200
    dk = _crowded().get(unit=new_unit("05977"))
    page = client.get(reverse("admin:tiep_cong_dan_casecluster_change", args=[dk.pk]))
    if shown is None:
        assert page.status_code in (302, 404)
        return
    assert page.status_code == 200
    body = page.content.decode()
    assert world["plain"].registration_number in body
    cleared = shown == 4
    assert (world["denounced"].registration_number in body) is cleared
    assert DENOUNCER not in body
    panel = cluster_panel(user)
    assert panel["total"] == len(units)


def test_the_panel_and_the_list_ask_the_same_queries_for_more_flags(world, role_users, login):
    scan_clusters(END)
    user = role_users["canbo"]
    client = login("canbo")
    url = reverse("admin:tiep_cong_dan_casecluster_changelist")
    client.get(url)
    cluster_panel(user)

    def count():
        with CaptureQueriesContext(connection) as panel:
            cluster_panel(user)
        with CaptureQueriesContext(connection) as page:
            assert client.get(url).status_code == 200
        count.sql = [q["sql"] for q in page.captured_queries]
        return len(panel), len(page)

    before = count()
    for code in ("05983", "06037", "06040"):
        unit = new_unit(code)
        for i in range(3):
            _petition(
                unit, f"Người {code} {i}", f"0204{code}{i:03d}", MATTER, datetime.date(2025, 8, 10)
            )
    scan_clusters(END)
    assert CaseCluster.objects.count() == 5
    first = count.sql
    open("/tmp/cl_first.sql", "w").write("\n".join(first))
    after = count()
    open("/tmp/cl_after.sql", "w").write("\n".join(count.sql))
    assert after == before


# -- the rule ---------------------------------------------------------------------------


def test_only_the_board_head_changes_the_rule(world, role_users, login):
    with pytest.raises(PermissionDenied):
        change_cluster_rule(role_users["canbo"], min_citizens=10)
    with pytest.raises(ValidationError):
        change_cluster_rule(role_users["truongban"], window_days=0)
    rule = change_cluster_rule(role_users["truongban"], min_citizens=10, window_days=60)
    assert (rule.min_citizens, rule.window_days, rule.changed_by) == (
        10,
        60,
        role_users["truongban"],
    )
    assert rule.history.count() == 2

    url = reverse("admin:tiep_cong_dan_clusterrule_change", args=[rule.pk])
    officer = login("canbo")
    assert officer.get(url).status_code == 200  # the Board reads it
    posted = officer.post(
        url,
        {
            "min_citizens": 3,
            "min_petitions": 2,
            "window_days": 30,
            "similarity": 80,
            "open_days": 365,
            "max_hearings": 2,
        },
    )
    assert posted.status_code == 403
    assert current_rule().min_citizens == 10
    assert login("xa_dongkinh").get(url).status_code in (302, 403, 404)


# -- the report's assessment ------------------------------------------------------------


def test_returning_citizens_and_long_running_cases_for_the_assessment(world, role_users):
    dk = new_unit("05977")
    again = world["plain"].citizen
    make_petition(dk, again, received=datetime.date(2025, 7, 20), summary="Đơn thứ hai")
    old = _petition(
        dk.predecessors.first(), "Chu Văn Hải", "020090000077", MATTER, datetime.date(2024, 5, 2)
    )
    Petition.objects.filter(pk=old.pk).update(state="approved")
    denouncer = world["denounced"].citizen
    for day in (22, 23):
        make_petition(
            dk, denouncer, kind=PetitionKind.DENUNCIATION, received=datetime.date(2025, 7, day)
        )
    july = Period.month(2025, 7)

    board = "\n".join(assessment_lines(july, role_users["canbo"]))
    assert "Hoàng Văn An: 2 đơn" in board
    assert old.registration_number in board and "Chu Văn Hải" not in board
    assert f"{DENOUNCER}: 2 đơn" in board  # the Board is cleared for the denouncer

    admin = "\n".join(assessment_lines(july, role_users["quantri"]))
    assert "Hoàng Văn An" in admin and DENOUNCER not in admin

"""Retention (TCD_RETENTION_YEARS, 10 by default): a citizen whose every case closed
longer ago loses their personal data, in the record and its history; a recent case or
another open one keeps it; the petitions, their numbers and events stay."""

import datetime
import io

import pytest
from django.core.management import call_command
from tiep_cong_dan import workflow
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.doctype.citizen.anonymisation import pseudonym_for
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.notification.models import Notification
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.petition.services import register_petition
from tiep_cong_dan.jobs import tasks
from tiep_cong_dan.jobs.retention import apply_retention
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import make_citizen, new_unit
from ..workflow.helpers import at

TODAY = datetime.date(2026, 11, 30)  # cut-off: cases closed before 30/11/2016


def _case(citizen, received: datetime.date, *, closed: datetime.date | None, by, reps=()):
    """A complaint received on `received`, withdrawn on `closed` (None: still open)."""
    unit = citizen.residence_unit
    petition = register_petition(
        Petition(
            received_date=received,
            channel="in_person",
            kind="complaint",
            citizen=citizen,
            summary="Khiếu nại quyết định thu hồi đất",
            content="Nội dung đơn do công dân trình bày.",
            matter_unit=unit,
            group_size=6 if reps else 1,  # a group appoints representatives (Law Art. 29)
        ),
        representatives=reps,
        at=at(received),
    )
    if closed is not None:
        workflow.apply(petition, "withdraw", by=by, comment="Công dân rút đơn.", at=at(closed))
    return petition


@pytest.fixture
def cases(role_users):
    """Old-era residents (Đông Kinh's predecessor ward, before the 2025 merger):
    - old: one case withdrawn in 2015 -> due
    - representative: represents a group in old's 2015 case, nothing else -> due
    - also_open: a case withdrawn in 2015 and another still open -> kept
    - recent: a case withdrawn in 2024 -> kept"""
    ward = new_unit("05977").predecessors.first()
    canbo = role_users["canbo"]
    people = {
        key: make_citizen(ward, name, number)
        for key, name, number in (
            ("old", "Hoàng Văn An", "020060000101"),
            ("representative", "Nông Văn Bình", "020060000102"),
            ("also_open", "Vi Thị Chi", "020060000103"),
            ("recent", "Lăng Văn Dũng", "020060000104"),
        )
    }
    petitions = {
        "old": _case(
            people["old"],
            datetime.date(2015, 3, 2),
            closed=datetime.date(2015, 6, 1),
            by=canbo,
            reps=[people["representative"]],
        ),
        "also_open_closed": _case(
            people["also_open"],
            datetime.date(2015, 3, 3),
            closed=datetime.date(2015, 6, 1),
            by=canbo,
        ),
        "also_open": _case(people["also_open"], datetime.date(2024, 5, 6), closed=None, by=canbo),
        "recent": _case(
            people["recent"], datetime.date(2024, 5, 7), closed=datetime.date(2024, 9, 2), by=canbo
        ),
    }
    return people, petitions


def _fresh(citizen) -> Citizen:
    return Citizen.objects.get(pk=citizen.pk)


def test_a_citizen_whose_cases_all_closed_long_ago_is_anonymised(cases, role_users):
    canbo = role_users["canbo"]
    people, petitions = cases
    events = WorkflowEvent.objects.filter(doctype="petition").count()
    result = apply_retention(TODAY)
    assert result["anonymised"] == 2 and result["closed_before"] == "2016-11-30"
    assert set(result["citizens"]) == {people["old"].pk, people["representative"].pk}
    old = _fresh(people["old"])
    assert old.full_name == f"Công dân ẩn danh {old.pk:06d}" == pseudonym_for(old)
    assert (old.id_number, old.phone, old.email, old.address) == ("", "", "", "")
    assert old.date_of_birth is None and old.id_issued_on is None
    assert (
        old.anonymised_at is not None and old.residence_unit_id == people["old"].residence_unit_id
    )
    # The case stays, for the statistics, with its petitioner and its history.
    case = Petition.objects.get(pk=petitions["old"].pk)
    assert case.registration_number == "2015/TCD-000001" and case.state == "withdrawn"
    assert case.citizen_id == old.pk and case.kind == "complaint"
    assert WorkflowEvent.objects.filter(doctype="petition").count() == events
    # Nobody types the data back in: the record is read-only from now on.
    assert not rule_for(Citizen).can_change(canbo, old)
    assert rule_for(Citizen).can_change(canbo, _fresh(people["recent"]))
    # Nor is a new case filed under the pseudonym: the person is recorded anew.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        _case(old, datetime.date(2026, 11, 2), closed=None, by=canbo)
    assert "citizen" in refused.value.message_dict
    assert Petition.objects.filter(citizen=old).count() == 1


def test_a_recent_case_or_another_open_one_keeps_the_data(cases):
    people, _petitions = cases
    apply_retention(TODAY)
    for key in ("also_open", "recent"):
        kept = _fresh(people[key])
        assert kept.full_name == people[key].full_name and kept.id_number == people[key].id_number
        assert kept.anonymised_at is None


def test_the_period_is_the_setting(cases, settings):
    people, _petitions = cases
    settings.TCD_RETENTION_YEARS = 1
    assert apply_retention(TODAY)["anonymised"] == 3  # the 2024 case closed > 1 year ago
    assert _fresh(people["recent"]).anonymised_at is not None
    assert _fresh(people["also_open"]).anonymised_at is None  # open, whatever the period


def test_the_history_of_the_citizen_is_purged_too(cases):
    people, _petitions = cases
    citizen = people["old"]
    citizen.phone = "0987654321"
    citizen.save()  # a second version with another phone number
    apply_retention(TODAY)
    versions = list(Citizen.history.filter(id=citizen.pk))
    assert len(versions) == 3  # created, changed, anonymised
    for version in versions:
        assert version.full_name == pseudonym_for(citizen)
        assert (version.id_number, version.phone, version.address) == ("", "", "")
        assert version.date_of_birth is None
    assert versions[0].history_change_reason == "Đã xóa dữ liệu cá nhân: hết thời hạn lưu giữ"
    searched = Citizen.history.filter(id_number="020060000101").exists()
    assert not searched and not Citizen.history.filter(full_name="Hoàng Văn An").exists()


def test_a_dry_run_changes_nothing(cases):
    people, _petitions = cases
    result = apply_retention(TODAY, dry_run=True)
    assert result["due"] == 2 and result["dry_run"]
    assert _fresh(people["old"]).full_name == "Hoàng Văn An"
    assert not Citizen.history.filter(full_name=pseudonym_for(people["old"])).exists()
    assert not Notification.objects.exists()
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "Would anonymise 2 citizen(s)" in out.getvalue()
    assert _fresh(people["old"]).anonymised_at is None


def test_each_run_is_counted_for_administrators_and_runs_again_safely(cases, role_users):
    people, _petitions = cases
    assert tasks.apply_retention.delay(TODAY.isoformat()).get()["anonymised"] == 2
    told = Notification.objects.get(recipient=role_users["quantri"])
    assert " 2 " in told.message and "30/11/2016" in told.message
    assert not Notification.objects.filter(recipient=role_users["canbo"]).exists()
    again = apply_retention(TODAY)
    assert again["anonymised"] == 0
    assert Notification.objects.filter(recipient=role_users["quantri"]).count() == 1
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert "Anonymised 0 citizen(s)" in out.getvalue()


def test_the_job_has_a_default_schedule():
    from tiep_cong_dan.jobs.schedules import DEFAULTS

    assert "tcd.apply_retention" in {task for task, *_rest in DEFAULTS.values()}


def test_a_case_registered_after_the_selection_keeps_the_data(cases, role_users):
    from tiep_cong_dan.jobs.retention import _anonymise_if_still_due, citizens_due, cutoff_for

    people, _petitions = cases
    cutoff = cutoff_for(TODAY, 10)
    assert people["old"].pk in set(citizens_due(cutoff).values_list("pk", flat=True))
    _case(people["old"], datetime.date(2025, 6, 2), closed=None, by=role_users["canbo"])
    assert not _anonymise_if_still_due(people["old"].pk, cutoff)
    assert _fresh(people["old"]).full_name == "Hoàng Văn An"

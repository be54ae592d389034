"""The Chairman issues several result notices at the same moment (e.g. from two
browser tabs, or the Office and the Chairman at once): each gets its own number from
the year's register, without gaps or duplicates, and each issued file carries it."""

import datetime
import threading

import pytest
from django.db import connection
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session
from tiep_cong_dan.doctype.result_notice.models import Conclusion, ResultNotice
from tiep_cong_dan.doctype.result_notice.services import draft_result_notice

from ..conftest import ensure_master_data, make_citizen, make_petition, new_unit
from ..workflow.helpers import at, set_state

COUNT = 4


def _submitted_notices(users) -> list[ResultNotice]:
    """A held session of COUNT hearings and one submitted notice per hearing."""
    dk = new_unit("05977")
    session = create_session(
        ReceptionSession(
            kind="periodic",
            date=datetime.date(2026, 4, 15),
            presiding_official="Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        ),
        by=users["canbo"],
    )
    notices = []
    for i in range(COUNT):
        petition = make_petition(dk, make_citizen(dk, f"Công dân {i}", f"02009100{i:04d}"))
        AgendaItem.objects.create(
            session=session, position=i + 1, petition=petition, mode="in_person", heard=True
        )
        set_state(petition, "heard")
        notice = draft_result_notice(
            ResultNotice(session=session, signer_name="Hồ Tiến Thiệu", signer_title="Chủ tịch"),
            by=users["canbo"],
        )
        Conclusion.objects.create(notice=notice, petition=petition, text="Giao Sở kiểm tra.")
        set_state(notice, "submitted")
        notices.append(notice)
    set_state(session, "held")
    return notices


@pytest.mark.django_db(transaction=True)
def test_simultaneous_issues_number_without_gaps_or_duplicates():
    from django.contrib.auth.models import User
    from tiep_cong_dan.demo.users import create_demo_users
    from tiep_cong_dan.print_format.documents import DOCUMENTS
    from tiep_cong_dan.print_format.service import document_file

    ensure_master_data()
    create_demo_users("Test-password-2026")
    users = {u.username: u for u in User.objects.all()}
    notices = _submitted_notices(users)
    barrier = threading.Barrier(COUNT)
    errors: list = []

    def issue(notice):
        try:
            barrier.wait(timeout=10)
            workflow.apply(
                ResultNotice.objects.get(pk=notice.pk),
                "issue",
                by=users["chutich"],
                at=at(datetime.date(2026, 4, 17)),
            )
        except Exception as exc:  # noqa: BLE001 - reported below with its notice
            errors.append((notice.pk, exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(n,)) for n in notices]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    numbers = sorted(ResultNotice.objects.values_list("number", flat=True))
    assert numbers == [f"{n:02d}/TB-UBND" for n in range(1, COUNT + 1)]
    import subprocess
    import tempfile

    for notice in ResultNotice.objects.all():
        with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
            fh.write(document_file(DOCUMENTS["result_notice"], notice, None, "pdf"))
            fh.flush()
            text = subprocess.run(
                ["pdftotext", fh.name, "-"], capture_output=True, text=True, check=True
            ).stdout
        assert f"Số: {notice.number}" in text

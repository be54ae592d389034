"""Edits saved outside workflow steps write only what was edited, to the row as it is
now: a step taken meanwhile by someone else (its state, what its effects set) stays."""

from tiep_cong_dan import workflow
from tiep_cong_dan.core.records import save_changes
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.petition.services import update_petition
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession

from ..conftest import make_citizen, make_petition, new_unit
from ..scheduling.test_agenda import _session
from ..workflow.helpers import make_eligible


def test_an_edit_from_a_stale_copy_does_not_undo_a_step(role_users):
    dk = new_unit("05977")
    petition = make_eligible(make_petition(dk, make_citizen(dk, "Hà Văn Cường", "020090000881")))
    stale = Petition.objects.get(pk=petition.pk)  # an edit form opened before the step
    workflow.apply(petition, "classify", by=role_users["canbo"])
    stale.summary = "Khiếu nại việc bồi thường khi thu hồi đất"
    stale.jurisdiction = "undetermined"  # unchanged on the form: not written
    update_petition(stale, by=role_users["canbo"], fields=["summary"])
    now = Petition.objects.get(pk=petition.pk)
    assert now.state == "classified" and now.jurisdiction == "chairman"
    assert now.summary == "Khiếu nại việc bồi thường khi thu hồi đất"
    assert now.history.first().history_user == role_users["canbo"]


def test_saved_changes_keep_a_state_moved_meanwhile(role_users):
    import datetime

    session = _session(role_users, datetime.date(2026, 3, 16))
    stale = ReceptionSession.objects.get(pk=session.pk)
    ReceptionSession.objects.filter(pk=session.pk).update(state="planned")  # a step elsewhere
    saved = save_changes(stale, {"notes": "Phòng họp số 2"}, by=role_users["canbo"])
    now = ReceptionSession.objects.get(pk=session.pk)
    assert now.state == saved.state == "planned" and now.notes == "Phòng họp số 2"

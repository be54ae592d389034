"""Two officers act on the same document at the same moment: one succeeds, the other
is refused with the state the first left, and the log shows one step."""

import threading

import pytest
from django.db import connection
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import ensure_master_data, make_citizen, make_petition, new_unit
from .helpers import make_eligible

SAME_STEP = [("endorse", "truongban", ""), ("endorse", "truongban", "")]
COMPETING = [("endorse", "truongban", ""), ("reject", "truongban", "Không đủ điều kiện.")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("plans", [SAME_STEP, COMPETING], ids=["same-step", "competing-steps"])
def test_two_simultaneous_steps_give_one_success_and_one_refusal(plans):
    from django.contrib.auth.models import User
    from tiep_cong_dan.demo.users import create_demo_users

    ensure_master_data()
    create_demo_users("Test-password-2026")
    users = {u.username: u for u in User.objects.all()}
    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))
    make_eligible(petition)
    workflow.apply(petition, "classify", by=users["canbo"])
    workflow.apply(petition, "propose", by=users["canbo"])
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def act(i):
        name, who, comment = plans[i]
        try:
            barrier.wait(timeout=10)
            # Both saw the proposed petition on their screen.
            results[i] = workflow.apply(
                Petition.objects.get(pk=petition.pk),
                name,
                by=users[who],
                comment=comment,
                expected_state="proposed",
            )
        except workflow.TransitionRefused as exc:
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    refused = [r for r in results if isinstance(r, workflow.TransitionRefused)]
    done = [r for r in results if isinstance(r, WorkflowEvent)]
    assert len(done) == 1 and len(refused) == 1, results
    assert refused[0].code == "stale"
    # The refusal names the state the winner left (threads speak the site's language).
    assert any(label in str(refused[0]) for label in ("Trưởng Ban đã trình", "Không được chấp"))
    petition.refresh_from_db()
    assert petition.state == done[0].to_state
    log = WorkflowEvent.objects.filter(doctype="petition", object_id=petition.pk)
    assert log.filter(from_state="proposed").count() == 1

"""Proposals from communes and districts (scheme III.2.2, V.1.3), per role: a commune
officer proposes a case of their area; the Board receives it in its queue of proposals
and accepts it (the case moves on through its own workflow) or declines it with the
reason (the proposer is told)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.core import outbox
from tiep_cong_dan.doctype.case_proposal.constants import ProposalGround
from tiep_cong_dan.doctype.case_proposal.models import CaseProposal
from tiep_cong_dan.doctype.case_proposal.services import propose_case, register_and_propose
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.notification.models import Notification
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.workflow.engine import TransitionRefused

from ...conftest import new_unit, sign_in
from ...workflow.helpers import make_eligible

ADD = reverse("admin:tiep_cong_dan_caseproposal_add")
LIST = reverse("admin:tiep_cong_dan_caseproposal_changelist")


def _propose(
    client, petition, ground=ProposalGround.OVER_HEADS, details="Đã gửi đơn lên Trung ương."
):
    return client.post(
        ADD, {"petition": petition.pk, "ground": ground, "details": details, "letter": ""}
    )


def test_a_commune_proposes_its_case_and_the_board_finds_it_waiting(
    client, role_users, placed_petitions
):
    petition = placed_petitions["dongkinh"]
    sign_in(client, "xa_dongkinh")
    response = _propose(client, petition)
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = CaseProposal.objects.get(petition=petition)
    assert proposal.state == "submitted"
    assert proposal.proposed_by == role_users["xa_dongkinh"]
    assert proposal.proposing_unit.code == "05977"
    assert proposal.proposing_agency is not None  # Đông Kinh's People's Committee
    assert workflow.timeline(proposal)[0].actor == role_users["xa_dongkinh"]
    # The Board hears of it in its inbox, linking to the proposal; the proposer does not.
    told = Notification.objects.filter(recipient=role_users["canbo"])
    assert [n.link for n in told] == [
        reverse("admin:tiep_cong_dan_caseproposal_change", args=[proposal.pk])
    ]
    assert petition.registration_number in told[0].message
    assert Notification.objects.filter(recipient=role_users["truongban"]).count() == 1
    assert not Notification.objects.filter(recipient=role_users["xa_dongkinh"]).exists()
    # The Board's list opens on the proposals waiting for it.
    sign_in(client, "canbo")
    page = client.get(LIST).content.decode()
    assert petition.registration_number in page


def test_a_case_outside_the_officers_area_is_refused_in_words(client, role_users, placed_petitions):
    other = placed_petitions["kylua"]
    sign_in(client, "xa_dongkinh")
    response = _propose(client, other)
    assert response.status_code == 200
    # Refused beside the case, in words.
    assert "không thuộc địa bàn" in response.content.decode()
    assert not CaseProposal.objects.exists()
    with pytest.raises(ValidationError) as refused:
        propose_case(
            CaseProposal(petition=other, ground=ProposalGround.OVER_HEADS),
            by=role_users["xa_dongkinh"],
        )
    assert refused.value.error_dict["petition"][0].code == "outside_area"
    assert "không thuộc địa bàn" in " ".join(refused.value.messages)


def test_an_officer_cannot_read_another_areas_proposal(client, role_users, placed_petitions):
    kylua = new_unit("06187")
    proposal = propose_case(
        CaseProposal(
            petition=placed_petitions["kylua"],
            proposing_unit=kylua,
            ground=ProposalGround.LAW_18_3_A,
        ),
        by=role_users["canbo"],
    )
    change = reverse("admin:tiep_cong_dan_caseproposal_change", args=[proposal.pk])
    sign_in(client, "xa_dongkinh")
    assert client.get(change).status_code == 404
    listed = client.get(LIST + "?state=all").content.decode()
    assert placed_petitions["kylua"].registration_number not in listed
    sign_in(client, "so_nnmt")  # departments have no part in proposals
    assert client.get(LIST).status_code == 403
    sign_in(client, "chutich")  # the Chairman reads them, the Board decides
    assert client.get(change).status_code == 200
    with pytest.raises(TransitionRefused):
        workflow.apply(proposal, "accept", by=role_users["chutich"])


def test_other_grounds_need_words_and_a_case_is_proposed_once(role_users, placed_petitions):
    petition = placed_petitions["dongkinh"]
    officer = role_users["xa_dongkinh"]
    with pytest.raises(ValidationError) as refused:
        propose_case(CaseProposal(petition=petition, ground=ProposalGround.OTHER), by=officer)
    assert "details" in refused.value.message_dict
    propose_case(CaseProposal(petition=petition, ground=ProposalGround.SCHEME_2_2), by=officer)
    with pytest.raises(ValidationError) as twice:
        propose_case(CaseProposal(petition=petition, ground=ProposalGround.SCHEME_2_2), by=officer)
    assert "chờ Ban" in " ".join(twice.value.messages)


def test_accepting_records_the_proposal_on_the_case_and_proposes_it(role_users, placed_petitions):
    petition = make_eligible(placed_petitions["dongkinh"], eligibility_basis="")
    workflow.apply(petition, "classify", by=role_users["canbo"])
    proposal = propose_case(
        CaseProposal(petition=petition, ground=ProposalGround.LAW_18_3_A, letter="Số 12/UBND"),
        by=role_users["xa_dongkinh"],
    )
    workflow.apply(proposal, "accept", by=role_users["canbo"])
    petition.refresh_from_db()
    assert proposal.state == "accepted"
    assert petition.proposing_agency == proposal.proposing_agency
    assert "Số 12/UBND" in petition.chairman_proposal
    assert petition.eligibility_basis == "scheme_2_2"
    # Through the petition's own step, caused by the acceptance.
    assert petition.state == "proposed"
    step = workflow.timeline(petition)[-1]
    assert step.action == "propose" and step.caused_by_id is not None
    outbox.run_due()
    told = Notification.objects.get(recipient=role_users["xa_dongkinh"])
    assert petition.registration_number in told.message
    assert "đã tiếp nhận" in told.message


def test_a_received_case_waits_for_the_boards_classification(role_users, placed_petitions):
    petition = placed_petitions["dongkinh"]
    proposal = propose_case(
        CaseProposal(petition=petition, ground=ProposalGround.OVER_HEADS),
        by=role_users["xa_dongkinh"],
    )
    workflow.apply(proposal, "accept", by=role_users["truongban"])
    petition.refresh_from_db()
    assert petition.state == "received"  # classified first, by the Board
    assert petition.chairman_proposal and petition.eligibility_basis == "decree_20_1"


def test_declining_needs_the_reason_and_tells_the_proposer(role_users, placed_petitions):
    proposal = propose_case(
        CaseProposal(petition=placed_petitions["dongkinh"], ground=ProposalGround.OVER_HEADS),
        by=role_users["xa_dongkinh"],
    )
    with pytest.raises(TransitionRefused):
        workflow.apply(proposal, "decline", by=role_users["canbo"])
    with pytest.raises(TransitionRefused):  # the proposer does not decide
        workflow.apply(proposal, "decline", by=role_users["xa_dongkinh"], comment="Rút.")
    workflow.apply(
        proposal, "decline", by=role_users["canbo"], comment="Vụ việc thuộc thẩm quyền của xã."
    )
    assert proposal.decline_reason == "Vụ việc thuộc thẩm quyền của xã."
    outbox.run_due()
    told = Notification.objects.get(recipient=role_users["xa_dongkinh"])
    assert "Vụ việc thuộc thẩm quyền của xã." in told.message
    assert "không tiếp nhận" in told.message


def test_a_denunciations_grounds_are_masked_from_those_not_cleared(
    client, role_users, placed_petitions
):
    proposal = propose_case(
        CaseProposal(
            petition=placed_petitions["dongkinh_tc"],
            ground=ProposalGround.OTHER,
            details="Ông Lương Văn Cường đã tố cáo nhiều lần.",
        ),
        by=role_users["xa_dongkinh"],
    )
    change = reverse("admin:tiep_cong_dan_caseproposal_change", args=[proposal.pk])
    sign_in(client, "xa_dongkinh")
    page = client.get(change)
    assert page.status_code == 200
    assert "Lương Văn Cường" not in page.content.decode()
    sign_in(client, "canbo")
    assert "Lương Văn Cường" in client.get(change).content.decode()


def test_a_commune_registers_a_new_case_for_its_citizen_and_proposes_it(role_users):
    dk = new_unit("05977")
    citizen = Citizen(
        full_name="Đinh Văn Mới", id_number="020095000777", residence_unit=dk, address="Thôn 1"
    )
    petition = Petition(
        channel="written",
        kind="complaint",
        summary="Tranh chấp đất rừng",
        content="Gia đình tôi khiếu nại việc thu hồi đất rừng.",
        matter_unit=dk,
    )
    proposal = register_and_propose(
        petition,
        CaseProposal(ground=ProposalGround.OVER_HEADS, details="Đã gửi đơn nhiều nơi."),
        citizen=citizen,
        by=role_users["xa_dongkinh"],
    )
    assert proposal.petition.registration_number
    assert proposal.petition.state == "received"
    assert proposal.petition.created_by == role_users["xa_dongkinh"]
    # Another commune's citizen: nothing is written.
    kl = new_unit("06187")
    stranger = Citizen(
        full_name="Hà Văn Xa", id_number="020095000778", residence_unit=kl, address="Thôn 2"
    )
    before = Petition.objects.count()
    with pytest.raises(ValidationError):
        register_and_propose(
            Petition(channel="written", kind="complaint", summary="x", content="y", matter_unit=kl),
            CaseProposal(ground=ProposalGround.OVER_HEADS),
            citizen=stranger,
            by=role_users["xa_dongkinh"],
        )
    assert Petition.objects.count() == before
    assert not Citizen.objects.filter(id_number="020095000778").exists()


REGISTER = reverse("admin:tiep_cong_dan_caseproposal_register")


def _new_case(unit, **extra) -> dict:
    return {
        "full_name": "Vi Văn Đăng",
        "id_number": "020096000123",
        "phone": "",
        "address": "Khối 3",
        "residence_unit": unit.pk,
        "kind": "complaint",
        "summary": "Khiếu nại về bồi thường",
        "content": "Gia đình chưa được bồi thường.",
        "citizen_consent": "on",
        "ground": "over_heads",
        "details": "Đã gửi đơn đến nhiều cơ quan.",
        "letter": "",
        **extra,
    }


def test_the_register_and_propose_page_writes_all_or_nothing(client, role_users):
    dk, kl = new_unit("05977"), new_unit("06187")
    sign_in(client, "xa_dongkinh")
    # Another commune's citizen is not one the page offers.
    refused = client.post(REGISTER, _new_case(kl))
    assert refused.status_code == 200 and not Petition.objects.exists()
    # "Other grounds" without words: nothing written, the error beside its field.
    refused = client.post(REGISTER, _new_case(dk, ground="other", details=""))
    assert "phải ghi nội dung, lý do đề xuất" in refused.content.decode()
    assert not Petition.objects.exists() and not Citizen.objects.filter(full_name="Vi Văn Đăng")
    response = client.post(REGISTER, _new_case(dk))
    assert response.status_code == 302
    proposal = CaseProposal.objects.get()
    assert proposal.petition.citizen.full_name == "Vi Văn Đăng"
    assert proposal.petition.channel == "transferred" and proposal.proposing_unit == dk
    sign_in(client, "canbo")  # the Board registers on the petitions' own form
    assert client.get(REGISTER).status_code == 403
    sign_in(client, "so_nnmt")
    assert client.get(REGISTER).status_code == 403

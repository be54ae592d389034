"""Comments on a document's timeline, with @mentions: who may comment (whoever may see
the document), who is told (only those mentioned who may see it), the bell and the
e-mail, masking on a denunciation, the suggestions, the order beside the steps."""

import pytest
from django.core import mail
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.access.confidential import MASK
from tiep_cong_dan.doctype.notification.models import Notification, NotificationPreference
from tiep_cong_dan.doctype.notification.sms import MemorySmsGateway
from tiep_cong_dan.workflow.comments import (
    CommentRefused,
    mention_candidates,
    mentioned_names,
    post_comment,
)
from tiep_cong_dan.workflow.models import Comment

from .helpers import make_eligible


def _page(petition) -> str:
    return reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk])


def _post(petition) -> str:
    return reverse("admin:tiep_cong_dan_petition_comment", args=[petition.pk])


def _mentions(petition) -> str:
    return reverse("admin:tiep_cong_dan_petition_mentions", args=[petition.pk])


def test_mentions_are_read_as_user_names():
    assert mentioned_names("@chutich xem giúp; cc @so_nnmt, @chutich.") == ["chutich", "so_nnmt"]
    assert mentioned_names("thư gửi a@b.vn và email@chutich") == []


def test_a_mention_notifies_in_the_bell_and_by_email(
    login, role_users, placed_petitions, django_capture_on_commit_callbacks
):
    """Given the Board officer on a complaint of Đông Kinh, when they mention the
    Chairman and the Sở officer (whose agency the case concerns), both are told once,
    in the desk and by e-mail, with a link to the comment."""
    MemorySmsGateway.outbox.clear()
    NotificationPreference.objects.create(
        user=role_users["so_nnmt"], by_email=False, by_sms=True, phone="0912345678"
    )
    petition = placed_petitions["dongkinh"]
    client = login("canbo")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _post(petition), {"note": "Đề nghị @chutich cho ý kiến; @so_nnmt kiểm tra hồ sơ đất."}
        )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_page(petition)}#comment-{comment.pk}"
    assert comment.author == role_users["canbo"]
    assert sorted(comment.mentioned) == sorted([role_users["chutich"].pk, role_users["so_nnmt"].pk])
    told = Notification.objects.filter(key=f"comment:{comment.pk}").order_by("recipient__username")
    assert [n.recipient.username for n in told] == ["chutich", "so_nnmt"]
    assert told[0].link == f"{_page(petition)}#comment-{comment.pk}"
    assert "đã nhắc đến đồng chí trong ý kiến về hồ sơ" in told[0].message
    assert petition.registration_number in told[0].message
    assert "cho ý kiến" in told[0].message  # a complaint's comment is quoted
    assert [m.to for m in mail.outbox] == [[role_users["chutich"].email]]
    assert [m["to"] for m in MemorySmsGateway.outbox] == ["0912345678"]
    page = client.get(_page(petition)).content.decode()
    assert f'id="comment-{comment.pk}"' in page
    assert '<span class="tcd-mention">@chutich</span>' in page


def test_a_mention_of_someone_who_may_not_see_the_case_tells_nobody(
    login, role_users, placed_petitions
):
    """The Sở officer's agency has nothing to do with Kỳ Lừa's complaint: mentioned, they
    are not told, and the author is told why."""
    petition = placed_petitions["kylua"]
    client = login("canbo")
    response = client.post(_post(petition), {"note": "@so_nnmt @khongco @canbo xem."}, follow=True)
    comment = Comment.objects.get()
    assert comment.mentioned == []
    assert not Notification.objects.exists()
    text = response.content.decode()
    assert "@so_nnmt, @khongco" in text  # the warning names them; one's own name is skipped


@pytest.mark.parametrize(
    ("username", "case", "allowed"),
    [
        ("canbo", "kylua", True),
        ("truongban", "kylua", True),
        ("chutich", "kylua", True),
        ("vanphong", "kylua", True),
        ("xa_dongkinh", "dongkinh", True),
        ("xa_dongkinh", "kylua", False),
        ("so_nnmt", "dongkinh", True),
        ("so_nnmt", "kylua", False),
        ("huyen_locbinh", "locbinh_old", True),
        ("huyen_locbinh", "dongkinh", False),
        ("trunguong", "dongkinh", False),
        ("kythuat", "dongkinh", False),
        ("quantri", "dongkinh", True),
    ],
)
def test_who_may_see_the_case_may_comment(login, placed_petitions, username, case, allowed):
    petition = placed_petitions[case]
    client = login(username)
    response = client.post(_post(petition), {"note": "Ý kiến của tôi."})
    assert Comment.objects.count() == (1 if allowed else 0)
    assert response.status_code == (302 if allowed else 404)
    assert client.get(_mentions(petition), {"q": "c"}).status_code == (200 if allowed else 404)
    assert client.get(_post(petition)).status_code in (404, 405)


def test_the_service_refuses_outside_the_rule_and_empty_or_long_text(role_users, placed_petitions):
    petition = placed_petitions["kylua"]
    with pytest.raises(CommentRefused):
        post_comment(petition, by=role_users["xa_dongkinh"], body="Xin ý kiến.")
    with pytest.raises(CommentRefused) as empty:
        post_comment(petition, by=role_users["canbo"], body=" \u200b \n ")
    assert empty.value.code == "comment_empty"
    with pytest.raises(CommentRefused) as long:
        post_comment(petition, by=role_users["canbo"], body="x" * 5001)
    assert long.value.code == "comment_too_long"
    assert not Comment.objects.exists()


def test_a_refused_comment_comes_back_as_typed_beside_its_box(login, placed_petitions):
    petition = placed_petitions["kylua"]
    client = login("canbo")
    typed = "y" * 5001
    page = client.post(_post(petition), {"note": typed}, follow=True).content.decode()
    assert typed in page  # nothing lost
    assert "5000" in page.replace(".", "").replace(" ", "")  # the limit said beside it
    assert not Comment.objects.exists()


def test_comments_on_a_denunciation_are_masked_for_those_not_cleared(
    login, role_users, placed_petitions, django_capture_on_commit_callbacks
):
    """The Board officer names the denouncer in a comment and mentions the commune
    officer: the commune officer is told without a quote, and sees the comment masked;
    the Chairman reads it; the commune officer's own comment is shown to them."""
    petition = placed_petitions["dongkinh_tc"]
    secret = "Ông Lương Văn Cường đề nghị giữ bí mật"
    with django_capture_on_commit_callbacks(execute=True):
        login("canbo").post(_post(petition), {"note": f"{secret}; @xa_dongkinh @chutich xem."})
    for n in Notification.objects.all():
        assert "Cường" not in n.message and "bí mật" not in n.message
    assert all("Cường" not in m.body and "bí mật" not in m.body for m in mail.outbox)
    assert Notification.objects.filter(recipient=role_users["xa_dongkinh"]).count() == 1
    commune = login("xa_dongkinh")
    page = commune.get(_page(petition)).content.decode()
    assert secret not in page and str(MASK) in page
    commune.post(_post(petition), {"note": "Xã đã nắm tình hình."})
    page = commune.get(_page(petition)).content.decode()
    assert "Xã đã nắm tình hình." in page  # their own words
    chairman = login("chutich").get(_page(petition)).content.decode()
    assert secret in chairman and "Xã đã nắm tình hình." in chairman


def test_suggestions_are_the_users_who_may_see_the_case(role_users, placed_petitions, login):
    dongkinh, kylua = placed_petitions["dongkinh"], placed_petitions["kylua"]
    assert [u.username for u in mention_candidates(dongkinh, "so")] == ["so_nnmt"]
    assert [u.username for u in mention_candidates(kylua, "so")] == []
    assert "xa_dongkinh" in [u.username for u in mention_candidates(dongkinh, "")]
    assert "xa_dongkinh" not in [u.username for u in mention_candidates(kylua, "")]
    data = login("canbo").get(_mentions(dongkinh), {"q": "chu"}).json()
    assert data["results"][0]["username"] == "chutich"
    data = login("canbo").get(_mentions(kylua), {"q": "so_"}).json()
    assert data["results"] == []


def test_comments_sit_between_the_steps_in_time_order(login, role_users, placed_petitions):
    petition = placed_petitions["kylua"]
    client = login("canbo")
    client.post(_post(petition), {"note": "Ý kiến trước khi phân loại."})
    make_eligible(petition)
    workflow.apply(petition, "classify", by=role_users["canbo"])
    client.post(_post(petition), {"note": "Ý kiến sau khi phân loại."})
    page = client.get(_page(petition)).content.decode()
    order = [
        page.index("Tiếp nhận, tạo mới"),
        page.index("Ý kiến trước khi phân loại."),
        page.index("Phân loại</td>"),
        page.index("Ý kiến sau khi phân loại."),
    ]
    assert order == sorted(order)


def test_comments_cannot_be_changed_or_deleted(role_users, placed_petitions):
    posted = post_comment(placed_petitions["kylua"], by=role_users["canbo"], body="Một ý kiến.")
    with pytest.raises(Exception, match="changed"):
        Comment.objects.filter(pk=posted.comment.pk).update(body="khác")
    with pytest.raises(Exception, match="deleted"):
        posted.comment.delete()


def test_every_document_with_a_timeline_takes_comments(
    login, role_users, placed_petitions, session
):
    """A task: its agency asks the Board; a session: the technician asks the Board head.
    Each is told; an agency officer of another agency may neither see nor comment."""
    from tiep_cong_dan.doctype.agency.models import Agency
    from tiep_cong_dan.doctype.result_notice.models import Assignment, ResultNotice

    notice = ResultNotice.objects.create(session=session)
    task = Assignment.objects.create(
        notice=notice,
        petition=placed_petitions["dongkinh"],
        agency=Agency.objects.get(code="SNNMT"),
        task="Kiểm tra hiện trạng sử dụng đất.",
        deadline=session.date,
    )
    cases = [
        ("so_nnmt", task, "assignment", "@canbo xin gia hạn 5 ngày.", "canbo"),
        ("kythuat", session, "receptionsession", "@truongban điểm cầu chưa thử.", "truongban"),
    ]
    for username, doc, model, text, told in cases:
        client = login(username)
        url = reverse(f"admin:tiep_cong_dan_{model}_comment", args=[doc.pk])
        assert client.post(url, {"note": text}).status_code == 302
        comment = Comment.objects.latest("pk")
        assert comment.object_id == doc.pk and comment.body == text
        assert Notification.objects.get(key=f"comment:{comment.pk}").recipient.username == told
        page = client.get(reverse(f"admin:tiep_cong_dan_{model}_change", args=[doc.pk]))
        assert text.split(" ", 1)[1] in page.content.decode()
    # Sở Xây dựng's officer (no case of theirs here) may not see the task, nor comment.
    from tiep_cong_dan.access.models import UserScope

    other = role_users["so_nnmt"]
    UserScope.objects.filter(user=other).update(agency=Agency.objects.get(code="SXD"))
    outsider = login("so_nnmt")
    url = reverse("admin:tiep_cong_dan_assignment_comment", args=[task.pk])
    before = Comment.objects.count()
    assert outsider.post(url, {"note": "thử"}).status_code == 404
    assert Comment.objects.count() == before

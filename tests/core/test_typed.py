"""A refused post on the desk's own pages keeps what was typed and shows each error
beside its field (core/typed.py): the workflow panel's comment, the agenda board's
move, a role request's refusal. The console's case is in tests/conference."""

import re

from django.contrib.auth.models import User
from django.urls import reverse
from tiep_cong_dan.access.grants.services import set_roles

from ..workflow.conftest import session  # noqa: F401


def _errors_after(html: str, field_html: str) -> str:
    """The error list right after a field's markup ('' when none)."""
    at = html.index(field_html) + len(field_html)
    found = re.match(
        r"\s*<ul class=\"errorlist tcd-field-errors\"[^>]*>(.*?)</ul>", html[at:], re.S
    )
    return found.group(1) if found else ""


def test_a_refused_step_keeps_its_comment(session, login):  # noqa: F811
    """Given a draft session, when the officer writes a comment and takes a step the
    state does not allow, the form comes back with the comment as written; when a
    step needs a comment and none is given, the error is beside the comment box."""
    client = login("canbo")
    url = reverse("admin:tiep_cong_dan_receptionsession_workflow", args=[session.pk])
    comment = "Đã gọi điện cho UBND xã Đồng Đăng <xác nhận> phòng họp."
    page = client.post(
        url, {"action": "confirm_tests", "comment": comment, "state": "draft"}, follow=True
    ).content.decode()
    assert ">Đã gọi điện cho UBND xã Đồng Đăng &lt;xác nhận&gt; phòng họp.</textarea>" in page
    page = client.post(
        url, {"action": "reorder", "comment": "", "state": "draft"}, follow=True
    ).content.decode()
    textarea = re.search(r'<textarea name="comment" id="wf-comment"[^>]*></textarea>', page)
    assert "bắt buộc ghi ý kiến nêu rõ lý do" in _errors_after(page, textarea.group(0))
    # shown once: the next visit is a fresh form
    fresh = client.get(reverse("admin:tiep_cong_dan_receptionsession_change", args=[session.pk]))
    assert "tcd-field-errors" not in fresh.content.decode()


def test_a_refused_move_on_the_agenda_keeps_its_position_and_reason(session, login):  # noqa: F811
    client = login("canbo")
    url = reverse("admin:tiep_cong_dan_receptionsession_agenda", args=[session.pk])
    first, second = session.agenda_items.order_by("position")
    # given a new place but no reason: the place stays as typed, the error is at the reason
    page = client.post(url, {"item": second.pk, "position": "1", "reason": ""}, follow=True)
    html = page.content.decode()
    form = re.search(
        rf'<input type="hidden" name="item" value="{second.pk}">(.*?)</form>', html, re.S
    ).group(1)
    assert 'name="position" min="1" max="2" value="1"' in form
    assert (
        "Nhập lý do thay đổi thứ tự."
        in html.split(f'value="{second.pk}"', 1)[1].split("</td>", 1)[0]
    )
    # given a reason but a place that is a word: the reason stays, the error is at the place
    html = client.post(
        url, {"item": second.pk, "position": "đầu", "reason": "Công dân đến sớm"}, follow=True
    ).content.decode()
    cell = html.split(f'value="{second.pk}"', 1)[1].split("</td>", 1)[0]
    assert 'value="Công dân đến sớm"' in cell and "số nguyên" in cell
    second.refresh_from_db()
    assert second.position == 2


def test_a_refused_refusal_of_a_role_keeps_its_reason_field(login, role_users):
    grant = set_roles(
        role_users["so_nnmt"], ["department_officer", "board_officer"], by=role_users["quantri"]
    )[0]
    client = login("truongban")
    url = reverse("admin:tiep_cong_dan_rolegrant_decide", args=[grant.pk])
    html = client.post(url, {"decision": "refuse", "reason": " "}, follow=True).content.decode()
    assert "Hãy ghi lý do từ chối.</li>" in html
    assert User.objects.get(username="so_nnmt").groups.filter(name="board_officer").count() == 0

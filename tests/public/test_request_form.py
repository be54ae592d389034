"""The public request form (`/gui-yeu-cau/`): works without JavaScript, answers bad
input in Vietnamese, sends the code by SMS, confirms it and shows the receipt once; its
limits answer 429; the proof-of-work is verified once and not replayed."""

import re
from pathlib import Path

import pytest
from altcha.v1 import ChallengeOptions, create_challenge, solve_challenge
from django.conf import settings
from django.urls import reverse
from tiep_cong_dan.doctype.bridge_point.constants import PointLevel
from tiep_cong_dan.doctype.notification.sms import MemorySmsGateway
from tiep_cong_dan.doctype.reception_request.constants import BridgeChoice, RequestState
from tiep_cong_dan.doctype.reception_request.models import ReceptionRequest
from tiep_cong_dan.public import pow as proof
from tiep_cong_dan.public.isolation import PUBLIC_CSP
from tiep_cong_dan.public.request_views import _confirmable, confirm_url

from ..conftest import new_unit

pytestmark = pytest.mark.django_db
URL = "/gui-yeu-cau/"
STATIC = Path(settings.BASE_DIR) / "apps" / "tiep_cong_dan" / "static"


@pytest.fixture(autouse=True)
def _outbox():
    MemorySmsGateway.outbox.clear()
    yield
    MemorySmsGateway.outbox.clear()


def _data(**changes) -> dict:
    data = {
        "full_name": "Hoàng Văn Bình",
        "id_kind": "cccd",
        "id_number": "020090001234",
        "phone": "0912345678",
        "email": "",
        "address": "thôn Nà Làng",
        "residence_unit": str(new_unit("06187").pk),
        "kind": "complaint",
        "summary": "Khiếu nại việc bồi thường khi thu hồi đất",
        "content": "Gia đình tôi bị thu hồi đất nhưng chưa được bồi thường.",
        "group_size": "1",
        "representatives": "",
        "bridge_choice": "commune",
        "consent_online": "on",
        "consent_personal_data": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _code(phone="0912345678") -> str:
    text = [m["text"] for m in MemorySmsGateway.outbox if m["to"] == phone][-1]
    return re.search(r": (\d{6})\.", text).group(1)


def _solution() -> str:
    challenge = create_challenge(ChallengeOptions(hmac_key=proof._key(), max_number=1000)).to_dict()
    found = solve_challenge(challenge["challenge"], challenge["salt"], challenge["algorithm"], 1000)
    from altcha.v1 import Payload

    return Payload(
        challenge["algorithm"],
        challenge["challenge"],
        found.number,
        challenge["salt"],
        challenge["signature"],
    ).to_base64()


def test_the_form_reads_without_script_under_the_strict_policy(client, master_data):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == PUBLIC_CSP
    body = response.content.decode()
    assert "<script>" not in body and "<script " not in body.replace(
        '<script type="module" src=', ""
    )
    assert 'name="csrfmiddlewaretoken"' in body
    assert "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15" in body
    assert "Nghị định số 356/2025/NĐ-CP" in body
    assert "Điều 20 khoản 4 Nghị định 154/2026/NĐ-CP" in body
    assert "<altcha-widget" in body and "challengejson=" in body
    # only the communes in force today, and the old-commune helper
    assert new_unit("06187").name in body


def test_the_form_page_weighs_under_100_kb_before_images(client, master_data):
    body = client.get(URL).content
    assets = re.findall(rb'(?:href|src|workerurl)="/static/([^"]+)"', body)
    weight = len(body) + sum((STATIC / a.decode()).stat().st_size for a in set(assets))
    print(f"form page weight before images: {weight} bytes")
    assert weight < 100 * 1024, weight


def test_the_old_commune_helper_names_todays_commune(client, master_data):
    kylua = new_unit("06187")
    old = kylua.predecessors.order_by("code").first()
    response = client.get(URL, {"xa_cu": old.pk})
    body = response.content.decode()
    assert f"nay thuộc {kylua}" in body
    assert f'<option value="{kylua.pk}" selected>' in body


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"id_number": "12345"}, "id_number", "Số giấy tờ tùy thân không đúng"),
        ({"phone": "0123"}, "phone", "Số điện thoại không đúng"),
        ({"phone": "02053812345"}, "phone", "Cần số điện thoại di động"),
        ({"consent_personal_data": None}, "consent_personal_data", "Cần đồng ý xử lý dữ liệu"),
        ({"consent_online": None}, "consent_online", "Cần đồng ý được tiếp trực tuyến"),
        ({"group_size": "7"}, "representatives", "cử từ 1 đến 2 người đại diện"),
        ({"kind": "denunciation"}, "identity_protection_waived", "tố cáo trực tiếp"),
        ({"residence_unit": ""}, "residence_unit", "Vui lòng chọn xã, phường"),
        ({"full_name": ""}, "full_name", "Vui lòng điền mục này."),
    ],
)
def test_bad_input_is_answered_in_vietnamese(client, master_data, changes, field, words):
    response = client.post(URL, _data(**changes))
    assert response.status_code == 400
    form = response.context["form"]
    assert words in " ".join(form.errors[field])
    assert words in response.content.decode()
    assert not ReceptionRequest.objects.exists() and not MemorySmsGateway.outbox


def test_a_request_from_the_form_to_the_receipt(client, master_data):
    response = client.post(
        URL, _data(group_size="12", representatives="Hoàng Văn Bình\nLý Thị Hoa")
    )
    assert response.status_code == 303
    request = ReceptionRequest.objects.get()
    # The link names this request and carries a token signed for it; the token holds
    # the second it was made, so it is compared by what it opens, not byte for byte.
    prefix = confirm_url(request.number).rsplit(":", 2)[0]
    assert response["Location"].startswith(prefix)
    assert _confirmable(request.number, response["Location"].rstrip("/").rsplit("/", 1)[1])
    assert request.state == RequestState.AWAITING_PHONE
    assert request.bridge_choice == BridgeChoice.COMMUNE
    assert request.bridge_point.level == PointLevel.COMMUNE
    assert request.bridge_point.unit == request.residence_unit
    page = client.get(response["Location"])
    assert "091••••678" in page.content.decode()
    wrong = client.post(response["Location"], {"action": "confirm", "code": "99999a"})
    assert wrong.status_code == 400 and "Mã xác nhận không đúng" in wrong.content.decode()
    receipt = client.post(response["Location"], {"action": "confirm", "code": _code()})
    assert receipt.status_code == 200
    body = receipt.content.decode()
    assert request.number in body
    code = re.search(r'id="lookup-code">([A-Z0-9-]+)<', body).group(1)
    assert code in MemorySmsGateway.outbox[-1]["text"]
    assert receipt["Cache-Control"].startswith("max-age=0")
    request.refresh_from_db()
    assert request.state == RequestState.SUBMITTED
    # shown once: the page now says it is done, without the code
    again = client.get(response["Location"]).content.decode()
    assert "đã được xác nhận" in again and code not in again


def test_the_code_can_be_sent_again(client, master_data):
    location = client.post(URL, _data())["Location"]
    first = _code()
    page = client.post(location, {"action": "resend"})
    assert "Đã gửi mã mới" in page.content.decode()
    assert len(MemorySmsGateway.outbox) == 2
    second = _code()
    if first != second:
        assert client.post(location, {"action": "confirm", "code": first}).status_code == 400
    assert client.post(location, {"action": "confirm", "code": second}).status_code == 200


def test_requests_without_a_solved_challenge_are_throttled_per_address(
    client, master_data, settings
):
    settings.TCD_REQUEST_RATE_UNSOLVED = 2
    for i in range(2):
        response = client.post(URL, _data(phone=f"091234567{i}", id_number=f"02009000123{i}"))
        assert response.status_code == 303
    refused = client.post(URL, _data(phone="0912345679", id_number="020090001239"))
    assert refused.status_code == 429
    assert "bật JavaScript" in refused.content.decode()
    assert refused["Retry-After"] == "3600"
    # a solved challenge still gets through (its own, larger allowance)
    solved = client.post(
        URL, _data(phone="0912345679", id_number="020090001239", altcha=_solution())
    )
    assert solved.status_code == 303


def test_a_phone_number_is_throttled_whatever_the_address(client, master_data, settings):
    settings.TCD_REQUEST_RATE_PHONE = 1
    assert client.post(URL, _data(), REMOTE_ADDR="10.0.0.1").status_code == 303
    refused = client.post(URL, _data(), REMOTE_ADDR="10.0.0.2")
    assert refused.status_code == 429
    assert "Số điện thoại này đã gửi đủ" in refused.content.decode()
    assert ReceptionRequest.objects.count() == 1


def test_code_tries_are_throttled_per_address(client, master_data, monkeypatch):
    from tiep_cong_dan.public import throttle

    monkeypatch.setattr(throttle, "CODE_TRIES", throttle.Limit("phone-code", 2, 3600))
    location = client.post(URL, _data())["Location"]
    for _ in range(2):
        assert client.post(location, {"action": "confirm", "code": "000000"}).status_code in (
            200,
            400,
        )
    refused = client.post(location, {"action": "confirm", "code": _code()})
    assert refused.status_code == 429
    assert "quá nhiều lần" in refused.content.decode()


def test_a_challenge_is_verified_once(master_data):
    payload = _solution()
    assert proof.solved(payload) is True
    assert proof.solved(payload) is False  # replayed
    assert proof.solved("bm90IGEgcGF5bG9hZA==") is False
    assert proof.solved("") is False
    forged = create_challenge(ChallengeOptions(hmac_key="another-key", max_number=10)).to_dict()
    found = solve_challenge(forged["challenge"], forged["salt"], forged["algorithm"], 10)
    from altcha.v1 import Payload

    other = Payload(
        forged["algorithm"], forged["challenge"], found.number, forged["salt"], forged["signature"]
    ).to_base64()
    assert proof.solved(other) is False


def test_the_widget_is_vendored_with_its_licence():
    folder = STATIC / "public" / "vendor" / "altcha"
    assert "MIT" in (folder / "LICENSE.txt").read_text()
    for name in ("altcha.min.js", "worker.js", "altcha.css"):
        assert (folder / name).stat().st_size > 1000


def test_an_unknown_request_number_is_not_found(client, master_data):
    assert client.get(confirm_url("YC-2026-999999")).status_code == 404


def test_the_code_page_answers_only_with_the_token_its_sender_was_given(client, master_data):
    location = client.post(URL, _data())["Location"]
    request = ReceptionRequest.objects.get()
    assert client.get(location).status_code == 200
    # Numbers run in sequence: another request's token, a forged one or none is 404,
    # and no code is sent again to the stranger's phone.
    other = confirm_url("YC-2026-000777").rsplit("/", 2)[-2]
    for token in (other, "forged", location.rsplit("/", 2)[-2] + "x"):
        url = reverse("public:request_confirm", args=[request.number, token])
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "resend"}).status_code == 404
    assert len(MemorySmsGateway.outbox) == 1


def test_a_form_sent_back_for_correction_uses_no_allowance(client, master_data, settings):
    settings.TCD_REQUEST_RATE_UNSOLVED = 1
    for _ in range(3):
        assert client.post(URL, _data(full_name="")).status_code == 400
    assert client.post(URL, _data()).status_code == 303
    assert client.post(URL, _data(phone="0912345670")).status_code == 429


def test_parallel_sends_cannot_pass_the_limit_together(settings):
    """Each use is counted before it is compared: of 12 uses at once against a limit
    of 3, exactly 3 are let through (Redis's atomic increment)."""
    from concurrent.futures import ThreadPoolExecutor

    from django.core.cache import cache
    from tiep_cong_dan.public import throttle

    limit = throttle.Limit("parallel-test", 3, 60)
    cache.delete(throttle._key(limit, "10.9.9.9"))
    with ThreadPoolExecutor(max_workers=12) as pool:
        passed = list(pool.map(lambda _i: throttle.take(limit, "10.9.9.9"), range(12)))
    assert passed.count(True) == 3
    throttle.give_back(limit, "10.9.9.9")
    assert throttle.take(limit, "10.9.9.9") is False  # 12 counted, 11 after one given back
    cache.delete(throttle._key(limit, "10.9.9.9"))


def _pdf_upload(name: str = "so-do.pdf"):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(200, 200)
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def test_files_are_not_asked_for_again_after_a_correction(client, master_data):
    from tiep_cong_dan.core.models import HeldUpload
    from tiep_cong_dan.doctype.reception_request.models import RequestAttachment

    upload = _pdf_upload()
    content = upload.read()
    upload.seek(0)
    refused = client.post(URL, {**_data(full_name=""), "attachments": [upload]})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "so-do.pdf" in page and "không cần chọn lại" in page
    tokens = re.findall(r'name="attachments__held" value="([^"]+)"', page)
    assert len(tokens) == 1 and HeldUpload.objects.filter(owner__isnull=True).count() == 1
    # sent again, corrected, with no file chosen: the held file is taken
    sent = client.post(URL, {**_data(), "attachments__held": tokens})
    assert sent.status_code == 303
    attachment = RequestAttachment.objects.get()
    assert attachment.original_name == "so-do.pdf"
    with attachment.file.open("rb") as fh:
        assert fh.read() == content
    assert not HeldUpload.objects.exists()  # released once taken


def test_a_desk_users_held_file_or_a_made_up_token_is_not_taken(
    client, master_data, django_user_model
):
    from tiep_cong_dan.core import held_uploads
    from tiep_cong_dan.doctype.reception_request.models import RequestAttachment

    officer = django_user_model.objects.create_user("held-owner")
    desk_held = held_uploads.hold(_pdf_upload("desk.pdf"), officer.pk)
    sent = client.post(URL, {**_data(), "attachments__held": [desk_held.token, "x" * 40]})
    assert sent.status_code == 303
    assert not RequestAttachment.objects.exists()


def test_public_held_files_are_purged_after_two_hours(master_data):
    import datetime

    from django.utils import timezone
    from tiep_cong_dan.core import held_uploads
    from tiep_cong_dan.core.models import HeldUpload

    held = held_uploads.hold(_pdf_upload(), None)
    assert held_uploads.purge(timezone.now() + datetime.timedelta(hours=1)) == 0
    assert held_uploads.purge(timezone.now() + datetime.timedelta(hours=3)) == 1
    assert not HeldUpload.objects.filter(pk=held.pk).exists()

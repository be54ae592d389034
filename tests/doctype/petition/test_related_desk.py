"""The related cases in the desk and the API: the panel on a repeated complaint with
the Law Art. 9(3) refusal offered and recorded; "same matter" chosen at registration;
GET /petitions/{id}/related/ within the caller's rule."""

import datetime

from django.urls import reverse
from django.utils import translation
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition

from ...api.test_api import client_for
from ...conftest import make_citizen, new_unit, sign_in
from .test_duplicates import CONTENT, TODAY, _form
from .test_duplicates import _petition as _written

EARLIER = datetime.date(2025, 9, 2)


def _petition(citizen, unit, **kwargs):
    # Saved through the model, so that its content key is computed (the helper it
    # wraps writes the content with an update()).
    p = _written(citizen, unit, **kwargs)
    p.save(update_fields=["content"])
    return p


def _repeat(unit):
    """A complaint replied to, and the same citizen's complaint on it again."""
    citizen = make_citizen(unit, "Hoàng Văn An", "020090000001")
    first = _petition(citizen, unit, received=EARLIER)
    Petition.objects.filter(pk=first.pk).update(
        state="replied", reply_letter_number="12/BTCD-TL", reply_letter_date=EARLIER
    )
    again = _petition(citizen, unit)
    return first, again


def test_the_panel_offers_and_records_the_refusal_of_a_repeat(client, role_users):
    unit = new_unit("05977")
    first, again = _repeat(unit)
    sign_in(client, "canbo")
    page = client.get(reverse("admin:tiep_cong_dan_petition_change", args=[again.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "Vụ việc liên quan (1)" in text
    assert first.registration_number in text and "Văn bản trả lời số 12/BTCD-TL" in text
    assert "khoản 3 Điều 9 Luật Tiếp công dân" in text
    url = reverse("admin:tiep_cong_dan_petition_cite_resolved", args=[again.pk])
    done = client.post(url, {"case": first.pk})
    assert done.status_code == 302
    again.refresh_from_db()
    assert (again.refusal_ground, again.refusal_cites_id) == ("law_9_3", first.pk)
    # A case the panel does not list cannot be cited.
    assert client.post(url, {"case": again.pk}).status_code == 404


def _neighbour_registers(client, unit, **extra):
    """A neighbour of the first petitioner registers the same matter at the desk."""
    neighbour = Citizen.objects.create(
        full_name="Lương Thị Bích", address="Số nhà 4, thôn Nà Làng", residence_unit=unit
    )
    sign_in(client, "canbo")
    url = reverse("admin:tiep_cong_dan_petition_add")
    with translation.override("vi"):
        warned = client.post(url, _form(neighbour, unit))
    return warned, lambda **data: client.post(url, _form(neighbour, unit, **data))


def test_registration_links_the_same_matter_instead_of_a_new_one(client, role_users):
    unit = new_unit("05977")
    known = make_citizen(unit, "Hoàng Văn An", "020090000001")
    first = _petition(known, unit, received=TODAY - datetime.timedelta(days=10))
    warned, register = _neighbour_registers(client, unit)
    assert warned.status_code == 200 and Petition.objects.count() == 1
    assert "Cùng vụ việc" in warned.content.decode()
    saved = register(same_matter=first.pk)
    assert saved.status_code == 302 and Petition.objects.count() == 2
    second = Petition.objects.exclude(pk=first.pk).get()
    assert second.same_matter_as_id == first.pk


def test_registration_stops_on_a_related_case_the_duplicate_check_misses(client, role_users):
    # A neighbour's case on the same matter registered long before (outside the
    # duplicate check's window): the warning lists it as related before saving, with
    # where it stands, and it can be chosen as the matter this petition belongs to.
    unit = new_unit("05977")
    known = make_citizen(unit, "Hoàng Văn An", "020090000001")
    first = _petition(known, unit, received=EARLIER)
    Petition.objects.filter(pk=first.pk).update(
        state="replied", reply_letter_number="12/BTCD-TL", reply_letter_date=EARLIER
    )
    warned, register = _neighbour_registers(client, unit)
    text = warned.content.decode()
    assert warned.status_code == 200 and Petition.objects.count() == 1
    assert "Vụ việc liên quan (1)" in text and first.registration_number in text
    assert "Văn bản trả lời số 12/BTCD-TL" in text
    assert register(same_matter=first.pk).status_code == 302
    assert Petition.objects.exclude(pk=first.pk).get().same_matter_as_id == first.pk


def test_registration_is_not_stopped_by_an_unrelated_case(client, role_users):
    unit = new_unit("05977")
    known = make_citizen(unit, "Hoàng Văn An", "020090000001")
    _petition(known, unit, received=EARLIER, content="Đề nghị cấp giấy phép xây dựng nhà ở.")
    saved, _register = _neighbour_registers(client, unit)
    assert saved.status_code == 302 and Petition.objects.count() == 2


def test_the_api_lists_related_cases_within_the_rule(role_users):
    unit = new_unit("05977")
    first, again = _repeat(unit)
    denouncer = make_citizen(unit, "Lương Văn Cường", "020080000003")
    secret = _petition(denouncer, unit, kind=PetitionKind.DENUNCIATION, content=CONTENT)
    board = client_for(role_users["canbo"]).get(f"/api/v1/petitions/{again.pk}/related/")
    body = board.json()
    assert board.status_code == 200 and body["refusal_may_cite"] == first.pk
    assert {row["id"] for row in body["results"]} >= {first.pk}
    commune = client_for(role_users["xa_dongkinh"])
    for pk in (again.pk, secret.pk):
        answer = commune.get(f"/api/v1/petitions/{pk}/related/")
        ids = {row["id"] for row in answer.json().get("results", [])}
        assert secret.pk not in ids
    assert commune.get(f"/api/v1/petitions/{secret.pk}/related/").json()["count"] == 0


def test_a_long_panel_shows_the_surest_five_and_folds_the_rest(client, role_users):
    unit = new_unit("05977")
    citizen = make_citizen(unit, "Hoàng Văn An", "020090000001")
    earlier = [_petition(citizen, unit, received=EARLIER) for _ in range(7)]
    again = _petition(citizen, unit)
    sign_in(client, "canbo")
    text = client.get(reverse("admin:tiep_cong_dan_petition_change", args=[again.pk])).content
    text = text.decode()
    assert "Vụ việc liên quan (7)" in text and "Xem thêm 2 vụ việc liên quan" in text
    shown, folded = text.split('id="related-cases-more" hidden', 1)
    assert sum(p.registration_number in shown for p in earlier) == 5
    assert sum(p.registration_number in folded.split("</table>")[0] for p in earlier) == 2

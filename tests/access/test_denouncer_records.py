"""A denouncer's own record: hidden from those not cleared, unless a case of theirs the
user may read shows them anyway; then hiding the record (or listing the denunciation
under it) would itself say who denounced."""

from django.urls import reverse
from tiep_cong_dan.doctype.petition.constants import PetitionKind

from ..api.test_api import client_for
from ..conftest import make_citizen, make_petition, new_unit


def test_a_complainant_who_also_denounced_elsewhere_looks_like_any_complainant(role_users, login):
    dk, kl = new_unit("05977"), new_unit("06187")
    both = make_citizen(dk, "Hoàng Văn Bình", "020090000771")
    complaint = make_petition(dk, both)  # a complaint the commune handles
    denunciation = make_petition(kl, both, kind=PetitionKind.DENUNCIATION)  # elsewhere
    only = make_citizen(dk, "Lương Thị Cúc", "020090000772")
    make_petition(dk, only, kind=PetitionKind.DENUNCIATION)

    commune = client_for(role_users["xa_dongkinh"])
    assert commune.get(f"/api/v1/citizens/{both.pk}/").status_code == 200
    assert commune.get(f"/api/v1/citizens/{only.pk}/").status_code == 404
    page = login("xa_dongkinh").get(reverse("admin:tiep_cong_dan_citizen_change", args=[both.pk]))
    assert page.status_code == 200
    assert complaint.registration_number in page.content.decode()  # their cases listed
    assert denunciation.registration_number not in page.content.decode()
    board_page = login("canbo").get(reverse("admin:tiep_cong_dan_citizen_change", args=[both.pk]))
    assert denunciation.registration_number in board_page.content.decode()  # cleared

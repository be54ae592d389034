"""The buttons a feature attaches beside a list's title (access/attach.py) carry their
name as tooltip and accessible name: where the header is narrow the desk shows their
icon alone (desk.css), and the name must still be there to read and to hear."""

from django.urls import reverse
from django.utils import translation

from ..conftest import sign_in


def test_a_list_button_keeps_its_name_as_tooltip_and_accessible_name(client, role_users):
    sign_in(client, "canbo")
    with translation.override("vi"):
        page = client.get(reverse("admin:tiep_cong_dan_petition_changelist"))
    text = page.content.decode()
    assert page.status_code == 200
    for name in ("Xuất dữ liệu cho CSDL quốc gia", "Nhập sổ tiếp công dân từ Excel"):
        assert f'title="{name}" aria-label="{name}" data-tcd-list-button' in text

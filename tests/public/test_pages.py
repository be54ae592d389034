"""The Board's information pages: shipped once and never over the Board's edits, shown
on the public site when published, their text rendered without any markup, and edited
in the desk by the Board alone."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.doctype.public_page.models import PublicPage
from tiep_cong_dan.doctype.public_page.services import (
    create_public_page,
    edit_public_page,
    seed_public_pages,
)
from tiep_cong_dan.public.markup import render_plain

pytestmark = pytest.mark.django_db

SHIPPED = {
    "dia-chi-thoi-gian-tiep",
    "noi-quy-tiep-cong-dan",
    "can-chuan-bi-gi",
    "quy-trinh-xu-ly",
    "tiep-cong-dan-truc-tuyen",
}
BOARD = ("canbo", "truongban")
OTHERS = (
    "chutich",
    "vanphong",
    "so_nnmt",
    "huyen_locbinh",
    "xa_dongkinh",
    "trunguong",
    "kythuat",
    "quantri",
)


def test_seeding_is_idempotent_and_keeps_the_boards_edits(master_data):
    assert seed_public_pages() == 5
    assert set(PublicPage.objects.values_list("slug", flat=True)) == SHIPPED
    page = PublicPage.objects.get(slug="dia-chi-thoi-gian-tiep")
    assert "Trụ sở Tiếp công dân tỉnh Lạng Sơn" in page.body  # from the site's profile
    edit_public_page(page, {"body": "Giờ tiếp mới do Ban quyết định.", "published": False})
    PublicPage.objects.filter(slug="can-chuan-bi-gi").update(title="Giấy tờ cần mang")
    # when the master data is loaded again
    assert seed_public_pages() == 0
    # then nothing the Board wrote is replaced
    page.refresh_from_db()
    assert page.body == "Giờ tiếp mới do Ban quyết định." and not page.published
    assert PublicPage.objects.get(slug="can-chuan-bi-gi").title == "Giấy tờ cần mang"


def test_load_master_data_seeds_the_pages(master_data):
    from django.core.management import call_command

    call_command("load_master_data", stdout=open("/dev/null", "w"))
    assert PublicPage.objects.filter(published=True).count() == 5


def test_slug_shape_is_checked(master_data):
    with pytest.raises(ValidationError) as refused:
        create_public_page(PublicPage(slug="Nội quy", title="Nội quy", body="x"))
    assert "slug" in refused.value.message_dict


def test_list_and_page_show_published_pages_only(client, master_data):
    seed_public_pages()
    hidden = PublicPage.objects.get(slug="quy-trinh-xu-ly")
    edit_public_page(hidden, {"published": False})
    listing = client.get("/thong-tin/").content.decode()
    assert "Nội quy tiếp công dân" in listing and "Vụ việc được xử lý như thế nào" not in listing
    page = client.get("/thong-tin/can-chuan-bi-gi/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "<li>Căn cước công dân (CCCD)" in body
    assert client.get("/thong-tin/quy-trinh-xu-ly/").status_code == 404
    assert client.get("/thong-tin/khong-co/").status_code == 404
    assert (
        reverse("public:page", args=["noi-quy-tiep-cong-dan"])
        == "/thong-tin/noi-quy-tiep-cong-dan/"
    )


def test_page_text_is_never_markup(client, master_data):
    create_public_page(
        PublicPage(
            slug="thu",
            title="Thử <b>đậm</b>",
            body='Đoạn <script>alert(1)</script> <a href="javascript:x">x</a>\n\n- một\n- hai',
        )
    )
    body = client.get("/thong-tin/thu/").content.decode()
    assert "<script>alert" not in body and '<a href="javascript' not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "Thử &lt;b&gt;đậm&lt;/b&gt;" in body
    assert "<ul><li>một</li><li>hai</li></ul>" in body


def test_plain_text_rendering():
    html = render_plain("Một dòng\ndòng hai\n\n1. bước một\n2. bước hai\n- ý\n\nKết & thúc")
    assert html == (
        "<p>Một dòng<br>dòng hai</p>\n"
        "<ol><li>bước một</li><li>bước hai</li></ol>\n"
        "<ul><li>ý</li></ul>\n"
        "<p>Kết &amp; thúc</p>"
    )


def test_pages_queries_do_not_grow(client, master_data):
    seed_public_pages()

    def measured(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = [measured("/thong-tin/"), measured("/thong-tin/noi-quy-tiep-cong-dan/")]
    for n in range(10):
        create_public_page(PublicPage(slug=f"trang-{n}", title=f"Trang {n}", body="Nội dung."))
    assert [measured("/thong-tin/"), measured("/thong-tin/noi-quy-tiep-cong-dan/")] == before


def _form(page: PublicPage, **changes) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": page.body,
        "position": page.position,
        "published": "on" if page.published else "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


@pytest.mark.parametrize("username", BOARD)
def test_board_edits_pages_in_the_desk(client, login, username):
    seed_public_pages()
    page = PublicPage.objects.get(slug="dia-chi-thoi-gian-tiep")
    login(username)
    changelist = reverse("admin:tiep_cong_dan_publicpage_changelist")
    assert client.get(changelist).status_code == 200
    url = reverse("admin:tiep_cong_dan_publicpage_change", args=[page.pk])
    assert client.get(url).status_code == 200
    saved = client.post(url, _form(page, body="Sáng 7 giờ 30 đến 11 giờ 30."))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    page.refresh_from_db()
    assert page.body == "Sáng 7 giờ 30 đến 11 giờ 30."
    assert page.history.latest().history_user.username == username
    # a new page
    add = reverse("admin:tiep_cong_dan_publicpage_add")
    created = client.post(
        add,
        {
            "title": "Hỏi đáp",
            "slug": "hoi-dap",
            "body": "Nội dung.",
            "position": 60,
            "published": "on",
        },
    )
    assert created.status_code == 302
    assert client.get("/thong-tin/hoi-dap/").status_code == 200
    # pages are unpublished, never deleted
    delete = reverse("admin:tiep_cong_dan_publicpage_delete", args=[page.pk])
    assert client.post(delete, {"post": "yes"}).status_code in (403, 404)
    assert PublicPage.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize("username", OTHERS)
def test_others_have_no_desk_access_to_pages(client, login, username):
    seed_public_pages()
    page = PublicPage.objects.get(slug="dia-chi-thoi-gian-tiep")
    login(username)
    for url in (
        reverse("admin:tiep_cong_dan_publicpage_changelist"),
        reverse("admin:tiep_cong_dan_publicpage_add"),
        reverse("admin:tiep_cong_dan_publicpage_change", args=[page.pk]),
    ):
        assert client.get(url).status_code in (403, 404), (username, url)
    refused = client.post(
        reverse("admin:tiep_cong_dan_publicpage_change", args=[page.pk]),
        _form(page, body="Sửa trái phép"),
    )
    assert refused.status_code in (403, 404)
    page.refresh_from_db()
    assert page.body != "Sửa trái phép"
    # and the desk's menu does not offer it
    home = client.get(reverse("admin:index")).content.decode()
    assert "publicpage" not in home

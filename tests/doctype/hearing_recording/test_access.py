"""Who sees recordings, in the desk and the API: the Board and the Chairman all; a
commune officer those of the hearings in their commune but never the denunciation's;
a recording of the whole meeting only to those who see each of its hearings. The
session page lists them in a number of queries that does not grow with them."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.doctype.hearing_recording import services
from tiep_cong_dan.doctype.hearing_recording.models import Recording

from ...conftest import sign_in
from .conftest import hearing


@pytest.fixture
def registered(held, store):
    rows = {}
    for position, name in ((1, "dongkinh"), (2, "kylua"), (3, "dongkinh_tc")):
        (store / f"{name}.mp4").write_bytes(name.encode())
        rows[name] = services.register_by_reference(
            held, f"{name}.mp4", agenda_item=hearing(held, position)
        )
    (store / "all.mp4").write_bytes(b"all")
    rows["all"] = services.register_by_reference(held, "all.mp4")
    return rows


@pytest.mark.parametrize(
    "username, seen",
    [
        ("canbo", {"dongkinh", "kylua", "dongkinh_tc", "all"}),
        ("truongban", {"dongkinh", "kylua", "dongkinh_tc", "all"}),
        ("chutich", {"dongkinh", "kylua", "dongkinh_tc", "all"}),
        ("vanphong", {"dongkinh", "kylua", "dongkinh_tc", "all"}),
        ("xa_dongkinh", {"dongkinh"}),  # not the denunciation, not the whole meeting
        ("so_nnmt", set()),  # a department not invited to the session
        ("huyen_locbinh", set()),
        ("trunguong", set()),
        ("kythuat", set()),
        ("quantri", set()),
    ],
)
def test_each_role_sees_the_recordings_its_rule_gives(
    client, role_users, registered, username, seen
):
    user = role_users[username]
    names = {r.location.removesuffix(".mp4") for r in rule_for(Recording).queryset(user)}
    assert names == seen
    sign_in(client, username)
    listed = client.get("/api/v1/recordings/")
    if seen:
        assert {r["location"].removesuffix(".mp4") for r in listed.json()["results"]} == seen
    else:
        assert listed.status_code in (200, 403)
        if listed.status_code == 200:
            assert listed.json()["results"] == []
    hidden = registered["dongkinh_tc"]
    response = client.get(f"/api/v1/recordings/{hidden.pk}/")
    assert response.status_code in ((200,) if "dongkinh_tc" in seen else (403, 404))
    page = client.get(reverse("admin:tiep_cong_dan_recording_change", args=[hidden.pk]))
    assert page.status_code in ((200,) if "dongkinh_tc" in seen else (403, 404))


def test_only_the_board_registers_and_nobody_deletes_within_retention(
    client, role_users, held, store
):
    (store / "a.mp4").write_bytes(b"a")
    body = {"session": held.pk, "location": "a.mp4"}
    sign_in(client, "chutich")
    assert (
        client.post("/api/v1/recordings/", body, content_type="application/json").status_code == 403
    )
    client.logout()
    sign_in(client, "canbo")
    made = client.post("/api/v1/recordings/", body, content_type="application/json")
    assert made.status_code == 201, made.content
    assert made.json()["sha256"] == hashlib.sha256(b"a").hexdigest()
    outside = client.post(
        "/api/v1/recordings/",
        {"session": held.pk, "location": "/etc/hostname"},
        content_type="application/json",
    )
    assert outside.status_code == 400
    assert "bên trong thư mục lưu bản ghi" in outside.json()["errors"]["location"][0]
    upload = client.post(
        "/api/v1/recordings/upload/",
        {
            "session": held.pk,
            "agenda_item": hearing(held, 1).pk,
            "file": SimpleUploadedFile("p.mp4", b"video", content_type="video/mp4"),
        },
    )
    assert upload.status_code == 201, upload.content
    assert upload.json()["size"] == 5
    pk = made.json()["id"]
    assert client.delete(f"/api/v1/recordings/{pk}/").status_code == 403  # the Board head's
    client.logout()
    sign_in(client, "truongban")
    kept = client.delete(f"/api/v1/recordings/{pk}/")
    assert kept.status_code == 409
    assert kept.json()["code"] == "recording_retained"
    assert "không thể xoá" in kept.json()["message"]
    desk = client.post(reverse("admin:tiep_cong_dan_recording_delete", args=[pk]), {"post": "yes"})
    assert desk.status_code == 403
    assert Recording.objects.filter(pk=pk).exists()


def test_the_desk_page_registers_an_upload_and_a_path(client, role_users, held, store):
    sign_in(client, "canbo")
    url = reverse("admin:tiep_cong_dan_receptionsession_recordings", args=[held.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Tải lên và đăng ký" in page.content.decode()
    client.post(
        url,
        {
            "do": "upload",
            "agenda_item": hearing(held, 2).pk,
            "file": SimpleUploadedFile("kylua.mp4", b"kylua", content_type="video/mp4"),
        },
    )
    refused = client.post(url, {"do": "reference", "location": "khong-co.mp4"})
    assert "Không có tệp nào" in refused.content.decode()
    assert Recording.objects.get().agenda_item == hearing(held, 2)
    client.logout()
    sign_in(client, "chutich")
    assert "Tải lên và đăng ký" not in client.get(url).content.decode()
    assert client.post(url, {"do": "reference", "location": "x"}).status_code == 403


def test_the_session_page_lists_recordings_in_the_same_queries_however_many(
    client, role_users, held, store
):
    sign_in(client, "canbo")
    pages = [
        reverse("admin:tiep_cong_dan_receptionsession_change", args=[held.pk]),
        reverse("admin:tiep_cong_dan_receptionsession_recordings", args=[held.pk]),
        "/api/v1/recordings/",
        reverse("admin:tiep_cong_dan_recording_changelist"),
    ]

    def register(n):
        for i in range(n):
            name = f"r{Recording.objects.count()}.mp4"
            (store / name).write_bytes(name.encode())
            services.register_by_reference(held, name, agenda_item=hearing(held, 1 + i % 3))

    def counts():
        found = {}
        for url in pages:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            found[url] = len(queries)
        return found

    register(2)
    before = counts()
    register(6)
    assert counts() == before
    shown = client.get(pages[0]).content.decode()
    assert "r7.mp4" in shown and "16/03/2046" in shown


def test_the_list_finds_a_recording_by_its_hash_or_its_file_within_the_rule(
    client, role_users, registered
):
    url = reverse("admin:tiep_cong_dan_recording_changelist")
    kylua, hidden = registered["kylua"], registered["dongkinh_tc"]
    sign_in(client, "canbo")
    found = client.get(url, {"q": kylua.sha256}).context["cl"].result_list
    assert [r.pk for r in found] == [kylua.pk]
    found = client.get(url, {"q": "kylua"}).context["cl"].result_list
    assert [r.pk for r in found] == [kylua.pk]
    # a commune officer does not find, by its hash, the denunciation's recording
    client.logout()
    sign_in(client, "xa_dongkinh")
    assert list(client.get(url, {"q": hidden.sha256}).context["cl"].result_list) == []

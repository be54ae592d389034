"""The bell in the desk's header: the unread count on every page (one bounded query),
the recent messages when opened, marking one or all read; nobody reaches another's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.doctype.notification.models import Notification


def _inbox(user, n: int, **extra) -> list[Notification]:
    return [
        Notification.objects.create(
            recipient=user, message=f"Thông báo số {i}", link="/desk/", key=f"t:{i}", **extra
        )
        for i in range(n)
    ]


def _count_in(page: str) -> str | None:
    marker = 'id="tcd-bell-count">'
    if marker not in page:
        return None
    return page.split(marker, 1)[1].split("<", 1)[0]


@pytest.mark.parametrize(
    "url",
    [
        "admin:index",
        "admin:tiep_cong_dan_petition_changelist",
        "admin:tiep_cong_dan_notification_changelist",
        "admin:tiep_cong_dan_assignment_changelist",
    ],
)
def test_every_page_shows_the_unread_count(login, role_users, url):
    _inbox(role_users["so_nnmt"], 3)
    _inbox(role_users["canbo"], 5)  # another's: not counted
    page = login("so_nnmt").get(reverse(url)).content.decode()
    assert 'id="tcd-bell"' in page
    assert _count_in(page) == "3"


def test_no_count_when_all_is_read_and_99_plus_beyond(login, role_users):
    client = login("kythuat")
    assert _count_in(client.get(reverse("admin:index")).content.decode()) is None
    _inbox(role_users["kythuat"], 120)
    assert _count_in(client.get(reverse("admin:index")).content.decode()) == "99+"


def test_the_count_is_one_query_whatever_the_inbox(login, role_users):
    client = login("canbo")
    url = reverse("admin:tiep_cong_dan_notificationpreference_changelist")

    def queries() -> int:
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len([q for q in captured if "tiep_cong_dan_notification`" in q["sql"]])

    _inbox(role_users["canbo"], 2)
    few = queries()
    Notification.objects.bulk_create(
        Notification(recipient=role_users["canbo"], message=f"m{i}", key=f"b:{i}")
        for i in range(300)
    )
    assert queries() == few == 1


def test_the_list_marks_read_one_and_all(login, role_users):
    user = role_users["chutich"]
    first, second, third = _inbox(user, 3)
    client = login("chutich")
    panel = client.get(reverse("admin:tiep_cong_dan_notification_bell")).content.decode()
    assert all(f"Thông báo số {i}" in panel for i in range(3))
    assert "3 chưa đọc" in panel
    # Opening one marks it read and goes to its document.
    response = client.get(reverse("admin:tiep_cong_dan_notification_open", args=[first.pk]))
    assert response.status_code == 302 and response["Location"] == "/desk/"
    first.refresh_from_db()
    assert first.read_at is not None
    # One marked read from the list, without opening it.
    read = reverse("admin:tiep_cong_dan_notification_read", args=[second.pk])
    assert client.get(read).status_code == 405
    assert client.post(read, {"next": "/desk/"})["Location"] == "/desk/"
    second.refresh_from_db()
    assert second.read_at is not None and Notification.objects.get(pk=third.pk).read_at is None
    # All at once; a link elsewhere is not followed back.
    response = client.post(
        reverse("admin:tiep_cong_dan_notification_read_all"), {"next": "https://example.com/"}
    )
    assert response["Location"] == reverse("admin:tiep_cong_dan_notification_changelist")
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert _count_in(client.get(reverse("admin:index")).content.decode()) is None


def test_nobody_opens_or_marks_anothers_message(login, role_users):
    [theirs] = _inbox(role_users["chutich"], 1)
    _inbox(role_users["canbo"], 1)
    for username in ("canbo", "truongban", "quantri", "xa_dongkinh"):
        client = login(username)
        open_url = reverse("admin:tiep_cong_dan_notification_open", args=[theirs.pk])
        read_url = reverse("admin:tiep_cong_dan_notification_read", args=[theirs.pk])
        assert client.get(open_url).status_code == 404, username
        assert client.post(read_url).status_code == 404, username
        client.post(reverse("admin:tiep_cong_dan_notification_read_all"))
        panel = client.get(reverse("admin:tiep_cong_dan_notification_bell")).content.decode()
        assert "Thông báo số 0" not in panel or username == "canbo", username
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_an_outside_link_is_never_followed(login, role_users):
    [n] = _inbox(role_users["canbo"], 1)
    Notification.objects.filter(pk=n.pk).update(link="https://evil.example/")
    response = login("canbo").get(reverse("admin:tiep_cong_dan_notification_open", args=[n.pk]))
    assert response["Location"] == reverse("admin:tiep_cong_dan_notification_change", args=[n.pk])

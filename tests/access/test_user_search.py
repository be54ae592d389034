"""The users list searched by words like every other list (access/accounts/search.py):
accents and word order ignored, the name equal to the words first, then starting with
them; the copy beside each account kept in step by the desk's save and, for accounts
written elsewhere, before each search."""

from django.contrib import admin
from django.contrib.auth.models import User
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.access.accounts.models import UserWords
from tiep_cong_dan.access.accounts.search import search_users

LIST = reverse("admin:auth_user_changelist")


def _found(term: str) -> list[str]:
    return list(search_users(User.objects.all(), term).values_list("username", flat=True))


def _user(username: str, first: str, last: str, email: str = "") -> User:
    # As `createsuperuser` or the shell would: no desk save, no copy written.
    return User.objects.create_user(username, email=email, first_name=first, last_name=last)


def test_accents_and_word_order_ignored_exact_and_prefix_first(role_users):
    _user("hoang_an_tuan", "Hoàng An", "Tuấn")
    _user("hoang_an", "Hoàng", "An")
    _user("le_hoang_an", "Lê", "Hoàng An")
    _user("dao", "Nguyễn Thị", "Đào", "dao.nt@langson.gov.vn")
    assert _found("hoang an") == ["hoang_an", "hoang_an_tuan", "le_hoang_an"]
    assert set(_found("an hoàng")) == {"hoang_an", "hoang_an_tuan", "le_hoang_an"}
    assert _found("DAO NGUYEN") == ["dao"]
    assert _found("dao.nt") == ["dao"]  # the e-mail
    assert _found("hoang_an_t") == ["hoang_an_tuan"]  # the login name
    assert _found("nobody here") == []


def test_an_account_changed_outside_the_desk_is_found_by_its_new_name(role_users):
    user = _user("renamed", "Vi Văn", "Cũ")
    assert _found("vi van cu") == ["renamed"]
    User.objects.filter(pk=user.pk).update(last_name="Mới")  # a command, the shell
    assert _found("vi van cu") == []
    assert _found("vi van moi") == ["renamed"]
    assert UserWords.objects.get(user=user).last_name == "Mới"


def test_the_desk_list_searches_by_words_and_a_save_keeps_the_copy(login, role_users):
    client = login("quantri")
    officer = role_users["xa_dongkinh"]
    officer.first_name, officer.last_name = "Đinh Thị", "Hương"
    officer.save()
    page = client.get(LIST, {"q": "huong dinh"}).content.decode()
    assert "xa_dongkinh" in page and "canbo" not in page
    # The desk's save (UserAdmin.save_model) writes the copy with the account.
    request = RequestFactory().post("/")
    request.user = role_users["quantri"]
    officer.last_name = "Thu"
    admin.site._registry[User].save_model(request, officer, form=None, change=True)
    assert UserWords.objects.get(user=officer).last_name == "Thu"
    assert "xa_dongkinh" not in client.get(LIST, {"q": "huong dinh"}).content.decode()


def test_the_searched_list_costs_the_same_queries_for_few_or_many(login, role_users):
    client = login("quantri")
    _user("tran_a", "Trần", "An")
    client.get(LIST, {"q": "tran"})  # warm: every copy written
    with CaptureQueriesContext(connection) as few:
        client.get(LIST, {"q": "tran"})
    for n in range(6):
        _user(f"tran_{n}", "Trần", f"Bình {n}")
    client.get(LIST, {"q": "tran"})  # the new accounts' copies written once
    with CaptureQueriesContext(connection) as many:
        page = client.get(LIST, {"q": "tran"}).content.decode()
    assert "tran_5" in page
    assert len(many) == len(few)

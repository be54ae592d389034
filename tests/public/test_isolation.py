"""The public site is apart from the desk: a staff session is not seen on it, its forms
use their own CSRF cookie and it is served under the strict policy."""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from tiep_cong_dan.public.isolation import (
    PUBLIC_CSP,
    PUBLIC_CSRF_COOKIE,
    PublicIsolationMiddleware,
    is_public_path,
)


def test_staff_addresses_are_not_public():
    assert is_public_path("/")
    assert is_public_path("/lich-tiep/")
    for path in ("/desk/", "/desk/tiep_cong_dan/petition/", "/api/v1/petitions/", "/i18n/setlang/"):
        assert not is_public_path(path)


@pytest.mark.django_db
def test_home_is_anonymous_for_a_signed_in_officer(client, login):
    login("canbo")
    assert client.get("/desk/").status_code == 200
    response = client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request.user.is_anonymous
    assert response["Content-Security-Policy"] == PUBLIC_CSP
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    body = response.content.decode()
    assert "Tiếp công dân trực tuyến" in body
    # The desk still knows the officer: the public page did not end the session.
    assert client.get("/desk/").status_code == 200


def test_public_csrf_cookie_is_its_own():
    def view(request):
        get_token(request)  # a form on the page asks for a token
        return HttpResponse("ok")

    request = RequestFactory().get("/")
    request.COOKIES[settings.CSRF_COOKIE_NAME] = "desk-token"
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "desk-session"
    seen = {}

    def inner(req):
        seen.update(req.COOKIES)
        response = view(req)
        response.set_cookie(settings.CSRF_COOKIE_NAME, "fresh")
        response.set_cookie(settings.SESSION_COOKIE_NAME, "should-not-leave")
        return response

    response = PublicIsolationMiddleware(inner)(request)
    assert settings.CSRF_COOKIE_NAME not in seen and settings.SESSION_COOKIE_NAME not in seen
    assert response.cookies[PUBLIC_CSRF_COOKIE].value == "fresh"
    assert settings.CSRF_COOKIE_NAME not in response.cookies
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_public_csrf_cookie_is_read_back_as_the_token():
    request = RequestFactory().post("/")
    request.COOKIES[PUBLIC_CSRF_COOKIE] = "public-token"
    seen = {}

    def inner(req):
        seen.update(req.COOKIES)
        return HttpResponse("ok")

    PublicIsolationMiddleware(inner)(request)
    assert seen[settings.CSRF_COOKIE_NAME] == "public-token"

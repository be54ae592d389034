"""Keeps the public site apart from the staff desk.

A citizen's browser may also hold a staff session (an officer reading the schedule on
the same machine): the public pages must neither see it nor be able to act with it. For
every public address this middleware, placed before the session middleware,
- drops the desk's session and CSRF cookies from the request, so the request is
  anonymous and a desk token can never validate a public form;
- gives the public forms their own CSRF cookie (PUBLIC_CSRF_COOKIE), renamed on the way
  in and out, so Django's own CSRF protection guards them with a token the desk never
  issued;
- never lets a session cookie be set by a public response;
- sets the public Content-Security-Policy (no inline script or style at all), which the
  project-wide middleware then leaves as it is.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PUBLIC_CSRF_COOKIE = "tcd_public_csrf"

# The staff side of the site; everything else is public. Static files and the favicon
# carry no cookies that matter and keep the project's own headers.
STAFF_PREFIXES = ("/desk/", "/api/", "/i18n/", "/static/", "/media/", "/favicon.ico")

PUBLIC_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)


def is_public_path(path: str) -> bool:
    return not path.startswith(STAFF_PREFIXES)


class PublicIsolationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_public_path(request.path_info):
            return self.get_response(request)
        cookies = request.COOKIES
        cookies.pop(settings.SESSION_COOKIE_NAME, None)
        cookies.pop(settings.CSRF_COOKIE_NAME, None)
        if PUBLIC_CSRF_COOKIE in cookies:
            cookies[settings.CSRF_COOKIE_NAME] = cookies.pop(PUBLIC_CSRF_COOKIE)
        response = self.get_response(request)
        self._public_cookies(response)
        # A page may set its own policy (the embeddable schedule allows the portal to
        # frame it); otherwise the strict one.
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = PUBLIC_CSP
        return response

    @staticmethod
    def _public_cookies(response: HttpResponse) -> None:
        response.cookies.pop(settings.SESSION_COOKIE_NAME, None)
        token = response.cookies.pop(settings.CSRF_COOKIE_NAME, None)
        if token is not None:
            response.set_cookie(
                PUBLIC_CSRF_COOKIE,
                token.value,
                max_age=settings.CSRF_COOKIE_AGE,
                path="/",
                secure=settings.CSRF_COOKIE_SECURE,
                httponly=True,
                samesite="Strict",
            )

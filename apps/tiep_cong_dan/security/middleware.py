"""Until a signed-in user who must use the second factor has entered its code, the
session opens nothing but the sign-in, verification and enrolment pages."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .two_factor import pending_step

NAMESPACE = "tcd_two_factor"
# Pages a half-signed-in user may open: the steps themselves, and leaving.
OPEN_PAGES = {
    (NAMESPACE, "verify"),
    (NAMESPACE, "setup"),
    ("admin", "login"),
    ("admin", "logout"),
    ("admin", "jsi18n"),
}
DESK_NAMESPACES = {"admin", NAMESPACE}


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware (which tells whether the session is verified).

    Desk pages redirect to the step still to do. Every other path (the REST API, media)
    sees the session as not signed in, so the API answers with its usual
    `not_authenticated`; token authentication does not use the session and is unaffected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict
    ) -> HttpResponse | None:
        step = pending_step(request.user)
        if step is None:
            return None
        match = request.resolver_match
        if (match.namespace, match.url_name) in OPEN_PAGES:
            return None
        if match.namespace in DESK_NAMESPACES:
            return HttpResponseRedirect(step_url(step, request))
        request.user = AnonymousUser()
        return None


def step_url(step: str, request: HttpRequest) -> str:
    """The step's page, coming back afterwards to the page asked for (GET only: a form
    posted before verifying is not replayed)."""
    url = reverse(f"{NAMESPACE}:{step}")
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return url

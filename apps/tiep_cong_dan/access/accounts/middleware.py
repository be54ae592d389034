"""Until a signed-in user who must use the second factor has entered its code, the
session opens nothing but the sign-in, verification and enrolment pages; until a user
who signed in with a one-time password has chosen their own, nothing but that page."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .accounts import password_change_due
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
# Pages a user signed in with a one-time password may open: choosing their own, leaving.
PASSWORD_PAGES = {
    ("admin", "password_change"),
    ("admin", "password_change_done"),
    ("admin", "login"),
    ("admin", "logout"),
    ("admin", "jsi18n"),
}


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
            return self._own_password_first(request)
        match = request.resolver_match
        if (match.namespace, match.url_name) in OPEN_PAGES:
            return None
        if match.namespace in DESK_NAMESPACES:
            return HttpResponseRedirect(step_url(step, request))
        request.user = AnonymousUser()
        return None

    def _own_password_first(self, request: HttpRequest) -> HttpResponse | None:
        """After the second factor: a user still on a password an administrator issued
        chooses their own before anything else (the API does not take the session)."""
        if not password_change_due(request.user):
            return None
        match = request.resolver_match
        if (match.namespace, match.url_name) in PASSWORD_PAGES:
            return None
        if match.namespace in DESK_NAMESPACES:
            messages.warning(
                request,
                _("You signed in with a one-time password: choose a password of your own."),
            )
            return HttpResponseRedirect(reverse("admin:password_change"))
        request.user = AnonymousUser()
        return None


def step_url(step: str, request: HttpRequest) -> str:
    """The step's page, coming back afterwards to the page asked for (GET only: a form
    posted before verifying is not replayed)."""
    url = reverse(f"{NAMESPACE}:{step}")
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return url

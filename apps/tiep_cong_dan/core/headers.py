"""The Content-Security-Policy header (Django 5.2 has none of its own).

The policy is one fixed string (the desk's theme needs inline scripts, so there are no
per-response nonces to compute); django-csp would add a dependency and its own
settings dialect for what is a single header, so it is set here."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    """Adds TCD_CONTENT_SECURITY_POLICY to every response that has none (an empty
    setting turns it off); see the setting for what the policy allows and why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = settings.TCD_CONTENT_SECURITY_POLICY
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response

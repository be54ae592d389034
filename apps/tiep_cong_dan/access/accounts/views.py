"""The second factor's pages: the code after the password, enrolling an authenticator
app (QR code and key), and each user's own device page in the desk."""

import math
from collections.abc import Callable
from urllib.parse import urlencode

import django_otp
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import CodeForm
from .middleware import NAMESPACE
from .two_factor import (
    Step,
    confirmed_device,
    is_verified,
    pending_step,
    qr_svg,
    secret_of,
    two_factor_required,
)

TEMPLATES = "tiep_cong_dan/security/"


def _signed_in(view: Callable) -> Callable:
    """The password step comes first: anyone else goes to the desk's sign-in page."""
    return never_cache(sensitive_post_parameters("code")(staff_member_required(view)))


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _check_code(request: HttpRequest, device: TOTPDevice, code: str) -> TOTPDevice | None:
    """The device if the code is right; otherwise adds why not to the messages shown.

    django-otp refuses a code already used (replay) and, after each wrong code, refuses
    any code for 1, 2, 4, 8 … seconds, so the six digits cannot be guessed in bulk.
    """
    allowed, info = device.verify_is_allowed()
    if not allowed:
        wait = math.ceil((info["locked_until"] - timezone.now()).total_seconds())
        messages.error(
            request,
            _("Too many wrong codes. Wait %(seconds)s seconds and try again.")
            % {"seconds": max(wait, 1)},
        )
        return None
    accepted = django_otp.verify_token(request.user, device.persistent_id, code)
    if accepted is None:
        messages.error(request, _("This code is wrong or has expired."))
    return accepted


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    return render(
        request,
        TEMPLATES + template,
        {**admin.site.each_context(request), "next": _next_url(request), **context},
    )


@_signed_in
def verify(request: HttpRequest) -> HttpResponse:
    step = pending_step(request.user)
    if step is None:
        return HttpResponseRedirect(_next_url(request))
    if step == Step.SETUP:
        return HttpResponseRedirect(_with_next(Step.SETUP, request))
    device = confirmed_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accepted = _check_code(request, device, form.cleaned_data["code"])
        if accepted is not None:
            django_otp.login(request, accepted)
            return HttpResponseRedirect(_next_url(request))
    return _render(
        request, "verify.html", {"title": _("Two-step verification"), "form": _shown(form)}
    )


@_signed_in
def setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if confirmed_device(user) is not None:
        # Enrolling a second app must not become a way around the first one.
        if is_verified(user):
            messages.info(request, _("Remove the current device before setting up another."))
            return HttpResponseRedirect(reverse(f"{NAMESPACE}:device"))
        return HttpResponseRedirect(_with_next(Step.VERIFY, request))
    # The same key until it is confirmed, so reloading the page keeps the scanned code.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accepted = _check_code(request, device, form.cleaned_data["code"])
        if accepted is not None:
            accepted.confirmed = True
            accepted.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            django_otp.login(request, accepted)
            messages.success(request, _("Two-step verification is on for your account."))
            return HttpResponseRedirect(_next_url(request))
    pending = pending_step(user) is not None
    return _render(
        request,
        "setup.html",
        {
            "title": _("Set up two-step verification"),
            "base_template": "unfold/layouts/unauthenticated.html"
            if pending
            else "admin/base_site.html",
            "pending": pending,
            "form": _shown(form),
            "qr": qr_svg(device),
            "secret": secret_of(device),
        },
    )


@_signed_in
def device(request: HttpRequest) -> HttpResponse:
    """A user's own device: enrol one, or remove it with a current code (a lost phone
    is reset by an administrator instead)."""
    user = request.user
    current = confirmed_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and current is not None and form.is_valid():
        if _check_code(request, current, form.cleaned_data["code"]) is not None:
            TOTPDevice.objects.filter(user=user).delete()
            messages.success(request, _("The authenticator app was removed from your account."))
            return HttpResponseRedirect(reverse(f"{NAMESPACE}:device"))
    return _render(
        request,
        "device.html",
        {
            "title": _("Two-step verification"),
            "device": current,
            "required": two_factor_required(user),
            "form": _shown(form),
        },
    )


def _with_next(step: str, request: HttpRequest) -> str:
    """The other step's page, keeping where the user was going."""
    return reverse(f"{NAMESPACE}:{step}") + "?" + urlencode({"next": _next_url(request)})


def _shown(form: CodeForm) -> CodeForm:
    """The form to show again: with its errors if the input was malformed, empty if the
    code itself was refused (never echo a code back)."""
    return form if form.is_bound and not form.is_valid() else CodeForm()

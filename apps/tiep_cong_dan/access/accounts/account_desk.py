"""The page behind "password" on a user's form in the desk: it replaces Django's form
for setting another user's password with the two ways the user re-enrols."""

from django.contrib import messages
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .accounts import (
    PasswordResetRefused,
    issue_one_time_password,
    one_time_password_allowed,
    send_reset_link,
)


def password_page(model_admin, request: HttpRequest, user) -> HttpResponse:
    if user.pk == request.user.pk:
        return HttpResponseRedirect(reverse("admin:password_change"))
    back = reverse("admin:auth_user_change", args=[user.pk])
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Password of %(user)s") % {"user": user.get_username()},
        "account": user,
        "opts": model_admin.opts,
        "back": back,
        "one_time_allowed": one_time_password_allowed(user),
    }
    if request.method == "POST":
        way = request.POST.get("way")
        if way not in ("one_time", "link"):  # Django's old form posted passwords here
            return HttpResponseBadRequest()
        try:
            if way == "one_time":
                password = issue_one_time_password(user, by=request.user, request=request)
                # Shown in this response only: never in a message, which the session or a
                # cookie would keep.
                response = render(
                    request,
                    "tiep_cong_dan/security/user_password.html",
                    {**context, "one_time_password": password},
                )
                add_never_cache_headers(response)
                return response
            send_reset_link(user, by=request.user, request=request)
            messages.success(
                request,
                _("A link to set a password was sent to %(email)s.") % {"email": user.email},
            )
            return HttpResponseRedirect(back)
        except PasswordResetRefused as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(request.get_full_path())
    return render(request, "tiep_cong_dan/security/user_password.html", context)

"""django-axes hooks: which login name a failure counts against, and the page a locked
out user sees."""

import math
import unicodedata

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ...core.search import strip_accents


def login_name(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The login name as the database will match it.

    MariaDB's utf8mb4_unicode_ci collation finds the user "chutich" for "ChuTich" or
    "chutích"; counted apart, each spelling would get its own allowance of failures.
    """
    if credentials:
        raw = credentials.get("username")
    else:
        raw = getattr(request, "data", request.POST).get("username")
    if raw is None:
        return None
    return strip_accents(unicodedata.normalize("NFKC", str(raw).strip()))


def cooloff_minutes() -> int:
    return math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The desk's own page instead of axes' plain text, with 429 Too Many Requests."""
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in temporarily locked"),
        "message": _(
            "Too many failed sign-in attempts for this account from your address. "
            "Try again in %(minutes)s minutes, or ask an administrator to unlock it."
        )
        % {"minutes": cooloff_minutes()},
    }
    response = TemplateResponse(
        request, "tiep_cong_dan/security/locked_out.html", context, status=429
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response.render()

"""The reception schedule's pages and feeds (schedule.py says what is public)."""

import re

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from .context import frame
from .feeds import etag_of, ics_calendar, json_document
from .pages_views import published_pages
from .schedule import PAST_DAYS, PublicSession, past, public_sessions, upcoming

# Feeds are read by calendars and portals every few minutes: five minutes is fresh
# enough for a schedule announced days ahead.
FEED_MAX_AGE = 300
EMBED_SESSIONS = 5
_ORIGIN = re.compile(r"^https?://[a-z0-9.-]+(?::\d{1,5})?$", re.IGNORECASE)


@require_safe
def schedule(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sessions = public_sessions()
    return render(
        request,
        "public/schedule.html",
        frame(
            {
                "upcoming": upcoming(sessions, today),
                "past": past(sessions, today),
                "past_months": PAST_DAYS // 30,
                "embed_url": request.build_absolute_uri(reverse("public:schedule_embed")),
            }
        ),
    )


@require_safe
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = public_sessions(pk=pk)
    if not found:
        raise Http404("Không có kỳ tiếp công dân này trong lịch công bố.")
    guides = list(published_pages())
    return render(request, "public/session.html", frame({"session": found[0], "guides": guides}))


@require_safe
def schedule_ics(request: HttpRequest) -> HttpResponse:
    body = ics_calendar(public_sessions(), link=_link(request))
    response = _feed(request, body, "text/calendar; charset=utf-8")
    if response.status_code == 200:
        response["Content-Disposition"] = 'inline; filename="lich-tiep-cong-dan.ics"'
    return response


@require_safe
def schedule_json(request: HttpRequest) -> HttpResponse:
    sessions = public_sessions()
    # The document's time is its latest change, so that an unchanged schedule gives the
    # same bytes (and the same ETag) on every request.
    generated = max((s.updated for s in sessions), default=timezone.now())
    body = json_document(sessions, link=_link(request), generated=timezone.localtime(generated))
    return _feed(request, body, "application/json; charset=utf-8")


@require_safe
@xframe_options_exempt  # framing is decided by the policy's frame-ancestors below
def schedule_embed(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sessions = upcoming(public_sessions(since=today), today)[:EMBED_SESSIONS]
    response = render(
        request,
        "public/embed.html",
        frame({"sessions": sessions, "site_schedule": request.build_absolute_uri("/lich-tiep/")}),
    )
    response["Content-Security-Policy"] = embed_policy()
    return response


def embed_origins() -> list[str]:
    """The origins allowed to frame the snippet (TCD_PUBLIC_EMBED_ORIGINS); an entry
    that is not a bare origin is left out rather than written into the policy."""
    return [
        o.rstrip("/") for o in settings.TCD_PUBLIC_EMBED_ORIGINS if _ORIGIN.match(o.rstrip("/"))
    ]


def embed_policy() -> str:
    ancestors = " ".join(["'self'", *embed_origins()])
    return (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
        f"form-action 'none'; frame-ancestors {ancestors}"
    )


def _link(request: HttpRequest):
    def link(session: PublicSession) -> str:
        return request.build_absolute_uri(reverse("public:session", args=[session.pk]))

    return link


def _feed(request: HttpRequest, body: bytes, content_type: str) -> HttpResponse:
    etag = etag_of(body)
    asked = request.headers.get("If-None-Match", "")
    if etag in [tag.strip() for tag in asked.split(",")] or asked.strip() == "*":
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    # Any site may read the feeds from a browser: they hold only what the page shows.
    response["Access-Control-Allow-Origin"] = "*"
    return response

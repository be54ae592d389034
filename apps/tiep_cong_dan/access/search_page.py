"""The global search's page (/desk/search/?q=…) and the command palette's answers
(/desk/search/json/?q=…): the same groups (access/finders.py), each type's rows within
its rule. The theme's sidebar search asks the same address with `?s=`: it is passed on."""

from dataclasses import asdict

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .finders import search_everything

# A term longer than this is no record's number or name: refused in words, not searched.
MAX_TERM = 100


def _term(request: HttpRequest) -> tuple[str, str | None]:
    term = " ".join(request.GET.get("q", "").split())
    if len(term) > MAX_TERM:
        return "", _("Type at most %(n)d characters.") % {"n": MAX_TERM}
    return term, None


def _page(request: HttpRequest) -> HttpResponse:
    if "s" in request.GET and "q" not in request.GET:
        return admin.site.search(request)  # the sidebar's search of the menu
    term, error = _term(request)
    groups = search_everything(request, term) if term else []
    context = {
        **admin.site.each_context(request),
        "title": _("Search"),
        "term": term,
        "error": error,
        "groups": groups,
    }
    return TemplateResponse(request, "tiep_cong_dan/search/page.html", context)


def _json(request: HttpRequest) -> JsonResponse:
    term, error = _term(request)
    if error:
        return JsonResponse({"error": error, "groups": []}, status=400)
    groups = search_everything(request, term) if term else []
    return JsonResponse({"term": term, "groups": [asdict(g) for g in groups]})


# Signed-in desk users only (the admin's own check, with its redirect to sign in).
search_page = admin.site.admin_view(_page)
search_json = admin.site.admin_view(_json)

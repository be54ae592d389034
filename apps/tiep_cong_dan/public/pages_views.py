"""The Board's information pages (doctype/public_page/): the list and one page."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..doctype.public_page.models import PublicPage
from .context import frame
from .markup import render_plain


def published_pages():
    return PublicPage.objects.filter(published=True).only(
        "slug", "title", "summary", "position", "updated_at"
    )


@require_safe
def pages(request: HttpRequest) -> HttpResponse:
    return render(request, "public/pages.html", frame({"pages": list(published_pages())}))


@require_safe
def page(request: HttpRequest, slug: str) -> HttpResponse:
    found = PublicPage.objects.filter(published=True, slug=slug).first()
    if found is None:
        raise Http404("Không có trang này.")
    others = [p for p in published_pages() if p.pk != found.pk]
    return render(
        request,
        "public/page.html",
        frame({"page": found, "body": render_plain(found.body), "others": others}),
    )

"""/favicon.ico: browsers ask for it on every page whatever the page's <link> says;
without it each page view logged a 404."""

from pathlib import Path

from django.http import FileResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

ICON = Path(__file__).resolve().parent.parent / "static" / "tiep_cong_dan" / "favicon.ico"


@require_safe
@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request):
    return FileResponse(ICON.open("rb"), content_type="image/x-icon")

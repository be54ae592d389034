from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the desk's own URLs: the second factor's pages live under /desk/ too.
    path("desk/two-factor/", include("tiep_cong_dan.security.urls")),
    path("desk/", admin.site.urls),
    path("api/v1/", include("tiep_cong_dan.api.urls")),
]

# A malformed value in a desk address (a month, a number) is explained, not a bare 400.
handler400 = "tiep_cong_dan.core.errors.bad_request"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

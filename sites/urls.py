from django.contrib import admin
from django.urls import include, path
from tiep_cong_dan.access.search_page import search_json, search_page
from tiep_cong_dan.core.favicon import favicon
from tiep_cong_dan.core.files import file_view

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the desk's own URLs: the second factor's pages live under /desk/ too.
    path("desk/two-factor/", include("tiep_cong_dan.access.accounts.urls")),
    # Every stored file, through its record's rule (core/files.py). MEDIA_URL is served
    # by nothing, in any settings: no file is reachable by its address alone.
    path("desk/files/<path:name>", file_view, name="tcd_file"),
    path("desk/password-reset/", include("tiep_cong_dan.access.accounts.reset_urls")),
    # The global search (its page and the command palette's answers), before the desk's
    # own "search/" (the sidebar's menu search, which the page passes on).
    path("desk/search/", search_page, name="tcd_search"),
    path("desk/search/json/", search_json, name="tcd_search_json"),
    path("desk/", admin.site.urls),
    path("api/v1/", include("tiep_cong_dan.api.urls")),
    # The citizens' public site, apart from the desk (public/isolation.py); last, so
    # that no public address can shadow a staff one.
    path("", include("tiep_cong_dan.public.urls")),
]

# A malformed value in a desk address (a month, a number) is explained, not a bare 400.
handler400 = "tiep_cong_dan.core.errors.bad_request"

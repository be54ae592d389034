"""The production WSGI application plus two trivial views, for benchmarks/api_server.py:
the first measures what the framework itself costs on the same server, the second the
same with one round trip to the database (`SELECT 1`), the price of each query the
API's own requests make on this machine's database at this moment."""

import django
from django.db import connection
from django.http import HttpResponse
from django.urls import path

django.setup()

import sites.urls  # noqa: E402  (after setup: the URL module imports the apps)


def one_query(request) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return HttpResponse(str(cursor.fetchone()[0]))


sites.urls.urlpatterns[:0] = [
    path("bench-trivial/", lambda request: HttpResponse("ok")),
    path("bench-trivial-query/", one_query),
]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

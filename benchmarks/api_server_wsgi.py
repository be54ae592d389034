"""The production WSGI application plus one trivial view, for benchmarks/api_server.py:
the trivial view measures what the framework itself costs on the same server."""

import django
from django.http import HttpResponse
from django.urls import path

django.setup()

import sites.urls  # noqa: E402  (after setup: the URL module imports the apps)

sites.urls.urlpatterns.insert(0, path("bench-trivial/", lambda request: HttpResponse("ok")))

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

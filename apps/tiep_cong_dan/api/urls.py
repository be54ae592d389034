from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import signatures, views
from .routing import declared_routes

# Every resource module of api/resources/ routes itself (its ROUTES); none is named here.
router = DefaultRouter()
for route in declared_routes():
    router.register(route.prefix, route.viewset, basename=route.basename)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("documents/<slug:code>/<int:pk>/<slug:fmt>/", views.document, name="api-document"),
    path("reports/figures/", views.report_figures, name="api-report-figures"),
    path("signature-checks/", signatures.signature_check, name="api-signature-check"),
    path("", include(router.urls)),
    re_path(r"^.*$", views.unknown_route),  # JSON, not the site's HTML page
]

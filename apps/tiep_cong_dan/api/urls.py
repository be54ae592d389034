from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("petitions", views.PetitionViewSet, basename="petition")
router.register("citizens", views.CitizenViewSet, basename="citizen")
router.register("sessions", views.SessionViewSet, basename="session")
router.register("bridge-points", views.BridgePointViewSet, basename="bridgepoint")
router.register("result-notices", views.ResultNoticeViewSet, basename="resultnotice")
router.register("assignments", views.AssignmentViewSet, basename="assignment")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("documents/<slug:code>/<int:pk>/<slug:fmt>/", views.document, name="api-document"),
    path("reports/figures/", views.report_figures, name="api-report-figures"),
    path("", include(router.urls)),
    re_path(r"^.*$", views.unknown_route),  # JSON, not the site's HTML page
]

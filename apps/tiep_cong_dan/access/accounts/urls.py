from django.urls import path

from . import views
from .middleware import NAMESPACE

app_name = NAMESPACE
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("setup/", views.setup, name="setup"),
    path("", views.device, name="device"),
]

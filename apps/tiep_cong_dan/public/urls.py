from django.urls import path

from tiep_cong_dan.public.lookup import lookup, lookup_extract
from tiep_cong_dan.public.views import home

app_name = "public"

urlpatterns = [
    path("", home, name="home"),
    path("tra-cuu/", lookup, name="lookup"),
    path("tra-cuu/trich-thong-bao/<str:token>/", lookup_extract, name="lookup_extract"),
]

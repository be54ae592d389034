from django.urls import path

from tiep_cong_dan.public.views import home

app_name = "public"

urlpatterns = [
    path("", home, name="home"),
]

from django.urls import path

from tiep_cong_dan.public.request_views import request_confirm, request_form
from tiep_cong_dan.public.views import home

app_name = "public"

urlpatterns = [
    path("", home, name="home"),
    path("gui-yeu-cau/", request_form, name="request"),
    path("gui-yeu-cau/<str:number>/xac-nhan/", request_confirm, name="request_confirm"),
]

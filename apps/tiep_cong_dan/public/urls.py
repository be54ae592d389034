from django.urls import path

from tiep_cong_dan.public.lookup import lookup, lookup_extract
from tiep_cong_dan.public.pages_views import page, pages
from tiep_cong_dan.public.request_views import request_confirm, request_form
from tiep_cong_dan.public.schedule_views import (
    schedule,
    schedule_embed,
    schedule_ics,
    schedule_json,
    session_detail,
)
from tiep_cong_dan.public.signature_check import signature_check
from tiep_cong_dan.public.views import home

app_name = "public"

urlpatterns = [
    path("", home, name="home"),
    path("lich-tiep/", schedule, name="schedule"),
    path("lich-tiep/<int:pk>/", session_detail, name="session"),
    path("lich-tiep/lich.ics", schedule_ics, name="schedule_ics"),
    path("lich-tiep/lich.json", schedule_json, name="schedule_json"),
    path("lich-tiep/nhung/", schedule_embed, name="schedule_embed"),
    path("thong-tin/", pages, name="pages"),
    path("thong-tin/<slug:slug>/", page, name="page"),
    path("gui-yeu-cau/", request_form, name="request"),
    path("gui-yeu-cau/<str:number>/xac-nhan/<str:token>/", request_confirm, name="request_confirm"),
    path("tra-cuu/", lookup, name="lookup"),
    path("tra-cuu/trich-thong-bao/<str:token>/", lookup_extract, name="lookup_extract"),
    path("xac-thuc-van-ban/", signature_check, name="signature_check"),
]

"""The public site's home page: what the site offers, in plain words."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tiep_cong_dan.public.context import frame
from tiep_cong_dan.public.schedule import next_session


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html", frame({"next_session": next_session()}))

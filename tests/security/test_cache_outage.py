"""The cache may go down without taking the desk, the API or the jobs with it: with
the cache pointed at a closed port every page answers as usual, the outage is logged
once, and the cache is asked again once the pause after a failure is over."""

import logging
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient
from tiep_cong_dan.api.models import ApiToken
from tiep_cong_dan.core import cache as resilient
from tiep_cong_dan.jobs import tasks

from .conftest import password_sign_in

CLOSED_PORT = "redis://127.0.0.1:1/0"


def _outage_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "unreachable" in r.getMessage()]


@pytest.fixture
def cache_down(settings, caplog):
    """The configured cache backend, at an address where nothing listens."""
    resilient._down_until.pop(CLOSED_PORT, None)
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": CLOSED_PORT}}
    caplog.set_level(logging.WARNING)
    yield
    resilient._down_until.pop(CLOSED_PORT, None)


def test_the_desk_signs_in_and_shows_the_dashboard_and_lists(
    client, placed_petitions, cache_down, caplog
):
    # Given the cache is down, when an officer signs in and opens the desk
    assert password_sign_in(client, "canbo").status_code == 302
    home = client.get(reverse("admin:index"))
    petitions = client.get(reverse("admin:tiep_cong_dan_petition_changelist"))
    again = client.get(reverse("admin:index"))
    # then every page answers, counted afresh (no cached copy to give)
    assert (home.status_code, petitions.status_code, again.status_code) == (200, 200, 200)
    assert home.context["dash"]["cards"]
    assert placed_petitions["dongkinh"].registration_number in petitions.content.decode()
    # and the outage is logged once, not on every call
    assert _outage_warnings(caplog) == [
        f"Cache {CLOSED_PORT} unreachable (ConnectionError: Error 111 connecting to "
        f"127.0.0.1:1. Connection refused.): running without the cache, trying again every 30 s"
    ]


def test_the_api_answers_with_its_throttles_and_token_counter_off(
    role_users, placed_petitions, cache_down
):
    _, key = ApiToken.issue(role_users["canbo"], "test")
    good, wrong = APIClient(), APIClient()
    good.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    wrong.credentials(HTTP_AUTHORIZATION="Token tcd_wrong_wrong_wrong_wrong")
    listed = good.get("/api/v1/petitions/")
    assert listed.status_code == 200
    assert listed.json()["count"] == len(placed_petitions)
    refused = wrong.get("/api/v1/petitions/")
    assert (refused.status_code, refused.json()["code"]) == (401, "authentication_failed")


def test_the_jobs_run_without_the_cache(role_users, cache_down):
    # The working calendar (cached) counts the days; the reminders job finds nothing due.
    assert tasks.assignment_deadlines("2026-04-01") == 0
    assert tasks.integrity_check("2026-04-01")["problems"] == 0


def test_after_the_pause_the_cache_is_asked_again(db, caplog, monkeypatch):
    caplog.set_level(logging.WARNING)
    server = cache._server
    cache.set("tcd-outage-probe", 1)
    # A failure switches the cache off for a while: it is not even asked
    resilient._trip(server, ConnectionError("test"))
    try:
        assert cache.get("tcd-outage-probe") is None
        assert cache.get_or_set("tcd-outage-probe", 2) == 2
        assert cache.incr("tcd-outage-probe") is None
        # Once the pause is over, it is asked again, and says so
        monkeypatch.setitem(resilient._down_until, server, time.monotonic() - 1)
        assert cache.get("tcd-outage-probe") == 1
    finally:
        resilient._down_until.pop(server, None)
    assert [r.getMessage() for r in caplog.records][-1] == f"Cache {server} reachable again"

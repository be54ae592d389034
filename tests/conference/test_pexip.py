"""The Pexip backend against the fake Management API served over real HTTP (or, with
TCD_PEXIP_TEST_URL, TCD_PEXIP_TEST_USER and TCD_PEXIP_TEST_PASSWORD, a real node):
provision, automatic dial-out, live status, history, teardown; provisioning twice
changes nothing; failures give a clear kind and are retried where that helps."""

import os

import pytest
import requests
from tiep_cong_dan.conference.base import Capability, ConferenceError, Endpoint, ErrorKind, Meeting
from tiep_cong_dan.conference.pexip.backend import PexipBackend
from tiep_cong_dan.conference.pexip.client import PexipClient, PexipSettings
from tiep_cong_dan.conference.pexip.fake import serve

HOST = Endpoint("LS-TSTCD", "Trụ sở Tiếp công dân tỉnh", "tstcd@video.langson.gov.vn", host=True)
DONG_KINH = Endpoint("LS-X-05977", "UBND phường Đông Kinh", "dongkinh@video.langson.gov.vn")
KY_LUA = Endpoint("LS-X-05974", "UBND phường Kỳ Lừa", "h323:10.10.5.74")
MEETING = Meeting(
    name="tcd-session-42",
    alias="8001042@video.langson.gov.vn",
    description="Tiếp công dân định kỳ 15/12/2026",
    host_pin="4242",
    guest_pin="1515",
    endpoints=(HOST, DONG_KINH, KY_LUA),
)


REAL = os.environ.get("TCD_PEXIP_TEST_URL")
USER = os.environ.get("TCD_PEXIP_TEST_USER", "admin")
PASSWORD = os.environ.get("TCD_PEXIP_TEST_PASSWORD", "s3cret")


@pytest.fixture
def node():
    """The fake served over HTTP, or a real node when TCD_PEXIP_TEST_URL is set."""
    if REAL:
        yield None, REAL
        _backend(REAL).teardown(MEETING)
        return
    server, state, url = serve(username=USER, password=PASSWORD)
    yield state, url
    server.shutdown()


@pytest.fixture
def fake(node):
    """Tests that drive what only the fake can simulate (a meeting starting, a call
    dropping, injected failures)."""
    if node[0] is None:
        pytest.skip("simulates the platform: the fake only")
    return node


def _backend(url, password=PASSWORD, retries=2) -> PexipBackend:
    settings = PexipSettings(url=url, username=USER, password=password, timeout=2, retries=retries)
    return PexipBackend(PexipClient(settings))


def _control(url, action, **body):
    return requests.post(f"{url}/_fake/{action}", json=body, timeout=5).json()


def test_the_whole_flow(fake):
    state, url = fake
    backend = _backend(url)
    assert set(backend.capabilities) == set(Capability) - {Capability.RECORDINGS}
    assert "Pexip Infinity" in backend.health()
    first = backend.provision(MEETING)
    assert first.created and set(first.dial_outs) == {e.address for e in MEETING.endpoints}
    room = next(iter(state.conferences.values()))
    assert (room["pin"], room["guest_pin"], room["aliases"]) == (
        "4242",
        "1515",
        [{"alias": MEETING.alias}],
    )
    protocols = {a["alias"]: (a["protocol"], a["role"]) for a in state.adps.values()}
    assert protocols[KY_LUA.address] == ("h323", "guest")
    assert protocols[HOST.address] == ("sip", "chair")
    assert backend.join_info(MEETING, DONG_KINH).pin == "1515"
    assert not backend.live_status(MEETING).started
    _control(url, "start", name=MEETING.name)  # the host joins: the room dials out
    live = backend.live_status(MEETING)
    assert live.started and {p.address for p in live.participants} == {
        e.address for e in MEETING.endpoints
    }
    _control(url, "drop", name=MEETING.name, alias=DONG_KINH.address, reason="Network failure")
    redial = backend.dial(MEETING, DONG_KINH)  # the Board calls the commune back
    assert redial and len(backend.live_status(MEETING).participants) == 3
    backend.hang_up(MEETING, redial)
    backend.end(MEETING)
    assert not backend.live_status(MEETING).started
    record = backend.session_record(MEETING)
    assert record.started_at and record.ended_at
    reasons = [c.reason for c in record.calls if c.address == DONG_KINH.address]
    assert reasons == ["Network failure", "Call disconnected by an administrator"]
    backend.teardown(MEETING)
    assert not state.conferences and not state.adps


def test_provisioning_twice_changes_nothing_and_follows_the_agenda(node):
    state, url = node
    backend = _backend(url)
    client = backend.client
    first = backend.provision(MEETING)
    rooms = client.list("configuration/v1/conference/", name=MEETING.name)
    dial_outs = client.list("configuration/v1/automatic_participant/", conference=first.reference)
    seen = len(state.requests) if state else 0
    again = backend.provision(MEETING)
    assert not again.created and again.reference == first.reference
    assert again.dial_outs == first.dial_outs
    assert client.list("configuration/v1/conference/", name=MEETING.name) == rooms
    assert (
        client.list("configuration/v1/automatic_participant/", conference=first.reference)
        == dial_outs
    )
    if state:
        writes = [r for r in state.requests[seen:] if r[0] != "GET"]
        assert writes == []  # only reads the second time
    # A commune leaves the agenda: its dial-out goes, the others stay.
    smaller = Meeting(**{**MEETING.__dict__, "endpoints": (HOST, DONG_KINH)})
    backend.provision(smaller)
    left = client.list("configuration/v1/automatic_participant/", conference=first.reference)
    assert {a["alias"] for a in left} == {HOST.address, DONG_KINH.address}


@pytest.mark.parametrize(
    ("failure", "kind"),
    [
        ({"status": 401}, ErrorKind.AUTH),
        ({"status": 503, "count": 5}, ErrorKind.SERVER),
        ({"status": 429, "count": 5}, ErrorKind.RATE_LIMITED),
        ({"delay": 3, "count": 5}, ErrorKind.TIMEOUT),
    ],
)
def test_failures_have_a_kind(fake, failure, kind):
    state, url = fake
    _control(url, "fail", **failure)
    with pytest.raises(ConferenceError) as exc:
        _backend(url, retries=1).provision(MEETING)
    assert exc.value.kind == kind


def test_passing_failures_are_retried(fake):
    state, url = fake
    _control(url, "fail", status=503, count=1)
    _control(url, "fail", status=429, count=1)
    assert _backend(url).provision(MEETING).created  # third time lucky


def test_wrong_credentials_and_an_unreachable_node(node):
    state, url = node
    with pytest.raises(ConferenceError) as exc:
        _backend(url, password="wrong").health()
    assert exc.value.kind == ErrorKind.AUTH
    with pytest.raises(ConferenceError) as exc:
        _backend("http://127.0.0.1:9", retries=0).health()
    assert exc.value.kind == ErrorKind.UNREACHABLE


def test_a_duplicate_room_is_rejected_by_the_node(node):
    state, url = node
    client = PexipClient(PexipSettings(url=url, username=USER, password=PASSWORD))
    room = {"name": MEETING.name, "service_type": "conference"}
    uri = client.create("configuration/v1/conference/", room)
    try:
        with pytest.raises(ConferenceError) as exc:
            client.create("configuration/v1/conference/", room)
        assert exc.value.kind == ErrorKind.REJECTED and "already exists" in exc.value.detail
    finally:
        client.delete(uri)


def test_oauth2_client_credentials(fake):
    state, url = fake
    client = PexipClient(PexipSettings(url=url, client_id=USER, client_secret=PASSWORD))
    backend = PexipBackend(client)
    assert backend.provision(MEETING).created
    assert len(state.tokens) == 1  # one token, reused for every call
    wrong = PexipClient(PexipSettings(url=url, client_id=USER, client_secret="wrong"))
    with pytest.raises(ConferenceError) as exc:
        PexipBackend(wrong).health()
    assert exc.value.kind == ErrorKind.AUTH

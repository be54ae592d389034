# ruff: noqa: F811 (the fixtures imported from the recordings tests are parameters here)
"""Recordings fetched from the session's platform: Jibri's files for a Jitsi meeting
(registered where they are when on the recordings storage, copied onto it otherwise,
hashed by the system, each once); Pexip Infinity offers none (its Management API has no
recordings: a recorder dialled in keeps the file), so nothing is asked of it."""

import datetime
import hashlib

import pytest
from tiep_cong_dan.conference.base import Capability, Meeting
from tiep_cong_dan.conference.pexip.fake import serve
from tiep_cong_dan.conference.recordings import NoRecordings, fetch_recordings
from tiep_cong_dan.doctype.hearing_recording.constants import RecordingSource
from tiep_cong_dan.doctype.hearing_recording.models import Recording

from ..doctype.hearing_recording.conftest import held, store  # noqa: F401
from .test_pexip import PASSWORD, USER, _backend

MEETING = Meeting("tcd-session-1", "a@b", "", "1", "2", ())


def _jibri(directory, session, name="2026-03-16-14-02-11", content=b"jibri video"):
    folder = directory / "kqzvbwcxdqtjpwlr"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"tcd-session-{session.pk}_{name}.mp4"
    path.write_bytes(content)
    (folder / "metadata.json").write_text('{"meeting_url": "x"}')
    return path


@pytest.fixture
def jitsi(settings, held):
    settings.TCD_JITSI_DOMAIN = "meet.langson.gov.vn"
    settings.TCD_JITSI_APP_SECRET = "secret"
    held.conference_platform = "jitsi"
    held.save()
    return held


def test_jibris_files_on_the_storage_are_registered_where_they_are(
    settings,
    jitsi,
    store,
    role_users,
):
    settings.TCD_JIBRI_RECORDINGS_DIR = str(store / "jibri")
    path = _jibri(store / "jibri", jitsi)
    _jibri(store / "jibri", jitsi, "2026-03-16-15-30-00", b"second part")
    other = store / "jibri" / "x" / "tcd-session-999_2026-03-16-14-00-00.mp4"
    other.parent.mkdir()
    other.write_bytes(b"another meeting")
    fetched = fetch_recordings(jitsi, by=role_users["canbo"])
    assert len(fetched.registered) == 2 and fetched.refused == []
    first = fetched.registered[0]
    assert first.location == f"jibri/kqzvbwcxdqtjpwlr/{path.name}"
    assert first.sha256 == hashlib.sha256(b"jibri video").hexdigest()
    assert first.source == RecordingSource.BACKEND
    assert first.started_at == datetime.datetime(2026, 3, 16, 14, 2, 11, tzinfo=datetime.UTC)
    again = fetch_recordings(jitsi, by=role_users["canbo"])
    assert (len(again.registered), again.known) == (0, 2)
    assert Recording.objects.count() == 2


def test_jibris_files_elsewhere_are_copied_onto_the_storage(
    settings,
    jitsi,
    store,
    tmp_path,
):
    settings.TCD_JIBRI_RECORDINGS_DIR = str(tmp_path / "jibri")
    _jibri(tmp_path / "jibri", jitsi)
    (recording,) = fetch_recordings(jitsi).registered
    assert (store / recording.location).read_bytes() == b"jibri video"
    assert recording.location.startswith("2026/03-16-phien-")
    assert fetch_recordings(jitsi).known == 1


def test_pexip_offers_no_recordings_and_is_not_asked(settings, held):
    server, state, url = serve(username=USER, password=PASSWORD)
    try:
        backend = _backend(url)
        assert Capability.RECORDINGS not in backend.capabilities
        assert backend.recordings(MEETING) == ()
        settings.TCD_PEXIP_URL = url
        settings.TCD_PEXIP_USER, settings.TCD_PEXIP_PASSWORD = USER, PASSWORD
        with pytest.raises(NoRecordings):
            fetch_recordings(held)
        assert state.requests == []
    finally:
        server.shutdown()

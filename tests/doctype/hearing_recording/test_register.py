"""Registering recordings: uploaded (streamed onto the storage, hashed as written), by
their path on the storage (hashed by the system), refused outside it; the session's
closing asks for every online hearing's recording; no deletion before retention."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.hearing_recording import services
from tiep_cong_dan.doctype.hearing_recording.constants import CheckResult, RecordingSource
from tiep_cong_dan.doctype.hearing_recording.models import Recording, RecordingRetained

from .conftest import hearing

VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 5000  # 1.28 MB, several chunks


def test_an_upload_is_stored_with_its_size_and_sha256(held, store, role_users, settings):
    upload = SimpleUploadedFile("phiên 1.mp4", VIDEO, content_type="video/mp4")
    recording = services.upload_recording(
        held, upload, agenda_item=hearing(held, 1), by=role_users["canbo"]
    )
    assert recording.size == len(VIDEO)
    assert recording.sha256 == hashlib.sha256(VIDEO).hexdigest()
    assert recording.source == RecordingSource.UPLOAD
    assert recording.media_type == "video/mp4"
    assert (store / recording.location).read_bytes() == VIDEO
    assert recording.location.startswith("2026/03-16-phien-")
    assert recording.retention_until == datetime.date(2046, 3, 16)  # 20 years by default
    assert recording.last_check == CheckResult.OK
    assert recording.registered_by == role_users["canbo"]
    assert not list(store.rglob("*.partial"))


def test_an_upload_over_the_limit_is_refused_and_nothing_is_left(held, store, settings):
    settings.TCD_RECORDING_MAX_BYTES = 1000
    upload = SimpleUploadedFile("lon.mp4", VIDEO, content_type="video/mp4")
    with pytest.raises(ValidationError) as refused:
        services.upload_recording(held, upload)
    assert "lớn hơn" in refused.value.message_dict["file"][0]
    assert not [p for p in store.rglob("*") if p.is_file()]
    assert not Recording.objects.exists()


def test_a_file_on_the_storage_is_registered_by_its_path_and_hashed(held, store, role_users):
    (store / "nas" / "2026").mkdir(parents=True)
    (store / "nas/2026/phien.mp4").write_bytes(VIDEO)
    recording = services.register_by_reference(held, "nas/2026/phien.mp4", by=role_users["canbo"])
    assert (recording.size, recording.sha256) == (len(VIDEO), hashlib.sha256(VIDEO).hexdigest())
    assert recording.source == RecordingSource.REFERENCE
    assert recording.agenda_item is None  # the whole meeting
    # An absolute path inside the storage is the same file: registered once only.
    with pytest.raises(ValidationError) as twice:
        services.register_by_reference(held, str(store / "nas/2026/phien.mp4"))
    assert "đã được đăng ký" in twice.value.message_dict["location"][0]


@pytest.mark.parametrize("path", ["/etc/passwd", "../../etc/passwd", "khong-co.mp4", ""])
def test_a_path_outside_the_storage_or_missing_is_refused(held, store, path):
    with pytest.raises(ValidationError) as refused:
        services.register_by_reference(held, path)
    assert refused.value.message_dict["location"]
    assert not Recording.objects.exists()


def test_an_in_person_hearing_or_a_session_not_held_is_refused(held, store):
    (store / "a.mp4").write_bytes(b"x")
    item = hearing(held, 2)
    item.mode = "in_person"
    item.save()
    with pytest.raises(ValidationError):
        services.register_by_reference(held, "a.mp4", agenda_item=item)
    held.state = "approved"
    held.save()
    with pytest.raises(ValidationError) as early:
        services.register_by_reference(held, "a.mp4")
    assert "đã bắt đầu" in early.value.messages[0]


def test_closing_asks_for_each_online_hearings_recording(held, store, role_users):
    for name in ("1.mp4", "2.mp4", "all.mp4"):
        (store / name).write_bytes(name.encode())
    blocked = workflow.options(role_users["canbo"], held)
    close = next(o for o in blocked if o.transition.action == "close")
    assert not close.allowed
    assert "1, 2, 3" in str(close.reasons[0])
    held.recording_reference = "NAS/2026/0316"  # free text no longer closes a session
    held.save()
    services.register_by_reference(held, "1.mp4", agenda_item=hearing(held, 1))
    services.register_by_reference(held, "2.mp4", agenda_item=hearing(held, 2))
    close = next(
        o for o in workflow.options(role_users["canbo"], held) if o.transition.action == "close"
    )
    assert str(close.reasons[0]).rstrip(".").endswith(" 3")
    services.register_by_reference(held, "all.mp4")  # the whole meeting covers the rest
    workflow.apply(held, "close", by=role_users["canbo"])
    held.refresh_from_db()
    assert held.state == "closed"


def test_no_recording_is_deleted_before_its_retention(held, store, role_users):
    (store / "a.mp4").write_bytes(b"video")
    recording = services.register_by_reference(held, "a.mp4")
    with pytest.raises(RecordingRetained) as kept:
        services.delete_recording(recording, by=role_users["truongban"])
    assert "16/03/2046" in str(kept.value)
    with pytest.raises(RecordingRetained):
        recording.delete()
    with pytest.raises(RecordingRetained):
        Recording.objects.all().delete()
    assert Recording.objects.count() == 1
    # Once the period is over, the Board head's deletion is kept in the history.
    Recording.objects.filter(pk=recording.pk).update(retention_until=datetime.date(2020, 1, 1))
    recording.refresh_from_db()
    services.delete_recording(recording, by=role_users["truongban"])
    assert not Recording.objects.exists()
    gone = Recording.history.filter(id=recording.pk, history_type="-").get()
    assert gone.history_user == role_users["truongban"]
    assert (store / "a.mp4").exists()  # the file stays unless asked


def test_retention_counts_whole_years_from_the_session(settings):
    settings.TCD_RECORDING_RETENTION_YEARS = 10
    assert services.retention_until_for(datetime.date(2028, 2, 29)) == datetime.date(2038, 2, 28)

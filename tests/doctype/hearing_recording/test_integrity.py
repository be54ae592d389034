"""The nightly check re-reads each recording: a changed file and a missing one are
reported and kept on the recording; the re-hashing is spread over nights by a budget."""

import datetime

from tiep_cong_dan.doctype.hearing_recording import services
from tiep_cong_dan.doctype.hearing_recording.checks import check_recordings
from tiep_cong_dan.doctype.hearing_recording.constants import CheckResult
from tiep_cong_dan.doctype.hearing_recording.models import Recording
from tiep_cong_dan.jobs import integrity


def test_a_changed_and_a_missing_file_are_found(held, store, role_users):
    for name in ("ok.mp4", "doi.mp4", "mat.mp4", "to.mp4"):
        (store / name).write_bytes(b"0123456789")
        services.register_by_reference(held, name)
    (store / "doi.mp4").write_bytes(b"0123456780")  # same size, other bytes
    (store / "mat.mp4").unlink()
    (store / "to.mp4").write_bytes(b"01234567890")
    result = integrity.check(datetime.date(2026, 12, 6))
    found = "\n".join(result["recordings"])
    assert "doi.mp4: SHA-256 đã thay đổi" in found
    assert "mat.mp4: Không tìm thấy tệp" in found
    assert "to.mp4: Kích thước đã thay đổi" in found
    assert "ok.mp4" not in found
    assert result["recordings_checked"] == 4
    checks = dict(Recording.objects.values_list("location", "last_check"))
    assert checks == {
        "ok.mp4": CheckResult.OK,
        "doi.mp4": CheckResult.HASH_MISMATCH,
        "mat.mp4": CheckResult.MISSING,
        "to.mp4": CheckResult.SIZE_MISMATCH,
    }
    assert Recording.objects.filter(last_checked_at__isnull=True).count() == 0


def test_re_hashing_is_spread_over_nights_by_its_budget(held, store):
    for n in range(4):
        (store / f"{n}.mp4").write_bytes(b"x" * 100)
        services.register_by_reference(held, f"{n}.mp4")
    Recording.objects.update(last_hashed_at=None)
    first = check_recordings(budget=250)  # two files' worth a night
    assert (first.checked, first.rehashed, first.bytes_hashed) == (4, 2, 200)
    second = check_recordings(budget=250)
    assert second.rehashed == 2
    assert Recording.objects.filter(last_hashed_at__isnull=True).count() == 0
    # Those not re-hashed tonight were found present with their size.
    checks = set(Recording.objects.values_list("last_check", flat=True))
    assert checks == {CheckResult.OK, CheckResult.SIZE_OK}
    # A file larger than the whole budget is still re-hashed, alone, on its night.
    assert check_recordings(budget=10).rehashed == 1

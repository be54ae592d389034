"""manage.py export_national: the file for a period as the named user may see it, and
clear errors in Vietnamese for what it cannot do."""

import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext as _
from tiep_cong_dan.access.models import AccessKind, ConfidentialAccess


def vietnamese(msgid: str, **params) -> str:
    with translation.override("vi"):
        return _(msgid) % params if params else _(msgid)


MARCH = ("--from", "2026-03-01", "--to", "2026-03-31")


def run(*args) -> str:
    out = io.StringIO()
    call_command("export_national", *args, stdout=out)
    return out.getvalue()


def test_json_and_csv_files_for_a_board_officer(march, role_users, tmp_path):
    target = tmp_path / "thang3.json"
    said = run(*MARCH, "--user", "canbo", "--out", str(target))
    assert str(target) in said
    document = json.loads(target.read_bytes())
    assert document["header"]["record_count"] == 4
    assert document["header"]["exported_by"]["username"] == "canbo"
    # The denouncer's identity left in the file.
    entry = ConfidentialAccess.objects.get(kind=AccessKind.CONFIDENTIAL)
    assert entry.object_ids == str(march["dongkinh_tc"].citizen_id)
    assert entry.path == (
        "manage.py export_national --from 2026-03-01 --to 2026-03-31 --format json"
    )
    archive = tmp_path / "thang3.zip"
    run(*MARCH, "--format", "csv", "--user", "canbo", "--out", str(archive))
    names = zipfile.ZipFile(archive).namelist()
    assert sorted(names) == ["assignments.csv", "hearings.csv", "manifest.json", "petitions.csv"]


def test_the_default_file_name_and_the_users_scope(march, role_users, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run(*MARCH, "--user", "xa_dongkinh")
    document = json.loads((tmp_path / "tcd-quoc-gia-20260301-20260331.json").read_bytes())
    assert document["header"]["scope"] == "restricted"
    assert march["kylua"].registration_number not in json.dumps(document)
    assert not ConfidentialAccess.objects.filter(kind=AccessKind.CONFIDENTIAL).exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--from", "01/03/2026", "--to", "2026-03-31", "--user", "canbo"],
            ("%(value)s is not a date: write it as YYYY-MM-DD.", {"value": "01/03/2026"}),
        ),
        (
            ["--from", "2026-03-01", "--to", "2026-02-30", "--user", "canbo"],
            ("%(value)s is not a date: write it as YYYY-MM-DD.", {"value": "2026-02-30"}),
        ),
        (
            ["--from", "2026-03-31", "--to", "2026-03-01", "--user", "canbo"],
            ("The period ends before it starts.", {}),
        ),
        (
            ["--from", "2025-01-01", "--to", "2026-03-31", "--user", "canbo"],
            ("Export at most one year at a time.", {}),
        ),
        (
            ["--from", "1999-12-01", "--to", "2000-01-31", "--user", "canbo"],
            ("The period starts before 2000.", {}),
        ),
        (
            ["--from", "9999-01-01", "--to", "9999-12-31", "--user", "canbo"],
            ("The period starts after today.", {}),
        ),
        (
            ["--from", "2026-03-01", "--to", "2026-03-31", "--user", "khongco"],
            ("No user %(username)s.", {"username": "khongco"}),
        ),
        (
            ["--from", "2026-03-01", "--to", "2026-03-31", "--user", "kythuat"],
            ("This user may not see petitions.", {}),
        ),
    ],
)
def test_errors_say_what_is_wrong(role_users, tmp_path, args, message):
    with pytest.raises(CommandError) as error:
        run(*args, "--out", str(tmp_path / "x.json"))
    msgid, params = message
    assert str(error.value) == vietnamese(msgid, **params)
    assert not (tmp_path / "x.json").exists()


def test_the_period_error_is_in_vietnamese(role_users):
    with pytest.raises(CommandError, match="Thời gian kết thúc trước thời gian bắt đầu"):
        run("--from", "2026-03-31", "--to", "2026-03-01", "--user", "canbo")


def test_a_file_that_cannot_be_written(role_users, tmp_path):
    target = tmp_path / "missing" / "x.json"
    with pytest.raises(CommandError) as error:
        run(*MARCH, "--user", "canbo", "--out", str(target))
    expected = vietnamese(
        "Cannot write %(path)s: %(error)s", path=target, error="No such file or directory"
    )
    assert str(error.value) == expected

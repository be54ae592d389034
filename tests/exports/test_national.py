"""The national export as a file: every record of March 2026 with its codes, the header
and counts, the same content as CSV tables, each user's scope, a denouncer masked for
those not cleared, and every petitioner in the file in the access log (a denouncer as a
confidential entry, for those cleared)."""

import csv
import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from tiep_cong_dan.access.models import AccessKind, ConfidentialAccess
from tiep_cong_dan.exports.national import ExportError, export_national

from .conftest import END, START

# What a record carries of its petitioner, as the access log names it.
FIELDS = "address,full_name,id_kind,id_number,residence_unit"


def log(kind: str):
    return ConfidentialAccess.objects.filter(kind=kind)


def exported(user, fmt="json"):
    data = export_national(START, END, user, fmt)
    return json.loads(data) if fmt == "json" else zipfile.ZipFile(io.BytesIO(data))


def by_number(document) -> dict[str, dict]:
    return {r["registration_number"]: r for r in document["records"]}


def test_json_holds_the_register_and_the_hearings_of_the_period(march, role_users):
    document = exported(role_users["canbo"])
    head = document["header"]
    assert head["format"] == "tcd-national-export" and head["format_version"] == "1.0"
    assert head["province"] == {"code": "20", "name": "Tỉnh Lạng Sơn"}
    assert head["period"] == {"from": "2026-03-01", "to": "2026-03-31"}
    assert head["exported_by"]["username"] == "canbo" and head["scope"] == "all"
    assert head["generated_at"][19:] == "+07:00"  # local time, with its offset
    assert head["record_count"] == 4
    assert head["counts"] == {
        "register": 3,
        "hearings": 3,
        "assignments": 2,
        "identity_masked": 0,
    }
    # The register's three March entries in its order, then the 2024 case heard in March;
    # Kỳ Lừa's hearing at a cancelled session and Lộc Bình's unreached one are not there.
    numbers = [r["registration_number"] for r in document["records"]]
    p = march
    assert numbers == [
        p["dongkinh"].registration_number,
        p["kylua"].registration_number,
        p["dongkinh_tc"].registration_number,
        p["old_era"].registration_number,
    ]
    assert [r["register_no"] for r in document["records"]] == [1, 2, 3, None]
    complaint = by_number(document)[p["dongkinh"].registration_number]
    petition = p["dongkinh"]
    petition.refresh_from_db()
    assert complaint == {
        "registration_number": petition.registration_number,
        "register_no": 1,
        "received_date": "2026-03-02",
        "channel": "in_person",
        "kind": "complaint",
        "kind_short": "KN",
        "state": petition.state,
        "identity_masked": False,
        "citizen": {
            "full_name": "Hoàng Văn An",
            "id_kind": "cccd",
            "id_number": "020090000001",
            "address": "thôn Nà Làng, Phường Đông Kinh",
            "residence_unit": {"code": "05977", "era": "from_2025"},
        },
        "group_size": 1,
        "summary": "Khiếu nại quyết định thu hồi đất",
        "content": "Nội dung đơn do công dân trình bày.",
        "people_concerned": "",
        "residence_unit": {"code": "05977", "era": "from_2025"},
        "matter_unit": {"code": "05977", "era": "from_2025"},
        "agencies_concerned": ["SNNMT"],
        "earlier_handling": "",
        "jurisdiction": "undetermined",
        "eligibility_basis": None,
        "citizen_consent": False,
        "identity_protection_requested": False,
        "handling": {
            "acceptance_deadline": petition.acceptance_deadline.isoformat(),
            "acceptance_outcome": None,
            "acceptance_notified_on": None,
            "transferred_to": None,
            "transfer_letter": "",
            "reply_letter_number": "",
            "reply_letter_date": None,
            "refusal_ground": None,
            "refusal_notice_number": "",
            "refusal_notice_date": None,
        },
        "hearings": [
            {
                "session_date": "2026-03-16",
                "session_kind": "periodic",
                "ad_hoc_ground": None,
                "hearing_mode": "online",
                "bridge_point": march["point"].code,
                "attendance": 1,
                "result_notice_number": "05/TB-UBND",
                "result_notice_date": "2026-03-20",
            }
        ],
        "assignments": [
            {
                "result_notice_number": "05/TB-UBND",
                "result_notice_date": "2026-03-20",
                "agency": "SNNMT",
                "task": "Kiểm tra, trả lời công dân.",
                "deadline": "2026-04-30",
                "working_days": None,
                "state": "open",
                "done_on": None,
            }
        ],
    }
    earlier = by_number(document)[p["old_era"].registration_number]
    assert earlier["received_date"] == "2024-05-06"
    old_code = p["old_era"].residence_unit.code
    assert earlier["residence_unit"] == {"code": old_code, "era": "before_2025"}
    assert earlier["hearings"][0]["hearing_mode"] == "in_person"
    assert earlier["assignments"][0]["state"] == "accepted"
    assert earlier["assignments"][0]["done_on"] == "2026-04-10"
    assert by_number(document)[p["kylua"].registration_number]["hearings"] == []


def test_csv_tables_carry_the_same_records(march, role_users):
    archive = exported(role_users["canbo"], "csv")
    assert sorted(archive.namelist()) == [
        "assignments.csv",
        "hearings.csv",
        "manifest.json",
        "petitions.csv",
    ]

    def table(name):
        raw = archive.read(name)
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
        return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))

    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["record_count"] == 4 and manifest["format_version"] == "1.0"
    assert manifest["files"] == {"petitions.csv": 4, "hearings.csv": 3, "assignments.csv": 2}
    petitions = {row["registration_number"]: row for row in table("petitions.csv")}
    complaint = petitions[march["dongkinh"].registration_number]
    assert complaint["register_no"] == "1" and complaint["kind"] == "complaint"
    assert complaint["citizen_full_name"] == "Hoàng Văn An"
    assert complaint["citizen_residence_unit_code"] == "05977"
    assert complaint["residence_unit_era"] == "from_2025"
    assert complaint["agencies_concerned"] == "SNNMT"
    assert complaint["identity_masked"] == "false" and complaint["eligibility_basis"] == ""
    assert petitions[march["old_era"].registration_number]["register_no"] == ""
    hearings = table("hearings.csv")
    assert [h["registration_number"] for h in hearings] == [
        march["dongkinh"].registration_number,
        march["dongkinh_tc"].registration_number,
        march["old_era"].registration_number,
    ]
    assert hearings[0]["hearing_mode"] == "online"
    assert hearings[0]["result_notice_number"] == "05/TB-UBND"
    assert hearings[0]["result_notice_date"] == "2026-03-20"
    assignments = [
        (a["registration_number"], a["agency"], a["deadline"], a["state"])
        for a in table("assignments.csv")
    ]
    assert assignments == [
        (march["dongkinh"].registration_number, "SNNMT", "2026-04-30", "open"),
        (march["old_era"].registration_number, "SNNMT", "2026-04-30", "accepted"),
    ]


def test_a_commune_officer_exports_only_their_commune_and_no_denouncer(march, role_users):
    document = exported(role_users["xa_dongkinh"])
    p = march
    # Kỳ Lừa is another commune; the 2024 case is from an old ward merged into Đông Kinh.
    assert list(by_number(document)) == [
        p["dongkinh"].registration_number,
        p["dongkinh_tc"].registration_number,
        p["old_era"].registration_number,
    ]
    assert document["header"]["scope"] == "restricted"
    assert document["header"]["counts"]["identity_masked"] == 1
    denunciation = by_number(document)[p["dongkinh_tc"].registration_number]
    assert denunciation["identity_masked"] is True
    assert denunciation["citizen"] is None and denunciation["content"] is None
    assert denunciation["summary"] == "Tố cáo cán bộ địa chính"  # shown on the list too
    assert denunciation["residence_unit"] == {"code": "05977", "era": "from_2025"}
    assert denunciation["kind"] == "denunciation" and len(denunciation["hearings"]) == 1
    raw = export_national(START, END, role_users["xa_dongkinh"], "json").decode()
    assert "Lương Văn Cường" not in raw and "020080000003" not in raw
    rows = exported(role_users["xa_dongkinh"], "csv").read("petitions.csv").decode("utf-8-sig")
    masked = next(r for r in csv.DictReader(io.StringIO(rows)) if r["kind"] == "denunciation")
    assert masked["identity_masked"] == "true"
    assert masked["citizen_full_name"] == masked["citizen_id_number"] == masked["content"] == ""
    assert not log(AccessKind.CONFIDENTIAL).exists()  # no denouncer left in a file
    shown = ",".join(str(march[key].citizen_id) for key in ("dongkinh", "old_era"))
    assert {e.object_ids for e in log(AccessKind.PERSONAL)} == {shown}  # one per file


def test_other_scopes(march, role_users):
    department = exported(role_users["so_nnmt"])  # SNNMT is concerned by one case only
    assert list(by_number(department)) == [march["dongkinh"].registration_number]
    # Its hearing (SNNMT was invited) and its task; not the 2024 case's task, though
    # given to SNNMT too: that petition is not one SNNMT may see.
    assert department["header"]["counts"] == {
        "register": 1,
        "hearings": 1,
        "assignments": 1,
        "identity_masked": 0,
    }
    district = exported(role_users["huyen_locbinh"])  # nothing of Lộc Bình in March
    assert district["records"] == [] and district["header"]["record_count"] == 0
    admin = exported(role_users["quantri"])  # sees every row, cleared for no denouncer
    assert admin["header"]["record_count"] == 4
    assert by_number(admin)[march["dongkinh_tc"].registration_number]["citizen"] is None
    assert not log(AccessKind.CONFIDENTIAL).exists()
    with pytest.raises(PermissionDenied):
        export_national(START, END, role_users["kythuat"], "json")


@pytest.mark.parametrize("username", ["canbo", "chutich"])
def test_a_cleared_export_is_logged(march, role_users, username):
    document = exported(role_users[username])
    denunciation = by_number(document)[march["dongkinh_tc"].registration_number]
    assert denunciation["citizen"]["full_name"] == "Lương Văn Cường"
    assert denunciation["citizen"]["id_number"] == "020080000003"
    entry = log(AccessKind.CONFIDENTIAL).get()  # the denouncer, apart from the others
    assert entry.user == role_users[username] and entry.object_type == "citizen"
    assert entry.object_ids == str(march["dongkinh_tc"].citizen_id)
    assert entry.fields == FIELDS and entry.path == "export_national"
    others = log(AccessKind.PERSONAL).get()
    assert others.object_ids == ",".join(
        str(march[key].citizen_id) for key in ("dongkinh", "kylua", "old_era")
    )
    assert others.fields == FIELDS and others.user == role_users[username]


def test_bad_requests_are_refused(role_users):
    user = role_users["canbo"]
    with pytest.raises(ExportError):
        export_national(END, START, user, "json")  # ends before it starts
    with pytest.raises(ExportError):
        export_national(START, START.replace(year=2027, month=4), user, "json")  # > a year
    with pytest.raises(ExportError):
        export_national(START, END, user, "xml")


def test_csv_cells_never_start_a_formula_and_json_keeps_the_text(march, role_users):
    # given a case whose summary was typed as a spreadsheet formula
    from tiep_cong_dan.doctype.petition.models import Petition

    formula = "=cmd|' /C calc'!A0"
    Petition.objects.filter(pk=march["dongkinh"].pk).update(summary=formula)
    # when it is exported as CSV tables and as JSON
    archive = exported(role_users["canbo"], "csv")
    rows = csv.DictReader(io.StringIO(archive.read("petitions.csv").decode("utf-8-sig")))
    summaries = {r["registration_number"]: r["summary"] for r in rows}
    document = exported(role_users["canbo"], "json")
    # then the CSV cell is quoted text; JSON is data for programs, not a sheet: unchanged
    assert summaries[march["dongkinh"].registration_number] == "'" + formula
    assert by_number(document)[march["dongkinh"].registration_number]["summary"] == formula

"""Every read of a citizen's personal data is logged: the citizen's page and its list,
the petition's page, an export and a printed document; a denouncer's identity as a
confidential entry, anyone else's as personal data; lists of names only are not."""

from django.urls import reverse
from tiep_cong_dan.access.models import AccessKind, ConfidentialAccess
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.service import document_file

CONFIDENTIAL, PERSONAL = AccessKind.CONFIDENTIAL, AccessKind.PERSONAL


def _url(name: str, *args) -> str:
    return reverse(f"admin:tiep_cong_dan_{name}", args=args)


def _entries(user, kind=None):
    qs = ConfidentialAccess.objects.filter(user=user)
    return qs.filter(kind=kind) if kind else qs


def test_the_citizen_page_logs_personal_data(login, role_users, placed_petitions):
    citizen = placed_petitions["dongkinh"].citizen
    page = login("canbo").get(_url("citizen_change", citizen.pk)).content.decode()
    assert citizen.id_number in page
    entry = _entries(role_users["canbo"]).get()
    assert entry.kind == PERSONAL and entry.object_type == "citizen"
    assert entry.object_ids == str(citizen.pk)
    assert set(entry.fields.split(",")) == {
        "address",
        "date_of_birth",
        "email",
        "full_name",
        "gender",
        "id_issued_by",
        "id_issued_on",
        "id_number",
        "phone",
    }
    assert entry.path == _url("citizen_change", citizen.pk)
    assert entry.ip_address == "127.0.0.1"


def test_a_denouncers_page_is_a_confidential_entry_only(login, role_users, placed_petitions):
    denouncer = placed_petitions["dongkinh_tc"].citizen
    login("canbo").get(_url("citizen_change", denouncer.pk))
    entry = _entries(role_users["canbo"]).get()
    assert entry.kind == CONFIDENTIAL and entry.object_ids == str(denouncer.pk)


def test_the_citizen_history_is_logged(login, role_users, placed_petitions):
    citizen = placed_petitions["dongkinh"].citizen
    version = citizen.history.first()
    client = login("truongban")
    assert (
        client.get(_url("citizen_simple_history", citizen.pk, version.history_id)).status_code
        == 200
    )
    # The list of versions shows old and new values too.
    assert client.get(_url("citizen_history", citizen.pk)).status_code == 200
    entries = _entries(role_users["truongban"], PERSONAL)
    assert [e.object_ids for e in entries] == [str(citizen.pk)] * 2


def test_the_citizen_list_shows_numbers_so_each_page_is_one_entry(
    login, role_users, placed_petitions
):
    login("xa_dongkinh").get(_url("citizen_changelist"))
    entry = _entries(role_users["xa_dongkinh"]).get()
    shown = {placed_petitions[k].citizen_id for k in ("dongkinh", "old_era")}
    assert entry.kind == PERSONAL and set(map(int, entry.object_ids.split(","))) == shown
    assert set(entry.fields.split(",")) == {"date_of_birth", "full_name", "id_number", "phone"}


def test_the_petition_page_logs_its_petitioner(login, role_users, placed_petitions):
    complaint = placed_petitions["kylua"]
    login("chutich").get(_url("petition_change", complaint.pk))
    entry = _entries(role_users["chutich"]).get()
    assert (entry.kind, entry.object_type) == (PERSONAL, "citizen")
    assert entry.object_ids == str(complaint.citizen_id)
    assert entry.fields == "date_of_birth,full_name"
    denunciation = placed_petitions["dongkinh_tc"]
    login("chutich").get(_url("petition_change", denunciation.pk))
    # A denunciation stays one confidential entry on the petition, as before.
    latest = _entries(role_users["chutich"]).order_by("-id").first()
    assert (latest.kind, latest.object_type) == (CONFIDENTIAL, "petition")
    assert _entries(role_users["chutich"]).count() == 2


def test_lists_of_names_are_not_logged(login, role_users, placed_petitions):
    login("xa_dongkinh").get(_url("petition_changelist"))
    login("canbo").get(_url("petition_changelist"))
    assert not _entries(role_users["xa_dongkinh"]).exists()
    # The Board's list shows the denouncer's name: that stays a confidential entry.
    assert not _entries(role_users["canbo"], PERSONAL).exists()
    assert _entries(role_users["canbo"], CONFIDENTIAL).count() == 1


def test_an_export_logs_everyone_in_the_file(login, role_users, placed_petitions):
    chosen = [placed_petitions[k].pk for k in ("dongkinh", "kylua", "dongkinh_tc")]
    data = {"action": "export_csv", "_selected_action": chosen}
    assert login("canbo").post(_url("petition_changelist"), data).status_code == 200
    personal = _entries(role_users["canbo"], PERSONAL).get()
    assert set(map(int, personal.object_ids.split(","))) == {
        placed_petitions["dongkinh"].citizen_id,
        placed_petitions["kylua"].citizen_id,
    }
    assert personal.fields == "full_name" and personal.path == _url("petition_changelist")
    # (The list behind the action logs its denunciation as a petition, as always.)
    confidential = _entries(role_users["canbo"], CONFIDENTIAL).get(object_type="citizen")
    assert confidential.object_ids == str(placed_petitions["dongkinh_tc"].citizen_id)
    # The commune's file has its own citizen only; the denouncer is masked, not logged.
    login("xa_dongkinh").post(_url("petition_changelist"), {**data, "action": "export_excel"})
    commune = _entries(role_users["xa_dongkinh"]).get()
    assert commune.kind == PERSONAL
    assert commune.object_ids == str(placed_petitions["dongkinh"].citizen_id)


def test_a_printed_receipt_logs_the_papers_it_shows(login, role_users, placed_petitions):
    petition = placed_petitions["dongkinh"]
    url = _url("document", "receipt", petition.pk, "docx")
    assert login("vanphong").get(url).status_code == 200
    entry = _entries(role_users["vanphong"]).get()
    assert (entry.kind, entry.object_ids) == (PERSONAL, str(petition.citizen_id))
    assert entry.fields == "full_name,gender,id_issued_by,id_issued_on,id_number"
    assert entry.path == url and entry.ip_address == "127.0.0.1"


def test_a_redacted_print_logs_nothing_a_cleared_one_is_confidential(
    login, role_users, placed_petitions
):
    denunciation = placed_petitions["dongkinh_tc"]
    url = _url("document", "receipt", denunciation.pk, "docx")
    assert login("xa_dongkinh").get(url).status_code == 200
    assert not _entries(role_users["xa_dongkinh"]).exists()
    login("canbo").get(url)
    assert _entries(role_users["canbo"]).get().kind == CONFIDENTIAL


def test_the_register_logs_its_rows(login, role_users, placed_petitions):
    params = {"start": "2026-03-01", "end": "2026-03-31", "fmt": "docx"}
    assert login("xa_dongkinh").get(_url("register"), params).status_code == 200
    entry = _entries(role_users["xa_dongkinh"]).get()
    # March 2026 in Đông Kinh: the complaint; the denunciation is redacted for them.
    assert entry.object_ids == str(placed_petitions["dongkinh"].citizen_id)
    assert entry.fields == "address,full_name,id_number"
    # The page itself, before a file is asked for, shows no one.
    login("canbo").get(_url("register"), {"start": "2026-03-01", "end": "2026-03-31"})
    assert not _entries(role_users["canbo"]).exists()


def test_documents_outside_the_desk_are_logged_with_their_origin(role_users, placed_petitions):
    """The API and jobs call the service without a desk page: the entry says so."""
    petition = placed_petitions["kylua"]
    document_file(DOCUMENTS["receipt"], petition, role_users["canbo"], "docx")
    entry = _entries(role_users["canbo"]).get()
    assert (entry.path, entry.ip_address) == ("print:receipt", None)
    document_file(DOCUMENTS["receipt"], petition, None, "docx")  # the system's own copy
    assert ConfidentialAccess.objects.count() == 1


def test_a_print_format_preview_prints_a_real_record_so_it_is_logged(
    login, role_users, placed_petitions
):
    from tiep_cong_dan.print_format.models import PrintFormat

    receipt = PrintFormat.objects.get(code="receipt")
    url = reverse("admin:tiep_cong_dan_printformat_preview", args=[receipt.pk])
    assert login("canbo").get(url).status_code == 200
    entry = _entries(role_users["canbo"]).get()
    latest = Petition.objects.order_by("-pk").first()  # the sample: the latest petition
    assert (entry.kind, entry.object_ids) == (PERSONAL, str(latest.citizen_id))
    assert entry.path == url

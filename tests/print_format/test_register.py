"""The reception register, form 03/TCD: the form's 13 columns word for word, one
numbered row per reception (the registration, each hearing at a held session),
redaction as today, and a query count that does not grow with its rows."""

import datetime
import io

import docx
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tiep_cong_dan.doctype.reception_session.models import AgendaItem
from tiep_cong_dan.print_format.context import register_context
from tiep_cong_dan.print_format.render import render_html
from tiep_cong_dan.print_format.service import to_format

from ..conftest import make_citizen, make_petition, new_unit
from .conftest import COMPLAINANT, DENOUNCER, pdf_text

# Decree 154/2026, appendix, form 03/TCD: the heads of its 13 columns as printed there.
FORM_03_COLUMNS = [
    "STT",
    "Ngày tiếp",
    "Họ tên, địa chỉ",
    "CCCD/CMND/Hộ chiếu",
    "Nội dung đơn",
    "Loại đơn (KN/TC/KN/PA)",
    "Số người cùng nội dung",
    "Cơ quan đã giải quyết",
    "Thuộc thẩm quyền (x)",
    "Hướng dẫn công dân đến cơ quan có thẩm quyền",
    "Cơ quan, đơn vị thụ lý",
    "Theo dõi kết quả giải quyết",
    "Ghi chú",
]
MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def test_the_columns_are_the_forms_word_for_word(notice, role_users, tmp_path):
    context = register_context(role_users["canbo"], *MARCH)
    assert [c["label"] for c in context["columns"]] == FORM_03_COLUMNS
    html = render_html("register.html", context)
    table = docx.Document(io.BytesIO(to_format(html, "docx"))).tables[-1]
    heads = [" ".join(cell.text.split()) for cell in table.rows[0].cells]
    assert heads == FORM_03_COLUMNS
    assert [cell.text for cell in table.rows[1].cells] == [str(n) for n in range(1, 14)]
    # A narrow column wraps its head (pdftotext then puts a space at the break).
    text = "".join(pdf_text(to_format(html, "pdf"), tmp_path).split())
    assert "".join("".join(FORM_03_COLUMNS).split()) in text


def test_one_numbered_row_per_reception(notice, role_users):
    """Both cases were registered on 02/03/2026 and heard at the session of
    16/03/2026: four receptions, two cases."""
    context = register_context(role_users["canbo"], *MARCH)
    rows = context["rows"]
    assert [r["stt"] for r in rows] == [1, 2, 3, 4]
    assert [r["date"] for r in rows] == ["02/03/2026", "02/03/2026", "16/03/2026", "16/03/2026"]
    assert [r["person"].split(",")[0] for r in rows] == [COMPLAINANT, DENOUNCER] * 2
    assert [r["kind"] for r in rows] == ["KN", "TC", "KN", "TC"]
    assert rows[2]["note"] == "Chủ tịch UBND tỉnh tiếp trực tiếp (phiên định kỳ)"
    assert rows[0]["note"] == "Trực tiếp tại Ban Tiếp công dân tỉnh"  # the channel
    assert context["totals"] == {"receptions": 4, "cases": 2, "people": 4}
    # The session's hearings alone: a period that begins after the registrations.
    later = register_context(
        role_users["canbo"], datetime.date(2026, 3, 10), datetime.date(2026, 3, 31)
    )
    assert [(r["stt"], r["date"]) for r in later["rows"]] == [(1, "16/03/2026"), (2, "16/03/2026")]
    # A hearing not held (or a session not held) is no reception.
    AgendaItem.objects.filter(session=notice.session).update(heard=False)
    assert len(register_context(role_users["canbo"], *MARCH)["rows"]) == 2


def test_a_denouncer_is_redacted_in_every_row_for_those_not_cleared(notice, role_users):
    rows = register_context(role_users["xa_dongkinh"], *MARCH)["rows"]
    assert len(rows) == 4
    names = " | ".join(r["person"] for r in rows)
    assert DENOUNCER not in names and names.count("thông tin được bảo mật") == 2
    assert all(r["id_number"] == "" for r in rows if "bảo mật" in r["person"])
    cleared = " | ".join(r["person"] for r in register_context(role_users["canbo"], *MARCH)["rows"])
    assert cleared.count(DENOUNCER) == 2


def _queries(user) -> int:
    with CaptureQueriesContext(connection) as queries:
        register_context(user, *MARCH)
    return len(queries)


def test_the_query_count_does_not_grow_with_rows(notice, role_users):
    for username in ("canbo", "xa_dongkinh", "so_nnmt"):
        _queries(role_users[username])  # warm what a process caches once
    before = {u: _queries(role_users[u]) for u in ("canbo", "xa_dongkinh", "so_nnmt")}
    dk = new_unit("05977")
    session = notice.session
    for n in range(4):
        petition = make_petition(dk, make_citizen(dk, f"Công dân Số {n}", f"02009000010{n}"))
        AgendaItem.objects.create(
            session=session, position=10 + n, petition=petition, mode="in_person", heard=True
        )
    assert len(register_context(role_users["canbo"], *MARCH)["rows"]) == 12
    after = {u: _queries(role_users[u]) for u in ("canbo", "xa_dongkinh", "so_nnmt")}
    assert after == before

"""The print formats the system ships: code (the template file under templates/ and the
row in the database), the name the desk shows, and what the template is given."""

CATALOG: dict[str, tuple[str, str]] = {
    "base": (
        "Khung văn bản hành chính (Nghị định 30/2020)",
        "Khổ A4, lề, phông, tiêu đề hai cột, số và ngày, chữ ký, nơi nhận, số trang, dấu "
        'DỰ THẢO. Các mẫu khác kế thừa bằng {% extends "base.html" %}. Dữ liệu: issuer_parent, '
        "issuer, number, place_date, title, subject, signature, recipients, draft, landscape.",
    ),
    "result_notice": (
        "Thông báo kết quả tiếp công dân",
        "Dữ liệu: opening, hearings (heading, summary, conclusion, assignments: agency, "
        "task, deadline), closing.",
    ),
    "reply_letter": (
        "Văn bản trả lời, hướng dẫn công dân",
        "Đơn không được đề xuất hoặc không được tiếp trực tuyến. Dữ liệu: addressee, "
        "petition (number, received, summary, kind), reason, guidance, closing.",
    ),
    "refusal_notice": (
        "Thông báo từ chối tiếp công dân (Mẫu số 01/TCD)",
        "Dữ liệu: addressee, person (name, id_number, id_issued_on, address), visit_date, "
        "kind_label, summary, ground, conclusion.",
    ),
    "receipt": (
        "Giấy biên nhận thông tin, tài liệu (Mẫu số 02/TCD)",
        "Dữ liệu: received_at, place, receiver (name, title), person (name, id_number, "
        "id_issued_on, address), items (title, note), copies.",
    ),
    "register": (
        "Sổ tiếp công dân (Mẫu số 03/TCD)",
        "Khổ A4 ngang, 13 cột. Dữ liệu: period, rows (stt, date, person, id_number, summary, "
        "kind, people, earlier, jurisdiction, guidance, handler, followup, note), totals.",
    ),
    "invitation_citizen": (
        "Giấy mời công dân",
        "Dữ liệu: addressee, session (date, weekday, time, place), case (number, summary), "
        "what_to_bring, contact.",
    ),
    "invitation_commune": (
        "Giấy mời Ủy ban nhân dân xã (điểm cầu)",
        "Dữ liệu: addressee, session (date, weekday, time), room, citizens (name, case, "
        "time), tasks, contact.",
    ),
    "invitation_agency": (
        "Giấy mời cơ quan, đơn vị liên quan",
        "Dữ liệu: addressee, session (date, weekday, time, place), cases (number, summary, "
        "point), tasks, contact.",
    ),
    "agenda": (
        "Chương trình phiên tiếp công dân",
        "Dữ liệu: session (date, weekday, time, place, presiding, kind), items (time, "
        "number, person, summary, mode, point), participants.",
    ),
    "monthly_report": (
        "Báo cáo kết quả tiếp công dân trực tuyến hằng tháng",
        "Dữ liệu: period, figures (label, value), sessions (date, kind, hearings), "
        "assignments (open, overdue), remarks.",
    ),
}

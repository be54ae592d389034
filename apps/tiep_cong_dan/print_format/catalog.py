"""The print formats the system ships: code (the template file under templates/ and the
row in the database), the name the desk shows, and the data the template is given (a
test checks that every key a context builder gives is named here)."""

CATALOG: dict[str, tuple[str, str]] = {
    "base": (
        "Khung văn bản hành chính (Nghị định 30/2020)",
        "Khổ A4, lề, phông, tiêu đề hai cột, số và ngày, chữ ký, nơi nhận, số trang, dấu "
        'DỰ THẢO. Các mẫu khác kế thừa bằng {% extends "base.html" %}. Dữ liệu: draft, '
        "landscape, form_code, issuer_parent, issuer, number, about, place_date, title, "
        "subject, addressee, signature (capacity, acting, title, name), recipients, "
        "board_name (tên Ban Tiếp công dân của tỉnh, theo hồ sơ của site).",
    ),
    "result_notice": (
        "Thông báo kết quả tiếp công dân",
        "Dữ liệu: opening, hearings (heading, summary, conclusion, assignments: agency, "
        "task, deadline), closing, extract (bản trích: chỉ các vụ việc người đọc được xem).",
    ),
    "reply_letter": (
        "Văn bản trả lời, hướng dẫn công dân",
        "Đơn không được đề xuất hoặc không được Chủ tịch đồng ý tiếp trực tuyến. Dữ liệu: "
        "paragraphs (các đoạn: căn cứ nếu có, đơn đã nhận, lý do, một hướng dẫn duy nhất: "
        "nơi công dân đến và mang theo gì, câu kết).",
    ),
    "refusal_notice": (
        "Thông báo từ chối tiếp công dân (Mẫu số 01/TCD)",
        "Dữ liệu: person (name, salutation: Ông/Bà theo giới tính, pronoun: ông/bà trong câu, "
        "called: ông/bà và họ tên, id_number, id_issued_on, id_issued_by, address), visit, "
        "place, kind_label, summary, bases (các văn bản làm căn cứ có hiệu lực vào ngày của "
        "thông báo, theo bảng căn cứ pháp lý), board_name.",
    ),
    "receipt": (
        "Giấy biên nhận thông tin, tài liệu (Mẫu số 02/TCD)",
        "Dữ liệu: received_at, place, receiver (name, title), person (name, salutation, "
        "pronoun, called, id_number, id_issued_on, id_issued_by, address), items (title, "
        "pages, condition), copies, lookup_code và lookup_address (mã tra cứu và địa chỉ trang "
        "tra cứu: chỉ có trên bản in khi cấp mã, các bản in khác để trống).",
    ),
    "register": (
        "Sổ tiếp công dân (Mẫu số 03/TCD)",
        "Khổ A4 ngang, 13 cột, mỗi lượt tiếp một dòng (lượt tiếp khi đăng ký và mỗi lần "
        "vụ việc được tiếp tại một phiên). Dữ liệu: columns (label, width: tên cột theo mẫu, "
        "độ rộng %), rows (stt, date, person, id_number, summary, kind, people, earlier, "
        "jurisdiction, guidance, handler, followup, note), totals (receptions, cases, people).",
    ),
    "invitation_citizen": (
        "Giấy mời công dân",
        "Dữ liệu: session (date, weekday, time, place, presiding, kind), time, place, "
        "online, case (number, summary), pronoun (ông/bà theo giới tính của công dân), "
        "board_name.",
    ),
    "invitation_commune": (
        "Giấy mời Ủy ban nhân dân xã (điểm cầu)",
        "Dữ liệu: session (date, weekday, time, place, presiding, kind), room, time, "
        "citizens (time, name, number, summary, point).",
    ),
    "invitation_agency": (
        "Giấy mời cơ quan, đơn vị liên quan",
        "Dữ liệu: session (date, weekday, time, place, presiding, kind), cases (time, "
        "name, number, summary, point), report_by.",
    ),
    "agenda": (
        "Chương trình phiên tiếp công dân",
        "Dữ liệu: session (date, weekday, time, place, presiding, kind), items (time, "
        "number, person, summary, mode, point), participants.",
    ),
    "monthly_report": (
        "Báo cáo kết quả tiếp công dân (tháng, quý, năm, nhiều năm)",
        "Dữ liệu: period (label, from, to), reception (tiếp công dân trực tiếp/trực tuyến), "
        "summary (các đoạn theo cách viết của Đề án), tally_columns, by_kind (label, "
        "values: theo loại phiên tiếp), year_columns, by_year (label, values: theo năm), "
        "units (name, citizens, share: công dân tiếp định kỳ theo địa bàn), special (kind, "
        "sessions, hearings, citizens, places: đột xuất, theo yêu cầu Trung ương), figures "
        "(label, value), kinds (name, hearings, share), overdue (agency, count), "
        "overrides (day, document, step, rules, who, reason: các lần vượt điều kiện của "
        "quy trình trong kỳ), "
        "chart_units, chart_trend (ảnh PNG), remarks.",
    ),
    "briefing_pack": (
        "Tài liệu phục vụ Chủ tịch UBND tỉnh tiếp công dân (theo kỳ tiếp)",
        "Mục lục có số trang, chương trình kỳ tiếp, rồi mỗi vụ việc một phần. Dữ liệu: "
        "session (date, weekday, time, place, presiding, kind), hearings (anchor, index, time, "
        "number, person, kind, received, unit, summary, mode, point, steps (date, step), "
        "earlier (các kỳ tiếp trước), briefings (agency, state, late, submitted, due, "
        "history, decisions, proposal, files, masked)).",
    ),
}

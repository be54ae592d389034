"""The pages a new site starts with, in the words of the Law on Citizen Reception 2013,
Decree 154/2026 and the province's scheme; the Board rewrites them in the desk. The
office's name and address come from the site's profile, so another province's site
starts with its own."""

from ...core.site_profile import site_profile


def default_pages() -> list[dict]:
    profile = site_profile()
    office, address = profile.reception_office, profile.reception_address
    committee = profile.committee_short
    return [
        {
            "slug": "dia-chi-thoi-gian-tiep",
            "position": 10,
            "title": "Địa chỉ và thời gian tiếp công dân",
            "summary": f"Nơi tiếp công dân của {profile.board} và thời gian tiếp thường xuyên.",
            "body": (
                f"{office}\n\nĐịa chỉ: {address}.\n\n"
                "Tiếp công dân thường xuyên: các ngày làm việc trong tuần (trừ ngày nghỉ lễ, "
                "Tết theo quy định), trong giờ hành chính:\n"
                "- Buổi sáng: từ 7 giờ 30 đến 11 giờ 30;\n"
                "- Buổi chiều: từ 13 giờ 30 đến 17 giờ.\n\n"
                f"Chủ tịch {committee} tiếp công dân định kỳ ít nhất 01 ngày trong tháng (ngày "
                "15 hằng tháng; trùng ngày nghỉ thì chuyển sang ngày làm việc tiếp theo) và "
                "tiếp đột xuất khi cần thiết. Lịch cụ thể được công bố tại mục Lịch tiếp công "
                "dân của trang này, chậm nhất 05 ngày làm việc trước ngày tiếp.\n\n"
                "Thời gian tiếp thường xuyên do Ban Tiếp công dân tỉnh thông báo; khi có thay "
                "đổi, trang này được cập nhật."
            ),
        },
        {
            "slug": "noi-quy-tiep-cong-dan",
            "position": 20,
            "title": "Nội quy tiếp công dân",
            "summary": "Quyền và nghĩa vụ của người đến khiếu nại, tố cáo, kiến nghị, phản ánh.",
            "body": (
                "Khi đến nơi tiếp công dân hoặc tham gia buổi tiếp công dân trực tuyến, "
                "công dân:\n"
                "- Xuất trình căn cước công dân hoặc giấy tờ tùy thân khác; trường hợp được ủy "
                "quyền thì xuất trình giấy ủy quyền;\n"
                "- Mặc trang phục lịch sự, có thái độ đúng mực, tôn trọng người tiếp công dân;\n"
                "- Trình bày trung thực sự việc, cung cấp thông tin, tài liệu liên quan và ký "
                "hoặc điểm chỉ xác nhận những nội dung đã trình bày;\n"
                "- Không gây rối trật tự, không xúc phạm, đe dọa người tiếp công dân hoặc "
                "người khác; không mang vũ khí, chất dễ cháy, nổ vào nơi tiếp công dân;\n"
                "- Trường hợp nhiều người cùng khiếu nại, tố cáo, kiến nghị, phản ánh về một "
                "nội dung thì cử người đại diện: từ 5 đến 10 người cử 1 hoặc 2 người; trên 10 "
                "người có thể cử thêm nhưng không quá 5 người;\n"
                "- Chấp hành hướng dẫn của người tiếp công dân và cán bộ phụ trách điểm cầu.\n\n"
                "Khi tham gia tiếp công dân trực tuyến: luôn mở camera; chỉ bật micro khi được "
                "mời phát biểu; không gây tạp âm làm ảnh hưởng đến buổi tiếp (Nghị định "
                "154/2026/NĐ-CP, Điều 21).\n\n"
                "Người tiếp công dân có quyền từ chối tiếp người trong tình trạng say do dùng "
                "chất kích thích, người mắc bệnh tâm thần hoặc bệnh khác làm mất khả năng "
                "nhận thức, người có hành vi đe dọa, xúc phạm, gây rối, và người khiếu nại, tố "
                "cáo về vụ việc đã được giải quyết đúng chính sách, pháp luật (Luật Tiếp công "
                "dân 2013, Điều 9)."
            ),
        },
        {
            "slug": "can-chuan-bi-gi",
            "position": 30,
            "title": "Công dân cần chuẩn bị gì",
            "summary": "Giấy tờ mang theo khi đến tiếp công dân hoặc tham gia tiếp trực tuyến.",
            "body": (
                "Khi đến tiếp công dân (trực tiếp hoặc tại phòng họp trực tuyến của Ủy ban nhân "
                "dân cấp xã), công dân mang theo:\n"
                "- Căn cước công dân (CCCD) hoặc giấy tờ tùy thân có ảnh còn giá trị;\n"
                "- Đơn khiếu nại, tố cáo, kiến nghị, phản ánh (nếu có), ghi rõ họ tên, địa chỉ, "
                "nội dung sự việc;\n"
                "- Các giấy tờ, tài liệu liên quan đến vụ việc (quyết định, văn bản trả lời, "
                "biên bản, giấy chứng nhận…), bản sao hoặc bản chụp; bản chính để đối chiếu "
                "khi được yêu cầu;\n"
                "- Giấy ủy quyền hoặc văn bản cử người đại diện, nếu đi thay người khác hoặc đại "
                "diện cho nhiều người;\n"
                "- Giấy mời hoặc thông báo của Ban Tiếp công dân tỉnh, nếu đã được mời.\n\n"
                "Khi nhận tài liệu, người tiếp công dân lập Giấy biên nhận thông tin, tài liệu "
                "và giao cho công dân một bản."
            ),
        },
        {
            "slug": "quy-trinh-xu-ly",
            "position": 40,
            "title": "Vụ việc được xử lý như thế nào",
            "summary": "Từ khi tiếp nhận đến khi có thông báo kết quả.",
            "body": (
                "1. Tiếp nhận: Ban Tiếp công dân tỉnh tiếp nhận đơn, ghi vào sổ tiếp công dân "
                "và cấp giấy biên nhận tài liệu.\n"
                "2. Phân loại, xử lý: vụ việc được phân loại (khiếu nại, tố cáo, kiến nghị, "
                "phản ánh) và xác định thẩm quyền giải quyết. Trong thời hạn 10 ngày làm việc, "
                "công dân được thông báo vụ việc được thụ lý, chuyển đến cơ quan có thẩm quyền "
                "hoặc được hướng dẫn.\n"
                "3. Đăng ký gặp Chủ tịch: vụ việc thuộc thẩm quyền được xếp vào danh sách tiếp "
                "theo thứ tự đăng ký; người chưa được tiếp trong kỳ được giữ thứ tự ở kỳ sau.\n"
                "4. Thông báo lịch tiếp: chậm nhất 05 ngày làm việc trước ngày tiếp, công dân và "
                "các cơ quan liên quan được thông báo thời gian, địa điểm.\n"
                "5. Buổi tiếp: Chủ tịch nghe công dân trình bày, các cơ quan báo cáo, và kết "
                "luận.\n"
                "6. Thông báo kết quả: kết luận được gửi cho công dân và các cơ quan được giao "
                "xử lý; việc thực hiện được theo dõi đến khi hoàn thành.\n\n"
                "Trường hợp vụ việc không được đề xuất tiếp trực tuyến, công dân nhận văn bản "
                "trả lời nêu rõ lý do."
            ),
        },
        {
            "slug": "tiep-cong-dan-truc-tuyen",
            "position": 50,
            "title": "Tiếp công dân trực tuyến là gì",
            "summary": "Gặp Chủ tịch tỉnh ngay tại phòng họp trực tuyến của xã, phường nơi cư trú.",
            "body": (
                f"Chủ tịch {committee} ngồi tại điểm cầu trung tâm; công dân ngồi tại phòng họp "
                "trực tuyến của Ủy ban nhân dân xã, phường nơi mình cư trú, cùng lãnh đạo Ủy ban "
                "nhân dân cấp xã; các sở, ngành liên quan tham gia từ điểm cầu của mình. Công "
                "dân không phải đi xa, vẫn được trình bày trực tiếp với Chủ tịch.\n\n"
                "Ai có thể được tiếp trực tuyến:\n"
                "- Vụ việc phức tạp, kéo dài, cần nhiều cơ quan cùng giải quyết;\n"
                "- Người ở vùng sâu, vùng xa, đối tượng chính sách, người già yếu, người khuyết "
                "tật có nguyện vọng tiếp trực tuyến;\n"
                "- Khi thiên tai, dịch bệnh hoặc lý do an ninh làm việc tiếp trực tiếp khó khăn;\n"
                "- Vụ việc tố cáo mà người tố cáo không yêu cầu bảo vệ danh tính.\n\n"
                "Buổi tiếp trực tuyến định kỳ diễn ra buổi chiều, từ 14 giờ đến 17 giờ. Nếu kỳ "
                "tiếp không có công dân đăng ký tiếp trực tuyến, Chủ tịch tiếp trực tiếp tại "
                f"{office}.\n\n"
                "Buổi tiếp trực tuyến được ghi âm, ghi hình và lưu trữ trên hệ thống của cơ quan "
                "nhà nước theo quy định (Nghị định 154/2026/NĐ-CP, Điều 24)."
            ),
        },
    ]

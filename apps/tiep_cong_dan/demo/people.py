"""Vietnamese names and places for demo citizens (common surnames and given names)."""

SURNAMES = [
    "Hoàng",
    "Nông",
    "Lương",
    "Vi",
    "Lăng",
    "Hà",
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Lý",
    "Đinh",
    "Chu",
    "Mã",
    "La",
    "Lục",
    "Triệu",
    "Hứa",
    "Bế",
    "Đàm",
    "Vy",
    "Dương",
]
MIDDLE_MALE = ["Văn", "Đức", "Quang", "Minh", "Thanh", "Hữu", "Tiến"]
MIDDLE_FEMALE = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh"]
GIVEN_MALE = [
    "Hùng",
    "Dũng",
    "Thắng",
    "Cường",
    "Tuấn",
    "Long",
    "Sơn",
    "Hải",
    "Nam",
    "Phúc",
    "Kiên",
    "Toàn",
    "Bình",
    "Chiến",
    "Quyết",
    "Vượng",
    "Lâm",
    "Định",
]
GIVEN_FEMALE = [
    "Lan",
    "Hoa",
    "Hương",
    "Mai",
    "Nga",
    "Thảo",
    "Hằng",
    "Liên",
    "Nhung",
    "Phương",
    "Tuyết",
    "Yến",
    "Duyên",
    "Hạnh",
]
VILLAGES = [
    "thôn Nà Làng",
    "thôn Khòn Pát",
    "thôn Bản Cầu",
    "thôn Pò Nhùng",
    "thôn Nà Pàn",
    "khối 3",
    "khối 5",
    "thôn Còn Quan",
    "thôn Kéo Coóc",
    "thôn Nà Thâm",
    "khối Lộc Bình",
    "thôn Pác Cáp",
    "thôn Bản Chặng",
    "thôn Tà Lài",
]

# What the province's citizens bring to the Chairman, by kind.
SUBJECTS = {
    "complaint": [
        (
            "Khiếu nại quyết định thu hồi đất",
            "Khiếu nại Quyết định thu hồi {area} m² đất nông "
            "nghiệp của gia đình để thực hiện dự án {project}, đề nghị xem xét lại giá bồi thường.",
        ),
        (
            "Khiếu nại về bồi thường, hỗ trợ tái định cư",
            "Khiếu nại phương án bồi thường, hỗ trợ "
            "khi Nhà nước thu hồi đất thực hiện dự án {project}; chưa được bố trí tái định cư.",
        ),
        (
            "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
            "Khiếu nại việc cấp giấy chứng "
            "nhận quyền sử dụng đất chồng lấn lên thửa đất gia đình "
            "đã sử dụng ổn định từ năm 1990.",
        ),
    ],
    "denunciation": [
        (
            "Tố cáo cán bộ địa chính xã",
            "Tố cáo cán bộ địa chính có hành vi sách nhiễu khi làm "
            "thủ tục chuyển nhượng quyền sử dụng đất.",
        ),
        (
            "Tố cáo sai phạm trong quản lý đất công",
            "Tố cáo việc giao đất công ích trái quy định tại thôn, đề nghị làm rõ trách nhiệm.",
        ),
    ],
    "recommendation": [
        (
            "Kiến nghị giải quyết tranh chấp đất đai",
            "Kiến nghị UBND tỉnh chỉ đạo giải quyết dứt "
            "điểm tranh chấp ranh giới đất rừng giữa hai thôn.",
        ),
        (
            "Kiến nghị về chế độ chính sách",
            "Kiến nghị được hưởng chế độ chính sách đối với người "
            "có công với cách mạng theo quy định.",
        ),
        (
            "Kiến nghị cấp giấy chứng nhận quyền sử dụng đất",
            "Kiến nghị được cấp giấy chứng nhận "
            "quyền sử dụng đất đối với diện tích {area} m² gia đình khai hoang từ trước năm 1993.",
        ),
    ],
    "feedback": [
        (
            "Phản ánh ô nhiễm môi trường",
            "Phản ánh cơ sở sản xuất gây ô nhiễm nguồn nước sinh hoạt của nhân dân trong thôn.",
        ),
        (
            "Phản ánh chất lượng công trình",
            "Phản ánh công trình đường giao thông nông thôn "
            "xuống cấp sau khi bàn giao chưa đầy một năm.",
        ),
    ],
}
PROJECTS = [
    "Khu đô thị Phú Lộc IV",
    "đường cao tốc Đồng Đăng – Trà Lĩnh",
    "Khu công nghiệp Đồng Bành",
    "đường Hữu Nghị kéo dài",
    "Khu tái định cư Nam Thành phố",
    "hồ chứa nước Bản Lải",
    "cao tốc Hữu Nghị – Chi Lăng",
]
CONCLUSIONS = [
    "Giao {agency} chủ trì, phối hợp kiểm tra, rà soát nội dung công dân trình bày, báo cáo "
    "Chủ tịch UBND tỉnh kết quả.",
    "Giao {agency} xem xét, giải quyết theo thẩm quyền, trả lời công dân bằng văn bản.",
    "Đề nghị công dân thực hiện theo hướng dẫn; giao {agency} tổ chức đối thoại với công dân.",
]

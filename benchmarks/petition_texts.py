"""Petition texts as varied as a province's: a subject told one of two ways about a
hamlet, a project, a person and a land parcel drawn from lists, so that the text
similarity of related cases (doctype/petition/related.py) meets what it meets in life
(many land complaints alike in their words, few about one matter), not one sentence
repeated a million times."""

import random

HAMLETS = [
    f"{a} {b}"
    for a in "Nà Khuổi Bản Pò Pác Lũng Khau Cốc Phai Kéo Nặm Tà".split()
    for b in (
        "Pàn Mạ Chắt Mã Cạn Phạ Vài Củng Tẩu Lầu Quắc Piền Nọi Hin Luồng Lùng Sái Khí Lừa "
        "Hẳng Cút Mò Phiêng Dạ Sâu Nhùng Chu Dài Tềnh Hẩu Slằng Pha Rọ Mu Lạn Bó Nưa"
    ).split()
]
PROJECTS = (
    "Khu dân cư Phai Vệ mở rộng|Trạm biến áp Đồng Mỏ|Đường tỉnh 229|Chợ trung tâm Na Dương|"
    "Hồ thủy lợi Khuổi Áng|Nhà máy xi măng Hồng Phong|Khu công nghiệp Hữu Lũng|"
    "Đường nối Quốc lộ 4B|Cầu treo Bản Hẳng|Bãi rác Tân Lang|Mỏ đá Lũng Cút|"
    "Trường mầm non Pác Khuông|Thủy điện Bắc Khê|Khu tái định cư Mai Pha|"
    "Nghĩa trang Yên Trạch|Đường vành đai Kỳ Lừa|Trại lợn Tân Thành|Xưởng gỗ Vân Nham|"
    "Khu du lịch Mẫu Sơn|Kênh mương Bình Độ|Cao tốc Đồng Đăng Trà Lĩnh|Khu đô thị Phú Lộc"
).split("|")
PEOPLE = (
    "trưởng thôn|cán bộ địa chính|chủ thầu|hộ liền kề|hộ giáp ranh|chủ cơ sở|chủ trang trại|"
    "kế toán xã|công ty xây dựng|hợp tác xã"
).split("|")
SUBJECTS = [
    (
        "Khiếu nại quyết định thu hồi đất",
        "Khiếu nại Quyết định thu hồi {area} m² đất nông nghiệp tại thôn {hamlet}, thửa "
        "đất số {plot} tờ bản đồ số {sheet}, để thực hiện dự án {project}; đề nghị xem "
        "xét lại giá bồi thường.",
    ),
    (
        "Khiếu nại về bồi thường, hỗ trợ tái định cư",
        "Khiếu nại phương án bồi thường, hỗ trợ khi thu hồi đất ở thôn {hamlet} cho dự án "
        "{project}; chưa được bố trí tái định cư, {person} không giải quyết.",
    ),
    (
        "Tranh chấp ranh giới đất",
        "Kiến nghị giải quyết tranh chấp ranh giới thửa đất số {plot}, tờ bản đồ số {sheet} "
        "tại thôn {hamlet} với {person} lấn chiếm khoảng {area} m².",
    ),
    (
        "Phản ánh ô nhiễm môi trường",
        "Phản ánh {project} xả thải gây ô nhiễm nguồn nước sinh hoạt ở thôn {hamlet}; "
        "{person} đã được báo nhưng không xử lý.",
    ),
    (
        "Khiếu nại cấp giấy chứng nhận quyền sử dụng đất",
        "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất thửa số {plot}, tờ bản đồ số "
        "{sheet} tại thôn {hamlet} cho {person} chồng lấn lên đất gia đình.",
    ),
    (
        "Tố cáo cán bộ",
        "Tố cáo {person} thôn {hamlet} có hành vi sách nhiễu khi làm thủ tục liên quan dự "
        "án {project}.",
    ),
]


def petition_text(rnd: random.Random) -> tuple[str, str]:
    """(summary, content) of one petition."""
    summary, content = rnd.choice(SUBJECTS)
    return summary, content.format(
        hamlet=rnd.choice(HAMLETS),
        project=rnd.choice(PROJECTS),
        person=rnd.choice(PEOPLE),
        plot=rnd.randint(1, 999),
        sheet=rnd.randint(1, 80),
        area=rnd.randint(80, 3000),
    )

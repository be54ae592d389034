"""The default schedules of the jobs, loaded by `load_master_data` as
django-celery-beat rows: administrators change times or switch a job off in the desk
("Lịch chạy tác vụ"); a schedule edited there is kept."""

from django.db import transaction

# name -> (task, minute, hour, day of month, description)
DEFAULTS = {
    "Nhắc hạn thông báo thụ lý (Điều 28 Luật Tiếp công dân)": (
        "tcd.acceptance_deadlines",
        "0",
        "7",
        "*",
        "Mỗi sáng: đơn sắp đến hoặc đã quá hạn 10 ngày làm việc thông báo thụ lý.",
    ),
    "Nhắc hạn Thông báo từ chối tiếp công dân (Điều 4 Nghị định 154)": (
        "tcd.refusal_notice_deadlines",
        "5",
        "7",
        "*",
        "Mỗi sáng: Thông báo từ chối (Mẫu 01/TCD) đến hạn hoặc đã quá hạn 03 ngày làm việc "
        "kể từ ngày từ chối.",
    ),
    "Nhắc mốc thời gian phiên tiếp (Điều 23 Nghị định 154)": (
        "tcd.session_timeline",
        "30",
        "7,12",
        "*",
        "Giấy mời trước 5 ngày làm việc, kiểm tra kết nối trước 1 ngày làm việc, kết nối "
        "trước 1 giờ trong ngày tiếp.",
    ),
    "Nhắc hạn và báo quá hạn nhiệm vụ": (
        "tcd.assignment_deadlines",
        "0",
        "8",
        "*",
        "Nhắc cơ quan trước 3 ngày làm việc; quá hạn báo cơ quan và Ban Tiếp công dân.",
    ),
    "Nhắc hạn và báo chậm nộp hồ sơ vụ việc của cơ quan": (
        "tcd.dossier_deadlines",
        "10",
        "8",
        "*",
        "Nhắc cơ quan trước 1 ngày làm việc hạn nộp hồ sơ vụ việc cho kỳ tiếp; quá hạn báo "
        "cơ quan, Trưởng Ban Tiếp công dân và gửi thư đến thủ trưởng cơ quan.",
    ),
    "Dự thảo báo cáo tháng": (
        "tcd.monthly_report",
        "0",
        "7",
        "2",
        "Ngày 02 hằng tháng: dự thảo báo cáo tháng trước và báo Ban Tiếp công dân.",
    ),
    "Kiểm tra toàn vẹn dữ liệu hằng đêm": (
        "tcd.integrity_check",
        "0",
        "2",
        "*",
        "Trạng thái hồ sơ khớp nhật ký xử lý, tệp văn bản đã ban hành còn nguyên, sổ số "
        "văn bản không lùi, bản ghi âm, ghi hình buổi tiếp còn đủ và đúng mã băm.",
    ),
    "Dựng lại số liệu thống kê theo tháng hằng đêm": (
        "tcd.rebuild_figures",
        "30",
        "2",
        "*",
        "Mỗi đêm: đếm lại số liệu báo cáo theo tháng và đơn vị hành chính từ đơn và nhật ký "
        "xử lý (các bước xử lý cập nhật ngay trong ngày; việc này sửa dữ liệu ghi bằng cách "
        "khác).",
    ),
    "Phát hiện vụ việc đông người, phức tạp (Điều 27 Nghị định 154)": (
        "tcd.scan_clusters",
        "20",
        "*",
        "*",
        "Mỗi giờ: nhóm các đơn cùng địa bàn, nội dung tương tự theo quy tắc của Trưởng Ban; "
        "vụ việc kéo dài, tiếp nhiều lần; báo Trưởng Ban khi có vụ việc mới.",
    ),
    "Ẩn danh dữ liệu cá nhân hết thời hạn lưu giữ": (
        "tcd.apply_retention",
        "0",
        "3",
        "*",
        "Mỗi đêm: ẩn danh dữ liệu cá nhân của công dân có mọi vụ việc đã kết thúc quá "
        "TCD_RETENTION_YEARS năm (mặc định 10); số liệu thống kê và nhật ký xử lý giữ nguyên.",
    ),
    "Xóa tệp nhập dữ liệu đã xong hoặc quá một ngày": (
        "tcd.purge_import_files",
        "15",
        "*",
        "*",
        "Mỗi giờ: xóa tệp Excel đã tải lên để nhập khi việc nhập đã xong, đã hủy, có lỗi "
        "hoặc quá một ngày (tệp chứa dữ liệu cá nhân); gửi lại việc nhập còn chờ hàng đợi.",
    ),
    "Thực hiện việc còn chờ sau các bước xử lý": (
        "tcd.outbox_sweep",
        "*",
        "*",
        "*",
        "Mỗi phút: gửi thông báo, thư, hệ quả của bước xử lý và việc phòng họp trực tuyến "
        "còn chờ (hàng đợi tác vụ từng gián đoạn hoặc lần thử trước lỗi), thử lại giãn dần.",
    ),
}


@transaction.atomic
def load_schedules() -> list[str]:
    from django.conf import settings
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    written = []
    for name, (task, minute, hour, day, description) in DEFAULTS.items():
        if PeriodicTask.objects.filter(name=name).exists():
            continue  # kept as the administrators left it
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_month=day,
            month_of_year="*",
            day_of_week="*",
            timezone=settings.CELERY_TIMEZONE,
        )
        PeriodicTask.objects.create(name=name, task=task, crontab=crontab, description=description)
        written.append(name)
    return written

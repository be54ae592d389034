"""Documents made in the background, kept for their requester under
MEDIA_ROOT/exports/<job id>.<format> (the job's result names the file, the user and
the record; jobs/files.py serves it)."""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from .documents import DOCUMENTS
from .service import document_file

# A report longer than this is made in the background with its progress shown.
LONG_REPORT_DAYS = 92


def is_long(spec, obj) -> bool:
    if spec.background:
        return True
    period = getattr(obj, "period", None)
    return period is not None and (period.end - period.start).days > LONG_REPORT_DAYS


def render_export(code: str, pk: int, user_id: int, fmt: str, job_id: str, progress) -> dict:
    spec = DOCUMENTS[code]
    obj = spec.model._default_manager.get(pk=pk)
    user = get_user_model().objects.get(pk=user_id)
    if not spec.visible(user, obj):
        raise PermissionError("the requester may not read this document")
    progress("Đang tính số liệu và dựng văn bản", 1, 2)
    data = document_file(spec, obj, user, fmt)
    progress("Đang lưu tệp", 2, 2)
    path = default_storage.save(f"exports/{job_id}.{fmt}", ContentFile(data))
    return {
        "path": path,
        "user_id": user_id,
        "name": f"{spec.filename(obj)}.{fmt}",
        "fmt": fmt,
        # The record whose rule is asked again when the file is downloaded (jobs/files.py).
        "code": code,
        "object_id": pk,
    }

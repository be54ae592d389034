"""Documents made in the background (MEDIA_ROOT/exports/<job id>.<format>) go to the
user who asked for them only, and only while the document's rule still lets them see
the record; the download is logged as the document's read."""

import json

from django.http import HttpRequest

from ..core.files import ServedFile, register_file_owner
from ..print_format.documents import DOCUMENTS
from ..print_format.service import CONTENT_TYPES, log_document_read

FOLDER = "exports"


def finished_job(job_id: str) -> dict | None:
    """The result of a finished background job, or None while it runs (or failed)."""
    from celery.result import AsyncResult
    from django_celery_results.models import TaskResult

    row = TaskResult.objects.filter(task_id=job_id, status="SUCCESS").first()
    if row is not None:
        result = json.loads(row.result or "null")
    else:
        job = AsyncResult(job_id)
        result = job.result if job.state == "SUCCESS" else None
    return result if isinstance(result, dict) else None


def export_file_for(request: HttpRequest, name: str) -> ServedFile | None:
    job_id = name.split("/", 1)[1].rsplit(".", 1)[0]
    result = finished_job(job_id)
    user = request.user
    if result is None or result.get("path") != name or result.get("user_id") != user.pk:
        return None
    spec = DOCUMENTS.get(result.get("code", ""))
    obj = spec.model._default_manager.filter(pk=result.get("object_id")).first() if spec else None
    if obj is None or not spec.visible(user, obj):
        return None
    return ServedFile(
        name=name,
        download_name=result["name"],
        content_type=CONTENT_TYPES.get(result.get("fmt", ""), "application/octet-stream"),
        log=lambda: log_document_read(spec, [obj], user, request=request),
    )


register_file_owner(FOLDER, export_file_for)

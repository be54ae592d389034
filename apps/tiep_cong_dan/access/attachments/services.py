"""Attaching files to a document and removing them: the only writes of attachments,
each asking the document's rule."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, QuerySet

from ..rules import rule_for
from .models import Attachment


def attachments_of(document: Model) -> QuerySet:
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(type(document)), object_id=document.pk
    ).select_related("uploaded_by")


def document_of(attachment: Attachment) -> Model | None:
    model = attachment.content_type.model_class()
    return model._default_manager.filter(pk=attachment.object_id).first() if model else None


@transaction.atomic
def attach_file(document: Model, *, title: str, file, by) -> Attachment:
    """Attach `file` to `document` for `by`, if the document's rule lets them. The file
    is checked (core/uploads.py) by the model's validation before anything is stored."""
    if not rule_for(type(document)).may_attach(by, document):
        raise PermissionDenied
    attachment = Attachment(document=document, title=title, file=file, uploaded_by=by)
    attachment.full_clean()
    attachment._history_user = by
    attachment.save()
    return attachment


def is_editor(user, document: Model) -> bool:
    """Whether `user` removes anyone's files on `document` (the document's rule)."""
    return rule_for(type(document)).may_remove_attachments(user, document)


def may_remove(user, attachment: Attachment, document: Model) -> bool:
    """The uploader while they may attach; the document's editors whoever uploaded it."""
    if not rule_for(type(document)).may_attach(user, document):
        return False
    return attachment.uploaded_by_id == getattr(user, "pk", None) or is_editor(user, document)


@transaction.atomic
def remove_attachment(attachment: Attachment, *, by) -> None:
    """Remove the file from its document (its row kept in the change history); the
    stored bytes go with it."""
    document = document_of(attachment)
    if document is None or not may_remove(by, attachment, document):
        raise PermissionDenied
    name = attachment.file.name
    attachment._history_user = by
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.storage.delete(name))

"""A record's attached files in the API, the same rules as its desk page:
`.../{id}/attachments/` lists them (GET) and takes one (POST, multipart `title` and
`file`), `.../{id}/attachments/{file}/` removes one (DELETE) and
`.../{id}/attachments/{file}/download/` hands it out through core/files.py, the
resolver the desk's `/desk/files/` asks, so the record's rule decides and a cleared
reader's download is logged exactly as there.

Files live where the type keeps them (`FileStore`): the one table of access/attachments
for every type whose rule declares `attachments`; a petition's own papers, which its
receipt 02/TCD lists, through `PetitionPapers` (api/resources/petitions.py)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from ..access.attachments.services import attach_file, attachments_of, is_editor, may_remove
from ..access.attachments.services import remove_attachment as remove_generic
from ..access.rules import rule_for
from ..core.files import owners, protected_response
from ..core.typed import GENERAL, errors_by_field
from .errors import MESSAGES
from .fields import PlainTextField


class FileStore:
    """Where a type keeps its files and who may do what with them: by default the one
    table of access/attachments, asking the type's rule."""

    def may_read(self, user, doc: Model) -> bool:
        rule = rule_for(type(doc))
        return rule.attachments and rule.may_read_attachments(user, doc)

    def may_attach(self, user, doc: Model) -> bool:
        return rule_for(type(doc)).may_attach(user, doc)

    def may_remove(self, user, row, doc: Model) -> bool:
        return may_remove(user, row, doc)

    def removable(self, user, doc: Model):
        """`may_remove` for each row of one list, the rule asked once for all of them:
        the uploader while they may attach, the record's editors whoever uploaded it."""
        attaching = self.may_attach(user, doc)
        editor = attaching and is_editor(user, doc)
        return lambda row: attaching and (editor or row.uploaded_by_id == user.pk)

    def rows(self, doc: Model) -> QuerySet:
        return attachments_of(doc).order_by("uploaded_at", "pk")

    def attach(self, doc: Model, *, title: str, file, by):
        return attach_file(doc, title=title, file=file, by=by)

    def remove(self, row, *, by) -> None:
        remove_generic(row, by=by)


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    title = serializers.CharField(read_only=True)
    original_name = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True, help_text="bytes")
    uploaded_by = serializers.CharField(
        source="uploaded_by.username", read_only=True, default=None, allow_null=True
    )
    uploaded_at = serializers.DateTimeField(read_only=True)
    download = serializers.SerializerMethodField(help_text="the file, through the record's rule")
    may_remove = serializers.SerializerMethodField()

    def get_download(self, row) -> str:
        return self.context["download_url"](row)

    def get_may_remove(self, row) -> bool:
        return self.context["may_remove"](row)


class UploadSerializer(serializers.Serializer):
    title = PlainTextField(max_length=200)
    file = serializers.FileField(
        help_text="PDF, JPG, PNG, DOC, DOCX or XLSX, checked by its content (core/uploads.py)"
    )


ATTACHMENT_ID = OpenApiParameter("attachment_id", OpenApiTypes.INT, OpenApiParameter.PATH)


def _upload_refused(exc: ValidationError) -> Response:
    """400 with each field's errors; 413 when the file is over the limit."""
    errors = errors_by_field(exc)
    if GENERAL in errors:
        errors["non_field_errors"] = errors.pop(GENERAL)
    codes = {e.code for e in getattr(exc, "error_dict", {}).get("file", [])}
    too_large = "file_too_large" in codes
    body = {
        "code": "file_too_large" if too_large else "invalid",
        "message": errors["file"][0] if too_large else MESSAGES["invalid"],
        "errors": errors,
    }
    return Response(
        body,
        status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE if too_large else 400,
    )


class AttachmentsEndpoints:
    """Mixed into every resource's viewset (api/base.py RuleViewSet)."""

    file_store: FileStore = FileStore()

    def _files_of(self, request, pk):
        doc = self.get_object()  # the rule's rows: 404 outside them
        if not self.file_store.may_read(request.user, doc):
            raise NotFound()  # this record's files are not for this reader at all
        return doc

    def _row(self, doc, attachment_id):
        row = self.file_store.rows(doc).filter(pk=attachment_id).first()
        if row is None:
            raise NotFound()
        return row

    def _listed(self, request, doc, rows) -> list[dict]:
        basename = self.basename
        user = request.user

        def download_url(row) -> str:
            return reverse(f"{basename}-attachment-download", args=[doc.pk, row.pk])

        context = {
            "request": request,
            "download_url": download_url,
            "may_remove": self.file_store.removable(user, doc),
        }
        return AttachmentSerializer(rows, many=True, context=context).data

    @extend_schema(
        methods=["GET"], filters=False, request=None, responses=AttachmentSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"],
        filters=False,
        request={"multipart/form-data": UploadSerializer},
        responses={201: AttachmentSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, url_name="attachments")
    def attachments(self, request, pk=None):
        """The files attached to the record (GET) or a new one (POST, multipart)."""
        doc = self._files_of(request, pk)
        if request.method == "GET":
            return Response(self._listed(request, doc, self.file_store.rows(doc)))
        if not self.file_store.may_attach(request.user, doc):
            raise PermissionDenied()
        data = UploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            with translation.override("vi"):
                row = self.file_store.attach(
                    doc,
                    title=data.validated_data["title"],
                    file=data.validated_data["file"],
                    by=request.user,
                )
        except DjangoPermissionDenied as exc:
            raise PermissionDenied() from exc
        except ValidationError as exc:
            with translation.override("vi"):
                return _upload_refused(exc)
        return Response(self._listed(request, doc, [row])[0], status=status.HTTP_201_CREATED)

    @extend_schema(filters=False, parameters=[ATTACHMENT_ID], request=None, responses={204: None})
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"attachments/(?P<attachment_id>[0-9]{1,18})",
        url_name="attachment",
    )
    def remove_attachment(self, request, pk=None, attachment_id=None):
        """Remove a file: its uploader while they may attach, the record's editors."""
        doc = self._files_of(request, pk)
        row = self._row(doc, attachment_id)
        if not self.file_store.may_remove(request.user, row, doc):
            raise PermissionDenied()
        try:
            self.file_store.remove(row, by=request.user)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied() from exc
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        filters=False,
        parameters=[ATTACHMENT_ID],
        request=None,
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"attachments/(?P<attachment_id>[0-9]{1,18})/download",
        url_name="attachment-download",
    )
    def download_attachment(self, request, pk=None, attachment_id=None):
        """The file, as `/desk/files/` hands it out: the record's rule asked again by
        the file's owner, a cleared reader's download logged."""
        doc = self._files_of(request, pk)
        name = self._row(doc, attachment_id).file.name
        resolver = owners().get(name.split("/", 1)[0])
        served = resolver(request, name) if resolver is not None else None
        if served is None:
            raise NotFound()
        response = protected_response(served)
        if served.log is not None:
            served.log()
        return response

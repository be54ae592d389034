"""The documents a viewer gets: drafts rendered fresh, issued ones frozen on first
render (file and hash stored) and returned as stored afterwards."""

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from ..access.rules import rule_for
from ..doctype.petition.models import Petition
from .context import result_notice_context
from .docx import result_notice_docx
from .models import IssuedDocument
from .render import render_html, render_pdf


def _variant(notice, user) -> str:
    rule = rule_for(Petition)
    if user is None:
        return "full"
    petitions = [c.petition for c in notice.conclusions.select_related("petition")]
    return "full" if all(rule.identity_visible(user, p) for p in petitions) else "redacted"


def _render(notice, user, fmt: str) -> bytes:
    context = result_notice_context(notice, user)
    if fmt == "pdf":
        return render_pdf(render_html("result_notice.html", context))
    return result_notice_docx(context)


def result_notice_file(notice, user, fmt: str) -> bytes:
    """The notice as `fmt` ("pdf" or "docx") in the copy `user` may read."""
    if notice.state not in ("issued", "distributed"):
        return _render(notice, user, fmt)
    variant = _variant(notice, user)
    key = {"doctype": "result_notice", "object_id": notice.pk, "variant": variant, "fmt": fmt}
    stored = IssuedDocument.objects.filter(**key).first()
    if stored is not None:
        with stored.file.open("rb") as fh:
            return fh.read()
    data = _render(notice, user, fmt)
    name = f"{(notice.number or str(notice.pk)).replace('/', '-')}-{variant}.{fmt}"
    try:
        with transaction.atomic():
            doc = IssuedDocument(**key, sha256=hashlib.sha256(data).hexdigest())
            doc.file.save(name, ContentFile(data), save=False)
            doc.save()
    except IntegrityError:  # another reader froze it a moment earlier: theirs stands
        stored = IssuedDocument.objects.get(**key)
        with stored.file.open("rb") as fh:
            return fh.read()
    return data

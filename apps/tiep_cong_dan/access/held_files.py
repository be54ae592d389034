"""The desk's file inputs: a file chosen on a form refused for another reason is
kept (core/held_uploads.py) and offered again, and the browser refuses a file over
the limit before sending it, showing the upload's progress (static js/uploads.js).

Every file field of a desk form (RuleAdmin, RuleInlineMixin) gets this widget from
`formfield_for_dbfield`, with the user it holds files for; `hold_refused_uploads`
holds the files of a refused form before it is shown again, and `release_saved`
deletes them once the form saved."""

from django.conf import settings
from django.forms import ClearableFileInput
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from unfold.widgets import UnfoldAdminFileFieldWidget

from ..core import held_uploads

UPLOAD_SCRIPT = "tiep_cong_dan/js/uploads.js"


def size_limit_attrs(max_bytes: int) -> dict[str, str]:
    """What uploads.js reads from a file input: the limit and the message, in the
    user's language, with {name} and {size} filled in by the browser."""
    limit = number_format(max_bytes / 1048576, 0, use_l10n=True)
    return {
        "data-max-bytes": str(max_bytes),
        "data-too-large": _(
            "%(name)s is {size} MB; the limit is %(limit)s MB. Choose a smaller file "
            "(scan at a lower resolution, or split it)."
        )
        % {"name": "{name}", "limit": limit},
    }


class HeldFileInput(UnfoldAdminFileFieldWidget):
    template_name = "tiep_cong_dan/widgets/held_file.html"

    def __init__(self, attrs=None, *, owner_id: int | None = None, max_bytes: int | None = None):
        self.owner_id = owner_id
        self.max_bytes = max_bytes or settings.TCD_MAX_ATTACHMENT_BYTES
        super().__init__(attrs)

    class Media:
        js = [UPLOAD_SCRIPT]

    # The file this form holds (its widget is the form's own copy): a file input never
    # shows its value again (FileField.bound_data), so the widget remembers it.
    held = None

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        if upload is None:  # nothing chosen this time: the file held last time, if any
            token = data.get(held_uploads.token_field(name), "")
            if self.held is None or self.held.held_token != token:
                self.held = held_uploads.take(token, self.owner_id)
            return self.held
        return upload

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {}), **size_limit_attrs(self.max_bytes)}
        context = super().get_context(name, value, attrs)
        held = self.held
        context["widget"]["held"] = (
            {
                "token": held.held_token,
                "field": held_uploads.token_field(name),
                "name": held.name,
                "size": number_format((held.size or 0) / 1048576, 1, use_l10n=True),
            }
            if held is not None
            else None
        )
        return context


def _file_fields(form):
    for name, field in form.fields.items():
        if isinstance(field.widget, HeldFileInput):
            yield name, field


def hold_refused_uploads(forms, owner_id: int) -> None:
    """Before a refused form is shown again: hold each file chosen in it that passed
    its own checks, so the page can carry its token."""
    for form in forms:
        if not form.is_bound:
            continue
        for name, field in _file_fields(form):
            upload = form.files.get(form.add_prefix(name))
            if upload is None or name in form.errors:
                continue
            held = held_uploads.hold(upload, owner_id)
            if held is not None:
                upload.held_token = held.token
                field.widget.held = upload


def release_saved(post, owner_id: int) -> None:
    """The form saved: delete what it held."""
    tokens = [v for k, v in post.items() if k.endswith(held_uploads.TOKEN_SUFFIX)]
    held_uploads.release(tokens, owner_id)


class SizeCheckedFileInput(ClearableFileInput):
    """A plain file input (the import pages) with the browser's size check and the
    upload's progress."""

    def __init__(self, attrs=None, *, max_bytes: int):
        self.max_bytes = max_bytes
        super().__init__(attrs)

    class Media:
        js = [UPLOAD_SCRIPT]

    def get_context(self, name, value, attrs):
        return super().get_context(
            name, value, {**(attrs or {}), **size_limit_attrs(self.max_bytes)}
        )

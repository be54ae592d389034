"""The comments under every record's form in the desk, whether a workflow drives the
record or not (a citizen, an agency, a bridge point, a legal basis…): the comments
with a box to post one, and the @mention suggestions. Installed at start-up on the
desk's shared base (access/desk.py `show_comments_with`), a layer below, so every
RuleAdmin carries it and none can forget it; each page asks the record's rule
(`may_read_comments`, `may_comment`, `free_text_masked`). A document with a workflow
shows the same comments in its timeline, among its steps (workflow/desk.py)."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from ..access.confidential import MASK
from ..access.desk import show_comments_with
from ..core import typed
from . import comments


def panel_key(obj) -> str:
    """The key under which a refused comment (or step) waits for its record's form."""
    return f"workflow:{obj._meta.label_lower}:{obj.pk}"


def _name(model_admin, suffix: str) -> str:
    opts = model_admin.model._meta
    return f"{opts.app_label}_{opts.model_name}_{suffix}"


def comment_urls(model_admin) -> list[URLPattern]:
    wrap = model_admin.admin_site.admin_view
    return [
        path(
            "<path:object_id>/comments/mentions/",
            wrap(lambda request, object_id: mentions_view(model_admin, request, object_id)),
            name=_name(model_admin, "mentions"),
        ),
        path(
            "<path:object_id>/comments/",
            wrap(lambda request, object_id: comment_view(model_admin, request, object_id)),
            name=_name(model_admin, "comment"),
        ),
    ]


def comment_links(model_admin, request, obj) -> dict:
    """Where the box posts and asks for suggestions, for whom the rule lets comment."""
    if not comments.may_comment(request.user, obj):
        return {}
    return {
        "wf_comment_url": reverse(f"admin:{_name(model_admin, 'comment')}", args=[obj.pk]),
        "wf_mentions_url": reverse(f"admin:{_name(model_admin, 'mentions')}", args=[obj.pk]),
    }


def comments_context(model_admin, request, obj) -> dict:
    """The panel of a record without a workflow: its comments alone, masked as its
    rule says for this viewer (their own excepted)."""
    if not comments.may_read_comments(request.user, obj):
        return {}
    kept = typed.take(request, panel_key(obj))
    return {
        "wf_comments_only": True,
        "wf_timeline": [],
        "wf_entries": comments.timeline_entries(obj, [], request.user),
        "wf_note": kept.value("note"),
        "wf_note_errors": kept.errors_of("note"),
        "wf_comments_masked": comments.masked_for(request.user, obj),
        "wf_mask": MASK,
        **comment_links(model_admin, request, obj),
    }


def comment_view(model_admin, request, object_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    obj = model_admin.get_object(request, object_id)  # the rule's rows: scope applies
    if obj is None:
        raise Http404
    opts = model_admin.model._meta
    back = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    try:
        posted = comments.post_comment(obj, by=request.user, body=request.POST.get("note", ""))
    except comments.CommentRefused as exc:
        typed.keep(request, panel_key(obj), request.POST, ("note",), {"note": exc.messages})
        model_admin.message_user(
            request, _("Not saved: correct the marked fields below."), messages.ERROR
        )
        return HttpResponseRedirect(back + "#comment-form")
    text = _("Comment saved.")
    if posted.told:
        text += " " + _("Notified: %(names)s.") % {
            "names": ", ".join(comments.display_name(u) for u in posted.told)
        }
    model_admin.message_user(request, text, messages.SUCCESS)
    if posted.not_told:
        model_admin.message_user(
            request,
            _("Not notified (no such user, or not allowed to see this document): %(names)s.")
            % {"names": ", ".join("@" + n for n in posted.not_told)},
            messages.WARNING,
        )
    return HttpResponseRedirect(back + f"#comment-{posted.comment.pk}")


def mentions_view(model_admin, request, object_id):
    """Suggestions for an @mention: users who may read this record's comments."""
    obj = model_admin.get_object(request, object_id)
    if obj is None or not comments.may_comment(request.user, obj):
        raise Http404
    users = comments.mention_candidates(obj, request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {"username": u.get_username(), "name": comments.display_name(u)} for u in users
            ]
        }
    )


class CommentsPanel:
    urls = staticmethod(comment_urls)
    context = staticmethod(comments_context)


show_comments_with(CommentsPanel())

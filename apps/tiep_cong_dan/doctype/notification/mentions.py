"""A comment's @mentions told in the bell, and by e-mail and SMS as each user prefers
(the same `notify` and delivery as the workflow's notifications)."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from ...access.rules import rule_for
from ...workflow.comments import display_name, tell_mentions_with
from .services import desk_link, notify

EXCERPT = 120


def _message(comment, doc) -> str:
    values = {"author": display_name(comment.author), "document": str(doc)}
    # A comment on a document whose words some readers may not see (a denunciation)
    # is not quoted: the message travels by e-mail and SMS, outside the rule.
    if rule_for(type(doc)).free_text_masked(AnonymousUser(), doc):
        return _("%(author)s mentioned you in a comment on %(document)s.") % values
    body = " ".join(comment.body.split())
    excerpt = body if len(body) <= EXCERPT else body[: EXCERPT - 1] + "…"
    return _("%(author)s mentioned you in a comment on %(document)s: “%(excerpt)s”") % {
        **values,
        "excerpt": excerpt,
    }


def tell_mentioned(comment, doc, users) -> None:
    """One notification per user mentioned (keyed by the comment: never twice)."""
    notify(
        users,
        _message(comment, doc),
        link=f"{desk_link(doc)}#comment-{comment.pk}",
        key=f"comment:{comment.pk}",
    )


def install() -> None:
    tell_mentions_with(tell_mentioned)

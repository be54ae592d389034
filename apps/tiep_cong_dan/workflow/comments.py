"""Comments on documents, with @mentions that notify.

Who may comment is who may see the document (its rule's `may_comment`, by default
`can_view`): a comment
changes no field and no state, it is a signed note kept in the timeline, so the rule
that lets a user read the case is the one that lets them ask about it. Read-only
observers (the Central Board, a department consulted, administrators) may therefore
comment: a question from them is what the box is for, and they see only what the
rule already shows them.

A comment is free text about the document: on a denunciation it may name the
denouncer, so it is masked from those the rule does not clear, exactly like the
workflow comments (`free_text_masked`), its author excepted (they wrote it).

A mention (`@username`) tells only users who may see the document by its rule;
the others are named back to the author, untold. Telling is done by the
notifications' owner, a layer above, through the sink it installs at start-up
(doctype/notification/mentions.py), inside the comment's transaction.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..access.roles import roles_of
from ..access.rules import rule_for
from ..core.validators import SHORT_TEXT, normalise_text
from .models import Comment

# "@canbo", "@so_nnmt", "@a.b": Django's user names, not part of an address or a word.
MENTION = re.compile(r"(?<![\w@.])@([\w.+-]*[\w+-])")
# Suggestions looked at before the rule is asked of each (each answer may query).
CANDIDATES = 40


class CommentRefused(ValidationError):
    """A comment not saved; the message says why, for the user."""


@dataclass(frozen=True)
class Posted:
    comment: Comment
    told: tuple  # the users notified
    not_told: tuple[str, ...]  # names mentioned who may not see the document, or unknown


# (comment, document, users) -> None: installed by the notifications' owner.
_tell: Callable[[Comment, object, list], None] | None = None


def tell_mentions_with(tell: Callable[[Comment, object, list], None]) -> None:
    global _tell
    _tell = tell


def mentioned_names(body: str) -> list[str]:
    """The user names a text mentions, in order, once each."""
    seen: dict[str, None] = {}
    for name in MENTION.findall(body):
        seen.setdefault(name, None)
    return list(seen)


def may_comment(user, doc) -> bool:
    return rule_for(type(doc)).may_comment(user, doc)


def may_read_comments(user, doc) -> bool:
    return rule_for(type(doc)).may_read_comments(user, doc)


def masked_for(user, doc) -> bool:
    """Whether the comments on `doc` are hidden from `user` (their own excepted)."""
    return rule_for(type(doc)).free_text_masked(user, doc)


def _checked_body(body: str) -> str:
    body = normalise_text(body or "", multiline=True)
    if not body:
        raise CommentRefused(_("Write the comment first."), code="comment_empty")
    if len(body) > SHORT_TEXT:
        raise CommentRefused(
            _("A comment holds at most %(limit)s characters (this one has %(count)s).")
            % {"limit": SHORT_TEXT, "count": len(body)},
            code="comment_too_long",
        )
    return body


def post_comment(doc, *, by, body: str) -> Posted:
    """Write `by`'s comment on `doc` and tell those it mentions who may see `doc`."""
    if not may_comment(by, doc):
        raise CommentRefused(_("This document is outside your area of work."), code="not_allowed")
    body = _checked_body(body)
    names = mentioned_names(body)
    found = {
        u.username: u for u in get_user_model().objects.filter(username__in=names, is_active=True)
    }
    rule = rule_for(type(doc))
    told, not_told = [], []
    for name in names:
        user = found.get(name)
        if user is not None and user.pk == by.pk:
            continue  # one's own name tells nobody
        if user is not None and roles_of(user) and rule.may_read_comments(user, doc):
            told.append(user)
        else:
            not_told.append(name)
    with transaction.atomic():
        comment = Comment.objects.create(
            content_type=ContentType.objects.get_for_model(type(doc)),
            object_id=doc.pk,
            author=by,
            body=body,
            mentioned=[u.pk for u in told],
        )
        if told and _tell is not None:
            _tell(comment, doc, told)
    return Posted(comment, tuple(told), tuple(not_told))


def comments_of(doc) -> list[Comment]:
    return list(
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(type(doc)), object_id=doc.pk
        )
        .select_related("author")
        .order_by("at", "id")
    )


def mention_candidates(doc, term: str, *, limit: int = 8) -> list:
    """Active users whose name or user name starts with `term` (any word of the
    name) and who may see `doc` by its rule: whom a mention could tell."""
    term = " ".join((term or "").split()).lstrip("@")[:50]
    users = get_user_model().objects.filter(is_active=True, groups__isnull=False)
    if term:
        users = users.filter(
            Q(username__istartswith=term)
            | Q(first_name__istartswith=term)
            | Q(last_name__istartswith=term)
            | Q(last_name__icontains=f" {term}")
            | Q(first_name__icontains=f" {term}")
        )
    rule = rule_for(type(doc))
    found = []
    for user in users.distinct().order_by("username")[:CANDIDATES]:
        if rule.may_read_comments(user, doc):
            found.append(user)
            if len(found) == limit:
                break
    return found


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def body_html(body: str) -> SafeString:
    """The comment as HTML: escaped, its lines kept, its mentions marked."""
    text = MENTION.sub(lambda m: f'<span class="tcd-mention">@{m.group(1)}</span>', escape(body))
    return mark_safe(text.replace("\n", "<br>"))  # noqa: S308 - escaped just above


def timeline_entries(doc, events: Iterable, viewer) -> list[dict]:
    """The workflow's steps and the comments in one time order, comments masked for a
    viewer the rule does not clear (not their own). `events` are (event, from, to)."""
    masked = masked_for(viewer, doc)
    entries = [
        {"kind": "step", "at": event.at, "order": (event.at, 0, event.pk), "row": (event, a, b)}
        for event, a, b in events
    ]
    for comment in comments_of(doc):
        entries.append(
            {
                "kind": "comment",
                "at": comment.at,
                "order": (comment.at, 1, comment.pk),
                "comment": comment,
                "author": display_name(comment.author),
                "html": body_html(comment.body),
                "masked": masked and comment.author_id != viewer.pk,
            }
        )
    entries.sort(key=lambda e: e["order"])
    return entries

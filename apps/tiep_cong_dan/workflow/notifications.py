"""Notifications as declared data: on which step, who is told what, through which
channels. Declared in the workflow (YAML, then the desk), beside the step:

    notify:
      - to: [board_head]                       # roles, or audiences the type names
        message: "Đơn {document} được đề xuất tiếp trực tuyến."
        channels: [desk, email, sms]           # optional; the desk inbox is always one

The message is a text with placeholders in braces: `{document}` (the document as its
lists name it), `{comment}` (what the step's comment said) and those the document type
declares (`recipients`, `message_values`
below); an audience may add its own ({deadline} for each agency told of its task).
Every declaration is checked when it is loaded or edited, like the rest of the
workflow: unknown roles, audiences, placeholders or channels are refused, so a
notification can never fail later for a typo.

A document type declares its audiences and placeholders in its workflow_rules.py;
the sending itself (inbox, e-mail, SMS per each user's preferences) is done after the
step commits by the layer that owns notifications (jobs/effects.py), from what the
step's transaction wrote into the outbox.
"""

import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..access.roles import Role

CHANNELS = ("desk", "email", "sms")
NOTIFY_KEYS = frozenset({"to", "message", "channels"})


@dataclass(frozen=True)
class Recipients:
    """A group an audience names: its users, the record their link opens (its form, or
    the desk address of another of its pages, a session's meeting page), and the values
    only this group's message needs (an agency's own deadline)."""

    users: Iterable
    link_to: object
    values: dict


@dataclass(frozen=True)
class Audience:
    name: str
    func: Callable[[object], Iterable[Recipients]]
    description: str
    placeholders: frozenset[str] = frozenset()


@dataclass(frozen=True)
class NotificationDef:
    to: tuple[str, ...]
    message: str
    channels: tuple[str, ...] = CHANNELS

    def as_data(self) -> dict:
        return {"to": list(self.to), "message": self.message, "channels": list(self.channels)}


_AUDIENCES: dict[tuple[str, str], Audience] = {}
_VALUES: dict[str, tuple[frozenset[str], Callable[[object], dict]]] = {}


def recipients(doctype: str, name: str, description: str = "", *, placeholders=()):
    """Declares an audience of `doctype`'s notifications: func(doc) -> [Recipients]."""

    def register(func):
        _AUDIENCES[(doctype, name)] = Audience(
            name, func, description or func.__doc__ or "", frozenset(placeholders)
        )
        return func

    return register


def message_values(doctype: str, placeholders: Iterable[str]):
    """Declares the placeholders of `doctype`'s messages: func(doc) -> {name: text}."""

    def register(func):
        _VALUES[doctype] = (frozenset(placeholders), func)
        return func

    return register


def audiences_of(doctype: str) -> list[Audience]:
    return sorted((a for (d, _n), a in _AUDIENCES.items() if d == doctype), key=lambda a: a.name)


def get_audience(doctype: str, name: str) -> Audience:
    return _AUDIENCES[(doctype, name)]


# Every message may name the document and the step's comment (a reason, when asked).
BUILT_IN = frozenset({"document", "comment"})


def placeholders_of(doctype: str) -> frozenset[str]:
    return BUILT_IN | _VALUES.get(doctype, (frozenset(), None))[0]


def values_of(doctype: str, doc, comment: str = "") -> dict:
    declared = _VALUES.get(doctype)
    values = {"document": str(doc), "comment": comment}
    if declared is not None:
        values.update(declared[1](doc))
    return values


def _allowed(doctype: str, to: tuple[str, ...]) -> frozenset[str]:
    """Placeholders every group told may fill: the type's, and an audience's own only
    when every group told is an audience declaring it."""
    allowed = placeholders_of(doctype)
    extra = [get_audience(doctype, n).placeholders for n in to if (doctype, n) in _AUDIENCES]
    if extra and len(extra) == len(to):
        allowed |= frozenset.intersection(*extra)
    return allowed


def _fields(message: str) -> list[str] | None:
    try:
        return [f for _lit, f, _spec, _conv in string.Formatter().parse(message) if f is not None]
    except ValueError:
        return None


def _names(value) -> tuple[str, ...]:
    return tuple(str(v).strip() for v in ([value] if isinstance(value, str) else value or []))


def _braced(names) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names))


def _check_to(doctype: str, to: tuple[str, ...], where: str, errors: list[str]) -> bool:
    unknown = [t for t in to if t not in Role.values and (doctype, t) not in _AUDIENCES]
    if to and not unknown:
        return True
    errors.append(
        _("%(where)s: a notification must name whom to tell (unknown: %(names)s).")
        % {"where": where, "names": ", ".join(unknown) or "—"}
    )
    return False


def _check_message(doctype: str, to, message: str, where: str, errors: list[str]) -> None:
    fields = _fields(message)
    if not message or fields is None:
        errors.append(
            _("%(where)s: a notification needs its message (braces only around a name).")
            % {"where": where}
        )
        return
    allowed = _allowed(doctype, to)
    stray = set(fields) - allowed
    if stray:
        errors.append(
            _(
                "%(where)s: the message names %(names)s, which it cannot fill "
                "(it may use %(allowed)s)."
            )
            % {"where": where, "names": _braced(stray), "allowed": _braced(allowed)}
        )


def _check_channels(channels: tuple[str, ...], where: str, errors: list[str]) -> None:
    if "desk" not in channels or set(channels) - set(CHANNELS):
        errors.append(
            _("%(where)s: channels are among desk, email, sms, and always include desk.")
            % {"where": where}
        )


def parse_notifications(raw, *, doctype: str, where: str, errors: list[str]):
    """The `notify:` entries of one step, checked; problems appended to `errors`."""
    found = []
    for item in raw or []:
        if not isinstance(item, dict):
            errors.append(
                _("%(where)s: each notification is a “to” and a “message”.") % {"where": where}
            )
            continue
        for key in set(item) - NOTIFY_KEYS:
            errors.append(
                _("%(where)s: a notification has an unknown entry “%(key)s”.")
                % {"where": where, "key": key}
            )
        to = _names(item.get("to"))
        message = str(item.get("message") or "").strip()
        if _check_to(doctype, to, where, errors):
            _check_message(doctype, to, message, where, errors)
        channels = _names(item.get("channels")) or CHANNELS
        _check_channels(channels, where, errors)
        found.append(NotificationDef(to=to, message=message, channels=channels))
    return tuple(found)


def compose(
    doctype: str, doc, spec: NotificationDef, users_in_roles: Callable, comment: str = ""
) -> list[tuple]:
    """(users, link_to, text) for each group `spec` tells about `doc`."""
    values = values_of(doctype, doc, comment)
    roles = [t for t in spec.to if t in Role.values]
    groups = []
    if roles:
        groups.append((users_in_roles(roles), doc, spec.message.format_map(values)))
    for name in spec.to:
        if name in Role.values:
            continue
        for group in get_audience(doctype, name).func(doc):
            text = spec.message.format_map({**values, **group.values})
            groups.append((group.users, group.link_to, text))
    return groups

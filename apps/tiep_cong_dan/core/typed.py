"""What a user typed on a desk page that was refused, kept for the page they are sent
back to: every value as typed and each error beside its field.

The desk's own pages (the console, the agenda board, the workflow panel, a role
request's decision) answer a post with a redirect, so a refresh never posts twice.
A refused post used to lose what was typed on the way back (minutes and a conclusion
gone because of a wrong attendance figure). `keep` puts the typed values and the
errors by field in the session, for one page; `take` gives them to that page once."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

SESSION_KEY = "tcd_typed"
GENERAL = NON_FIELD_ERRORS  # an error about no field in particular


@dataclass
class Typed:
    """The values typed on one refused post and its errors by field (empty when the
    page is shown afresh)."""

    where: str = ""
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.values or self.errors)

    def value(self, name: str, saved=""):
        """What the field shows: as typed when the post was refused, else as saved."""
        return self.values[name] if name in self.values else saved

    def errors_of(self, name: str) -> list[str]:
        return self.errors.get(name, [])


def errors_by_field(
    exc: ValidationError, names: Mapping[str, str] | None = None
) -> dict[str, list[str]]:
    """A ValidationError as {field: messages}; `names` maps the model's field names to
    the page's where they differ. An error without a field goes under GENERAL."""
    names = names or {}
    if not hasattr(exc, "error_dict"):
        return {GENERAL: list(exc.messages)}
    return {
        names.get(name, name): [m for e in errors for m in ValidationError(e).messages]
        for name, errors in exc.error_dict.items()
    }


def keep(
    request,
    where: str,
    post: Mapping,
    fields: Iterable[str],
    errors: Mapping[str, list[str]],
) -> None:
    """Remember, for the page `where`, the named fields as posted and their errors."""
    request.session[SESSION_KEY] = {
        "where": where,
        "values": {name: post.get(name, "") for name in fields if name in post},
        "errors": {name: [str(m) for m in msgs] for name, msgs in errors.items()},
    }


def take(request, where: str) -> Typed:
    """What was kept for this page, once; nothing for another page (a refusal on one
    hearing never fills another's fields)."""
    kept = request.session.get(SESSION_KEY)
    if not kept:
        return Typed()
    del request.session[SESSION_KEY]
    if kept.get("where") != where:
        return Typed()
    return Typed(where, dict(kept["values"]), {k: list(v) for k, v in kept["errors"].items()})

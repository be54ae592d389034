"""The permission rule of a document type, and the registry every path asks.

Desk lists and forms, search, the API, exports, reports and printing all call
`rule_for(Model)`: one rule per document type, so no path can forget it.
"""

from collections.abc import Callable

from django.db.models import Model, Q, QuerySet

from .roles import Role, roles_of

ALL_STAFF = frozenset(Role.values)

_REGISTRY: dict[type[Model], "DocRule"] = {}


# Whether a document's current state lets a user edit it. The workflow layer, above
# this one, answers for the documents it drives (workflow/permissions.py sets it).
def _any_state(user: object, obj: Model) -> bool:
    return True


_state_allows_edit: Callable[[object, Model], bool] = _any_state


def set_state_gate(gate: Callable[[object, Model], bool]) -> None:
    """Installs the question a document's state answers before its rule lets an edit."""
    global _state_allows_edit
    _state_allows_edit = gate


class DocRule:
    model: type[Model]
    view_roles: frozenset[str] = ALL_STAFF
    add_roles: frozenset[str] = frozenset()
    change_roles: frozenset[str] = frozenset()
    delete_roles: frozenset[str] = frozenset()
    # Roles that see every row they may view; the others go through `scope_filter`.
    unscoped_roles: frozenset[str] = ALL_STAFF
    # The code the access log names this type's records by, when reads of them are
    # logged (access/confidential.py); the log's pages name the type from it.
    access_log_code: str | None = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if getattr(cls, "model", None) is not None:
            _REGISTRY[cls.model] = cls()

    # -- rows ---------------------------------------------------------------
    def queryset(self, user, qs: QuerySet | None = None) -> QuerySet:
        qs = self.model._default_manager.all() if qs is None else qs
        roles = roles_of(user) & self.view_roles
        if not roles:
            return qs.none()
        if roles & self.unscoped_roles:
            return qs
        condition = self.scope_filter(user, roles)
        return qs.filter(condition) if condition is not None else qs.none()

    def sees_all(self, user) -> bool:
        """Whether `user` sees every row: queries counting for them need no filter."""
        roles = roles_of(user) & self.view_roles
        return bool(roles & self.unscoped_roles) and type(self).queryset is DocRule.queryset

    def scope_filter(self, user, roles: frozenset[str]) -> Q | None:
        """Rows a scoped user may see (None: nothing)."""
        return None

    # -- actions ------------------------------------------------------------
    def can_view(self, user, obj: Model | None = None) -> bool:
        roles = roles_of(user) & self.view_roles
        if not roles:
            return False
        if obj is None:
            return True
        if self.sees_all(user):
            return True  # nothing narrows this user's rows: skip the query
        return self.queryset(user).filter(pk=obj.pk).exists()

    def can_add(self, user) -> bool:
        return bool(roles_of(user) & self.add_roles)

    def can_change(self, user, obj: Model | None = None) -> bool:
        """Role, scope and, for a document with a workflow, whether its current state
        lets this user edit it (a proposed petition is frozen for officers)."""
        if not roles_of(user) & self.change_roles:
            return False
        if obj is None or obj.pk is None:
            return True
        if not self.can_view(user, obj):
            return False
        return _state_allows_edit(user, obj)

    def can_delete(self, user, obj: Model | None = None) -> bool:
        if not roles_of(user) & self.delete_roles:
            return False
        return obj is None or self.can_view(user, obj)

    # -- search -------------------------------------------------------------
    def search(self, user, qs: QuerySet, term: str) -> QuerySet:
        """The rows of `qs` that `term` finds, by the record's search column
        (access/search.py). A type overrides it when its search must not find what the
        rule masks (the petition's denouncer)."""
        from .search import search_rows

        return search_rows(self.model, user, qs, term)

    # -- fields -------------------------------------------------------------
    def masked_fields(self, user, obj: Model) -> frozenset[str]:
        """Fields of `obj` this user must not see."""
        return frozenset()

    def free_text_masked(self, user, obj: Model) -> bool:
        """Whether the words written about `obj` (its workflow comments, the minutes
        of its hearing) are hidden from this user: they may name whom the fields
        masked from the user would name."""
        return False

    def free_text_masked_filter(self, user) -> Q | None:
        """The rows whose free text is hidden from `user`, as a condition on the model
        (None: none are), for searches that must not match hidden words."""
        return None

    def masked_paths(self, user) -> frozenset[str]:
        """Fields masked from this user on some rows. No list may sort, filter or search
        by them for this user: the order of the rows or which rows match would tell
        what the mask hides (a masked name sorted between two visible ones)."""
        return frozenset()

    def neutral_ordering(self, user, path: str):
        """An ordering on the masked `path` that tells nothing (the masked rows placed
        together), or None to drop the ordering."""
        return None

    # -- comments (workflow/comments.py) -------------------------------------------
    # Every record's page and API resource carries its comments: the rule decides who
    # reads and writes them, and `free_text_masked` whose words are hidden.
    def may_read_comments(self, user, obj: Model) -> bool:
        """Whether `user` may list the comments on `obj`: whoever may read it."""
        return self.can_view(user, obj)

    def may_comment(self, user, obj: Model) -> bool:
        """Whether `user` may comment on `obj`: whoever may read it (a comment changes
        no field and no state; a question is what read-only observers have to say)."""
        return self.can_view(user, obj)

    # -- attachments (access/attachments) ------------------------------------------
    # Whether the document's page offers attached files: each document type says so
    # (a type with a workflow must, tests/access/test_attachments.py).
    attachments: bool = False

    def may_read_attachments(self, user, obj: Model) -> bool:
        """Whether `user` may list and download the files attached to `obj`: those
        who read the record, unless what is written about it is hidden from them (a
        file may name whom the masked fields would)."""
        return self.can_view(user, obj) and not self.free_text_masked(user, obj)

    def may_attach(self, user, obj: Model) -> bool:
        """Whether `user` may attach files to `obj` (and remove those they attached):
        by default whoever may edit it. A type may let more people attach than edit
        (an agency's report letter on a task it can no longer edit)."""
        return self.can_change(user, obj)

    def log_attachment_read(self, request, obj: Model) -> None:
        """Write to the access log what a file attached to `obj` may show its reader (a
        type whose files may name a denouncer logs the read for the cases concerned)."""

    def may_remove_attachments(self, user, obj: Model) -> bool:
        """Whether `user` may remove files others attached to `obj` (anyone removes
        their own while they may attach): whoever may edit it."""
        return self.can_change(user, obj)

    def reveals_masked(self, user, lookup: str) -> bool:
        """Whether a lookup or ordering path ("citizen__full_name", "-content") starts
        at a field masked from `user`."""
        root = lookup.lstrip("-?").split("__", 1)[0]
        masked = self.masked_paths(user)
        return root in masked or root.removesuffix("_id") in masked


def rule_for(model: type[Model]) -> DocRule:
    return _REGISTRY[model]


def rule_or_none(model: type[Model]) -> "DocRule | None":
    """The rule of `model`, or None for a model that is only part of another's form."""
    return _REGISTRY.get(model)


def all_rules() -> dict[type[Model], DocRule]:
    return dict(_REGISTRY)


def logged_types() -> dict[str, type[Model]]:
    """The document types the access log names, by the code it stores."""
    return {r.access_log_code: m for m, r in _REGISTRY.items() if r.access_log_code}

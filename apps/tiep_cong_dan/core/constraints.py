"""A unique constraint's refusal in the user's words, beside the field it concerns.

Django words a violated UniqueConstraint as "Constraint “citizen_id_unique” is
violated." (a condition or expressions) or "Agenda item with this Session and
Position already exists." above the form; and the database's own refusal, when two
writes race past the check, as an IntegrityError, a server error. A model mixing in
`ExplainedUniqueMixin` says instead, at the constraint's field, the constraint's own
message when it declares one or "Đã có <loại hồ sơ> với <trường> này.", under the
constraint's code (`unique` when it declares none); `unique_kept(Model)` turns the
database's refusal into that same error."""

from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models, router, transaction
from django.utils.text import get_text_list
from django.utils.translation import gettext


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def unique_message(model, fields) -> str:
    """'A <model> with this <fields> is already recorded.', in the user's language."""
    return gettext("A %(model)s with this %(fields)s is already recorded.") % {
        "model": model._meta.verbose_name,
        "fields": get_text_list([_label(model, f) for f in fields], gettext("and")),
    }


def error_field(model, constraint: models.UniqueConstraint) -> str:
    """The field a violation is shown beside: the model may name it per constraint
    (`unique_error_fields`), else the last of its fields that the user types (a
    generated column is shown at the field it is computed from)."""
    named = getattr(model, "unique_error_fields", {}).get(constraint.name)
    if named:
        return named
    for name in reversed(constraint.fields):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not getattr(field, "generated", False):
            return name
    return NON_FIELD_ERRORS


def violation(model, constraint: models.UniqueConstraint) -> ValidationError:
    """The refusal of one unique constraint, keyed by its field."""
    custom = constraint.violation_error_message != constraint.default_violation_error_message
    message = constraint.violation_error_message if custom else None
    message = message or unique_message(model, constraint.fields)
    code = constraint.violation_error_code or "unique"
    return ValidationError({error_field(model, constraint): ValidationError(message, code=code)})


class ExplainedUniqueMixin:
    """Mix into a model: its unique constraints refuse in words, at their field."""

    # {constraint name: field to show its refusal at}, where the default is not right.
    unique_error_fields: dict[str, str] = {}

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(self.__class__, instance=self)
        errors: dict = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError:
                    if isinstance(constraint, models.UniqueConstraint):
                        exc = violation(model_class, constraint)
                    errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def violated_constraint(model, exc: IntegrityError) -> models.UniqueConstraint | None:
    """The model's unique constraint an IntegrityError names: MariaDB names the
    index ('Duplicate entry … for key citizen_id_unique'), SQLite the columns
    ('UNIQUE constraint failed: table.a, table.b')."""
    text = str(exc)
    table = model._meta.db_table
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint) or not constraint.fields:
            continue
        if constraint.name in text:
            return constraint
        columns = ", ".join(f"{table}.{model._meta.get_field(f).column}" for f in constraint.fields)
        if f"UNIQUE constraint failed: {columns}" in text:
            return constraint
    return None


@contextmanager
def unique_kept(model):
    """A write whose unique constraint the database refuses (a race past the form's
    check) ends in that constraint's ValidationError, not a server error. The
    savepoint lets the caller's transaction go on."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        constraint = violated_constraint(model, exc)
        if constraint is None:
            raise
        raise violation(model, constraint) from exc


def unique_codes() -> frozenset[str]:
    """The codes a unique constraint's refusal may carry (the API answers with them)."""
    from django.apps import apps

    codes = {"unique", "unique_together"}
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and constraint.violation_error_code:
                codes.add(constraint.violation_error_code)
    return frozenset(codes)


def unique_refusal(exc: ValidationError) -> tuple[str, str, str] | None:
    """(code, field, message) when a ValidationError is a unique constraint's refusal
    of one field, else None."""
    if not hasattr(exc, "error_dict") or len(exc.error_dict) != 1:
        return None
    ((field, errors),) = exc.error_dict.items()
    codes = unique_codes()
    for error in errors:
        if error.code in codes:
            return error.code, field, next(iter(ValidationError(error).messages))
    return None

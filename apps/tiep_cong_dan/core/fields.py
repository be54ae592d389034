"""Text fields whose value is normalised (core/validators.py `normalise_text`) and held
to a length, in model validation and in every form made from the model. A TextField's
length is not enforced by the database: here a validator enforces it."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models

from .validators import LengthLimit, normalise_text


def _own_length_limit(validators: list, limit: int | None) -> None:
    """Swap Django's MaxLengthValidator (its generic message) for LengthLimit."""
    validators[:] = [v for v in validators if type(v) is not MaxLengthValidator]
    if limit is not None and not any(isinstance(v, LengthLimit) for v in validators):
        validators.append(LengthLimit(limit))


class NormalisedFormField(forms.CharField):
    """A form's text field: normalised as the model keeps it, then measured."""

    def __init__(self, *, multiline: bool = False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)
        _own_length_limit(self.validators, self.max_length)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_text(value, multiline=self.multiline) if value else value


class _Normalised:
    multiline = False

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_text(value, multiline=self.multiline) if value else value

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": NormalisedFormField, "multiline": self.multiline, **kwargs}
        )


class ShortTextField(_Normalised, models.CharField):
    """One line: a name, an address, a summary, a title."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _own_length_limit(self.validators, self.max_length)


class LongTextField(_Normalised, models.TextField):
    """Several lines (a petition's content, minutes, a reason), at most `max_length`
    characters."""

    multiline = True

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        _own_length_limit(self.validators, self.max_length)

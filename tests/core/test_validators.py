import pytest
from django.core.exceptions import ValidationError
from tiep_cong_dan.core.fields import LongTextField, NormalisedFormField, ShortTextField
from tiep_cong_dan.core.validators import (
    LengthLimit,
    normalise_text,
    validate_phone,
)
from tiep_cong_dan.doctype.citizen.validators import validate_id_number


@pytest.mark.parametrize(
    "raw,clean",
    [
        ("0912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("02053 812 345", "02053812345"),
    ],
)
def test_valid_phones_are_normalised(raw, clean):
    assert validate_phone(raw) == clean


@pytest.mark.parametrize("raw", ["012345", "0112345678", "09123456789", "abc"])
def test_invalid_phones_are_refused(raw):
    with pytest.raises(ValidationError) as exc:
        validate_phone(raw)
    assert exc.value.code == "invalid_phone"


def test_personal_id_numbers():
    assert validate_id_number("cccd", "020 090 000 001") == "020090000001"
    with pytest.raises(ValidationError) as exc:
        validate_id_number("cccd", "02009000000")
    assert exc.value.code == "invalid_id_number"
    with pytest.raises(ValidationError) as exc:
        validate_id_number("cccd", "999090000001")  # no such province code
    assert exc.value.code == "invalid_id_number"
    with pytest.raises(ValidationError) as exc:
        validate_id_number("cccd", "020090000001", birth_year=1985)  # encodes 1990
    assert exc.value.code == "id_birth_year_mismatch"


def test_other_papers():
    assert validate_id_number("cmnd", "080123456") == "080123456"
    assert validate_id_number("passport", "c1234567") == "C1234567"
    with pytest.raises(ValidationError):
        validate_id_number("cmnd", "0801234567")


# -- typed text: one normaliser, one length limit ------------------------------------


@pytest.mark.parametrize(
    "raw,clean",
    [
        ("Hoa\u0300ng Va\u0306n An", "Hoàng Văn An"),  # combining accents: NFC
        ("Hoàng \u202eVăn\u202c An", "Hoàng Văn An"),  # right-to-left override
        ("\u2067Hoàng\u2069 Văn An", "Hoàng Văn An"),  # isolates
        ("Hoàng\u200b Văn\u200d An\ufeff", "Hoàng Văn An"),  # zero-width, byte-order mark
        ("Hoàng\u00adVăn", "HoàngVăn"),  # soft hyphen
        ("  Hoàng\tVăn\n\nAn\x07\x00 ", "Hoàng Văn An"),  # controls, breaks, runs of space
        ("Nông\u00a0Thị\u2028Bích", "Nông Thị Bích"),  # no-break space, line separator
        ("\ud800Lan", "Lan"),  # a lone surrogate (from JSON) cannot be stored
    ],
)
def test_one_line_text_is_normalised(raw, clean):
    assert normalise_text(raw) == clean


def test_several_lines_keep_their_lines_and_tabs():
    raw = "Dòng 1  \r\nDòng\u202e 2\r\r\n\tthụt lề\u200b\x0b"
    assert normalise_text(raw, multiline=True) == "Dòng 1\nDòng 2\n\n\tthụt lề"


def test_the_length_limit_speaks_vietnamese():
    with pytest.raises(ValidationError) as exc:
        LengthLimit(5)("sáu ký")
    assert exc.value.code == "max_length"
    assert exc.value.messages == ["Nhập tối đa 5 ký tự (nội dung đã nhập có 6 ký tự)."]


def test_model_and_form_fields_normalise_then_measure():
    name = ShortTextField(max_length=7)
    assert name.clean("An\u202e\u200b  Bình", None) == "An Bình"
    with pytest.raises(ValidationError) as exc:
        name.clean("Hoàng Văn", None)
    assert [type(v) for v in name.validators] == [LengthLimit]
    assert exc.value.messages == ["Nhập tối đa 7 ký tự (nội dung đã nhập có 9 ký tự)."]
    content = LongTextField(max_length=10)
    with pytest.raises(ValidationError):
        content.clean("x" * 11, None)
    assert content.clean("a\r\nb\u2066", None) == "a\nb"
    form_field = content.formfield()
    assert isinstance(form_field, NormalisedFormField) and form_field.max_length == 10
    assert form_field.clean(" a\u200b\r\nb ") == "a\nb"
    assert form_field.widget.attrs["maxlength"] == "10"

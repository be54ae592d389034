import pytest
from django.core.exceptions import ValidationError
from tiep_cong_dan.core.validators import validate_id_number, validate_phone


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

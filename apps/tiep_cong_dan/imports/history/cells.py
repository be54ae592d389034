"""Reading one cell of a register as people fill them in: dates as date cells or
dd/mm/yyyy, numbers as numbers or text, marks as "x", words from a short list with or
without accents. Each reader raises CellError with the Vietnamese reason."""

import datetime
import re

from django.utils import timezone

from ...doctype.admin_unit.services import fold

EARLIEST = datetime.date(2000, 1, 1)


class CellError(ValueError):
    """The cell cannot be read; str() is the message for the user."""


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def date(value, *, future: bool = False) -> datetime.date:
    """A date cell or dd/mm/yyyy text, not before 2000, not after today unless
    `future` (a deadline)."""
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    else:
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text(value))
        if not match:
            raise CellError("Ngày không đúng dạng ngày/tháng/năm (ví dụ 15/03/2023).")
        try:
            day = datetime.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError as exc:
            raise CellError(f"Không có ngày {text(value)}.") from exc
    if day < EARLIEST:
        raise CellError(f"Ngày {day:%d/%m/%Y} trước năm 2000: kiểm tra lại.")
    if not future and day > timezone.localdate():
        raise CellError(f"Ngày {day:%d/%m/%Y} sau hôm nay: hồ sơ các năm trước không thể có.")
    return day


def integer(value, *, least: int = 1) -> int:
    try:
        number = int(value) if not isinstance(value, str) else int(value.strip())
        if isinstance(value, float) and not value.is_integer():
            raise ValueError
    except (TypeError, ValueError) as exc:
        raise CellError("Phải là số nguyên.") from exc
    if number < least:
        raise CellError(f"Phải là số nguyên từ {least} trở lên.")
    return number


def mark(value) -> bool:
    """ "x" (or "có") for yes, empty for no."""
    folded = fold(text(value))
    if folded in ("", "khong"):
        return False
    if folded in ("x", "co"):
        return True
    raise CellError("Đánh dấu x hoặc để trống.")


def choice(value, words: dict, listed: str):
    """The code of a word of `words` (folded keys); `listed` names them for the user."""
    found = words.get(fold(text(value)))
    if found is None:
        raise CellError(f"“{text(value)}” không có trong danh sách: {listed}.")
    return found


def id_paper(value) -> str:
    """An identity paper number as text: a number typed into a number cell loses its
    leading zero (every CCCD starts with one), which is put back."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value))
        return (
            digits.zfill(12)
            if len(digits) == 11
            else digits.zfill(9)
            if len(digits) == 8
            else digits
        )
    return re.sub(r"\s", "", text(value)).upper()


def row_numbers(value) -> list[int]:
    """ "1, 2, 5-9" -> [1, 2, 5, 6, 7, 8, 9]."""
    numbers: list[int] = []
    for part in re.split(r"[,;]", text(value)):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"(\d+)\s*-\s*(\d+)|(\d+)", part)
        if not match:
            raise CellError("Ghi số thứ tự các dòng, ví dụ 1, 2, 5-9.")
        if match[3]:
            numbers.append(int(match[3]))
        else:
            low, high = int(match[1]), int(match[2])
            if high < low or high - low > 10_000:
                raise CellError(f"Khoảng {part} không hợp lệ.")
            numbers.extend(range(low, high + 1))
    return numbers

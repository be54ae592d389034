"""Figures written the way the scheme reports them: "12 kỳ/169 lượt/210 lượt công dân
(tiếp 11 lượt đoàn đông người/51 lượt công dân)", "136 lượt công dân (chiếm 64,8%)".
Vietnamese writing: a decimal comma, a dot between thousands, and a leading zero below
ten in running text ("02 cuộc đột xuất")."""


def number(value: int) -> str:
    """1234567 -> "1.234.567"."""
    return f"{value:,}".replace(",", ".")


def count(value: int) -> str:
    """A count in running text: "02", "12", "1.234"."""
    return f"{value:02d}" if 0 <= value < 10 else number(value)


def percent(part: int, whole: int) -> str:
    """One decimal, decimal comma: 136 of 210 -> "64,8%"; nothing of nothing -> "0,0%"."""
    if not whole:
        return "0,0%"
    value = round(part * 1000 / whole) / 10  # half up on the tenth, as people count
    return f"{value:.1f}%".replace(".", ",")


def decimal(value: float, places: int = 1) -> str:
    return f"{value:.{places}f}".replace(".", ",")


def shares(parts: dict, places: int = 1) -> dict:
    """Each part's share of the whole, in percent with `places` decimals, adding up to
    exactly 100 (largest remainders get the rounding): the scheme's 2023 figures
    136, 43, 13, 11, 5 and 2 of 210 read 64,8 / 20,5 / 6,2 / 5,2 / 2,4 / 0,9 %."""
    whole = sum(parts.values())
    if not whole:
        return {key: "0,0%" for key in parts}
    scale = 100 * 10**places
    exact = {key: value * scale / whole for key, value in parts.items()}
    units = {key: int(value) for key, value in exact.items()}
    missing = scale - sum(units.values())
    by_remainder = sorted(
        parts, key=lambda key: (exact[key] - units[key], parts[key]), reverse=True
    )
    for key in by_remainder[:missing]:
        units[key] += 1
    return {
        key: f"{value / 10**places:.{places}f}%".replace(".", ",") for key, value in units.items()
    }

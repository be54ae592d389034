"""Figures written the way the scheme reports them (Đề án, mục I.2): "Năm 2023, Chủ tịch
UBND tỉnh tiếp định kỳ 12 kỳ/169 lượt/210 lượt công dân (tiếp 11 lượt đoàn đông
người/51 lượt công dân), trong đó địa bàn Thành phố là 136 lượt công dân (chiếm
64,8%), … Chủ tịch UBND tỉnh tiếp 02 cuộc đột xuất với 40 lượt công dân của xã Hòa
Thắng, xã Sơn Hà, huyện Hữu Lũng."

Vietnamese writing: a decimal comma, a dot between thousands. Counts of sessions,
hearings and cases take a leading zero below ten ("02 cuộc", "07 lượt đoàn đông
người", "01 vụ việc"); citizens are written as they are ("5 lượt công dân", "40 lượt
công dân"), as the scheme writes them."""

from .areas import places_words


def number(value: int) -> str:
    """1234567 -> "1.234.567"."""
    return f"{value:,}".replace(",", ".")


def count(value: int) -> str:
    """Sessions, hearings or cases in running text: "02", "12", "1.234"; nothing is
    "0", never "00" (the leading zero marks a count of one to nine)."""
    return f"{value:02d}" if 0 < value < 10 else number(value)


def people(value: int) -> str:
    """Citizens in running text: "5", "40", "1.234"."""
    return number(value)


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
    exactly 100 (the scheme's 2023 figures 136, 43, 13, 11, 5 and 2 of 210 read
    64,8 / 20,5 / 6,2 / 5,2 / 2,4 / 0,9 %). Every share is its exact value rounded down
    or up; see `_rounded_up` for which are rounded up."""
    whole = sum(parts.values())
    if not whole:
        return {key: _percent_text(0, places) for key in parts}
    scale = 100 * 10**places
    units = {key: value * scale // whole for key, value in parts.items()}
    remainders = {key: value * scale % whole for key, value in parts.items()}  # exact
    missing = scale - sum(units.values())
    for key in _rounded_up(parts, remainders, missing):
        units[key] += 1
    return {key: _percent_text(value, places) for key, value in units.items()}


def _percent_text(units: int, places: int) -> str:
    return f"{units / 10**places:.{places}f}%".replace(".", ",")


def _rounded_up(parts: dict, remainders: dict, missing: int) -> list:
    """Which parts take the `missing` last units. Largest remainders first (the
    closest sum to the exact values), but two equal counts get equal shares whenever a
    choice of whole groups of equal counts adds up to `missing`: among such choices,
    the one with the largest remainders. Only when none exists is one group split,
    its first parts in the caller's order rounded up. E.g. 1, 1 and 5 of 7: plain
    largest remainders give 71,4 / 14,3 / 14,2; this gives 71,4 / 14,3 / 14,3."""
    groups: dict[int, list] = {}
    for key, value in parts.items():
        if remainders[key]:  # an exact share stays exact
            groups.setdefault(value, []).append(key)
    ordered = sorted(groups.values(), key=lambda g: (-remainders[g[0]], -parts[g[0]]))

    def best_of(choices: list[list]) -> dict[int, tuple[int, list]]:
        """Sizes reachable with whole groups -> (their remainders, the groups); on
        equal remainders the earlier (larger) groups are kept."""
        best: dict[int, tuple[int, list]] = {0: (0, [])}
        for group in choices:
            gain = remainders[group[0]] * len(group)
            for size, (score, taken) in sorted(best.items(), reverse=True):
                reach = size + len(group)
                if reach <= missing and (reach not in best or best[reach][0] < score + gain):
                    best[reach] = (score + gain, taken + [group])
        return best

    whole_groups = best_of(ordered)
    if missing in whole_groups:
        return [key for group in whole_groups[missing][1] for key in group]
    split = None  # (score, groups taken whole, the group split, how many of it)
    for i, group in enumerate(ordered):
        for size, (score, taken) in best_of(ordered[:i] + ordered[i + 1 :]).items():
            rest = missing - size
            if 0 < rest < len(group):
                score += remainders[group[0]] * rest
                if split is None or split[0] < score:
                    split = (score, taken, group, rest)
    _score, taken, group, rest = split
    return [key for g in taken for key in g] + group[:rest]


KIND_LABELS = {
    "complaint": "Khiếu nại",
    "denunciation": "Tố cáo",
    "recommendation": "Kiến nghị",
    "feedback": "Phản ánh",
}
MODE_LABELS = {"online": "Trực tuyến", "in_person": "Trực tiếp"}


# The columns of the table by kind of session (and by year), in the scheme's order.
TALLY_COLUMNS = (
    ("sessions", "Số kỳ, cuộc"),
    ("hearings", "Lượt tiếp"),
    ("citizens", "Lượt công dân"),
    ("group_hearings", "Lượt đoàn đông người"),
    ("group_citizens", "Lượt công dân trong đoàn"),
    ("online", "Lượt tiếp trực tuyến"),
)


YEAR_COLUMNS = (
    "Kỳ định kỳ",
    "Lượt tiếp định kỳ",
    "Lượt công dân định kỳ",
    "Lượt đoàn đông người",
    "Lượt công dân trong đoàn",
    "Cuộc đột xuất",
    "Lượt tiếp đột xuất",
    "Lượt công dân đột xuất",
    "Cuộc theo yêu cầu Trung ương",
    "Lượt tiếp theo yêu cầu Trung ương",
    "Lượt công dân theo yêu cầu Trung ương",
)


SPECIAL_WORDS = {"ad_hoc": "đột xuất", "central_request": "theo yêu cầu của Trung ương"}
# How the hearings of a period were held, in a title or a sentence.
MODE_WORDS = {
    "online": "trực tuyến",
    "in_person": "trực tiếp",
    "mixed": "trực tiếp và trực tuyến",
    "none": "",
}


def reception_words(mode: str) -> str:
    """ "tiếp công dân trực tuyến", "tiếp công dân trực tiếp", "tiếp công dân trực tiếp
    và trực tuyến", or "tiếp công dân" for a period without hearings: a period heard
    entirely in person is not reported as online reception."""
    return " ".join(filter(None, ("tiếp công dân", MODE_WORDS[mode])))


def subject(reception) -> str:
    """The report's title: "Kết quả tiếp công dân trực tiếp của Chủ tịch UBND tỉnh năm
    2023"."""
    return (
        f"Kết quả {reception_words(reception.mode)} của Chủ tịch UBND tỉnh {reception.period.label}"
    )


def _periodic(r) -> str | None:
    t = r.kinds["periodic"]
    if not t.sessions and not t.hearings:
        return None
    text = (
        f"Chủ tịch UBND tỉnh tiếp định kỳ {count(t.sessions)} kỳ/{count(t.hearings)} lượt/"
        f"{people(t.citizens)} lượt công dân"
    )
    if t.group_hearings:
        text += (
            f" (tiếp {count(t.group_hearings)} lượt đoàn đông người/"
            f"{people(t.group_citizens)} lượt công dân)"
        )
    if r.areas:
        share = shares({place: n for place, n in r.areas})
        text += ", trong đó địa bàn " + ", ".join(
            f"{place.short} là {people(n)} lượt công dân (chiếm {share[place]})"
            for place, n in r.areas
        )
    return text + "."


def _special(r, kind: str) -> str | None:
    t = r.kinds[kind]
    if not t.sessions and not t.hearings:
        return None
    text = (
        f"Chủ tịch UBND tỉnh tiếp {count(t.sessions)} cuộc {SPECIAL_WORDS[kind]} với "
        f"{people(t.citizens)} lượt công dân"
    )
    if t.places:
        text += " của " + places_words(t.places)
    return text + "."


def headline(r) -> str:
    """The scheme's paragraph for a span: periodic sessions with the shares of their
    citizens by area, then ad hoc sessions, then central-request sessions, each with the
    places their citizens came from."""
    sentences = [s for s in (_periodic(r), *(_special(r, k) for k in SPECIAL_WORDS)) if s]
    if not sentences:
        sentences = ["Chủ tịch UBND tỉnh không tổ chức phiên tiếp công dân nào."]
    return f"{r.period.opening} {sentences[0]}" + "".join(f" {s}" for s in sentences[1:])


def _modes(f) -> str | None:
    total = f.total
    if not total.hearings:
        return None
    if f.reception.mode != "mixed":
        return (
            f"Các lượt tiếp trong kỳ đều là tiếp {MODE_WORDS[f.reception.mode]} "
            f"({count(total.hearings)} lượt)."
        )
    mode = shares({"online": total.online, "in_person": total.in_person})
    return (
        f"Tiếp trực tuyến {count(total.online)} lượt (chiếm {mode['online']}), "
        f"trực tiếp {count(total.in_person)} lượt (chiếm {mode['in_person']})."
    )


def _backlog(backlog: int, rolled_over: int, wait: str) -> str:
    """The queue at the period's end; an empty one said in words, not as "0 vụ việc"."""
    if not backlog:
        return (
            "Đến hết kỳ báo cáo không còn vụ việc nào đã được đồng ý tiếp mà chưa được "
            f"tiếp{wait}."
        )
    rolled = (
        f"{count(rolled_over)} vụ việc chưa đến lượt, chuyển sang kỳ sau"
        if rolled_over
        else "không có vụ việc nào phải chuyển sang kỳ sau"
    )
    return (
        f"Đến hết kỳ báo cáo còn {count(backlog)} vụ việc đã được đồng ý tiếp nhưng chưa "
        f"được tiếp; {rolled}{wait}."
    )


def summary(f) -> list[str]:
    """The report's opening paragraphs, in the scheme's words: the whole period, each of
    its calendar years when it spans several, then how the hearings were held, the
    backlog, the assignments and the connection tests."""
    lines = [headline(f.reception)] + [headline(year) for year in f.years]
    modes = _modes(f)
    if modes:
        lines.append(modes)
    wait = ""
    if f.wait_average is not None:
        wait = (
            f"; thời gian chờ từ khi đăng ký đến khi được tiếp bình quân "
            f"{decimal(f.wait_average)} ngày, dài nhất {round(f.wait_max)} ngày"
        )
    lines.append(_backlog(f.backlog, f.rolled_over, wait))
    a = f.assignments
    lines.append(
        f"Nhiệm vụ đến hạn trong kỳ: {count(a['due'])} (hoàn thành đúng hạn {count(a['on_time'])}, "
        f"hoàn thành quá hạn {count(a['late'])}); đang thực hiện {count(a['open'])}, trong đó "
        f"quá hạn {count(a['overdue'])}."
    )
    tests = sum(f.connection_tests.values())
    if tests:
        failed = tests - f.connection_tests.get("success", 0)
        lines.append(
            f"Kiểm tra kết nối điểm cầu: {count(tests)} lần, "
            + (
                f"không thành công hoặc thành công một phần {count(failed)} lần."
                if failed
                else "đều thành công."
            )
        )
    return lines

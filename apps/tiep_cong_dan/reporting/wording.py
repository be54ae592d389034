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


KIND_LABELS = {
    "complaint": "Khiếu nại",
    "denunciation": "Tố cáo",
    "recommendation": "Kiến nghị",
    "feedback": "Phản ánh",
}
MODE_LABELS = {"online": "Trực tuyến", "in_person": "Trực tiếp"}


def summary(f) -> list[str]:
    """The report's opening paragraphs, in the scheme's words."""
    lines = []
    periodic = f.attendance.get("periodic")
    if f.sessions.get("periodic"):
        line = (
            f"Chủ tịch UBND tỉnh tiếp công dân định kỳ {count(f.sessions['periodic'])} kỳ/"
            f"{count(periodic.hearings)} lượt/{count(periodic.citizens)} lượt công dân"
        )
        if periodic.group_hearings:
            line += (
                f" (tiếp {count(periodic.group_hearings)} lượt đoàn đông người/"
                f"{count(periodic.group_citizens)} lượt công dân)"
            )
        lines.append(line + ".")
    for kind, words in (("ad_hoc", "đột xuất"), ("central_request", "theo đề nghị của Trung ương")):
        if f.sessions.get(kind):
            a = f.attendance.get(kind)
            lines.append(
                f"Chủ tịch UBND tỉnh tiếp {count(f.sessions[kind])} cuộc {words} với "
                f"{count(a.citizens if a else 0)} lượt công dân."
            )
    if not lines:
        lines.append("Trong kỳ, Chủ tịch UBND tỉnh không tổ chức phiên tiếp công dân nào.")
    if f.by_unit:
        share = shares(dict(f.by_unit))
        parts = [
            f"{name} {count(people)} lượt công dân (chiếm {share[name]})"
            for name, people in f.by_unit
        ]
        lines.append("Theo địa bàn: " + "; ".join(parts) + ".")
    if f.total.hearings:
        mode = shares({k: v for k, v in f.by_mode.items()})
        lines.append(
            f"Tiếp trực tuyến {count(f.by_mode.get('online', 0))} lượt (chiếm {mode['online']}), "
            f"trực tiếp {count(f.by_mode.get('in_person', 0))} lượt (chiếm {mode['in_person']})."
        )
    wait = ""
    if f.wait_average is not None:
        wait = (
            f"; thời gian chờ từ khi đăng ký đến khi được tiếp bình quân "
            f"{decimal(f.wait_average)} ngày, dài nhất {round(f.wait_max)} ngày"
        )
    lines.append(
        f"Đến hết kỳ báo cáo còn {count(f.backlog)} vụ việc đã được đồng ý tiếp nhưng chưa "
        f"được tiếp; {count(f.rolled_over)} vụ việc chưa đến lượt, chuyển sang kỳ sau{wait}."
    )
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

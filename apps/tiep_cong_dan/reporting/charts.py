"""The report's charts as PNG (matplotlib, headless): embedded as data URIs in the HTML
the PDF and DOCX are made from. Text is in DejaVu Serif, which matplotlib ships with
every Vietnamese letter (its copy of Liberation may be the first version, without them)."""

import base64
import io

FONT = ["DejaVu Serif"]


def _figure(width_cm: float, height_cm: float):
    import logging

    import matplotlib

    matplotlib.use("Agg")  # no display: rendering only
    logging.getLogger("matplotlib").setLevel(logging.WARNING)  # its INFO chatter
    from matplotlib import pyplot as plt

    plt.rcParams.update({"font.family": "serif", "font.serif": FONT, "font.size": 9})
    return plt, plt.figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=150)


def _png(plt, fig) -> str:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=150)
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def shares_chart(rows: list[tuple[str, int, str]], title: str) -> str | None:
    """Horizontal bars: (area, citizens, share as written), largest first; the shares
    are the report's own (adding up to 100,0%)."""
    if not rows:
        return None
    rows = rows[:12]
    plt, fig = _figure(16, 1.2 + 0.6 * len(rows))
    ax = fig.add_subplot()
    labels = [name for name, _, _ in rows][::-1]
    values = [value for _, value, _ in rows][::-1]
    written = [share for _, _, share in rows][::-1]
    y = list(range(len(labels)))
    bars = ax.barh(y, values, color="#4a6fa5")
    ax.set_yticks(y, labels)
    for bar, value, share in zip(bars, values, written, strict=True):
        ax.text(
            bar.get_width(),
            bar.get_y() + bar.get_height() / 2,
            f" {value} ({share})",
            va="center",
            fontsize=8,
        )
    ax.set_title(title, fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(values) * 1.3)
    return _png(plt, fig)


def trend_chart(months: list, title: str) -> str | None:
    """Month by month (figures.TrendMonth): the periodic sessions' hearings and
    citizens, and the citizens of the ad hoc and central-request sessions."""
    if not months:
        return None
    plt, fig = _figure(16, 6)
    ax = fig.add_subplot()
    labels = [m.label for m in months]
    periodic = [m.kinds.get("periodic", (0, 0)) for m in months]
    others = [m.citizens - c for m, (_, c) in zip(months, periodic, strict=True)]
    ax.plot(
        labels, [h for h, _ in periodic], marker="o", color="#4a6fa5", label="Lượt tiếp định kỳ"
    )
    ax.plot(
        labels, [c for _, c in periodic], marker="s", color="#c0504d", label="Lượt công dân định kỳ"
    )
    ax.plot(
        labels,
        others,
        marker="^",
        color="#9bbb59",
        label="Lượt công dân đột xuất, theo yêu cầu Trung ương",
    )
    ax.set_title(title, fontsize=10)
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="x", labelrotation=45, labelsize=7)
    ax.set_ylim(bottom=0)
    return _png(plt, fig)

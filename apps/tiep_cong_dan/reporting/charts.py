"""The report's charts as PNG (matplotlib, headless): embedded as data URIs in the HTML
the PDF and DOCX are made from. Text is in DejaVu Serif, which matplotlib ships with
every Vietnamese letter (its copy of Liberation may be the first version, without them)."""

import base64
import io

from .wording import decimal

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


def shares_chart(rows: list[tuple[str, int]], title: str) -> str | None:
    """Horizontal bars: citizens heard by unit, largest first, with their share."""
    if not rows:
        return None
    rows = rows[:12]
    total = sum(v for _, v in rows) or 1
    plt, fig = _figure(16, 1.2 + 0.6 * len(rows))
    ax = fig.add_subplot()
    labels = [name for name, _ in rows][::-1]
    values = [value for _, value in rows][::-1]
    y = list(range(len(labels)))
    bars = ax.barh(y, values, color="#4a6fa5")
    ax.set_yticks(y, labels)
    for bar, value in zip(bars, values, strict=True):
        ax.text(
            bar.get_width(),
            bar.get_y() + bar.get_height() / 2,
            f" {value} ({decimal(value * 100 / total)}%)",
            va="center",
            fontsize=8,
        )
    ax.set_title(title, fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(values) * 1.3)
    return _png(plt, fig)


def trend_chart(months: list[tuple[str, int, int]], title: str) -> str | None:
    """Hearings and citizens month by month."""
    if not months:
        return None
    plt, fig = _figure(16, 6)
    ax = fig.add_subplot()
    labels = [m for m, _, _ in months]
    ax.plot(labels, [h for _, h, _ in months], marker="o", color="#4a6fa5", label="Lượt tiếp")
    ax.plot(labels, [c for _, _, c in months], marker="s", color="#c0504d", label="Lượt công dân")
    ax.set_title(title, fontsize=10)
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="x", labelrotation=45, labelsize=7)
    ax.set_ylim(bottom=0)
    return _png(plt, fig)

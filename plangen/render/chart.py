"""The progress chart (完成进度 against 时间进度) as a reproducible PNG."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import matplotlib

from plangen.compute.review import ChartRow, TrendPanel
from plangen.errors import PlanError
from plangen.lookup import find
from plangen.messages import _
from plangen.render import pinned

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402


def chart_font(search: list[Path], traditional: bool) -> font_manager.FontProperties:
    """The pinned face of fonts.yaml's chart: entry, so labels look the same on every
    machine and traditional characters are never drawn as boxes."""
    spec = pinned.table(search)
    name = spec.get("chart", {}).get("traditional" if traditional else "simplified", "")
    path = pinned.locate(name, spec)
    if path is None:
        pinned.require(search)  # a pinned file missing: names the package to install
        raise PlanError.single(
            find(search, pinned.TABLE),
            _("the chart font '{name}' is not one of the pinned files", name=name),
            _("name a file listed under files: in chart:"),
        )
    return font_manager.FontProperties(fname=str(path))


def progress_chart(
    rows: list[ChartRow], elapsed: float, labels: dict[str, Any], font: font_manager.FontProperties
) -> bytes:
    """Horizontal bars of progress per indicator, each labelled with its figure, and the
    elapsed-time line; reversed indicators draw red bars to the left of zero. PNG bytes."""
    height = max(2.8, 0.42 * len(rows) + 1.6)
    fig, ax = plt.subplots(figsize=(7.2, height), dpi=150)
    shown = rows[::-1]
    values = [max(-100.0, min(150.0, row.progress * 100)) for row in shown]
    colors = [
        "#2f6f4f" if row.capped or v >= elapsed * 100 else "#b8860b" if v > 0 else "#a52a2a"
        for row, v in zip(shown, values, strict=True)
    ]
    ax.barh(range(len(shown)), values, color=colors, height=0.6)
    for y, (row, v) in enumerate(zip(shown, values, strict=True)):
        text = labels["capped"] if row.capped else f"{row.progress * 100:.1f}%"
        ax.text(
            v + (1.5 if v >= 0 else -1.5),
            y,
            text,
            va="center",
            ha="left" if v >= 0 else "right",
            fontsize=7,
            fontproperties=font,
        )
    marks = [
        (max(-100.0, min(150.0, row.projected * 100)), y)
        for y, row in enumerate(shown)
        if row.projected is not None
    ]
    if marks:
        ax.scatter(
            [x for x, _ in marks],
            [y for _, y in marks],
            marker="D",
            s=18,
            facecolors="none",
            edgecolors="#1f3a93",
            linewidths=1.0,
            zorder=3,
            label=labels["projected"],
        )
    ax.axvline(
        elapsed * 100,
        color="#1f3a93",
        linestyle="--",
        linewidth=1.2,
        label=f"{labels['elapsed']} {elapsed * 100:.0f}%",
    )
    ax.axvline(0, color="#444444", linewidth=0.6)
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([row.name for row in shown], fontproperties=font, fontsize=8)
    ax.set_xlabel(labels["x_axis"], fontproperties=font, fontsize=9)
    ax.set_title(labels["title"], fontproperties=font, fontsize=11)
    ax.legend(prop=font, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, frameon=False)
    reach = values + [x for x, _ in marks]
    ax.set_xlim(min(-10, min(reach, default=0) - 14), max(125, max(reach, default=0) + 16))
    ax.grid(axis="x", linewidth=0.3)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def trend_chart(
    panels: list[TrendPanel], labels: dict[str, Any], font: font_manager.FontProperties
) -> bytes:
    """Small multiples: each lagging indicator's path against the line from base to target."""
    cols = min(3, len(panels))
    rows = (len(panels) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(7.2, 2.3 * rows + 0.6), dpi=150, squeeze=False)
    for ax, panel in zip(axes.flat, panels, strict=False):
        (x0, y0), (x1, y1) = panel.line
        ax.plot([x0, x1], [y0, y1], color="#888888", linestyle="--", linewidth=1.0)
        xs, ys = zip(*panel.points, strict=True)
        ax.plot(xs, ys, color="#a52a2a", marker="o", markersize=3, linewidth=1.4)
        if panel.projected is not None:
            px, py = panel.projected
            ax.plot([xs[-1], px], [ys[-1], py], color="#a52a2a", linestyle=":", linewidth=1.0)
            ax.scatter([px], [py], marker="D", s=16, facecolors="none", edgecolors="#1f3a93")
        ax.set_title(panel.name, fontproperties=font, fontsize=7.5)
        ax.tick_params(labelsize=6.5)
        ax.set_xticks(range(x0, x1 + 1))
        ax.grid(linewidth=0.3)
    for ax in list(axes.flat)[len(panels) :]:
        ax.axis("off")
    handles = [
        plt.Line2D([], [], color="#a52a2a", marker="o", markersize=3, label=labels["actual"]),
        plt.Line2D([], [], color="#888888", linestyle="--", label=labels["planned"]),
        plt.Line2D(
            [], [], color="#1f3a93", marker="D", linestyle="none", fillstyle="none",
            label=labels["projected_value"],
        ),
    ]  # fmt: skip
    fig.legend(handles=handles, prop=font, loc="lower center", ncol=3, frameon=False)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()

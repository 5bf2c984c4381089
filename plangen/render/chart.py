"""The progress chart (完成进度 against 时间进度) as a reproducible PNG."""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

# Free CJK faces first found on the machine; the standard ones if an office PC has them.
CJK_FAMILIES = [
    "SimHei",
    "黑体",
    "FandolHei",
    "Noto Sans CJK SC",
    "AR PL UKai CN",
    "Noto Serif CJK SC",
]


def cjk_font() -> font_manager.FontProperties | None:
    """A font that has Chinese glyphs, so labels are not drawn as boxes."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in names:
            return font_manager.FontProperties(family=family)
    for path in font_manager.findSystemFonts():
        if any(k in path for k in ("Fandol", "NotoSansCJK", "ukai", "uming")):
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path)
    return None


def progress_chart(rows: list[tuple[str, float]], elapsed: float, labels: dict[str, Any]) -> bytes:
    """Horizontal bars of progress per indicator with the elapsed-time line; PNG bytes."""
    font = cjk_font()
    height = max(2.5, 0.42 * len(rows) + 1.2)
    fig, ax = plt.subplots(figsize=(7.2, height), dpi=150)
    names = [name for name, _ in rows][::-1]
    values = [max(-50.0, min(150.0, value * 100)) for _, value in rows][::-1]
    colors = [
        "#2f6f4f" if v >= elapsed * 100 else "#b8860b" if v > 0 else "#a52a2a" for v in values
    ]
    ax.barh(range(len(rows)), values, color=colors, height=0.6)
    ax.axvline(
        elapsed * 100,
        color="#1f3a93",
        linestyle="--",
        linewidth=1.2,
        label=f"{labels['elapsed']} {elapsed * 100:.0f}%",
    )
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(names, fontproperties=font, fontsize=8)
    ax.set_xlabel(labels["x_axis"], fontproperties=font, fontsize=9)
    ax.set_title(labels["title"], fontproperties=font, fontsize=11)
    ax.legend(prop=font, loc="upper right", framealpha=0.9)
    ax.set_xlim(min(-10, min(values, default=0) - 5), max(110, max(values, default=0) + 5))
    ax.grid(axis="x", linewidth=0.3)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()

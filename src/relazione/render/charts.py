"""Bar charts of achievement (per area, per strategic objective) as PNG bytes for the Word reports.

matplotlib is imported lazily: only rendering with a chart pays its import time.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

VERDICT_COLOURS = {"green": "#2E7D32", "amber": "#F9A825", "red": "#C62828", "none": "#9E9E9E"}
MAX_LABEL_CHARS = 40
INSIDE_FROM = 50.0  # percent: a bar at least this long holds its annotation inside


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float | None  # percent; None: not computed (drawn as an empty bar, labelled n.d.)
    colour: str  # a key of VERDICT_COLOURS: the verdict the text shows for the same item
    stated: str = ""  # the stated verdict when it disagrees with the computed one: printed beside the value


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def bar_chart(bars: list[Bar], title: str) -> bytes:
    """Horizontal bars, one per item, coloured by verdict, with the value printed at the end."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    height = 0.9 + 0.32 * len(bars)
    fig, ax = plt.subplots(figsize=(7.0, height), dpi=130)
    try:
        labels = [_short(b.label) for b in bars][::-1]
        values = [b.value or 0.0 for b in bars][::-1]
        colours = [VERDICT_COLOURS.get(b.colour, VERDICT_COLOURS["none"]) for b in bars][::-1]
        ax.barh(range(len(bars)), values, color=colours, height=0.62)
        for y, bar in enumerate(bars[::-1]):
            text = "n.d." if bar.value is None else f"{bar.value:.2f}%".replace(".", ",")
            end = min(bar.value or 0.0, 100.0)
            if bar.stated and end >= INSIDE_FROM:  # the marked verdict is long: written inside the bar, not cut
                ax.text(end - 1.0, y, f"{text} (dichiarato: {bar.stated})", va="center", ha="right", fontsize=7,
                        color="white")
            else:
                ax.text(end + 1.0, y, text + (f" (dichiarato: {bar.stated})" if bar.stated else ""), va="center",
                        fontsize=7)
        ax.set_yticks(range(len(bars)), labels, fontsize=7)
        ax.set_xlim(0, 112)
        ax.set_xlabel("Grado di raggiungimento (%)", fontsize=8)
        ax.set_title(title, fontsize=9, loc="left")
        ax.tick_params(axis="x", labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
        # fixed margins (inches) instead of tight_layout: it measures every label and doubles the time
        fig.subplots_adjust(left=0.46, right=0.97, top=1 - 0.32 / height, bottom=0.48 / height)
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)

"""The report's charts: bar charts drawn by matplotlib's SVG backend, returned as inline SVG text.

No pyplot (no global state, no display), text kept as SVG text (small, and selectable),
mathtext off (a department called "$$$" stays text), fixed ids so that the same figures
give the same file. Every chart is decorative for a screen reader: the page follows each
with its data table (`page.py`), and the SVG itself is `aria-hidden`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

PRIMARY = "#1d4e89"
PALETTE = ("#1d4e89", "#e4572e", "#2a9d8f", "#8d6a9f", "#e9c46a")
_STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "academy-report",
    "text.parse_math": False,
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
#: Longest label drawn in a chart; the table beside it has the whole text.
LABEL_LIMIT = 38


def _short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= LABEL_LIMIT else label[: LABEL_LIMIT - 1] + "…"


def _svg(figure: Figure, chart_id: str) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context({**_STYLE, "svg.id": chart_id}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    text = buffer.getvalue()
    start = text.find("<svg")
    svg = text[start:] if start >= 0 else text
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)  # RDF boilerplate: bytes, no meaning
    # Ids inside the SVG (clip paths, glyph styles) must not collide between the charts of one page.
    return (
        re.sub(r'id="([^"]+)"', rf'id="{chart_id}-\1"', svg)
        .replace("url(#", f"url(#{chart_id}-")
        .replace('xlink:href="#', f'xlink:href="#{chart_id}-')
    )


def bars(
    chart_id: str,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    horizontal: bool = True,
    axis: str = "",
    percent: bool = False,
) -> str:
    """One series of bars, labelled with their values."""
    with matplotlib.rc_context(_STYLE):
        height = max(1.6, 0.32 * len(labels) + 0.8) if horizontal else 2.6
        figure = Figure(figsize=(7.0, height), layout="constrained")
        ax = figure.add_subplot()
        names = [_short(label) for label in labels]
        positions = list(range(len(names)))
        if horizontal:
            drawn = ax.barh(positions, values, color=PRIMARY)
            ax.set_yticks(positions, names)
            ax.invert_yaxis()
            ax.set_xlabel(axis)
        else:
            drawn = ax.bar(positions, values, color=PRIMARY)
            ax.set_xticks(
                positions, names, rotation=45 if len(names) > 8 else 0, ha="right" if len(names) > 8 else "center"
            )
            ax.set_ylabel(axis)
        ax.bar_label(drawn, labels=[_value(v, percent) for v in values], padding=2, fontsize=8)
        if not percent:
            (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
        if percent:
            (ax.set_xlim if horizontal else ax.set_ylim)(0, 110)
        else:
            top = max(values, default=0)
            (ax.set_xlim if horizontal else ax.set_ylim)(0, top * 1.15 + 1)
        return _svg(figure, chart_id)


def grouped(
    chart_id: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    axis: str = "",
    percent: bool = False,
) -> str:
    """Several series side by side per label (horizontal bars), with a legend."""
    with matplotlib.rc_context(_STYLE):
        count = max(1, len(series))
        figure = Figure(figsize=(7.0, max(1.8, (0.22 * count + 0.18) * len(labels) + 1.0)), layout="constrained")
        ax = figure.add_subplot()
        width = 0.8 / count
        for n, (name, values) in enumerate(series):
            positions = [i - 0.4 + width * (n + 0.5) for i in range(len(labels))]
            drawn = ax.barh(positions, values, height=width, label=_short(name), color=PALETTE[n % len(PALETTE)])
            ax.bar_label(drawn, labels=[_value(v, percent) for v in values], padding=2, fontsize=7)
        ax.set_yticks(list(range(len(labels))), [_short(label) for label in labels])
        ax.invert_yaxis()
        ax.set_xlabel(axis)
        if not percent:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if percent:
            ax.set_xlim(0, 115)
        else:
            top = max((v for _, values in series for v in values), default=0)
            ax.set_xlim(0, top * 1.2 + 1)
        ax.legend(loc="lower right", fontsize=8, frameon=False)
        return _svg(figure, chart_id)


def _value(value: float, percent: bool) -> str:
    if percent:
        return f"{value:.0f} %"
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"

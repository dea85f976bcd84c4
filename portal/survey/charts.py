"""Server-drawn SVG charts of the index and the plans' shares: coordinates only, the template draws them.

Bars run from the inline start, so an RTL page gets bars growing from the right; the
numbers are on the 0-100 scale (a share is drawn as its percentage). A suppressed row has no
bar: the table says "fewer than 5".
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.survey.nki import IndexRow, Score

WIDTH = 300  # the plot's width in SVG units; the SVG scales to the page
ROW = 40
BAR = 16


@dataclass(frozen=True)
class Bar:
    label: str
    y: int  # the bar's top; its label's baseline is 6 units above
    x: float
    width: float
    ci_x1: float | None
    ci_x2: float | None
    value: float | None
    series: str  # a CSS class: "all", "woman", "man", ...
    heading: bool = False  # a label over the bars after it, with no bar of its own


def _x(value: float, rtl: bool) -> float:
    return WIDTH - value / 100 * WIDTH if rtl else value / 100 * WIDTH


def bars(rows: list[tuple[str, str, Score | None]], *, rtl: bool) -> tuple[list[Bar], int]:
    """One bar per (label, series, score), with its confidence interval; returns the bars and the height.

    A row without a score is a heading for the bars after it (an activity type over its women
    and men), so their own labels stay short enough to fit the chart's width.
    """
    out = []
    for i, (label, series, score) in enumerate(rows):
        y = i * ROW + ROW - BAR - 4  # the label sits above the bar
        if score is None:
            out.append(Bar(label, y, 0, 0, None, None, None, series, heading=True))
            continue
        if score.value is None:
            out.append(Bar(label, y, 0, 0, None, None, None, series))
            continue
        length = min(score.value, 100) / 100 * WIDTH  # more than full time still ends at the edge
        x = WIDTH - length if rtl else 0.0
        low = _x(score.low, rtl) if score.low is not None else None
        high = _x(score.high, rtl) if score.high is not None else None
        out.append(Bar(label, y, x, length, low, high, score.value, series))
    return out, max(ROW, len(rows) * ROW)


@dataclass(frozen=True)
class Point:
    label: str
    x: float
    y: float
    ci_y1: float | None
    ci_y2: float | None


HEIGHT = 160


def series(rows: list[tuple[str, IndexRow]], *, rtl: bool) -> list[Point]:
    """The NKI per period as points left to right (right to left on an RTL page); suppressed periods are gaps."""
    if not rows:
        return []
    step = WIDTH / max(1, len(rows) - 1) if len(rows) > 1 else 0
    points = []
    for i, (label, row) in enumerate(rows):
        if row.nki.value is None:
            continue
        x = WIDTH / 2 if len(rows) == 1 else i * step
        if rtl:
            x = WIDTH - x
        points.append(
            Point(
                label,
                x,
                HEIGHT - row.nki.value / 100 * HEIGHT,
                HEIGHT - row.nki.low / 100 * HEIGHT if row.nki.low is not None else None,
                HEIGHT - row.nki.high / 100 * HEIGHT if row.nki.high is not None else None,
            )
        )
    return points

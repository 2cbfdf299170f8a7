"""The report's chart: daily pain and stiffness as an inline SVG line chart, hand-built so the
page needs no script and fetches nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from psoas_tui.core.dates import short_day
from psoas_tui.core.report.model import ReportDay
from psoas_tui.core.signs import Level

#: The chart's lines step over at most this many days in a row with nothing logged.
CHART_MAX_GAP = 3


def chart_svg(days: Sequence[ReportDay]) -> str:
    """Daily pain (solid) and stiffness (dashed) as an inline SVG line chart, no script."""
    width, height = 720.0, 250.0
    left, right, top, bottom = 34.0, 12.0, 30.0, 34.0
    plot_width, plot_height = width - left - right, height - top - bottom
    step = plot_width / max(1, len(days))

    def x(index: int) -> float:
        return left + (index + 0.5) * step

    def y(score: int) -> float:
        return top + (10 - score) / 10 * plot_height

    shapes: list[str] = [
        f'<rect x="{left}" y="{top}" width="{plot_width}" height="{plot_height}" '
        'fill="#fafafa" stroke="#999" stroke-width="0.8"/>'
    ]
    for score in range(0, 11, 2):
        shapes.append(
            f'<line x1="{left}" y1="{y(score):.1f}" x2="{width - right}" y2="{y(score):.1f}" '
            'stroke="#ddd" stroke-width="0.8"/>'
        )
        shapes.append(
            f'<text x="{left - 6}" y="{y(score) + 3.5:.1f}" text-anchor="end">{score}</text>'
        )
    every = max(1, round(len(days) / 8 / 7)) * 7
    for index, report_day in enumerate(days):
        if index % every == 0:
            shapes.append(
                f'<line x1="{x(index):.1f}" y1="{top + plot_height}" x2="{x(index):.1f}" '
                f'y2="{top + plot_height + 4}" stroke="#666"/>'
                f'<text x="{x(index):.1f}" y="{top + plot_height + 16}" text-anchor="middle">'
                f"{short_day(report_day.day)}</text>"
            )
    markers = len(days) <= 62
    for name, values, style in (
        ("stiffness", [day.stiffness for day in days], 'stroke="#1f4e99" stroke-dasharray="6 3"'),
        ("pain", [day.pain for day in days], 'stroke="#a3121f"'),
    ):
        shapes += _series(name, values, style, x, y, markers)
    for index, report_day in enumerate(days):
        if report_day.level is not None:
            urgent = report_day.level is not Level.soon
            cx = x(index)
            shapes.append(
                f'<path class="sign-mark" d="M{cx - 5:.1f},{top - 12} L{cx + 5:.1f},{top - 12} '
                f'L{cx:.1f},{top - 3} Z" fill="{"#222" if urgent else "#fff"}" stroke="#222"/>'
            )
    legend = (
        f'<g transform="translate({left},12)">'
        '<line x1="0" y1="0" x2="24" y2="0" stroke="#a3121f" stroke-width="2.2"/>'
        '<text x="30" y="4">pain</text>'
        '<line x1="80" y1="0" x2="104" y2="0" stroke="#1f4e99" stroke-width="2.2" '
        'stroke-dasharray="6 3"/><text x="110" y="4">stiffness</text></g>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-label="Daily pain and stiffness, 0 to 10" font-size="11" '
        'font-family="Helvetica, Arial, sans-serif" fill="#222">'
        "<title>Daily pain and stiffness</title>" + legend + "".join(shapes) + "</svg>"
    )


def _series(
    name: str,
    values: Sequence[int | None],
    style: str,
    x: Callable[[int], float],
    y: Callable[[int], float],
    markers: bool,
) -> list[str]:
    """A line through the logged days, broken where more than ``CHART_MAX_GAP`` days in a row
    were not logged, and a marker on each logged day (on a long period, on lone days only)."""
    logged = [(index, value) for index, value in enumerate(values) if value is not None]
    runs: list[list[tuple[int, int]]] = []
    for index, value in logged:
        if runs and index - runs[-1][-1][0] - 1 <= CHART_MAX_GAP:
            runs[-1].append((index, value))
        else:
            runs.append([(index, value)])
    width = 2.2 if markers else 1.3
    shapes = [
        f'<polyline class="{name}" points="{" ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in run)}" '
        f'fill="none" {style} stroke-width="{width}" stroke-linejoin="round"/>'
        for run in runs
        if len(run) > 1
    ]
    colour = "#a3121f" if name == "pain" else "#1f4e99"
    for run in runs:
        if not markers and len(run) > 1:
            continue
        for index, value in run:
            if name == "pain":
                shapes.append(
                    f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" r="2.8" fill="{colour}"/>'
                )
            else:
                shapes.append(
                    f'<rect x="{x(index) - 2.6:.1f}" y="{y(value) - 2.6:.1f}" width="5.2" '
                    f'height="5.2" fill="#fff" stroke="{colour}" stroke-width="1.4"/>'
                )
    return shapes

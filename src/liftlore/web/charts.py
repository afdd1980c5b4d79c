"""Charts drawn here as inline SVG: a line chart over dates and a horizontal bar chart with a marked band.

No chart library and nothing from a CDN: a chart is a small pure function from figures to markup. Colours are
never written into the markup (the Content-Security-Policy forbids inline styles, and dark mode needs them to
change): every part carries a CSS class (`series-0`, `chart-bar`, `chart-band` ...) that insight.css colours.
Series are told apart by marker shape as well as colour, so the chart reads without colour vision.

The drawing is sized for a phone: the viewBox is about as wide as a phone's screen in CSS pixels, so the text in
it stays near its nominal size there and grows a little on a wider screen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

__all__ = ["Chart", "Series", "bar_chart", "line_chart"]

WIDTH = 360
LINE_HEIGHT = 240
FONT = 12.5  # nominal text size in viewBox units
CHAR_WIDTH = 7.0  # a rough average glyph width at FONT, to lay out legends and labels without measuring text
TICK_CHAR_WIDTH = 6.6  # the same for the smaller tick labels (insight.css: .chart-tick)
PAD = 8
Y_LABEL_WIDTH = 46  # room left of the plot for the y axis' tick labels
X_LABEL_HEIGHT = 24
LEGEND_ROW = 20
MARKERS = ("circle", "square", "diamond")  # by tone, so series differ by shape too
MAX_LABEL = 34  # characters of a label drawn in the chart; the full label is in its <title> and in the alt text


@dataclass(frozen=True)
class Series:
    label: str  # "Left", "Right", "Both sides", an exercise's name
    points: Sequence[tuple[date, float]]  # oldest first
    tone: int = 0  # 0, 1, 2 ...: a colour from the palette, set in CSS (series-0, series-1, ...)


@dataclass(frozen=True)
class Chart:
    svg: Markup  # an <svg role="img" aria-labelledby=...> element
    alt: str  # a one- or two-sentence text alternative that states the figures


# -- numbers, dates and text -----------------------------------------------------------------------------------------


def _num(value: float) -> str:
    """A coordinate: one decimal at most."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def figure(value: float, places: int = 1) -> str:
    """A figure as people read it, to `places` decimals at most: 57.5, 58 (no trailing .0), -0 shown as 0."""
    text = f"{round(value, places):.{places}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def with_unit(value: float, unit: str, places: int = 1) -> str:
    shown = figure(value, places)
    if not unit:
        return shown
    return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}"


def _day(day: date, *, year: bool) -> str:
    return f"{day.day} {day:%b} {day.year}" if year else f"{day.day} {day:%b}"


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _text(x: float, y: float, text: str, css: str, anchor: str = "start") -> str:
    return f'<text class="{css}" x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}">{escape(text)}</text>'


# -- scales ----------------------------------------------------------------------------------------------------------


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """About `count` round tick values covering low..high (1, 2, 2.5 or 5 times a power of ten apart).

    Equal ends are widened around the value first (so one value, or a flat line, sits mid-chart)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        low, high = 0.0, 1.0
    if high < low:
        low, high = high, low
    if high == low:
        spread = max(abs(low) * 0.1, 1.0)
        low, high = low - spread, high + spread
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    n = round((last - first) / step)
    return [round(first + i * step, 10) for i in range(n + 1)]


def _date_ticks(first: date, last: date, count: int = 4) -> list[date]:
    """Up to `count` distinct dates from first to last, both ends included, evenly spread."""
    span = (last - first).days
    if span <= 0:
        return [first]
    steps = min(count - 1, span)
    return list(dict.fromkeys(date.fromordinal(first.toordinal() + round(span * i / steps)) for i in range(steps + 1)))


# -- the alt text ----------------------------------------------------------------------------------------------------


def _trend(series: Series, unit: str) -> str:
    """One series in words: where it started and ended, and its peak when that was neither."""
    values = [value for _, value in series.points]
    if len(values) == 1:
        day = series.points[0][0]
        return f"{series.label}: {with_unit(values[0], unit)} on {_day(day, year=True)}"
    first, last, peak = values[0], values[-1], max(values)
    sessions = f"over {len(values)} sessions"
    if len({figure(v) for v in values}) == 1:
        return f"{series.label} stayed at {with_unit(first, unit)} {sessions}"
    if figure(first) == figure(last):
        said = f"{series.label} started and ended at {with_unit(first, unit)} {sessions}"
    else:
        verb = "rose" if last > first else "fell"
        said = f"{series.label} {verb} from {figure(first)} to {with_unit(last, unit)} {sessions}"
    if figure(peak) not in (figure(first), figure(last)):
        said += f", peaking at {with_unit(peak, unit)}"
    return said


def _line_alt(title: str, drawn: Sequence[Series], unit: str) -> str:
    if not drawn:
        return f"{title}: no data yet."
    days = sorted(day for s in drawn for day, _ in s.points)
    span = (
        f" ({_day(days[0], year=days[0].year != days[-1].year)} to {_day(days[-1], year=True)})"
        if days[0] != days[-1] and any(len(s.points) > 1 for s in drawn)
        else ""
    )
    return f"{title}{span}: " + "; ".join(_trend(s, unit) for s in drawn) + "."


# -- the line chart --------------------------------------------------------------------------------------------------


def _marker(shape: str, x: float, y: float, tip: str, data: str = "") -> str:
    """One point's mark (circle, square or diamond), with its figures in a tooltip; `data` adds attributes."""
    if shape == "square":
        body = f'<rect class="chart-point" x="{_num(x - 3.5)}" y="{_num(y - 3.5)}" width="7" height="7"{data}>'
        end = "</rect>"
    elif shape == "diamond":
        corners = (
            f"{_num(x)},{_num(y - 4.5)} {_num(x + 4.5)},{_num(y)} {_num(x)},{_num(y + 4.5)} {_num(x - 4.5)},{_num(y)}"
        )
        body = f'<polygon class="chart-point" points="{corners}"{data}>'
        end = "</polygon>"
    else:
        body = f'<circle class="chart-point" cx="{_num(x)}" cy="{_num(y)}" r="3.8"{data}>'
        end = "</circle>"
    return f"{body}<title>{escape(tip)}</title>{end}"


def _legend(series: Sequence[Series], top: float) -> tuple[list[str], float]:
    """The legend's items, wrapped into rows across the width; returns the parts and the height used."""
    parts: list[str] = []
    x, y = float(PAD), top + FONT
    for item in series:
        label = _short(item.label)
        width = 26 + len(label) * CHAR_WIDTH + 14
        if x > PAD and x + width > WIDTH - PAD:
            x, y = PAD, y + LEGEND_ROW
        shape = MARKERS[item.tone % len(MARKERS)]
        key = _marker(shape, x + 11, y - 4, item.label)
        parts.append(
            f'<g class="chart-legend-item series-{item.tone}">'
            f'<line class="chart-line" x1="{_num(x)}" y1="{_num(y - 4)}" x2="{_num(x + 22)}" y2="{_num(y - 4)}"/>'
            f"{key}{_text(x + 27, y, label, 'chart-legend-text')}</g>"
        )
        x += width
    return parts, (y - top) + 8


def _svg(chart_id: str, css: str, height: float, title: str, alt: str, body: str) -> Markup:
    ident = escape(chart_id)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" viewBox="0 0 {WIDTH} {_num(height)}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" id="{ident}">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(alt)}</desc>'
        f"{body}</svg>"
    )


def _empty(title: str, chart_id: str, css: str, alt: str) -> Chart:
    height = 90
    body = f'<rect class="chart-frame" x="0.5" y="0.5" width="{WIDTH - 1}" height="{height - 1}" rx="6"/>' + _text(
        WIDTH / 2, height / 2 + FONT / 3, "No data yet", "chart-empty", "middle"
    )
    return Chart(_svg(chart_id, css, height, title, alt, body), alt)


def line_chart(
    title: str,
    series: Sequence[Series],
    *,
    unit: str,
    chart_id: str,
    guide: float | None = None,
    guide_label: str = "",
    include: Sequence[float] = (),
) -> Chart:
    """Each series as a line through its points over dates, each point marked (so a one-session series shows).

    The x axis is time (points sit at their dates); the y axis is scaled to the values with round ticks. `guide`
    draws a dashed horizontal reference line (e.g. the symmetry flag's threshold), labelled `guide_label`; the y
    axis reaches every value of `include` too (100 for a percentage of the stronger side, so 90 does not look
    like the top)."""
    drawn = [s for s in series if s.points]
    alt = _line_alt(title, drawn, unit)
    if not drawn:
        return _empty(title, chart_id, "chart-line-chart", alt)
    legend, legend_height = _legend(drawn, PAD)
    top = PAD + legend_height + 6
    bottom = LINE_HEIGHT - X_LABEL_HEIGHT
    left, right = Y_LABEL_WIDTH + PAD, WIDTH - PAD - 10
    values = [v for s in drawn for _, v in s.points] + ([guide] if guide is not None else []) + list(include)
    ticks = nice_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]
    days = [d for s in drawn for d, _ in s.points]
    first, last = min(days), max(days)
    span = (last - first).days

    def x_of(day: date) -> float:
        return (left + right) / 2 if span == 0 else left + (right - left) * (day - first).days / span

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * (value - low) / (high - low)

    parts = [f'<g class="chart-legend">{"".join(legend)}</g>', '<g class="chart-grid">']
    for tick in ticks:
        y = y_of(tick)
        parts.append(f'<line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(right)}" y2="{_num(y)}"/>')
    parts.append('</g><g class="chart-axis chart-y-axis">')
    parts += [_text(left - 6, y_of(t) + FONT / 3, with_unit(t, unit, 2), "chart-tick", "end") for t in ticks]
    parts.append('</g><g class="chart-axis chart-x-axis">')
    parts.append(
        f'<line class="chart-baseline" x1="{_num(left)}" y1="{_num(bottom)}" x2="{_num(right)}" y2="{_num(bottom)}"/>'
    )
    several_years = first.year != last.year
    # As many dates as fit without touching: an end label hangs inward from its end, the others are centred.
    label_width = len(_day(last, year=several_years)) * TICK_CHAR_WIDTH
    fit = int((right - left) // (1.5 * label_width + 10)) + 1
    date_ticks = _date_ticks(first, last, max(2, min(4, fit)))
    for i, day in enumerate(date_ticks):
        x = x_of(day)
        anchor = (
            "middle" if len(date_ticks) == 1 else "start" if i == 0 else "end" if i == len(date_ticks) - 1 else "middle"
        )
        parts.append(
            f'<line class="chart-tick-mark" x1="{_num(x)}" y1="{_num(bottom)}" x2="{_num(x)}" y2="{_num(bottom + 4)}"/>'
        )
        parts.append(_text(x, bottom + 4 + FONT + 2, _day(day, year=several_years), "chart-tick", anchor))
    parts.append("</g>")
    if guide is not None:
        y = y_of(guide)
        parts.append(
            f'<g class="chart-guide"><line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(right)}" y2="{_num(y)}"/>'
            + (_text(right, y - 4, guide_label, "chart-guide-text", "end") if guide_label else "")
            + "</g>"
        )
    for item in reversed(drawn):  # the first series is drawn last, on top, where two lines meet
        shape = MARKERS[item.tone % len(MARKERS)]
        coords = [(x_of(d), y_of(v)) for d, v in item.points]
        line = " ".join(f"{_num(x)},{_num(y)}" for x, y in coords)
        marks = "".join(
            _marker(
                shape,
                x,
                y,
                f"{item.label}, {_day(d, year=True)}: {with_unit(v, unit)}",
                f' data-date="{d.isoformat()}" data-value="{figure(v)}"',
            )
            for (x, y), (d, v) in zip(coords, item.points, strict=True)
        )
        polyline = f'<polyline class="chart-line" points="{line}"/>' if len(coords) > 1 else ""
        parts.append(
            f'<g class="chart-series series-{item.tone}" data-label="{escape(item.label)}">{polyline}{marks}</g>'
        )
    return Chart(_svg(chart_id, "chart-line-chart", LINE_HEIGHT, title, alt, "".join(parts)), alt)


# -- the bar chart ---------------------------------------------------------------------------------------------------

BAR_ROW = 37  # a label line above each bar, then the bar
BAR_THICK = 13
BAR_PLACES = 2  # credited sets come in quarters (a secondary muscle's share of a set on one side)


def _bar_alt(title: str, bars: Sequence[tuple[str, float]], unit: str, band: float | None) -> str:
    if not bars:
        return f"{title}: no data yet."
    listed = ", ".join(f"{label} {with_unit(value, unit, BAR_PLACES)}" for label, value in bars)
    if band is None:
        return f"{title}: {listed}."
    reached = sum(1 for _, value in bars if value >= band)
    return f"{title}: {listed}. {reached} of {len(bars)} at or above {with_unit(band, unit)}."


def bar_chart(
    title: str, bars: Sequence[tuple[str, float]], *, unit: str, chart_id: str, band: float | None = None
) -> Chart:
    """One horizontal bar per (label, value), in the order given, from zero; a dashed line marks `band` (the
    10-set line), and a bar at or past it carries the class `reached`. Each bar's label sits above it, so long
    names get the full width of a phone."""
    alt = _bar_alt(title, bars, unit, band)
    if not bars:
        return _empty(title, chart_id, "chart-bar-chart", alt)
    top = PAD + 16 if band is not None else PAD
    left, right = PAD, WIDTH - PAD - 40  # room right of the longest bar for its value
    values = [max(0.0, value) for _, value in bars] + ([band] if band is not None else [])
    ticks = nice_ticks(0.0, max(values) or 1.0)
    high = ticks[-1]
    bottom = top + BAR_ROW * len(bars) + 4
    height = bottom + X_LABEL_HEIGHT

    def x_of(value: float) -> float:
        return left + (right - left) * max(0.0, value) / high

    parts = ['<g class="chart-grid">']
    parts += [f'<line x1="{_num(x_of(t))}" y1="{_num(top)}" x2="{_num(x_of(t))}" y2="{_num(bottom)}"/>' for t in ticks]
    parts.append('</g><g class="chart-bars">')
    for i, (label, value) in enumerate(bars):
        y = top + BAR_ROW * i
        reached = " reached" if band is not None and value >= band else ""
        width = max(x_of(value) - left, 0.0)
        tip = f"{label}: {with_unit(value, unit, BAR_PLACES)}"
        parts.append(
            f'<g class="chart-bar-row" data-label="{escape(label)}" data-value="{figure(value, BAR_PLACES)}">'
            f"<title>{escape(tip)}</title>"
            + _text(left, y + FONT + 1, _short(label), "chart-bar-label")
            + f'<rect class="chart-bar{reached}" x="{_num(left)}" y="{_num(y + FONT + 5)}" '
            f'width="{_num(width)}" height="{BAR_THICK}" rx="2"/>'
            + _text(left + width + 5, y + FONT + 5 + BAR_THICK - 3, figure(value, BAR_PLACES), "chart-value")
            + "</g>"
        )
    parts.append('</g><g class="chart-axis chart-x-axis">')
    parts.append(
        f'<line class="chart-baseline" x1="{_num(left)}" y1="{_num(bottom)}" x2="{_num(right)}" y2="{_num(bottom)}"/>'
    )
    for i, tick in enumerate(ticks):
        anchor = "start" if i == 0 else "middle"
        parts.append(_text(x_of(tick), bottom + FONT + 6, figure(tick), "chart-tick", anchor))
    parts.append(_text(WIDTH - PAD, bottom + FONT + 6, unit, "chart-tick chart-unit", "end"))
    parts.append("</g>")
    if band is not None:
        x = x_of(band)
        parts.append(
            f'<g class="chart-band" data-value="{figure(band)}">'
            f'<line x1="{_num(x)}" y1="{_num(top - 4)}" x2="{_num(x)}" y2="{_num(bottom)}"/>'
            + _text(x, top - 7, f"{with_unit(band, unit)}", "chart-band-text", "middle")
            + "</g>"
        )
    return Chart(_svg(chart_id, "chart-bar-chart", height, title, alt, "".join(parts)), alt)

"""The SVG charts: points where their dates and values put them, every label present and escaped, the text
alternative stating the figures, and odd input (nothing, one point, all values equal) drawn sensibly."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from liftlore.web.charts import Chart, Series, bar_chart, line_chart, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart: Chart) -> ET.Element:
    root = ET.fromstring(str(chart.svg))  # well-formed XML as well as HTML
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    return root


def points(root: ET.Element, label: str) -> list[tuple[str, float, float]]:
    """(date, x, y) of each marked point of the series labelled `label`, in drawing order."""
    series = next(g for g in root.iter(f"{SVG}g") if g.get("data-label") == label)
    found = []
    for mark in series:
        if mark.get("data-date") is None:
            continue
        x, y = (float(mark.get("cx", "nan")), float(mark.get("cy", "nan")))
        if mark.tag == f"{SVG}rect":
            x, y = float(mark.get("x", "0")) + 3.5, float(mark.get("y", "0")) + 3.5
        found.append((mark.get("data-date", ""), x, y))
    return found


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


LEFT = Series("Left", [(date(2026, 11, 2), 50.0), (date(2026, 11, 9), 55.0), (date(2026, 11, 30), 58.0)])
RIGHT = Series("Right", [(date(2026, 11, 2), 62.0), (date(2026, 11, 30), 63.0)], tone=1)


def test_points_sit_at_their_dates_and_values() -> None:
    root = parse(line_chart("Best e1RM", [LEFT, RIGHT], unit="kg", chart_id="e1rm"))
    left, right = points(root, "Left"), points(root, "Right")
    assert [d for d, _, _ in left] == ["2026-11-02", "2026-11-09", "2026-11-30"]
    xs = [x for _, x, _ in left]
    assert xs[0] < xs[1] < xs[2]
    # time is to scale: 7 days of 28 is a quarter of the way across
    assert abs((xs[1] - xs[0]) / (xs[2] - xs[0]) - 0.25) < 0.01
    ys = [y for _, _, y in left]
    assert ys[0] > ys[1] > ys[2]  # SVG's y grows downwards: heavier is higher
    assert right[0][1] == xs[0] and right[1][1] == xs[2]  # same dates, same x
    assert right[0][2] < ys[2]  # 62 kg above 58 kg
    assert {"Left", "Right"} <= set(texts(root))  # the legend
    assert "2 Nov" in texts(root) and "30 Nov" in texts(root)  # dates on the x axis


def test_alt_text_states_the_figures() -> None:
    chart = line_chart("Best e1RM", [LEFT, RIGHT], unit="kg", chart_id="e1rm")
    assert chart.alt == (
        "Best e1RM (2 Nov to 30 Nov 2026): Left rose from 50 to 58 kg over 3 sessions;"
        " Right rose from 62 to 63 kg over 2 sessions."
    )
    root = parse(chart)
    assert root.get("aria-labelledby") == "e1rm-title e1rm-desc"
    assert root.findtext(f"{SVG}desc") == chart.alt and root.findtext(f"{SVG}title") == "Best e1RM"
    peaked = line_chart(
        "LSI",
        [Series("By e1RM", [(date(2026, 1, 1), 80), (date(2026, 1, 8), 90), (date(2026, 1, 15), 80)])],
        unit="%",
        chart_id="lsi",
    )
    assert "By e1RM started and ended at 80% over 3 sessions, peaking at 90%" in peaked.alt


def test_labels_are_escaped() -> None:
    hostile = '<script>alert("x")</script> & Co'
    chart = line_chart(hostile, [Series(hostile, [(date(2026, 1, 1), 1.0)])], unit="kg", chart_id='a"b')
    assert "<script>" not in str(chart.svg)
    root = parse(chart)
    assert hostile in texts(root)
    assert root.findtext(f"{SVG}title") == hostile
    assert root.get("id") == 'a"b'
    bars = bar_chart("Sets", [(hostile, 3.0)], unit="sets", chart_id="v")
    assert "<script>" not in str(bars.svg) and hostile in texts(parse(bars))


def test_one_point_and_equal_values_are_drawn_mid_chart() -> None:
    single = line_chart("e1RM", [Series("Both sides", [(date(2026, 3, 1), 100.0)])], unit="kg", chart_id="one")
    root = parse(single)
    [(_, x, y)] = points(root, "Both sides")
    assert 100 < x < 260 and 40 < y < 200  # in the middle, not on an edge
    assert single.alt == "e1RM: Both sides: 100 kg on 1 Mar 2026."
    flat = line_chart(
        "e1RM",
        [Series("Both sides", [(date(2026, 3, 1), 100.0), (date(2026, 3, 8), 100.0)])],
        unit="kg",
        chart_id="flat",
    )
    ys = {y for _, _, y in points(parse(flat), "Both sides")}
    assert len(ys) == 1 and 40 < ys.pop() < 200
    assert "stayed at 100 kg over 2 sessions" in flat.alt
    # ticks around the value, never a zero span
    assert nice_ticks(100, 100)[0] < 100 < nice_ticks(100, 100)[-1]


def test_nothing_to_draw_says_so() -> None:
    for chart in (
        line_chart("e1RM", [], unit="kg", chart_id="none"),
        line_chart("e1RM", [Series("Left", [])], unit="kg", chart_id="none"),
        bar_chart("Sets", [], unit="sets", chart_id="none", band=10),
    ):
        assert "No data yet" in texts(parse(chart))
        assert chart.alt.endswith("no data yet.")


def test_bars_in_order_to_scale_with_the_band_marked() -> None:
    chart = bar_chart("Hard sets", [("Glutes", 12), ("Quads", 6), ("Calves", 0.75)], unit="sets", chart_id="v", band=10)
    root = parse(chart)
    rows = [g for g in root.iter(f"{SVG}g") if g.get("class") == "chart-bar-row"]
    assert [g.get("data-label") for g in rows] == ["Glutes", "Quads", "Calves"]
    widths = [float(next(r for r in g if r.tag == f"{SVG}rect").get("width", "0")) for g in rows]
    assert abs(widths[1] / widths[0] - 0.5) < 0.01 and abs(widths[2] / widths[0] - 0.0625) < 0.01
    reached = [next(r for r in g if r.tag == f"{SVG}rect").get("class") for g in rows]
    assert reached == ["chart-bar reached", "chart-bar", "chart-bar"]
    band = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "chart-band")
    line = next(band.iter(f"{SVG}line"))
    bar_start = float(next(r for r in rows[0] if r.tag == f"{SVG}rect").get("x", "0"))
    band_x = float(line.get("x1", "0"))
    assert abs((band_x - bar_start) / widths[0] - 10 / 12) < 0.01  # the line at 10 of Glutes' 12
    assert "10 sets" in texts(root)
    assert chart.alt == "Hard sets: Glutes 12 sets, Quads 6 sets, Calves 0.75 sets. 1 of 3 at or above 10 sets."


def test_no_inline_styles_and_colours_by_class() -> None:
    for chart in (
        line_chart("e1RM", [LEFT, RIGHT], unit="kg", chart_id="c", guide=55, guide_label="line"),
        bar_chart("Sets", [("Glutes", 3)], unit="sets", chart_id="b", band=10),
    ):
        root = parse(chart)
        for element in root.iter():
            assert "style" not in element.attrib and "fill" not in element.attrib and "stroke" not in element.attrib
    classes = {g.get("class") for g in parse(line_chart("e", [LEFT, RIGHT], unit="kg", chart_id="c")).iter(f"{SVG}g")}
    assert {"chart-series series-0", "chart-series series-1"} <= classes

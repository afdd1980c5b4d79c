"""The body map: every muscle group drawn on the right figure, the worked ones shaded, text alternatives escaped."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from statistics import mean

import pytest
from markupsafe import Markup

from liftlore.web.bodymap import body_map_svg

MUSCLES = tomllib.loads((Path(__file__).resolve().parents[2] / "src/liftlore/catalog/muscles.toml").read_text())
NAMES = {slug: group["name"] for slug, group in MUSCLES.items()}
PRIMARY = ["glutes", "hamstrings"]
SECONDARY = ["quads", "lower-back", "obliques"]


def parse(markup: Markup) -> ET.Element:
    return ET.fromstring(str(markup))  # the markup is well-formed XML as well as HTML


def views(figure: ET.Element) -> dict[str, ET.Element]:
    """The two figures by the first word of their <title>: {"Front": svg, "Back": svg}."""
    return {svg.findtext("title", "").split()[0]: svg for svg in figure.iter("svg") if svg.get("role") == "img"}


def shapes(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if "data-muscle" in e.attrib]


def xs_and_ys(path: ET.Element) -> tuple[list[float], list[float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]  # absolute M/C pairs only
    return numbers[0::2], numbers[1::2]


def test_returns_markup_for_one_figure_with_two_views() -> None:
    markup = body_map_svg(PRIMARY, SECONDARY, NAMES)
    assert isinstance(markup, Markup)
    figure = parse(markup)
    assert figure.tag == "figure" and figure.get("class") == "body-map"
    assert set(views(figure)) == {"Front", "Back"}


def test_every_muscle_group_is_drawn_on_the_side_muscles_toml_gives() -> None:
    drawn = {
        label: {e.get("data-muscle") for e in shapes(svg)}
        for label, svg in views(parse(body_map_svg([], [], NAMES))).items()
    }
    for slug, group in MUSCLES.items():
        assert group["side"] in {"front", "back", "both"}, slug
        assert (slug in drawn["Front"]) == (group["side"] in {"front", "both"}), slug
        assert (slug in drawn["Back"]) == (group["side"] in {"back", "both"}), slug
    assert drawn["Front"] | drawn["Back"] == set(MUSCLES)


def test_left_and_right_sides_are_both_drawn() -> None:
    for svg in views(parse(body_map_svg([], [], NAMES))).values():
        xs_by_slug: dict[str, list[float]] = {}
        for path in shapes(svg):
            xs_by_slug.setdefault(path.get("data-muscle", ""), []).extend(xs_and_ys(path)[0])
        for slug, xs in xs_by_slug.items():
            assert min(xs) + max(xs) == pytest.approx(200, abs=0.5), slug  # symmetric about the centre line x=100


def test_muscle_groups_sit_in_head_to_toe_order() -> None:
    figure_views = views(parse(body_map_svg([], [], NAMES)))

    def middle_y(view: str, slug: str) -> float:
        return mean(y for p in shapes(figure_views[view]) if p.get("data-muscle") == slug for y in xs_and_ys(p)[1])

    front = ["neck", "chest", "abs", "hip-flexors", "quads"]
    back = ["neck", "traps", "upper-back", "lats", "lower-back", "abductors", "glutes", "hamstrings", "calves"]
    assert [middle_y("Front", s) for s in front] == sorted(middle_y("Front", s) for s in front)
    assert [middle_y("Back", s) for s in back] == sorted(middle_y("Back", s) for s in back)
    assert middle_y("Front", "biceps") < middle_y("Front", "forearms")
    assert middle_y("Back", "triceps") < middle_y("Back", "forearms")


def test_only_the_given_muscles_are_shaded_primary_and_secondary() -> None:
    drawn = shapes(parse(body_map_svg(PRIMARY, SECONDARY, NAMES)))
    for shape in drawn:
        slug = shape.get("data-muscle")
        expected = "muscle primary" if slug in PRIMARY else "muscle secondary" if slug in SECONDARY else "muscle"
        assert shape.get("class") == expected, slug
    assert {s.get("data-muscle") for s in drawn if "primary" in s.get("class", "")} == set(PRIMARY)
    assert {s.get("data-muscle") for s in drawn if "secondary" in s.get("class", "")} == set(SECONDARY)


def test_a_muscle_listed_as_both_counts_as_primary() -> None:
    figure = parse(body_map_svg(["chest"], ["chest", "triceps"], NAMES))
    classes = {s.get("data-muscle"): s.get("class") for s in shapes(figure)}
    assert classes["chest"] == "muscle primary" and classes["triceps"] == "muscle secondary"
    assert figure.findtext("figcaption") == "Primary: Chest. Secondary: Triceps."


def test_caption_and_descriptions_list_the_names() -> None:
    figure = parse(body_map_svg(PRIMARY, SECONDARY, NAMES))
    assert figure.findtext("figcaption") == "Primary: Glutes, Hamstrings. Secondary: Quads, Lower Back, Obliques."
    descs = {label: svg.findtext("desc", "") for label, svg in views(figure).items()}
    assert "Secondary: Quads, Obliques." in descs["Front"] and "Primary" not in descs["Front"]
    assert "Primary: Glutes, Hamstrings." in descs["Back"] and "Secondary: Lower Back." in descs["Back"]


def test_nothing_worked_still_draws_both_figures() -> None:
    figure = parse(body_map_svg([], [], NAMES))
    assert figure.findtext("figcaption") == "No muscle groups listed."
    assert {s.get("class") for s in shapes(figure)} == {"muscle"}


def test_names_are_escaped() -> None:
    names = {**NAMES, "glutes": "<b>x</b>", "quads": 'Tom & "Jerry"'}
    markup = body_map_svg(["glutes"], ["quads"], names)
    assert "<b>" not in markup
    figure = parse(markup)
    assert figure.find(".//b") is None
    assert figure.findtext("figcaption") == 'Primary: <b>x</b>. Secondary: Tom & "Jerry".'
    assert "Primary: <b>x</b>." in views(figure)["Back"].findtext("desc", "")


def test_each_svg_is_an_image_with_title_desc_and_a_scalable_viewbox() -> None:
    for label, svg in views(parse(body_map_svg(PRIMARY, SECONDARY, NAMES))).items():
        assert svg.get("role") == "img"
        assert [child.tag for child in svg][:2] == ["title", "desc"]
        assert svg.findtext("title", "").startswith(label) and svg.findtext("desc")
        assert len((svg.get("viewBox") or "").split()) == 4
        assert svg.get("width") is None and svg.get("height") is None  # the stylesheet sizes it to its container


def test_legend_names_the_three_shades() -> None:
    figure = parse(body_map_svg(PRIMARY, SECONDARY, NAMES))
    legend = figure.find("ul[@class='body-map-legend']")
    assert legend is not None
    assert ["".join(item.itertext()) for item in legend] == ["Primary", "Secondary", "Not worked"]
    assert all(swatch.get("aria-hidden") == "true" for swatch in legend.iter("svg"))


def test_no_scripts_and_no_external_resources() -> None:
    figure = parse(body_map_svg(PRIMARY, SECONDARY, NAMES))
    for element in figure.iter():
        assert element.tag not in {"script", "style", "image", "use", "foreignObject"}
        assert not any(name.startswith("on") or name.endswith("href") or name == "src" for name in element.attrib)

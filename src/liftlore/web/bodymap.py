"""The body map: a front and a back figure, drawn here as inline SVG, with the worked muscle groups shaded.

The figure is data: each shape is given once for the viewer's left half of the body and mirrored for the other
half (or joined with its mirror image into one symmetric shape). Rendering is a small function over that data.
Closed outlines are drawn as smooth curves through their points (Catmull-Rom turned into cubic Béziers).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup, escape

__all__ = ["BACK", "FRONT", "body_map_svg"]

CENTRE_X2 = 200  # twice the x of the body's centre line: mirroring maps x to CENTRE_X2 - x
VIEW_BOX = "32 6 136 408"  # the figure and its outline, with a little room
Point = tuple[float, float]
# pair: draw the shape and its mirror image; join: the points are the left half of one symmetric shape, from the
# top of the centre line down to the bottom of it.
Mirror = Literal["pair", "join"]


@dataclass(frozen=True)
class Blob:
    """A closed smooth outline through points on the viewer's left half of the body (x <= 100)."""

    points: tuple[Point, ...]
    mirror: Mirror = "pair"


def _b(points: str, mirror: Mirror = "pair") -> Blob:
    """A Blob from "x,y x,y ..." (the data below reads like an SVG points list)."""
    return Blob(tuple((float(x), float(y)) for x, y in (pair.split(",") for pair in points.split())), mirror)


# The neutral silhouette, shared by both views (the arms hang a little away from the body, palms forward).
SILHOUETTE: tuple[Blob, ...] = (
    _b("100,10 89,13 82,26 83,41 88,51 95,57 100,58", "join"),
    _b("100,46 91,48 90,62 88,72 100,76", "join"),
    _b("100,68 90,69 74,74 61,79 56,91 62,108 66,129 71,150 71,166 66,184 65,198 78,208 100,212", "join"),
    _b("62,79 68,89 66,108 62,129 59,149 55,175 49,205 38,204 37,177 40,150 44,126 44.5,103 46,90 52,81.5"),
    _b("39,201 49,202 51,214 48,230 43,239 37,236 35,219"),
    _b(
        "98,191 100,210 99,237 96,275 95,298 97,330 93,361 91,386 "
        "81,386 79,359 73,330 71,300 69,275 64,235 64,203 68,186"
    ),
    _b("81,382 92,382 95,395 93,408 80,410 75,403 78,393"),
)

# Muscle groups on the front figure: slug -> shapes (anatomical position, seen from the front).
FRONT: dict[str, tuple[Blob, ...]] = {
    "neck": (_b("90,55 94,56 99,72 97,76 94,74"),),
    "chest": (_b("99,84 88,80 76,82 69,90 68,103 76,111 89,113 99,108"),),
    "front-delts": (_b("73,80 64,79 58,88 58,100 62,110 66,102 66,91"),),
    "side-delts": (_b("57,79 51,84 47.5,95 49,107 53,106 54,91"),),
    "biceps": (_b("55,114 61,116 62,131 58,147 51,148 48,133 50,119"),),
    "brachialis": (_b("46,127 50,132 51,145 48,151 45,146 44,135"),),
    "forearms": (_b("56,153 58,164 53,186 48,201 41,200 40,182 42,163 47,153"),),
    "serratus-anterior": (_b("63,103 69,105 72,112 72,121 68,124 64,116"),),
    "abs": (
        _b("88,119 98,117 98,130 88,131"),
        _b("88,135 98,134 98,146 88,147"),
        _b("88,150 98,150 98,162 88,163"),
        _b("89,166 98,165 98,189 94,196 90,186"),
    ),
    "obliques": (_b("71,119 84,120 85,150 86,182 78,177 72,163 70,140"),),
    "hip-flexors": (_b("79,190 87,193 94,203 92,211 85,208 78,198"),),
    "quads": (
        _b("66,198 76,197 84,212 87,239 88,269 84,289 76,289 69,269 65,232"),
        _b("91,269 95,278 93,291 87,293 88,280"),
    ),
    "adductors": (_b("97,214 99,228 97,248 93,264 89,248 88,230 92,219"),),
    "tibialis-anterior": (_b("75,304 81,302 83,322 81,350 77,348 74,325"),),
}

# Muscle groups on the back figure: slug -> shapes (seen from behind).
BACK: dict[str, tuple[Blob, ...]] = {
    "neck": (_b("91,53 98,53 98,62 90,64"),),
    "traps": (_b("100,58 96,58 93,66 82,74 66,80 70,86 84,91 94,98 96,119 100,143", "join"),),
    "side-delts": FRONT["side-delts"],
    "rear-delts": (_b("64,80 71,85 70,98 64,108 59,102 59,90"),),
    "rotator-cuff": (_b("71,93 81,92 83,101 78,110 71,105"),),
    "upper-back": (_b("92,101 93,120 89,129 78,124 70,113 72,99 82,94"),),
    "lats": (_b("67,113 77,127 90,133 94,142 90,150 80,156 72,150 68,135 66,120"),),
    "lower-back": (_b("93,149 98,152 98,182 90,184 89,166"),),
    "triceps": (_b("50,110 57,112 61,126 58,145 50,147 46,128"),),
    "forearms": FRONT["forearms"],
    "abductors": (_b("68,180 78,177 86,184 78,189 69,196 66,189"),),
    "glutes": (_b("99,189 99,221 90,230 76,228 69,214 70,200 82,191"),),
    "hamstrings": (
        _b("69,235 80,237 84,278 80,291 73,287 68,260"),
        _b("86,237 97,237 96,269 92,291 86,287 85,257"),
    ),
    "calves": (
        _b("74,305 84,305 84,341 80,359 74,346 72,325"),
        _b("86,305 95,307 96,336 92,361 87,348 86,325"),
    ),
}


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _mirror_x(point: Point) -> Point:
    return (CENTRE_X2 - point[0], point[1])


def _smooth_path(points: Sequence[Point]) -> str:
    """A closed smooth path through every point, in order."""
    n = len(points)
    parts = [f"M{_num(points[0][0])} {_num(points[0][1])}"]
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append("C" + " ".join(_num(v) for v in (*c1, *c2, *p2)))
    return "".join(parts) + "Z"


def _elements(shape: Blob, attrs: str) -> Iterator[str]:
    """The <path> elements for one shape, mirrored as it asks."""
    if shape.mirror == "join":
        outlines = [[*shape.points, *(_mirror_x(p) for p in reversed(shape.points[1:-1]))]]
    else:
        outlines = [list(shape.points), [_mirror_x(p) for p in shape.points]]
    for outline in outlines:
        yield f'<path{attrs} d="{_smooth_path(outline)}"/>'


def _names(slugs: Sequence[str], names: Mapping[str, str]) -> str:
    return ", ".join(str(escape(names.get(slug, slug))) for slug in slugs)


def _summary(primary: Sequence[str], secondary: Sequence[str], names: Mapping[str, str]) -> str:
    """'Primary: A, B. Secondary: C.' with the names escaped; empty when both lists are."""
    sentences = [
        f"{label}: {_names(slugs, names)}."
        for label, slugs in (("Primary", primary), ("Secondary", secondary))
        if slugs
    ]
    return " ".join(sentences)


def _view(
    label: str, shapes: Mapping[str, tuple[Blob, ...]], status: Mapping[str, str], names: Mapping[str, str]
) -> str:
    rank = {"": 0, "secondary": 1, "primary": 2}  # worked muscles last, so their outlines are drawn on top
    here = {state: [slug for slug in status if status[slug] == state and slug in shapes] for state in rank}
    worked = _summary(here["primary"], here["secondary"], names) or "None of the worked muscles are on this side."
    body = "".join(e for shape in SILHOUETTE for e in _elements(shape, ""))
    muscles = []
    for slug in sorted(shapes, key=lambda s: rank[status.get(s, "")]):
        state = status.get(slug, "")
        css = f"muscle {state}".strip()
        name = escape(names.get(slug, slug))
        tip = f"{name} ({state})" if state else str(name)
        attrs = f' class="{css}" data-muscle="{escape(slug)}"'
        muscles.append(f"<g><title>{tip}</title>{''.join(e for s in shapes[slug] for e in _elements(s, attrs))}</g>")
    return (
        f'<div class="body-map-view"><svg class="body-map-svg" viewBox="{VIEW_BOX}" role="img">'
        f"<title>{label} of the body</title><desc>{label} view. {worked}</desc>"
        f'<g class="body-map-outline">{body}</g><g class="body-map-body">{body}</g>'
        f'<g class="body-map-muscles">{"".join(muscles)}</g></svg>'
        f'<div class="body-map-label" aria-hidden="true">{label}</div></div>'
    )


def _swatch(state: str, label: str) -> str:
    css = f"swatch {state}".strip()  # not "muscle": only the drawn muscle groups carry that class
    return (
        f'<li><svg class="body-map-swatch" viewBox="0 0 20 14" aria-hidden="true">'
        f'<rect class="{css}" x="1" y="1" width="18" height="12" rx="3"/></svg>{label}</li>'
    )


def body_map_svg(primary: Sequence[str], secondary: Sequence[str], names: Mapping[str, str]) -> Markup:
    """A <figure class="body-map">: front and back figures with the given muscle groups shaded, legend, caption.

    `primary` and `secondary` are muscle group slugs (a slug in both counts as primary); `names` maps slug to
    display name (a missing name falls back to the slug). Every name is escaped.
    """
    primary = list(dict.fromkeys(primary))
    secondary = [slug for slug in dict.fromkeys(secondary) if slug not in primary]
    status = {**dict.fromkeys(primary, "primary"), **dict.fromkeys(secondary, "secondary")}  # in the given order
    caption = _summary(primary, secondary, names) or "No muscle groups listed."
    legend = _swatch("primary", "Primary") + _swatch("secondary", "Secondary") + _swatch("", "Not worked")
    return Markup(
        '<figure class="body-map"><div class="body-map-views">'
        f"{_view('Front', FRONT, status, names)}{_view('Back', BACK, status, names)}</div>"
        f'<ul class="body-map-legend">{legend}</ul>'
        f'<figcaption class="body-map-caption">{caption}</figcaption></figure>'
    )

"""The body map shaded by recovery: the same front and back figures as web/bodymap.py, each muscle group in one of
four steps of how recovered it is, with a legend.

A separate function rather than a mode of `body_map_svg`: that one answers "which muscles does this exercise work"
(primary, secondary, not worked), this one "how ready is each muscle" (a graded scale). Both draw from bodymap's
shape data, so the figures stay identical. The steps are classes (`recovery-0` least recovered ... `recovery-3`
fully recovered) coloured in insight.css, light and dark.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from liftlore.web.bodymap import BACK, FRONT, SILHOUETTE, VIEW_BOX, Blob, _elements

__all__ = ["STEPS", "RecoveryStep", "recovery_map_svg", "recovery_step"]


@dataclass(frozen=True)
class RecoveryStep:
    css: str
    label: str  # the legend's words for the step
    below: float  # the step holds percentages under this (and at or above the previous step's)


# Least recovered first. 100 % means no fatigue left in the model at all; anything short of it is partly tired.
STEPS = (
    RecoveryStep("recovery-0", "Under 50 %", 50.0),
    RecoveryStep("recovery-1", "50–79 %", 80.0),
    RecoveryStep("recovery-2", "80–99 %", 100.0),
    RecoveryStep("recovery-3", "Recovered (100 %)", float("inf")),
)


def recovery_step(pct: float) -> RecoveryStep:
    """The step a recovery percentage falls in (a muscle at 99.96 % is shown as 100.0 but is not fully rested:
    the figure is rounded to 0.1 by the service, and it is that rounded figure that is given here)."""
    return next(step for step in STEPS if pct < step.below)


def _view(
    label: str, shapes: Mapping[str, tuple[Blob, ...]], pcts: Mapping[str, float], names: Mapping[str, str]
) -> str:
    body = "".join(e for shape in SILHOUETTE for e in _elements(shape, ""))
    # least recovered last, so their outlines are drawn on top of their neighbours'
    order = sorted(shapes, key=lambda slug: -pcts.get(slug, 100.0))
    muscles = []
    tired = []
    for slug in order:
        pct = pcts.get(slug, 100.0)
        step = recovery_step(pct)
        name = escape(names.get(slug, slug))
        if step is not STEPS[-1]:
            tired.append(f"{name} {pct:g} %")
        attrs = f' class="muscle {step.css}" data-muscle="{escape(slug)}" data-recovery="{pct:g}"'
        paths = "".join(e for s in shapes[slug] for e in _elements(s, attrs))
        muscles.append(f"<g><title>{name}: {pct:g} % recovered</title>{paths}</g>")
    worked = "Still recovering: " + ", ".join(reversed(tired)) + "." if tired else "Every muscle here is recovered."
    return (
        f'<div class="body-map-view"><svg class="body-map-svg" viewBox="{VIEW_BOX}" role="img">'
        f"<title>{label} of the body, by recovery</title><desc>{label} view. {worked}</desc>"
        f'<g class="body-map-outline">{body}</g><g class="body-map-body">{body}</g>'
        f'<g class="body-map-muscles">{"".join(muscles)}</g></svg>'
        f'<div class="body-map-label" aria-hidden="true">{label}</div></div>'
    )


def _swatch(step: RecoveryStep) -> str:
    return (
        f'<li><svg class="body-map-swatch" viewBox="0 0 20 14" aria-hidden="true">'
        f'<rect class="swatch {step.css}" x="1" y="1" width="18" height="12" rx="3"/></svg>{escape(step.label)}</li>'
    )


def recovery_map_svg(pcts: Mapping[str, float], names: Mapping[str, str]) -> Markup:
    """A <div class="body-map recovery-map">: front and back figures, each muscle group shaded by the step its
    recovery percentage (slug -> pct, a missing slug counts as 100) falls in, and the legend. Names are escaped.
    The caller gives the caption (the reasons per muscle belong beside the map, not in it)."""
    legend = "".join(_swatch(step) for step in STEPS)
    return Markup(
        '<div class="body-map recovery-map"><div class="body-map-views">'
        f"{_view('Front', FRONT, pcts, names)}{_view('Back', BACK, pcts, names)}</div>"
        f'<ul class="body-map-legend" aria-label="Recovery">{legend}</ul></div>'
    )

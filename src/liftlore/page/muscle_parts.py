"""Muscle names a page may use for a whole region ("Shoulders", "Back", "Arms", "Core"), and how the line under the
name says which part of it works: "the front of your shoulder lifts your arm" is the front delts, "the muscles
between your shoulder blades" the upper back.

The part named first in the line wins; parts joined to it ("the front and side of your shoulders") come along.
When the line names no part, the region's usual part is taken and the reader says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from liftlore.domain.names import normalise_name


@dataclass(frozen=True)
class Region:
    names: tuple[str, ...]  # what pages call the whole region
    parts: dict[str, str]  # part slug -> regex of the words that name it in a line
    usual: str  # the part meant when the line does not say


_OF_YOUR = r"(?:\s+part)?\s+of\s+(?:your|the)\s+"
REGIONS: tuple[Region, ...] = (
    Region(
        names=("shoulders", "shoulder", "delts", "delt", "deltoids", "deltoid", "shoulder muscles"),
        parts={
            "front-delts": r"(?<!in )\bfront\b|\banterior\b|\bforward\b",
            "side-delts": r"\bsides?\b|\blateral\b|\bmiddle\b|\bmid\b|\bouter\b|\bwidth\b",
            "rear-delts": r"\brear\b|\bback" + _OF_YOUR + r"(?:\w+\s+)?shoulder|\bposterior\b|\bbehind\b",
        },
        usual="side-delts",
    ),
    Region(
        names=("back", "back muscles", "upper body"),
        parts={
            "upper-back": r"\bupper\b|\bmid(?:dle)?\b|shoulder blades?|\brhomboids?\b",
            "lower-back": r"\blower\b|\blow\b|\bspine\b|\bspinal\b|\blumbar\b|\berectors?\b",
            "lats": r"\blats?\b|\blatissimus\b|\bwide\b|\bbroad\b|\bwidth\b",
        },
        usual="upper-back",
    ),
    Region(
        names=("arms", "arm", "upper arms", "upper arm"),
        parts={
            "biceps": r"\bbiceps?\b|\bfront" + _OF_YOUR + r"(?:upper\s+)?arms?|\bbends?\s+(?:your|the)\s+elbows?",
            "triceps": r"\btriceps?\b|\bback"
            + _OF_YOUR
            + r"(?:upper\s+)?arms?|\bstraighten\w*\s+(?:your|the)\s+elbows?",
            "forearms": r"\bforearms?\b|\bgrip\b|\bwrists?\b",
        },
        usual="biceps",
    ),
    Region(
        names=("legs", "leg", "thighs", "thigh", "upper legs", "lower legs"),
        parts={
            "quads": r"\bquad\w*|\bfront" + _OF_YOUR + r"thighs?|\bstraighten\w*\s+(?:your|the)\s+knees?",
            "hamstrings": r"\bhamstrings?\b|\bback" + _OF_YOUR + r"thighs?|\bbends?\s+(?:your|the)\s+knees?",
            "calves": r"\bcal(?:f|ves)\b|\blower legs?\b|\bankles?\b|\bheels?\b",
            "adductors": r"\binner\s+thighs?|\binside" + _OF_YOUR + r"thighs?|\bgroin\b",
            "abductors": r"\bouter\s+thighs?|\boutside" + _OF_YOUR + r"(?:thigh|hip)s?",
            "glutes": r"\bglutes?\b|\bbuttocks?\b|\bseat\b",
        },
        usual="quads",
    ),
    Region(
        names=("hips", "hip", "hip muscles"),
        parts={
            "glutes": r"\bglutes?\b|\bbuttocks?\b|\b(?:straighten|extend)\w*\s+(?:your|the)\s+hips?",
            "hip-flexors": r"\bhip flexors?\b|\bfront"
            + _OF_YOUR
            + r"hips?|\blifts?\s+(?:your|the)\s+(?:thigh|knee|leg)s?",
            "abductors": r"\boutside" + _OF_YOUR + r"hips?|\bouter\s+hips?|\bside" + _OF_YOUR + r"hips?|\bapart\b",
            "adductors": r"\binner\s+thighs?|\binside" + _OF_YOUR + r"(?:thigh|hip)s?|\bgroin\b",
        },
        usual="glutes",
    ),
    Region(
        names=("core", "core muscles", "trunk", "midsection", "stomach", "torso"),
        parts={
            "abs": r"\babs\b|\babdominals?\b|\brectus\b|\bfront"
            + _OF_YOUR
            + r"(?:trunk|belly|stomach|waist|torso)|\bbelly\b",
            "obliques": r"\bobliques?\b|\bsides?"
            + _OF_YOUR
            + r"(?:waist|trunk|torso|belly|body)|\btwist\w*|\brotat\w*",
            "lower-back": r"\blower back\b|\blow back\b|\bspine\b|\bspinal\b|\blumbar\b",
        },
        usual="abs",
    ),
)

_BY_NAME = {normalise_name(name): region for region in REGIONS for name in region.names}
_JOINED = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s+|or\s+)(?:the\s+|its\s+|your\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Parts:
    slugs: tuple[str, ...]
    sure: bool
    candidates: tuple[str, ...] = ()  # the parts the line named, when it named more than one that are not joined


def region_named(name: str) -> Region | None:
    return _BY_NAME.get(normalise_name(name))


def parts_named(region: Region, line: str) -> Parts:
    """The parts of a region a page's line says work."""
    hits: list[tuple[int, int, str]] = []
    for slug, pattern in region.parts.items():
        match = re.search(pattern, line, re.IGNORECASE)
        if match:
            hits.append((match.start(), match.end(), slug))
    if not hits:
        return Parts((region.usual,), sure=False)
    hits.sort()
    chosen = [hits[0]]
    for hit in hits[1:]:
        if _JOINED.match(line[chosen[-1][1] : hit[0]]):
            chosen.append(hit)
    slugs = tuple(slug for _, _, slug in chosen)
    others = tuple(slug for _, _, slug in hits if slug not in slugs)
    return Parts(slugs, sure=not others, candidates=slugs + others if others else ())

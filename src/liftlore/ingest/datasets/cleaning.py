"""Clean a SourceRecord into a liftlore Exercise: small pure steps, each tested on its own."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from liftlore.domain.exercise import (
    EquipmentUse,
    Exercise,
    Laterality,
    Level,
    Loading,
    Mechanic,
    Source,
    sorted_loading,
)
from liftlore.domain.names import is_one_sided, slugify
from liftlore.domain.taxonomy import Taxonomy
from liftlore.ingest.datasets.records import DELTOIDS, SourceRecord, SourceTables

_LEVELS = {"beginner": Level.BEGINNER, "intermediate": Level.INTERMEDIATE, "expert": Level.ADVANCED}
_LOADING_SLUGS = frozenset({"machine", "cable", "smith-machine"})  # they add load without being "adds_load"

SHOULDER_DEFAULT = "side-delts"  # when nothing tells: the group liftlore's own "shoulders" and "deltoids" name

_FLY = "(?:butter)?fl(?:y|ye|yes|ies)"
# Which delt head an exercise works, as word rules over its name and its movement family (lower case, punctuation
# read as spaces). The rules are tried in order, each against the name and then the family, and the first match
# wins, so the order settles an exercise that matches two. Most specific first: the rear head's phrases ("rear
# lateral raise", "bent over raise", "reverse fly"); then the side head's ("Upright Row, on Multi Press" and "Side
# Laterals to Front Raise" are side work); then raises to the front; then presses and pushes, before a plain
# "raise", so a name with both a press and a raise counts as a press, the heavier work for the front head; rows and
# pull-ups last, after "face pull" and "high pull" have been decided.
SHOULDER_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "rear-delts",
        (
            "rear",
            "posterior",
            f"reverse .*{_FLY}",
            f"{_FLY} .*reverse",
            f"back {_FLY}",
            "face ?pulls?",
            "pull ?aparts?",
            f"bent ?over .*(?:raises?|laterals?|{_FLY})",
            "external rotations?",
            "front levers?",
        ),
    ),
    (
        "side-delts",
        ("laterals?", "side raises?", "upright (?:[a-z]+ )?rows?", "high pulls?", "scaptions?", "y raises?"),
    ),
    (
        "front-delts",
        (
            "front (?:[a-z]+ ){0,2}raises?",
            "front delts?",
            "front deltoids?",
            "front of (?:the |your )?shoulders?",
            "anterior",
            "incline shoulder raises?",
            "internal rotations?",
        ),
    ),
    (
        "front-delts",
        (
            "press(?:es)?",
            "pressups?",
            "benchpress(?:es)?",
            "push(?:es)?",
            "pushups?",
            "dips?",
            "jerks?",
            "thrusters?",
            "ohp",
            "handstands?",
            "planche",
            "wall balls?",
            "punch(?:es)?",
            _FLY,
            "cross ?overs?",
            "pec deck",
            "swings?",
            "get ?ups?",
        ),
    ),
    ("side-delts", ("raises?",)),
    (
        "rear-delts",
        ("rows?", "rowing", "bench pulls?", "pull ?ups?", "chin ?ups?", "chins", "pull ?downs?", "pullovers?"),
    ),
)
_SHOULDER_PATTERNS = tuple(
    (re.compile(r"\b(?:" + "|".join(phrases) + r")\b"), head) for head, phrases in SHOULDER_RULES
)
# A source's force, when no rule matches: pushing moves the arm forward or up, the front head's work. "pull" does
# not tell: the datasets give it to cleans, swings and rollouts as well as to rows.
_SHOULDER_FORCE = {"push": "front-delts"}


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def shoulder_head(name: str, family: str | None = None, force: str | None = None) -> tuple[str, bool]:
    """The delt head (a muscle slug) worked by an exercise that a source tags with the whole deltoid: the first
    word rule its name or movement family matches, else its force; the flag is False when nothing told and the
    head is the default."""
    texts = [_words(name), _words(family or "")]
    for pattern, head in _SHOULDER_PATTERNS:
        if any(text and pattern.search(text) for text in texts):
            return head, True
    by_force = _SHOULDER_FORCE.get((force or "").strip().lower())
    return (by_force, True) if by_force is not None else (SHOULDER_DEFAULT, False)


@dataclass
class Cleaned:
    exercise: Exercise | None
    skip_reason: str | None = None
    unmapped_muscles: list[str] = field(default_factory=list)
    unmapped_equipment: list[str] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)


def map_names(names: tuple[str, ...], table: dict[str, str | None]) -> tuple[list[str], list[str]]:
    """Source names to liftlore slugs, in order and without repeats; names missing from the table come back."""
    mapped: list[str] = []
    unmapped: list[str] = []
    lowered = {key.lower(): value for key, value in table.items()}
    for name in names:
        key = name.strip().lower()
        if key not in lowered:
            unmapped.append(name)
            continue
        slug = lowered[key]
        if slug is not None and slug not in mapped:
            mapped.append(slug)
    return mapped, unmapped


def laterality_for(record: SourceRecord) -> tuple[Laterality, bool]:
    """The source's laterality, unless the name is plainly one-sided (open-exercise-db calls some lunges
    bilateral); the flag says whether it was corrected."""
    one_sided = is_one_sided(record.name)
    if record.laterality in ("unilateral", "bilateral"):
        stated = Laterality(record.laterality)
        if one_sided and stated is Laterality.BILATERAL:
            return Laterality.UNILATERAL, True
        return stated, False
    return (Laterality.UNILATERAL if one_sided else Laterality.BILATERAL), False


def loading_for(equipment: list[str], taxonomy: Taxonomy) -> tuple[Loading, ...]:
    if not equipment:
        return (Loading.BODYWEIGHT,)
    loads = any(
        slug in _LOADING_SLUGS or (slug in taxonomy.equipment and taxonomy.equipment[slug].adds_load)
        for slug in equipment
    )
    return sorted_loading({Loading.LOADED} if loads else {Loading.BODYWEIGHT})


def summary_for(
    name: str, laterality: Laterality, mechanic: Mechanic | None, primary: list[str], source: str, taxonomy: Taxonomy
) -> str:
    muscles = [taxonomy.muscles[slug].name.lower() for slug in primary if slug in taxonomy.muscles]
    kind = f"{laterality.value} {mechanic.value}" if mechanic else laterality.value
    worked = ", ".join(muscles[:-1]) + (" and " if len(muscles) > 1 else "") + muscles[-1] if muscles else ""
    return f"The {name} is a {kind} exercise for the {worked}, imported from {source}."


def shoulder_fix(head: str, told: bool) -> str:
    """How the import report counts a whole deltoid given to one head."""
    if told:
        return f"the whole deltoid given to the {head} from the exercise's name or movement"
    return f"the whole deltoid given to the {head} by default: nothing in the exercise told the head"


def resolve_deltoids(muscles: list[str], head: str) -> list[str]:
    """Mapped muscles with the whole deltoid replaced by the exercise's head, without repeats."""
    return list(dict.fromkeys(head if slug == DELTOIDS else slug for slug in muscles))


def clean(record: SourceRecord, tables: SourceTables, taxonomy: Taxonomy) -> Cleaned:
    primary, unmapped_primary = map_names(record.primary_muscles, tables.muscles)
    secondary, unmapped_secondary = map_names(record.secondary_muscles, tables.muscles)
    equipment, unmapped_equipment = map_names(record.equipment, tables.equipment)
    cleaned = Cleaned(
        exercise=None, unmapped_muscles=unmapped_primary + unmapped_secondary, unmapped_equipment=unmapped_equipment
    )
    if not record.primary_muscles:
        cleaned.skip_reason = "no primary muscle"
        return cleaned
    if not primary:
        cleaned.skip_reason = "no primary muscle maps to a liftlore muscle group"
        return cleaned
    if DELTOIDS in primary or DELTOIDS in secondary:
        head, told = shoulder_head(record.name, record.family, record.force)
        primary = resolve_deltoids(primary, head)
        secondary = resolve_deltoids(secondary, head)
        cleaned.fixes.append(shoulder_fix(head, told))
    repeated = [slug for slug in secondary if slug in primary]
    if repeated:
        cleaned.fixes.append("a primary muscle repeated among the secondary ones was dropped")
        secondary = [slug for slug in secondary if slug not in primary]
    laterality, corrected = laterality_for(record)
    if corrected:
        cleaned.fixes.append("laterality corrected to unilateral from the name")
    mechanic = Mechanic(record.mechanic) if record.mechanic in ("isolation", "compound") else None
    known_equipment = [slug for slug in equipment if slug in taxonomy.equipment]
    cleaned.exercise = Exercise(
        slug=slugify(record.name),
        name=record.name,
        summary=(summary_for(record.name, laterality, mechanic, primary, record.source, taxonomy),),
        steps=record.instructions,
        laterality=laterality,
        mechanic=mechanic,
        movement_pattern=None,
        loading=loading_for(known_equipment, taxonomy),
        primary_muscles=tuple(taxonomy.muscles[slug] for slug in primary if slug in taxonomy.muscles),
        secondary_muscles=tuple(taxonomy.muscles[slug] for slug in secondary if slug in taxonomy.muscles),
        tips=record.notes,
        equipment=tuple(EquipmentUse(taxonomy.equipment[slug]) for slug in known_equipment),
        level=_LEVELS.get(record.level or ""),
        aliases=tuple(dict.fromkeys(a for a in record.aliases if a.strip() and a.strip() != record.name)),
        source=Source(
            name=record.source,
            source_id=record.source_id,
            licence=record.licence or tables.licence,
            author=record.author,
        ),
    )
    return cleaned

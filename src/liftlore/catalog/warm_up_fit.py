"""Drills that fit their exercise: a warm-up prepares the joints the exercise moves, a cool-down eases them.

Each drill file names the body regions it works (`regions`). An exercise moves the regions of its movement
pattern and those its muscles cross (a thruster's front delts make it a shoulder exercise too, though its pattern
is the squat). The rule over an exercise's lists:
- its warm-up prepares at least one region its pattern moves (the `ramp-up` drill, which rehearses the lift
  itself, prepares all of them);
- no warm-up or cool-down drill is about regions the exercise does not move, unless it is a whole-body drill
  (jumping jacks, crocodile breathing), which suits any session;
- a heavy barbell lift (a compound squat, hinge, hip extension, press or row that needs a barbell or a trap bar,
  outside a landmine) ends its warm-up with `ramp-up`, and only lifts loaded with a bar have it at all, since it
  starts from the empty bar.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from liftlore.domain.exercise import Exercise, Loading, Mechanic

REGIONS = ("neck", "shoulders", "elbows", "wrists", "spine", "hips", "knees", "ankles", "whole-body")
WHOLE_BODY = "whole-body"
RAMP_UP = "ramp-up"

_TRUNK = frozenset(("spine", "hips", "shoulders"))
_SHOULDER = frozenset(("shoulders",))
# The regions each movement pattern moves or loads hard enough to need preparing.
PATTERN_REGIONS: dict[str, frozenset[str]] = {
    "hip extension": frozenset(("hips", "spine", "knees")),
    "hip hinge": frozenset(("hips", "spine", "knees")),
    "squat": frozenset(("hips", "knees", "ankles", "spine")),
    "lunge": frozenset(("hips", "knees", "ankles")),
    "knee extension": frozenset(("knees",)),
    "knee flexion": frozenset(("knees", "hips")),
    "hip abduction": frozenset(("hips",)),
    "hip adduction": frozenset(("hips", "knees")),
    "hip flexion": frozenset(("hips", "spine", "shoulders")),
    "plantar flexion": frozenset(("ankles", "knees")),
    "ankle dorsiflexion": frozenset(("ankles", "knees")),
    "horizontal push": frozenset(("shoulders", "elbows", "wrists")),
    "vertical push": frozenset(("shoulders", "elbows", "wrists", "spine")),
    "horizontal pull": frozenset(("shoulders", "elbows", "spine", "hips")),
    "vertical pull": frozenset(("shoulders", "elbows", "wrists")),
    "elbow flexion": frozenset(("elbows", "wrists", "shoulders")),
    "elbow extension": frozenset(("elbows", "wrists", "shoulders")),
    "shoulder abduction": _SHOULDER,
    "shoulder flexion": _SHOULDER,
    "shoulder extension": frozenset(("shoulders", "spine")),
    "horizontal abduction": _SHOULDER,
    "horizontal adduction": _SHOULDER,
    "scapular elevation": frozenset(("shoulders", "neck")),
    "scapular protraction": frozenset(("shoulders", "wrists", "elbows")),  # on the hands, arms straight
    "shoulder external rotation": _SHOULDER,
    "shoulder internal rotation": _SHOULDER,
    "trunk flexion": _TRUNK,
    "trunk rotation": _TRUNK,
    "anti-extension": _TRUNK | {"wrists"},  # planks and rollouts on the hands
    "anti-rotation": _TRUNK | {"wrists"},
    "anti-lateral flexion": _TRUNK,
    "spinal extension": _TRUNK,
    "carry": frozenset(("spine", "hips", "shoulders", "wrists", "knees", "ankles")),
    "wrist flexion": frozenset(("wrists", "elbows")),
    "wrist extension": frozenset(("wrists", "elbows")),
    "neck flexion": frozenset(("neck",)),
    "neck extension": frozenset(("neck",)),
    "neck lateral flexion": frozenset(("neck",)),
    "jump": frozenset(("ankles", "knees", "hips")),
    "throw": frozenset(("shoulders", "spine", "hips")),
}
# The joint each muscle group moves, for exercises whose pattern tells only part of the story.
MUSCLE_REGIONS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        (
            "chest",
            "lats",
            "upper-back",
            "traps",
            "front-delts",
            "side-delts",
            "rear-delts",
            "rotator-cuff",
            "serratus-anterior",
        ),
        _SHOULDER,
    ),
    **dict.fromkeys(("biceps", "triceps", "brachialis"), frozenset(("elbows",))),
    "forearms": frozenset(("wrists", "elbows")),
    **dict.fromkeys(("abs", "obliques", "lower-back"), frozenset(("spine",))),
    **dict.fromkeys(("glutes", "hip-flexors", "adductors", "abductors"), frozenset(("hips",))),
    "quads": frozenset(("knees",)),  # a hip drill does not warm up a leg extension
    "hamstrings": frozenset(("knees", "hips")),
    **dict.fromkeys(("calves", "tibialis-anterior"), frozenset(("ankles",))),
    "neck": frozenset(("neck",)),
}
HEAVY_BAR_PATTERNS = frozenset(
    ("squat", "hip hinge", "hip extension", "horizontal push", "vertical push", "horizontal pull")
)
HEAVY_BARS = frozenset(("barbell", "trap-bar"))
RAMP_UP_BARS = frozenset(("barbell", "trap-bar", "ez-bar", "smith-machine", "landmine"))

Report = Callable[[str, str], None]  # (front matter key, message)


def check_drill_fit(exercise: Exercise, drill_regions: Mapping[str, frozenset[str]], problem: Report) -> None:
    """Report, by the key whose list is wrong, every drill that does not fit the exercise."""
    pattern = PATTERN_REGIONS.get(exercise.movement_pattern or "")
    if pattern is None:
        return  # no pattern: the pattern's own check reports it
    moved = pattern.union(*(MUSCLE_REGIONS.get(m.slug, frozenset()) for m in exercise.muscles))
    warm = [d.slug for d in exercise.warm_up]
    for key, slugs in (("warm_up", warm), ("cool_down", [d.slug for d in exercise.cool_down])):
        for slug in slugs:
            regions = drill_regions.get(slug, frozenset())
            if slug != RAMP_UP and regions and WHOLE_BODY not in regions and not regions & moved:
                problem(
                    key,
                    f"'{slug}' works the {_words(regions)}, which a {exercise.movement_pattern} exercise does not "
                    f"move ({_words(moved)})",
                )
    prepared = any(slug == RAMP_UP or drill_regions.get(slug, frozenset()) & moved for slug in warm)
    if warm and not prepared:
        problem(
            "warm_up",
            f"no warm-up drill prepares the {_words(moved)} that a {exercise.movement_pattern} exercise moves",
        )
    _check_ramp_up(exercise, warm, problem)


def _check_ramp_up(exercise: Exercise, warm: list[str], problem: Report) -> None:
    required = {use.equipment.slug for use in exercise.equipment if not use.optional}
    every = {use.equipment.slug for use in exercise.equipment}
    heavy = (
        exercise.mechanic is Mechanic.COMPOUND
        and Loading.LOADED in exercise.loading
        and exercise.movement_pattern in HEAVY_BAR_PATTERNS
        and bool(required & HEAVY_BARS)
        and "landmine" not in every  # one end of the bar on the floor: the load builds in smaller steps
    )
    if RAMP_UP in warm:
        if not every & RAMP_UP_BARS:
            problem("warm_up", "'ramp-up' starts from an empty bar; this exercise is not loaded on a bar")
        elif warm[-1] != RAMP_UP:
            problem("warm_up", "'ramp-up' comes last in the warm-up, right before the first work set")
    elif heavy:
        problem("warm_up", "a heavy barbell lift ends its warm-up with 'ramp-up', the sets that build up to the work")


def _words(regions: frozenset[str]) -> str:
    return ", ".join(r for r in REGIONS if r in regions)

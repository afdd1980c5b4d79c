"""Today's plan as a lifter reads it: what comes first and last, what the equipment allows, the dose a strength
lifter gets, the weaker side's treatment, the first session without history, emphasis, avoidance, a deload week
and a muscle left to recover. The choices are the bundled catalog's exercises, as the services build them."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from liftlore.catalog.loader import Catalog
from liftlore.domain.exercise import Exercise, Level
from liftlore.domain.planning import Deload, Goal, Plan, Prescription, Profile
from liftlore.domain.training import Side
from liftlore.planner.dose import chart_percent
from liftlore.planner.generator import generate
from liftlore.planner.inputs import (
    MAIN_LIFT_PATTERNS,
    TRUNK_MUSCLES,
    TRUNK_PATTERNS,
    Choice,
    ExerciseHistory,
    Loads,
    PlanRules,
    SymmetryStrategy,
    TrainingState,
)
from liftlore.science.strength import percent_of_max
from liftlore.services.planner import choice_of

BAR_KG = 20.0
PLATE_JUMP_KG = 2.5  # a pair of 1.25 kg plates


def round_load(kg: float, on_bar: bool, step_kg: float | None) -> float:
    """A plain gym: plates go on a 20 kg bar in 2.5 kg jumps, anything else moves by the exercise's step; rounded
    down, and never lighter than the empty bar or one step (nothing lighter can be loaded)."""
    if on_bar:
        return round(max(BAR_KG, BAR_KG + math.floor((kg - BAR_KG) / PLATE_JUMP_KG + 1e-9) * PLATE_JUMP_KG), 3)
    step = step_kg or 1.0
    return round(max(step, math.floor(kg / step + 1e-9) * step), 3)


def say(kg: float) -> str:
    return f"{kg:g} kg"


LOADS = Loads(round_load=round_load, say=say, bar_kg=BAR_KG)
FRESH = TrainingState(recovery_pct={}, week_sets={}, history={})
GYM = Profile("gym", goal=Goal.HYPERTROPHY, experience=Level.INTERMEDIATE)
SEEDS = range(5)


def library_choices(catalog: Catalog) -> list[Choice]:
    """The generator's choices as the services make them: every bundled exercise with planner defaults."""
    return [choice_of(exercise) for exercise in catalog.exercises.values() if exercise.planner]


@pytest.fixture(scope="module")
def choices(catalog: Catalog) -> list[Choice]:
    return library_choices(catalog)


def plan_for(
    choices: list[Choice],
    profile: Profile,
    state: TrainingState = FRESH,
    *,
    seed: int = 0,
    rules: PlanRules | None = None,
    deload: Deload | None = None,
) -> Plan:
    return generate(choices, profile, state, rules or PlanRules(), LOADS, seed=seed, deload=deload)


def is_trunk(exercise: Exercise) -> bool:
    """Trunk work as a coach would name it: a trunk movement, or the abs, obliques or lower back as the target."""
    return exercise.movement_pattern in TRUNK_PATTERNS or any(m.slug in TRUNK_MUSCLES for m in exercise.primary_muscles)


def is_compound(exercise: Exercise) -> bool:
    return exercise.mechanic is not None and exercise.mechanic.value == "compound"


def one(choices: list[Choice], slug: str) -> Choice:
    return next(c for c in choices if c.slug == slug)


def only(plan: Plan, slug: str) -> Prescription:
    (found,) = [p for p in plan.exercises if p.slug == slug]
    return found


# -- what comes first and last ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_a_fresh_gym_plan_opens_with_compound_lifts_and_ends_with_trunk_work(
    catalog: Catalog, choices: list[Choice], seed: int
) -> None:
    plan = plan_for(choices, GYM, seed=seed)
    pages = [catalog.exercises[p.slug] for p in plan.exercises]
    assert len(pages) >= 4, [p.slug for p in plan.exercises]
    assert is_compound(pages[0]) and is_compound(pages[1]), [p.slug for p in pages]
    assert is_trunk(pages[-1]), [p.slug for p in pages]
    assert not any(is_trunk(page) for page in pages[:-1]), [p.slug for p in pages]
    assert plan.estimated_minutes <= GYM.minutes
    assert plan.warm_up and plan.cool_down


def test_a_home_profile_uses_only_the_equipment_at_home(catalog: Catalog, choices: list[Choice]) -> None:
    home = frozenset({"dumbbell", "bench", "resistance-band"})
    profile = Profile("home", equipment=home, goal=Goal.HYPERTROPHY, experience=Level.INTERMEDIATE)
    used: set[str] = set()
    for seed in SEEDS:
        plan = plan_for(choices, profile, seed=seed)
        assert len(plan.exercises) >= 4
        for prescription in plan.exercises:
            needed = {u.equipment.slug for u in catalog.exercises[prescription.slug].equipment if not u.optional}
            assert needed <= home, (prescription.slug, needed)
            used |= needed
    assert "dumbbell" in used  # the dumbbells are used, not just body weight


# -- the dose -------------------------------------------------------------------------------------------------------


def is_main_barbell_lift(exercise: Exercise) -> bool:
    on_barbell = any(u.equipment.slug == "barbell" and not u.optional for u in exercise.equipment)
    loaded = exercise.planner is not None and exercise.planner.load_step_kg is not None
    return on_barbell and loaded and is_compound(exercise) and exercise.movement_pattern in MAIN_LIFT_PATTERNS


def known_lifts(catalog: Catalog, kg: float) -> dict[str, ExerciseHistory]:
    """A history of every loaded exercise counted in reps, each at `kg` e1RM (per side for a one-sided one)."""
    history = {}
    for exercise in catalog.exercises.values():
        planner = exercise.planner
        if planner is None or planner.load_step_kg is None or planner.unit.value != "reps":
            continue
        sides = (Side.LEFT, Side.RIGHT) if exercise.laterality.value == "unilateral" else (Side.BOTH,)
        history[exercise.slug] = ExerciseHistory(e1rm_kg=dict.fromkeys(sides, kg), last_done="last Monday")
    return history


@pytest.mark.parametrize("seed", SEEDS)
def test_a_strength_plan_is_heavy_on_the_main_barbell_lifts_with_ramp_up_sets_first(
    catalog: Catalog, choices: list[Choice], seed: int
) -> None:
    profile = Profile("gym", goal=Goal.STRENGTH, experience=Level.INTERMEDIATE, minutes=75)
    state = replace(FRESH, history=known_lifts(catalog, 140.0))
    plan = plan_for(choices, profile, state, seed=seed)
    heavy = [p for p in plan.exercises if is_main_barbell_lift(catalog.exercises[p.slug])]
    assert heavy, [p.slug for p in plan.exercises]
    for lift in heavy:
        assert 3 <= lift.reps <= 6 and lift.rep_range == (3, 6), lift
        assert lift.rest_s >= 180, lift
    ramped = [p for p in heavy if any(d.slug == "ramp-up" for d in catalog.exercises[p.slug].warm_up)]
    assert ramped, [p.slug for p in heavy]
    for lift in ramped:
        assert lift.load_kg is not None
        first, *rising = lift.ramp_up
        assert (first.weight_kg, first.reps) == (BAR_KG, 10)
        weights = [first.weight_kg] + [r.weight_kg for r in rising]
        assert rising, lift.ramp_up  # 140 kg e1RM: the work load is far above the bar
        assert weights == sorted(set(weights)) and weights[-1] < lift.load_kg, (weights, lift.load_kg)
        assert "Ramp up first" in lift.load_reason


def test_without_history_a_loaded_exercise_starts_light_and_says_why(catalog: Catalog, choices: list[Choice]) -> None:
    plan = plan_for(choices, GYM)
    loaded = [p for p in plan.exercises if catalog.exercises[p.slug].planner.load_step_kg is not None]  # type: ignore[union-attr]
    assert loaded
    for prescription in loaded:
        assert prescription.load_kg is None
        assert "No history" in prescription.load_reason and "Start light" in prescription.load_reason
        assert "reps in reserve" in prescription.load_reason


def test_with_history_the_load_follows_the_e1rm_and_the_rpe_chart(catalog: Catalog, choices: list[Choice]) -> None:
    state = replace(FRESH, history=known_lifts(catalog, 100.0))
    plan = plan_for(choices, GYM, state)
    # Targets past the chart's end (15 reps at RPE 8) are the next test's.
    loaded = [p for p in plan.exercises if p.load_kg is not None and p.rpe and percent_of_max(p.reps, 10 - p.rpe)]
    assert len(loaded) >= 3, [(p.slug, p.reps, p.load_kg) for p in plan.exercises]
    for prescription in loaded:
        assert prescription.rpe is not None
        percent = percent_of_max(prescription.reps, 10 - prescription.rpe)
        assert percent is not None and prescription.load_kg is not None
        choice = one(choices, prescription.slug)
        lightest = round_load(0.0, choice.on_bar, choice.defaults.load_step_kg)
        assert prescription.load_kg <= max(100.0 * percent / 100, lightest), (prescription.slug, percent)
        assert "e1RM is 100 kg" in prescription.load_reason


def test_a_higher_rep_target_gets_a_lighter_load_from_the_same_e1rm(choices: list[Choice]) -> None:
    # A lifter doing 16 reps cannot hold the load of 12 reps at the same effort: the RPE chart runs out at 12
    # reps and RPE 8, and more reps must mean less weight, whatever the figure beyond the chart.
    curl = one(choices, "dumbbell-curl")
    history = {"dumbbell-curl": ExerciseHistory(e1rm_kg={Side.BOTH: 60.0})}
    loads = []
    for reps in (12, 16, 20):
        page = replace(curl, defaults=replace(curl.defaults, low=reps, high=reps, load_step_kg=0.5))
        plan = plan_for([page], GYM, replace(FRESH, history=history))
        loads.append(only(plan, "dumbbell-curl").load_kg)
    assert loads[0] is not None and loads[0] > loads[1] > loads[2], loads  # type: ignore[operator]


# -- the weaker side ------------------------------------------------------------------------------------------------


SPLIT_SQUAT = "bulgarian-split-squat"


def flagged_split_squats(choices: list[Choice], strategy: str, best: tuple[float, int] = (24.0, 8)) -> Prescription:
    """A lifter whose right leg lags (e1RM 80 kg against 100 kg, flagged); the left leg's best set last time
    was 24 kg x 8 (or `best`)."""
    history = ExerciseHistory(
        e1rm_kg={Side.LEFT: 100.0, Side.RIGHT: 80.0},
        last_done="last Thursday",
        weaker=Side.RIGHT,
        flagged=True,
        stronger_best=best,
    )
    state = replace(FRESH, history={SPLIT_SQUAT: history})
    plan = plan_for([one(choices, SPLIT_SQUAT)], GYM, state, rules=PlanRules(symmetry_strategy=strategy))
    return only(plan, SPLIT_SQUAT)


def test_the_split_squat_is_one_sided_and_loaded(choices: list[Choice]) -> None:
    choice = one(choices, SPLIT_SQUAT)
    assert choice.unilateral and choice.loaded and not choice.timed


def test_the_match_strategy_gives_both_sides_the_stronger_sides_last_set_weaker_first(choices: list[Choice]) -> None:
    split_squat = flagged_split_squats(choices, SymmetryStrategy.MATCH)
    assert split_squat.sides == (Side.RIGHT, Side.LEFT)
    assert (split_squat.load_kg, split_squat.reps) == (24.0, 8)
    assert split_squat.extra_sets == {}
    assert "24 kg x 8" in split_squat.load_reason and "right side goes first" in split_squat.load_reason


def test_the_match_strategy_never_asks_the_weaker_side_for_more_than_its_e1rm_allows(choices: list[Choice]) -> None:
    # The left leg's 70 kg x 8 is past what the right leg's 80 kg e1RM allows for 8 reps at the plan's RPE.
    split_squat = flagged_split_squats(choices, SymmetryStrategy.MATCH, best=(70.0, 8))
    rpe = split_squat.rpe or 8.0
    assert split_squat.reps == 8
    assert split_squat.load_kg is not None
    assert split_squat.load_kg <= 80.0 * chart_percent(8, 10 - rpe) / 100 < 70.0
    assert "70 kg x 8" in split_squat.load_reason and "allows" in split_squat.load_reason


def test_the_extra_set_strategy_adds_one_set_for_the_weaker_side(choices: list[Choice]) -> None:
    split_squat = flagged_split_squats(choices, SymmetryStrategy.EXTRA_SET)
    matched = flagged_split_squats(choices, SymmetryStrategy.MATCH)
    assert split_squat.sides == (Side.RIGHT, Side.LEFT)
    assert split_squat.extra_sets == {Side.RIGHT: 1}
    assert split_squat.sets == matched.sets  # the extra set comes on top of the usual ones
    # The load comes from the weaker side's e1RM, so that side can do every set.
    assert split_squat.rpe is not None
    percent = percent_of_max(split_squat.reps, 10 - split_squat.rpe)
    assert percent is not None and split_squat.load_kg is not None
    assert 80.0 * percent / 100 - 2 < split_squat.load_kg <= 80.0 * percent / 100
    assert "e1RM is 80 kg" in split_squat.load_reason
    assert "extra set for the right side" in split_squat.load_reason


# -- what the person asked for ---------------------------------------------------------------------------------------


def test_an_emphasised_muscle_gets_one_set_more(choices: list[Choice]) -> None:
    curls = [one(choices, "dumbbell-curl")]
    plain = only(plan_for(curls, GYM), "dumbbell-curl")
    emphasised = only(plan_for(curls, replace(GYM, emphasise=("biceps",))), "dumbbell-curl")
    assert emphasised.sets == plain.sets + 1
    assert "emphasise" in emphasised.dose_reason and "emphasise" in emphasised.reason


def test_an_emphasised_muscle_is_trained_in_the_whole_library(catalog: Catalog, choices: list[Choice]) -> None:
    for seed in SEEDS:
        plan = plan_for(choices, replace(GYM, emphasise=("calves",)), seed=seed)
        calves = [p for p in plan.exercises if "calves" in {m.slug for m in catalog.exercises[p.slug].primary_muscles}]
        assert calves, [p.slug for p in plan.exercises]


def test_avoiding_the_squat_pattern_removes_every_squat(catalog: Catalog, choices: list[Choice]) -> None:
    squats_without = 0
    for goal in Goal:
        for seed in range(3):
            profile = Profile("gym", goal=goal, experience=Level.INTERMEDIATE)
            plain = plan_for(choices, profile, seed=seed)
            squats_without += sum(catalog.exercises[p.slug].movement_pattern == "squat" for p in plain.exercises)
            avoiding = plan_for(choices, replace(profile, avoid_patterns=("squat",)), seed=seed)
            assert avoiding.exercises
            assert all(catalog.exercises[p.slug].movement_pattern != "squat" for p in avoiding.exercises)
    assert squats_without  # without the avoidance, squats do come up


@pytest.mark.parametrize("seed", SEEDS)
def test_a_deload_week_keeps_the_exercises_with_about_half_the_sets_and_lighter_loads(
    catalog: Catalog, choices: list[Choice], seed: int
) -> None:
    state = replace(FRESH, history=known_lifts(catalog, 120.0))
    normal = plan_for(choices, GYM, state, seed=seed)
    deload = plan_for(choices, GYM, state, seed=seed, deload=Deload(every_weeks=6))
    assert [p.slug for p in deload.exercises] == [p.slug for p in normal.exercises]
    assert any(p.load_kg is not None for p in normal.exercises)
    for usual, light in zip(normal.exercises, deload.exercises, strict=True):
        assert 1 <= light.sets <= math.ceil(usual.sets / 2), (usual.sets, light.sets)
        assert light.rpe is None or light.rpe <= 7
        if usual.load_kg is not None:
            assert light.load_kg is not None and light.load_kg < usual.load_kg, (usual.slug, usual.load_kg)
        assert "Deload week" in light.dose_reason
    assert deload.estimated_minutes < normal.estimated_minutes
    assert any("deload" in note.lower() for note in deload.notes)


def test_a_muscle_under_the_recovery_floor_is_not_trained_and_the_notes_say_so(
    catalog: Catalog, choices: list[Choice]
) -> None:
    state = replace(FRESH, recovery_pct={"chest": 30.0})
    for seed in SEEDS:
        plan = plan_for(choices, GYM, state, seed=seed, rules=PlanRules(recovery_floor=60.0))
        for prescription in plan.exercises:
            page = catalog.exercises[prescription.slug]
            assert "chest" not in {m.slug for m in page.primary_muscles + page.secondary_muscles}, page.slug
        assert len(plan.exercises) >= 4
        assert any("chest (30 %)" in note and "60 % floor" in note for note in plan.notes), plan.notes

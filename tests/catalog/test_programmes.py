"""The bundled programmes (catalog/programmes/*.toml): they read, name real exercises, end every day with trunk
work and cover the common splits; a malformed file is refused with its file, line and field; the service lists
them with their rules in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from liftlore.catalog.loader import Catalog
from liftlore.catalog.programme_files import read_programme, read_programmes
from liftlore.domain.planning import Programme, RuleKind, Split
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.services import programmes as service
from liftlore.store.db import Database

TRUNK_PATTERNS = {
    "anti-extension",
    "anti-rotation",
    "anti-lateral flexion",
    "trunk flexion",
    "trunk rotation",
    "spinal extension",
}
TRUNK_MUSCLES = {"abs", "obliques", "lower-back"}
LOWER = {"quads", "glutes", "hamstrings", "calves", "adductors", "abductors"}
PUSH = {"chest", "front-delts", "side-delts", "triceps"}
PULL = {"lats", "upper-back", "rear-delts", "biceps", "brachialis", "forearms"}


@pytest.fixture(scope="module")
def bundled() -> list[Programme]:
    return read_programmes()


def is_trunk_work(catalog: Catalog, slug: str) -> bool:
    exercise = catalog.exercises[slug]
    muscles = {m.slug for m in exercise.primary_muscles}
    return exercise.movement_pattern in TRUNK_PATTERNS or bool(muscles & TRUNK_MUSCLES)


def split_of(catalog: Catalog, programme: Programme) -> Split:
    """The split the days' main muscles make: every day everything, upper and lower days, or push, pull and legs."""
    kinds = set()
    for day in programme.days:
        muscles = {
            m.slug
            for slot in day.slots
            if not is_trunk_work(catalog, slot.exercise)
            for m in catalog.exercises[slot.exercise].primary_muscles
        }
        kinds.add(
            frozenset(name for name, group in (("legs", LOWER), ("push", PUSH), ("pull", PULL)) if muscles & group)
        )
    if kinds == {frozenset({"legs", "push", "pull"})}:
        return Split.FULL_BODY
    if kinds == {frozenset({"legs"}), frozenset({"push", "pull"})}:
        return Split.UPPER_LOWER
    if kinds == {frozenset({"legs"}), frozenset({"push"}), frozenset({"pull"})}:
        return Split.PUSH_PULL_LEGS
    return Split.NONE


def test_every_bundled_programme_reads_and_names_only_library_exercises(
    bundled: list[Programme], catalog: Catalog
) -> None:
    assert 3 <= len(bundled) <= 4
    for programme in bundled:
        assert programme.name and programme.summary and programme.source and programme.deload is not None
        for day in programme.days:
            for slot in day.slots:
                assert slot.exercise in catalog.exercises, f"{programme.slug}: {slot.exercise}"
                assert slot.rule in programme.rules


def test_every_day_ends_with_trunk_work(bundled: list[Programme], catalog: Catalog) -> None:
    for programme in bundled:
        for day in programme.days:
            last = day.slots[-1].exercise
            assert is_trunk_work(catalog, last), f"{programme.slug}, {day.name}: ends with {last}"


def test_the_programmes_cover_the_three_common_splits(bundled: list[Programme], catalog: Catalog) -> None:
    splits = {split_of(catalog, p) for p in bundled}
    assert {Split.FULL_BODY, Split.UPPER_LOWER, Split.PUSH_PULL_LEGS} <= splits


def test_the_rule_kinds_asked_for_are_all_shipped(bundled: list[Programme]) -> None:
    kinds = {rule.kind for p in bundled for rule in p.rules.values()}
    assert kinds == set(RuleKind)
    waves = [p for p in bundled if any(r.kind is RuleKind.PERCENTAGE_WAVE for r in p.rules.values())]
    for p in waves:
        wave = next(r for r in p.rules.values() if r.kind is RuleKind.PERCENTAGE_WAVE)
        assert p.deload is not None and p.deload.every_weeks == len(wave.wave) + 1  # the week after the wave


def test_deloads_follow_the_five_to_six_week_rhythm_unless_a_wave_sets_it(bundled: list[Programme]) -> None:
    for p in bundled:
        assert p.deload is not None
        has_wave = any(r.kind is RuleKind.PERCENTAGE_WAVE for r in p.rules.values())
        assert has_wave or 5 <= p.deload.every_weeks <= 6, p.slug


# -- refusals -----------------------------------------------------------------------------------------------------

GOOD = """\
name = "Test programme"
summary = "Two days for the tests."
goal = "general"
level = "beginner"
source = "Written for the tests."

[deload]
every_weeks = 5
sets_factor = 0.5
load_factor = 0.9
max_rpe = 7

[rules.double]
kind = "double-progression"

[rules.top-set]
kind = "rpe"
target_rpe = 8
steps = [
  { from_rpe = 5, change_kg = 5 },
  { from_rpe = 8, change_kg = 0 },
]

[rules.wave]
kind = "percentage-wave"
training_max_pct = 90
weeks = [
  { percent = 85, reps = 5, sets = 3, amrap = true },
]

[[days]]
name = "One"
slots = [
  { exercise = "barbell-back-squat", sets = 3, reps = "5-8", rule = "top-set" },
  { exercise = "plank", sets = 3, reps = "20-40", rule = "double" },
]

[[days]]
name = "Two"
slots = [
  { exercise = "barbell-deadlift", rule = "wave" },
  { exercise = "barbell-bench-press", sets = 3, reps = "6-10", rule = "double" },
  { exercise = "dead-bug", sets = 2, reps = "10-16", rule = "double" },
]
"""
KNOWN = {"barbell-back-squat", "plank", "barbell-deadlift", "barbell-bench-press", "dead-bug"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "test-programme.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refusal(tmp_path: Path, old: str, new: str) -> tuple[LiftloreError, Path, int]:
    """The error reading GOOD with `old` replaced by `new`, the file, and the line `new` is on."""
    assert GOOD.count(old) == 1
    text = GOOD.replace(old, new)
    path = write(tmp_path, text)
    with pytest.raises(LiftloreError) as caught:
        read_programme(path, KNOWN)
    line = text[: text.index(new)].count("\n") + 1
    return caught.value, path, line


def test_the_good_file_reads(tmp_path: Path) -> None:
    programme = read_programme(write(tmp_path, GOOD), KNOWN)
    assert programme.slug == "test-programme" and programme.days_per_week == 2
    wave_slot = programme.days[1].slots[0]
    assert (wave_slot.sets, wave_slot.low, wave_slot.high) == (3, 5, 5)  # from the wave
    assert [s.low for s in programme.days[0].slots] == [5, 20]


def test_an_unknown_exercise_is_refused(tmp_path: Path) -> None:
    error, path, line = refusal(tmp_path, '"barbell-bench-press"', '"barbell-bench-pres"')
    assert (error.file, error.line, error.field) == (str(path), line, "days[2].slots[2].exercise")
    assert "'barbell-bench-pres'" in error.message and "did you mean 'barbell-bench-press'" in error.message


def test_a_slot_whose_rule_the_programme_lacks_is_refused(tmp_path: Path) -> None:
    error, path, line = refusal(tmp_path, 'reps = "20-40", rule = "double"', 'reps = "20-40", rule = "heavy"')
    assert (error.file, error.line, error.field) == (str(path), line, "days[1].slots[2].rule")
    assert "'heavy'" in error.message and "double" in error.message


def test_a_range_whose_low_end_is_above_its_high_end_is_refused(tmp_path: Path) -> None:
    error, path, line = refusal(tmp_path, 'reps = "6-10"', 'reps = "10-6"')
    assert (error.file, error.line, error.field) == (str(path), line, "days[2].slots[2].reps")
    assert "10" in error.message and "6" in error.message


def test_fewer_than_one_set_is_refused(tmp_path: Path) -> None:
    error, path, line = refusal(tmp_path, 'sets = 2, reps = "10-16"', 'sets = 0, reps = "10-16"')
    assert (error.file, error.line, error.field) == (str(path), line, "days[2].slots[3].sets")


def test_an_unknown_goal_is_refused(tmp_path: Path) -> None:
    error, path, line = refusal(tmp_path, 'goal = "general"', 'goal = "fun"')
    assert (error.file, error.line, error.field) == (str(path), line, "goal")
    assert "strength" in error.message and "hypertrophy" in error.message


def test_an_unknown_level_is_refused(tmp_path: Path) -> None:
    error, path, line = refusal(tmp_path, 'level = "beginner"', 'level = "novice"')
    assert (error.file, error.line, error.field) == (str(path), line, "level")


def test_an_unknown_rule_kind_is_refused(tmp_path: Path) -> None:
    error, path, line = refusal(tmp_path, 'kind = "double-progression"', 'kind = "linear"')
    assert (error.file, error.line, error.field) == (str(path), line, "rules.double.kind")
    assert "double-progression" in error.message


def test_a_wave_with_no_weeks_is_refused(tmp_path: Path) -> None:
    error, path, line = refusal(
        tmp_path, "weeks = [\n  { percent = 85, reps = 5, sets = 3, amrap = true },\n]", "weeks = []"
    )
    assert (error.file, error.line, error.field) == (str(path), line, "rules.wave.weeks")


def test_rpe_steps_that_do_not_ascend_are_refused(tmp_path: Path) -> None:
    error, path, line = refusal(tmp_path, "{ from_rpe = 8, change_kg = 0 }", "{ from_rpe = 4, change_kg = 0 }")
    assert (error.file, error.line, error.field) == (str(path), line, "rules.top-set.steps[2].from_rpe")
    assert "ascend" in error.message


@pytest.mark.parametrize("value", ["0", "1.5", "-0.5"])
def test_a_deload_factor_outside_zero_to_one_is_refused(tmp_path: Path, value: str) -> None:
    error, path, line = refusal(tmp_path, "load_factor = 0.9", f"load_factor = {value}")
    assert (error.file, error.line, error.field) == (str(path), line, "deload.load_factor")


def test_a_misspelt_key_is_refused_rather_than_ignored(tmp_path: Path) -> None:
    error, path, line = refusal(tmp_path, 'rule = "top-set" }', 'rule = "top-set", rest = 90 }')
    assert (error.file, error.line, error.field) == (str(path), line, "days[1].slots[1].rest")


def test_a_file_that_is_not_toml_is_refused_with_its_line(tmp_path: Path) -> None:
    error, path, line = refusal(tmp_path, "max_rpe = 7", "max_rpe = = 7")
    assert (error.file, error.line) == (str(path), line)


# -- the service ----------------------------------------------------------------------------------------------------


def test_the_service_lists_the_programmes_with_their_rules_in_words(db: Database, bundled: list[Programme]) -> None:
    listed = db.run(service.programmes)
    assert [p.slug for p in listed] == [p.slug for p in bundled]
    for out, programme in zip(listed, bundled, strict=True):
        assert set(out.rules) == set(programme.rules) and all(out.rules.values())
        assert programme.deload is not None and out.deload is not None
        assert f"Every {programme.deload.every_weeks} weeks" in out.deload
        assert out.days_per_week == len(programme.days)
    rpe = next(
        text for p in listed for name, text in p.rules.items() if bundled_rule(bundled, p.slug, name) is RuleKind.RPE
    )
    assert "RPE 8" in rpe and "add 5 kg" in rpe and "take off 2.5 kg" in rpe


def bundled_rule(bundled: list[Programme], slug: str, name: str) -> RuleKind:
    return next(p for p in bundled if p.slug == slug).rules[name].kind


def test_the_service_finds_a_programme_or_suggests_the_nearest(db: Database, bundled: list[Programme]) -> None:
    wanted = bundled[0].slug
    assert db.run(service.programme, wanted).slug == wanted
    with pytest.raises(NotFoundError) as caught:
        db.run(service.programme, wanted[:-2])
    assert wanted in caught.value.suggestions

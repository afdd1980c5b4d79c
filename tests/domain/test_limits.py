"""The bounds of domain/limits.py, and the domain objects that apply them: every number in a set finite and
believable, text bounded and really text, dates between 1900 and 2100."""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liftlore.domain.limits import (
    MAX_DISTANCE_M,
    MAX_DURATION_S,
    MAX_NAME_LENGTH,
    MAX_NOTES_LENGTH,
    MAX_OFFSET,
    MAX_PAGE_SIZE,
    MAX_REPS,
    MAX_WEIGHT_KG,
    check_count,
    check_moment,
    check_number,
    check_page,
    check_text,
)
from liftlore.domain.training import ExerciseEntry, SetEntry, Workout
from liftlore.errors import LiftloreError, UnknownValueError

BERLIN_SUMMER = timezone(timedelta(hours=2))


# -- text ----------------------------------------------------------------------------------------------------------


def test_text_is_stripped_and_line_endings_made_plain() -> None:
    assert check_text("  Back Squat \n", "exercise", MAX_NAME_LENGTH) == "Back Squat"
    assert check_text("felt\r\nheavy\rtoday\tok", "notes", MAX_NOTES_LENGTH) == "felt\nheavy\ntoday\tok"
    assert check_text("Übung 💪 (Kurzhantel)", "exercise", MAX_NAME_LENGTH) == "Übung 💪 (Kurzhantel)"
    assert check_text("x" * MAX_NAME_LENGTH, "exercise", MAX_NAME_LENGTH) == "x" * MAX_NAME_LENGTH


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("x" * (MAX_NAME_LENGTH + 1), f"at most {MAX_NAME_LENGTH} characters, not {MAX_NAME_LENGTH + 1}"),
        ("squat\ud800", "a lone surrogate (U+D800) at character 6 is not text"),
        ("\udfff", "a lone surrogate (U+DFFF)"),
        ("squat\x00", "a control character (U+0000)"),
        ("back\x1b[31msquat", "a control character (U+001B)"),
        ("squat\x85press", "a control character (U+0085)"),
    ],
)
def test_text_that_is_too_long_or_not_text_is_refused_by_field(text: str, words: str) -> None:
    with pytest.raises(LiftloreError) as caught:
        check_text(text, "exercise", MAX_NAME_LENGTH)
    assert caught.value.field == "exercise"
    assert words in caught.value.message
    # The message never echoes the text: a surrogate in it would break the JSON error response.
    str(caught.value).encode("utf-8")


def test_a_ten_megabyte_name_is_refused_at_once() -> None:
    started = time.perf_counter()
    with pytest.raises(LiftloreError, match="at most 200 characters, not 10,000,000"):
        check_text("a" * 10_000_000, "exercise", MAX_NAME_LENGTH)
    assert time.perf_counter() - started < 0.5


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=()) | st.characters(categories=["Cs", "Cc"]), max_size=300))
def test_any_text_is_returned_clean_or_refused_with_its_field(text: str) -> None:
    try:
        checked = check_text(text, "name", MAX_NAME_LENGTH)
    except LiftloreError as exc:
        assert exc.field == "name"
        str(exc).encode("utf-8")
        return
    assert len(checked) <= MAX_NAME_LENGTH
    assert checked == checked.strip()
    checked.encode("utf-8")  # no lone surrogate survives
    assert all(c in "\t\n" or not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) for c in checked)


# -- counts, pages, numbers ----------------------------------------------------------------------------------------


def test_counts() -> None:
    assert check_count(100, "sets", 100) == 100
    assert check_count(0, "sets", 100) == 0
    with pytest.raises(LiftloreError, match="at most 100 at once, not 101") as caught:
        check_count(101, "sets", 100)
    assert caught.value.field == "sets"
    with pytest.raises(LiftloreError, match="cannot be negative"):
        check_count(-1, "sets", 100)


def test_pages() -> None:
    assert check_page(MAX_PAGE_SIZE, MAX_OFFSET) == (MAX_PAGE_SIZE, MAX_OFFSET)
    for limit, offset, field in ((0, 0, "limit"), (MAX_PAGE_SIZE + 1, 0, "limit"), (1, -1, "offset")):
        with pytest.raises(LiftloreError) as caught:
            check_page(limit, offset)
        assert caught.value.field == field
    with pytest.raises(LiftloreError, match="offset"):
        check_page(1, MAX_OFFSET + 1)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, float("1e999"), 10**400, -(10**400)])
def test_numbers_must_be_real_and_in_range(value: float) -> None:
    with pytest.raises(LiftloreError) as caught:
        check_number(value, "weight", -1500, 1500)
    assert caught.value.field == "weight"
    assert check_number(-0.0, "weight", -1500, 1500) == 0


# -- dates ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59),  # naive
        datetime(1899, 12, 31, 23, 59, tzinfo=UTC),
        datetime(2100, 1, 1, tzinfo=UTC),
        datetime(1900, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1))),  # 1899 in UTC
        datetime(2099, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5))),  # 2100 in UTC
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
    ],
)
def test_dates_outside_1900_to_2100_are_refused(moment: datetime) -> None:
    with pytest.raises(LiftloreError, match="is not a date between 1900 and 2100") as caught:
        check_moment(moment, "performed_at")
    assert caught.value.field == "performed_at"


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1900, 1, 1, tzinfo=UTC),
        datetime(2025, 9, 15, 7, 48, tzinfo=BERLIN_SUMMER),
        datetime(2099, 12, 31, 23, 59, tzinfo=UTC),
        datetime(2099, 12, 31, 23, 59),
    ],
)
def test_dates_inside_are_kept_as_they_are(moment: datetime) -> None:
    assert check_moment(moment, "performed_at") is moment


# -- every number of a set -----------------------------------------------------------------------------------------

# Each numeric field: the one other value that makes the rest of the set valid, what the field is called in
# errors, and the documented bounds.
FIELDS: dict[str, tuple[dict[str, Any], str, float, float]] = {
    "reps": ({}, "reps", 0, MAX_REPS),
    "weight_kg": ({"reps": 5}, "weight", -MAX_WEIGHT_KG, MAX_WEIGHT_KG),
    "rpe": ({"reps": 5}, "rpe", 1, 10),
    "rir": ({"reps": 5}, "rir", 0, 10),
    "duration_s": ({"reps": 5}, "duration", 0, MAX_DURATION_S),
    "distance_m": ({"reps": 5}, "distance", 0, MAX_DISTANCE_M),
}
any_number = (
    st.floats()  # NaN, both infinities, -0.0, subnormals, 1.8e308
    | st.floats(min_value=-2000, max_value=2000)  # near the bounds, where most values are accepted
    | st.integers(min_value=-2000, max_value=2000).map(lambda n: n / 2)  # halves, as RPE and RIR go
    | st.integers()
    | st.sampled_from([10**400, -(10**400), 2**63, 1e999, -1e999])
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(FIELDS)), any_number)
def test_any_number_builds_a_believable_set_or_is_refused_naming_its_field(name: str, value: float) -> None:
    others, field, lowest, highest = FIELDS[name]
    try:
        entry = SetEntry(**{**others, name: value})
    except LiftloreError as exc:
        assert exc.field == field, (name, value, str(exc))
        str(exc).encode("utf-8")
        return
    stored = getattr(entry, name)
    assert math.isfinite(stored)
    assert lowest <= stored <= highest
    if name == "reps":
        assert float(stored).is_integer()
    if name in ("rpe", "rir"):
        assert float(stored * 2).is_integer()


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"reps": 5, "duration_s": math.inf}, "duration: must be a finite number, not inf"),
        ({"reps": 5, "duration_s": math.nan}, "duration: must be a finite number, not nan"),
        ({"reps": 5, "distance_m": -math.inf}, "distance: must be a finite number, not -inf"),
        ({"reps": 5, "duration_s": 86_401}, "duration: a duration of 86401 s is more than 24 hours"),
        ({"reps": 5, "distance_m": 1_000_001}, "distance: a distance of 1e+06 m is more than 1,000 km"),
        ({"reps": 5, "weight_kg": math.nan}, "weight: must be a finite number, not nan"),
        ({"reps": 5, "weight_kg": 10**400}, "weight: a weight of a number far too large kg is not believable"),
        ({"reps": math.nan}, "reps: must be a finite number, not nan"),
        ({"reps": 5.5}, "reps: reps are whole numbers, not 5.5"),
        ({"reps": 5, "rpe": math.nan}, "rpe: must be a finite number, not nan"),
        ({"reps": 5, "rir": math.inf}, "rir: must be a finite number, not inf"),
        ({"reps": 5, "performed_at": datetime(9999, 12, 31, tzinfo=UTC)}, "performed_at: 9999-12-31 is not a date"),
        ({"reps": 5, "performed_at": datetime(1, 1, 1, tzinfo=UTC)}, "performed_at: 0001-01-01 is not a date"),
    ],
)
def test_sets_the_fuzzer_found(fields: dict[str, Any], words: str) -> None:
    with pytest.raises(LiftloreError) as caught:
        SetEntry(**fields)
    assert words in str(caught.value)


def test_a_set_at_the_bounds_is_accepted() -> None:
    entry = SetEntry(reps=MAX_REPS, weight_kg=-MAX_WEIGHT_KG, duration_s=MAX_DURATION_S, distance_m=MAX_DISTANCE_M)
    assert entry.duration_s == 24 * 3600 and entry.distance_m == 1_000_000


# -- workouts and entries ------------------------------------------------------------------------------------------

START = datetime(2025, 9, 15, 7, 48, tzinfo=BERLIN_SUMMER)


def test_workout_and_entry_text_is_kept_stripped() -> None:
    entry = ExerciseEntry(exercise_name="  Back Squat ", sets=(SetEntry(reps=5),), notes=" deep \r\n")
    workout = Workout(started_at=START, entries=(entry,), name=" Legs ", notes="\tfelt good\n")
    assert (entry.exercise_name, entry.notes) == ("Back Squat", "deep")
    assert (workout.name, workout.notes) == ("Legs", "felt good")


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (lambda: ExerciseEntry(exercise_name="x" * 201, sets=()), "exercise: at most 200 characters, not 201"),
        (lambda: ExerciseEntry(exercise_name="squat\ud800", sets=()), "exercise: a lone surrogate"),
        (lambda: ExerciseEntry(exercise_name="   ", sets=()), "exercise: cannot be empty"),
        (lambda: ExerciseEntry(exercise_name="Row", sets=(), notes="n" * 5001), "notes: at most 5,000 characters"),
        (lambda: ExerciseEntry(exercise_name="Row", sets=(), superset_group=2**40), "superset: a superset group"),
        (lambda: Workout(started_at=START, name="n" * 201), "name: at most 200 characters"),
        (lambda: Workout(started_at=START, notes="bell\x07"), "notes: a control character (U+0007)"),
        (lambda: Workout(started_at=START, source="x" * 17), "source: unknown source"),
        (lambda: Workout(started_at=datetime(9999, 12, 31, tzinfo=UTC)), "started_at: 9999-12-31 is not a date"),
        (lambda: Workout(started_at=datetime(1, 1, 1, tzinfo=UTC)), "started_at: 0001-01-01 is not a date"),
        (lambda: Workout(started_at=START, ended_at=datetime(9999, 1, 1, tzinfo=UTC)), "ended_at: 9999-01-01"),
    ],
)
def test_workouts_and_entries_refuse_what_no_log_holds(build: Any, words: str) -> None:
    with pytest.raises(LiftloreError) as caught:
        build()
    assert words in str(caught.value)


def test_an_error_quoting_a_lone_surrogate_can_still_be_sent() -> None:
    # Messages quote what was sent ("unknown set_type '...'"); the error itself must encode as UTF-8 for the
    # JSON body, or a 400 becomes a 500.
    error = UnknownValueError("set_type", "warm\ud800up", ["normal", "warm-up"])
    assert str(error).encode("utf-8") == b"set_type: unknown set_type 'warm?up'; known: normal, warm-up"
    assert LiftloreError("bad \udfff", field="x\ud800").field == "x?"

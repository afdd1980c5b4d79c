"""The set grammar (docs/log-grammar.md): what people type, what it means, and what it refuses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liftlore.domain.log_grammar import (
    format_set,
    format_sets,
    parse_log_line,
    parse_sets,
    parse_weight,
    split_exercise,
)
from liftlore.domain.training import SetEntry, SetType, Side
from liftlore.domain.units import WeightUnit, to_kg
from liftlore.errors import LiftloreError

N, WU, D, F = SetType.NORMAL, SetType.WARM_UP, SetType.DROP, SetType.FAILURE
L, R, B = Side.LEFT, Side.RIGHT, Side.BOTH


def sets(text: str, unit: WeightUnit = WeightUnit.KG) -> list[tuple[object, ...]]:
    return [
        (s.side, s.set_type, s.weight_kg, s.reps, s.rpe, s.rir, s.duration_s, s.distance_m)
        for s in parse_sets(text, unit=unit)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100kg x 5", [(None, N, 100, 5, None, None, None, None)]),
        ("100 kg x 5", [(None, N, 100, 5, None, None, None, None)]),
        ("100kgx5x2", [(None, N, 100, 5, None, None, None, None)] * 2),
        ("100 x 5 x 3 @8", [(None, N, 100, 5, 8, None, None, None)] * 3),
        ("100kg x 5 x 2 rir 2", [(None, N, 100, 5, None, 2, None, None)] * 2),
        ("100kg x 5 2rir", [(None, N, 100, 5, None, 2, None, None)]),
        ("100kg x 5 rpe 9.5", [(None, N, 100, 5, 9.5, None, None, None)]),
        ("L 40kg x 10, R 40kg x 8", [(L, N, 40, 10, None, None, None, None), (R, N, 40, 8, None, None, None, None)]),
        ("left 40kg x 10, right x 9", [(L, N, 40, 10, None, None, None, None), (R, N, 40, 9, None, None, None, None)]),
        ("each 20kg x 12", [(L, N, 20, 12, None, None, None, None), (R, N, 20, 12, None, None, None, None)]),
        (
            "W 60kg x 5, 100kg x 5",
            [(None, WU, 60, 5, None, None, None, None), (None, N, 100, 5, None, None, None, None)],
        ),
        (
            "D 80kg x 8, F 100kg x 3",
            [(None, D, 80, 8, None, None, None, None), (None, F, 100, 3, None, None, None, None)],
        ),
        ("100kg x 5, 5, 4", [(None, N, 100, r, None, None, None, None) for r in (5, 5, 4)]),
        ("8, 7, 6", [(None, N, None, r, None, None, None, None) for r in (8, 7, 6)]),
        ("bw x 12", [(None, N, None, 12, None, None, None, None)]),
        ("x 12 x 2", [(None, N, None, 12, None, None, None, None)] * 2),
        ("bw+10kg x 6", [(None, N, 10, 6, None, None, None, None)]),
        ("bw-20kg x 8", [(None, N, -20, 8, None, None, None, None)]),
        ("-20kg x 8", [(None, N, -20, 8, None, None, None, None)]),
        ("60s x 3", [(None, N, None, None, None, None, 60, None)] * 3),
        ("1:30", [(None, N, None, None, None, None, 90, None)]),
        ("2min", [(None, N, None, None, None, None, 120, None)]),
        ("32kg x 40m x 2", [(None, N, 32, None, None, None, None, 40)] * 2),
        ("5km 25:00", [(None, N, None, None, None, None, 1500, 5000)]),
        ("L 30s; R 30s", [(L, N, None, None, None, None, 30, None), (R, N, None, None, None, None, 30, None)]),
    ],
)
def test_sets_people_type(text: str, expected: list[tuple[object, ...]]) -> None:
    assert sets(text) == expected


def test_bare_weights_are_in_the_persons_unit() -> None:
    assert sets("225 x 5", WeightUnit.LB)[0][2] == pytest.approx(to_kg(225, WeightUnit.LB))
    assert sets("100kg x 5", WeightUnit.LB)[0][2] == 100  # a written unit wins


@pytest.mark.parametrize(
    ("text", "exercise", "rest"),
    [
        ('"single-leg hip thrust" L 40kg x 10', "single-leg hip thrust", " L 40kg x 10"),
        ("single-leg hip thrust L 40kg x 10", "single-leg hip thrust", "L 40kg x 10"),
        ("back squat 100kg x 5 x 3 @8", "back squat", "100kg x 5 x 3 @8"),
        ("pull up 8, 7, 6", "pull up", "8, 7, 6"),
        ("45-degree back extension bw x 12", "45-degree back extension", "bw x 12"),
        ("pull-up bw-20kg x 8", "pull-up", "bw-20kg x 8"),
        ("side plank L 30s", "side plank", "L 30s"),
        ("plank", "plank", ""),
    ],
)
def test_where_the_exercise_ends(text: str, exercise: str, rest: str) -> None:
    assert split_exercise(text) == (exercise, rest)


def test_a_whole_line() -> None:
    line = parse_log_line("back squat 100kg x 5 x 3 @8")
    assert line.exercise == "back squat"
    assert len(line.sets) == 3
    assert parse_log_line("L 40kg x 10", exercise="single-leg hip thrust").sets[0].side is L


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("squat 100kg", "how many reps?"),
        ("squat 100kg x", "'x' needs reps"),
        ("squat", "no sets given"),
        ("100kg x 5", "name the exercise before its sets"),
        ("squat 100kg x 5.5", "reps are whole numbers, not 5.5"),
        ("squat 100kg x 5 x 3 @", "expected a number after '@'"),
        ("squat 100 furlongs", "did not expect 'furlongs' here"),
        ("squat 100kg x 5,, 3", "an empty set"),
        ("squat 100kg x 5 @11", "RPE is between 1 and 10, not 11"),
        ("squat 100kg x 5 @8.3", "RPE goes in halves"),
        ("squat 100kg x 5 @8 rir 2", "give RPE or RIR, not both"),
        ("squat 100kg x 5 x 0", "between 1 and 100 sets"),
        ('"squat 100kg x 5', "no closing quote"),
        ("squat 100kg x 5 #", "cannot read '#'"),
        # Bounded (domain/limits.py): no line builds more than 100 sets, or holds more than 2,000 characters.
        ("squat 100kg x 5 x 100000", "between 1 and 100 sets at a time"),
        ("squat 100kg x 5 x 60, 100kg x 5 x 60", "sets: at most 100 sets in one go"),
        ("squat each 20kg x 8 x 51", "sets: at most 100 sets in one go"),
        ("squat " + "100kg x 5, " * 200, "line: at most 2,000 characters"),
        ("a" * 201 + " 100kg x 5", "exercise: at most 200 characters, not 201"),
        ("squat\ud800 100kg x 5", "line: a lone surrogate (U+D800)"),
        ("squat 100kg\x00 x 5", "line: a control character (U+0000)"),
        ("plank 25:00:00", "duration: a duration of 90000 s is more than 24 hours"),
        ("row 1001km", "distance: a distance of 1.001e+06 m is more than 1,000 km"),
        ("squat 2000kg x 5", "weight: a weight of 2000 kg is not believable"),
    ],
)
def test_mistakes_are_refused_with_what_went_wrong(text: str, words: str) -> None:
    with pytest.raises(LiftloreError) as caught:
        parse_log_line(text)
    assert words in str(caught.value)


@pytest.mark.parametrize(("text", "kg"), [("142.5", 142.5), ("100kg", 100), ("225lb", to_kg(225, WeightUnit.LB))])
def test_parse_weight(text: str, kg: float) -> None:
    assert parse_weight(text) == pytest.approx(kg)


def test_parse_weight_refuses_sets() -> None:
    with pytest.raises(LiftloreError, match="not a weight"):
        parse_weight("100kg x 5")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("100kg x 5 x 3 @8, 110kg x 3", "100kg x 5 x 3 @8, 110kg x 3"),
        ("L W 40kg x 10 rir 2", "L W 40kg x 10 rir 2"),
        ("8, 8", "bw x 8 x 2"),
        ("60s x 3", "1:00 x 3"),
        ("-20kg x 8", "-20kg x 8"),
        ("32kg x 40m", "32kg x 40m"),
        # Without 'bw' the timed set would read back as carrying the 100 kg over.
        ("100kg x 5, bw x 60s", "100kg x 5, bw x 1:00"),
        ("59.5s", "59.5s"),
    ],
)
def test_sets_are_written_back_in_the_grammar(text: str, shown: str) -> None:
    assert format_sets(parse_sets(text)) == shown


quarter_kilos = st.integers(min_value=-400, max_value=2000).map(lambda q: q / 4)
set_entries = st.builds(
    SetEntry,
    reps=st.integers(min_value=0, max_value=50),
    weight_kg=st.one_of(st.none(), quarter_kilos),
    set_type=st.sampled_from(list(SetType)),
    side=st.sampled_from([Side.LEFT, Side.RIGHT, None]),
    rpe=st.one_of(st.none(), st.integers(min_value=2, max_value=20).map(lambda h: h / 2)),
)


@given(st.lists(set_entries, min_size=1, max_size=6))
def test_what_is_written_reads_back_the_same(entries: list[SetEntry]) -> None:
    assert list(parse_sets(format_sets(entries))) == entries
    for entry in entries:
        assert parse_sets(format_set(entry)) == (entry,)

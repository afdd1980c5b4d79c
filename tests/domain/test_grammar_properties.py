"""Properties of the set grammar (domain/log_grammar.py): what it prints reads back as the same sets, any text at
all either parses or is refused as the user's mistake, and no line makes more than MAX_SETS_PER_LOG sets."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from liftlore.domain.limits import MAX_LOG_LINE_LENGTH, MAX_SETS_PER_LOG
from liftlore.domain.log_grammar import format_set, format_sets, parse_log_line, parse_sets, parse_weight
from liftlore.domain.training import SetEntry, SetType, Side
from liftlore.domain.units import WeightUnit, to_kg
from liftlore.errors import LiftloreError

# -- round trip ----------------------------------------------------------------------------------------------------


@st.composite
def printable_sets(draw: st.DrawFn, unit: WeightUnit) -> SetEntry:
    """A set the grammar can print without rounding: weights in quarters of `unit`, halves of RPE or RIR, whole
    seconds from a minute on (shown as m:ss) and hundredths below it, distances to the millimetre."""
    most = 1500 if unit is WeightUnit.KG else 3300  # 3,300 lb is just under the 1,500 kg a set may hold
    weight = draw(st.none() | st.integers(-4 * most, 4 * most).map(lambda q: to_kg(q / 4, unit)))
    reps = draw(st.none() | st.integers(0, 1000))
    duration = draw(st.none() | st.integers(0, 5999).map(lambda c: c / 100) | st.integers(60, 24 * 3600).map(float))
    distance = draw(st.none() | st.integers(0, 1_000_000_000).map(lambda mm: mm / 1000))
    assume(reps is not None or duration is not None or distance is not None)
    effort = draw(st.sampled_from(["rpe", "rir", None]))
    rpe = draw(st.integers(2, 20).map(lambda h: h / 2)) if effort == "rpe" else None
    rir = draw(st.integers(0, 20).map(lambda h: h / 2)) if effort == "rir" else None
    return SetEntry(
        reps=reps,
        weight_kg=weight,
        set_type=draw(st.sampled_from(list(SetType))),
        side=draw(st.sampled_from([Side.LEFT, Side.RIGHT, Side.BOTH, None])),
        rpe=rpe,
        rir=rir,
        duration_s=duration,
        distance_m=distance,
    )


def as_typed(entry: SetEntry) -> SetEntry:
    """What reading a set back gives: 'both' is what a set says by saying no side, so it reads back as None."""
    return replace(entry, side=None) if entry.side is Side.BOTH else entry


@st.composite
def units_and_sets(draw: st.DrawFn) -> tuple[WeightUnit, list[SetEntry]]:
    unit = draw(st.sampled_from(list(WeightUnit)))
    return unit, draw(st.lists(printable_sets(unit), min_size=1, max_size=8))


@settings(max_examples=200, deadline=None)
@given(units_and_sets())
def test_what_the_grammar_prints_reads_back_as_the_same_sets(generated: tuple[WeightUnit, list[SetEntry]]) -> None:
    unit, entries = generated
    text = format_sets(entries, unit)
    assert list(parse_sets(text, unit=unit)) == [as_typed(e) for e in entries], text
    for entry in entries:
        assert parse_sets(format_set(entry, unit), unit=unit) == (as_typed(entry),)


def test_a_set_without_a_load_after_one_with_a_load_does_not_take_it_over() -> None:
    entries = [SetEntry(reps=5, weight_kg=100.0), SetEntry(duration_s=60.0)]
    assert format_sets(entries) == "100kg x 5, bw x 1:00"
    assert list(parse_sets(format_sets(entries))) == entries
    assert format_sets([SetEntry(duration_s=60.0)]) == "1:00"  # alone, it needs no 'bw'


# -- any text ------------------------------------------------------------------------------------------------------

GRAMMAR_ALPHABET = "0123456789 .,;:@+-/x×*'\"kglbsmirpehLRWDFbwoteachl"
any_character = st.characters(exclude_categories=()) | st.characters(categories=["Cs", "Cc", "Zs"])
any_text = (
    st.text(any_character, max_size=200)
    | st.text(GRAMMAR_ALPHABET, max_size=200)
    # Long lines: a short piece repeated to just under, at, or over the cap.
    | st.tuples(
        st.text(GRAMMAR_ALPHABET, min_size=1, max_size=20) | st.text(any_character, min_size=1, max_size=5),
        st.integers(MAX_LOG_LINE_LENGTH - 50, MAX_LOG_LINE_LENGTH + 50),
    ).map(lambda pair: (pair[0] * (pair[1] // len(pair[0]) + 1))[: pair[1]])
)


@settings(max_examples=200, deadline=None)
@given(any_text, st.sampled_from(list(WeightUnit)))
def test_any_text_parses_or_is_refused_as_a_mistake(text: str, unit: WeightUnit) -> None:
    parsers: list[Callable[[], tuple[SetEntry, ...]]] = [
        lambda: parse_log_line(text, unit=unit).sets,
        lambda: parse_log_line(text, unit=unit, exercise="squat").sets,
        lambda: parse_sets(text, unit=unit),
    ]
    for parse in parsers:
        try:
            sets = parse()
        except LiftloreError as exc:
            str(exc).encode("utf-8")  # the message can go out as JSON: no lone surrogate echoed back
            continue
        assert 1 <= len(sets) <= MAX_SETS_PER_LOG
        assert len(text.strip()) <= MAX_LOG_LINE_LENGTH
    with contextlib.suppress(LiftloreError):
        parse_weight(text, unit=unit)


# -- bounded -------------------------------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["100kg x 5 x {n}", "each 20kg x 8 x {n}", "L 30s x {n}", "bw x 5 x {n}", "40m x {n}"]),
    st.integers(1, 120),
    st.integers(1, 200),
)
def test_a_line_never_makes_more_than_the_cap_of_sets(group: str, count: int, groups: int) -> None:
    line = ", ".join([group.format(n=count)] * groups)
    assume(len(line) <= MAX_LOG_LINE_LENGTH)
    expected = count * groups * (2 if group.startswith("each") else 1)
    try:
        sets = parse_sets(line)
    except LiftloreError as exc:
        assert expected > MAX_SETS_PER_LOG or count > MAX_SETS_PER_LOG, str(exc)
        return
    assert len(sets) == expected <= MAX_SETS_PER_LOG


@pytest.mark.parametrize(
    "line",
    [
        "squat 100kg x 5 x 100000",
        "squat " + "100kg x 5 x 100, " * 200,
        "squat " + "each 1kg x 1 x 100, " * 200,
        "squat " + "x 1 " * 1000,
        "squat " + "l " * 1000 + "40kg x 5",  # side words were looked at once per word before them, recursively
        "squat " + "9" * 5000,
    ],
)
def test_a_line_at_the_cap_is_parsed_or_refused_quickly(line: str) -> None:
    line = line[:MAX_LOG_LINE_LENGTH]
    started = time.perf_counter()
    try:
        sets = parse_log_line(line).sets
    except LiftloreError:
        pass
    else:
        assert len(sets) <= MAX_SETS_PER_LOG
    assert time.perf_counter() - started < 1.0

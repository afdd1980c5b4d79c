"""Personal records as they happen: each set against everything before it, per side, by the rules in
science/records.py. Table-driven: sets in the order done -> the PRs each one sets."""

from __future__ import annotations

import pytest

from liftlore.domain.training import SetType, Side
from liftlore.science.records import Lift, RecordBook, RecordKind
from liftlore.science.strength import E1rmMethod

H, E, V, R = RecordKind.HEAVIEST, RecordKind.E1RM, RecordKind.VOLUME, RecordKind.REPS
B, LEFT, RIGHT = Side.BOTH, Side.LEFT, Side.RIGHT
W = SetType.WARM_UP


def lift(ref: str, weight: float | None, reps: int, side: Side = B, set_type: SetType = SetType.NORMAL) -> Lift:
    return Lift(ref, side, set_type, weight, reps, E1rmMethod().estimate(weight, reps))


def kinds(book: RecordBook, item: Lift) -> list[tuple[RecordKind, Side]]:
    return [(record.kind, record.side) for record in book.observe(item)]


@pytest.mark.parametrize(
    ("sets", "expected"),
    [
        # the first working set holds every record there is to hold (reps need a second set at the weight)
        ([lift("a", 100, 5)], [[(H, B), (E, B), (V, B)]]),
        # a heavier single beats the weight and the e1RM but not the volume
        ([lift("a", 100, 5), lift("b", 110, 1)], [[(H, B), (E, B), (V, B)], [(H, B)]]),
        # a tie is not a record; one more rep at the same weight is three
        (
            [lift("a", 100, 5), lift("b", 100, 5), lift("c", 100, 6)],
            [[(H, B), (E, B), (V, B)], [], [(E, B), (V, B), (R, B)]],
        ),
        # warm-ups never count, whatever they weigh
        ([lift("w", 200, 5, set_type=W), lift("a", 100, 5)], [[], [(H, B), (E, B), (V, B)]]),
        # sides keep their own records
        (
            [lift("l", 40, 10, LEFT), lift("r", 35, 10, RIGHT), lift("r2", 37.5, 10, RIGHT)],
            [
                [(H, LEFT), (E, LEFT), (V, LEFT)],
                [(H, RIGHT), (E, RIGHT), (V, RIGHT)],
                [(H, RIGHT), (E, RIGHT), (V, RIGHT)],
            ],
        ),
        # assisted: less help is heavier; no e1RM or volume for a load that is not there
        ([lift("a", -30, 8), lift("b", -20, 8), lift("c", -25, 9)], [[(H, B)], [(H, B)], []]),
        # body weight: only reps at the weight count, after a first set there
        ([lift("a", None, 8), lift("b", None, 10), lift("c", 0, 9)], [[], [(R, B)], []]),
        # more reps at a lighter weight is a rep PR at that weight only once it has a mark
        (
            [lift("a", 100, 5), lift("b", 80, 8), lift("c", 80, 10)],
            [[(H, B), (E, B), (V, B)], [(V, B)], [(V, B), (R, B)]],  # 80 x 10 (e1RM 106.7) < 100 x 5 (116.7)
        ),
        # sets over the rep cap have no e1RM, but still set volume and reps records
        ([lift("a", 50, 10), lift("b", 50, 20)], [[(H, B), (E, B), (V, B)], [(V, B), (R, B)]]),
    ],
)
def test_prs_as_they_happen(sets: list[Lift], expected: list[list[tuple[RecordKind, Side]]]) -> None:
    book = RecordBook()
    assert [kinds(book, item) for item in sets] == expected


def test_a_record_says_what_it_beat() -> None:
    book = RecordBook()
    book.observe(lift("a", 100, 5))
    (heavier,) = book.observe(lift("b", 105, 1))
    assert (heavier.kind, heavier.value, heavier.previous, heavier.ref) == (H, 105, 100, "b")
    reps = next(r for r in book.observe(lift("c", 105, 3)) if r.kind is R)
    assert (reps.value, reps.previous, reps.weight_kg, reps.reps) == (3, 1, 105, 3)


def test_sets_at_the_same_weight_in_pounds_agree() -> None:
    book = RecordBook()
    book.observe(lift("a", 102.05828325, 5))
    records = book.observe(lift("b", 102.0582832500001, 6))
    assert R in [record.kind for record in records]


def test_current_records_per_side_and_weight() -> None:
    book = RecordBook()
    for item in (lift("l1", 40, 10, LEFT), lift("l2", 45, 6, LEFT), lift("r1", 40, 8, RIGHT), lift("l3", 40, 12, LEFT)):
        book.observe(item)
    held = [(r.side, r.kind, r.ref) for r in book.current()]
    assert held == [
        (LEFT, H, "l2"),
        (LEFT, E, "l3"),
        (LEFT, V, "l3"),
        (LEFT, R, "l2"),  # most reps at 45 kg
        (LEFT, R, "l3"),  # most reps at 40 kg
        (RIGHT, H, "r1"),
        (RIGHT, E, "r1"),
        (RIGHT, V, "r1"),
        (RIGHT, R, "r1"),
    ]


def test_a_one_sided_exercise_measures_its_first_sided_sets_against_history_without_sides() -> None:
    book = RecordBook(one_sided=True)
    for ref, weight in (("old-1", 30.0), ("old-2", 40.0)):  # imported, no side
        book.observe(lift(ref, weight, 10))
    # The first left set lighter than that history is no record, not "the first" of the left side.
    assert kinds(book, lift("left-1", 35, 10, LEFT)) == []
    beaten = {record.kind: record.previous for record in book.observe(lift("left-2", 42.5, 10, LEFT))}
    assert beaten[H] == 40 and beaten[V] == 400
    # Each side is measured on its own from then on; a two-sided exercise keeps no such link.
    assert (H, RIGHT) not in kinds(book, lift("right-1", 40, 8, RIGHT))
    two_sided = RecordBook()
    two_sided.observe(lift("old", 40, 10))
    assert (H, LEFT) in kinds(two_sided, lift("left", 20, 10, LEFT))

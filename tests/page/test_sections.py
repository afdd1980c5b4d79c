"""What an import would drop, named for a person; and the writer marks "(optional)" only where the reader needs
it, so a page that marked nothing exports as it was written."""

from __future__ import annotations

from dataclasses import replace

from liftlore.catalog.loader import Catalog
from liftlore.domain.exercise import EquipmentUse, Faq, Loading, Reference
from liftlore.page.read import parse_page
from liftlore.page.record import page_record
from liftlore.page.sections import dropped_sections, in_words
from liftlore.page.write import write_page


def test_every_section_the_new_page_lacks_is_named_with_what_it_holds(catalog: Catalog) -> None:
    stored = catalog.exercises["single-leg-hip-thrust"]
    empty = replace(
        stored,
        steps=(),
        secondary_muscles=(),
        tips=(),
        equipment=(),
        benefits=(),
        warm_up=(),
        cool_down=(),
        faq=(),
    )
    assert dropped_sections(stored, empty) == [
        f"the {len(stored.steps)} steps",
        f"the {len(stored.secondary_muscles)} secondary muscles",
        f"the {len(stored.tips)} pro tips",
        "the equipment (2 items)",
        f"the {len(stored.benefits)} benefits",
        "the warm-up drill",
        "the cool-down drill",
        "the FAQ (3 questions)",
    ]


def test_nothing_is_dropped_by_a_page_with_fewer_entries_or_more_sections(catalog: Catalog) -> None:
    stored = catalog.exercises["single-leg-hip-thrust"]
    shorter = replace(stored, tips=stored.tips[:1], faq=(Faq(question=None, answer="Yes."),))
    assert dropped_sections(stored, shorter) == []
    assert dropped_sections(replace(stored, faq=()), stored) == []


def test_counts_are_singular_when_there_is_one(catalog: Catalog) -> None:
    stored = replace(
        catalog.exercises["single-leg-hip-thrust"],
        tips=("One tip.",),
        references=(Reference(title="A study"),),
        faq=(Faq(question="Why?", answer="Because."),),
    )
    assert dropped_sections(stored, replace(stored, tips=(), references=(), faq=())) == [
        "the pro tip",
        "the reference",
        "the FAQ (1 question)",
    ]


def test_in_words() -> None:
    assert [in_words(items) for items in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "",
        "a",
        "a and b",
        "a, b and c",
    ]


def test_optional_is_marked_only_when_the_reader_could_not_tell(catalog: Catalog) -> None:
    hip_thrust = catalog.exercises["single-leg-hip-thrust"]
    # Body weight or a barbell: the barbell only adds load, so the reader knows it is optional unmarked.
    assert Loading.BODYWEIGHT in hip_thrust.loading
    assert "\nBarbell\n" in write_page(hip_thrust) and "(optional)" not in write_page(hip_thrust)
    # An optional bench is not what the rule says: then every optional item is marked.
    bench_optional = replace(
        hip_thrust, equipment=tuple(EquipmentUse(use.equipment, optional=True) for use in hip_thrust.equipment)
    )
    text = write_page(bench_optional)
    assert "\nBench (optional)\n" in text and "\nBarbell (optional)\n" in text
    for exercise in (hip_thrust, bench_optional):
        parsed = parse_page(write_page(exercise), catalog.taxonomy)
        assert page_record(parsed.exercise) == page_record(exercise)

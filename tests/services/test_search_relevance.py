"""Relevance you can measure: the labelled queries of tests/data/search_queries.toml, run through the same search
the library page and the API use. Each test prints its hit rates (run with -s to see them when it passes) and
fails on any miss, naming the query, what was expected and what came first.

The ranking runs in Python over rows from the database, so this file runs unchanged on SQLite and PostgreSQL."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pytest

from liftlore.domain.exercise import Exercise
from liftlore.domain.names import slugify
from liftlore.domain.units import WeightUnit
from liftlore.services import browse, log_import
from liftlore.services.datasets import import_dataset
from liftlore.services.snapshot import library_view
from liftlore.store.db import Database
from tests.conftest import DATA, SHARED, shared_file

QUERIES = DATA / "search_queries.toml"
SHOWN = 10  # results looked at per query: the first page a person reads


@dataclass(frozen=True)
class Label:
    group: str
    q: str
    expect: dict[str, Any]

    @property
    def kind(self) -> str:
        """'first' when the label is about the first result, else 'top 3'."""
        return "first" if "first" in self.expect else "top 3"


def labels(library: str) -> list[Label]:
    groups = tomllib.loads(QUERIES.read_text(encoding="utf-8"))
    found: list[Label] = []
    for group, entries in groups.items():
        for entry in entries:
            if entry.get("only", library) == library:
                expect = {key: value for key, value in entry.items() if key not in {"q", "only"}}
                found.append(Label(group, entry["q"], expect))
    return found


def _as_set(value: str | list[str]) -> set[str]:
    return {value} if isinstance(value, str) else set(value)


def _uses(exercise: Exercise, tool: str) -> bool:
    """Whether the exercise uses the equipment, or names it (some dataset records list no equipment)."""
    return tool in {u.equipment.slug for u in exercise.equipment} or tool in slugify(exercise.name)


def misses(label: Label, results: list[Exercise]) -> list[str]:
    """What the results get wrong for this label, in words; empty when they are right."""
    slugs = [exercise.slug for exercise in results]
    top3 = results[:3]
    wrong: list[str] = []
    if "first" in label.expect and (not slugs or slugs[0] not in _as_set(label.expect["first"])):
        wrong.append(f"expected first {label.expect['first']}")
    if "top3" in label.expect and label.expect["top3"] not in slugs[:3]:
        wrong.append(f"expected {label.expect['top3']} in the top 3")
    if "top3_muscle" in label.expect:
        wanted = _as_set(label.expect["top3_muscle"])
        if len(top3) < 3 or any(not wanted & {m.slug for m in e.primary_muscles} for e in top3):
            wrong.append(f"expected the top 3 to train {sorted(wanted)}")
    if "top3_equipment" in label.expect:
        tool = label.expect["top3_equipment"]
        if len(top3) < 3 or any(not _uses(e, tool) for e in top3):
            wrong.append(f"expected the top 3 to use {tool}")
    avoided = [slug for slug in label.expect.get("avoid", []) if slug in slugs]
    if avoided:
        wrong.append(f"expected none of {avoided} in the top {SHOWN}")
    return wrong


def run_labels(db: Database, library: str) -> tuple[str, list[str]]:
    """The hit-rate report and the list of misses, one line each."""
    hits = {"first": 0, "top 3": 0}
    totals = {"first": 0, "top 3": 0}
    failures: list[str] = []
    for label in labels(library):
        results = browse.search_exercises(db.run(library_view), browse.ExerciseQuery(q=label.q, per_page=SHOWN)).items
        wrong = misses(label, results)
        totals[label.kind] += 1
        if wrong:
            top = ", ".join(exercise.slug for exercise in results[:3]) or "nothing"
            failures.append(f"[{label.group}] {label.q!r}: {'; '.join(wrong)}; got {top}")
        else:
            hits[label.kind] += 1
    rates = ", ".join(f"{kind} {hits[kind]}/{totals[kind]} ({_percent(hits[kind], totals[kind])})" for kind in hits)
    passed = sum(hits.values())
    total = sum(totals.values())
    return f"{library}: {passed}/{total} labelled queries right ({rates})", failures


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"


def _report(summary: str, failures: Iterable[str]) -> str:
    return "\n".join([summary, *failures])


def test_the_label_file_has_enough_queries() -> None:
    everything = {(label.group, label.q) for library in ("catalog", "datasets") for label in labels(library)}
    assert len(labels("catalog")) >= 80
    assert len(everything) >= 80


def test_labelled_queries_on_the_bundled_catalog(db: Database) -> None:
    summary, failures = run_labels(db, "catalog")
    print(_report(summary, failures))
    assert not failures, _report(summary, failures)


@pytest.mark.shared
def test_labelled_queries_with_the_open_datasets_and_logs_imported(db: Database) -> None:
    for source in ("wger", "free-exercise-db", "open-exercise-db"):
        db.run(import_dataset, source, shared_file(SHARED / "datasets" / source))
    logs = SHARED / "datasets" / "logs"
    db.run(log_import.import_log, "hevy", shared_file(logs / "hevy-sample.csv"), timezone="UTC")
    db.run(log_import.import_log, "strong", shared_file(logs / "strong-sample.csv"), timezone="UTC", unit=WeightUnit.KG)
    summary, failures = run_labels(db, "datasets")
    print(_report(summary, failures))
    assert not failures, _report(summary, failures)

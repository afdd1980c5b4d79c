"""Load the whole catalog and check it: every problem is collected, each named by file and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from liftlore.catalog import CATALOG_DIR
from liftlore.catalog.drill_files import load_drill
from liftlore.catalog.exercise_files import load_exercise
from liftlore.catalog.problems import Problem, in_order
from liftlore.catalog.programme_files import read_programme
from liftlore.catalog.reference_files import check_citations, load_studies
from liftlore.catalog.taxonomy_files import load_equipment, load_muscles
from liftlore.catalog.warm_up_fit import check_drill_fit
from liftlore.domain.exercise import Drill, Exercise
from liftlore.domain.names import normalise_name
from liftlore.domain.studies import Study
from liftlore.domain.taxonomy import Taxonomy
from liftlore.errors import LiftloreError
from liftlore.page.read import parse_page
from liftlore.page.record import page_record
from liftlore.page.write import write_page


@dataclass
class Catalog:
    taxonomy: Taxonomy
    drills: dict[str, Drill] = field(default_factory=dict)
    exercises: dict[str, Exercise] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    key_lines: dict[str, dict[str, int]] = field(default_factory=dict)  # exercise slug -> front matter key -> line
    studies: dict[str, Study] = field(default_factory=dict)  # references.toml, by key
    drill_regions: dict[str, frozenset[str]] = field(default_factory=dict)  # drill slug -> the regions it works

    def raise_for_problems(self) -> None:
        if self.problems:
            shown = "\n".join(f"  {p}" for p in in_order(self.problems)[:50])
            more = f"\n  ... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
            raise LiftloreError(f"the catalog has {len(self.problems)} problem(s):\n{shown}{more}")


def read_catalog(directory: Path = CATALOG_DIR) -> Catalog:
    """Read every file of the catalog, collecting problems instead of stopping at the first."""
    problems: list[Problem] = []
    taxonomy = Taxonomy(
        muscles=load_muscles(directory / "muscles.toml", problems),
        equipment=load_equipment(directory / "equipment.toml", problems),
    )
    catalog = Catalog(taxonomy=taxonomy, problems=problems)
    for path in sorted((directory / "drills").glob("*.md")):
        drill = load_drill(path, problems, catalog.drill_regions)
        if drill is not None:
            catalog.drills[drill.slug] = drill
    exercise_paths = {path.stem: path for path in sorted((directory / "exercises").glob("*.md"))}
    for path in exercise_paths.values():
        lines = catalog.key_lines.setdefault(path.stem, {})
        exercise = load_exercise(path, taxonomy, catalog.drills, problems, lines)
        if exercise is not None:
            catalog.exercises[exercise.slug] = exercise
    _check_names(catalog, exercise_paths)
    _check_variations(catalog, exercise_paths)
    _check_drill_fit(catalog, exercise_paths)
    _check_round_trip(catalog, exercise_paths)
    references = directory / "references.toml"
    catalog.studies = load_studies(references, problems)
    check_citations(catalog.exercises, catalog.studies, exercise_paths, problems)
    _check_programmes(directory / "programmes", catalog)
    return catalog


def _check_programmes(folder: Path, catalog: Catalog) -> None:
    """Each bundled programme reads and names only exercises the catalog has (the first mistake per file)."""
    for path in sorted(folder.glob("*.toml")):
        try:
            read_programme(path, catalog.exercises.keys())
        except LiftloreError as problem:
            message = problem.message if problem.field is None else f"{problem.field}: {problem.message}"
            catalog.problems.append(Problem(str(path), problem.line, message))


def load_catalog(directory: Path = CATALOG_DIR) -> Catalog:
    """The catalog, or a LiftloreError listing every problem in it."""
    catalog = read_catalog(directory)
    catalog.raise_for_problems()
    return catalog


def _check_names(catalog: Catalog, paths: dict[str, Path]) -> None:
    owners: dict[str, str] = {}
    for slug, exercise in catalog.exercises.items():
        for label in (exercise.name, *exercise.aliases):
            key = normalise_name(label)
            owner = owners.get(key)
            line = catalog.key_lines[slug].get("name" if label == exercise.name else "aliases")
            if owner is not None and owner != slug:
                catalog.problems.append(
                    Problem(str(paths[slug]), line, f"the name or alias '{label}' is already used by {owner}.md")
                )
            elif owner == slug and label != exercise.name:
                catalog.problems.append(
                    Problem(str(paths[slug]), line, f"the alias '{label}' only respells a name it already has; drop it")
                )
            owners.setdefault(key, slug)
    drill_names: dict[str, str] = {}
    for slug, drill in catalog.drills.items():
        key = normalise_name(drill.name)
        if key in drill_names:
            catalog.problems.append(
                Problem(
                    f"drills/{slug}.md",
                    None,
                    f"the drill name '{drill.name}' is already used by {drill_names[key]}.md",
                )
            )
        drill_names.setdefault(key, slug)


def _check_variations(catalog: Catalog, paths: dict[str, Path]) -> None:
    for slug, exercise in catalog.exercises.items():
        for label, targets in (("easier", exercise.easier), ("harder", exercise.harder)):
            line = catalog.key_lines[slug].get(label)
            for target in targets:
                if target not in catalog.exercises:
                    catalog.problems.append(
                        Problem(str(paths[slug]), line, f"'{label}' names '{target}', which is not an exercise")
                    )
                elif target == slug:
                    catalog.problems.append(Problem(str(paths[slug]), line, f"'{label}' names the exercise itself"))


def _check_drill_fit(catalog: Catalog, paths: dict[str, Path]) -> None:
    for slug, exercise in catalog.exercises.items():

        def problem(key: str, message: str, slug: str = slug) -> None:
            catalog.problems.append(Problem(str(paths[slug]), catalog.key_lines[slug].get(key), message))

        check_drill_fit(exercise, catalog.drill_regions, problem)


def _check_round_trip(catalog: Catalog, paths: dict[str, Path]) -> None:
    """Export each exercise as a page and read it back: the record must come back unchanged."""
    for slug, exercise in catalog.exercises.items():
        expected = page_record(exercise)
        try:
            parsed = parse_page(write_page(exercise), catalog.taxonomy, source=f"{slug} (exported)")
        except LiftloreError as exc:
            catalog.problems.append(Problem(str(paths[slug]), None, f"its exported page cannot be read: {exc}"))
            continue
        got = page_record(parsed.exercise, parsed.warnings)
        differing = [key for key in expected if expected[key] != got[key]]
        if differing:
            detail = "; ".join(f"{key}: {got[key]!r}"[:200] for key in differing)
            catalog.problems.append(
                Problem(str(paths[slug]), None, f"its exported page reads back differently ({detail})")
            )

"""The studies the bundled catalog's references.toml describes, to show a cited study's full record."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from liftlore.catalog import CATALOG_DIR
from liftlore.catalog.problems import Problem
from liftlore.catalog.reference_files import load_studies
from liftlore.domain.exercise import Exercise, Reference
from liftlore.domain.studies import Study


@dataclass(frozen=True)
class Citation:
    reference: Reference  # as the page gives it
    study: Study | None  # its full record, when references.toml holds the study (by DOI, else by title)


@lru_cache(maxsize=1)
def _bundled() -> tuple[dict[str, Study], dict[str, Study]]:
    """By DOI and by title (both lower case). `catalog check` reports problems in the file; here they are moot."""
    problems: list[Problem] = []
    studies = load_studies(CATALOG_DIR / "references.toml", problems).values()
    return {s.doi.lower(): s for s in studies}, {s.title.lower(): s for s in studies}


def citations(exercise: Exercise) -> list[Citation]:
    """Each reference of the page with the study it names. An imported page that cites a study liftlore knows
    gets the full record too; one it does not know keeps its title and DOI."""
    by_doi, by_title = _bundled()
    return [
        Citation(r, (by_doi.get(r.doi.lower()) if r.doi else None) or by_title.get(r.title.lower()))
        for r in exercise.references
    ]

"""references.toml: the one list of studies the pages cite, each checked against its published record.

A page cites a study in its benefits or FAQ as `Learn more here: <exact title> (doi: <doi>).`, the seed's sentence
with the DOI added, so an exported page still names the study. The checker matches every citation to an entry here
(same title, same DOI).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from liftlore.catalog.problems import Problem
from liftlore.catalog.taxonomy_files import read_toml
from liftlore.domain.exercise import Exercise
from liftlore.domain.studies import Study

DOI = re.compile(r"^10\.\d{4,9}/\S+$")
TEXT_FIELDS = ("title", "journal", "citation", "doi", "finding")
YEARS = (1900, 2100)


def load_studies(path: Path, problems: list[Problem]) -> dict[str, Study]:
    """The studies of references.toml; none when the catalog has no such file (it cites nothing then)."""
    studies: dict[str, Study] = {}
    if not path.exists():
        return studies
    for key, entry in read_toml(path, problems).items():
        study = _study(key, entry, path, problems)
        if study is not None:
            studies[key] = study
    for field in ("title", "doi"):
        seen: dict[str, str] = {}
        for study in studies.values():
            value = getattr(study, field).lower()
            if value in seen:
                problems.append(Problem(str(path), None, f"[{study.key}] has the same {field} as [{seen[value]}]"))
            seen[value] = study.key
    return studies


def _study(key: str, entry: Any, path: Path, problems: list[Problem]) -> Study | None:
    def problem(message: str) -> None:
        problems.append(Problem(str(path), None, f"[{key}] {message}"))

    if not isinstance(entry, dict):
        problem("must be a table")
        return None
    texts = {name: entry.get(name) for name in TEXT_FIELDS}
    missing = [name for name, value in texts.items() if not isinstance(value, str) or not value.strip()]
    authors = entry.get("authors")
    year = entry.get("year")
    if missing:
        problem(f"needs a non-empty {', '.join(missing)}")
    if not isinstance(authors, list) or not authors or not all(isinstance(a, str) and a.strip() for a in authors):
        problem("needs 'authors', a list of names")
        authors = None
    if isinstance(year, bool) or not isinstance(year, int) or not YEARS[0] <= year < YEARS[1]:
        problem("needs 'year', a whole number")
        year = None
    doi = texts["doi"]
    if isinstance(doi, str) and not DOI.match(doi):
        problem(f"'doi' must look like 10.NNNN/..., not {doi!r}")
        return None
    if missing or authors is None or year is None:
        return None
    return Study(
        key=key,
        authors=tuple(a.strip() for a in authors),
        year=year,
        title=str(texts["title"]).strip(),
        journal=str(texts["journal"]).strip(),
        citation=str(texts["citation"]).strip(),
        doi=str(doi).strip(),
        finding=str(texts["finding"]).strip(),
    )


def check_citations(
    exercises: Mapping[str, Exercise],
    studies: Mapping[str, Study],
    paths: Mapping[str, Path],
    problems: list[Problem],
) -> None:
    """Every citation names a study of the list by its exact title and DOI."""
    by_title = {study.title: study for study in studies.values()}
    for slug, exercise in exercises.items():
        for reference in exercise.references:
            study = by_title.get(reference.title)
            if study is not None and reference.doi == study.doi:
                continue
            path = paths[slug]
            where = _line_of(path, reference.title)
            if study is None:
                problems.append(
                    Problem(str(path), where, f"cites '{reference.title}', which is not in references.toml")
                )
            else:
                problems.append(
                    Problem(
                        str(path),
                        where,
                        f"cites '{reference.title}' with the DOI {reference.doi!r}; references.toml gives {study.doi}",
                    )
                )


def _line_of(path: Path, title: str) -> int | None:
    """The line of the file that cites the title (the exercise keeps its text, not its lines)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if title in line:
            return number
    return None

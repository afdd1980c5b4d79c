"""A published study that exercise pages cite, with the record a reader needs to find it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Study:
    key: str
    authors: tuple[str, ...]  # "Surname AB", in the paper's order; "et al." last when the list is cut short
    year: int
    title: str
    journal: str
    citation: str  # volume(issue):pages, or an article number
    doi: str
    finding: str  # what the study found, in our words: the claim a page may cite it for

    @property
    def byline(self) -> str:
        """'Contreras B, Vigotsky AD, Schoenfeld BJ (2015)': how the footer names it."""
        return f"{', '.join(self.authors)} ({self.year})"

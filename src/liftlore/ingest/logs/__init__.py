"""Bringing training logs in: the set grammar people type (`grammar`), the Strong and Hevy CSV exports (`strong`,
`hevy`, sharing `csvfile` for the reading and `cleaning` for the small pure repairs), liftlore's own JSON export
(`backup`), and matching exercise names to the library (`matching`).

Readers follow fetch -> parse -> clean: `csvfile` reads rows with their line numbers, a reader turns rows into
`LogRow`s in the source's own terms, and the cleaning functions turn raw values into canonical ones.
"""

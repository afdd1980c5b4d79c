"""Library commands: pages, datasets, show, list, catalog."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from liftlore.cli.common import (
    app,
    catalog_app,
    err,
    export_app,
    import_app,
    open_database,
    open_library,
    out,
    print_json,
    user_errors,
)
from liftlore.page.record import exercise_record
from liftlore.render import terminal
from liftlore.services import browse, datasets, library
from liftlore.services.snapshot import library_view
from liftlore.shapes.library import ExerciseItem


@import_app.command("page")
@user_errors
def import_page(
    file: Annotated[Path, typer.Argument(help="A page in the seed's text layout.")],
    name: Annotated[str | None, typer.Option(help="The exercise's name, when the page does not say it.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Parse and report; store nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the parsed record as JSON.")] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="Import even if the page lacks sections the stored exercise has.")
    ] = False,
) -> None:
    """Import an exercise page as your own; importing the same page again updates it. Catalog loads never
    overwrite it (`liftlore catalog diff SLUG` compares it with the bundled version)."""
    result = library.import_page(open_library(rollback=dry_run), file, name=name, replace=replace)
    exercise, warnings = result.page.exercise, result.page.warnings
    if as_json:
        print_json(exercise_record(exercise, warnings))
        return
    for warning in warnings:
        err.print(f"warning: {file}: {warning}", markup=False)
    verb = (
        ("would add" if result.created else "would update") if dry_run else ("added" if result.created else "updated")
    )
    out.print(f"{verb} {exercise.name} ({exercise.slug})", markup=False)


@import_app.command("dataset")
@user_errors
def import_dataset(
    source: Annotated[str, typer.Argument(help="free-exercise-db, open-exercise-db or wger.")],
    path: Annotated[Path, typer.Argument(help="The dataset's file or folder.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what would happen; store nothing.")] = False,
) -> None:
    """Add an open exercise dataset to the library (linking what it already has)."""
    session = open_library(rollback=dry_run)
    with terminal.ProgressBar(err, f"importing {source}") as bar:
        report = datasets.import_dataset(session, source, path, dry_run=dry_run, progress=bar)
    terminal.print_dataset_report(out, report)


@export_app.command("page")
@user_errors
def export_page(
    slug: str,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    bundled: Annotated[
        bool, typer.Option("--bundled", help="The catalog's version, not yours (when you imported a page over it).")
    ] = False,
) -> None:
    """Write an exercise in the page layout that `import page` reads."""
    text = library.export_page(open_library(write=False), slug, bundled=bundled)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@app.command("show")
@user_errors
def show(
    words: Annotated[
        list[str], typer.Argument(metavar="EXERCISE", help="A slug, name or alias ('RDL', pull up, hip thrust).")
    ],
) -> None:
    """Show every section of an exercise's page. A name of several words needs no quotes: `liftlore show hip
    thrust`, as `log` takes them."""
    terminal.print_exercise(out, library.get_exercise(open_library(write=False), " ".join(w.strip() for w in words)))


@app.command("list")
@user_errors
def list_command(
    query: Annotated[str, typer.Argument(help="Words to search for (typo tolerant).")] = "",
    muscle: Annotated[
        list[str] | None, typer.Option(help="Muscle group slug (primary); repeat for any of several.")
    ] = None,
    any_role: Annotated[bool, typer.Option("--any-role", help="Match --muscle as a secondary muscle too.")] = False,
    equipment: Annotated[list[str] | None, typer.Option(help="Equipment slug; 'bodyweight' for none.")] = None,
    have: Annotated[list[str] | None, typer.Option(help="Only what needs no equipment but these.")] = None,
    laterality: Annotated[str | None, typer.Option(help="unilateral or bilateral.")] = None,
    mechanic: Annotated[str | None, typer.Option(help="isolation or compound.")] = None,
    level: Annotated[str | None, typer.Option(help="beginner, intermediate or advanced.")] = None,
    pattern: Annotated[str | None, typer.Option(help="Movement pattern, e.g. 'hip extension'.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List or search exercises; filters combine (the same query as the web app's library page)."""
    found = browse.all_matching(
        library_view(open_library(write=False)),
        browse.ExerciseQuery(
            q=query,
            muscle=tuple(muscle or ()),
            muscle_role="any" if any_role else "primary",
            equipment=tuple(equipment or ()),
            have=tuple(have or ()),
            laterality=laterality,
            mechanic=mechanic,
            level=level,
            pattern=pattern,
        ),
    )
    if as_json:
        print_json([ExerciseItem.from_domain(ex).to_data() for ex in found])
    else:
        terminal.print_list(out, found)


@catalog_app.command("check")
def catalog_check() -> None:
    """Check the bundled catalog; every problem is named by file and line."""
    check = library.check_catalog()
    for problem in check.problems:
        print(problem)
    if check.problems:
        err.print(f"{len(check.problems)} problem(s) in the catalog ({check.summary})", markup=False)
        raise typer.Exit(1)
    out.print(f"catalog ok: {check.summary}", markup=False)


@catalog_app.command("load")
@user_errors
def catalog_load(force: Annotated[bool, typer.Option(help="Reload even if unchanged.")] = False) -> None:
    """Load the bundled catalog into the database (done automatically when it changes)."""
    db = open_database()
    with db.session(write=True) as session:
        count = library.load_bundled_catalog(session, force=force)
        kept = library.own_versions_of_bundled(session)
    out.print("catalog already loaded" if count is None else f"loaded {count} exercises", markup=False)
    if kept:
        out.print(f"kept your own version of {len(kept)}: {', '.join(kept)}", markup=False)


@catalog_app.command("diff")
@user_errors
def catalog_diff(slug: Annotated[str, typer.Argument(help="A slug, name or alias.")]) -> None:
    """Show how your version of an exercise differs from the bundled one (a unified diff of the two pages)."""
    found = library.diff_with_bundled(open_library(write=False), slug)
    name = f"{found.exercise.name} ({found.exercise.slug})"
    if found.bundled is None:
        out.print(f"{name} has no bundled version: the catalog does not have it", markup=False)
    elif not found.lines:
        out.print(f"{name} reads the same as the bundled version", markup=False)
    else:
        sys.stdout.writelines(found.lines)


@catalog_app.command("restore")
@user_errors
def catalog_restore(slug: Annotated[str, typer.Argument(help="A slug, name or alias.")]) -> None:
    """Put the bundled version of an exercise back in place of yours; catalog loads update it again."""
    exercise = library.restore_bundled(open_library(), slug)
    out.print(f"restored the bundled {exercise.name} ({exercise.slug})", markup=False)

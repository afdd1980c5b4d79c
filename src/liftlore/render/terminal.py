"""An exercise page in the terminal: every section, in the page's order."""

from __future__ import annotations

import io
from types import TracebackType

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from liftlore.domain.exercise import Dose, Drill, Exercise
from liftlore.render.planner_words import planner_lines
from liftlore.services.datasets import DatasetReport


def facts_line(exercise: Exercise) -> str:
    parts = [exercise.laterality.value]
    if exercise.mechanic:
        parts.append(exercise.mechanic.value)
    if exercise.movement_pattern:
        parts.append(exercise.movement_pattern)
    parts.append(" or ".join(value.value for value in exercise.loading))
    if exercise.level:
        parts.append(exercise.level.value)
    return " · ".join(parts)


def dose_text(dose: Dose) -> str:
    if dose.seconds:
        low, high = dose.seconds
        amount = f"{low} s" if low == high else f"{low}-{high} s"
    elif dose.reps:
        amount = f"{dose.reps} reps"
    else:
        return "as the steps say"
    return f"{amount} per side" if dose.per_side else amount


def _heading(title: str) -> Text:
    return Text(f"\n{title}", style="bold cyan")


def _numbered(items: tuple[str, ...]) -> Group:
    return Group(*(Text.assemble((f"{i}. ", "bold"), item) for i, item in enumerate(items, start=1)))


def _bulleted(items: tuple[str, ...]) -> Group:
    return Group(*(Text.assemble(("• ", "bold"), item) for item in items))


def _drill(drill: Drill) -> Group:
    return Group(
        Text(drill.name, style="bold"),
        Text(drill.intro),
        Padding(_numbered(drill.steps), (0, 0, 0, 2)),
        Text(f"Dose: {dose_text(drill.dose)}", style="italic"),
    )


def print_exercise(console: Console, exercise: Exercise) -> None:
    console.print(Panel(Text(facts_line(exercise)), title=Text(exercise.name, style="bold"), expand=False))
    for paragraph in exercise.summary:
        console.print(Text(paragraph))
        console.print()
    console.print(_heading("How to"))
    console.print(_numbered(exercise.steps))
    console.print(_heading("Muscles worked"))
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Role")
    table.add_column("Muscle group")
    table.add_column("What it does")
    for role, muscles in (("primary", exercise.primary_muscles), ("secondary", exercise.secondary_muscles)):
        for muscle in muscles:
            table.add_row(Text(role), Text(muscle.name), Text(muscle.description))
    console.print(table)
    if exercise.tips:
        console.print(_heading("Pro tips"))
        console.print(_bulleted(exercise.tips))
    console.print(_heading("Equipment"))
    if exercise.equipment:
        for use in exercise.equipment:
            label = f"{use.equipment.name}{' (optional)' if use.optional else ''}"
            console.print(Text.assemble((f"{label}: ", "bold"), use.equipment.description))
    else:
        console.print(Text("None: your body weight is the load."))
    if exercise.planner:
        console.print(_heading("Sets, rest and progression"))
        console.print(_bulleted(tuple(planner_lines(exercise.planner))))
    if exercise.benefits:
        console.print(_heading("Benefits"))
        console.print(_bulleted(exercise.benefits))
    for title, drills in (("Warm up", exercise.warm_up), ("Cool down", exercise.cool_down)):
        if drills:
            console.print(_heading(title))
            for drill in drills:
                console.print(_drill(drill))
    if exercise.faq:
        console.print(_heading("FAQ"))
        for entry in exercise.faq:
            console.print(Text(entry.question or "(question not given)", style="bold"))
            console.print(Text(entry.answer))
    if exercise.references:
        console.print(_heading("References"))
        console.print(
            _bulleted(tuple(ref.title + (f" (doi: {ref.doi})" if ref.doi else "") for ref in exercise.references))
        )
    if exercise.source:
        source = exercise.source
        credit = f"Source: {source.name}" + (f" #{source.source_id}" if source.source_id else "")
        credit += (f", licence {source.licence}" if source.licence else "") + (
            f", by {source.author}" if source.author else ""
        )
        console.print(Text(f"\n{credit}", style="dim"))


def _list_table(exercises: list[Exercise]) -> Table:
    table = Table(header_style="bold")
    table.add_column("Exercise")
    # The slug is what people type next (`show SLUG`, `log SLUG ...`): never wrapped inside its cell.
    table.add_column("Slug", no_wrap=True)
    for column in ("Primary muscles", "Equipment", "Laterality"):
        table.add_column(column)
    for exercise in exercises:
        table.add_row(
            Text(exercise.name),
            Text(exercise.slug),
            Text(", ".join(m.name for m in exercise.primary_muscles)),
            Text(_equipment_text(exercise)),
            Text(exercise.laterality.value),
        )
    return table


def _equipment_text(exercise: Exercise) -> str:
    return ", ".join(u.equipment.name + (" (opt.)" if u.optional else "") for u in exercise.equipment) or "none"


def _cuts_nothing(table: Table, width: int) -> bool:
    """Whether Rich prints the table at this width without cutting a cell short. Rich shares the width out by
    its own rules (it narrows the widest columns first), so rendering it once, off screen, is the reliable way to
    know; a cut cell ends in an ellipsis, which no exercise name or slug contains."""
    probe = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    probe.print(table)
    return "…" not in probe.file.getvalue()  # type: ignore[attr-defined]


def print_list(console: Console, exercises: list[Exercise]) -> None:
    """A table when the terminal is wide enough to hold every cell whole; otherwise two lines an exercise, the
    slug alone on the first, so a narrow terminal never cuts the one thing people copy from here."""
    table = _list_table(exercises)
    if not exercises or _cuts_nothing(table, console.width):
        console.print(table)
    else:
        for exercise in exercises:
            # overflow="ignore": a slug wider than the terminal is printed whole and the terminal wraps it.
            console.print(Text(exercise.slug, style="bold cyan", no_wrap=True, overflow="ignore"))
            details = (
                exercise.name,
                ", ".join(m.name for m in exercise.primary_muscles),
                _equipment_text(exercise),
                exercise.laterality.value,
            )
            console.print(Padding(Text(" · ".join(details)), (0, 0, 0, 2), expand=False))
    console.print(f"{len(exercises)} exercise(s)")


class ProgressBar:
    """A Rich progress bar on stderr for long imports; it satisfies the services' Progress protocol."""

    def __init__(self, console: Console, label: str) -> None:
        self.label = label
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.task: TaskID | None = None

    def __enter__(self) -> ProgressBar:
        self.bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.bar.stop()

    def start(self, total: int) -> None:
        self.task = self.bar.add_task(self.label, total=total)

    def advance(self) -> None:
        if self.task is not None:
            self.bar.advance(self.task)


def print_dataset_report(console: Console, report: DatasetReport) -> None:
    verb = "would be" if report.dry_run else "were"
    console.print(Text(f"{report.source}: {report.records} records", style="bold"))
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(justify="right")
    table.add_column()
    for label, value in (
        (f"added (new exercises {verb} created)", report.added),
        ("linked (already in the library)", report.linked),
        ("merged (duplicates inside the dataset)", report.merged),
        ("skipped", report.skipped_total),
        ("unchanged (imported before)", report.unchanged),
    ):
        table.add_row(Text(str(value)), Text(label))
    console.print(table)
    for reason, count in report.skipped.most_common():
        examples = ", ".join(report.skipped_examples.get(reason, []))
        console.print(Text(f"  skipped {count}: {reason} (e.g. {examples})"))
    for title, counter in (
        ("unmapped muscle names", report.unmapped_muscles),
        ("unmapped equipment names", report.unmapped_equipment),
        ("repairs", report.fixes),
    ):
        if counter:
            listed = ", ".join(f"{name} ({count})" for name, count in counter.most_common())
            console.print(Text(f"{title}: {listed}"))
    if report.dry_run:
        console.print(Text("dry run: nothing was stored", style="italic"))

"""drills/*.md: warm-up and cool-down drills, shared by the exercises that use them."""

from __future__ import annotations

from pathlib import Path

from liftlore.catalog.markdown import read_document
from liftlore.catalog.problems import Problem
from liftlore.catalog.prose import check_steps
from liftlore.catalog.warm_up_fit import REGIONS
from liftlore.domain.exercise import Drill, DrillKind
from liftlore.errors import LiftloreError
from liftlore.page import drills, facts


def load_drill(path: Path, problems: list[Problem], regions: dict[str, frozenset[str]] | None = None) -> Drill | None:
    """Read one drill file; `regions` receives the body regions it names (see warm_up_fit)."""
    try:
        doc = read_document(path)
    except LiftloreError as exc:
        problems.append(Problem(str(path), exc.line, exc.message))
        return None
    where = str(path)

    def problem(message: str, line: int | None = None) -> None:
        problems.append(Problem(where, line, message))

    name = doc.front.get("name")
    if not isinstance(name, str) or not name.strip():
        problem("the front matter needs a 'name'", doc.line_of("name"))
        return None
    kind_value = doc.front.get("kind")
    kind: DrillKind | None = None
    try:
        kind = DrillKind(str(kind_value))
    except ValueError:
        problem(f"'kind' must be warm-up or cool-down, not {kind_value!r}", doc.line_of("kind"))
    named = doc.front.get("regions")
    if not isinstance(named, list) or not named or not all(r in REGIONS for r in named):
        problem(
            f"'regions' must list the body regions the drill works, from {', '.join(REGIONS)}; not {named!r}",
            doc.line_of("regions") if "regions" in doc.front else doc.line_of("kind"),
        )
    elif regions is not None:
        regions[path.stem] = frozenset(named)
    unknown = sorted(set(doc.front) - {"name", "kind", "regions"})
    if unknown:
        problem(f"unknown front matter key(s): {', '.join(unknown)}", doc.line_of(unknown[0]))
    blocks = [block for blocks in doc.sections.values() for block in blocks]
    intros = [block for block in blocks if block.kind == "paragraph"]
    steps = [block for block in blocks if block.kind == "numbered"]
    if len(intros) != 1:
        problem("a drill has exactly one intro paragraph before its numbered steps", doc.body_line)
    intro = intros[0].text if intros else ""
    if intros and facts.drill_name_in(intro) != name:
        problem(
            f"the intro must read 'Try {name[:1].lower()}{name[1:]} to ...' (or 'Use a ... to'), so that the "
            f"drill's name can be read back from an exported page; it gives {facts.drill_name_in(intro)!r}",
            intros[0].line,
        )
    elif intros:
        read_back = drills.drill_name(intro)
        if read_back is None or not read_back.sure or read_back.name != name:
            problem(
                f"an exported page's reader cannot be sure of the name '{name}' in this intro (it reads "
                f"{read_back.name if read_back else None!r}); a name that ends in an amount word such as 'sets' or "
                "'reps' is read as an amount, so pick another",
                intros[0].line,
            )
    check_steps(steps, problem, at=doc.body_line, allowed=(2, 6))
    for step in steps:
        if facts.drill_name_in(step.text) is not None:
            problem("a step must not read like a drill's intro ('Try ... to', 'Use ... to')", step.line)
    dose = facts.dose_in([step.text for step in steps])
    if dose.reps is None and dose.seconds is None:
        problem(
            "the dose has no number: one step must say how many reps or how many seconds",
            steps[0].line if steps else doc.body_line,
        )
    return Drill(slug=path.stem, name=name, intro=intro, steps=tuple(s.text for s in steps), dose=dose, kind=kind)

"""exercises/*.md: one exercise page each, its facts in the front matter and its prose in '## ' sections."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from liftlore.catalog.laterality import check_laterality
from liftlore.catalog.markdown import Block, Document, read_document
from liftlore.catalog.planner_keys import planner_defaults
from liftlore.catalog.problems import Problem
from liftlore.catalog.prose import check_no_repeated_sentence, check_steps
from liftlore.domain.exercise import (
    MOVEMENT_PATTERNS,
    Drill,
    DrillKind,
    EquipmentUse,
    Exercise,
    Faq,
    Laterality,
    Level,
    Loading,
    Mechanic,
    MuscleGroup,
    sorted_loading,
)
from liftlore.domain.names import slugify
from liftlore.domain.taxonomy import Taxonomy
from liftlore.errors import LiftloreError
from liftlore.page import facts

REQUIRED_KEYS = (
    "name",
    "laterality",
    "mechanic",
    "movement_pattern",
    "level",
    "loading",
    "primary_muscles",
    "warm_up",
    "cool_down",
    "target",
    "rest_seconds",
)
OPTIONAL_KEYS = (
    "aliases",
    "secondary_muscles",
    "equipment",
    "optional_equipment",
    "easier",
    "harder",
    "load_step_kg",
)
SECTIONS = ("summary", "steps", "tips", "benefits", "faq")

E = TypeVar("E", bound=StrEnum)


@dataclass
class _Context:
    doc: Document
    taxonomy: Taxonomy
    drills: dict[str, Drill]
    problems: list[Problem]

    def problem(self, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(str(self.doc.path), line, message))

    def at(self, key: str) -> int:
        return self.doc.line_of(key)

    def slugs(self, key: str) -> list[str]:
        value = self.doc.front.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.problem(f"'{key}' must be a list of slugs", self.at(key))
            return []
        if len(set(value)) != len(value):
            self.problem(f"'{key}' lists a slug twice", self.at(key))
        return list(dict.fromkeys(value))

    def enum(self, key: str, kind: type[E]) -> E | None:
        value = self.doc.front.get(key)
        try:
            return kind(str(value))
        except ValueError:
            allowed = ", ".join(member.value for member in kind)
            self.problem(f"'{key}' must be one of {allowed}, not {value!r}", self.at(key))
            return None


def load_exercise(
    path: Path,
    taxonomy: Taxonomy,
    drills: dict[str, Drill],
    problems: list[Problem],
    key_lines: dict[str, int] | None = None,
) -> Exercise | None:
    """Read one exercise file; `key_lines` receives the line of each front matter key, for later checks."""
    try:
        doc = read_document(path)
    except LiftloreError as exc:
        problems.append(Problem(str(path), exc.line, exc.message))
        return None
    if key_lines is not None:
        key_lines.update(doc.key_lines)
    ctx = _Context(doc, taxonomy, drills, problems)
    front = doc.front
    for key in REQUIRED_KEYS:
        if front.get(key) in (None, "", []):
            ctx.problem(f"the front matter needs '{key}'", doc.body_line - 1 if key not in front else ctx.at(key))
    unknown = sorted(set(front) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        ctx.problem(f"unknown front matter key(s): {', '.join(unknown)}", ctx.at(unknown[0]))
    name = front.get("name")
    if not isinstance(name, str) or not name:
        return None
    if slugify(name) != path.stem:
        ctx.problem(f"the file name must be the slug of the name: {slugify(name)}.md", ctx.at("name"))

    sections = _sections(ctx)
    primary = _muscles(ctx, "primary_muscles")
    secondary = _muscles(ctx, "secondary_muscles")
    for muscle in {m.slug for m in primary} & {m.slug for m in secondary}:
        ctx.problem(
            f"'{muscle}' is a primary muscle and must not be repeated among the secondary ones",
            ctx.at("secondary_muscles"),
        )
    loading = _loading(ctx)
    laterality = ctx.enum("laterality", Laterality)
    exercise = Exercise(
        slug=path.stem,
        name=name,
        summary=tuple(b.text for b in sections["summary"]),
        steps=tuple(b.text for b in sections["steps"]),
        laterality=laterality or Laterality.BILATERAL,
        mechanic=ctx.enum("mechanic", Mechanic),
        movement_pattern=_pattern(ctx),
        loading=loading,
        primary_muscles=primary,
        secondary_muscles=tuple(m for m in secondary if m not in primary),
        tips=tuple(b.text for b in sections["tips"]),
        equipment=_equipment(ctx, loading),
        benefits=tuple(b.text for b in sections["benefits"]),
        references=facts.references_in([b.text for b in sections["benefits"] + sections["faq"]]),
        warm_up=_drills(ctx, "warm_up", DrillKind.WARM_UP),
        cool_down=_drills(ctx, "cool_down", DrillKind.COOL_DOWN),
        faq=_faq(ctx, sections["faq"]),
        level=ctx.enum("level", Level),
        aliases=tuple(str(a) for a in front.get("aliases") or []),
        easier=tuple(ctx.slugs("easier")),
        harder=tuple(ctx.slugs("harder")),
    )
    exercise = replace(exercise, planner=planner_defaults(front, exercise, ctx.problem, ctx.at))
    _check_summary(ctx, exercise, sections["summary"])
    check_laterality(
        name,
        laterality,
        sections,
        ctx.problem,
        name_line=ctx.at("name"),
        laterality_line=ctx.at("laterality"),
    )
    check_no_repeated_sentence([b for blocks in sections.values() for b in blocks], ctx.problem)
    return exercise


def _sections(ctx: _Context) -> dict[str, list[Block]]:
    doc = ctx.doc
    for section in doc.sections:
        if section and section not in SECTIONS:
            ctx.problem(
                f"unknown section '## {section}' (expected {', '.join(SECTIONS)})",
                doc.section_lines.get(section),
            )
    if doc.sections.get(""):
        ctx.problem("text before the first '## ' section", doc.sections[""][0].line)
    found: dict[str, list[Block]] = {}
    for section in SECTIONS:
        if section not in doc.sections:
            ctx.problem(f"the required section '## {section.capitalize()}' is missing", doc.body_line)
        found[section] = doc.sections.get(section, [])
    last = doc.body_line

    def count(section: str, kind: str, low: int, high: int) -> list[Block]:
        blocks = found[section]
        wanted = [b for b in blocks if b.kind == kind]
        at = doc.section_lines.get(section, last)
        if len(wanted) != len(blocks) and section != "faq":
            ctx.problem(f"'## {section.capitalize()}' holds only {kind} blocks", at)
        if not low <= len(wanted) <= high:
            ctx.problem(f"'## {section.capitalize()}' needs {low}-{high} {kind}s, found {len(wanted)}", at)
        return wanted

    found["summary"] = count("summary", "paragraph", 2, 2)
    check_steps(
        [b for b in found["steps"] if b.kind == "numbered"],
        ctx.problem,
        at=doc.section_lines.get("steps", last),
        allowed=(3, 6),
    )
    found["steps"] = [b for b in found["steps"] if b.kind == "numbered"]
    found["tips"] = count("tips", "bullet", 2, 4)
    found["benefits"] = count("benefits", "paragraph", 2, 4)
    for block in found["steps"]:
        if facts.opens_summary(block.text):
            ctx.problem(f"a step starts with a verb, not '{facts.first_word(block.text)}'", block.line)
    for block in found["tips"] + found["benefits"]:
        _check_prose_line(ctx, block)
    return found


def _check_prose_line(ctx: _Context, block: Block) -> None:
    if block.text[-1:] not in ".!":
        ctx.problem("end this line with a full stop", block.line)
    elif facts.looks_like_heading(block.text):
        ctx.problem("this line reads like a heading (Title Case); write it as a sentence", block.line)


def _muscles(ctx: _Context, key: str) -> tuple[MuscleGroup, ...]:
    found: list[MuscleGroup] = []
    for slug in ctx.slugs(key):
        if slug not in ctx.taxonomy.muscles:
            ctx.problem(f"'{key}' names '{slug}', which is not in muscles.toml", ctx.at(key))
        else:
            found.append(ctx.taxonomy.muscles[slug])
    return tuple(found)


def _pattern(ctx: _Context) -> str | None:
    value = ctx.doc.front.get("movement_pattern")
    if value not in MOVEMENT_PATTERNS:
        ctx.problem(
            f"'movement_pattern' {value!r} is not one of the movement patterns in docs/catalog-format.md",
            ctx.at("movement_pattern"),
        )
        return None
    return str(value)


def _loading(ctx: _Context) -> tuple[Loading, ...]:
    values: set[Loading] = set()
    for value in ctx.slugs("loading"):
        try:
            values.add(Loading(value))
        except ValueError:
            ctx.problem(f"'loading' takes bodyweight and/or loaded, not {value!r}", ctx.at("loading"))
    return sorted_loading(values)


def _equipment(ctx: _Context, loading: tuple[Loading, ...]) -> tuple[EquipmentUse, ...]:
    uses: list[EquipmentUse] = []
    for key, optional in (("equipment", False), ("optional_equipment", True)):
        for slug in ctx.slugs(key):
            equipment = ctx.taxonomy.equipment.get(slug)
            if slug == "bodyweight":
                ctx.problem("do not list 'bodyweight': a bodyweight exercise has no equipment", ctx.at(key))
            elif equipment is None:
                ctx.problem(f"'{key}' names '{slug}', which is not in equipment.toml", ctx.at(key))
            elif any(use.equipment.slug == slug for use in uses):
                ctx.problem(f"'{slug}' is listed as required and as optional equipment", ctx.at(key))
            else:
                if not optional and equipment.adds_load and Loading.BODYWEIGHT in loading:
                    ctx.problem(
                        f"'{slug}' only adds load and the exercise can be done with body weight: list it under "
                        "optional_equipment, or drop bodyweight from loading",
                        ctx.at(key),
                    )
                uses.append(EquipmentUse(equipment=equipment, optional=optional))
    return tuple(uses)


def _drills(ctx: _Context, key: str, kind: DrillKind) -> tuple[Drill, ...]:
    found: list[Drill] = []
    for slug in ctx.slugs(key):
        drill = ctx.drills.get(slug)
        if drill is None:
            ctx.problem(f"'{key}' names the drill '{slug}', which is not in drills/", ctx.at(key))
        elif drill.kind is not None and drill.kind is not kind:
            ctx.problem(f"'{slug}' is a {drill.kind.value} drill, not a {kind.value}", ctx.at(key))
        else:
            found.append(drill)
    return tuple(found)


def _faq(ctx: _Context, blocks: list[Block]) -> tuple[Faq, ...]:
    entries: list[Faq] = []
    question: Block | None = None
    answer: list[str] = []

    def close() -> None:
        if question is not None:
            if not answer:
                ctx.problem("this question has no answer", question.line)
            else:
                entries.append(Faq(question=question.text, answer=" ".join(answer)))

    for block in blocks:
        if block.kind == "question":
            close()
            question, answer = block, []
            if not block.text.endswith("?"):
                ctx.problem("a FAQ question ends with '?'", block.line)
        elif question is None:
            ctx.problem("an answer with no '### ' question before it", block.line)
        else:
            if block.text.endswith("?"):
                ctx.problem("an answer must not end with '?' (it would be read as a question)", block.line)
            answer.append(block.text)
    close()
    if not 2 <= len(entries) <= 4:
        ctx.problem(
            f"'## FAQ' needs 2-4 questions with answers, found {len(entries)}",
            ctx.doc.section_lines.get("faq", ctx.doc.body_line),
        )
    return tuple(entries)


def _check_summary(ctx: _Context, exercise: Exercise, paragraphs: list[Block]) -> None:
    """The summary states the facts in words the page importer recognises, so exported pages keep them."""
    if not paragraphs:
        return
    for paragraph in paragraphs:
        if not facts.opens_summary(paragraph.text):
            ctx.problem(
                f"a summary paragraph opens with '{facts.first_word(paragraph.text)}'; open it with one of the "
                "words in docs/catalog-format.md so it is not read as a step",
                paragraph.line,
            )
    text = " ".join(p.text for p in paragraphs)
    line = paragraphs[0].line
    said: dict[str, Any] = {
        "laterality": facts.laterality_in(text),
        "mechanic": facts.mechanic_in(text),
        "movement_pattern": facts.movement_pattern_in(text),
        "loading": facts.loading_in(text),
    }
    claimed: dict[str, Any] = {
        "laterality": exercise.laterality,
        "mechanic": exercise.mechanic,
        "movement_pattern": exercise.movement_pattern,
        "loading": exercise.loading,
    }
    for key, value in said.items():
        if value != claimed[key]:
            shown = ", ".join(value) if isinstance(value, tuple) else value
            want = ", ".join(claimed[key]) if isinstance(claimed[key], tuple) else claimed[key]
            ctx.problem(f"the summary reads as {key} {shown or 'unstated'!s}, the front matter says {want}", line)

"""Read an exercise page in the seed's layout.

The layout has no markup: the summary paragraphs and the how-to steps come first, one per line, then headed
sections ("Muscle Worked", "Pro Tips", "Equipments", "Benefits", "Warm Up & Cool Down", "FAQ"). Muscle groups and
equipment are pairs of lines (a name, then one line about it). Everything the reader has to repair or guess is
reported as a warning; anything it cannot make sense of is a LiftloreError naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum, auto
from pathlib import Path
from typing import TypeVar

from liftlore.domain.exercise import (
    Drill,
    EquipmentUse,
    Exercise,
    Faq,
    Laterality,
    Loading,
    MuscleGroup,
    ParsedPage,
    sorted_loading,
)
from liftlore.domain.names import is_one_sided, normalise_name, slugify
from liftlore.domain.taxonomy import Taxonomy
from liftlore.errors import LiftloreError
from liftlore.page import drills, facts, mood, muscle_parts

MAX_PAGE_BYTES = 1_000_000
T = TypeVar("T")


class Section(Enum):
    INTRO = auto()
    MUSCLES = auto()
    PRIMARY = auto()
    SECONDARY = auto()
    TIPS = auto()
    EQUIPMENT = auto()
    BENEFITS = auto()
    DRILLS = auto()
    WARM_UP = auto()
    COOL_DOWN = auto()
    FAQ = auto()
    UNKNOWN = auto()


# Keyed as heading_of() normalises a line: lower case, "-" as a space, "and" as "&".
HEADINGS: dict[str, Section] = {
    "muscle worked": Section.MUSCLES,
    "muscles worked": Section.MUSCLES,
    "primary muscle groups": Section.PRIMARY,
    "primary muscle group": Section.PRIMARY,
    "primary muscles": Section.PRIMARY,
    "secondary muscle groups": Section.SECONDARY,
    "secondary muscle group": Section.SECONDARY,
    "secondary muscles": Section.SECONDARY,
    "pro tips": Section.TIPS,
    "tips": Section.TIPS,
    "equipments": Section.EQUIPMENT,
    "equipment": Section.EQUIPMENT,
    "benefits": Section.BENEFITS,
    "warm up & cool down": Section.DRILLS,
    "warm up": Section.WARM_UP,
    "cool down": Section.COOL_DOWN,
    "faq": Section.FAQ,
    "faqs": Section.FAQ,
    "frequently asked questions": Section.FAQ,
}


def heading_of(line: str) -> Section | None:
    """The section a heading line opens, in any case and spelling: 'PRO TIPS', 'Warm-up:', 'Warmup and Cooldown'."""
    key = re.sub(r"[\s-]+", " ", line.lower().rstrip(":").strip())
    key = key.replace(" and ", " & ").replace("warmup", "warm up").replace("cooldown", "cool down")
    return HEADINGS.get(key)


_PAIR_SECTIONS = (Section.PRIMARY, Section.SECONDARY, Section.EQUIPMENT)
# Words that place a muscle group more closely than the library does: "Upper Chest" is the chest.
_PLACE_WORDS = frozenset(
    ["upper", "lower", "middle", "mid", "inner", "outer", "front", "rear", "side", "deep", "whole"]
)
_OPTIONAL_MARK = re.compile(r"\s*\(optional\)\s*$", re.IGNORECASE)
# A description line that says its item is optional: "Optional, once body weight is easy.", "A bench is optional."
_OPTIONAL_SAID = re.compile(r"^\s*\(?optional\b|\b(?:is|are) optional\b", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    number: int
    text: str


@dataclass
class _Sections:
    blocks: dict[Section, list[Line]] = field(default_factory=dict)
    seen: list[Section] = field(default_factory=list)


def decode_page(data: bytes, source: str) -> str:
    """Bytes to text, refusing what is not a page: too large, binary, or empty."""
    if len(data) > MAX_PAGE_BYTES:
        raise LiftloreError(
            f"the file is {len(data):,} bytes; a page may be at most {MAX_PAGE_BYTES:,} bytes", file=source
        )
    if b"\x00" in data:
        raise LiftloreError("this is a binary file, not an exercise page (it contains NUL bytes)", file=source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LiftloreError(
            f"the file is not UTF-8 text (byte {exc.start} cannot be decoded): is it a binary file?",
            file=source,
        ) from exc
    if not text.strip():
        raise LiftloreError("the file is empty: there is no exercise page in it", file=source)
    return text


def read_page_file(path: Path, taxonomy: Taxonomy, name: str | None = None) -> ParsedPage:
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise LiftloreError(
                f"the file is {size:,} bytes; a page may be at most {MAX_PAGE_BYTES:,} bytes", file=path
            )
        data = path.read_bytes()
    except OSError as exc:
        raise LiftloreError(f"cannot read the file: {exc.strerror}", file=path) from exc
    return parse_page(decode_page(data, str(path)), taxonomy, source=str(path), name=name)


def parse_page(text: str, taxonomy: Taxonomy, *, source: str = "<page>", name: str | None = None) -> ParsedPage:
    """Parse a page's text; `name` overrides the name read from the first sentence."""
    return _PageReader(text, taxonomy, source).read(name)


def _opening(text: str, words: int = 6) -> str:
    """A line's first words, to name it in a warning."""
    split = text.split()
    return " ".join(split[:words]) + (" ..." if len(split) > words else "")


class _PageReader:
    def __init__(self, text: str, taxonomy: Taxonomy, source: str) -> None:
        self.source = source
        self.taxonomy = taxonomy
        self.warnings: list[str] = []
        self.lines = [
            Line(number, raw.strip())
            for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1)
            if raw.strip()
        ]

    def error(self, message: str, line: int | None = None) -> LiftloreError:
        return LiftloreError(message, file=self.source, line=line)

    def warn(self, message: str, line: int | None = None) -> None:
        self.warnings.append(f"line {line}: {message}" if line is not None else message)

    def read(self, name: str | None) -> ParsedPage:
        sections = self._split()
        if Section.MUSCLES not in sections.seen:
            raise self.error(
                "there is no 'Muscle Worked' section, so this does not look like an exercise page "
                "(expected the heading 'Muscle Worked' followed by 'Primary Muscle Groups')"
            )
        title, summary, steps = self._intro(sections.blocks.get(Section.INTRO, []))
        primary = self._muscles(sections, Section.PRIMARY, ())
        if not primary:
            raise self.error(
                "the 'Muscle Worked' section names no primary muscle group (expected 'Primary Muscle Groups' "
                "followed by a muscle name and a line about it)",
                self._heading_line(Section.MUSCLES),
            )
        secondary = self._muscles(sections, Section.SECONDARY, primary)
        exercise_name = name or title or self._name_from(summary)
        summary_text = " ".join(summary)
        equipment = self._equipment(sections)
        loading = self._loading(summary_text, equipment)
        equipment = self._optional_equipment(equipment, loading)
        benefits = tuple(line.text for line in sections.blocks.get(Section.BENEFITS, []))
        faq = self._faq(sections.blocks.get(Section.FAQ, []))
        exercise = Exercise(
            slug=slugify(exercise_name),
            name=exercise_name,
            summary=tuple(summary),
            steps=tuple(steps),
            laterality=self._laterality(summary_text, exercise_name),
            mechanic=self._fact(facts.mechanic_in(summary_text), "mechanic (isolation or compound)"),
            movement_pattern=self._fact(facts.movement_pattern_in(summary_text), "movement pattern"),
            loading=loading,
            primary_muscles=primary,
            secondary_muscles=secondary,
            tips=tuple(line.text for line in sections.blocks.get(Section.TIPS, [])),
            equipment=equipment,
            benefits=benefits,
            references=facts.references_in([*benefits, *(entry.answer for entry in faq)]),
            warm_up=self._drills(sections.blocks.get(Section.WARM_UP, []), "warm-up"),
            cool_down=self._drills(sections.blocks.get(Section.COOL_DOWN, []), "cool-down"),
            faq=faq,
        )
        return ParsedPage(exercise=exercise, warnings=tuple(self.warnings))

    # -- splitting into sections -------------------------------------------------------------------------------

    def _split(self) -> _Sections:
        sections = _Sections()
        current = Section.INTRO
        in_pairs_expecting_description = False
        previous: Line | None = None
        for index, line in enumerate(self.lines):
            heading = heading_of(line.text)
            if heading is not None and in_pairs_expecting_description and previous is not None:
                raise self.error(
                    f"'{previous.text}' (line {previous.number}) has no description line before the heading "
                    f"'{line.text}': each {self._pair_noun(current)} takes a name line and then a line about it",
                    line.number,
                )
            previous = line
            if heading is not None:
                current = heading
                if heading in sections.seen:
                    self.warn(f"the heading '{line.text}' appears twice; both parts are read", line.number)
                else:
                    sections.seen.append(heading)
                continue
            if current in _PAIR_SECTIONS:
                # Names and descriptions alternate; a name line may look like a heading, so no guessing here.
                in_pairs_expecting_description = not in_pairs_expecting_description
            elif self._is_unknown_heading(line, index, current):
                self.warn(f"unknown heading '{line.text}': the lines under it were skipped", line.number)
                current = Section.UNKNOWN
                continue
            if current is Section.UNKNOWN:
                continue
            sections.blocks.setdefault(current, []).append(line)
        if in_pairs_expecting_description:
            last = self.lines[-1]
            raise self.error(
                f"the page ends inside the {self._pair_noun(current)} section: '{last.text}' has no description "
                "line (is the file cut off?)",
                last.number,
            )
        return sections

    @staticmethod
    def _pair_noun(section: Section) -> str:
        return "equipment" if section is Section.EQUIPMENT else "muscle"

    def _is_unknown_heading(self, line: Line, index: int, current: Section) -> bool:
        if index == 0 or current is Section.MUSCLES:
            return False  # the first line may be a title; the 'Muscle Worked' heading is followed by its own
        return facts.looks_like_heading(line.text) and not line.text.endswith("?")

    def _heading_line(self, section: Section) -> int | None:
        for line in self.lines:
            if heading_of(line.text) is section:
                return line.number
        return None

    # -- the intro: title, summary, steps ----------------------------------------------------------------------

    def _intro(self, lines: list[Line]) -> tuple[str | None, list[str], list[str]]:
        if not lines:
            raise self.error("the page has no summary or steps before 'Muscle Worked'", 1)
        title: str | None = None
        if facts.looks_like_heading(lines[0].text):
            title = lines[0].text
            lines = lines[1:]
        if not lines:
            raise self.error("the page has no summary before 'Muscle Worked'", 1)
        split = mood.split_intro([line.text for line in lines])
        summary = lines[: split.summary_count]
        steps = [line.text for line in lines[split.summary_count :]]
        for index in split.unsure:
            line = lines[index]
            placed = "a summary paragraph" if index < split.summary_count else "a step"
            self.warn(
                f"cannot tell whether '{_opening(line.text)}' is a summary paragraph or a step; read it as {placed} "
                "from its words and the lines around it",
                line.number,
            )
        if not steps:
            self.warn("no how-to steps were found before 'Muscle Worked'", lines[-1].number)
        return title, self._without_repeats(summary), steps

    def _without_repeats(self, paragraphs: list[Line]) -> list[str]:
        seen: set[str] = set()
        kept: list[str] = []
        for paragraph in paragraphs:
            sentences: list[str] = []
            for sentence in facts.split_sentences(paragraph.text):
                key = normalise_name(sentence)
                if key in seen:
                    self.warn(f'dropped a repeated sentence in the summary: "{sentence}"', paragraph.number)
                    continue
                seen.add(key)
                sentences.append(sentence)
            if sentences:
                kept.append(" ".join(sentences))
        return kept

    def _name_from(self, summary: list[str]) -> str:
        first = facts.split_sentences(summary[0])[0] if summary else ""
        name = facts.name_from_summary(first)
        if name is None:
            raise self.error(
                "cannot tell the exercise's name: the page has no title line and its first sentence does not "
                "read 'The <name> is ...'; give the name with --name",
                self.lines[0].number,
            )
        return name

    # -- facts ---------------------------------------------------------------------------------------------------

    def _fact(self, value: T | None, what: str) -> T | None:
        if value is None:
            self.warn(f"the summary does not state the {what}; it was left empty")
        return value

    def _laterality(self, summary: str, name: str) -> Laterality:
        found = facts.laterality_in(summary)
        if found is not None:
            return found
        guess = Laterality.UNILATERAL if is_one_sided(name) else Laterality.BILATERAL
        self.warn(f"the summary does not say unilateral or bilateral; assumed {guess.value} from the name")
        return guess

    def _loading(self, summary: str, equipment: tuple[EquipmentUse, ...]) -> tuple[Loading, ...]:
        found = facts.loading_in(summary)
        if found:
            return found
        guess = {Loading.LOADED} if any(use.equipment.adds_load for use in equipment) else {Loading.BODYWEIGHT}
        loading = sorted_loading(guess)
        self.warn(f"the summary does not say how the exercise is loaded; assumed {', '.join(loading)}")
        return loading

    # -- muscles and equipment -----------------------------------------------------------------------------------

    def _pairs(self, lines: list[Line]) -> list[tuple[Line, Line]]:
        return [(lines[i], lines[i + 1]) for i in range(0, len(lines) - 1, 2)]

    def _muscles(
        self, sections: _Sections, section: Section, primary: tuple[MuscleGroup, ...]
    ) -> tuple[MuscleGroup, ...]:
        found: dict[str, MuscleGroup] = {}
        for name, description in self._pairs(sections.blocks.get(section, [])):
            for muscle in self._muscle_groups(name, description):
                if muscle.slug in found:
                    self.warn(f"the muscle group '{name.text}' is listed twice; the second was dropped", name.number)
                    continue
                if any(m.slug == muscle.slug for m in primary):
                    self.warn(f"'{name.text}' is both a primary and a secondary muscle; kept as primary", name.number)
                    continue
                found[muscle.slug] = muscle
        return tuple(found.values())

    def _muscle_groups(self, name: Line, description: Line) -> list[MuscleGroup]:
        """The library's groups a name line means: one, or the parts of a region ('Shoulders') that the
        description line names."""
        region = muscle_parts.region_named(name.text)
        if region is not None and all(slug in self.taxonomy.muscles for slug in region.parts):
            parts = muscle_parts.parts_named(region, description.text)
            known = [self.taxonomy.muscles[slug] for slug in parts.slugs]
            read_as = " and ".join(muscle.name.lower() for muscle in known)
            if parts.candidates:
                named = ", ".join(self.taxonomy.muscles[slug].name.lower() for slug in parts.candidates)
                self.warn(
                    f"'{name.text}' could mean {named}: its line names more than one; read as {read_as}, the first",
                    description.number,
                )
            elif not parts.sure:
                self.warn(
                    f"'{name.text}' names no part: its line does not say which part works; read as {read_as}",
                    description.number,
                )
            return [MuscleGroup(slug=m.slug, name=m.name, description=description.text, side=m.side) for m in known]
        text = name.text
        if self.taxonomy.muscles and self.taxonomy.muscle_slug(text) is None:
            # "Upper Chest", "Middle Traps": the library's group, more closely placed.
            words = text.split()
            while len(words) > 1 and words[0].lower() in _PLACE_WORDS:
                words = words[1:]
                if self.taxonomy.muscle_slug(" ".join(words)) is not None:
                    text = " ".join(words)
                    break
        muscle = self.taxonomy.muscle_for_page(text, description.text)
        if self.taxonomy.muscles and self.taxonomy.muscle_slug(text) is None:
            self.warn(f"'{name.text}' is not a known muscle group; it will be added as '{muscle.slug}'", name.number)
        return [muscle]

    def _equipment(self, sections: _Sections) -> tuple[EquipmentUse, ...]:
        uses: dict[str, EquipmentUse] = {}
        for name, description in self._pairs(sections.blocks.get(Section.EQUIPMENT, [])):
            optional = bool(_OPTIONAL_MARK.search(name.text) or _OPTIONAL_SAID.search(description.text))
            clean = _OPTIONAL_MARK.sub("", name.text)
            equipment = self.taxonomy.equipment_for_page(clean, description.text)
            if equipment.slug not in uses:
                uses[equipment.slug] = EquipmentUse(equipment=equipment, optional=optional)
        return tuple(uses.values())

    def _optional_equipment(
        self, uses: tuple[EquipmentUse, ...], loading: tuple[Loading, ...]
    ) -> tuple[EquipmentUse, ...]:
        """Pages rarely mark optional items; when none is marked and the exercise can be done with body weight,
        the items that only add load are the optional ones (the seed's barbell)."""
        if any(use.optional for use in uses) or Loading.BODYWEIGHT not in loading:
            return uses
        return tuple(EquipmentUse(equipment=use.equipment, optional=use.equipment.adds_load) for use in uses)

    # -- drills and FAQ ------------------------------------------------------------------------------------------

    def _drills(self, lines: list[Line], kind: str) -> tuple[Drill, ...]:
        """The first line of the section introduces a drill; a later line that introduces one ('Then try ...')
        starts the next."""
        groups: list[list[Line]] = []
        for line in lines:
            if not groups or (len(groups[-1]) > 1 and drills.opens_another_drill(line.text)):
                groups.append([line])
            else:
                groups[-1].append(line)
        found: list[Drill] = []
        for group in groups:
            intro, steps = group[0], tuple(line.text for line in group[1:])
            read = drills.drill_name(intro.text)
            if read is None:
                name = f"{kind.capitalize()} drill"
                self.warn(
                    f"cannot read the {kind} drill's name from '{intro.text}'; called it '{name}'",
                    intro.number,
                )
            else:
                name = read.name
                if not read.sure:
                    self.warn(f"read the {kind} drill's name as '{name}' from '{intro.text}'", intro.number)
            dose = facts.dose_in(steps, intro.text)
            if dose.reps is None and dose.seconds is None:
                self.warn(f"the {kind} drill '{name}' states no dose (reps or seconds)", intro.number)
            found.append(Drill(slug=slugify(name), name=name, intro=intro.text, steps=steps, dose=dose))
        return tuple(found)

    def _faq(self, lines: list[Line]) -> tuple[Faq, ...]:
        """Questions are lines ending in '?', answered by the lines after them; a line with no question before
        it is an answer on its own whose question was lost (the seed page's FAQ)."""
        entries: list[Faq] = []
        question: Line | None = None
        answer: list[str] = []
        lost: list[int] = []

        def close_question() -> None:
            if question is None:
                return
            if answer:
                entries.append(Faq(question=question.text, answer=" ".join(answer)))
            else:
                self.warn(f"the FAQ question '{question.text}' has no answer; it was dropped", question.number)

        for line in lines:
            if line.text.endswith("?"):
                close_question()
                question, answer = line, []
            elif question is not None:
                answer.append(line.text)
            else:
                lost.append(line.number)
                entries.append(Faq(question=None, answer=line.text))
        close_question()
        if lost:
            self.warn(f"{len(lost)} FAQ answer(s) have no question: the page lost its questions", lost[0])
        return tuple(entries)

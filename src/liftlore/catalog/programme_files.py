"""programmes/*.toml: training programmes written as data, one file each, read into domain.planning.Programme.

A file's name is the programme's slug (`full-body-3-day.toml` is `full-body-3-day`). The layout, top to bottom:

    name = "Three-day full body"              # what lists show
    summary = "..."                           # one or two sentences: who it suits and how it runs
    goal = "general"                          # strength, hypertrophy or general
    level = "beginner"                        # beginner, intermediate or advanced
    source = "..."                            # where the structure comes from, in our own words

    [deload]                                  # optional: a planned lighter week
    every_weeks = 6                           # every 6th week counted from the start (at least 2)
    sets_factor = 0.5                         # keep this share of the sets (at least one set), > 0 and <= 1
    load_factor = 0.9                         # and this share of the load, > 0 and <= 1
    max_rpe = 7                               # and no set harder than this

    [rules.main]                              # a progression rule, named; slots refer to it by its name
    kind = "double-progression"               # reach the top of the rep range on every set, then add load

    [rules.top-set]
    kind = "rpe"                              # change the load by how hard the top set felt
    target_rpe = 8
    steps = [                                 # ascending: a felt RPE from `from_rpe` (up to the next step's)
      { from_rpe = 5, change_kg = 5 },        # changes the next load by change_kg; below the first step, the
      { from_rpe = 7, change_kg = 2.5 },      # first step applies
      { from_rpe = 8, change_kg = 0 },
    ]

    [rules.wave]
    kind = "percentage-wave"                  # a fixed wave of percentages of a training max, week by week
    training_max_pct = 90                     # the training max as a % of the e1RM (> 0, <= 100)
    weeks = [                                 # one line per week, repeating; a deload week does not count
      { percent = 85, reps = 5, sets = 3, amrap = true },   # amrap: the last set for as many reps as possible
    ]

    [[days]]                                  # one [[days]] per training day, done in order, then again
    name = "A: squat, bench press, row"
    slots = [                                 # one line per exercise, in the order they are done
      { exercise = "barbell-back-squat", sets = 3, reps = "5-8", rule = "main", rest_seconds = 180 },
      { exercise = "plank", sets = 3, reps = "20-40", rule = "main" },
    ]

In a slot, `exercise` is the slug of a library exercise; `reps` is a range "low-high" or one number, counted in
the exercise's own unit (seconds for a hold such as the plank); `rest_seconds` is optional (the exercise's own
rest otherwise). A slot whose rule is a percentage wave may leave out `sets` and `reps`: the wave sets them each
week, and the slot shows the wave's most sets and its range of reps.

Mistakes are refused with a LiftloreError naming the file, the line where it can be found, and the field as a
path counted from 1: `days[2].slots[3].rule` is the rule of the third slot of the second day. Unknown keys are
refused too, so a misspelt key is never silently ignored.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Collection
from pathlib import Path
from typing import Any, TypeVar

from liftlore.catalog import CATALOG_DIR
from liftlore.catalog.planner_keys import REST_BOUNDS
from liftlore.domain.exercise import Level
from liftlore.domain.planning import (
    Deload,
    Goal,
    Programme,
    ProgrammeDay,
    ProgressionRule,
    RpeStep,
    RuleKind,
    Slot,
    WaveWeek,
)
from liftlore.errors import LiftloreError

PROGRAMMES_DIR = CATALOG_DIR / "programmes"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REPS = re.compile(r"^\s*(?P<low>\d+)\s*(?:-\s*(?P<high>\d+)\s*)?$")
RPE_BOUNDS = (1.0, 10.0)
CHANGE_BOUNDS = (-50.0, 50.0)  # an RPE step's change of load; anything bigger is a typo
DEFAULT_TRAINING_MAX_PCT = ProgressionRule(kind=RuleKind.PERCENTAGE_WAVE).training_max_pct

TOP_KEYS = frozenset({"name", "summary", "goal", "level", "source", "deload", "rules", "days"})
DELOAD_KEYS = frozenset({"every_weeks", "sets_factor", "load_factor", "max_rpe"})
RULE_KEYS = {
    RuleKind.DOUBLE_PROGRESSION: frozenset({"kind"}),
    RuleKind.RPE: frozenset({"kind", "target_rpe", "steps"}),
    RuleKind.PERCENTAGE_WAVE: frozenset({"kind", "training_max_pct", "weeks"}),
}
STEP_KEYS = frozenset({"from_rpe", "change_kg"})
WEEK_KEYS = frozenset({"percent", "reps", "sets", "amrap"})
DAY_KEYS = frozenset({"name", "slots"})
SLOT_KEYS = frozenset({"exercise", "sets", "reps", "rule", "rest_seconds"})

ChoiceT = TypeVar("ChoiceT", Goal, Level, RuleKind)


def bundled_exercise_slugs() -> frozenset[str]:
    """The slugs of the bundled exercise pages (their file names)."""
    return frozenset(path.stem for path in (CATALOG_DIR / "exercises").glob("*.md"))


def read_programmes(directory: Path | None = None, known_exercises: Collection[str] | None = None) -> list[Programme]:
    """Every programme in `directory` (the bundled ones by default), in file-name order. `known_exercises` are
    the slugs a slot may name (by default the bundled exercise pages)."""
    folder = PROGRAMMES_DIR if directory is None else directory
    if not folder.is_dir():
        raise LiftloreError("no such folder of programmes", file=folder)
    known = bundled_exercise_slugs() if known_exercises is None else known_exercises
    return [read_programme(path, known) for path in sorted(folder.glob("*.toml"))]


def read_programme(path: Path, known_exercises: Collection[str]) -> Programme:
    """The programme `path` holds, or a LiftloreError naming the file, the line and the field at fault."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LiftloreError(f"cannot read the file: {exc.strerror or exc}", file=path) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+)", str(exc))
        raise LiftloreError(f"not valid TOML: {exc}", file=path, line=int(where[1]) if where else None) from exc
    return _Reader(path, _key_lines(text), known_exercises).programme(data)


class _Reader:
    """Reads one file's parsed data, refusing the first mistake with its field path and line."""

    def __init__(self, path: Path, lines: dict[str, int], known: Collection[str]) -> None:
        self.path = path
        self.lines = lines
        self.known = known

    def fail(self, field: str, message: str) -> LiftloreError:
        return LiftloreError(message, file=self.path, line=_line_of(self.lines, field), field=field)

    # -- the whole file

    def programme(self, data: dict[str, Any]) -> Programme:
        slug = self.path.stem
        if not SLUG.match(slug):
            raise LiftloreError(
                "the file name is the programme's slug: lower-case letters, digits and hyphens", file=self.path
            )
        self.no_unknown_keys(data, TOP_KEYS, "")
        name = self.text(data, "name", "")
        summary = self.text(data, "summary", "")
        goal = self.choice(data, "goal", "", Goal)
        level = self.choice(data, "level", "", Level)
        source = self.text(data, "source", "") if "source" in data else ""
        deload = self.deload(data["deload"]) if "deload" in data else None
        rules = self.rules(data.get("rules"))
        days = self.days(data.get("days"), rules)
        return Programme(
            slug=slug,
            name=name,
            summary=summary,
            goal=goal,
            level=level,
            days=days,
            rules=rules,
            deload=deload,
            source=source,
        )

    def deload(self, value: object) -> Deload:
        table = self.table(value, "deload")
        self.no_unknown_keys(table, DELOAD_KEYS, "deload")
        every = self.integer(table, "every_weeks", "deload", minimum=2)
        defaults = Deload(every_weeks=every)
        return Deload(
            every_weeks=every,
            sets_factor=self.fraction(table, "sets_factor", "deload", defaults.sets_factor),
            load_factor=self.fraction(table, "load_factor", "deload", defaults.load_factor),
            max_rpe=self.number(table, "max_rpe", "deload", RPE_BOUNDS) if "max_rpe" in table else defaults.max_rpe,
        )

    # -- rules

    def rules(self, value: object) -> dict[str, ProgressionRule]:
        if value is None:
            raise self.fail("rules", "a programme needs at least one rule, such as [rules.main]")
        table = self.table(value, "rules")
        if not table:
            raise self.fail("rules", "a programme needs at least one rule, such as [rules.main]")
        return {name: self.rule(entry, f"rules.{name}") for name, entry in table.items()}

    def rule(self, value: object, where: str) -> ProgressionRule:
        table = self.table(value, where)
        kind = self.choice(table, "kind", where, RuleKind)
        self.no_unknown_keys(table, RULE_KEYS[kind], where, f"a {kind.value} rule")
        if kind is RuleKind.RPE:
            return ProgressionRule(
                kind=kind,
                target_rpe=self.number(table, "target_rpe", where, RPE_BOUNDS),
                rpe_steps=self.rpe_steps(table.get("steps"), f"{where}.steps"),
            )
        if kind is RuleKind.PERCENTAGE_WAVE:
            pct = DEFAULT_TRAINING_MAX_PCT
            if "training_max_pct" in table:
                pct = self.number(table, "training_max_pct", where, (0.0, 100.0))
                if pct <= 0:
                    raise self.fail(f"{where}.training_max_pct", "the training max must be more than 0 % of the e1RM")
            return ProgressionRule(
                kind=kind, training_max_pct=pct, wave=self.wave(table.get("weeks"), f"{where}.weeks")
            )
        return ProgressionRule(kind=kind)

    def rpe_steps(self, value: object, where: str) -> tuple[RpeStep, ...]:
        items = self.items(value, where, "an RPE rule needs its steps: [{ from_rpe = 7, change_kg = 2.5 }, ...]")
        steps: list[RpeStep] = []
        for number, item in enumerate(items, 1):
            at = f"{where}[{number}]"
            entry = self.table(item, at)
            self.no_unknown_keys(entry, STEP_KEYS, at)
            step = RpeStep(
                from_rpe=self.number(entry, "from_rpe", at, RPE_BOUNDS),
                change_kg=self.number(entry, "change_kg", at, CHANGE_BOUNDS),
            )
            if steps and step.from_rpe <= steps[-1].from_rpe:
                raise self.fail(
                    f"{at}.from_rpe",
                    f"the steps must ascend by from_rpe: {step.from_rpe:g} comes after {steps[-1].from_rpe:g}",
                )
            steps.append(step)
        return tuple(steps)

    def wave(self, value: object, where: str) -> tuple[WaveWeek, ...]:
        items = self.items(value, where, "a percentage wave needs its weeks: [{ percent = 85, reps = 5, sets = 3 }]")
        weeks: list[WaveWeek] = []
        for number, item in enumerate(items, 1):
            at = f"{where}[{number}]"
            entry = self.table(item, at)
            self.no_unknown_keys(entry, WEEK_KEYS, at)
            percent = self.number(entry, "percent", at, (0.0, 100.0))
            if percent <= 0:
                raise self.fail(f"{at}.percent", "a week's percent must be more than 0")
            amrap = entry.get("amrap", False)
            if not isinstance(amrap, bool):
                raise self.fail(f"{at}.amrap", f"must be true or false, not {amrap!r}")
            weeks.append(
                WaveWeek(
                    percent=percent,
                    reps=self.integer(entry, "reps", at, minimum=1),
                    sets=self.integer(entry, "sets", at, minimum=1),
                    amrap=amrap,
                )
            )
        return tuple(weeks)

    # -- days and slots

    def days(self, value: object, rules: dict[str, ProgressionRule]) -> tuple[ProgrammeDay, ...]:
        items = self.items(value, "days", "a programme needs at least one [[days]] table")
        days: list[ProgrammeDay] = []
        for number, item in enumerate(items, 1):
            at = f"days[{number}]"
            entry = self.table(item, at)
            self.no_unknown_keys(entry, DAY_KEYS, at)
            name = self.text(entry, "name", at)
            slot_items = self.items(entry.get("slots"), f"{at}.slots", "a day needs at least one slot")
            slots = tuple(self.slot(slot, f"{at}.slots[{index}]", rules) for index, slot in enumerate(slot_items, 1))
            days.append(ProgrammeDay(name=name, slots=slots))
        return tuple(days)

    def slot(self, value: object, where: str, rules: dict[str, ProgressionRule]) -> Slot:
        entry = self.table(value, where)
        self.no_unknown_keys(entry, SLOT_KEYS, where)
        exercise = self.text(entry, "exercise", where)
        if exercise not in self.known:
            near = difflib.get_close_matches(exercise, list(self.known), n=1)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            raise self.fail(f"{where}.exercise", f"no exercise '{exercise}' in the library{hint}")
        rule_name = self.text(entry, "rule", where)
        rule = rules.get(rule_name)
        if rule is None:
            known = ", ".join(sorted(rules))
            raise self.fail(f"{where}.rule", f"no rule '{rule_name}' in this programme; its rules: {known}")
        if rule.kind is RuleKind.PERCENTAGE_WAVE and "sets" not in entry and "reps" not in entry:
            sets = max(week.sets for week in rule.wave)
            low, high = min(week.reps for week in rule.wave), max(week.reps for week in rule.wave)
        else:
            sets = self.integer(entry, "sets", where, minimum=1)
            low, high = self.reps(entry, where)
        rest: int | None = None
        if "rest_seconds" in entry:
            floor, ceiling = REST_BOUNDS
            rest = self.integer(entry, "rest_seconds", where, minimum=floor)
            if rest > ceiling:
                raise self.fail(f"{where}.rest_seconds", f"must be from {floor} to {ceiling} seconds, not {rest}")
        return Slot(exercise=exercise, sets=sets, low=low, high=high, rule=rule_name, rest_seconds=rest)

    def reps(self, entry: dict[str, Any], where: str) -> tuple[int, int]:
        field = f"{where}.reps"
        value = entry.get("reps")
        if value is None:
            raise self.fail(field, 'missing: write the range as reps = "6-10", or one number')
        text = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""
        match = REPS.match(text)
        if match is None:
            raise self.fail(field, f'must read like "6-10" or 5, not {value!r}')
        low = int(match["low"])
        high = int(match["high"]) if match["high"] is not None else low
        if low < 1:
            raise self.fail(field, f"the low end must be at least 1, not {low}")
        if low > high:
            raise self.fail(field, f"the low end ({low}) is above the high end ({high})")
        return low, high

    # -- values

    def no_unknown_keys(self, table: dict[str, Any], allowed: frozenset[str], where: str, what: str = "") -> None:
        for key in table:
            if key not in allowed:
                field = f"{where}.{key}" if where else key
                kind = f" for {what}" if what else ""
                raise self.fail(field, f"unknown key '{key}'{kind}; the keys are: {', '.join(sorted(allowed))}")

    def table(self, value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be a table of keys and values")
        return value

    def items(self, value: object, where: str, empty: str) -> list[Any]:
        if value is None or value == []:
            raise self.fail(where, empty)
        if not isinstance(value, list):
            raise self.fail(where, "must be a list")
        return value

    def text(self, table: dict[str, Any], key: str, where: str) -> str:
        field = f"{where}.{key}" if where else key
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "needs some text")
        return " ".join(value.split())

    def choice(self, table: dict[str, Any], key: str, where: str, kind: type[ChoiceT]) -> ChoiceT:
        field = f"{where}.{key}" if where else key
        value = table.get(key)
        allowed = [member.value for member in kind]
        if value not in allowed:
            raise self.fail(field, f"unknown {key} {value!r}; one of: {', '.join(allowed)}")
        return kind(value)

    def integer(self, table: dict[str, Any], key: str, where: str, *, minimum: int) -> int:
        field = f"{where}.{key}"
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(field, f"needs a whole number, not {value!r}")
        if value < minimum:
            raise self.fail(field, f"must be at least {minimum}, not {value}")
        return value

    def number(self, table: dict[str, Any], key: str, where: str, bounds: tuple[float, float]) -> float:
        field = f"{where}.{key}"
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(field, f"needs a number, not {value!r}")
        if not bounds[0] <= value <= bounds[1]:
            raise self.fail(field, f"must be from {bounds[0]:g} to {bounds[1]:g}, not {value:g}")
        return float(value)

    def fraction(self, table: dict[str, Any], key: str, where: str, default: float) -> float:
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
            raise self.fail(f"{where}.{key}", f"must be a number more than 0 and at most 1, not {value!r}")
        return float(value)


# -- where a field is written ---------------------------------------------------------------------------------------

TABLE = re.compile(r"^\[\s*([^\[\]]+?)\s*\]")
ARRAY_TABLE = re.compile(r"^\[\[\s*([^\[\]]+?)\s*\]\]")
KEY = re.compile(r"^([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")
INLINE_KEY = re.compile(r"(?:^|[{,])\s*([A-Za-z0-9_-]+)\s*=")
LAST_PART = re.compile(r"(\.[^.\[]+|\[\d+\])$")


def _key_lines(text: str) -> dict[str, int]:
    """Field path -> line, for the layout this module documents: tables, keys, and a list written one inline
    table per line. tomllib keeps no positions, so the text is read once more; a field this cannot place gets the
    line of the nearest enclosing field it can (`_line_of`)."""
    lines: dict[str, int] = {}
    table = ""
    tables_seen: dict[str, int] = {}
    open_list: str | None = None
    items = 0
    in_string = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        quotes = line.count('"""') + line.count("'''")
        if in_string:
            in_string = quotes % 2 == 0
            continue
        if not line or line.startswith("#"):
            continue
        if open_list is not None:
            if line.startswith("]"):
                open_list = None
            elif line.startswith("{"):
                items += 1
                item = f"{open_list}[{items}]"
                lines.setdefault(item, number)
                for key in INLINE_KEY.findall(line):
                    lines.setdefault(f"{item}.{key}", number)
            continue
        if match := ARRAY_TABLE.match(line):
            name = _unquote(match[1])
            tables_seen[name] = tables_seen.get(name, 0) + 1
            table = f"{name}[{tables_seen[name]}]"
            lines.setdefault(table, number)
        elif match := TABLE.match(line):
            table = _unquote(match[1])
            lines.setdefault(table, number)
        elif match := KEY.match(line):
            path = f"{table}.{_unquote(match[1])}" if table else _unquote(match[1])
            lines.setdefault(path, number)
            if line[match.end() :].split("#", 1)[0].strip() == "[":
                open_list, items = path, 0
            in_string = quotes % 2 == 1

    return lines


def _unquote(name: str) -> str:
    return ".".join(part.strip().strip('"').strip("'") for part in name.split("."))


def _line_of(lines: dict[str, int], field: str) -> int | None:
    path = field
    while path:
        if path in lines:
            return lines[path]
        shorter = LAST_PART.sub("", path)
        if shorter == path:
            return None
        path = shorter
    return None

"""The set grammar: what a person types between sets (docs/log-grammar.md is the reference).

    squat 100kg x 5 x 3 @8               three sets of 5 at 100 kg, RPE 8
    "single-leg hip thrust" L 40kg x 10, R 40kg x 8
    pull-up bw+10kg x 6, 8, 7            added load; bare numbers are reps
    plank 60s x 3                        timed sets

`parse_log_line` and `parse_sets` are pure: they return SetEntry values in kilograms, with `side` None where the
person gave none (the service decides what that means for the exercise). `format_set` writes a set back in the
same grammar, so what liftlore shows can be typed again.

Both parsers are bounded (domain/limits.py): a line is at most MAX_LOG_LINE_LENGTH characters of text and expands
to at most MAX_SETS_PER_LOG sets, so "100kg x 5 x 100000" or a page of "each ... x 100" builds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from liftlore.domain.limits import MAX_LOG_LINE_LENGTH, MAX_NAME_LENGTH, MAX_SETS_PER_LOG, check_text
from liftlore.domain.training import SetEntry, SetType, Side
from liftlore.domain.units import (
    DistanceUnit,
    WeightUnit,
    format_duration,
    from_kg,
    plain_number,
    to_kg,
    to_metres,
)
from liftlore.errors import LiftloreError

MAX_SETS_PER_GROUP = MAX_SETS_PER_LOG  # 'x N' after a set; the whole line is held to the same number

_TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<clock>\d+:\d{2}(?::\d{2})?)"
    # A unit may follow its number after a space ('40 kg'); 'rir'/'rpe' only touching it ('2rir'), because in
    # 'x 3 rir 2' the 3 is a count of sets.
    r"|(?P<number>\d+(?:\.\d+)?)(?:(?:\s*(?P<unit>kgs|kg|lbs|lb|secs|sec|s|mins|min|hrs|hr|h|km|mi|m)"
    r"|(?P<effort>rir|rpe))(?![a-wyz]))?"
    r"|(?P<times>[x×*](?![a-z]))"
    r"|(?P<sign>[+-])"
    r"|(?P<at>@)"
    r"|(?P<word>[a-z]+(?:[/\-][a-z]+)*)"  # 'warm-up', 'l/r'; in 'bw-20kg' the '-' is a sign
)
_WEIGHT_UNITS = {"kg": WeightUnit.KG, "kgs": WeightUnit.KG, "lb": WeightUnit.LB, "lbs": WeightUnit.LB}
_TIME_UNITS = {"s": 1, "sec": 1, "secs": 1, "min": 60, "mins": 60, "h": 3600, "hr": 3600, "hrs": 3600}
_DISTANCE_UNITS = {"m": DistanceUnit.M, "km": DistanceUnit.KM, "mi": DistanceUnit.MI}
_SIDES = {
    "l": Side.LEFT,
    "left": Side.LEFT,
    "r": Side.RIGHT,
    "right": Side.RIGHT,
    "b": Side.BOTH,
    "both": Side.BOTH,
}
_EACH = frozenset({"each", "lr", "l/r", "alt"})
_TYPES = {
    "w": SetType.WARM_UP,
    "wu": SetType.WARM_UP,
    "warmup": SetType.WARM_UP,
    "warm-up": SetType.WARM_UP,
    "d": SetType.DROP,
    "drop": SetType.DROP,
    "dropset": SetType.DROP,
    "f": SetType.FAILURE,
    "fail": SetType.FAILURE,
    "failure": SetType.FAILURE,
}
_BODYWEIGHT = frozenset({"bw", "bodyweight"})
_TYPE_LETTERS = {SetType.WARM_UP: "W", SetType.DROP: "D", SetType.FAILURE: "F"}
_SIDE_LETTERS = {Side.LEFT: "L", Side.RIGHT: "R"}
HOW_TO = 'write sets like "100kg x 5", "100kg x 5 x 3 @8", "L 40kg x 10, R 40kg x 8" or "bw x 12"'


@dataclass(frozen=True)
class _Token:
    kind: str  # clock, number, times, sign, at, word
    text: str
    unit: str | None = None


@dataclass(frozen=True)
class LogLine:
    exercise: str
    sets: tuple[SetEntry, ...]


def _tokens(text: str) -> list[_Token]:
    lowered = text.lower()
    tokens: list[_Token] = []
    position = 0
    while position < len(lowered):
        match = _TOKEN.match(lowered, position)
        if match is None:
            raise LiftloreError(f"cannot read '{text[position:].strip()}' in '{text.strip()}'; {HOW_TO}", field="sets")
        kind = match.lastgroup or ""
        if kind in ("unit", "effort"):  # a unit group closes last when present; the token is its number
            kind = "number"
        if kind != "space":
            number = match.group("number")
            unit = match.group("unit") or match.group("effort")
            tokens.append(_Token(kind, number if kind == "number" else match.group(0), unit))
        position = match.end()
    return tokens


class _Group:
    """The tokens of one comma-separated group and a cursor over them."""

    def __init__(self, text: str, unit: WeightUnit) -> None:
        self.text = text.strip()
        self.tokens = _tokens(text)
        self.unit = unit
        self.index = 0

    def peek(self, offset: int = 0) -> _Token | None:
        at = self.index + offset
        return self.tokens[at] if at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def fail(self, problem: str) -> LiftloreError:
        return LiftloreError(f"in '{self.text}': {problem}; {HOW_TO}", field="sets")

    def number(self, what: str, *, bare: bool = False) -> _Token:
        token = self.peek()
        if token is None or token.kind != "number" or (bare and token.unit is not None):
            raise self.fail(f"expected {what}")
        return self.take()

    def weight(self, token: _Token) -> float:
        """A load in kilograms: its own unit, or the person's unit when it has none."""
        unit = _WEIGHT_UNITS.get(token.unit or "", self.unit if token.unit is None else None)
        if unit is None:
            raise self.fail(f"'{token.text}{token.unit}' is not a weight")
        return to_kg(float(token.text), unit)


def _reps(group: _Group, token: _Token) -> int:
    value = float(token.text)
    if not value.is_integer():
        raise group.fail(f"reps are whole numbers, not {token.text}")
    return int(value)


def _measure(token: _Token) -> tuple[str, float] | None:
    """A time or a distance, in seconds or metres."""
    if token.kind == "clock":
        parts = [int(p) for p in token.text.split(":")]
        seconds = parts[-1] + 60 * parts[-2] + (3600 * parts[0] if len(parts) == 3 else 0)
        return ("duration", float(seconds))
    if token.kind == "number" and token.unit in _TIME_UNITS:
        return ("duration", float(token.text) * _TIME_UNITS[token.unit])
    if token.kind == "number" and token.unit in _DISTANCE_UNITS:
        return ("distance", to_metres(float(token.text), _DISTANCE_UNITS[token.unit]))
    return None


def _parse_group(text: str, unit: WeightUnit, carried: float | None) -> tuple[list[SetEntry], float | None]:
    """The sets of one group, and the load the next group carries over when it gives none ('100kg x 5, 5, 4')."""
    group = _Group(text, unit)
    if not group.tokens:
        raise LiftloreError(f"an empty set (two commas in a row?); {HOW_TO}", field="sets")
    side: Side | None = None
    each = False
    set_type = SetType.NORMAL
    while (
        (token := group.peek()) is not None
        and token.kind == "word"
        and (token.text in _SIDES or token.text in _EACH or token.text in _TYPES)
    ):
        group.take()
        if token.text in _TYPES:
            set_type = _TYPES[token.text]
        elif token.text in _EACH:
            each = True
        else:
            side = _SIDES[token.text]
    values: dict[str, float] = {}
    loaded = _parse_load(group, values)
    if not loaded and carried is not None:
        values["weight"] = carried
    reps: int | None = None
    token = group.peek()
    if token is not None and token.kind == "times":
        group.take()
        after = group.peek()
        if after is None:
            raise group.fail("'x' needs reps (or a time, like 'x 30s') after it")
        measure = _measure(after)
        if measure is not None:
            group.take()
            values[measure[0]] = measure[1]
        elif after.kind == "number" and after.unit is None:
            reps = _reps(group, group.take())
        else:
            raise group.fail("'x' needs reps (or a time, like 'x 30s') after it")
    elif token is not None and token.kind == "number" and token.unit is None and not loaded:
        reps = _reps(group, group.take())
    elif token is not None and (measure := _measure(token)) is not None:
        group.take()
        values[measure[0]] = measure[1]
    count = 1
    token = group.peek()
    if token is not None and token.kind == "times":
        group.take()
        count = _reps(group, group.number("how many sets after the second 'x'", bare=True))
        if not 1 <= count <= MAX_SETS_PER_GROUP:
            raise group.fail(f"between 1 and {MAX_SETS_PER_GROUP} sets at a time")
    _parse_extras(group, values)
    if reps is None and "duration" not in values and "distance" not in values:
        raise group.fail("how many reps? (or a time or a distance)")
    entry = SetEntry(
        reps=reps,
        weight_kg=values.get("weight"),
        set_type=set_type,
        side=side,
        rpe=values.get("rpe"),
        rir=values.get("rir"),
        duration_s=values.get("duration"),
        distance_m=values.get("distance"),
    )
    sides = (Side.LEFT, Side.RIGHT) if each else (side,)
    return [replace(entry, side=s) for _ in range(count) for s in sides], values.get("weight")


def _parse_load(group: _Group, values: dict[str, float]) -> bool:
    """The load, if the group starts with one: '100kg', '100' before an 'x', 'bw', 'bw+10kg', '+10', '-20kg'
    (assisted). True when a load (body weight included) was given."""
    token = group.peek()
    if token is None:
        return False
    if token.kind == "word" and token.text in _BODYWEIGHT:
        group.take()
        sign = group.peek()
        if sign is not None and sign.kind == "sign":
            group.take()
            amount = group.weight(group.number(f"a weight after '{sign.text}'"))
            values["weight"] = amount if sign.text == "+" else -amount
        return True
    if token.kind == "sign":
        group.take()
        amount = group.weight(group.number(f"a weight after '{token.text}'"))
        values["weight"] = amount if token.text == "+" else -amount
        return True
    if token.kind == "number" and token.unit in _WEIGHT_UNITS:
        values["weight"] = group.weight(group.take())
        return True
    following = group.peek(1)
    if token.kind == "number" and token.unit is None and following is not None and following.kind == "times":
        values["weight"] = group.weight(group.take())
        return True
    return False


def _parse_extras(group: _Group, values: dict[str, float]) -> None:
    """Effort (@8, rpe 8, rir 2, 2rir) and a time or distance, in any order, at the end of a group."""
    while (token := group.peek()) is not None:
        group.take()
        if token.kind == "at" or (token.kind == "word" and token.text in ("rpe", "rir")):
            name = "rir" if token.text == "rir" else "rpe"
            values[name] = float(group.number(f"a number after '{token.text}'", bare=True).text)
            continue
        if token.kind == "number" and token.unit in ("rpe", "rir"):
            values[token.unit] = float(token.text)
            continue
        measure = _measure(token)
        if measure is not None and measure[0] not in values:
            values[measure[0]] = measure[1]
            continue
        shown = token.text + (token.unit or "")
        raise group.fail(f"did not expect '{shown}' here")


def parse_sets(text: str, *, unit: WeightUnit = WeightUnit.KG) -> tuple[SetEntry, ...]:
    """Sets typed in the grammar ('100kg x 5 x 3 @8, 110kg x 3'); bare weights are in `unit`. At most
    MAX_LOG_LINE_LENGTH characters, expanding to at most MAX_SETS_PER_LOG sets."""
    text = check_text(text, "sets", MAX_LOG_LINE_LENGTH)
    if not text:
        raise LiftloreError(f"no sets given; {HOW_TO}", field="sets")
    sets: list[SetEntry] = []
    carried: float | None = None
    for part in re.split(r"[,;]", text):
        parsed, carried = _parse_group(part, unit, carried)
        sets.extend(parsed)
        # Checked after each group, which makes at most 2 x MAX_SETS_PER_GROUP sets ('each ... x 100'), so the
        # work done before a refusal stays bounded however many groups the line has.
        if len(sets) > MAX_SETS_PER_LOG:
            raise LiftloreError(
                f"at most {MAX_SETS_PER_LOG} sets in one go, and this line has more; log the rest separately",
                field="sets",
            )
    return tuple(sets)


def parse_weight(text: str, *, unit: WeightUnit = WeightUnit.KG) -> float:
    """'142.5', '100kg' or '225 lb' -> kilograms (a bare number is in `unit`)."""
    text = check_text(text, "weight", MAX_LOG_LINE_LENGTH)
    try:
        tokens = _tokens(text)
    except LiftloreError:
        tokens = []
    if len(tokens) != 1 or tokens[0].kind != "number" or (tokens[0].unit or "kg") not in _WEIGHT_UNITS:
        raise LiftloreError(f"'{text}' is not a weight; write 100, 100kg or 225lb", field="weight")
    token = tokens[0]
    return to_kg(float(token.text), _WEIGHT_UNITS[token.unit] if token.unit else unit)


def _starts_sets(word: str) -> bool | None:
    """Whether `word` is where the sets begin (the words before it name the exercise): True, False, or None for a
    side or set type word ('L', 'W'), which starts the sets only when the word after it does."""
    try:
        tokens = _tokens(word.lower().rstrip(",;"))
    except LiftloreError:
        return False
    if not tokens or any(t.kind == "word" and not _known_word(t.text) for t in tokens):
        return False
    first = tokens[0]
    if first.kind != "word" or first.text in _BODYWEIGHT:
        return True
    if first.text in ("x", "rpe", "rir"):
        return True
    return True if len(tokens) > 1 else None


def _known_word(text: str) -> bool:
    return text in _SIDES or text in _EACH or text in _TYPES or text in _BODYWEIGHT or text in ("rpe", "rir", "x")


def split_exercise(text: str) -> tuple[str, str]:
    """'"single-leg hip thrust" L 40kg x 10' or 'bench press 100kg x 5' -> (exercise, the sets' text)."""
    stripped = text.strip()
    if stripped[:1] in ("'", '"'):
        closing = stripped.find(stripped[0], 1)
        if closing < 0:
            raise LiftloreError("the exercise's name has no closing quote", field="exercise")
        return stripped[1:closing].strip(), stripped[closing + 1 :]
    words = stripped.split()
    # Decided from the last word back, so a run of side words ('L L L ...') is looked at once, not once per word
    # before it (which was quadratic, and deep enough recursion to crash on a long line).
    starts = [False] * (len(words) + 1)
    for index in range(len(words) - 1, -1, -1):
        own = _starts_sets(words[index])
        starts[index] = starts[index + 1] if own is None else own
    for index in range(len(words)):
        if starts[index]:
            return " ".join(words[:index]), " ".join(words[index:])
    return stripped, ""


def parse_log_line(text: str, *, unit: WeightUnit = WeightUnit.KG, exercise: str | None = None) -> LogLine:
    """An exercise and its sets, as typed: `exercise` given separately, or named at the start of `text`
    (in quotes, or the words before the first set). The line is at most MAX_LOG_LINE_LENGTH characters and the
    exercise's name at most MAX_NAME_LENGTH."""
    text = check_text(text, "sets" if exercise is not None else "line", MAX_LOG_LINE_LENGTH)
    name, sets_text = (exercise, text) if exercise is not None else split_exercise(text)
    name = check_text(name, "exercise", MAX_NAME_LENGTH)
    if not name:
        raise LiftloreError(f"name the exercise before its sets, e.g. 'squat 100kg x 5'; {HOW_TO}", field="exercise")
    return LogLine(exercise=name, sets=parse_sets(sets_text, unit=unit))


# -- writing sets back in the grammar ------------------------------------------------------------------------------


def format_set(entry: SetEntry, unit: WeightUnit = WeightUnit.KG, count: int = 1, *, after_load: bool = False) -> str:
    """One set in the grammar ('L W 40kg x 10 @8'), or `count` sets like it ('100kg x 5 x 3 @8'). A body-weight
    set with reps is 'bw x 12'. `after_load` says a set with a load comes just before this one: then a set without
    one is written 'bw x 1:00' rather than '1:00', which would be read as carrying that load over."""
    parts: list[str] = []
    if entry.side in _SIDE_LETTERS:
        parts.append(_SIDE_LETTERS[entry.side])
    if entry.set_type in _TYPE_LETTERS:
        parts.append(_TYPE_LETTERS[entry.set_type])
    weight = entry.weight_kg
    if weight is not None:
        shown = plain_number(from_kg(abs(weight), unit)) + unit.value
        parts.append(("-" + shown) if weight < 0 else shown)
    elif entry.reps is not None or after_load:
        parts.append("bw")
    measures: list[str] = []
    if entry.reps is not None:
        measures.append(str(entry.reps))
    if entry.duration_s is not None:
        measures.append(format_duration(entry.duration_s))
    if entry.distance_m is not None:
        measures.append(plain_number(entry.distance_m, 3) + "m")
    loaded = weight is not None or entry.reps is not None or after_load
    parts.append(f"x {measures[0]}" if loaded else measures[0])
    if count > 1:
        parts.append(f"x {count}")
    parts.extend(measures[1:])
    if entry.rpe is not None:
        parts.append(f"@{plain_number(entry.rpe)}")
    if entry.rir is not None:
        parts.append(f"rir {plain_number(entry.rir)}")
    return " ".join(parts)


def format_sets(sets: tuple[SetEntry, ...] | list[SetEntry], unit: WeightUnit = WeightUnit.KG) -> str:
    """Sets in the grammar, with repeats folded: '100kg x 5 x 3 @8, 110kg x 3'."""
    groups: list[tuple[SetEntry, int]] = []
    for entry in sets:
        plain = replace(entry, id=None, performed_at=None)
        if groups and groups[-1][0] == plain:
            groups[-1] = (plain, groups[-1][1] + 1)
        else:
            groups.append((plain, 1))
    return ", ".join(
        format_set(entry, unit, count, after_load=index > 0 and groups[index - 1][0].weight_kg is not None)
        for index, (entry, count) in enumerate(groups)
    )

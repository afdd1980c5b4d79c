"""The training settings (kg or lb, time zone, e1RM method, bar and plates), kept in the settings table under
"training.", and the time zone a person trains in."""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path

from sqlalchemy.orm import Session

from liftlore.domain.log_grammar import parse_weight
from liftlore.domain.planning import Goal
from liftlore.domain.training import zone, zone_name
from liftlore.domain.units import WeightUnit, from_kg, weight_unit
from liftlore.errors import LiftloreError
from liftlore.science.plates import DEFAULT_BARS, DEFAULT_PLATES, parse_plates
from liftlore.science.strength import MAX_REP_CAP, E1rmMethod, Formula
from liftlore.science.training_load import (
    DEFAULT_HARD_RPE,
    DEFAULT_RECOVERY_CAPACITY,
    DEFAULT_RECOVERY_TAU_DAYS,
    DEFAULT_SYMMETRY_THRESHOLD,
    HardSetRule,
    RecoveryModel,
)
from liftlore.store import settings as settings_store
from liftlore.store import strength_points
from liftlore.store.insight import muscle_groups

# The planner's settings. None is from a study: the floor and the seconds per rep are ours; the weekly targets start
# at the 10+ band of Schoenfeld, Ogborn & Krieger 2017 for hypertrophy, and their upper ends are coaching heuristics.
DEFAULT_RECOVERY_FLOOR = 60.0
DEFAULT_SECONDS_PER_REP = 4.0
DEFAULT_DELOAD_EVERY = 6  # "about 6 days every 5-6 weeks" (Bell et al. 2024 survey; science.md, Planning)
WEEKLY_SETS: dict[Goal, tuple[float, float]] = {
    Goal.HYPERTROPHY: (10.0, 20.0),
    Goal.STRENGTH: (6.0, 12.0),
    Goal.GENERAL: (5.0, 10.0),
}
STRATEGIES = ("match", "extra-set")


def _span(span: tuple[float, float]) -> str:
    return f"{span[0]:g}-{span[1]:g}"


PREFIX = "training."
POINT_SETTINGS = ("e1rm-formula", "rep-cap", "e1rm-from-rpe", "hard-set-rpe")  # the strength points depend on
# Recovery settings may be given per muscle group as well: "recovery-tau.glutes".
PER_MUSCLE = ("recovery-tau", "recovery-capacity")
SETTINGS_HELP = {
    "unit": "kg or lb: how weights are typed and shown",
    "timezone": "where you train (Europe/Berlin, +02:00); default: this computer's zone",
    "e1rm-formula": f"{', '.join(f.value for f in Formula)} (default epley)",
    "rep-cap": f"sets with more reps get no e1RM (1-{MAX_REP_CAP}, default 12)",
    "e1rm-from-rpe": "yes: sets with RPE/RIR use the RPE chart for their e1RM (default no)",
    "bar": "the bar for the plate calculator, with its unit (default 20kg, or 45lb)",
    "plates": "plates per side for the calculator, with the unit: '25,20,15,10,5,2.5,1.25 kg' (15x2: two pairs)",
    "hard-set-rpe": f"a set with RPE or RIR logged is hard from this RPE on (default {DEFAULT_HARD_RPE:g}: 4 RIR)",
    "recovery-tau": f"days for fatigue to fall to 37 % (default 7 / ln 20 = {DEFAULT_RECOVERY_TAU_DAYS:.2f});"
    " per muscle as recovery-tau.MUSCLE",
    "recovery-capacity": f"hard sets a muscle takes before it reads 0 % recovered (default"
    f" {DEFAULT_RECOVERY_CAPACITY:g}); per muscle as recovery-capacity.MUSCLE",
    "symmetry-threshold": f"% asymmetry that flags a side when it persists (default {DEFAULT_SYMMETRY_THRESHOLD:g})",
    "recovery-floor": f"the planner trains no muscle recovered less than this % (default {DEFAULT_RECOVERY_FLOOR:g})",
    "symmetry-strategy": "what a plan does for a flagged left/right gap: match (the weaker side does the stronger"
    " side's sets; default) or extra-set (one more set for the weaker side)",
    "weekly-sets-hypertrophy": "weekly hard sets per main muscle a hypertrophy plan aims for, as LOW-HIGH"
    f" (default {_span(WEEKLY_SETS[Goal.HYPERTROPHY])})",
    "weekly-sets-strength": f"the same for a strength plan (default {_span(WEEKLY_SETS[Goal.STRENGTH])})",
    "weekly-sets-general": f"the same for a general-fitness plan (default {_span(WEEKLY_SETS[Goal.GENERAL])})",
    "deload-every": "a planned deload week every this many weeks of training, counted from your first workout"
    f" (default {DEFAULT_DELOAD_EVERY}; 0: never)",
    "seconds-per-rep": f"a rep's time in the planner's estimate of a session (default {DEFAULT_SECONDS_PER_REP:g})",
}


@dataclass(frozen=True)
class TrainingSettings:
    unit: WeightUnit = WeightUnit.KG
    timezone: str | None = None  # None: the computer's zone
    e1rm: E1rmMethod = field(default_factory=E1rmMethod)
    bar: float = DEFAULT_BARS[WeightUnit.KG]
    plates: dict[float, int | None] | None = None  # None: the defaults for `plates_unit`
    plates_unit: WeightUnit = WeightUnit.KG
    hard: HardSetRule = field(default_factory=HardSetRule)
    recovery: RecoveryModel = field(default_factory=RecoveryModel)
    recovery_by_muscle: dict[str, RecoveryModel] = field(default_factory=dict)  # muscle slug -> its own model
    symmetry_threshold: float = DEFAULT_SYMMETRY_THRESHOLD
    recovery_floor: float = DEFAULT_RECOVERY_FLOOR
    symmetry_strategy: str = "match"
    weekly_sets: dict[Goal, tuple[float, float]] = field(default_factory=lambda: dict(WEEKLY_SETS))
    seconds_per_rep: float = DEFAULT_SECONDS_PER_REP
    deload_every: int = DEFAULT_DELOAD_EVERY

    @property
    def points(self) -> strength_points.Rules:
        """What the strength points are computed by."""
        return strength_points.Rules(self.e1rm, self.hard)

    def recovery_of(self, muscle: str) -> RecoveryModel:
        return self.recovery_by_muscle.get(muscle, self.recovery)


def _number(text: str, name: str, low: float, high: float, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise LiftloreError(f"'{text}' is not a number; {what}", field=name) from None
    if not low <= value <= high:
        raise LiftloreError(f"{value:g} is out of range ({low:g}-{high:g}); {what}", field=name)
    return value


def _base(name: str) -> str:
    """recovery-tau.glutes -> recovery-tau."""
    return name.split(".", 1)[0] if name.split(".", 1)[0] in PER_MUSCLE else name


def _check(name: str, value: str) -> str:
    """The canonical text of a setting's value; refuses a bad one with what is allowed."""
    text = value.strip()
    if name == "unit":
        return weight_unit(text, field="unit").value
    if name == "timezone":
        return zone_name(zone(text))
    if name == "e1rm-formula":
        try:
            return Formula(text.lower().replace("'", "")).value
        except ValueError:
            raise LiftloreError(f"unknown formula '{value}'; {SETTINGS_HELP[name]}", field=name) from None
    if name == "rep-cap":
        if not (text.isascii() and text.isdigit()):
            raise LiftloreError(f"the rep cap is a whole number, not '{value}'", field=name)
        return str(E1rmMethod(rep_cap=int(text)).rep_cap)
    if name == "e1rm-from-rpe":
        if text.lower() not in ("yes", "no", "on", "off", "true", "false"):
            raise LiftloreError("say yes or no", field=name)
        return "yes" if text.lower() in ("yes", "on", "true") else "no"
    if name == "hard-set-rpe":
        return f"{_number(text, name, 1, 10, SETTINGS_HELP[name]):g}"
    if name == "symmetry-threshold":
        return f"{_number(text, name, 0, 100, SETTINGS_HELP[name]):g}"
    if name == "recovery-floor":
        return f"{_number(text, name, 0, 100, SETTINGS_HELP[name]):g}"
    if name == "seconds-per-rep":
        return f"{_number(text, name, 1, 20, SETTINGS_HELP[name]):g}"
    if name == "deload-every":
        if not (text.isascii() and text.isdigit()) or int(text) > 52:
            raise LiftloreError(f"'{value}' is not a number of weeks from 0 to 52", field=name)
        return str(int(text))
    if name == "symmetry-strategy":
        if text.lower() not in STRATEGIES:
            raise LiftloreError(f"'{value}' is not a strategy; {SETTINGS_HELP[name]}", field=name)
        return text.lower()
    if name.startswith("weekly-sets-"):
        return _span(_weekly_sets(text, name))
    if _base(name) == "recovery-tau":
        return f"{_number(text, name, 0.1, 60, 'days, ' + SETTINGS_HELP['recovery-tau']):g}"
    if _base(name) == "recovery-capacity":
        return f"{_number(text, name, 0.5, 200, SETTINGS_HELP['recovery-capacity']):g}"
    # The bar or the plates: the names left, since change_setting checked the name.
    amount, unit = _unit_of(text, name)
    if name == "bar":
        _bar_kg(amount, unit)
    else:
        parse_plates(amount)
    return f"{amount} {unit.value}"


def _weekly_sets(text: str, name: str) -> tuple[float, float]:
    low, dash, high = text.partition("-")
    what = "write the weekly hard sets as LOW-HIGH, like 10-20"
    if not dash:
        raise LiftloreError(f"'{text}' is not a span; {what}", field=name)
    span = (_number(low.strip(), name, 1, 60, what), _number(high.strip(), name, 1, 60, what))
    if span[0] > span[1]:
        raise LiftloreError(f"the low end is above the high end; {what}", field=name)
    return span


def check_name(name: str, muscles: Collection[str] = ()) -> None:
    """Refuse a setting liftlore does not have, listing those it has; a per-muscle one must name a muscle group
    of `muscles`."""
    base, _, muscle = name.partition(".")
    if base in PER_MUSCLE and muscle:
        if muscle not in muscles:
            raise LiftloreError(
                f"no muscle group '{muscle}' for {base}; known: {', '.join(sorted(muscles))}", field="setting"
            )
        return
    if name not in SETTINGS_HELP:
        raise LiftloreError(f"unknown setting '{name}'; known: {', '.join(SETTINGS_HELP)}", field="setting")


def _unit_of(text: str, name: str) -> tuple[str, WeightUnit]:
    """'25,20,10 kg' -> ('25,20,10', kg). The bar and plates must name their unit: they may differ from the
    person's unit (pounds typed, kilogram plates in the gym), so a bare number would be a guess."""
    written = re.fullmatch(r"(.*?)\s*([a-z]+)", text.strip().lower())
    if written is None:
        raise LiftloreError(f"give the unit too, e.g. '20kg' or '45lb' ({SETTINGS_HELP[name]})", field=name)
    return written.group(1), weight_unit(written.group(2), field=name)


def _bar_kg(amount: str, unit: WeightUnit) -> float:
    try:
        return parse_weight(amount, unit=unit)
    except LiftloreError:
        raise LiftloreError(f"'{amount} {unit.value}' is not a weight", field="bar") from None


def _bar_in(text: str | None, unit: WeightUnit) -> float:
    """The bar setting in the plates' unit, the one unit the calculator works in."""
    if not text:
        return DEFAULT_BARS[unit]
    amount, written = _unit_of(text, "bar")
    return from_kg(_bar_kg(amount, written), unit)


def _plates_of(text: str) -> tuple[dict[float, int | None], WeightUnit]:
    amount, unit = _unit_of(text, "plates")
    return parse_plates(amount), unit


def stored_settings(session: Session) -> dict[str, str]:
    """The training settings the person has set (name -> value), as stored."""
    stored = settings_store.own_settings_with_prefix(session, PREFIX)
    return {key.removeprefix(PREFIX): value for key, value in stored.items()}


def training_settings(session: Session) -> TrainingSettings:
    stored = stored_settings(session)
    unit = WeightUnit(stored.get("unit", WeightUnit.KG.value))
    method = E1rmMethod(
        formula=Formula(stored.get("e1rm-formula", Formula.EPLEY.value)),
        rep_cap=int(stored.get("rep-cap", "12")),
        from_effort=stored.get("e1rm-from-rpe") == "yes",
    )
    plates_text = stored.get("plates")
    plates, plates_unit = _plates_of(plates_text) if plates_text else (None, unit)
    recovery = RecoveryModel(
        float(stored.get("recovery-tau", DEFAULT_RECOVERY_TAU_DAYS)),
        float(stored.get("recovery-capacity", DEFAULT_RECOVERY_CAPACITY)),
    )
    return TrainingSettings(
        unit=unit,
        timezone=stored.get("timezone"),
        e1rm=method,
        bar=_bar_in(stored.get("bar"), plates_unit),
        plates=plates,
        plates_unit=plates_unit,
        hard=HardSetRule(float(stored.get("hard-set-rpe", DEFAULT_HARD_RPE))),
        recovery=recovery,
        recovery_by_muscle=_per_muscle(stored, recovery),
        symmetry_threshold=float(stored.get("symmetry-threshold", DEFAULT_SYMMETRY_THRESHOLD)),
        recovery_floor=float(stored.get("recovery-floor", DEFAULT_RECOVERY_FLOOR)),
        symmetry_strategy=stored.get("symmetry-strategy", "match"),
        weekly_sets={
            goal: _weekly_sets(stored[f"weekly-sets-{goal.value}"], f"weekly-sets-{goal.value}")
            if f"weekly-sets-{goal.value}" in stored
            else span
            for goal, span in WEEKLY_SETS.items()
        },
        seconds_per_rep=float(stored.get("seconds-per-rep", DEFAULT_SECONDS_PER_REP)),
        deload_every=int(stored.get("deload-every", DEFAULT_DELOAD_EVERY)),
    )


def _per_muscle(stored: dict[str, str], default: RecoveryModel) -> dict[str, RecoveryModel]:
    """The muscles with a recovery setting of their own; what they do not set is the general setting."""
    muscles = {name.partition(".")[2] for name in stored if _base(name) in PER_MUSCLE and "." in name}
    return {
        muscle: RecoveryModel(
            float(stored.get(f"recovery-tau.{muscle}", default.tau_days)),
            float(stored.get(f"recovery-capacity.{muscle}", default.capacity)),
        )
        for muscle in muscles
    }


def change_setting(session: Session, name: str, value: str | None) -> dict[str, str]:
    """Set a training setting (None: back to its default); returns the stored settings."""
    check_setting(session, name)
    canonical = None if value is None else _check(name, value)
    settings_store.set_own_setting(session, PREFIX + name, canonical)
    session.flush()
    if name in POINT_SETTINGS:
        # Recompute the strength points now, so the next overview does not wait for it.
        strength_points.ensure(session, training_settings(session).points)
    return stored_settings(session)


def checked_value(session: Session, name: str, value: str) -> str:
    """A setting's value as it would be stored, or refused naming the setting: for settings that arrive in a file."""
    check_setting(session, name)
    return _check(name, value)


def check_setting(session: Session, name: str) -> None:
    """check_name, with the muscle groups a per-muscle setting may name."""
    check_name(name, set(muscle_groups(session)) if "." in name else ())


def unit_preference(session: Session) -> WeightUnit:
    """kg or lb: how this person types and reads weights."""
    return training_settings(session).unit


def default_plates(settings: TrainingSettings) -> dict[float, int | None]:
    if settings.plates is not None:
        return settings.plates
    return dict.fromkeys(DEFAULT_PLATES[settings.plates_unit])


def system_zone() -> tzinfo:
    """This computer's zone: $TZ, else /etc/localtime's name, else today's offset."""
    name = os.environ.get("TZ", "").strip().lstrip(":")
    if name:
        try:
            return zone(name)
        except LiftloreError:
            pass
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        parts = localtime.resolve().parts
        if "zoneinfo" in parts:
            try:
                return zone("/".join(parts[parts.index("zoneinfo") + 1 :]))
            except LiftloreError:
                pass
    return datetime.now().astimezone().tzinfo or zone("UTC")


def home_zone(session: Session) -> tzinfo:
    """Where this person trains: the timezone setting, else the computer's zone."""
    return settings_zone(training_settings(session))


def settings_zone(settings: TrainingSettings) -> tzinfo:
    """The zone of settings already read (home_zone reads them first)."""
    return zone(settings.timezone) if settings.timezone else system_zone()

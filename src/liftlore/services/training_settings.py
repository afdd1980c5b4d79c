"""The training settings (kg or lb, time zone, e1RM method, bar and plates), kept in the settings table under
"training.", and the time zone a person trains in."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path

from liftlore.domain.training import zone, zone_name
from liftlore.domain.units import WeightUnit, from_kg, to_kg, weight_unit
from liftlore.errors import LiftloreError
from liftlore.science.plates import DEFAULT_BARS, DEFAULT_PLATES, parse_plates
from liftlore.science.strength import MAX_REP_CAP, E1rmMethod, Formula
from liftlore.store import strength_points
from liftlore.store import training as repo
from liftlore.store.db import Database

PREFIX = "training."
E1RM_SETTINGS = ("e1rm-formula", "rep-cap", "e1rm-from-rpe")
SETTINGS_HELP = {
    "unit": "kg or lb: how weights are typed and shown",
    "timezone": "where you train (Europe/Berlin, +02:00); default: this computer's zone",
    "e1rm-formula": f"{', '.join(f.value for f in Formula)} (default epley)",
    "rep-cap": f"sets with more reps get no e1RM (1-{MAX_REP_CAP}, default 12)",
    "e1rm-from-rpe": "yes: sets with RPE/RIR use the RPE chart for their e1RM (default no)",
    "bar": "the bar for the plate calculator, with its unit (default 20kg, or 45lb)",
    "plates": "plates per side for the calculator, with the unit: '25,20,15,10,5,2.5,1.25 kg' (15x2: two pairs)",
}


@dataclass(frozen=True)
class TrainingSettings:
    unit: WeightUnit = WeightUnit.KG
    timezone: str | None = None  # None: the computer's zone
    e1rm: E1rmMethod = field(default_factory=E1rmMethod)
    bar: float = DEFAULT_BARS[WeightUnit.KG]
    plates: dict[float, int | None] | None = None  # None: the defaults for `plates_unit`
    plates_unit: WeightUnit = WeightUnit.KG


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
        if not text.isdigit():
            raise LiftloreError(f"the rep cap is a whole number, not '{value}'", field=name)
        return str(E1rmMethod(rep_cap=int(text)).rep_cap)
    if name == "e1rm-from-rpe":
        if text.lower() not in ("yes", "no", "on", "off", "true", "false"):
            raise LiftloreError("say yes or no", field=name)
        return "yes" if text.lower() in ("yes", "on", "true") else "no"
    if name in ("bar", "plates"):
        amount, unit = _with_unit(text, name)
        if name == "bar":
            float(amount)
        else:
            parse_plates(amount)
        return f"{amount} {unit.value}"
    raise LiftloreError(f"unknown setting '{name}'; known: {', '.join(SETTINGS_HELP)}", field="setting")


def _with_unit(text: str, name: str) -> tuple[str, WeightUnit]:
    stripped = text.strip().lower()
    for suffix in ("kgs", "kg", "lbs", "lb"):
        if stripped.endswith(suffix):
            amount = stripped[: -len(suffix)].strip()
            try:
                if name == "bar" and float(amount) < 0:
                    raise ValueError
            except ValueError:
                raise LiftloreError(f"'{text}' is not a weight", field=name) from None
            return amount, weight_unit(suffix)
    raise LiftloreError(f"give the unit too, e.g. '20kg' or '45lb' ({SETTINGS_HELP[name]})", field=name)


def stored_settings(db: Database) -> dict[str, str]:
    """The training settings the person has set (name -> value), as stored."""
    with db.session() as session:
        return {key.removeprefix(PREFIX): value for key, value in repo.settings_with_prefix(session, PREFIX).items()}


def training_settings(db: Database) -> TrainingSettings:
    stored = stored_settings(db)
    unit = WeightUnit(stored.get("unit", WeightUnit.KG.value))
    method = E1rmMethod(
        formula=Formula(stored.get("e1rm-formula", Formula.EPLEY.value)),
        rep_cap=int(stored.get("rep-cap", "12")),
        from_effort=stored.get("e1rm-from-rpe") == "yes",
    )
    plates_text = stored.get("plates")
    plates_unit = _with_unit(plates_text, "plates")[1] if plates_text else unit
    bar_text = stored.get("bar")
    bar = DEFAULT_BARS[plates_unit]
    if bar_text:
        amount, bar_unit = _with_unit(bar_text, "bar")
        bar = float(amount) if bar_unit is plates_unit else _convert(float(amount), bar_unit, plates_unit)
    return TrainingSettings(
        unit=unit,
        timezone=stored.get("timezone"),
        e1rm=method,
        bar=bar,
        plates=parse_plates(_with_unit(plates_text, "plates")[0]) if plates_text else None,
        plates_unit=plates_unit,
    )


def _convert(value: float, source: WeightUnit, target: WeightUnit) -> float:
    return from_kg(to_kg(value, source), target)


def change_setting(db: Database, name: str, value: str | None) -> dict[str, str]:
    """Set a training setting (None: back to its default); returns the stored settings."""
    if name not in SETTINGS_HELP:
        raise LiftloreError(f"unknown setting '{name}'; known: {', '.join(SETTINGS_HELP)}", field="setting")
    canonical = None if value is None else _check(name, value)
    with db.session() as session:
        repo.set_setting(session, PREFIX + name, canonical)
    if name in E1RM_SETTINGS:
        # Recompute the strength points now, so the next overview does not wait for it.
        method = training_settings(db).e1rm
        with db.session() as session:
            strength_points.ensure(session, method)
    return stored_settings(db)


def unit_preference(db: Database) -> WeightUnit:
    """kg or lb: how this person types and reads weights."""
    return training_settings(db).unit


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


def home_zone(db: Database) -> tzinfo:
    """Where this person trains: the timezone setting, else the computer's zone."""
    name = training_settings(db).timezone
    return zone(name) if name else system_zone()

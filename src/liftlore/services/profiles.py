"""Planning profiles: what a person plans with ("home: dumbbells and a bench, 30 minutes"), kept under a name.

A profile is checked against the library before it is kept (equipment, muscles and movement patterns it knows, the
ranges of time and days), and a name already in use is never written over unless the person asks for that
(`replace`). One profile may be the default; without one the planner uses the built-in default: everything the
library has, and the planning defaults of `domain.planning.Profile`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from liftlore.domain.exercise import MOVEMENT_PATTERNS, EquipmentType, Level, MuscleGroup
from liftlore.domain.limits import check_text
from liftlore.domain.planning import Goal, Profile, Split
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.services.library import closest_names
from liftlore.services.snapshot import library_view
from liftlore.shapes.planning import ProfileOut
from liftlore.store import planning as repo

MAX_PLAN_NAME_LENGTH = 40  # a profile's or routine's name: a word or two, shown in a menu
MIN_MINUTES, MAX_MINUTES = 10, 240
MIN_DAYS, MAX_DAYS = 1, 7
BUILT_IN = "default"  # the name of the profile used when the person has none of their own
# Everything the library has (equipment None: every piece of it, whatever it holds when the plan is made).
BUILT_IN_PROFILE = Profile(BUILT_IN)
MAX_WORD_LENGTH = 200  # one equipment, muscle or pattern word: refused before it is matched, like any long text
EVERYTHING = frozenset({"everything", "all"})  # words that mean "every piece of equipment the library knows"

E = TypeVar("E", Goal, Level, Split)


# -- names and words -----------------------------------------------------------------------------------------------


def check_plan_name(name: str, field: str = "name") -> str:
    """A profile's or routine's name, stripped: 1 to 40 characters."""
    text = check_text(name, field, MAX_PLAN_NAME_LENGTH)
    if not text:
        raise LiftloreError("a name cannot be empty", field=field)
    if "\n" in text or "\t" in text:
        raise LiftloreError("a name is one line of text", field=field)
    return text


def _unknown(field: str, what: str, word: str, known: Iterable[tuple[str, str]]) -> LiftloreError:
    close = closest_names(word, list(known))
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return LiftloreError(f"unknown {what} '{word}'{hint}", field=field)


def _slugs(session: Session, words: Iterable[str], field: str, *, equipment: bool) -> tuple[str, ...]:
    """Each word as the slug of the equipment (or muscle group) it names: a slug, a name or an alias, in order,
    each once. An unknown word is refused with the closest names."""
    taxonomy = library_view(session).taxonomy
    known: Mapping[str, EquipmentType | MuscleGroup] = taxonomy.equipment if equipment else taxonomy.muscles
    lookup = taxonomy.equipment_slug if equipment else taxonomy.muscle_slug
    found: list[str] = []
    for word in words:
        text = check_text(word, field, MAX_WORD_LENGTH)
        slug = text if text in known else lookup(text)
        if slug is None or slug not in known:
            what = "equipment" if equipment else "muscle group"
            raise _unknown(field, what, text, ((key, value.name) for key, value in known.items()))
        found.append(slug)
    return tuple(dict.fromkeys(found))


def read_equipment(session: Session, words: Sequence[str]) -> frozenset[str] | None:
    """The equipment `words` name, as slugs: slugs or names ("dumbbell", "Dumbbells", "pull-up bar"), a word may
    hold several separated by commas; "everything" or "all" means every piece the library knows (None), and no
    words at all body weight only (an empty set)."""
    split = [part.strip() for word in words for part in word.split(",") if part.strip()]
    if any(word.lower() in EVERYTHING for word in split):
        return None
    return frozenset(_slugs(session, split, "equipment", equipment=True))


def read_muscles(session: Session, words: Sequence[str], field: str = "emphasise") -> tuple[str, ...]:
    """The muscle groups `words` name, as slugs ("quads", "Quadriceps", "lats"), in order, each once; `field` is
    the one an unknown word is reported against."""
    split = [part.strip() for word in words for part in word.split(",") if part.strip()]
    return _slugs(session, split, field, equipment=False)


# -- profiles and their JSON ---------------------------------------------------------------------------------------


def profile_out(p: Profile) -> ProfileOut:
    return ProfileOut(
        name=p.name,
        equipment=sorted(p.equipment) if p.equipment is not None else None,
        goal=Goal(p.goal).value,
        experience=Level(p.experience).value,
        minutes=p.minutes,
        days_per_week=p.days_per_week,
        emphasise=list(p.emphasise),
        avoid_muscles=list(p.avoid_muscles),
        avoid_patterns=list(p.avoid_patterns),
        split=Split(p.split).value,
    )


def profile_from(data: ProfileOut) -> Profile:
    return Profile(
        name=data.name,
        equipment=frozenset(data.equipment) if data.equipment is not None else None,
        goal=Goal(data.goal),
        experience=Level(data.experience),
        minutes=data.minutes,
        days_per_week=data.days_per_week,
        emphasise=tuple(data.emphasise),
        avoid_muscles=tuple(data.avoid_muscles),
        avoid_patterns=tuple(data.avoid_patterns),
        split=Split(data.split),
    )


def _stored(p: Profile, *, is_default: bool) -> repo.StoredProfile:
    data = profile_out(p)
    return repo.StoredProfile(
        name=data.name,
        goal=data.goal,
        experience=data.experience,
        minutes=data.minutes,
        days_per_week=data.days_per_week,
        split=data.split,
        body={
            "equipment": data.equipment,
            "emphasise": data.emphasise,
            "avoid_muscles": data.avoid_muscles,
            "avoid_patterns": data.avoid_patterns,
        },
        is_default=is_default,
    )


def _from_stored(stored: repo.StoredProfile) -> Profile:
    body = stored.body
    equipment = body.get("equipment")
    return Profile(
        name=stored.name,
        equipment=frozenset(equipment) if equipment is not None else None,
        goal=Goal(stored.goal),
        experience=Level(stored.experience),
        minutes=stored.minutes,
        days_per_week=stored.days_per_week,
        emphasise=tuple(body.get("emphasise", ())),
        avoid_muscles=tuple(body.get("avoid_muscles", ())),
        avoid_patterns=tuple(body.get("avoid_patterns", ())),
        split=Split(stored.split),
    )


# -- checking ------------------------------------------------------------------------------------------------------


def _enum(kind: type[E], value: str, field: str) -> E:
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(member.value for member in kind)
        raise LiftloreError(f"unknown {field} '{value}'; known: {known}", field=field) from None


def _in_range(value: int, field: str, lowest: int, highest: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
        raise LiftloreError(f"{what} is {lowest} to {highest}, not {value}", field=field)
    return value


def _patterns(words: Sequence[str]) -> tuple[str, ...]:
    """Movement patterns as the library writes them ("vertical push"), whatever the case or spacing."""
    found: list[str] = []
    for word in words:
        pattern = " ".join(check_text(word, "avoid_patterns", MAX_WORD_LENGTH).lower().split())
        if pattern not in MOVEMENT_PATTERNS:
            raise _unknown("avoid_patterns", "movement pattern", word, ((p, p) for p in MOVEMENT_PATTERNS))
        found.append(pattern)
    return tuple(dict.fromkeys(found))


def check_profile(session: Session, p: Profile) -> Profile:
    """`p` as it will be kept (names stripped, equipment and muscles as slugs, each once), or a LiftloreError
    naming the field that is wrong."""
    emphasise = _slugs(session, p.emphasise, "emphasise", equipment=False)
    avoid = _slugs(session, p.avoid_muscles, "avoid_muscles", equipment=False)
    both = [slug for slug in emphasise if slug in avoid]
    if both:
        raise LiftloreError(f"a muscle cannot be both emphasised and avoided: {', '.join(both)}", field="avoid_muscles")
    equipment = (
        None if p.equipment is None else frozenset(_slugs(session, sorted(p.equipment), "equipment", equipment=True))
    )
    return Profile(
        name=check_plan_name(p.name),
        equipment=equipment,
        goal=_enum(Goal, p.goal, "goal"),
        experience=_enum(Level, p.experience, "experience"),
        minutes=_in_range(p.minutes, "minutes", MIN_MINUTES, MAX_MINUTES, "a session's length in minutes"),
        days_per_week=_in_range(p.days_per_week, "days_per_week", MIN_DAYS, MAX_DAYS, "days per week"),
        emphasise=emphasise,
        avoid_muscles=avoid,
        avoid_patterns=_patterns(p.avoid_patterns),
        split=_enum(Split, p.split, "split"),
    )


# -- the service ---------------------------------------------------------------------------------------------------


def save_profile(session: Session, profile: Profile, *, default: bool = False, replace: bool = False) -> ProfileOut:
    """Keep `profile` under its name, checked first. A name the person already has is refused unless `replace`
    (then the profile is written over, and stays the default if it was); `default` makes it the default profile."""
    checked = check_profile(session, profile)
    existing = repo.find_profile(session, repo.name_key(checked.name))
    if existing is not None and not replace:
        raise LiftloreError(
            f"you already have a profile named '{existing.name}'; save it again with --replace "
            "(replace: true in the API) to overwrite it",
            field="name",
        )
    if default:
        repo.clear_default(session)
    stored = _stored(checked, is_default=default or (existing is not None and existing.is_default))
    try:
        if existing is None:
            repo.add_profile(session, stored)
        else:
            repo.update_profile(session, stored)
    except IntegrityError:
        # Only another request saving a profile of this person's at the same moment gets here (the checks above
        # saw the name free and cleared the default); the database kept the invariants, and nothing is written.
        raise LiftloreError(
            "your profiles were changed by another request at the same time; try again", field="name"
        ) from None
    return profile_out(checked)


def _missing(session: Session, name: str) -> NotFoundError:
    names = [(p.name, p.name) for p in repo.profiles(session)]
    return NotFoundError(f"no profile '{name}'", suggestions=closest_names(name, names))


def profile(session: Session, name: str | None = None) -> Profile:
    """The profile named `name` (any case); without a name, the person's default profile, or the built-in one
    ("default") when they have none. The name "default" finds the built-in one too, unless a saved profile has it."""
    if name is None:
        found = repo.default_profile(session)
        return _from_stored(found) if found is not None else BUILT_IN_PROFILE
    key = repo.name_key(check_text(name, "profile", MAX_PLAN_NAME_LENGTH))
    stored = repo.find_profile(session, key)
    if stored is not None:
        return _from_stored(stored)
    if key == BUILT_IN:
        return BUILT_IN_PROFILE
    raise _missing(session, name)


def profiles(session: Session) -> list[ProfileOut]:
    """The person's profiles, by name."""
    return [profile_out(_from_stored(stored)) for stored in repo.profiles(session)]


def default_profile_name(session: Session) -> str | None:
    """The name of the person's default profile, or None when the built-in one is used."""
    found = repo.default_profile(session)
    return found.name if found is not None else None


def delete_profile(session: Session, name: str) -> None:
    if not repo.delete_profile(session, repo.name_key(check_text(name, "profile", MAX_PLAN_NAME_LENGTH))):
        raise _missing(session, name)

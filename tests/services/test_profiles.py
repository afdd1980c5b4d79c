"""Planning profiles as a person keeps them: saved under a name after checking against the library, read back,
never overwritten unless asked, one default, and each person's their own."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from liftlore.domain.exercise import Level
from liftlore.domain.people import Viewer
from liftlore.domain.planning import Goal, Profile, Split
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.services import accounts, profiles
from liftlore.services.snapshot import library_view
from liftlore.store.db import Database

PASSWORD = "correct horse battery"
HOME = Profile(
    "Home",
    equipment=frozenset({"dumbbell", "bench"}),
    goal=Goal.STRENGTH,
    experience=Level.INTERMEDIATE,
    minutes=40,
    days_per_week=4,
    emphasise=("glutes",),
    avoid_muscles=("lower-back",),
    avoid_patterns=("hip hinge",),
    split=Split.UPPER_LOWER,
)


def test_a_saved_profile_reads_back_as_it_was_saved(db: Database) -> None:
    saved = db.run(profiles.save_profile, HOME)
    assert db.run(profiles.profile, "home") == HOME  # any case finds it
    assert db.run(profiles.profiles) == [saved]
    assert profiles.profile_from(saved) == HOME
    assert saved.equipment == ["bench", "dumbbell"]


def test_equipment_and_muscles_may_be_given_by_name(db: Database) -> None:
    words = Profile("gym", equipment=frozenset({"Dumbbells", "Pull-Up Bar"}), emphasise=("Quadriceps", "quads"))
    saved = db.run(profiles.save_profile, words)
    assert saved.equipment == ["dumbbell", "pull-up-bar"]
    assert saved.emphasise == ["quads"]  # the name and the slug are one muscle, kept once


def test_read_equipment_takes_slugs_names_and_everything(db: Database) -> None:
    assert db.run(profiles.read_equipment, ["dumbbell", "Bench"]) == frozenset({"dumbbell", "bench"})
    assert db.run(profiles.read_equipment, ["Dumbbells, pull-up bar"]) == frozenset({"dumbbell", "pull-up-bar"})
    assert db.run(profiles.read_equipment, ["everything"]) is None
    assert db.run(profiles.read_equipment, ["dumbbell", "All"]) is None
    assert db.run(profiles.read_equipment, []) == frozenset()  # body weight only
    with pytest.raises(LiftloreError) as refused:
        db.run(profiles.read_equipment, ["dumbel"])
    assert refused.value.field == "equipment" and "dumbbell" in refused.value.message


def test_a_name_in_use_is_refused_unless_replace(db: Database) -> None:
    db.run(profiles.save_profile, HOME)
    shorter = replace(HOME, name="HOME", minutes=20)
    with pytest.raises(LiftloreError) as refused:
        db.run(profiles.save_profile, shorter)
    assert refused.value.field == "name" and "--replace" in refused.value.message
    assert db.run(profiles.profile, "home").minutes == 40  # untouched
    db.run(profiles.save_profile, shorter, replace=True)
    assert db.run(profiles.profile, "home") == shorter
    assert [p.name for p in db.run(profiles.profiles)] == ["HOME"]


def test_the_default_profile_is_the_one_asked_for_without_a_name(db: Database) -> None:
    built_in = db.run(profiles.profile)
    assert built_in.name == "default" and built_in.equipment is None  # everything the library has
    assert db.run(profiles.profile, "default") == built_in
    db.run(profiles.save_profile, HOME, default=True)
    assert db.run(profiles.profile) == HOME
    gym = Profile("gym")
    db.run(profiles.save_profile, gym, default=True)
    assert db.run(profiles.profile) == gym
    assert db.run(profiles.default_profile_name) == "gym"
    db.run(profiles.save_profile, replace(gym, minutes=90), replace=True)  # replacing keeps it the default
    assert db.run(profiles.profile).minutes == 90
    db.run(profiles.delete_profile, "GYM")
    assert db.run(profiles.profile) == built_in  # no default left
    assert db.run(profiles.default_profile_name) is None


def test_every_goal_level_and_split_can_be_kept(db: Database) -> None:
    """The database's CHECK constraints and the planner's enumerations agree."""
    for number, (goal, level, split) in enumerate(zip(Goal, Level, list(Split) * 2, strict=False)):
        kept = Profile(f"p{number}", goal=goal, experience=level, split=split)
        db.run(profiles.save_profile, kept)
        assert db.run(profiles.profile, kept.name) == kept
    for split in Split:
        db.run(profiles.save_profile, Profile("splits", split=split), replace=True)
        assert db.run(profiles.profile, "splits").split is split


@pytest.mark.parametrize(
    ("change", "field", "said"),
    [
        ({"equipment": frozenset({"dumbel"})}, "equipment", "dumbbell"),
        ({"emphasise": ("quadz",)}, "emphasise", "quads"),
        ({"avoid_muscles": ("hamstring-ish",)}, "avoid_muscles", "hamstrings"),
        ({"avoid_patterns": ("vertical pushing",)}, "avoid_patterns", "vertical push"),
        ({"emphasise": ("glutes",), "avoid_muscles": ("glutes",)}, "avoid_muscles", "glutes"),
        ({"minutes": 9}, "minutes", "10 to 240"),
        ({"minutes": 241}, "minutes", "10 to 240"),
        ({"days_per_week": 0}, "days_per_week", "1 to 7"),
        ({"days_per_week": 8}, "days_per_week", "1 to 7"),
        ({"name": "  "}, "name", "empty"),
        ({"name": "x" * 41}, "name", "40"),
        ({"goal": "bulking"}, "goal", "strength"),
    ],
)
def test_a_wrong_profile_is_refused_naming_its_field(
    db: Database, change: dict[str, Any], field: str, said: str
) -> None:
    with pytest.raises(LiftloreError) as refused:
        db.run(profiles.save_profile, replace(Profile("home"), **change))
    assert refused.value.field == field and said in refused.value.message
    assert db.run(profiles.profiles) == []


def test_patterns_are_read_in_any_case(db: Database) -> None:
    saved = db.run(profiles.save_profile, Profile("knees", avoid_patterns=("Squat", "anti-lateral  flexion")))
    assert saved.avoid_patterns == ["squat", "anti-lateral flexion"]


def test_an_unknown_profile_is_not_found_with_close_names(db: Database) -> None:
    db.run(profiles.save_profile, HOME)
    for work in (profiles.profile, profiles.delete_profile):
        with pytest.raises(NotFoundError) as missing:
            db.run(work, "hom")
        assert missing.value.suggestions == ["Home"]


def test_two_people_never_see_each_others_profiles(db: Database) -> None:
    anna = Viewer(db.run(accounts.create_account, "Anna", PASSWORD))
    bob = Viewer(db.run(accounts.create_account, "Bob", PASSWORD))
    db.run_as(anna, profiles.save_profile, HOME, default=True)
    assert db.run_as(bob, profiles.profiles) == []
    assert db.run_as(bob, profiles.profile).name == "default"  # Anna's default is not Bob's
    with pytest.raises(NotFoundError):
        db.run_as(bob, profiles.profile, "home")
    with pytest.raises(NotFoundError):
        db.run_as(bob, profiles.delete_profile, "home")
    bobs = replace(HOME, minutes=15)
    db.run_as(bob, profiles.save_profile, bobs, default=True)  # the same name is free for him
    assert db.run_as(anna, profiles.profile) == HOME
    assert db.run_as(bob, profiles.profile) == bobs


def test_the_library_equipment_is_what_is_checked(db: Database) -> None:
    """Every piece of equipment the library knows can be in a profile, by slug and by name."""
    taxonomy = db.run(lambda session: library_view(session).taxonomy)
    every = frozenset(taxonomy.equipment)
    saved = db.run(profiles.save_profile, Profile("all of it", equipment=every))
    assert set(saved.equipment or ()) == every
    by_name = frozenset(kind.name for kind in taxonomy.equipment.values())
    assert db.run(profiles.read_equipment, sorted(by_name)) == every

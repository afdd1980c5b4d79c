"""Accounts and the isolation of people's logs, at the service layer, on a real database: what one person logs,
imports or makes is theirs alone unless they share it or invite a coach."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from liftlore.domain.log_grammar import parse_sets
from liftlore.domain.people import LOCAL_PERSON_ID, Person, Role, Viewer
from liftlore.domain.units import WeightUnit
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.page.read import parse_page
from liftlore.science.records import RecordKind
from liftlore.services import accounts, browse, library, log_import, training
from liftlore.services.snapshot import library_view
from liftlore.store.db import Database
from liftlore.store.tables import ApiTokenRow, LoginSessionRow, PersonRow

P = ParamSpec("P")
R = TypeVar("R")
WHEN = datetime(2025, 9, 15, 7, 48, tzinfo=ZoneInfo("Europe/Berlin"))
PASSWORD = "correct horse battery"
STRONG = """Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE
2024-11-28 17:36:08,"Pull day",35m,"Bent Over Row (Barbell)",1,60.0,8.0,0,0.0,
2024-11-28 17:36:08,"Pull day",35m,"Zercher Sled Drag Deluxe",1,40.0,10.0,0,0.0,
"""


def as_person(
    db: Database, person: Person, work: Callable[Concatenate[object, P], R], *args: P.args, **kwargs: P.kwargs
) -> R:
    """`work(session, ...)` in a writing unit of work opened for `person`, as the web app opens one."""
    with db.session(write=True, viewer=Viewer(person)) as session:
        return work(session, *args, **kwargs)


@pytest.fixture
def anna(db: Database) -> Person:
    return db.run(accounts.create_account, "Anna", PASSWORD)


@pytest.fixture
def bob(db: Database, anna: Person) -> Person:
    return db.run(accounts.create_account, "Bob", PASSWORD)


def test_the_first_account_is_an_admin_and_adopts_the_single_user_log(db: Database) -> None:
    logged = db.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=WHEN).workout
    anna = db.run(accounts.create_account, "Anna", PASSWORD)
    assert anna.id == LOCAL_PERSON_ID and anna.role is Role.ADMIN
    workouts = db.run_as(Viewer(anna), training.list_workouts)
    assert [w.id for w in workouts] == [logged.id]
    bob = db.run(accounts.create_account, "Bob", PASSWORD)
    assert bob.role is Role.MEMBER and db.run_as(Viewer(bob), training.list_workouts) == []


def test_names_are_unique_whatever_their_case_and_passwords_have_a_floor(db: Database, anna: Person) -> None:
    with pytest.raises(LiftloreError, match="taken"):
        db.run(accounts.create_account, "ANNA", PASSWORD)
    with pytest.raises(LiftloreError, match="at least 10") as short:
        db.run(accounts.create_account, "Carl", "short")
    assert short.value.field == "password"
    with pytest.raises(LiftloreError, match="letters, digits"):
        db.run(accounts.create_account, "<script>", PASSWORD)


def test_passwords_are_stored_as_argon2_hashes(db: Database, anna: Person) -> None:
    with db.session() as session:
        stored = session.scalar(select(PersonRow.password_hash).where(PersonRow.id == anna.id))
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored


def test_two_people_each_have_their_own_workout_in_progress(db: Database, anna: Person, bob: Person) -> None:
    first = db.run_as(Viewer(anna), training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=WHEN)
    second = db.run_as(Viewer(bob), training.log_sets, "back squat", parse_sets("60kg x 5"), performed_at=WHEN)
    assert first.workout.id != second.workout.id
    again = db.run_as(Viewer(anna), training.log_sets, "back squat", parse_sets("100kg x 4"), performed_at=WHEN)
    assert again.workout.id == first.workout.id  # Bob's workout did not end Anna's
    assert [s.reps for e in again.workout.entries for s in e.sets] == [5, 4]
    assert first.workout.id is not None
    with pytest.raises(NotFoundError):
        db.run_as(Viewer(bob), training.get_workout, first.workout.id)
    with pytest.raises(NotFoundError):
        db.run_as(Viewer(bob), training.delete_workout, first.workout.id)
    with pytest.raises(NotFoundError):  # Bob cannot add sets to Anna's workout by naming its id
        db.run_as(Viewer(bob), training.log_sets, "back squat", parse_sets("1kg x 1"), workout_id=first.workout.id)
    assert len(db.run_as(Viewer(anna), training.get_workout, first.workout.id).entries[0].sets) == 2


def test_records_and_the_strength_overview_are_per_person(db: Database, anna: Person, bob: Person) -> None:
    db.run_as(Viewer(anna), training.log_sets, "back squat", parse_sets("140kg x 3"), performed_at=WHEN)
    db.run_as(Viewer(bob), training.log_sets, "back squat", parse_sets("60kg x 5"), performed_at=WHEN)
    bobs = db.run_as(Viewer(bob), training.strength_overview)
    assert [(s.slug, max(b.value for b in s.bests if b.kind is RecordKind.HEAVIEST)) for s in bobs] == [
        ("barbell-back-squat", 60.0)
    ]
    strength = db.run_as(Viewer(bob), training.exercise_strength, "back squat")
    assert {r.weight_kg for r in strength.records if r.weight_kg} == {60.0}


def test_a_file_imported_by_two_people_lands_in_both_logs_and_its_new_exercises_are_private(
    db: Database, anna: Person, bob: Person, tmp_path: Path
) -> None:
    path = tmp_path / "strong.csv"
    path.write_text(STRONG)
    for person in (anna, bob):
        report = db.run_as(Viewer(person), log_import.import_log, "strong", path, unit=WeightUnit.KG)
        assert report.added_workouts == 1
    annas = db.run_as(Viewer(anna), training.list_workouts)
    bobs = db.run_as(Viewer(bob), training.list_workouts)
    assert len(annas) == len(bobs) == 1 and annas[0].id != bobs[0].id
    # Each got a custom exercise of their own for the name the library does not know; neither sees the other's.
    anna_custom = db.run_as(Viewer(anna), library.get_exercise, "Zercher Sled Drag Deluxe")
    bob_custom = db.run_as(Viewer(bob), library.get_exercise, "Zercher Sled Drag Deluxe")
    assert anna_custom.slug != bob_custom.slug
    bobs_library = db.run_as(Viewer(bob), library_view)
    # Kept out of the library's lists, "from your log", until he asks for them.
    assert not browse.search_exercises(bobs_library, browse.ExerciseQuery(q="zercher sled drag deluxe")).items
    found = browse.search_exercises(bobs_library, browse.ExerciseQuery(q="zercher sled drag deluxe", from_log=True))
    assert [e.slug for e in found.items if "deluxe" in e.slug] == [bob_custom.slug]
    with pytest.raises(NotFoundError):
        browse.exercise_detail(db.run_as(Viewer(bob), library_view), anna_custom.slug)


def test_a_shared_exercise_is_seen_by_everyone_but_changed_only_by_its_owner(
    db: Database, anna: Person, bob: Person, tmp_path: Path
) -> None:
    path = tmp_path / "strong.csv"
    path.write_text(STRONG)
    db.run_as(Viewer(bob), log_import.import_log, "strong", path, unit=WeightUnit.KG)
    own = db.run_as(Viewer(bob), library.get_exercise, "Zercher Sled Drag Deluxe")
    with pytest.raises(NotFoundError):
        db.run_as(Viewer(anna), library.share_exercise, own.slug, True)  # not hers to share
    db.run_as(Viewer(bob), library.share_exercise, own.slug, True)
    assert (
        browse.exercise_detail(db.run_as(Viewer(anna), library_view), own.slug).exercise.name
        == "Zercher Sled Drag Deluxe"
    )
    with db.session(viewer=Viewer(None)) as session:  # and anybody browsing the library
        assert browse.exercise_detail(library_view(session), own.slug).exercise.slug == own.slug


def test_a_members_page_over_a_shared_exercise_becomes_their_own_copy(db: Database, anna: Person, bob: Person) -> None:
    with db.session() as session:
        text_of_page = library.export_page(session, "barbell-hip-thrust")
    with db.session(write=True, viewer=Viewer(bob)) as session:
        parsed = parse_page(text_of_page.replace("hips", "HIPS"), library.taxonomy(session))
        stored = library.store_page(session, parsed, Path("my-hip-thrust.txt"))
    assert stored.page.exercise.slug == "barbell-hip-thrust-2"
    assert any("not yours to change" in w for w in stored.page.warnings)
    with db.session() as session:  # the shared page is untouched
        assert library.export_page(session, "barbell-hip-thrust") == text_of_page
    with pytest.raises(NotFoundError):
        browse.exercise_detail(db.run_as(Viewer(anna), library_view), "barbell-hip-thrust-2")


def test_restoring_another_persons_backup_gives_new_ids_and_keeps_every_set(
    db: Database, anna: Person, bob: Person, tmp_path: Path
) -> None:
    db.run_as(Viewer(anna), training.log_sets, "back squat", parse_sets("100kg x 5, 100kg x 5"), performed_at=WHEN)
    backup = tmp_path / "anna.json"
    backup.write_text(db.run_as(Viewer(anna), log_import.export_json))
    report = db.run_as(Viewer(bob), log_import.import_log, "json", backup)
    assert report.added_workouts == 1 and report.added_sets == 2
    annas, bobs = db.run_as(Viewer(anna), training.list_workouts), db.run_as(Viewer(bob), training.list_workouts)
    assert annas[0].id != bobs[0].id and bobs[0].set_count == 2
    assert json.loads(db.run_as(Viewer(anna), log_import.export_json))["workouts"][0]["id"] == str(annas[0].id)


# -- logging in ----------------------------------------------------------------------------------------------------


def test_log_in_checks_the_password_and_says_nothing_about_which_names_exist(db: Database, anna: Person) -> None:
    assert db.run(accounts.log_in, "anna", PASSWORD, "10.0.0.1").person == anna
    wrong = db.run(accounts.log_in, "anna", "not the password", "10.0.0.1")
    unknown = db.run(accounts.log_in, "nobody", "not the password", "10.0.0.1")
    assert wrong == unknown == accounts.LoginResult(None)


def test_five_failures_lock_the_account_for_a_while_with_the_time_to_wait(db: Database, anna: Person) -> None:
    for attempt in range(accounts.FAILURES_PER_ACCOUNT):
        assert db.run(accounts.log_in, "anna", f"guess {attempt}", f"10.0.0.{attempt}").retry_after is None
    limited = db.run(accounts.log_in, "anna", PASSWORD, "10.9.9.9")  # even the right password, from anywhere
    assert limited.person is None and limited.retry_after is not None
    assert 0 < limited.retry_after <= accounts.WINDOW.total_seconds() + 1
    assert db.run(accounts.log_in, "bob", "whatever it is", "10.9.9.9").retry_after is None  # others are not


def test_one_address_trying_many_names_is_limited(db: Database, anna: Person) -> None:
    for attempt in range(accounts.FAILURES_PER_ADDRESS):
        db.run(accounts.log_in, f"name{attempt}", "guess guess", "192.0.2.7")
    assert db.run(accounts.log_in, "anna", PASSWORD, "192.0.2.7").retry_after is not None
    assert db.run(accounts.log_in, "anna", PASSWORD, "192.0.2.8").person == anna


def test_a_login_session_ends_on_log_out_and_others_end_on_a_password_change(db: Database, anna: Person) -> None:
    phone, laptop = db.run(accounts.start_login, anna), db.run(accounts.start_login, anna)
    assert db.run(accounts.login_person, phone) == anna
    with db.session() as session:
        stored = set(session.scalars(select(LoginSessionRow.token_hash)))
    assert phone not in stored and laptop not in stored  # only hashes are kept
    db.run(accounts.change_password, anna, PASSWORD, "a new long passphrase", keep_login=phone)
    assert db.run(accounts.login_person, phone) == anna
    assert db.run(accounts.login_person, laptop) is None
    db.run(accounts.end_login, phone)
    assert db.run(accounts.login_person, phone) is None
    with pytest.raises(LiftloreError, match="current password"):
        db.run(accounts.change_password, anna, PASSWORD, "another long passphrase", keep_login=None)


def test_a_revoked_token_signs_in_nobody_at_once(db: Database, anna: Person, bob: Person) -> None:
    made = db.run(accounts.create_token, anna, "phone")
    assert made.secret.startswith("ll_") and db.run(accounts.token_person, made.secret) == anna
    with db.session() as session:
        assert session.scalar(select(ApiTokenRow.token_hash)) != made.secret
    with pytest.raises(NotFoundError):
        db.run(accounts.revoke_token, bob, made.token.id)  # not Bob's to revoke
    db.run(accounts.revoke_token, anna, made.token.id)
    assert db.run(accounts.token_person, made.secret) is None
    assert [t.revoked_at is not None for t in db.run(accounts.tokens, anna)] == [True]


def test_registration_by_invitation_spends_each_code_once(db: Database, anna: Person) -> None:
    with pytest.raises(LiftloreError, match="by invitation"):
        db.run(accounts.register, "Carl", PASSWORD, invitation=None, open_registration=False)
    code = db.run(accounts.invite, anna)
    carl = db.run(accounts.register, "Carl", PASSWORD, invitation=code, open_registration=False)
    assert carl.role is Role.MEMBER
    with pytest.raises(LiftloreError, match="unknown, used or expired"):
        db.run(accounts.register, "Dora", PASSWORD, invitation=code, open_registration=False)
    with pytest.raises(LiftloreError, match="only an admin"):
        db.run(accounts.invite, carl)
    with db.session() as session:  # the refused registration left no account behind
        assert session.scalar(select(PersonRow.id).where(PersonRow.name_key == "dora")) is None


def test_a_coach_reads_only_the_logs_of_athletes_who_invited_them(db: Database, anna: Person, bob: Person) -> None:
    db.run_as(Viewer(anna), training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=WHEN)
    with pytest.raises(NotFoundError):
        db.run(accounts.athlete_for, bob, "anna")
    db.run(accounts.invite_coach, anna, "bob")
    athlete = db.run(accounts.athlete_for, bob, "Anna")
    with db.session(viewer=Viewer(athlete, actor=bob)) as session:
        assert len(training.list_workouts(session)) == 1
    db.run(accounts.stop_coaching, bob, "anna")  # the coach stops
    with pytest.raises(NotFoundError):
        db.run(accounts.athlete_for, bob, "anna")
    db.run(accounts.invite_coach, anna, "bob")
    with pytest.raises(NotFoundError):
        db.run(accounts.remove_coach, anna, "carl")  # nobody of that name coaches her
    db.run(accounts.remove_coach, anna, "BOB")  # the athlete ends it, whatever the case of the name
    assert db.run(accounts.coaches, anna) == []


def test_a_unit_of_work_for_nobody_cannot_read_a_log(db: Database) -> None:
    with db.session(viewer=Viewer(None)) as session, pytest.raises(RuntimeError, match="opened for nobody"):
        training.list_workouts(session)


def test_the_people_tables_refuse_what_the_code_would_never_write(db: Database, anna: Person) -> None:
    """Invariants held by the database itself: a role outside the two, a coach of oneself."""
    for statement in (
        "UPDATE people SET role = 'owner'",
        "INSERT INTO coach_grants (athlete_id, coach_id, created_at)"
        f" VALUES ({_id(db, anna)}, {_id(db, anna)}, CURRENT_TIMESTAMP)",
    ):
        with pytest.raises(Exception, match=r"(?i)constraint|check"), db.session(write=True) as session:
            session.execute(text(statement))


def _id(db: Database, person: Person) -> str:
    return f"'{person.id.hex}'" if db.engine.dialect.name == "sqlite" else f"'{person.id}'"

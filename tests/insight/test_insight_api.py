"""/api/v1/insight/...: volume, recovery, symmetry, e1RM and training days over a small history logged through
POST /api/v1/log, every figure worked out by hand here from the issue's definitions; bad parameters are a 400
naming the field.

Exercises used, from the catalog's pages:
- Single-Leg Hip Thrust, one side at a time: primary glutes, hamstrings; secondary lower-back, obliques, abductors,
  quads.
- Barbell Hip Thrust, both sides: primary glutes; secondary hamstrings, quads, adductors.
- Pull-Up, body weight: primary lats; secondary biceps, upper-back, rear-delts, forearms.
The e1RM method is the default, Epley: weight x (1 + reps / 30)."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from liftlore.services import training_settings
from liftlore.store.db import Database
from tests.web.client import client_for

BERLIN = ZoneInfo("Europe/Berlin")
TAU = 7 / math.log(20)  # the default recovery time constant, in days
CAPACITY = 10.0
EPLEY_10 = 1 + 10 / 30  # sets of 10 reps: e1RM = weight x 4/3


def logged(client: TestClient, exercise: str, sets: str | list[dict[str, Any]], at: str, new: bool = False) -> None:
    body = {"exercise": exercise, "sets": sets, "performed_at": at, "new_workout": new}
    answer = client.post("/api/v1/log", json=body)
    assert answer.status_code == 201, answer.text


def get(client: TestClient, path: str, **params: str) -> Any:
    answer = client.get(f"/api/v1/insight/{path}", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def by_slug(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {muscle["slug"]: muscle for muscle in report["muscles"]}


@pytest.fixture
def berlin(db: Database) -> TestClient:
    db.run(training_settings.change_setting, "timezone", "Europe/Berlin")
    return client_for(db)


def log_week_10(client: TestClient) -> None:
    """Week 2026-W10 is Monday 2 to Sunday 8 March 2026; Berlin is on CET (UTC+1) until 29 March."""
    # Tuesday 18:00. Hard: L 40x10, R 40x10, L 40x8 @9, R 40x8 rir 3 -> 2 sets a side, 400 + 320 = 720 kg a side.
    # Left out: the warm-up and the RPE 5 set.
    logged(
        client,
        "single-leg hip thrust",
        "L W 20kg x 10, L 40kg x 10, R 40kg x 10, L 40kg x 8 @9, R 40kg x 8 @5, R 40kg x 8 rir 3",
        "2026-03-03T18:00:00+01:00",
    )
    # Half an hour later, the same workout: two body-weight pull-ups (no weight given), both hard.
    logged(client, "pull-up", [{"reps": 8}, {"reps": 6, "rpe": 9}], "2026-03-03T18:30:00+01:00")
    # Sunday 23:30 in Berlin: still week 10. 2 sets x 800 kg = 1600 kg.
    logged(client, "barbell hip thrust", "80kg x 10 x 2", "2026-03-08T23:30:00+01:00")
    # Monday 00:30 in Berlin (Sunday 23:30 UTC): week 11.
    logged(client, "barbell hip thrust", "80kg x 10", "2026-03-09T00:30:00+01:00", new=True)


def test_a_weeks_volume_worked_out_by_hand(berlin: TestClient) -> None:
    log_week_10(berlin)
    report = get(berlin, "volume", week="2026-W10")
    assert (report["week"], report["starts"], report["ends"], report["time_zone"]) == (
        "2026-W10",
        "2026-03-02",
        "2026-03-08",
        "Europe/Berlin",
    )
    muscles = by_slug(report)
    # Single-leg hip thrust: 2 left + 2 right hard sets, 720 kg a side (1440 kg). Hip thrust: 2 sets, 1600 kg.
    expected = {
        # slug: (hard sets, volume load kg, left sets, right sets, band)
        "glutes": (4 * 0.5 + 2 * 1, 1440 * 0.5 + 1600 * 1, 2 * 1, 2 * 1, "under 5"),  # 4.0, 2320
        "hamstrings": (4 * 0.5 + 2 * 0.5, 1440 * 0.5 + 1600 * 0.5, 2 * 1, 2 * 1, "under 5"),  # 3.0, 1520
        "quads": (4 * 0.25 + 2 * 0.5, 1440 * 0.25 + 1600 * 0.5, 2 * 0.5, 2 * 0.5, "under 5"),  # 2.0, 1160
        "adductors": (2 * 0.5, 1600 * 0.5, 0, 0, "under 5"),  # 1.0, 800: the hip thrust alone
        "lower-back": (4 * 0.25, 1440 * 0.25, 2 * 0.5, 2 * 0.5, "under 5"),  # 1.0, 360
        "obliques": (4 * 0.25, 1440 * 0.25, 2 * 0.5, 2 * 0.5, "under 5"),
        "abductors": (4 * 0.25, 1440 * 0.25, 2 * 0.5, 2 * 0.5, "under 5"),
        "lats": (2 * 1, 0, 0, 0, "under 5"),  # the pull-ups: sets, but no load
        "biceps": (2 * 0.5, 0, 0, 0, "under 5"),
        "upper-back": (2 * 0.5, 0, 0, 0, "under 5"),
        "rear-delts": (2 * 0.5, 0, 0, 0, "under 5"),
        "forearms": (2 * 0.5, 0, 0, 0, "under 5"),
    }
    for slug, figures in expected.items():
        muscle = muscles[slug]
        got = (muscle["hard_sets"], muscle["volume_load_kg"], muscle["left_sets"], muscle["right_sets"], muscle["band"])
        assert got == figures, slug
    assert all(m["hard_sets"] == 0 for s, m in muscles.items() if s not in expected)
    glutes = {
        (s["slug"], s["side"]): (s["role"], s["sets"], s["credit"], s["volume_load_kg"])
        for s in muscles["glutes"]["exercises"]
    }
    assert glutes == {
        ("barbell-hip-thrust", "both"): ("primary", 2, 2 * 1, 1600 * 1),
        ("single-leg-hip-thrust", "left"): ("primary", 2, 2 * 0.5, 720 * 0.5),
        ("single-leg-hip-thrust", "right"): ("primary", 2, 2 * 0.5, 720 * 0.5),
    }

    # The Monday 00:30 workout alone makes week 11: 1 set of 800 kg.
    week_11 = by_slug(get(berlin, "volume", week="2026-W11"))
    assert (week_11["glutes"]["hard_sets"], week_11["glutes"]["volume_load_kg"]) == (1 * 1, 800 * 1)
    assert (week_11["quads"]["hard_sets"], week_11["quads"]["volume_load_kg"]) == (1 * 0.5, 800 * 0.5)
    assert week_11["lats"]["hard_sets"] == 0


def test_recovery_at_a_time_with_the_decay_worked_out_by_hand(berlin: TestClient, db: Database) -> None:
    log_week_10(berlin)
    # At Monday 9 March 18:00 in Berlin: Tuesday's workout is 6 days old; Sunday 23:30's 18.5 hours, Monday
    # 00:30's 17.5 hours.
    tuesday, sunday, monday = 6.0, 18.5 / 24, 17.5 / 24

    def fatigue(tau: float = TAU) -> dict[str, float]:
        def left(credit: float, days: float) -> float:
            return credit * math.exp(-days / tau)

        return {
            "glutes": left(4 * 0.5, tuesday) + left(2 * 1, sunday) + left(1 * 1, monday),
            "hamstrings": left(4 * 0.5, tuesday) + left(2 * 0.5, sunday) + left(1 * 0.5, monday),
            "quads": left(4 * 0.25, tuesday) + left(2 * 0.5, sunday) + left(1 * 0.5, monday),
            "adductors": left(2 * 0.5, sunday) + left(1 * 0.5, monday),
            "lower-back": left(4 * 0.25, tuesday),
            "lats": left(2 * 1, tuesday),
            "biceps": left(2 * 0.5, tuesday),
        }

    def recovered(f: float) -> float:
        return round(100 * max(0.0, 1 - f / CAPACITY), 1)

    report = get(berlin, "recovery", at="2026-03-09T18:00")  # no offset: Berlin time
    assert report["at"] == "2026-03-09T18:00:00+01:00"
    muscles = by_slug(report)
    for slug, f in fatigue().items():
        assert (muscles[slug]["fatigue"], muscles[slug]["recovery_pct"]) == (round(f, 3), recovered(f)), slug
    # F = 2 x 20^(-6/7) + 2 x 20^(-0.771/7) + 20^(-0.729/7) = 0.153 + 1.438 + 0.732 = 2.323 of 10 sets
    assert muscles["glutes"]["recovery_pct"] == 76.8
    assert [s["sets"] for s in muscles["glutes"]["sets"]] == [1, 2, 2, 2]  # newest first: Monday, Sunday, Tuesday
    assert muscles["glutes"]["sets"][0]["started_at"] == "2026-03-09T00:30:00+01:00"
    # The same moment with an offset (Z is UTC) gives the same figures.
    in_utc = by_slug(get(berlin, "recovery", at="2026-03-09T17:00:00Z"))
    assert {s: m["fatigue"] for s, m in in_utc.items()} == {s: m["fatigue"] for s, m in muscles.items()}

    # The lats' own time constant changes the lats alone.
    db.run(training_settings.change_setting, "recovery-tau.lats", "2")
    after = by_slug(get(berlin, "recovery", at="2026-03-09T18:00"))
    lats = fatigue(tau=2)["lats"]  # 2 x e^(-6/2) = 0.0996
    assert (after["lats"]["fatigue"], after["lats"]["recovery_pct"], after["lats"]["tau_days"]) == (
        round(lats, 3),
        recovered(lats),
        2,
    )
    assert {s: m for s, m in after.items() if s != "lats"} == {s: m for s, m in muscles.items() if s != "lats"}


def log_single_leg_sessions(client: TestClient) -> None:
    """Four workouts with single-leg hip thrusts on both sides, sets of 10, so e1RM LSI = the weights' ratio."""
    # Two left sets of 46 kg against one right set of 50: e1RM 92 %, but volume 500 / 920.
    logged(client, "single-leg hip thrust", "L 46kg x 10, L 46kg x 10, R 50kg x 10", "2026-03-10T18:00:00+01:00")
    logged(client, "single-leg hip thrust", "L 40kg x 10, R 50kg x 10", "2026-03-12T18:00:00+01:00")  # 80 %
    logged(client, "single-leg hip thrust", "L 50kg x 10, R 50kg x 10", "2026-03-14T18:00:00+01:00")  # even
    logged(client, "single-leg hip thrust", "L 42kg x 10, R 50kg x 10", "2026-03-16T18:00:00+01:00")  # 84 %


def test_symmetry_not_flagged_at_2_of_4_then_flagged_at_3(berlin: TestClient) -> None:
    log_single_leg_sessions(berlin)
    report = get(berlin, "symmetry", exercise="single-leg hip thrust")
    (thrust,) = report["exercises"]
    rows = [(s["date"], s["lsi_e1rm"], s["lsi_volume"], s["weaker"]) for s in thrust["sessions"]]
    assert rows == [
        ("2026-03-10", 100 * 46 / 50, round(100 * 500 / (2 * 460), 1), "left"),  # 92.0, 54.3
        ("2026-03-12", 100 * 40 / 50, 100 * 40 / 50, "left"),  # 80.0
        ("2026-03-14", 100.0, 100.0, None),
        ("2026-03-16", 100 * 42 / 50, 100 * 42 / 50, "left"),  # 84.0
    ]
    first = thrust["sessions"][0]
    assert (first["left_e1rm_kg"], first["right_e1rm_kg"]) == (round(46 * EPLEY_10, 2), round(50 * EPLEY_10, 2))
    assert (first["left_volume_kg"], first["right_volume_kg"]) == (2 * 46 * 10, 50 * 10)
    # Asymmetry 8, 20, 0, 16 %: over 10 % in 2 of 4.
    assert (thrust["flagged"], thrust["recommendation"]) == (False, None)

    # A fifth: left 40 against 50, 20 % apart. The last four are 20, 0, 16 and 20 %: 3 of 4.
    logged(berlin, "single-leg hip thrust", "L 40kg x 10, R 50kg x 10", "2026-03-18T18:00:00+01:00")
    (thrust,) = get(berlin, "symmetry")["exercises"]
    assert len(thrust["sessions"]) == 5 and thrust["flagged"] is True
    advice = thrust["recommendation"]
    assert advice["weaker"] == "left"
    assert [(s["name"], s["basis"]) for s in advice["strategies"]] == [
        ("match", "trial evidence"),
        ("extra-set", "coaching practice"),
    ]
    assert "50 kg x 10" in advice["strategies"][0]["advice"]  # the right side's set of the latest session
    # Only the last sessions are listed when asked; the flag still reads the last four.
    (latest,) = get(berlin, "symmetry", sessions="2")["exercises"]
    assert [s["date"] for s in latest["sessions"]] == ["2026-03-16", "2026-03-18"] and latest["flagged"] is True


def test_e1rm_per_side(berlin: TestClient) -> None:
    log_single_leg_sessions(berlin)
    report = get(berlin, "e1rm/single-leg-hip-thrust")
    assert report["method"] == {"formula": "epley", "rep_cap": 12, "from_effort": False}
    points = sorted((p["performed_on"], p["side"], p["e1rm_kg"], p["weight_kg"]) for p in report["points"])
    left = {"2026-03-10": 46, "2026-03-12": 40, "2026-03-14": 50, "2026-03-16": 42}
    expected = [(f"{day}T18:00:00+01:00", "left", round(w * EPLEY_10, 2), w) for day, w in left.items()]
    expected += [(f"{day}T18:00:00+01:00", "right", round(50 * EPLEY_10, 2), 50) for day in left]  # 66.67
    assert points == sorted(expected)
    # The same points as the exercise's records.
    records = berlin.get("/api/v1/exercises/single-leg-hip-thrust/records").json()
    assert report["points"] == records["e1rm"]


def test_training_days_in_the_persons_zone(berlin: TestClient) -> None:
    log_week_10(berlin)
    logged(berlin, "pull-up", "5", "2026-03-03T07:00:00+01:00", new=True)  # a second workout on Tuesday
    report = get(berlin, "days", **{"from": "2026-03-01", "to": "2026-03-31"})
    assert (report["starts"], report["ends"]) == ("2026-03-01", "2026-03-31")
    # Monday 00:30 in Berlin is Sunday in UTC, but the day is the person's.
    assert [(d["date"], d["workouts"]) for d in report["days"]] == [
        ("2026-03-03", 2),
        ("2026-03-08", 1),
        ("2026-03-09", 1),
    ]
    # Each day names its workouts in the order started, each started that day in Berlin.
    for day in report["days"]:
        starts = [berlin.get(f"/api/v1/workouts/{i}").json()["started_at"] for i in day["workout_ids"]]
        assert len(starts) == day["workouts"] and starts == sorted(starts)
        assert {datetime.fromisoformat(s).astimezone(BERLIN).date().isoformat() for s in starts} == {day["date"]}
    # Either end alone: twelve weeks from it, or up to it.
    from_only = get(berlin, "days", **{"from": "2026-03-01"})
    assert from_only["ends"] == str(date(2026, 3, 1) + timedelta(days=12 * 7 - 1))  # 2026-05-23
    to_only = get(berlin, "days", to="2026-03-08")
    assert to_only["starts"] == str(date(2026, 3, 8) - timedelta(days=12 * 7 - 1))  # 2025-12-15
    assert [d["date"] for d in to_only["days"]] == ["2026-03-03", "2026-03-08"]
    # Neither: the twelve weeks up to today in Berlin.
    before = datetime.now(BERLIN).date()
    default = get(berlin, "days")
    after = datetime.now(BERLIN).date()
    ends = date.fromisoformat(default["ends"])
    assert ends in {before, after} and date.fromisoformat(default["starts"]) == ends - timedelta(days=83)


@pytest.mark.parametrize(
    ("path", "params", "status", "field"),
    [
        ("volume", {"week": "2026-W60"}, 400, "week"),
        ("volume", {"week": "soon"}, 400, "week"),
        ("volume", {"week": "2026-W²"}, 400, "week"),
        ("volume", {"week": ""}, 400, "week"),
        ("recovery", {"at": "soon"}, 400, "at"),
        ("recovery", {"at": "0001-01-01T00:00"}, 400, "at"),
        ("recovery", {"at": "9" * 500}, 400, "at"),
        ("days", {"from": "yesterday"}, 400, "from"),
        ("days", {"to": "2026-02-30"}, 400, "to"),
        ("days", {"from": "2026-03-10", "to": "2026-03-01"}, 400, "to"),
        ("days", {"from": "2020-01-01", "to": "2026-01-01"}, 400, "from"),  # over three years
        ("days", {"from": "9999-12-31"}, 400, "from"),
        ("symmetry", {"exercise": "underwater basket weaving"}, 404, None),
        ("symmetry", {"sessions": "0"}, 422, "sessions"),  # refused by the query's declared bounds
        ("symmetry", {"sessions": "lots"}, 422, "sessions"),
        ("e1rm/underwater-basket-weaving", {}, 404, None),
    ],
)
def test_bad_parameters_are_refused_naming_the_field(
    berlin: TestClient, path: str, params: dict[str, str], status: int, field: str | None
) -> None:
    answer = berlin.get(f"/api/v1/insight/{path}", params=params)
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["field"] == field and body["message"], body

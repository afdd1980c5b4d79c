"""`liftlore stats` as a person types it: volume, recovery, symmetry and e1RM over a small history logged with
`liftlore log`, every figure worked out by hand here from the issue's definitions (docs/insight.md), in the JSON
and in the readable tables.

Exercises used, from the catalog's pages:
- Barbell Hip Thrust, both sides: primary glutes; secondary hamstrings, quads, adductors.
- Bulgarian Split Squat, one side at a time: primary quads, glutes; secondary adductors, hamstrings, abductors.
- Push-Up, body weight: primary chest, triceps; secondary front-delts, abs.
The e1RM method is the default, Epley: weight x (1 + reps / 30)."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from typer.testing import CliRunner, Result

from liftlore.cli import app
from liftlore.store.db import Database

runner = CliRunner()
TAU = 7 / math.log(20)  # the default recovery time constant, in days
CAPACITY = 10.0  # the default recovery capacity, in sets
LB = 0.45359237  # kg in a pound


def run(*args: str) -> Result:
    # Wide enough that no table wraps a figure.
    return runner.invoke(app, list(args), env={"COLUMNS": "220"})


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, (args, result.output)
    assert "Traceback" not in result.output
    return result.stdout


def as_json(*args: str) -> Any:
    return json.loads(ok(*args, "--json"))


def refused(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 2, (args, result.output)
    assert "Traceback" not in result.output and result.stderr.startswith("error: ")
    return result.stderr


def row(table: str, first_cell: str) -> list[str]:
    """The cells of the table line whose first cell is `first_cell` (its first line, when a cell wraps)."""
    for line in table.splitlines():
        cells = [cell.strip() for cell in re.split("[│┃]", line)[1:-1]]  # body and header rules
        if cells and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row {first_cell!r} in:\n{table}")


def shown(value: float, places: int = 2) -> str:
    """How the tables write a number: rounded, without trailing zeros."""
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


def by_slug(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {muscle["slug"]: muscle for muscle in report["muscles"]}


def log(exercise: str, sets: str, at: str, *more: str) -> None:
    ok("log", exercise, sets, "--at", at, *more)


# -- weekly volume ---------------------------------------------------------------------------------------------------


def log_week_47() -> None:
    """Week 2026-W47 is Monday 16 to Sunday 22 November 2026; Berlin is on CET (UTC+1) all of it."""
    ok("settings", "timezone", "Europe/Berlin")
    # Monday 18:00. Hard: 100x10 (no effort logged), 100x10 @8, 100x8 rir 2 -> 3 sets, 1000 + 1000 + 800 = 2800 kg.
    # Left out: the warm-up, RPE 5 (5 in reserve) and rir 5 (over the 4 a hard set may leave).
    log(
        "barbell hip thrust",
        "W 60kg x 10, 100kg x 10, 100kg x 10 @8, 100kg x 10 @5, 100kg x 8 rir 2, 100kg x 8 rir 5",
        "2026-11-16 18:00",
    )
    # 20 minutes later, the same workout: one side at a time. Left 20x8 + 20x8 = 320 kg, right 20x8 + 16x8 = 288 kg.
    log("bulgarian split squat", "L 20kg x 8, R 20kg x 8, L 20kg x 8, R 16kg x 8", "2026-11-16 18:20")
    # Wednesday: body weight only, two sets with no load.
    log("push-up", "15, 12", "2026-11-18 07:00")
    # Sunday 23:30 in Berlin (22:30 UTC): still week 47. 5 sets x 500 kg = 2500 kg.
    log("barbell hip thrust", "100kg x 5 x 5", "2026-11-22 23:30")
    # Monday 00:30 in Berlin is Sunday 23:30 UTC, but the week is the person's: week 48.
    log("barbell hip thrust", "100kg x 5", "2026-11-23 00:30", "--new")


def test_a_weeks_volume_per_muscle_worked_out_by_hand(cli_env: Database) -> None:
    log_week_47()
    report = as_json("stats", "volume", "--week", "2026-W47")
    assert (report["week"], report["starts"], report["ends"]) == ("2026-W47", "2026-11-16", "2026-11-22")
    assert report["time_zone"] == "Europe/Berlin" and report["hard_set_rpe"] == 6
    muscles = by_slug(report)
    # Hip thrust in the week: 3 hard sets on Monday + 5 on Sunday = 8 sets, 2800 + 2500 = 5300 kg.
    # Split squat: 2 left + 2 right sets, 320 kg left + 288 kg right = 608 kg.
    expected = {
        # slug: (hard sets, volume load kg, left sets, right sets, band)
        "glutes": (8 * 1 + 4 * 0.5, 5300 * 1 + 608 * 0.5, 2 * 1, 2 * 1, "10+"),  # 10.0, 5604
        "quads": (8 * 0.5 + 4 * 0.5, 5300 * 0.5 + 608 * 0.5, 2 * 1, 2 * 1, "5-9"),  # 6.0, 2954
        "hamstrings": (8 * 0.5 + 4 * 0.25, 5300 * 0.5 + 608 * 0.25, 2 * 0.5, 2 * 0.5, "5-9"),  # 5.0, 2802
        "adductors": (8 * 0.5 + 4 * 0.25, 5300 * 0.5 + 608 * 0.25, 2 * 0.5, 2 * 0.5, "5-9"),  # 5.0, 2802
        "abductors": (4 * 0.25, 608 * 0.25, 2 * 0.5, 2 * 0.5, "under 5"),  # 1.0, 152
        "chest": (2 * 1, 0, 0, 0, "under 5"),  # two push-ups sets: a set each, no load
        "triceps": (2 * 1, 0, 0, 0, "under 5"),
        "front-delts": (2 * 0.5, 0, 0, 0, "under 5"),
        "abs": (2 * 0.5, 0, 0, 0, "under 5"),
        "serratus-anterior": (2 * 0.5, 0, 0, 0, "under 5"),
    }
    for slug, (sets, load, left, right, band) in expected.items():
        muscle = muscles[slug]
        got = (muscle["hard_sets"], muscle["volume_load_kg"], muscle["left_sets"], muscle["right_sets"], muscle["band"])
        assert got == (sets, load, left, right, band), slug
        # Both-sided credit + half of the one-sided sets counted whole is the muscle's hard sets.
        both_sided = sum(s["credit"] for s in muscle["exercises"] if s["side"] == "both")
        assert both_sided + (left + right) / 2 == sets, slug
    assert all(m["hard_sets"] == 0 and m["exercises"] == [] for s, m in muscles.items() if s not in expected)
    assert [m["slug"] for m in report["muscles"][:2]] == ["glutes", "quads"]  # most sets first
    glute_sources = {(s["slug"], s["side"]): s for s in muscles["glutes"]["exercises"]}
    assert glute_sources == {
        ("barbell-hip-thrust", "both"): source("Barbell Hip Thrust", "primary", "both", 8, 8 * 1, 5300 * 1),
        ("bulgarian-split-squat", "left"): source("Bulgarian Split Squat", "primary", "left", 2, 2 * 0.5, 320 * 0.5),
        ("bulgarian-split-squat", "right"): source("Bulgarian Split Squat", "primary", "right", 2, 2 * 0.5, 288 * 0.5),
    }

    # The Monday 00:30 set alone makes week 48: 1 set of 500 kg.
    week_48 = by_slug(as_json("stats", "volume", "--week", "2026-W48"))
    assert (week_48["glutes"]["hard_sets"], week_48["glutes"]["volume_load_kg"]) == (1 * 1, 500 * 1)
    assert (week_48["quads"]["hard_sets"], week_48["quads"]["volume_load_kg"]) == (1 * 0.5, 500 * 0.5)
    assert week_48["chest"]["hard_sets"] == 0


def source(name: str, role: str, side: str, sets: int, credit: float, load: float) -> dict[str, Any]:
    slug = name.lower().replace(" ", "-")
    return {
        "slug": slug,
        "name": name,
        "role": role,
        "side": side,
        "sets": sets,
        "credit": credit,
        "volume_load_kg": load,
    }


def test_the_volume_table_shows_the_figures_and_where_they_come_from(cli_env: Database) -> None:
    log_week_47()
    table = ok("stats", "volume", "--week", "2026-W47")
    assert "Week 2026-W47: Mon 2026-11-16 to Sun 2026-11-22 (Europe/Berlin)" in table
    muscle, sets, bar, band, load, left, right, first_source = row(table, "Glutes")
    assert (muscle, sets, bar, band, load, left, right) == ("Glutes", "10", "##########", "10+", "5604 kg", "2", "2")
    assert first_source == "Barbell Hip Thrust, primary: 8 x 1 = 8"
    assert "Bulgarian Split Squat (left), primary: 2 x 0.5 = 1" in table
    assert "Bulgarian Split Squat (right), secondary: 2 x 0.25 = 0.5" in table  # hamstrings, adductors, abductors
    # Quads: 6 sets, 6 of the 10 cells; 2954 kg.
    assert row(table, "Quads")[1:7] == ["6", "######....", "5-9", "2954 kg", "2", "2"]
    # Push-ups: sets with no load, so 0 kg, and no sides.
    assert row(table, "Chest")[1:7] == ["2", "##........", "under 5", "0 kg", "", ""]
    assert "No hard sets: " in table and "Biceps" in table.split("No hard sets: ")[1]

    ok("settings", "unit", "lb")
    glutes_lb = row(ok("stats", "volume", "--week", "2026-W47"), "Glutes")[4]
    assert glutes_lb == f"{shown(5604 / LB)} lb"  # 12354.67 lb


# -- recovery --------------------------------------------------------------------------------------------------------


def log_recovery_history() -> None:
    ok("settings", "timezone", "Europe/Berlin")
    # 31 days before the time asked about: outside the 21-day window, so it adds nothing.
    log("barbell hip thrust", "100kg x 10 x 5", "2026-10-20 18:00")
    log("barbell hip thrust", "100kg x 10 x 3", "2026-11-16 18:00")  # 4 days before
    log("bulgarian split squat", "L 20kg x 8, R 20kg x 8", "2026-11-18 18:00")  # 2 days before


def left_after(credit: float, days: float, tau: float = TAU) -> float:
    return credit * math.exp(-days / tau)


def recovered(fatigue: float) -> float:
    return round(100 * max(0.0, 1 - fatigue / CAPACITY), 1)


def test_recovery_at_a_time_is_the_decay_worked_out_by_hand(cli_env: Database) -> None:
    log_recovery_history()
    # Hip thrust: 3 sets, 4 days old. Split squat: a left and a right set, 2 days old.
    fatigue = {
        "glutes": left_after(3 * 1, 4) + left_after(2 * 0.5, 2),
        "quads": left_after(3 * 0.5, 4) + left_after(2 * 0.5, 2),
        "hamstrings": left_after(3 * 0.5, 4) + left_after(2 * 0.25, 2),
        "adductors": left_after(3 * 0.5, 4) + left_after(2 * 0.25, 2),
        "abductors": left_after(2 * 0.25, 2),
    }
    report = as_json("stats", "recovery", "--at", "2026-11-20 18:00")  # Berlin time
    assert report["at"] == "2026-11-20T18:00:00+01:00" and report["window_days"] == 21
    muscles = by_slug(report)
    for slug, f in fatigue.items():
        assert muscles[slug]["fatigue"] == round(f, 3), slug
        assert muscles[slug]["recovery_pct"] == recovered(f), slug
    assert muscles["glutes"]["recovery_pct"] == 90.3  # 3 x 20^(-4/7) + 1 x 20^(-2/7) = 0.967 sets of 10
    assert all(m["recovery_pct"] == 100 for s, m in muscles.items() if s not in fatigue)
    assert [m["slug"] for m in report["muscles"][:2]] == ["glutes", "quads"]  # least recovered first
    glutes = muscles["glutes"]
    assert (glutes["tau_days"], glutes["capacity"]) == (round(TAU, 3), CAPACITY)
    # The sets behind it, newest first: the split squat's two sides, then the hip thrust (not the October sets).
    assert [(s["exercise"], s["side"]) for s in glutes["sets"]][2:] == [("barbell-hip-thrust", "both")]
    assert {s["side"] for s in glutes["sets"][:2]} == {"left", "right"}
    hip = glutes["sets"][2]
    assert (hip["started_at"], hip["role"], hip["sets"], hip["credit"]) == (
        "2026-11-16T18:00:00+01:00",
        "primary",
        3,
        3,
    )
    assert hip["remaining"] == round(left_after(3, 4), 3)
    side = glutes["sets"][0]
    assert (side["sets"], side["credit"], side["remaining"]) == (1, 1 * 0.5, round(left_after(0.5, 2), 3))

    # The same moment written in UTC gives the same figures.
    in_utc = by_slug(as_json("stats", "recovery", "--at", "2026-11-20T17:00:00+00:00"))
    assert {s: m["recovery_pct"] for s, m in in_utc.items()} == {s: m["recovery_pct"] for s, m in muscles.items()}

    table = ok("stats", "recovery", "--at", "2026-11-20 18:00")
    assert "Recovery at Fri 2026-11-20 18:00" in table
    assert row(table, "Glutes")[1:5] == [
        f"{shown(recovered(fatigue['glutes']), 1)} %",
        shown(fatigue["glutes"], 3),
        shown(TAU, 3),
        "10",
    ]
    hip_thrust = f"Mon 2026-11-16 18:00 Barbell Hip Thrust, primary: 3 sets = 3, {shown(left_after(3, 4), 3)} left"
    one_side = f"Bulgarian Split Squat (left), primary: 1 set = 0.5, {shown(left_after(0.5, 2), 3)} left"
    assert hip_thrust in table and f"Wed 2026-11-18 18:00 {one_side}" in table
    assert "2026-10-20" not in table
    assert "Chest" not in table  # fully recovered muscles are counted, not listed
    assert "other muscle groups are fully recovered (100 %)" in table


def test_a_muscles_own_recovery_tau_changes_that_muscle_only(cli_env: Database) -> None:
    log_recovery_history()
    before = by_slug(as_json("stats", "recovery", "--at", "2026-11-20 18:00"))
    ok("settings", "recovery-tau.glutes", "1")
    after = by_slug(as_json("stats", "recovery", "--at", "2026-11-20 18:00"))
    glutes = left_after(3 * 1, 4, tau=1) + left_after(2 * 0.5, 2, tau=1)  # 3 e^-4 + e^-2 = 0.190
    assert (after["glutes"]["fatigue"], after["glutes"]["tau_days"]) == (round(glutes, 3), 1)
    assert after["glutes"]["recovery_pct"] == recovered(glutes) == 98.1
    assert after["glutes"]["recovery_pct"] != before["glutes"]["recovery_pct"]
    assert {s: m for s, m in after.items() if s != "glutes"} == {s: m for s, m in before.items() if s != "glutes"}


# -- symmetry and e1RM -----------------------------------------------------------------------------------------------

EPLEY_8 = 1 + 8 / 30  # every set below is of 8 reps: e1RM = weight x 38/30, so the LSI is the weights' ratio


def log_split_squat_sessions() -> None:
    """Four workouts with split squats on both sides, the left side lighter in three of them."""
    ok("settings", "timezone", "Europe/Berlin")
    log("bulgarian split squat", "L 16kg x 8, R 20kg x 8, R 15kg x 8", "2026-11-02 18:00")  # e1RM 80 %, volume 128/280
    log("bulgarian split squat", "L 20kg x 8, R 20kg x 8", "2026-11-05 18:00")  # even
    log("bulgarian split squat", "L 17kg x 8, R 20kg x 8", "2026-11-09 18:00")  # 85 %
    log("bulgarian split squat", "L 17.5kg x 8, R 20kg x 8", "2026-11-12 18:00")  # 87.5 %


def test_symmetry_is_flagged_at_3_of_4_sessions_and_not_at_2(cli_env: Database) -> None:
    log_split_squat_sessions()
    report = as_json("stats", "symmetry")
    assert report["threshold"] == 10
    (squat,) = report["exercises"]
    assert squat["slug"] == "bulgarian-split-squat"
    sessions = [
        (s["date"], s["lsi_e1rm"], s["lsi_volume"], s["weaker"], s["left_e1rm_kg"], s["right_e1rm_kg"])
        for s in squat["sessions"]
    ]
    assert sessions == [
        # date, 100 x weaker / stronger e1RM, the same of volume load, weaker, left e1RM, right e1RM
        (
            "2026-11-02",
            100 * 16 / 20,
            round(100 * (16 * 8) / (20 * 8 + 15 * 8), 1),
            "left",
            round(16 * EPLEY_8, 2),
            round(20 * EPLEY_8, 2),
        ),  # 80.0, 45.7, 20.27, 25.33
        ("2026-11-05", 100.0, 100.0, None, round(20 * EPLEY_8, 2), round(20 * EPLEY_8, 2)),
        ("2026-11-09", 100 * 17 / 20, 100 * 17 / 20, "left", round(17 * EPLEY_8, 2), round(20 * EPLEY_8, 2)),
        ("2026-11-12", 100 * 17.5 / 20, 100 * 17.5 / 20, "left", round(17.5 * EPLEY_8, 2), round(20 * EPLEY_8, 2)),
    ]
    first = squat["sessions"][0]
    assert (first["left_volume_kg"], first["right_volume_kg"]) == (16 * 8, 20 * 8 + 15 * 8)
    # Asymmetry 20, 0, 15 and 12.5 %: over 10 % in 3 of the 4.
    assert squat["flagged"] is True
    advice = squat["recommendation"]
    assert advice["weaker"] == "left"
    assert [(s["name"], s["basis"]) for s in advice["strategies"]] == [
        ("match", "trial evidence"),
        ("extra-set", "coaching practice"),
    ]
    match, extra = advice["strategies"]
    assert "20 kg x 8" in match["advice"]  # the right side's best set of the latest session
    assert "one set for the left side" in extra["advice"]
    assert match["why"] and extra["why"]

    table = ok("stats", "symmetry")
    assert "Bulgarian Split Squat: FLAGGED, over 10 % in 3 of the last 4 compared workouts" in table
    assert row(table, "2026-11-02") == [
        "2026-11-02",
        "20.27 kg",
        "25.33 kg",
        "80",
        "20 % over",
        "128 kg",
        "280 kg",
        "45.7",
        "left",
    ]
    assert row(table, "2026-11-05")[3:5] == ["100", "0 %"] and row(table, "2026-11-05")[-1] == "even"
    assert row(table, "2026-11-12")[3:5] == ["87.5", "12.5 % over"]
    assert "The left side is weaker" in table
    assert "1. match (trial evidence): " in table and "2. extra-set (coaching practice): " in table
    assert table.count("Why: ") == 2

    # A fifth, even session: the last four are 0, 15, 12.5 and 0 % apart, over 10 % in only 2.
    log("bulgarian split squat", "L 20kg x 8, R 20kg x 8", "2026-11-16 18:00")
    (squat,) = as_json("stats", "symmetry", "bulgarian", "split", "squat")["exercises"]
    assert len(squat["sessions"]) == 5 and squat["flagged"] is False and squat["recommendation"] is None
    table = ok("stats", "symmetry", "bulgarian split squat")
    assert "Bulgarian Split Squat: not flagged, over 10 % in 2 of the last 4 compared workouts" in table
    assert "trial evidence" not in table


def test_symmetry_of_an_exercise_never_done_on_both_sides_is_empty(cli_env: Database) -> None:
    log_split_squat_sessions()
    assert as_json("stats", "symmetry", "barbell", "hip", "thrust")["exercises"] == []
    assert "no workout has sets of one exercise on both" in ok("stats", "symmetry", "barbell hip thrust")


def test_e1rm_per_side_is_the_e1rm_commands_json_and_a_table_per_workout(cli_env: Database) -> None:
    log_split_squat_sessions()
    report = as_json("stats", "e1rm", "bulgarian", "split", "squat")
    assert report == as_json("e1rm", "bulgarian", "split", "squat")  # exactly `liftlore e1rm --json`
    assert report["method"] == {"formula": "epley", "rep_cap": 12, "from_effort": False}
    points = [(p["performed_on"][:10], p["side"], p["e1rm_kg"], p["weight_kg"], p["reps"]) for p in report["points"]]
    left_weights = {"2026-11-02": 16, "2026-11-05": 20, "2026-11-09": 17, "2026-11-12": 17.5}
    expected = [(day, "left", round(w * EPLEY_8, 2), w, 8) for day, w in left_weights.items()]
    expected += [(day, "right", round(20 * EPLEY_8, 2), 20, 8) for day in left_weights]  # the 15 kg set is not best
    assert sorted(points) == sorted(expected)

    table = ok("stats", "e1rm", "bulgarian", "split", "squat")
    assert "Bulgarian Split Squat: best estimated 1RM per workout" in table and "e1RM by Epley" in table
    assert row(table, "When") == ["When", "Left", "Right"]
    assert row(table, "2026-11-02 18:00") == ["2026-11-02 18:00", "20.27 kg (16kg x 8)", "25.33 kg (20kg x 8)"]
    assert row(table, "2026-11-12 18:00")[1] == f"{shown(17.5 * EPLEY_8)} kg (17.5kg x 8)"  # 22.17 kg

    ok("settings", "unit", "lb")
    in_lb = row(ok("stats", "e1rm", "bulgarian split squat"), "2026-11-02 18:00")
    assert in_lb[1] == f"{shown(16 * EPLEY_8 / LB)} lb ({shown(16 / LB)}lb x 8)"  # 44.68 lb (35.27lb x 8)


# -- mistakes --------------------------------------------------------------------------------------------------------


def test_bad_input_is_refused_naming_the_field(cli_env: Database) -> None:
    assert refused("stats", "volume", "--week", "2026-W60").startswith("error: week: 2026 has no week 60")
    assert refused("stats", "volume", "--week", "soon").startswith("error: week: 'soon' is not an ISO week")
    assert refused("stats", "volume", "--week", "2026-W²").startswith("error: week: ")
    assert refused("stats", "recovery", "--at", "soon").startswith("error: at: 'soon' is not a time")
    assert refused("stats", "recovery", "--at", "0001-01-01 00:00").startswith("error: at: ")
    for command in ("e1rm", "symmetry"):
        err = refused("stats", command, "underwater", "basket", "weaving")
        assert err.startswith("error: no exercise 'underwater basket weaving'"), err

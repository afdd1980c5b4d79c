"""Clients logging sets at once through real `liftlore serve` processes on the test's database (bench/load.py,
bounded: a few clients for a few seconds): no error, nothing lost, nothing stored twice, one workout in progress;
in multi-user mode each person's sets in their own log alone. Runs on PostgreSQL too when
LIFTLORE_TEST_DATABASE_URL is set, like every test on the `db` fixture."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from liftlore.store.db import Database

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from load import LoadConfig, LoadReport, run_load, show


def check(report: LoadReport) -> None:
    figures = show(report)
    assert report.status_5xx == 0, figures
    assert report.lost_sets == 0, figures
    assert report.duplicated_sets == 0, figures
    assert report.workouts_in_progress == 1, figures
    assert report.acknowledged_sets > 0, figures
    assert report.failures == [], figures


@pytest.mark.parametrize("servers", [1, 2])
def test_concurrent_clients_lose_and_double_nothing(db: Database, servers: int) -> None:
    report = run_load(LoadConfig(clients=4, seconds=3, servers=servers, database=db.url, fresh_postgres=False))
    check(report)
    assert report.servers == servers and report.status_4xx == 0


def test_a_server_killed_mid_run_loses_and_doubles_nothing(db: Database) -> None:
    config = LoadConfig(clients=4, seconds=4, servers=2, database=db.url, fresh_postgres=False, kill_at=1.0)
    report = run_load(config)
    check(report)
    assert report.killed_at_s is not None and report.restarted_after_s is not None, show(report)


def test_each_person_finds_their_sets_in_their_own_log_only(db: Database) -> None:
    config = LoadConfig(clients=4, seconds=3, servers=2, database=db.url, fresh_postgres=False, people=4)
    report = run_load(config)
    figures = show(report)
    assert report.people == 4, figures
    assert report.status_5xx == 0 and report.status_4xx == 0, figures
    assert report.lost_sets == 0 and report.duplicated_sets == 0, figures
    assert report.wrong_person_sets == 0, figures
    # Four logs, each with its one workout in progress holding that person's sets.
    assert report.people_not_in_one_workout == 0 and report.workouts_in_progress == 4, figures
    assert report.acknowledged_sets > 0 and report.replays > 0, figures
    assert report.failures == [], figures

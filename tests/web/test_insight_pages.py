"""/insight, rendered by the server: the figures shown are those of a small history worked out by hand."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from liftlore.domain.log_grammar import parse_sets
from liftlore.services import training, training_settings
from liftlore.store.db import Database
from liftlore.web.app import create_app
from liftlore.web.auth import AuthConfig
from tests.web.client import BASE_URL, client_for

MONDAY = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)  # week 2025-W10


def log_history(db: Database) -> None:
    """Week 2025-W10 and the Monday after, then three hard sets a minute ago (for recovery):

    Mon: barbell hip thrust 3 hard sets and one easy (RPE 5), single-leg hip thrust L 40x10, R 50x10
    Wed: barbell hip thrust 6 hard sets, single-leg hip thrust L 40x10, R 50x10
    Fri: single-leg hip thrust L 45x10, R 50x10; next Mon: L 40x10, R 50x10
    """
    with db.session() as session:
        training_settings.change_setting(session, "timezone", "UTC")

        def log(at: datetime, exercise: str, sets: str, *, new: bool = False) -> None:
            training.log_sets(session, exercise, parse_sets(sets), performed_at=at, new_workout=new)

        wednesday = MONDAY + timedelta(days=2)
        log(MONDAY, "barbell-hip-thrust", "100kg x 8 x 3, 60kg x 8 @5", new=True)
        log(MONDAY + timedelta(minutes=20), "single-leg-hip-thrust", "L 40kg x 10, R 50kg x 10")
        log(wednesday, "barbell-hip-thrust", "100kg x 8 x 6", new=True)
        log(wednesday + timedelta(minutes=20), "single-leg-hip-thrust", "L 40kg x 10, R 50kg x 10")
        log(MONDAY + timedelta(days=4), "single-leg-hip-thrust", "L 45kg x 10, R 50kg x 10", new=True)
        log(MONDAY + timedelta(days=7), "single-leg-hip-thrust", "L 40kg x 10, R 50kg x 10", new=True)
        log(datetime.now(UTC) - timedelta(minutes=1), "barbell-hip-thrust", "100kg x 8 x 3", new=True)


def figures(html: str, chart_id: str) -> dict[str, str]:
    """The chart's drawn figures, label -> value, read back from its SVG."""
    svg = re.search(rf'<svg[^>]*id="{chart_id}".*?</svg>', html, re.S)
    assert svg is not None, chart_id
    root = ET.fromstring(svg.group(0))
    return {
        g.get("data-label", ""): g.get("data-value", "")
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if g.get("class") == "chart-bar-row"
    }


def test_weekly_volume_against_the_ten_set_line(db: Database) -> None:
    log_history(db)
    page = client_for(db).get("/insight", params={"week": "2025-W10"})
    assert page.status_code == 200
    html = page.text
    # Glutes: 9 hard hip-thrust sets (the RPE 5 set is not hard) + 6 one-sided sets x 0.5 = 12.
    # Hamstrings: 9 x 0.5 (secondary) + 6 x 0.5 (primary, one side) = 7.5. Quads: 4.5 + 6 x 0.25 = 6.
    # Adductors: 9 x 0.5 = 4.5. Abductors, lower back, obliques (secondary of the one-sided thrust): 6 x 0.25.
    assert figures(html, "volume-chart") == {
        "Glutes": "12",
        "Hamstrings": "7.5",
        "Quads": "6",
        "Adductors": "4.5",
        "Abductors": "1.5",
        "Lower Back": "1.5",
        "Obliques": "1.5",
    }
    assert "1 of 7 at or above 10 sets." in html  # the caption states it in words
    assert 'data-value="10"' in html and ">10 sets</text>" in html  # the band's line
    assert '<a class="json-twin" href="/api/v1/insight/volume?week=2025-W10">' in html
    assert '<a rel="prev" href="/insight?week=2025-W09">' in html
    assert '<a rel="next" href="/insight?week=2025-W11">' in html
    # Each muscle's sources: left and right sets counted whole, credited half.
    assert "<strong>Glutes</strong> 12 sets (left 3, right 3)" in html
    assert "<li>Barbell Hip Thrust (primary, both sides): 9 sets, credit 9</li>" in html
    assert "<li>Single-Leg Hip Thrust (primary, left): 3 sets, credit 1.5</li>" in html
    assert "<li>Single-Leg Hip Thrust (secondary, right): 3 sets, credit 0.75</li>" in html
    assert "Not trained this week: Abs, Biceps, Brachialis, Calves," in html


def test_recovery_with_the_sets_behind_it(db: Database) -> None:
    log_history(db)
    html = client_for(db).get("/insight").text
    # A minute ago, 3 hard sets: glutes (primary) F = 3 x e^(-1 min / 2.34 days) = 2.999, 100 x (1 - F/10) = 70.0.
    # Hamstrings, quads and adductors (secondary): F = 1.5 -> 85.0. The 2025 sets are past the 21-day window.
    shown = dict(re.findall(r'<li data-muscle="([a-z-]+)">.*?class="recovery-pct">([\d.]+) %', html, re.S))
    assert shown == {"glutes": "70", "adductors": "85", "hamstrings": "85", "quads": "85"}
    assert 'data-muscle="glutes" data-recovery="70"' in html  # the map's shade
    assert 'class="muscle recovery-1" data-muscle="glutes"' in html  # 50-79 %
    assert 'class="muscle recovery-2" data-muscle="quads"' in html  # 80-99 %
    assert 'class="muscle recovery-3" data-muscle="chest"' in html  # untouched
    assert "Fatigue 3 of a capacity of 10 sets (fading with τ = 2.34 days)" in html
    assert "Barbell Hip Thrust (primary, both sides)," in html and ": 3 sets, credit 3, fatigue left 3</li>" in html
    assert "21 other muscle groups have no hard set in the last 21 days" in html
    assert 'href="/api/v1/insight/recovery"' in html


def test_symmetry_flag_with_both_strategies_and_records_over_time(db: Database) -> None:
    log_history(db)
    html = client_for(db).get("/insight").text
    # Epley: 40 x (1 + 10/30) = 53.3 and 50 x 1.333 = 66.7 -> 80 %; 45 kg -> 60 / 66.7 = 90 %. The gap is over 10 %
    # in 3 of the 4 sessions (80, 80, 90, 80): flagged, the left side weaker.
    assert '<span class="flag">Flagged</span>' in html
    assert "Gap over 10 % in 3 of the last 4 workouts compared." in html
    assert "By best e1RM started and ended at 80% over 4 sessions, peaking at 90%" in html
    assert "Your left side is the weaker one." in html
    assert (
        '<span class="basis">trial evidence</span><br>Give the left side the right side&#39;s work: 50 kg x 10' in html
    )
    assert '<span class="basis">coaching practice</span><br>Add one set for the left side only' in html
    assert 'href="/api/v1/insight/symmetry?exercise=single-leg-hip-thrust"' in html
    # Records: the hip thrust trained a minute ago comes first; 100 x (1 + 8/30) = 126.7 each time.
    records = html[html.index('id="records"') :]
    assert records.index("Barbell Hip Thrust") < records.index("Single-Leg Hip Thrust")
    assert "Best e1RM stayed at 126.7 kg over 3 sessions." in records
    assert "Left started and ended at 53.3 kg over 4 sessions, peaking at 60 kg; Right stayed at 66.7 kg" in records
    assert 'href="/api/v1/insight/e1rm/single-leg-hip-thrust"' in records
    assert '<a href="/insight">Insight</a>' in html  # in the site's navigation


def test_no_training_says_so_and_links_to_the_log(db: Database) -> None:
    page = client_for(db).get("/insight")
    assert page.status_code == 200
    assert "No training logged yet" in page.text and '<a href="/log" class="button-link">' in page.text
    assert "<svg" not in page.text.split('id="main"')[1]


def test_a_mistyped_week_gets_a_friendly_page(db: Database) -> None:
    log_history(db)
    page = client_for(db, raise_server_exceptions=False).get("/insight", params={"week": "W99"})
    assert page.status_code == 400 and "<!doctype html>" in page.text.lower()
    assert "is not an ISO week" in page.text and "Traceback" not in page.text


def test_signed_out_visitors_of_a_server_get_the_sign_in_form(db: Database) -> None:
    app = create_app(db, auth=AuthConfig.for_server("s" * 32, open_registration=False))
    page = TestClient(app, base_url=BASE_URL).get("/insight", params={"week": "2025-W10"})
    assert page.status_code == 401
    assert 'action="/login"' in page.text and "next" in page.text and "2025-W10" in page.text

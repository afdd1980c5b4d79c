"""Your own training shown back: "Your training" on an exercise's page (the last sessions, the records held per
side, an e1RM chart with a line per side) and the calendar of training days on /history.

Every figure below is worked out by hand from the sets each test logs. The e1RM is Epley's, the default:
weight x (1 + reps / 30)."""

from __future__ import annotations

import html
import re
import secrets
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from liftlore.domain.log_grammar import parse_sets
from liftlore.domain.people import LOCAL_VIEWER, Person, Viewer
from liftlore.services import accounts, training, training_settings
from liftlore.store.db import Database
from liftlore.web.app import create_app
from liftlore.web.auth import AuthConfig
from tests.web.client import BASE_URL, client_for

BSS = "/exercises/bulgarian-split-squat"
PASSWORD = "correct horse battery"


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=UTC)


def log(db: Database, exercise: str, sets: str, when: datetime, viewer: Viewer = LOCAL_VIEWER) -> str:
    """Log `sets` as a workout of their own at `when`; its id."""
    with db.session(write=True, viewer=viewer) as session:
        logged = training.log_sets(session, exercise, parse_sets(sets), performed_at=when, new_workout=True)
        return str(logged.workout.id)


def in_utc(db: Database) -> None:
    db.run(training_settings.change_setting, "timezone", "UTC")


def text_of(fragment: str) -> str:
    """What a reader sees of some HTML: the text, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def section(page: str, ident: str) -> str:
    found = re.search(rf'<section id="{ident}".*?</section>', page, re.S)
    assert found, f"no section {ident}"
    return found.group(0)


def three_sessions(db: Database) -> list[str]:
    """Three sessions of Bulgarian split squats, left and right; the workout ids, oldest first."""
    in_utc(db)
    return [
        log(db, "bulgarian-split-squat", "L 20kg x 10, R 20kg x 8", at("2026-03-02")),
        log(db, "bulgarian-split-squat", "L 24kg x 8, R 22kg x 8", at("2026-03-05")),
        log(db, "bulgarian-split-squat", "L warm-up 10kg x 10, L 24kg x 10, R 24kg x 8", at("2026-03-09")),
    ]


def test_an_exercise_page_shows_your_last_sessions_records_per_side_and_an_e1rm_chart(db: Database) -> None:
    first, second, third = three_sessions(db)
    page = client_for(db).get(BSS)
    assert page.status_code == 200
    mine = section(page.text, "your-training")
    said = text_of(mine)

    # The last sessions, newest first, each linking to its workout, its sets in short and its best e1RM:
    # 9 Mar: left 24 x 10 -> 24 x 1.3333 = 32; right 24 x 8 -> 24 x 1.2667 = 30.4; 1.6 / 32 = 5 % lower.
    assert "Last 3 times" in said
    dates = re.findall(r'<a href="/workouts/([0-9a-f-]+)" class="nowrap">([^<]+)</a>', mine)
    assert dates == [(third, "Mon 09 Mar 2026"), (second, "Thu 05 Mar 2026"), (first, "Mon 02 Mar 2026")]
    assert "Mon 09 Mar 2026 L 10 kg × 10 (warm-up) L 24 kg × 10 R 24 kg × 8" in said
    assert "Best e1RM: left 32 kg, right 30.4 kg (right 5% lower)" in said
    # 5 Mar: left 24 x 8 -> 30.4; right 22 x 8 -> 27.87; 2.53 / 30.4 = 8.3 % -> 8 %.
    assert "Best e1RM: left 30.4 kg, right 27.9 kg (right 8% lower)" in said

    # The records held per side. Left: heaviest 24 kg, first lifted on 5 Mar (9 Mar only matched it); best e1RM
    # 32 kg from 24 x 10; best set volume 24 x 10 = 240 kg. Right: heaviest 24 kg (9 Mar); e1RM 30.4 kg from
    # 24 x 8; best set volume 24 x 8 = 192 kg. The warm-up counts for nothing.
    table = re.search(r'<table class="records-table" aria-labelledby.*?</table>', mine, re.S)
    assert table
    rows = [text_of(row) for row in re.findall(r"<tr>.*?</tr>", table.group(0), re.S)]
    assert rows == [
        "Record Left Right",
        "Heaviest weight 24 kg 05 Mar 2026 24 kg 09 Mar 2026",
        "Best e1RM 32 kg 24 kg × 10 09 Mar 2026 30.4 kg 24 kg × 8 09 Mar 2026",
        "Best set volume 240 kg 09 Mar 2026 192 kg 09 Mar 2026",
    ]
    # The most reps at each weight, heaviest first: left 10 at 24 and 10 at 20 (none at 22); right 8 at each.
    reps = re.search(r'<details class="reps-records".*?</details>', mine, re.S)
    assert reps
    assert [text_of(row) for row in re.findall(r"<tr>.*?</tr>", reps.group(0), re.S)] == [
        "Weight Left Right",
        "24 kg 10 reps 09 Mar 2026 8 reps 09 Mar 2026",
        "22 kg – 8 reps 05 Mar 2026",
        "20 kg 10 reps 02 Mar 2026 8 reps 02 Mar 2026",
    ]

    # The chart: a line per side, each point the day's best e1RM. Left: 20 x 10 -> 26.67, 24 x 8 -> 30.4,
    # 24 x 10 -> 32. Right: 20 x 8 -> 25.33, 22 x 8 -> 27.87, 24 x 8 -> 30.4.
    figure = re.search(r'<figure class="chart-figure" id="e1rm-chart">.*?</figure>', mine, re.S)
    assert figure
    series = dict(re.findall(r'data-label="(\w+)">(.*?)</g>', figure.group(0), re.S))
    assert set(series) == {"Left", "Right"}
    assert re.findall(r'data-date="([\d-]+)" data-value="([\d.]+)"', series["Left"]) == [
        ("2026-03-02", "26.7"),
        ("2026-03-05", "30.4"),
        ("2026-03-09", "32"),
    ]
    assert re.findall(r'data-date="([\d-]+)" data-value="([\d.]+)"', series["Right"]) == [
        ("2026-03-02", "25.3"),
        ("2026-03-05", "27.9"),
        ("2026-03-09", "30.4"),
    ]
    caption = text_of(re.search(r"<figcaption>.*?</figcaption>", figure.group(0), re.S).group(0))  # type: ignore[union-attr]
    assert "Left rose from 26.7 to 32 kg over 3 sessions" in caption
    assert "Right rose from 25.3 to 30.4 kg over 3 sessions" in caption
    assert 'href="/api/v1/insight/e1rm/bulgarian-split-squat"' in figure.group(0)

    # Where to go from here: log it (the log form opens on it), or every set of it in the history.
    assert 'href="/log?exercise=bulgarian-split-squat"' in mine
    assert 'href="/history?exercise=bulgarian-split-squat"' in mine
    assert client_for(db).get("/log?exercise=bulgarian-split-squat").status_code == 200


def test_a_two_sided_exercise_has_one_line_and_one_column(db: Database) -> None:
    in_utc(db)
    log(db, "barbell-back-squat", "100kg x 5, 110kg x 3", at("2026-03-02"))
    log(db, "barbell-back-squat", "105kg x 5", at("2026-03-06"))
    mine = section(client_for(db).get("/exercises/barbell-back-squat").text, "your-training")
    table = re.search(r'<table class="records-table" aria-labelledby.*?</table>', mine, re.S)
    assert table
    # Heaviest 110 kg (2 Mar). e1RM: 100 x 5 -> 116.67, 110 x 3 -> 121, 105 x 5 -> 122.5 (6 Mar). Set volume:
    # 500, 330, 525 -> 525 kg.
    assert [text_of(row) for row in re.findall(r"<tr>.*?</tr>", table.group(0), re.S)] == [
        "Record Best",
        "Heaviest weight 110 kg 02 Mar 2026",
        "Best e1RM 122.5 kg 105 kg × 5 06 Mar 2026",
        "Best set volume 525 kg 06 Mar 2026",
    ]
    labels = re.findall(r'class="chart-series series-(\d)" data-label="([^"]+)"', mine)
    assert labels == [("0", "Estimated 1RM")]
    assert re.findall(r'data-date="([\d-]+)" data-value="([\d.]+)"', mine) == [
        ("2026-03-02", "121"),
        ("2026-03-06", "122.5"),
    ]


def test_an_exercise_never_logged_invites_you_to_log_it(db: Database) -> None:
    mine = section(client_for(db).get(BSS).text, "your-training")
    assert "You have not logged Bulgarian Split Squat yet." in text_of(mine)
    assert '<a href="/log?exercise=bulgarian-split-squat">Log it</a>' in mine
    assert "<figure" not in mine and "<table" not in mine


def test_body_weight_sets_show_their_reps_and_no_chart(db: Database) -> None:
    in_utc(db)
    log(db, "push-up", "bw x 12, bw x 15", at("2026-03-02"))
    mine = section(client_for(db).get("/exercises/push-up").text, "your-training")
    said = text_of(mine)
    assert "body weight × 12 body weight × 15" in said
    reps = re.search(r'<details class="reps-records" open>.*?</details>', mine, re.S)  # nothing else to show
    assert reps and "Body weight 15 reps 02 Mar 2026" in text_of(reps.group(0))
    assert "<figure" not in mine  # no load, no estimate


# -- on a server several people share ---------------------------------------------------------------------------------


def server(db: Database) -> TestClient:
    auth = AuthConfig.for_server(secrets.token_urlsafe(32), open_registration=False)
    return TestClient(create_app(db, auth=auth), base_url=BASE_URL)


def signed_in(db: Database, name: str) -> TestClient:
    client = server(db)
    answer = client.post("/login", data={"name": name, "password": PASSWORD}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return client


@pytest.fixture
def anna(db: Database) -> Person:
    return db.run(accounts.create_account, "Anna", PASSWORD)


def test_on_a_server_each_reader_sees_their_own_training_and_a_visitor_none(db: Database, anna: Person) -> None:
    db.run(accounts.create_account, "Bob", PASSWORD)
    log(db, "bulgarian-split-squat", "L 30kg x 6, R 30kg x 5", at("2026-03-02"), viewer=Viewer(anna))

    visitor = server(db).get(BSS)
    assert visitor.status_code == 200  # the library stays open to everyone: no 401, no sign-in wall
    assert "Bulgarian Split Squat" in visitor.text and 'id="your-training"' not in visitor.text

    # Anna: 30 x 6 -> 36; 30 x 5 -> 35.
    said = text_of(section(signed_in(db, "Anna").get(BSS).text, "your-training"))
    assert "L 30 kg × 6 R 30 kg × 5" in said and "Best e1RM: left 36 kg, right 35 kg (right 3% lower)" in said
    bob = section(signed_in(db, "Bob").get(BSS).text, "your-training")
    assert "You have not logged Bulgarian Split Squat yet." in text_of(bob) and "30 kg" not in bob


def test_a_visitor_reads_an_exercise_page_without_the_database(db: Database) -> None:
    """The library's fast path (web/deps.py): an anonymous visitor's page comes from the snapshot alone."""
    client = server(db)
    assert client.get(BSS).status_code == 200  # builds the snapshot
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    for _ in range(3):
        assert client.get(BSS).status_code == 200
    assert statements == []


# -- the calendar on /history -----------------------------------------------------------------------------------------


def calendar_cells(page: str) -> dict[int, str]:
    """Day of the month -> the cell's markup, for the calendar's days."""
    table = re.search(r'<table class="calendar".*?</table>', page, re.S)
    assert table
    cells = re.findall(r"<td class=\"([^\"]*)\"[^>]*>(.*?)</td>", table.group(0), re.S)
    found = {}
    for classes, inside in cells:
        if classes == "outside":
            continue
        number = int(text_of(inside).split()[0])
        found[number] = f'<td class="{classes}">{inside}</td>'
    return found


def test_the_history_shows_a_month_of_training_days_linked_to_their_workouts(db: Database) -> None:
    first, second, third = three_sessions(db)
    squats = log(db, "barbell-back-squat", "100kg x 5", at("2026-03-09", 18))  # a second workout that day
    log(db, "barbell-back-squat", "100kg x 5", at("2026-02-27"))  # before the month
    log(db, "barbell-back-squat", "100kg x 5", at("2026-04-01"))  # after it: the month's workouts start later on
    page = client_for(db).get("/history", params={"month": "2026-03"})
    assert page.status_code == 200
    cells = calendar_cells(page.text)

    # March 2026 has 31 days and begins on a Sunday: six empty cells, then 1 March alone in the first week.
    assert sorted(cells) == list(range(1, 32))
    table = re.search(r'<table class="calendar".*?</table>', page.text, re.S)
    assert table
    weeks = re.findall(r"<tr>(.*?)</tr>", table.group(0), re.S)[1:]
    assert len(weeks) == 6 and weeks[0].count('class="outside"') == 6
    assert text_of(re.search(r"<thead>.*?</thead>", table.group(0), re.S).group(0)) == "Mo Tu We Th Fr Sa Su"  # type: ignore[union-attr]

    trained = {day for day, cell in cells.items() if "trained" in cell.split('"')[1]}
    assert trained == {2, 5, 9}
    assert f'href="/workouts/{first}"' in cells[2] and f'href="/workouts/{second}"' in cells[5]
    # Two workouts on the 9th: the day links to the first (12:00) and says how many.
    assert f'href="/workouts/{third}"' in cells[9] and squats not in cells[9]
    assert 'aria-label="Mon 9 March: 2 workouts"' in cells[9] and '<span class="day-count"' in cells[9]
    assert "href" not in cells[3]

    said = text_of(page.text)
    assert "3 training days in March 2026 (4 workouts)." in said
    assert 'href="/api/v1/insight/days?from=2026-03-01&amp;to=2026-03-31"' in page.text
    months = re.findall(r'<a rel="(prev|next)" href="([^"]+)">(.*?)</a>', page.text)
    assert [(rel, href, text_of(name)) for rel, href, name in months] == [
        ("prev", "/history?month=2026-02#h-calendar", "‹ February"),
        ("next", "/history?month=2026-04#h-calendar", "April ›"),
    ]


def test_the_calendar_opens_on_this_month_with_today_marked(db: Database) -> None:
    in_utc(db)
    today = datetime.now(UTC)
    workout = log(db, "barbell-back-squat", "100kg x 5", today.replace(hour=0, minute=5))
    page = client_for(db).get("/history").text
    cell = calendar_cells(page)[today.day]
    assert 'aria-current="date"' in page and "today" in cell and "trained" in cell
    assert f'href="/workouts/{workout}"' in cell
    assert f"1 training day in {today:%B %Y}." in text_of(page)
    assert 'rel="next"' not in page  # nothing is logged in months to come


def test_a_month_that_is_no_month_is_refused_naming_the_field(db: Database) -> None:
    for bad in ("March", "2026-13", "2026-3-1", "0999-01"):
        answer = client_for(db).get("/history", params={"month": bad})
        assert answer.status_code == 400, bad
        assert "is not a month; write it like 2026-03" in html.unescape(answer.text)


@pytest.mark.parametrize("month", ["²⁰²⁶-03", "2026-٣", "2026-3-1", "march"])
def test_a_month_that_is_not_one_is_refused_by_name(db: Database, month: str) -> None:
    page = client_for(db).get("/history", params={"month": month})
    assert page.status_code == 400
    assert "is not a month" in page.text

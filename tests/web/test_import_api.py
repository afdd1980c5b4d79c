"""Uploads over the API (/api/v1/imports/...): an exercise page as text, a Strong or Hevy export or a liftlore
backup as a file. A bad file is answered 400 with its line and field and leaves nothing behind; uploads get a
body cap of their own (LIFTLORE_MAX_UPLOAD_BYTES), larger than every other route's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from liftlore.errors import LiftloreError
from liftlore.services import library
from liftlore.store.db import Database
from liftlore.web.app import create_app
from liftlore.web.auth import AuthConfig
from tests.conftest import DATA
from tests.web.client import BASE_URL, client_for

PAGE = """\
The zorblax thrust is a unilateral exercise where you drive one hip up with your upper back on a bench. This \
isolation exercise targets the glutes. It works as a hip extension exercise. You can do it with resistance or just \
your body weight.
Sit with your upper back on a bench and one foot on the floor.
Drive the hip up until your thigh is level, then lower it slowly.
Muscle Worked
Primary Muscle Groups
Glutes
The glutes drive the hip up.
Pro Tips
Keep the weight on your heel.
Benefits
It trains each glute on its own.
"""
STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
    "2024-11-28 17:36:08,Pull,1h 5m,Bent Over Row (Barbell),W,20,12,0,0,\n"
    "2024-11-28 17:36:08,Pull,1h 5m,Bent Over Row (Barbell),1,60,5,0,0,8.5\n"
    "2024-11-28 17:36:08,Pull,1h 5m,Zorblax Curl,1,12.5,10,0,0,\n"
)


def strong_days(days: int) -> str:
    """A Strong export of a workout a day: about 70 bytes each."""
    rows = (f"2024-10-{day:02} 18:00:00,Legs,1h,Squat (Barbell),1,100,5,0,0,8\n" for day in range(1, days + 1))
    return STRONG.splitlines(keepends=True)[0] + "".join(rows)


def workouts(client: TestClient) -> list[object]:
    listed = client.get("/api/v1/workouts")
    assert listed.status_code == 200
    found: list[object] = listed.json()
    return found


def test_a_page_is_imported_from_its_text(db: Database) -> None:
    client = client_for(db)
    made = client.post("/api/v1/imports/page", content=PAGE, headers={"Content-Type": "text/plain"})
    assert made.status_code == 201, made.text
    record = made.json()
    assert record["slug"] == "zorblax-thrust" and record["name"] == "Zorblax Thrust"
    assert record["tips"] == ["Keep the weight on your heel."]
    assert record["warnings"] == []
    assert client.get("/api/v1/exercises/zorblax-thrust").json()["tips"] == ["Keep the weight on your heel."]

    again = client.post("/api/v1/imports/page", content=PAGE.replace("your heel", "the heel"))
    assert again.status_code == 200, again.text  # the same exercise, updated
    assert again.json()["tips"] == ["Keep the weight on the heel."]


def test_a_page_that_would_drop_sections_needs_replace(db: Database) -> None:
    client = client_for(db)
    assert client.post("/api/v1/imports/page", content=PAGE).status_code == 201
    cut = PAGE.split("Pro Tips")[0]
    refused = client.post("/api/v1/imports/page", content=cut)
    assert refused.status_code == 400
    assert "would drop" in refused.json()["message"] and "replace=true" in refused.json()["message"]
    assert client.get("/api/v1/exercises/zorblax-thrust").json()["tips"] == ["Keep the weight on your heel."]
    replaced = client.post("/api/v1/imports/page", params={"replace": "true"}, content=cut)
    assert replaced.status_code == 200 and replaced.json()["tips"] == []


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Muscle Worked\nPrimary Muscle Groups\nGlutes\nThey work.\n", 1, "no summary or steps"),
        (PAGE.replace("Glutes\nThe glutes drive the hip up.\n", "Glutes\n"), 7, "has no description line"),
        ("just some text\n", None, "no 'Muscle Worked' section"),
    ],
)
def test_a_bad_page_is_refused_with_its_line_and_stores_nothing(
    db: Database, text: str, line: int | None, words: str
) -> None:
    client = client_for(db)
    refused = client.post("/api/v1/imports/page", content=text)
    assert refused.status_code == 400, refused.text
    message = refused.json()["message"]
    assert words in message
    assert message.startswith(f"line {line}: ") if line else not message.startswith("line")
    assert "/tmp" not in message and "<page>" not in message
    assert client.get("/api/v1/exercises", params={"q": "zorblax"}).json()["total"] == 0


def test_a_page_that_is_not_text_is_refused(db: Database) -> None:
    client = client_for(db)
    for body, words in ((b"\x89PNG\r\n\x00\x00", "binary"), (b"\xff\xfe\xfa", "not UTF-8"), (b"  \n", "empty")):
        refused = client.post("/api/v1/imports/page", content=body)
        assert refused.status_code == 400 and words in refused.json()["message"], refused.text


def test_a_strong_export_is_imported_and_reported(db: Database) -> None:
    client = client_for(db)
    made = client.post("/api/v1/imports/log", params={"app": "strong", "unit": "kg"}, content=STRONG)
    assert made.status_code == 201, made.text
    report = made.json()
    assert (report["source"], report["workouts"], report["sets"], report["added_sets"]) == ("strong", 1, 3, 3)
    assert report["created"] == ["Zorblax Curl"]
    kinds = {match["name"]: (match["kind"], match["slug"]) for match in report["matches"]}
    assert kinds["Bent Over Row (Barbell)"] == ("exact", "barbell-bent-over-row")
    assert kinds["Zorblax Curl"][0] == "new"
    assert "path" not in report  # the server's temporary file is nobody's business
    [workout] = workouts(client)
    assert workout["title"] == "Pull" and workout["set_count"] == 3  # type: ignore[index]

    again = client.post("/api/v1/imports/log", params={"app": "strong", "unit": "kg"}, content=STRONG)
    assert again.status_code == 201 and again.json()["skipped_workouts"] == 1 and again.json()["added_sets"] == 0


def test_a_liftlore_backup_is_imported(db: Database) -> None:
    client = client_for(db)
    backup = (DATA / "logs" / "liftlore-export-v1.json").read_bytes()
    made = client.post(
        "/api/v1/imports/log", params={"app": "json"}, content=backup, headers={"Content-Type": "application/json"}
    )
    assert made.status_code == 201, made.text
    assert made.json()["added_workouts"] == len(workouts(client)) > 0
    assert made.json()["settings"] == ["unit"]


def test_a_bad_export_names_its_line_and_column_and_writes_nothing(db: Database) -> None:
    client = client_for(db)
    # The first two rows are fine: the whole file is one transaction, so they are not kept either.
    bad = STRONG.replace(",12.5,10,", ",heavy,10,")
    refused = client.post("/api/v1/imports/log", params={"app": "strong", "unit": "kg"}, content=bad)
    assert refused.status_code == 400
    assert refused.json() == {"message": "line 4: Weight: 'heavy' is not a number", "field": "Weight"}
    assert workouts(client) == []
    assert client.get("/api/v1/exercises", params={"q": "zorblax curl"}).json()["total"] == 0

    no_unit = client.post("/api/v1/imports/log", params={"app": "strong"}, content=STRONG)
    assert no_unit.status_code == 400 and no_unit.json()["field"] == "unit"
    assert "unit=kg or unit=lb" in no_unit.json()["message"] and "--unit" not in no_unit.json()["message"]

    not_json = client.post("/api/v1/imports/log", params={"app": "json"}, content='{"format": "liftlore-tr')
    assert not_json.status_code == 400 and not_json.json()["message"].startswith("line 1: not valid JSON")

    for params in ({"app": "fitbod"}, {}, {"app": "strong", "unit": "stone"}):
        wrong = client.post("/api/v1/imports/log", params=params, content=STRONG)
        assert wrong.status_code == 422, params
    bad_zone = client.post(
        "/api/v1/imports/log", params={"app": "strong", "unit": "kg", "timezone": "Mars/Olympus"}, content=STRONG
    )
    assert bad_zone.status_code == 400 and bad_zone.json()["field"] == "timezone"
    assert workouts(client) == []


def test_uploads_need_someone_signed_in(db: Database) -> None:
    app = create_app(
        db, auth=AuthConfig.for_server("upload-test-secret-" + "abcdefghijklmnopqrstuvwxyz", open_registration=False)
    )
    nobody = TestClient(app, base_url=BASE_URL)
    for path, params in (("/api/v1/imports/page", {}), ("/api/v1/imports/log", {"app": "strong", "unit": "kg"})):
        refused = nobody.post(path, params=params, content=PAGE)
        assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Bearer")
        assert refused.json() == {"message": "sign in first", "field": None}


# -- the body caps -------------------------------------------------------------------------------------------------


def chunked(size: int, piece: int = 1024) -> Iterator[bytes]:
    """A body sent without Content-Length, in pieces: counted by the server as it arrives."""
    for _ in range(size // piece):
        yield b"x" * piece


def test_uploads_have_a_larger_cap_of_their_own(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIFTLORE_MAX_BODY_BYTES", "1024")
    monkeypatch.setenv("LIFTLORE_MAX_UPLOAD_BYTES", "8192")
    client = TestClient(create_app(db), base_url=BASE_URL)

    # Over the general cap, under the upload cap: the file is read (and, being no page, refused as such).
    read = client.post("/api/v1/imports/page", content=b"x" * 4096)
    assert read.status_code == 400 and "Muscle Worked" in read.json()["message"]
    days = strong_days(20)
    assert 1024 < len(days) < 8192
    imported = client.post("/api/v1/imports/log", params={"app": "strong", "unit": "kg"}, content=days)
    assert imported.status_code == 201, imported.text

    for path in ("/api/v1/imports/page", "/api/v1/imports/log?app=strong"):
        too_big = client.post(path, content=b"x" * 8193)  # Content-Length says so: refused before reading
        assert too_big.status_code == 413
        assert too_big.json() == {"message": "the request body is over 8192 bytes", "field": None}
        grown = client.post(path, content=chunked(16384))  # no Content-Length: cut off once past the cap
        assert grown.status_code == 413 and grown.json()["message"] == "the request body is over 8192 bytes"

    # Every other route keeps the general cap, both ways.
    for body in (b"x" * 2048, chunked(2048)):
        other = client.post("/api/v1/log", content=body, headers={"Content-Type": "application/json"})
        assert other.status_code == 413 and other.json()["message"] == "the request body is over 1024 bytes"
    assert len(workouts(client)) == 20  # the one import that fitted, nothing of the refused ones


def test_the_upload_cap_is_16_mib_unless_set(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LIFTLORE_MAX_UPLOAD_BYTES", raising=False)
    client = client_for(db)
    # Twice the general cap: still a file the upload route reads (and refuses as a page, whose own limit is 1 MB).
    big = client.post("/api/v1/imports/page", content=b"x" * (2 * 1024 * 1024))
    assert big.status_code == 400 and "a page may be at most 1,000,000 bytes" in big.json()["message"]
    huge = client.post("/api/v1/imports/log?app=strong", content=b"x" * (16 * 1024 * 1024 + 1))
    assert huge.status_code == 413
    assert huge.json() == {"message": "the request body is over 16777216 bytes", "field": None}


def test_the_upload_cap_setting_must_be_a_number(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIFTLORE_MAX_UPLOAD_BYTES", "lots")
    with pytest.raises(LiftloreError, match="LIFTLORE_MAX_UPLOAD_BYTES must be a whole number of bytes"):
        create_app(db)


def test_a_person_takes_their_log_from_one_server_to_another(db: Database, empty_db: Database) -> None:
    """GET /api/v1/log/export gives the whole log as liftlore's JSON; uploading it to another server restores it."""
    source = client_for(db)
    assert source.post("/api/v1/imports/log", params={"app": "strong", "unit": "kg"}, content=STRONG).status_code == 201
    exported = source.get("/api/v1/log/export")
    assert exported.status_code == 200 and "attachment" in exported.headers["content-disposition"]
    empty_db.run(library.load_bundled_catalog)
    target = client_for(empty_db)
    restored = target.post("/api/v1/imports/log", params={"app": "json"}, content=exported.content)
    assert restored.status_code == 201, restored.text
    assert target.get("/api/v1/log/export").json()["workouts"] == exported.json()["workouts"]

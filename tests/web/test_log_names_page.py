"""/log/names on the web, and the library page's note on names from the person's log."""

from __future__ import annotations

from pathlib import Path

from liftlore.services import log_import
from liftlore.store.db import Database
from tests.training.test_log_names import strong_file
from tests.web.client import client_for


def test_a_name_from_the_log_is_matched_from_its_page(db: Database, tmp_path: Path) -> None:
    db.run(log_import.import_log, "strong", strong_file(tmp_path, "2025-03-01", [("Aztec Cable Curl", 15, 12)]))
    client = client_for(db)
    library = client.get("/").text
    assert "1 exercise from your log is not shown" in library and "Aztec Cable Curl" not in library
    assert "Aztec Cable Curl" in client.get("/", params={"from_log": "true"}).text
    page = client.get("/log/names").text
    assert "Aztec Cable Curl" in page and "Guessed like Cable Curl" in page

    refused = client.post("/log/names", data={"name": "aztec-cable-curl", "exercise": "no such lift anywhere"})
    assert refused.status_code == 404 and "Not matched" in refused.text
    mapped = client.post(
        "/log/names", data={"name": "aztec-cable-curl", "exercise": "Cable Curl"}, follow_redirects=False
    )
    assert mapped.status_code == 303
    after = client.get(mapped.headers["location"]).text
    assert "Matched: its history is now part of Cable Curl" in after and "Every exercise name in your log" in after
    assert "from your log" not in client.get("/").text

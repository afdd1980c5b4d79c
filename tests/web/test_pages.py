"""The minimal web app: an index and one page per exercise, every section shown and all content escaped."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from liftlore.services import library
from liftlore.store.db import Database
from liftlore.web.app import create_app


def test_index_lists_every_exercise(db: Database) -> None:
    client = TestClient(create_app(db))
    response = client.get("/")
    assert response.status_code == 200
    assert 'href="/exercises/single-leg-hip-thrust"' in response.text
    assert response.text.count('href="/exercises/') == len(library.list_exercises(db))


def test_exercise_page_shows_every_section(db: Database) -> None:
    client = TestClient(create_app(db))
    response = client.get("/exercises/single-leg-hip-thrust")
    assert response.status_code == 200
    html = response.text
    for section in ("summary", "steps", "muscles", "tips", "equipment", "benefits", "drills", "faq"):
        assert f'<section id="{section}">' in html, section
    exercise = library.get_exercise(db, "single-leg-hip-thrust")
    assert exercise.steps[0].replace("'", "&#39;") in html
    assert exercise.warm_up[0].name in html


def test_unknown_exercise_is_404_with_suggestions(db: Database) -> None:
    response = TestClient(create_app(db)).get("/exercises/glute-brige")
    assert response.status_code == 404
    assert 'href="/exercises/glute-bridge"' in response.text


def test_imported_content_is_escaped(db: Database, tmp_path: Path) -> None:
    page = tmp_path / "evil.txt"
    page.write_text(
        "The sneaky curl is a bilateral isolation elbow flexion exercise with <script>alert(1)</script> load.\n"
        "Curl the <b>bar</b>.\nLower it.\n"
        "Muscle Worked\nPrimary Muscle Groups\nBiceps\nThey <img src=x onerror=alert(2)> bend the elbow.\n"
    )
    library.import_page(db, page)
    html = TestClient(create_app(db)).get("/exercises/sneaky-curl").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bar&lt;/b&gt;" in html

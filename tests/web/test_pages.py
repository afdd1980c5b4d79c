"""The HTML pages without a browser: status codes, content, escaping. (tests/e2e drives a real browser.)"""

from __future__ import annotations

from pathlib import Path

from liftlore.services import browse, library
from liftlore.services.snapshot import library_view
from liftlore.store.db import Database
from tests.web.client import BASE_URL, client_for


def test_library_page_lists_and_pages_through_everything(db: Database) -> None:
    client = client_for(db)
    total = len(browse.all_matching(db.run(library_view), browse.ExerciseQuery()))
    first = client.get("/")
    assert first.status_code == 200
    assert f"{total} exercises" in first.text
    seen = first.text.count('class="result-name"')
    page = 2
    while 'rel="next"' in client.get("/", params={"page": page - 1}).text:
        seen += client.get("/", params={"page": page}).text.count('class="result-name"')
        page += 1
    assert seen == total


def test_facets_show_counts_and_keep_other_filters(db: Database) -> None:
    html = client_for(db).get("/", params={"muscle": "glutes", "laterality": "unilateral"}).text
    assert 'aria-current="true"' in html
    # The link for another muscle keeps the laterality filter and adds to the muscle filter.
    assert 'href="?muscle=glutes&amp;laterality=unilateral&amp;muscle=hamstrings"' in html


def test_exercise_page_shows_every_section(db: Database) -> None:
    html = client_for(db).get("/exercises/single-leg-hip-thrust").text
    for section in (
        "summary",
        "steps",
        "muscles",
        "tips",
        "equipment",
        "benefits",
        "drills",
        "faq",
        "variations",
        "alternatives",
    ):
        assert f'id="{section}"' in html, section
    exercise = db.run(library.get_exercise, "single-leg-hip-thrust")
    assert exercise.warm_up[0].name in html and 'class="body-map' in html


def test_muscle_and_equipment_pages_list_their_exercises(db: Database) -> None:
    client = client_for(db)
    assert 'href="/exercises/glute-bridge"' in client.get("/muscles/glutes").text
    assert 'href="/exercises/kettlebell-swing"' in client.get("/equipment/kettlebell").text
    assert 'href="/muscles/neck"' in client.get("/muscles").text
    assert 'href="/equipment/rings"' in client.get("/equipment").text


def test_unknown_pages_are_404_with_suggestions(db: Database) -> None:
    client = client_for(db)
    response = client.get("/exercises/glute-brige")
    assert response.status_code == 404 and 'href="/exercises/glute-bridge"' in response.text
    muscle = client.get("/muscles/glutez")
    assert muscle.status_code == 404 and 'href="/muscles/glutes"' in muscle.text
    bad_filter = client.get("/", params={"level": "godlike"})
    assert bad_filter.status_code == 400 and "unknown level" in bad_filter.text


def test_imported_content_is_escaped(db: Database, tmp_path: Path) -> None:
    page = tmp_path / "evil.txt"
    page.write_text(
        "The sneaky curl is a bilateral isolation elbow flexion exercise with <script>alert(1)</script> load.\n"
        "Curl the <b>bar</b>.\nLower it.\n"
        "Muscle Worked\nPrimary Muscle Groups\nBiceps\nThey <img src=x onerror=alert(2)> bend the elbow.\n"
    )
    db.run(library.import_page, page)
    client = client_for(db)
    html = client.get("/exercises/sneaky-curl").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bar&lt;/b&gt;" in html
    search = client.get("/", params={"q": '"><script>alert(3)</script>'}).text
    assert "<script>alert(3)" not in search


def test_pages_load_nothing_from_other_hosts(db: Database) -> None:
    client = client_for(db)
    for url in ("/", "/exercises/glute-bridge", "/muscles", "/equipment/bench"):
        html = client.get(url).text
        assert "http://" not in html.replace(BASE_URL, "") and "https://" not in html.replace("https://doi.org", "")


def test_exercise_page_says_how_to_program_it_and_whose_study_it_cites(db: Database) -> None:
    html = client_for(db).get("/exercises/barbell-back-squat").text
    assert 'id="programming"' in html
    assert "Work sets: 5-8 reps, with 3 min rest after each." in html
    assert "once every set reaches 8 reps, add 5 kg (10 lb) and start again at 5 reps." in html
    assert "Ramp-up sets lead from the empty bar" in html
    # The footer names the study as references.toml records it, and links its DOI.
    assert "Kubo K, Ikebukuro T, Yata H (2019)." in html and "European Journal of Applied Physiology" in html
    assert 'href="https://doi.org/10.1007/s00421-019-04181-y"' in html
    plank = client_for(db).get("/exercises/plank").text
    assert "Work sets: 20-45 seconds, with 1 min rest after each." in plank
    assert "once every set lasts 45 seconds, move on to the harder variation" in plank
    assert "Ramp-up sets" not in plank and 'id="references"' not in plank

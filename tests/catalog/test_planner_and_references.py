"""Planner defaults and references in catalog files: what the checker refuses, named by file and line, and what
a reader gets from them on the page, in the terminal and from the API."""

from __future__ import annotations

from pathlib import Path

from liftlore.catalog.loader import Catalog
from liftlore.domain.exercise import TargetUnit
from tests.catalog.test_checker import edit, mini, problems

__all__ = ["mini"]  # the fixture, used by name below

HIP_THRUST_TITLE = (
    "A Comparison of Gluteus Maximus, Biceps Femoris, and Vastus Lateralis Electromyographic Activity in the "
    "Back Squat and Barbell Hip Thrust Exercises"
)


def test_a_target_that_is_not_a_range_is_refused_at_its_line(mini: Path) -> None:
    path, line = edit(mini, "glute-bridge", "target: ", "target: about ten ")
    assert any(p.startswith(f"{path}:{line}: 'target' must read like '6-10 reps'") for p in problems(mini))
    path, line = edit(mini, "barbell-hip-thrust", "target: 6-10 reps", "target: 10-6 reps")
    assert any(p.startswith(f"{path}:{line}: 'target' must be a range from low to high") for p in problems(mini))


def test_a_missing_target_or_rest_is_named(mini: Path) -> None:
    path, _ = edit(mini, "glute-bridge", "rest_seconds: ", "rest_secs: ")
    found = problems(mini)
    assert any(p.startswith(str(path)) and "the front matter needs 'rest_seconds'" in p for p in found)
    assert any(p.startswith(str(path)) and "unknown front matter key(s): rest_secs" in p for p in found)


def test_a_load_step_belongs_to_weighed_exercises_only(mini: Path) -> None:
    # The barbell hip thrust without its load step; the glute bridge (body weight) given one.
    path, _ = edit(mini, "barbell-hip-thrust", "load_step_kg: 5\n", "")
    loading_line = path.read_text().split("\n").index("loading: [loaded]") + 1
    found = problems(mini)
    needs_step = "an exercise loaded with weights needs 'load_step_kg': the load added at the top of 'target'"
    assert f"{path}:{loading_line}: {needs_step}" in found
    bridge = (mini / "exercises" / "glute-bridge.md").read_text()
    assert "load_step_kg" not in bridge and "loaded" not in bridge.split("---")[1].split("loading:")[1].split("\n")[0]
    path, line = edit(mini, "glute-bridge", "rest_seconds:", "load_step_kg: 2.5\nrest_seconds:")
    assert (
        f"{path}:{line}: 'load_step_kg' is for an exercise loaded with weights; this one has none to add"
        in problems(mini)
    )


def test_a_citation_must_match_references_toml(mini: Path) -> None:
    path, line = edit(mini, "barbell-hip-thrust", HIP_THRUST_TITLE, "A Study Nobody Wrote")
    assert f"{path}:{line}: cites 'A Study Nobody Wrote', which is not in references.toml" in problems(mini)


def test_a_citation_with_the_wrong_doi_is_refused(mini: Path) -> None:
    path, line = edit(mini, "barbell-hip-thrust", "(doi: 10.1123/jab.2014-0301)", "(doi: 10.1123/jab.2014-0302)")
    assert any(
        p.startswith(f"{path}:{line}: cites '{HIP_THRUST_TITLE}' with the DOI '10.1123/jab.2014-0302'")
        for p in problems(mini)
    )


def test_a_broken_reference_entry_is_named_by_its_key(mini: Path) -> None:
    references = mini / "references.toml"
    references.write_text(
        references.read_text()
        + '\n[nobody-2020-nothing]\nauthors = []\nyear = "soon"\ntitle = "Nothing"\njournal = "J"\n'
        + 'citation = "1:1"\ndoi = "doi.org/10.1/x"\nfinding = "None."\n'
    )
    found = problems(mini)
    assert f"{references}: [nobody-2020-nothing] needs 'authors', a list of names" in found
    assert f"{references}: [nobody-2020-nothing] needs 'year', a whole number" in found
    assert f"{references}: [nobody-2020-nothing] 'doi' must look like 10.NNNN/..., not 'doi.org/10.1/x'" in found


def test_every_bundled_page_carries_planner_defaults(catalog: Catalog) -> None:
    for slug, exercise in catalog.exercises.items():
        planner = exercise.planner
        assert planner is not None, slug
    squat = catalog.exercises["barbell-back-squat"].planner
    plank = catalog.exercises["plank"].planner
    assert squat is not None and squat.ramp_up and squat.load_step_kg == 5 and squat.unit is TargetUnit.REPS
    assert plank is not None and plank.unit is TargetUnit.SECONDS and plank.load_step_kg is None


def test_every_study_is_cited_and_every_citation_is_checked(catalog: Catalog) -> None:
    cited = {r.title for e in catalog.exercises.values() for r in e.references}
    assert sorted(s.key for s in catalog.studies.values() if s.title not in cited) == []
    assert all(r.doi for e in catalog.exercises.values() for r in e.references)


def test_a_warm_up_must_prepare_what_the_exercise_moves(mini: Path) -> None:
    # The glute bridge (hip extension) warmed up with neck circles only: foreign, and nothing prepares the hips.
    text = (mini / "exercises" / "glute-bridge.md").read_text()
    warm = next(line for line in text.split("\n") if line.startswith("warm_up:"))
    path, line = edit(mini, "glute-bridge", warm, "warm_up: [neck-half-circles]")
    found = problems(mini)
    assert (
        f"{path}:{line}: 'neck-half-circles' works the neck, which a hip extension exercise does not move "
        "(spine, hips, knees)" in found
    )
    assert (
        f"{path}:{line}: no warm-up drill prepares the spine, hips, knees that a hip extension exercise moves" in found
    )


def test_a_whole_body_drill_suits_any_exercise(mini: Path) -> None:
    edit(mini, "glute-bridge", "warm_up: [", "warm_up: [jumping-jacks, ")
    assert problems(mini) == []


def test_ramp_up_sets_come_last_and_only_on_a_bar(mini: Path) -> None:
    path, line = edit(
        mini, "barbell-hip-thrust", "warm_up: [bridge-march, ramp-up]", "warm_up: [ramp-up, bridge-march]"
    )
    assert f"{path}:{line}: 'ramp-up' comes last in the warm-up, right before the first work set" in problems(mini)
    # The hip thrust counts as isolation; written as a compound barbell lift, it needs its ramp-up sets.
    edit(mini, "barbell-hip-thrust", "mechanic: isolation", "mechanic: compound")
    edit(mini, "barbell-hip-thrust", "isolation hip extension exercise", "compound hip extension exercise")
    edit(mini, "barbell-hip-thrust", "warm_up: [ramp-up, bridge-march]", "warm_up: [bridge-march]")
    message = "a heavy barbell lift ends its warm-up with 'ramp-up', the sets that build up to the work"
    assert f"{path}:{line}: {message}" in problems(mini)
    bridge, bridge_line = edit(mini, "glute-bridge", "warm_up: [", "warm_up: [ramp-up, ")
    assert any(p.startswith(f"{bridge}:{bridge_line}: 'ramp-up' starts from an empty bar") for p in problems(mini))


def test_a_drill_names_the_regions_it_works(mini: Path) -> None:
    drill = mini / "drills" / "bridge-march.md"
    drill.write_text(drill.read_text().replace("regions: [hips, spine]", "regions: [glutes]"))
    assert any(p.startswith(f"{drill}:4: 'regions' must list the body regions the drill works") for p in problems(mini))

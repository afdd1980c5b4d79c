"""The catalog checker refuses broken catalogs and names the file and line of each problem."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from liftlore.catalog import CATALOG_DIR
from liftlore.catalog.loader import read_catalog

EXERCISES = ("glute-bridge", "barbell-hip-thrust", "single-leg-hip-thrust")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """Three real exercises with their drills and taxonomy, variation links removed (their targets are absent)."""
    root = tmp_path / "catalog"
    (root / "exercises").mkdir(parents=True)
    shutil.copytree(CATALOG_DIR / "drills", root / "drills")
    for name in ("muscles.toml", "equipment.toml", "references.toml"):
        shutil.copy(CATALOG_DIR / name, root / name)
    for slug in EXERCISES:
        text = (CATALOG_DIR / "exercises" / f"{slug}.md").read_text()
        text = re.sub(r"^(easier|harder):.*\n", "", text, flags=re.MULTILINE)
        (root / "exercises" / f"{slug}.md").write_text(text)
    return root


def edit(root: Path, slug: str, old: str, new: str, count: int = 1) -> tuple[Path, int]:
    """Replace text in an exercise file; returns the file and the line where the change landed."""
    path = root / "exercises" / f"{slug}.md"
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count))
    return path, line


def problems(root: Path) -> list[str]:
    return [str(p) for p in read_catalog(root).problems]


def test_the_mini_catalog_is_clean(mini: Path) -> None:
    assert problems(mini) == []


def test_dangling_muscle_slug(mini: Path) -> None:
    path, line = edit(mini, "glute-bridge", "primary_muscles: [glutes", "primary_muscles: [glutez")
    assert f"{path}:{line}: 'primary_muscles' names 'glutez', which is not in muscles.toml" in problems(mini)


def test_dangling_equipment_and_drill_slugs(mini: Path) -> None:
    path, line = edit(mini, "barbell-hip-thrust", "equipment: [barbell", "equipment: [barbel")
    _, warm_line = edit(mini, "barbell-hip-thrust", "warm_up: [", "warm_up: [no-such-drill, ")
    found = problems(mini)
    assert f"{path}:{line}: 'equipment' names 'barbel', which is not in equipment.toml" in found
    assert f"{path}:{warm_line}: 'warm_up' names the drill 'no-such-drill', which is not in drills/" in found


def test_name_or_alias_used_twice(mini: Path) -> None:
    path = mini / "exercises" / "glute-bridge.md"
    text = re.sub(r"^aliases:.*\n", "", path.read_text(), flags=re.MULTILINE)
    path.write_text(text.replace("name: Glute Bridge\n", "name: Glute Bridge\naliases: [barbell-hip thrust]\n", 1))
    found = problems(mini)
    assert any(
        p.startswith(f"{path}:3: ") and "'barbell-hip thrust' is already used by barbell-hip-thrust.md" in p
        for p in found
    ), found


def test_missing_required_section(mini: Path) -> None:
    path = mini / "exercises" / "glute-bridge.md"
    text = path.read_text()
    start = text.index("## Tips")
    end = text.index("## ", start + 3)
    path.write_text(text[:start] + text[end:])
    assert any(p.startswith(f"{path}:") and "the required section '## Tips' is missing" in p for p in problems(mini))


def test_primary_muscle_repeated_among_secondary(mini: Path) -> None:
    path, line = edit(mini, "glute-bridge", "secondary_muscles: [", "secondary_muscles: [glutes, ")
    assert f"{path}:{line}: 'glutes' is a primary muscle and must not be repeated among the secondary ones" in problems(
        mini
    )


def test_duplicated_and_empty_steps(mini: Path) -> None:
    path = mini / "exercises" / "glute-bridge.md"
    text = path.read_text()
    first_step = re.search(r"^1\. (.*)$", text, flags=re.MULTILINE)
    assert first_step is not None
    second = re.search(r"^2\. .*$", text, flags=re.MULTILINE)
    assert second is not None
    line = text[: second.start()].count("\n") + 1
    path.write_text(text[: second.start()] + f"2. {first_step.group(1)}" + text[second.end() :])
    assert f"{path}:{line}: this step repeats an earlier one" in problems(mini)


def test_dose_without_a_number(mini: Path) -> None:
    drill = mini / "drills" / "forward-leg-swings.md"
    text = drill.read_text()
    drill.write_text(re.sub(r"\d+", "several", text))
    assert any(p.startswith(f"{drill}:") and "the dose has no number" in p for p in problems(mini))


def test_summary_that_contradicts_the_front_matter(mini: Path) -> None:
    path, _ = edit(mini, "glute-bridge", "laterality: bilateral", "laterality: unilateral")
    assert any(p.startswith(f"{path}:") and "the summary reads as laterality bilateral" in p for p in problems(mini))


def test_broken_front_matter_names_the_line(mini: Path) -> None:
    path, _ = edit(mini, "glute-bridge", "mechanic:", "mechanic: [unclosed\nmechanic:")
    found = problems(mini)
    assert any(p.startswith(f"{path}:") and "not valid YAML" in p for p in found)

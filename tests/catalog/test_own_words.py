"""Every sentence in the catalog is our own: no run of 12 or more words is shared with the open datasets
under ../shared/datasets/ (issue 13, "ours alone, checked").

How text is compared (the same function on both sides, `words`):
- HTML tags are dropped and entities decoded (wger descriptions are HTML); accents are folded (é -> e);
- text is lower-cased and apostrophes (' ’ ‘ ʼ `) are removed, so "don't" and "don’t" are both "dont";
- every other character that is not a-z or 0-9 separates words, so hyphens and dashes split words on both
  sides ("single-leg" and "single leg" are both "single leg"), and "40 %" and "40%" are both "40".

What is compared:
- the catalog: every text a reader sees, read from the files themselves (so a page that another check rejects
  is still compared): each exercise and drill page's name and aliases and every paragraph, list item and
  heading of its body (summary, steps, tips, benefits, FAQ, the drill's intro and steps), and the name,
  description and aliases of every entry in muscles.toml and equipment.toml (the muscle and equipment lines of a
  page are those descriptions). Each paragraph, list item, heading and value is cut into 12-word runs on its
  own, so a run never spans two steps or two fields. A cited study's title ("Learn more here: <title>.") is a
  quotation, not our writing, and is left out.
- the datasets: every file under ../shared/datasets/, walked recursively. In a JSON file, every string value at
  any depth; a list whose items are all strings (such as a list of instructions) is compared as one text, so a
  page that merges two consecutive dataset steps is caught as well. Any other file (Markdown, CSV, text) is
  compared as its whole text.

The catalog's runs are indexed by hash (the catalog is far smaller than the datasets, so memory stays small),
every dataset run is looked up in that index, and each hit is confirmed word by word.
"""

from __future__ import annotations

import html
import json
import re
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from liftlore.catalog import CATALOG_DIR
from tests.conftest import SHARED, shared_file

RUN = 12  # this many words in a row in common is a copied sentence
DATASETS = SHARED / "datasets"

TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
APOSTROPHE = re.compile(r"['’‘ʼ`]")
WORD = re.compile(r"[a-z0-9]+")
CITATION = re.compile(r"\s*Learn more here:.*$")
LIST_MARK = re.compile(r"^(?:#+|\d+\.|[-*])\s+")


def words(text: str) -> list[str]:
    """The words of a text, as compared: see the module's docstring."""
    text = html.unescape(TAG.sub(" ", text))
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return WORD.findall(APOSTROPHE.sub("", text.lower()))


@dataclass(frozen=True)
class Unit:
    """One piece of catalog text that is compared on its own, and where a writer finds it."""

    where: str
    words: tuple[str, ...]


def page_units(path: Path, label: str) -> Iterator[Unit]:
    """The reader-visible text of an exercise or drill page: its name and aliases, then each body block."""
    lines = path.read_text(encoding="utf-8").splitlines()
    body_start = 0
    if lines and lines[0].strip() == "---":
        for number, line in enumerate(lines[1:], start=2):
            if line.strip() == "---":
                body_start = number
                break
            key, _, value = line.partition(":")
            value = value.split(" #", 1)[0].strip()
            if key.strip() == "name":
                yield Unit(f"{label}:{number}", tuple(words(value)))
            elif key.strip() == "aliases":
                for alias in value.strip("[]").split(","):
                    yield Unit(f"{label}:{number}", tuple(words(alias)))
    block: list[str] = []
    block_line = 0
    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        text = line.strip()
        starts_item = bool(LIST_MARK.match(text))
        if block and (not text or starts_item):
            yield Unit(f"{label}:{block_line}", tuple(words(CITATION.sub("", " ".join(block)))))
            block = []
        if text:
            if not block:
                block_line = number
            block.append(LIST_MARK.sub("", text))
            if starts_item and text.startswith("#"):  # a heading is a block of its own
                yield Unit(f"{label}:{block_line}", tuple(words(" ".join(block))))
                block = []
    if block:
        yield Unit(f"{label}:{block_line}", tuple(words(CITATION.sub("", " ".join(block)))))


def taxonomy_units(path: Path) -> Iterator[Unit]:
    """The name, description and aliases of every entry of muscles.toml or equipment.toml."""
    for slug, entry in tomllib.loads(path.read_text(encoding="utf-8")).items():
        if not isinstance(entry, dict):
            continue
        for key in ("name", "description", "aliases"):
            values = entry.get(key, [])
            for value in [values] if isinstance(values, str) else values:
                yield Unit(f"{path.name} [{slug}] {key}", tuple(words(str(value))))


def catalog_units(directory: Path = CATALOG_DIR) -> list[Unit]:
    units: list[Unit] = []
    for folder in ("exercises", "drills"):
        for path in sorted((directory / folder).glob("*.md")):
            units.extend(page_units(path, f"{folder}/{path.name}"))
    for name in ("muscles.toml", "equipment.toml"):
        units.extend(taxonomy_units(directory / name))
    for path in sorted((directory / "programmes").glob("*.toml")):
        units.extend(programme_units(path))
    return units


def programme_units(path: Path) -> Iterator[Unit]:
    """A programme's name, summary and source, the prose of its file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for key in ("name", "summary", "source"):
        yield Unit(f"programmes/{path.name} {key}", tuple(words(str(data.get(key, "")))))


def json_texts(value: object) -> Iterator[str]:
    """Every string in a JSON value, at any depth; a list of strings as one text."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        if value and all(isinstance(item, str) for item in value):
            yield "\n".join(value)
        else:
            for item in value:
                yield from json_texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_texts(item)


def dataset_texts(root: Path) -> Iterator[tuple[str, str]]:
    """(file relative to the datasets folder, text) for every text in every dataset file."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = str(path.relative_to(root))
        try:
            raw = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # not text: nothing a page could copy
        if path.suffix == ".json":
            for text in json_texts(json.loads(raw)):
                yield name, text
        else:
            yield name, raw


@dataclass(frozen=True)
class SharedRun:
    where: str
    dataset: str
    text: str

    @property
    def length(self) -> int:
        return len(self.text.split())


def shared_runs(units: list[Unit], texts: Iterable[tuple[str, str]], run: int = RUN) -> list[SharedRun]:
    """Every maximal run of `run` or more words that a catalog unit shares with one of the texts."""
    index: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for u, unit in enumerate(units):
        for i in range(len(unit.words) - run + 1):
            index[hash(unit.words[i : i + run])].append((u, i))
    matched: dict[tuple[int, int], str] = {}  # (unit, position) -> the dataset file it was found in
    for dataset, text in texts:
        found = words(text)
        for i in range(len(found) - run + 1):
            places = index.get(hash(tuple(found[i : i + run])))
            if places:
                shingle = tuple(found[i : i + run])
                for u, p in places:
                    if units[u].words[p : p + run] == shingle:
                        matched.setdefault((u, p), dataset)
    runs: list[SharedRun] = []
    for u, p in sorted(matched):
        unit = units[u]
        if (u, p - 1) in matched:
            continue  # inside a run that started earlier
        end = p
        while (u, end + 1) in matched:
            end += 1
        runs.append(SharedRun(unit.where, matched[(u, p)], " ".join(unit.words[p : end + run])))
    return runs


def test_words_are_compared_the_same_way_on_both_sides() -> None:
    assert (
        words("Don't lock your knees")
        == words("<p>don’t lock your&nbsp;knees</p>")
        == ["dont", "lock", "your", "knees"]
    )
    assert words("single-leg, 40% – slowly") == words("Single leg 40 % - slowly") == ["single", "leg", "40", "slowly"]
    assert words("Pliés") == ["plies"]


def test_a_copied_run_is_found_and_named() -> None:
    units = [
        Unit(
            "exercises/x.md:20", tuple(words("Lie on your back with your knees bent and your feet flat on the floor."))
        ),
        Unit("exercises/x.md:21", tuple(words("Lie on your back with your knees bent, then lift your hips."))),
        Unit("exercises/y.md:9", tuple(words("Lie on your back; bend your knees and set your feet flat."))),
    ]
    dataset = [("d/a.json", "<p>Lie on your back with your knees bent and your feet flat on the floor, arms out.</p>")]
    assert shared_runs(units, dataset) == [
        SharedRun(
            "exercises/x.md:20", "d/a.json", "lie on your back with your knees bent and your feet flat on the floor"
        )
    ]


def test_each_field_of_a_page_is_compared_on_its_own(tmp_path: Path) -> None:
    page = tmp_path / "demo.md"
    page.write_text(
        "---\nname: Demo Lift\naliases: [demo, trial lift]\nlevel: beginner\n---\n\n## Summary\n\n"
        "The demo lift is a test.\n\n## Steps\n\n1. Stand up.\n2. Sit down.\n\n## Benefits\n\n"
        "It helps. Learn more here: A Study Title (doi: 10.1/x).\n\n## FAQ\n\n### Is it real?\n\nNo.\n",
        encoding="utf-8",
    )
    found = [(unit.where, " ".join(unit.words)) for unit in page_units(page, "exercises/demo.md")]
    assert found == [
        ("exercises/demo.md:2", "demo lift"),
        ("exercises/demo.md:3", "demo"),
        ("exercises/demo.md:3", "trial lift"),
        ("exercises/demo.md:7", "summary"),
        ("exercises/demo.md:9", "the demo lift is a test"),
        ("exercises/demo.md:11", "steps"),
        ("exercises/demo.md:13", "stand up"),
        ("exercises/demo.md:14", "sit down"),
        ("exercises/demo.md:16", "benefits"),
        ("exercises/demo.md:18", "it helps"),
        ("exercises/demo.md:20", "faq"),
        ("exercises/demo.md:22", "is it real"),
        ("exercises/demo.md:24", "no"),
    ]


@pytest.mark.shared
def test_no_page_shares_a_run_of_words_with_the_datasets() -> None:
    root = shared_file(DATASETS)
    units = catalog_units()
    assert len(units) > 1000, "the catalog's text was not found"
    texts = list(dataset_texts(root))
    assert len(texts) > 1000, f"{root} holds too little text to compare with"
    runs = shared_runs(units, texts)
    if runs:
        pages = sorted({run.where.split(":")[0].split(" [")[0] for run in runs})
        shown = "\n".join(f'  {r.where}: {r.length} words in common with {r.dataset}: "{r.text}"' for r in runs)
        pytest.fail(
            f"{len(pages)} catalog file(s) share a run of {RUN} or more words with ../shared/datasets "
            f"({', '.join(pages)}); rewrite these sentences in our own words:\n{shown}",
            pytrace=False,
        )

"""Files that are not pages are refused with one message naming the file (and line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from liftlore.catalog.loader import Catalog
from liftlore.errors import LiftloreError
from liftlore.page.read import read_page_file
from tests.conftest import DATA


def refused(catalog: Catalog, path: Path) -> LiftloreError:
    with pytest.raises(LiftloreError) as caught:
        read_page_file(path, catalog.taxonomy)
    error = caught.value
    assert error.file == str(path)
    assert str(error).startswith(str(path))
    return error


def test_empty_file(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n  \n")
    assert "empty" in refused(catalog, path).message


def test_binary_file(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)))
    assert "binary" in refused(catalog, path).message


def test_invalid_utf8_is_called_binary_too(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 squat\n".encode("latin-1"))
    assert "not UTF-8" in refused(catalog, path).message


def test_file_over_one_megabyte(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("The squat is a bilateral exercise.\n" * 40_000)
    assert "at most 1,000,000 bytes" in refused(catalog, path).message


def test_page_without_muscle_worked(catalog: Catalog) -> None:
    error = refused(catalog, DATA / "pages" / "no-muscle-section.txt")
    assert "'Muscle Worked'" in error.message


def test_page_cut_off_inside_the_muscle_section(catalog: Catalog) -> None:
    error = refused(catalog, DATA / "pages" / "cut-off.txt")
    assert error.line == 8
    assert "cut off" in error.message and "'Glutes'" in error.message


def test_muscle_without_description_before_next_heading(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "gap.txt"
    path.write_text(
        "The squat is a bilateral compound squat exercise with a load.\nSit down.\nStand up.\n"
        "Muscle Worked\nPrimary Muscle Groups\nQuads\nPro Tips\nBrace.\n"
    )
    error = refused(catalog, path)
    assert error.line == 7
    assert "'Quads' (line 6) has no description" in error.message


def test_no_name_anywhere_asks_for_name_option(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "nameless.txt"
    path.write_text("Squats build legs.\nSit down.\nMuscle Worked\nPrimary Muscle Groups\nQuads\nThey work.\n")
    assert "--name" in refused(catalog, path).message

"""Reading an exported CSV: the text, its separator, and each record with the line it starts on.

Quoted fields may span lines (notes do), so a record's line is where it starts, not where the reader stopped;
errors point there.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from liftlore.errors import LiftloreError

MAX_BYTES = 200_000_000  # a decade of daily training is a few megabytes; anything this big is not an export


@dataclass(frozen=True)
class CsvRow:
    line: int  # 1-based; the header is line 1
    values: dict[str, str]  # by normalised header name


@dataclass(frozen=True)
class CsvTable:
    path: Path
    delimiter: str
    header: tuple[str, ...]  # as written in the file
    columns: frozenset[str]  # the header's names, normalised: what the readers look up
    rows: tuple[CsvRow, ...]


def normalise_header(name: str) -> str:
    """'Weight (kg)' -> 'weight (kg)', ' Exercise  Name' -> 'exercise name'."""
    return " ".join(name.strip().lower().split())


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LiftloreError("no such file", file=path) from None
    except OSError as exc:
        raise LiftloreError(f"cannot read the file: {exc.strerror}", file=path) from exc
    if not data.strip():
        raise LiftloreError("the file is empty", file=path)
    if len(data) > MAX_BYTES:
        raise LiftloreError(f"a log export may be at most {MAX_BYTES:,} bytes", file=path)
    if b"\x00" in data[:4096]:
        raise LiftloreError("this is a binary file, not a CSV export", file=path)
    try:
        return data.decode("utf-8-sig")  # exports made on Windows start with a byte-order mark
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LiftloreError("the file is not UTF-8 text", file=path, line=line) from None


def sniff_delimiter(header_line: str) -> str:
    """',' or ';' (Strong writes either, by platform and locale), whichever the header uses more."""
    inside = False
    counts = {",": 0, ";": 0}
    for char in header_line:
        if char == '"':
            inside = not inside
        elif char in counts and not inside:
            counts[char] += 1
    return ";" if counts[";"] > counts[","] else ","


def read_csv(path: Path) -> CsvTable:
    text = read_text(path)
    first_line = text.split("\n", 1)[0]
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise LiftloreError(f"the header is not valid CSV ({exc})", file=path, line=1) from None
    names = [normalise_header(h) for h in header]
    if len(set(names)) != len(names):
        raise LiftloreError("the header names a column twice", file=path, line=1)
    rows: list[CsvRow] = []
    ended = reader.line_num
    while True:
        start = ended + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise LiftloreError(f"not valid CSV ({exc}); is a quote left open?", file=path, line=start) from None
        ended = reader.line_num
        if not any(cell.strip() for cell in record):
            continue  # blank lines, such as the one some apps leave at the end
        if len(record) != len(names):
            raise LiftloreError(
                f"expected {len(names)} columns like the header, found {len(record)}", file=path, line=start
            )
        rows.append(CsvRow(line=start, values=dict(zip(names, record, strict=True))))
    return CsvTable(path=path, delimiter=delimiter, header=tuple(header), columns=frozenset(names), rows=tuple(rows))

"""Typed values out of a dataset's JSON. A value of the wrong type is a LiftloreError naming the file and field
while the files are read, never a crash (or a silently empty value) later, halfway through the import."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from liftlore.errors import LiftloreError


def load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LiftloreError(f"cannot read the file: {exc.strerror}", file=path) from exc
    except json.JSONDecodeError as exc:
        raise LiftloreError(f"not valid JSON: {exc.msg}", file=path, line=exc.lineno) from exc


def describe(value: object) -> str:
    """A value as an error message shows it: 'text "glutes"', 'a list', 'true'."""
    if isinstance(value, _ListItem):
        return f"{describe(value.value)} in the list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'text "{shown}"'
    if isinstance(value, int | float):
        return f"the number {value}"
    return "a list" if isinstance(value, list) else "an object"


@dataclass(frozen=True)
class Where:
    """Where a record sits, so an error names it: the file, the record's place in it, how the record is known."""

    file: Path
    prefix: str = ""  # put before a field's key: "[12]." for the 13th record of an array
    record: str = ""  # put before the message: "record pk 7: "

    def error(self, key: str, expected: str, value: object) -> LiftloreError:
        return LiftloreError(
            f"{self.record}expected {expected}, found {describe(value)}", file=self.file, field=f"{self.prefix}{key}"
        )


def optional_text(raw: Mapping[str, Any], key: str, where: Where) -> str | None:
    value = raw.get(key)
    if value is None or isinstance(value, str):
        return value
    raise where.error(key, "text", value)


def text_list(raw: Mapping[str, Any], key: str, where: Where) -> tuple[str, ...]:
    """A list of text, blank items dropped (the datasets hold a few empty instruction lines); missing is empty."""
    value = raw.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise where.error(key, "a list of text", _offending(value, lambda item: isinstance(item, str)))
    return tuple(item.strip() for item in value if item.strip())


def _is_whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)  # JSON true is no id


def whole_number(raw: Mapping[str, Any], key: str, where: Where) -> int:
    value = raw.get(key)
    if not _is_whole(value):
        raise where.error(key, "a whole number", value)
    return value


def optional_whole_number(raw: Mapping[str, Any], key: str, where: Where) -> int | None:
    return None if raw.get(key) is None else whole_number(raw, key, where)


def number_list(raw: Mapping[str, Any], key: str, where: Where) -> tuple[int, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(_is_whole(item) for item in value):
        raise where.error(key, "a list of whole numbers", _offending(value, _is_whole))
    return tuple(value)


class _ListItem:
    """The wrong item of a list, shown instead of the whole list, which may be long."""

    def __init__(self, value: object) -> None:
        self.value = value


def _offending(value: object, fits: Callable[[object], bool]) -> object:
    if not isinstance(value, list):
        return value
    return _ListItem(next(item for item in value if not fits(item)))

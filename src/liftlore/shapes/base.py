"""What every JSON shape has in common."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, PlainSerializer, WithJsonSchema

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


class Shape(BaseModel):
    """A JSON shape. Unknown fields are refused, so validating real output against its model (as the tests do)
    notices a field that a hand-built dict added and nobody declared; instances are immutable values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready values (str, int, float, bool, None, lists, dicts), for `json.dumps`."""
        return self.model_dump(mode="json")


def _iso(moment: datetime) -> str:
    return moment.isoformat()


# Written with `isoformat()`: the offset stays "+00:00" (Pydantic would write "Z"), so the export's text and the
# API's times are what they were before these models existed. The zone's name travels separately (`time_zone`).
Moment = Annotated[
    datetime,
    PlainSerializer(_iso, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


def known(value: T | None, what: str) -> T:
    """A value the shape requires that the domain object may lack before it is stored (a set's id): a stored
    object always has it, so a missing one is a bug in the caller, not the user's mistake."""
    if value is None:
        raise ValueError(f"{what} is missing: only stored objects have a JSON shape")
    return value


def rounded(value: float, places: int = 2) -> float:
    """Derived figures (e1RM, records) to 2 places: more digits than that are noise, not precision."""
    return round(value, places)


class PerObject(Generic[K, V]):
    """`build(obj)` remembered per object, for the shape of an immutable (frozen) domain object that requests build
    again and again: the library snapshot's exercises, up to a few hundred in one list, whose validated shapes
    took more time than the rest of the request. Keyed by identity, not equality: hashing a frozen exercise costs
    2 µs, finding it by id 0.1 µs. The object is kept beside its shape, so its id cannot pass to another object
    while remembered; past `size` objects (a renewed snapshot leaves the old ones behind) it starts over. Two
    threads may build the same shape at once; both are equal, and either is kept."""

    def __init__(self, build: Callable[[K], V], *, size: int) -> None:
        self.build = build
        self.size = size
        self.memory: dict[int, tuple[K, V]] = {}

    def __call__(self, obj: K) -> V:
        found = self.memory.get(id(obj))
        if found is not None and found[0] is obj:
            return found[1]
        shape = self.build(obj)
        if len(self.memory) >= self.size:
            self.memory = {}
        self.memory[id(obj)] = (obj, shape)
        return shape

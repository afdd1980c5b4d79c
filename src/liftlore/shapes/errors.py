"""The JSON body of every error the API answers with."""

from __future__ import annotations

from typing import Any, Self

from pydantic import Field

from liftlore.errors import LiftloreError, NotFoundError, UnknownValueError
from liftlore.shapes.base import Shape


class ErrorOut(Shape):
    """What went wrong, and where. The optional fields appear only when they have something to say."""

    message: str
    field: str | None = Field(description="The parameter or body field at fault, when there is one")
    allowed: list[str] | None = Field(default=None, description="The values that exist (an unknown filter value)")
    suggestions: list[str] | None = Field(default=None, description="The closest slugs (an unknown slug)")
    error_id: str | None = Field(default=None, description="A 500's id in the server log, to quote when reporting")

    @classmethod
    def from_error(cls, exc: LiftloreError) -> Self:
        found = cls(message=str(exc.message), field=exc.field)
        if isinstance(exc, UnknownValueError):
            found = found.model_copy(update={"allowed": exc.allowed})
        if isinstance(exc, NotFoundError) and exc.suggestions:
            found = found.model_copy(update={"suggestions": exc.suggestions})
        return found

    def body(self) -> dict[str, Any]:
        """The JSON body: `message` and `field` always, the others only when given."""
        return {"message": self.message, "field": self.field} | self.model_dump(mode="json", exclude_none=True)

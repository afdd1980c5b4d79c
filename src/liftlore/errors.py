"""The one exception type for errors a user can cause, and how it names where the problem is."""

from __future__ import annotations

from pathlib import Path


class LiftloreError(Exception):
    """A problem with the user's input: a bad file, an unknown exercise, a bad value.

    Adapters turn it into exit code 2 (CLI) or a 4xx JSON body (web); its text names the file, line and field
    so the user can find the problem without a traceback.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = _encodable(message)
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = _encodable(field) if field is not None else None
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file if self.line is None else f"{self.file}:{self.line}"
        elif self.line is not None:
            where = f"line {self.line}"
        parts = [p for p in (where, self.field) if p]
        prefix = ": ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message


def _encodable(text: str) -> str:
    """`text` with any lone surrogate replaced by '?'. Messages quote what the user sent ("unknown set_type
    '...'"), and a lone surrogate in it (JSON's "\\ud800" decodes to one) cannot be encoded as UTF-8, which
    turned a 400 into a 500 when the error itself was sent."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


class NotFoundError(LiftloreError):
    """A slug or name that is not in the library; carries the closest names as suggestions."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        self.suggestions = suggestions or []
        super().__init__(message)


class UnknownValueError(LiftloreError):
    """A filter or lookup value that does not exist; carries the values that do."""

    def __init__(self, field: str, value: str, allowed: list[str]) -> None:
        self.allowed = allowed
        super().__init__(f"unknown {field} '{value}'; known: {', '.join(allowed)}", field=field)

"""The bounds every input is held to, whichever door it came in by (API, form, grammar, importers, CLI).

A fuzzer found what unbounded input does: `1e999` parsed as infinity and stored, then every read of the workout
failed; a 10 MB exercise name cost minutes of fuzzy matching; a lone surrogate broke the JSON error response; a
date in year 9999 overflowed the first `+ timedelta`. So every number, text and date is held to a believable range
before anything is built from it, and the limit is one named constant here.

The checks, for the services and adapters to call at their edge (the domain's own constructors call them too):

    check_text(value: str, field: str, max_length: int) -> str
        The text with surrounding whitespace stripped and line endings made '\\n'. Refused (LiftloreError naming
        `field`) when longer than `max_length` characters once stripped, or when it holds an unpaired surrogate or
        a control character other than tab and newline. Call it before any costly work on the text (fuzzy
        matching, parsing), since it looks at no more than `max_length` characters.
    check_count(count: int, field: str, most: int) -> int
        `count` itself; refused when negative or more than `most` (sets in one request, rows asked for).
    check_moment(value: datetime, field: str) -> datetime
        `value` itself; refused unless EARLIEST <= value < LATEST (a naive time is compared as if UTC).
    check_number(value: float, field: str, lowest: float, highest: float) -> float
        `value` itself; refused unless it is a real number (not NaN, not infinite) with lowest <= value <= highest.
    check_page(limit: int, offset: int) -> tuple[int, int]
        (limit, offset); refused unless 1 <= limit <= MAX_PAGE_SIZE and 0 <= offset <= MAX_OFFSET.

The services call these names (keep them): `check_text`, `check_count`, `check_moment`, `MAX_NAME_LENGTH`,
`MAX_SETS_PER_LOG`, `MAX_PAGE_SIZE`, `MAX_OFFSET`.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime

from liftlore.errors import LiftloreError

# -- text ----------------------------------------------------------------------------------------------------------

MAX_NAME_LENGTH = 200  # an exercise's name: the longest in the catalog and the datasets is under 80 characters;
# this also bounds what fuzzy matching costs (it grows with the square of the length)
MAX_WORKOUT_NAME_LENGTH = 200  # the store's name columns hold 300, so a name that passes always fits
MAX_NOTES_LENGTH = 5000  # a page of text: notes on a workout or an exercise, not a diary
MAX_LOG_LINE_LENGTH = 2000  # a typed log line: 100 sets written out in full is about 1,500 characters

# -- counts --------------------------------------------------------------------------------------------------------

MAX_SETS_PER_LOG = 100  # sets in one log request, and what one typed line may expand to ('x 3', 'each')
MAX_PAGE_SIZE = 100  # rows in one page of a listing
MAX_OFFSET = 1_000_000  # how far into a listing one may skip; beyond every real log, and cheap to refuse
MAX_SUPERSET_GROUP = 1000  # superset numbers are small per workout; the bound keeps them in a 32-bit column

# -- numbers in a set ----------------------------------------------------------------------------------------------

MAX_REPS = 1000
MAX_WEIGHT_KG = 1500.0  # beyond any lift on record, so a typo like 1000 lb x 5 on a curl is still accepted
MAX_DURATION_S = 24 * 3600.0  # one set in one day: even an ultramarathon is logged within it
MAX_DISTANCE_M = 1_000_000.0  # 1,000 km: more than anyone covers in one set, even on a bike

# -- dates ---------------------------------------------------------------------------------------------------------

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)  # exclusive; far from datetime.max, so adding a day or a zone never overflows

# Characters that are not text: C0 and C1 controls except tab and newline (PostgreSQL refuses NUL outright; the
# others garble terminals and logs), and surrogates, which are halves of a UTF-16 pair and cannot be encoded alone.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def check_text(value: str, field: str, max_length: int) -> str:
    """`value` stripped, with '\\r\\n' and '\\r' made '\\n' (browsers send form text with CRLF); refused, naming
    `field`, when longer than `max_length` or when it holds a control character or a lone surrogate.

    The message never repeats the text: a surrogate in it would break the error's own JSON, and a huge text does
    not belong in an error message either."""
    text = value.strip()
    if len(text) > max_length:
        raise LiftloreError(f"at most {max_length:,} characters, not {len(text):,}", field=field)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _NOT_TEXT.search(text)
    if bad is not None:
        code = ord(bad.group())
        what = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "a control character"
        raise LiftloreError(f"{what} (U+{code:04X}) at character {bad.start() + 1} is not text", field=field)
    return text


def check_count(count: int, field: str, most: int) -> int:
    """`count` when 0 <= count <= most; refused otherwise, naming `field`."""
    if count < 0:
        raise LiftloreError(f"cannot be negative, not {count}", field=field)
    if count > most:
        raise LiftloreError(f"at most {most:,} at once, not {count:,}", field=field)
    return count


def check_moment(value: datetime, field: str) -> datetime:
    """`value` when it falls from 1900-01-01 up to (not including) 2100-01-01; refused otherwise, naming `field`.

    Anything outside is a typing slip (year 1, year 9999), and at the far ends date arithmetic overflows. A naive
    time is compared as if it were UTC."""
    # Fast path: a year well inside the range is inside whatever its zone (offsets are under a day). The import of
    # a large log checks every set's time, so the exact comparison is kept for the boundary years.
    if EARLIEST.year < value.year < LATEST.year - 1:
        return value
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if not EARLIEST <= aware < LATEST:
        raise LiftloreError(
            f"{value.date().isoformat()} is not a date between {EARLIEST.year} and {LATEST.year}", field=field
        )
    return value


def check_number(value: float, field: str, lowest: float, highest: float) -> float:
    """`value` when it is a real number with lowest <= value <= highest; refused otherwise, naming `field`.

    NaN compares false with everything, so a plain range check lets it through; it is refused first, with the
    infinities (JSON's 1e999 parses as infinity)."""
    check_finite(value, field)
    if not lowest <= value <= highest:
        raise LiftloreError(f"must be between {lowest:g} and {highest:g}, not {shown(value)}", field=field)
    return value


def check_finite(value: float, field: str) -> float:
    """`value` when it is an int or a float that is neither NaN nor infinite; refused otherwise, naming `field`."""
    # The exact types first: every set read or imported passes here, several times, and this is the cheap path.
    kind = type(value)
    if kind is float and math.isfinite(value):
        return value
    if kind is int:
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LiftloreError(f"must be a number, not {type(value).__name__}", field=field)
    # math.isfinite would convert a huge int to float and overflow; ints are finite however large.
    if isinstance(value, float) and not math.isfinite(value):
        raise LiftloreError(f"must be a finite number, not {value}", field=field)
    return value


def check_page(limit: int, offset: int) -> tuple[int, int]:
    """(limit, offset) when 1 <= limit <= MAX_PAGE_SIZE and 0 <= offset <= MAX_OFFSET; refused otherwise."""
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise LiftloreError(f"must be 1 to {MAX_PAGE_SIZE}, not {limit}", field="limit")
    if not 0 <= offset <= MAX_OFFSET:
        raise LiftloreError(f"must be 0 to {MAX_OFFSET:,}, not {offset}", field="offset")
    return limit, offset


def shown(value: float) -> str:
    """A number for an error message: '12.5', 'nan', and no OverflowError (or ValueError for an int of more than
    4,300 digits) for an int too large to format."""
    if isinstance(value, int) and not -(10**15) < value < 10**15:
        return "a number far too large"
    return f"{value:g}"

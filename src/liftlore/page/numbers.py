"""Amounts as pages write them: "10-30 seconds", "half a minute", "thirty to forty-five seconds", "ten swings",
"8 reps per arm", "Repeat six times". A drill's dose is read with these."""

from __future__ import annotations

import re

_UNITS_BELOW_TWENTY = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(_UNITS_BELOW_TWENTY)}
NUMBER_WORDS.update(_TENS)
NUMBER_WORDS.update(
    {
        f"{tens}-{unit}": value + n
        for tens, value in _TENS.items()
        for n, unit in enumerate(_UNITS_BELOW_TWENTY[1:10], 1)
    }
)
NUMBER_WORDS.update({"a dozen": 12, "dozen": 12, "a couple of": 2})

# Longest first, so "forty-five" is not read as "forty".
_NUMBER = "(?:\\d+|" + "|".join(re.escape(w) for w in sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
NUMBER = rf"(?<![\w.]){_NUMBER}(?!\w|-[a-z])"


def number_value(text: str) -> int:
    text = text.lower()
    return int(text) if text.isdigit() else NUMBER_WORDS[text]


_TIME_UNIT = r"(?P<unit>seconds?|secs?|minutes?|mins?)\b"
_TIME_RANGE = re.compile(
    rf"(?P<low>{NUMBER})(?:\s*(?:-|–|to|or)\s*(?P<high>{NUMBER}))?\s*(?:slow\s+|full\s+)?{_TIME_UNIT}", re.IGNORECASE
)
# Times written in words alone, with the seconds they mean.
_TIME_PHRASES: tuple[tuple[re.Pattern[str], tuple[int, int]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), seconds)
    for pattern, seconds in (
        (r"\bhalf an? minute\b", (30, 30)),
        (r"\b(?:a|one) minute and a half\b", (90, 90)),
        (r"\b(?:a|one) minute or two\b", (60, 120)),
        (r"\ba couple (?:of )?minutes\b", (120, 120)),
        (r"\b(?:a|one) (?:full )?minute\b", (60, 60)),
    )
)


def seconds_in(text: str) -> tuple[int, int] | None:
    """The first time span a line states, as (least, most) seconds."""
    found: list[tuple[int, tuple[int, int]]] = []
    for match in _TIME_RANGE.finditer(text):
        scale = 60 if match.group("unit").lower().startswith("min") else 1
        low = number_value(match.group("low")) * scale
        high = number_value(match.group("high")) * scale if match.group("high") else low
        found.append((match.start(), (low, high)))
        break
    taken: list[tuple[int, int]] = []
    for pattern, seconds in _TIME_PHRASES:
        for match in pattern.finditer(text):
            # "half a minute" holds "a minute": a phrase inside one already found is the same time.
            if not any(start <= match.start() < end for start, end in taken):
                found.append((match.start(), seconds))
                taken.append((match.start(), match.end()))
    return min(found)[1] if found else None


# What a drill counts. Other plural words count too ("ten bodyweight good mornings"), but not measures.
REP_NOUNS = (
    "reps|repetitions|rep|swings|swing|circles|circle|rotations|rotation|rolls|roll|breaths|breath|passes|pass|"
    "pulses|pulse|cycles|cycle|rocks|rock|steps|step|times|hops|hop|jumps|jacks|twists|twist|reaches|reach|"
    "slides|slide|switches|lifts|raises|marches|march|hugs|walkouts|walks|squats|openings|nods|turns|tilts|"
    "rounds|sweeps|shrugs|presses|pulls"
)
_MEASURES = frozenset(
    [
        "seconds",
        "second",
        "secs",
        "sec",
        "minutes",
        "minute",
        "mins",
        "min",
        "degrees",
        "degree",
        "inches",
        "inch",
        "feet",
        "foot",
        "meters",
        "metres",
        "meter",
        "metre",
        "yards",
        "yard",
        "kg",
        "kilos",
        "lb",
        "lbs",
        "pounds",
        "percent",
        "cm",
        "mm",
        "sets",
        "set",
    ]
)
_KNOWN_COUNT = re.compile(rf"(?P<n>{NUMBER})(?:\s*(?:-|–|to|or)\s*{NUMBER})?\s+(?:[a-z-]+\s+)?(?:{REP_NOUNS})\b", re.I)
_ANY_COUNT = re.compile(rf"(?<!figure )(?P<n>{NUMBER})\s+(?P<words>(?:[a-z'-]+\s+){{0,2}}[a-z'-]+)", re.IGNORECASE)
_MEASURE = "(?:" + "|".join(sorted(_MEASURES)) + ")"
_BARE_COUNT = re.compile(
    rf"\b(?:do|make|take|perform|complete|repeat|aim for)\s+(?:about\s+|around\s+)?(?P<n>{NUMBER})\b"
    rf"(?!\s*(?:-|–|to|or)?\s*{_MEASURE}\b)|"
    rf"(?P<m>{NUMBER})\s+(?:each|per|on each|every)\s+(?:way|side|direction|leg|arm)\b",
    re.IGNORECASE,
)


def count_in(text: str) -> int | None:
    """The count a line states: '10 swings', 'ten each way', 'Repeat six times', 'Do 8 on each side'."""
    known = _KNOWN_COUNT.search(text)
    if known:
        return number_value(known.group("n"))
    bare = _BARE_COUNT.search(text)
    if bare:
        return number_value(bare.group("n") or bare.group("m"))
    for match in _ANY_COUNT.finditer(text):
        words = match.group("words").lower().split()
        last = next((w for w in words if w.endswith("s") and not w.endswith("ss")), None)
        value = number_value(match.group("n"))
        # "one" is too often "one leg", "one hand": a count of one is written as a number.
        if last is not None and value > 1 and not any(w in _MEASURES for w in words[: words.index(last) + 1]):
            return value
    return None

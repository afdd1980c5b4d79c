"""The words lifters use for what exercise names spell out: abbreviations, slang for muscles, and a few spellings.

Our own table, written from how people write in training logs and forums. Words are given in the form the search
compares (lower case, singular), so "DBs" is looked up as "db" and "hammies" as "hammy".
"""

from __future__ import annotations

# One word that stands for several, rewritten in names and queries alike: the alias "DB RDL" and the query
# "dumbbell romanian deadlift" become the same words, and so do "rdl" and the name "Romanian Deadlift".
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "db": ("dumbbell",),
    "dbs": ("dumbbell",),
    "bb": ("barbell",),
    "kb": ("kettlebell",),
    "kbs": ("kettlebell",),
    "bw": ("bodyweight",),
    "sz": ("ez",),  # wger's German name for the EZ bar ("SZ-bar")
    "multipress": ("smith", "machine"),  # the German gyms' word for the Smith machine
    "ohp": ("overhead", "press"),
    "rdl": ("romanian", "deadlift"),
    "sldl": ("stiff", "leg", "deadlift"),
    "dl": ("deadlift",),
    "ghr": ("glute", "ham", "raise"),
    "bss": ("bulgarian", "split", "squat"),
    "rfess": ("rear", "foot", "elevated", "split", "squat"),
    "cgbp": ("close", "grip", "bench", "press"),
    "sl": ("single", "leg"),
    "flye": ("fly",),
    "legged": ("leg",),  # "stiff-legged" and "stiff-leg", "single-legged" and "single-leg" are the same
    "armed": ("arm",),
    "calve": ("calf",),  # the plural "calves" loses only its s
    "ups": ("up",),  # "Push-Ups": words of three letters keep their s ("abs")
}

# Two words that mean what two others do: "one-arm row" is the single-arm row.
PHRASES: dict[tuple[str, str], tuple[str, str]] = {
    ("one", "arm"): ("single", "arm"),
    ("1", "arm"): ("single", "arm"),
    ("one", "leg"): ("single", "leg"),
    ("1", "leg"): ("single", "leg"),
    ("one", "hand"): ("single", "arm"),
    ("one", "handed"): ("single", "arm"),
}

# Slang for muscle groups, beside the names and aliases the taxonomy gives them ("pecs", "lats", "quads" are
# there already): a query word here names the group.
MUSCLE_SLANG: dict[str, tuple[str, ...]] = {
    "butt": ("glutes",),
    "booty": ("glutes",),
    "bum": ("glutes",),
    "hammy": ("hamstrings",),
    "ham": ("hamstrings",),
    "ab": ("abs",),
    "tri": ("triceps",),
    "bi": ("biceps",),
    "bis": ("biceps",),
    "delt": ("front-delts", "side-delts", "rear-delts"),
    "deltoid": ("front-delts", "side-delts", "rear-delts"),
    "shoulder": ("front-delts", "side-delts", "rear-delts"),
    "back": ("lats", "upper-back", "lower-back"),
}

# Words that carry no meaning in a name or a query ("exercises for pecs", "Leg Press on Hackenschmidt Machine").
STOP_WORDS = frozenset(
    {"a", "an", "and", "or", "the", "of", "on", "to", "with", "for", "in", "at", "by", "vs", "using", "exercise"}
)

# Equipment that is a kind of other equipment: a query for a machine accepts the Smith machine ("squat machine"
# finds the Smith machine squat), not the other way round.
KINDS_OF: dict[str, tuple[str, ...]] = {
    "machine": ("smith-machine",),
}

"""Pure, typed domain objects: no I/O, no database, no web."""

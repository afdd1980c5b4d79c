"""The planner: pure functions from the library, a person's history and their profile to a plan with a reason for
every choice (docs/planner.md). Nothing here reads a database or a file."""

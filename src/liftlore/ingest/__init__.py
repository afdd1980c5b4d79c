"""Bringing outside data in: open exercise datasets (and, later, workout logs)."""

"""Presenting exercises to people: the terminal (Rich)."""

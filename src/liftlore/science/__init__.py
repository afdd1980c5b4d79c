"""Training science as pure functions: estimated 1RM and load tables, the plate calculator, personal records.

Nothing here reads a database or a file; every formula names where it comes from (see docs/training-log.md).
"""

"""Readers for the open exercise datasets. Each follows fetch -> parse -> clean: a reader turns its files into
SourceRecords (parse), and the small pure functions of `cleaning` map and repair them (clean)."""

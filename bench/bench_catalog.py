"""How long the foundation's everyday work takes: reading the catalog, the page round trip, and loading the
catalog into a fresh SQLite database. Prints its figures; run with `make bench` or `python bench/bench_catalog.py`."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from liftlore.catalog.loader import read_catalog
from liftlore.page.read import parse_page
from liftlore.page.write import write_page
from liftlore.services import library
from liftlore.store.db import Database


def timed(label: str, action: Callable[[], object], repeat: int = 5) -> None:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    print(f"{label:<48} median {statistics.median(runs) * 1000:8.1f} ms   min {min(runs) * 1000:8.1f} ms")


def main() -> None:
    catalog = read_catalog()
    pages = [write_page(exercise) for exercise in catalog.exercises.values()]
    print(f"catalog: {len(catalog.exercises)} exercises, {len(catalog.drills)} drills")
    timed("read and check the whole catalog", read_catalog)
    timed(f"write {len(pages)} pages", lambda: [write_page(e) for e in catalog.exercises.values()])
    timed(f"parse {len(pages)} pages", lambda: [parse_page(p, catalog.taxonomy) for p in pages])

    def load_fresh() -> None:
        with tempfile.TemporaryDirectory() as folder:
            db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
            db.upgrade()
            db.run(library.load_bundled_catalog)
            db.dispose()

    timed("migrate + load the catalog into new SQLite", load_fresh, repeat=3)


if __name__ == "__main__":
    main()

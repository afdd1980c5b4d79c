"""Time each open-dataset import into a fresh SQLite database holding the bundled catalog.

Run: `python bench/bench_datasets.py` (reads ../shared/datasets; prints the figures)."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from liftlore.services import library
from liftlore.services.datasets import import_dataset
from liftlore.store.db import Database

DATASETS = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"
SOURCES = {
    "free-exercise-db": DATASETS / "free-exercise-db" / "exercises.json",
    "open-exercise-db": DATASETS / "open-exercise-db",
    "wger": DATASETS / "wger",
}
REPEAT = 3


def fresh_database(folder: Path) -> Database:
    db = Database(f"sqlite:///{folder / 'bench.db'}")
    db.upgrade()
    db.run(library.load_bundled_catalog)
    return db


def main() -> int:
    if not DATASETS.is_dir():
        print(f"skipped: {DATASETS} is absent")
        return 0
    print(
        f"{'dataset':<18} {'records':>7} {'added':>6} {'linked':>6} {'merged':>6} {'skipped':>7}"
        f" {'median':>9} {'min':>9} {'per record':>11}"
    )
    for source, path in SOURCES.items():
        runs: list[float] = []
        for _ in range(REPEAT):
            with tempfile.TemporaryDirectory() as folder:
                db = fresh_database(Path(folder))
                start = time.perf_counter()
                report = db.run(import_dataset, source, path)
                runs.append(time.perf_counter() - start)
                db.dispose()
        median = statistics.median(runs)
        print(
            f"{source:<18} {report.records:>7} {report.added:>6} {report.linked:>6} {report.merged:>6}"
            f" {report.skipped_total:>7} {median:>8.2f}s {min(runs):>8.2f}s {median / report.records * 1000:>8.2f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Serve liftlore on loopback (bundled catalog + wger imported, fresh SQLite) and measure its library requests with
wrk: requests per second and p50/p99 latency at 1 and 8 concurrent clients, each beside a bare FastAPI endpoint
served in the same run.

The bare endpoint is the yardstick for "the framework's speed": one `async` FastAPI route in its own uvicorn
process (same server, same settings), no middleware and no database, returning the first page of the unfiltered
list (20 items, fetched from liftlore before the run) as a dict that FastAPI encodes, as a plain FastAPI app would.
Each liftlore figure is measured in turns with the bare endpoint (bare, liftlore, bare, liftlore...), and printed
with the bare endpoint's requests per second from those same turns and the ratio of the two: the machine is shared,
and a load that comes and goes skews figures taken minutes apart far more than figures taken in turns. The load
average (`uptime`) is printed before and after, and beside each figure.

Run: `python bench/bench_web.py [--seconds 5] [--rounds 2] [--clients 1 8] [--only TEXT]` (needs wrk: `apt-get
install wrk`; reads ../shared/datasets/wger). Aims on a 2-core machine: the filtered list at >= 0.6x the bare
endpoint at 8 clients, the typo search at >= 0.4x; p50 under 5 ms and p99 under 20 ms at 8 clients."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from liftlore.services import browse, library
from liftlore.services.datasets import import_dataset
from liftlore.services.snapshot import library_view
from liftlore.store.db import Database

WGER = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "wger"
TARGETS = {
    "API list (glutes + barbell)": "/api/v1/exercises?muscle=glutes&equipment=barbell&per_page=20",
    "API search (hip thurst)": "/api/v1/exercises?q=hip%20thurst&per_page=20",
    "API exercise record": "/api/v1/exercises/single-leg-hip-thrust",
    "API muscle (glutes)": "/api/v1/muscles/glutes",  # 180 list items in one answer
    "exercise page": "/exercises/single-leg-hip-thrust",
}
FIRST_PAGE = "/api/v1/exercises?per_page=20"  # what the bare endpoint answers: 20 items of the list's shape
SERVER = """
import sys, uvicorn
from liftlore.store.db import Database
from liftlore.web.app import create_app
uvicorn.run(create_app(Database(sys.argv[1])), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning",
            access_log=False)
"""
# The yardstick: what an ordinary FastAPI endpoint costs for the same answer, with nothing of liftlore in it.
BARE_SERVER = """
import json, sys, uvicorn
from fastapi import FastAPI
with open(sys.argv[1]) as source:
    answer = json.load(source)
app = FastAPI()
@app.get("/api/v1/exercises")
async def items() -> dict:
    return answer
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    if not match:
        raise ValueError(f"cannot read a latency from {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


@dataclass(frozen=True)
class Figure:
    rps: float
    p50: float
    p99: float

    @classmethod
    def pooled(cls, runs: list[Figure]) -> Figure:
        """Several runs as one: mean requests per second, median p50, worst p99."""
        return cls(
            statistics.mean(r.rps for r in runs), statistics.median(r.p50 for r in runs), max(r.p99 for r in runs)
        )


def run_wrk(url: str, clients: int, seconds: int) -> Figure:
    threads = min(clients, 2)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    return Figure(rps, p50, p99)


def _wait_until_serving(base: str, paths: list[str]) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            for path in paths:  # also warms the library snapshot
                urllib.request.urlopen(base + path, timeout=5).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seconds", type=int, default=5, help="wrk's duration for each turn")
    parser.add_argument("--rounds", type=int, default=2, help="turns of each target, each after a bare one")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8], help="concurrent keep-alive clients")
    parser.add_argument("--only", default="", help="measure only the targets whose label contains this text")
    return parser.parse_args()


def main() -> int:
    args = _arguments()
    if shutil.which("wrk") is None:
        print("skipped: wrk is not installed (apt-get install wrk)")
        return 0
    if not WGER.is_dir():
        print(f"skipped: {WGER} is absent")
        return 0
    targets = {label: path for label, path in TARGETS.items() if args.only.lower() in label.lower()}
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        db = Database(url)
        db.upgrade()
        db.run(library.load_bundled_catalog)
        report = db.run(import_dataset, "wger", WGER)
        count = len(browse.all_matching(db.run(library_view), browse.ExerciseQuery()))
        db.dispose()
        port, bare_port = _free_port(), _free_port()
        server = subprocess.Popen([sys.executable, "-c", SERVER, url, str(port)])
        bare: subprocess.Popen[bytes] | None = None
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_serving(base, [*TARGETS.values()])
            answer = Path(folder) / "list.json"
            with urllib.request.urlopen(base + FIRST_PAGE, timeout=5) as response:
                answer.write_bytes(response.read())
            items = len(json.loads(answer.read_bytes())["items"])
            bare = subprocess.Popen([sys.executable, "-c", BARE_SERVER, str(answer), str(bare_port)])
            bare_url = f"http://127.0.0.1:{bare_port}/api/v1/exercises"
            _wait_until_serving(bare_url, [""])
            print(f"library: {count} exercises ({report.added} added from wger); one uvicorn worker each")
            print(f"bare endpoint: {items} list items from a dict, no middleware, no database")
            print(
                f"wrk: {args.rounds} turns of {args.seconds}s for each figure, each after a turn of the bare endpoint"
            )
            print(f"before: {load_average()}")
            print(
                f"{'request':<28} {'clients':>7} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'bare':>7} {'x bare':>6}"
                f" {'load':>5}"
            )
            for label, path in targets.items():
                for clients in args.clients:
                    ours: list[Figure] = []
                    yardstick: list[Figure] = []
                    for _ in range(args.rounds):
                        yardstick.append(run_wrk(bare_url, clients, args.seconds))
                        ours.append(run_wrk(base + path, clients, args.seconds))
                    got, bare_got = Figure.pooled(ours), Figure.pooled(yardstick)
                    print(
                        f"{label:<28} {clients:>7} {got.rps:>8.0f} {got.p50:>7.2f} {got.p99:>7.2f} {bare_got.rps:>7.0f}"
                        f" {got.rps / bare_got.rps:>6.2f} {os.getloadavg()[0]:>5.2f}"
                    )
            print(f"after: {load_average()}")
        finally:
            for process in (server, bare):
                if process is not None:
                    process.terminate()
                    process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Serve liftlore on loopback (bundled catalog + wger imported, fresh SQLite) and measure four requests with wrk:
requests per second and p50/p99 latency at 1 and 8 concurrent clients.

Run: `python bench/bench_web.py` (needs wrk: `apt-get install wrk`; reads ../shared/datasets/wger).
Aim on a 2-core machine: p50 under 5 ms and p99 under 20 ms at 8 clients."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from liftlore.services import browse, library
from liftlore.services.datasets import import_dataset
from liftlore.store.db import Database

WGER = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "wger"
TARGETS = {
    "API list (glutes + barbell)": "/api/v1/exercises?muscle=glutes&equipment=barbell&per_page=20",
    "API exercise record": "/api/v1/exercises/single-leg-hip-thrust",
    "API muscle (glutes)": "/api/v1/muscles/glutes",  # 180 list items in one answer
    "exercise page": "/exercises/single-leg-hip-thrust",
}
DURATION = "10s"
SERVER = """
import sys, uvicorn
from liftlore.store.db import Database
from liftlore.web.app import create_app
uvicorn.run(create_app(Database(sys.argv[1])), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning",
            access_log=False)
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


def run_wrk(url: str, clients: int) -> tuple[float, float, float]:
    threads = min(clients, 2)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{clients}", f"-d{DURATION}", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    return rps, p50, p99


def main() -> int:
    if shutil.which("wrk") is None:
        print("skipped: wrk is not installed (apt-get install wrk)")
        return 0
    if not WGER.is_dir():
        print(f"skipped: {WGER} is absent")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        db = Database(url)
        db.upgrade()
        db.run(library.load_bundled_catalog)
        report = db.run(import_dataset, "wger", WGER)
        count = len(db.run(browse.all_matching, browse.ExerciseQuery()))
        db.dispose()
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-c", SERVER, url, str(port)])
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                try:
                    for path in TARGETS.values():  # also warms the library snapshot
                        urllib.request.urlopen(base + path, timeout=5).read()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            print(f"library: {count} exercises ({report.added} added from wger); one uvicorn worker; wrk {DURATION}")
            print(f"{'request':<28} {'clients':>7} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
            for label, path in TARGETS.items():
                for clients in (1, 8):
                    rps, p50, p99 = run_wrk(base + path, clients)
                    print(f"{label:<28} {clients:>7} {rps:>9.0f} {p50:>8.2f} {p99:>8.2f}")
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())

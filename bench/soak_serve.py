"""Soak test of ``newsdigest serve``: ingest through POST /api/articles while readers loop GETs.

Starts the real CLI server (one uvicorn process) on loopback over a new SQLite file, posts the
Multi-News validation sample one cluster per request (W writers at a time) while R reader
threads loop over the story list, story pages and their JSON twins, for a bounded time. Reports
read latency while a write is in flight (the bar of issue 12: p99 under 1 s) and while none is,
write latency, errors, and the server's peak resident memory (VmHWM). Prints a Markdown table.

    .venv/bin/python bench/soak_serve.py --duration 60 --readers 4 --writers 2

Multi-News has no publication dates; cluster k gets a synthetic time k hours after a fixed
start, so stories do not all fall into one week.
"""

from __future__ import annotations

import argparse
import ast
import csv
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "sample_validation250.csv"
START = datetime(2024, 1, 1, tzinfo=timezone.utc)


def batches() -> list[list[dict[str, Any]]]:
    """One POST body per Multi-News cluster: its documents as crawler records."""
    csv.field_size_limit(1 << 30)
    with MULTINEWS.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for k, row in enumerate(rows):
        docs = [d for d in ast.literal_eval(row["documents"]) if d.strip()]
        when = START + timedelta(hours=k)
        out.append(
            [
                {
                    "text": d,
                    "url": f"https://multinews.example/{k}/{j}",
                    "source": f"outlet{j}.example",
                    "published": (when + timedelta(minutes=17 * j)).isoformat(),
                }
                for j, d in enumerate(docs)
            ]
        )
    return out


@dataclass
class Tally:
    """What the threads saw; one lock, taken for an append."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    writes_in_flight: int = 0
    read_during_write: list[float] = field(default_factory=list)
    read_idle: list[float] = field(default_factory=list)
    write: list[float] = field(default_factory=list)
    write_status: dict[int, int] = field(default_factory=dict)
    refusals: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    story_ids: list[str] = field(default_factory=list)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def reader(base: str, tally: Tally, stop: float, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=120) as client:
        while time.monotonic() < stop:
            with tally.lock:
                ids = list(tally.story_ids)
                busy = tally.writes_in_flight > 0
            choice = rng.randrange(4)
            if choice == 0 or not ids:
                url = rng.choice(["/", "/api/stories", "/stories.json?limit=20"])
            else:
                sid = rng.choice(ids)
                url = [f"/stories/{sid}", f"/api/stories/{sid}", f"/stories/{sid}.json"][choice - 1]
            started = time.perf_counter()
            try:
                answer = client.get(url)
                ok = answer.status_code == 200
                detail = f"GET {url}: {answer.status_code}"
            except httpx.HTTPError as exc:
                ok, detail = False, f"GET {url}: {type(exc).__name__}"
            elapsed = time.perf_counter() - started
            with tally.lock:
                busy = busy or tally.writes_in_flight > 0
                (tally.read_during_write if busy else tally.read_idle).append(elapsed)
                if not ok:
                    tally.errors.append(detail)
                elif url == "/api/stories":
                    tally.story_ids[:] = [s["id"] for s in answer.json()["stories"]]


def writer(base: str, tally: Tally, stop: float, queue: list[list[dict[str, Any]]]) -> None:
    with httpx.Client(base_url=base, timeout=600) as client:
        while time.monotonic() < stop:
            with tally.lock:
                if not queue:
                    return
                body = queue.pop(0)
                tally.writes_in_flight += 1
            started = time.perf_counter()
            try:
                answer = client.post("/api/articles", json=body)
                status = answer.status_code
                if status == 422:
                    with tally.lock:
                        tally.refusals.append(answer.json().get("error", "")[:120])
            except httpx.HTTPError as exc:
                status = 0
                with tally.lock:
                    tally.errors.append(f"POST: {type(exc).__name__}")
            elapsed = time.perf_counter() - started
            with tally.lock:
                tally.writes_in_flight -= 1
                tally.write.append(elapsed)
                tally.write_status[status] = tally.write_status.get(status, 0) + 1
                if status not in (200, 422):  # 422: a document the cleaner finds no article in
                    tally.errors.append(f"POST: {status}")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=3, help="clusters posted before timing")
    parser.add_argument(
        "--src", default=str(ROOT / "src"), help="the newsdigest source to serve (compare trees)"
    )
    args = parser.parse_args()

    queue = batches()
    tmp = Path(tempfile.mkdtemp(prefix="newsdigest-soak-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=args.src)
    server = subprocess.Popen(
        [sys.executable, "-m", "newsdigest", "serve", "--db", str(tmp / "news.db"),
         "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(f"{base}/api/stories", timeout=2)
                break
            except httpx.HTTPError:
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit("error: the server did not start")
                time.sleep(0.2)
        tally = Tally()
        warm = time.perf_counter()
        writer(base, tally, time.monotonic() + 3600, queue[: args.warmup])
        warm_s = time.perf_counter() - warm
        del queue[: args.warmup]
        tally.write.clear()
        tally.write_status.clear()
        stop = time.monotonic() + args.duration
        threads = [
            threading.Thread(target=reader, args=(base, tally, stop, i))
            for i in range(args.readers)
        ] + [
            threading.Thread(target=writer, args=(base, tally, stop, queue))
            for _ in range(args.writers)
        ]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        rss = peak_rss_mb(server.pid)
        listing = httpx.get(f"{base}/api/stories?limit=500", timeout=120).json()["stories"]
    finally:
        server.terminate()
        server.wait(30)

    busy, idle = tally.read_during_write, tally.read_idle
    load = os.getloadavg()
    print(
        f"soak of {args.src}: {args.duration:.0f} s, {args.readers} readers, "
        f"{args.writers} writers; "
        f"warm-up {args.warmup} POSTs in {warm_s:.1f} s; wall {wall:.1f} s; "
        f"load average {load[0]:.1f} / {load[1]:.1f} on {os.cpu_count()} CPUs\n"
    )
    print("| what | n | p50 s | p95 s | p99 s | max s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, values in (
        ("GET while a write runs", busy),
        ("GET, no write running", idle),
        ("POST (one cluster)", tally.write),
    ):
        print(
            f"| {name} | {len(values)} | {pct(values, 0.5):.3f} | {pct(values, 0.95):.3f} | "
            f"{pct(values, 0.99):.3f} | {max(values, default=float('nan')):.3f} |"
        )
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(tally.write_status.items()))
    print(
        f"\nPOST statuses: {statuses}; stories listed at the end: {len(listing)}; "
        f"errors: {len(tally.errors)}; server peak RSS: {rss:.0f} MB"
    )
    for line in sorted(set(tally.errors))[:10]:
        print(f"  error: {line}")
    for line in sorted(set(tally.refusals))[:5]:
        print(f"  422 (whole cluster refused): {line}")
    p99 = pct(busy, 0.99)
    verdict = "PASS" if busy and p99 < 1.0 and not tally.errors else "FAIL"
    print(f"bar (GET p99 under 1 s while writes run, no errors): {verdict} (p99 {p99:.3f} s)")
    mean = statistics.fmean(busy) if busy else float("nan")
    print(f"mean GET while writing: {mean:.3f} s")


if __name__ == "__main__":
    main()

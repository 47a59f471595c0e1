"""Articles per second of the Spark job in local mode (1 and 2 cores) against the single-process
path (``ingest`` + ``stories``) on the same WARC files, and peak memory per executor.

Each run is a fresh process (a fresh JVM for Spark). Throughput is articles read (duplicates
included) over the job's own wall time, JVM start excluded; the start-up is reported apart.
Memory is sampled from /proc every 0.2 s: in local mode the executor *is* the driver JVM plus
its Python workers, so "executor peak" is the peak of JVM RSS + the workers' PSS together
(PSS: pages the forked workers share are counted once). Every run imports the package from this
checkout's ``src`` (PYTHONPATH), whatever the virtualenv has installed.

    python bench/spark_throughput.py --clusters 60 [--no-facts] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from spark_corpus import write_corpus  # noqa: E402

SINGLE = """
import glob, json, resource, sys, time
t0 = time.perf_counter()
from newsdigest.config import StoryConfig
from newsdigest.serialize import story_to_dict
from newsdigest.store.sqlite import SqliteStore
from newsdigest.stories import build_stories, ingest
paths, db, out, facts = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
t1 = time.perf_counter()
with SqliteStore(db) as store:
    report = ingest(sorted(glob.glob(paths)), store)
    stories = build_stories(store, config=StoryConfig(facts=facts))
with open(out, "w", encoding="utf-8") as fh:
    for s in stories:
        fh.write(json.dumps(story_to_dict(s), ensure_ascii=False) + "\\n")
t2 = time.perf_counter()
print(json.dumps({"articles_read": report.read, "stories": len(stories), "seconds": t2 - t1,
                  "startup": t1 - t0, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


@dataclass
class Peak:
    jvm: int = 0  # bytes
    workers: int = 0  # all Python workers together
    worker: int = 0  # the largest single worker (RSS)
    executor: int = 0  # JVM RSS + workers' PSS at the same instant
    driver_python: int = 0


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _pss(pid: int) -> int:
    """Proportional set size: forked Python workers share pages with their daemon, so summing
    their RSS would count the shared interpreter and models once per worker."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return _rss(pid)


def _tree(root: int) -> dict[int, str]:
    """pid -> command line of every descendant of ``root`` (and root itself)."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                names[int(entry)] = fh.read().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found: dict[int, str] = {}
    stack = [root]
    while stack:
        pid = stack.pop()
        found[pid] = names.get(pid, "")
        stack.extend(children.get(pid, ()))
    return found


def _sample(proc: subprocess.Popen, peak: Peak, stop: threading.Event) -> None:
    while not stop.is_set() and proc.poll() is None:
        jvm = workers = biggest = driver = 0
        for pid, cmd in _tree(proc.pid).items():
            if "java" in cmd.split(" ", 1)[0]:
                jvm += _rss(pid)
            elif "pyspark" in cmd and ("daemon" in cmd or "worker" in cmd):
                workers += _pss(pid)
                biggest = max(biggest, _rss(pid))
            elif pid == proc.pid:
                driver = _rss(pid)
        peak.jvm = max(peak.jvm, jvm)
        peak.workers = max(peak.workers, workers)
        peak.worker = max(peak.worker, biggest)
        peak.executor = max(peak.executor, jvm + workers)
        peak.driver_python = max(peak.driver_python, driver)
        stop.wait(0.2)


def _env() -> dict[str, str]:
    src = str(ROOT.parent / "src")
    return dict(os.environ, PYTHONPATH=os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]))


def run_spark(cores: int, pattern: str, out: Path, facts: bool) -> dict:
    cmd = [
        sys.executable,
        "-m",
        "newsdigest.spark",
        "--master",
        f"local[{cores}]",
        "--input",
        pattern,
        "--output",
        str(out),
    ]
    if not facts:
        cmd.append("--no-facts")
    peak, stop = Peak(), threading.Event()
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()
    )
    sampler = threading.Thread(target=_sample, args=(proc, peak, stop), daemon=True)
    sampler.start()
    _, err = proc.communicate()
    stop.set()
    sampler.join()
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"spark run failed ({proc.returncode}):\n{err[-3000:]}")
    summary = json.loads((out / "summary.json").read_text())
    summary.update(wall=wall, peak=peak)
    return summary


def run_single(pattern: str, work: Path, facts: bool) -> dict:
    out = work / "single.jsonl"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            SINGLE,
            pattern,
            str(work / "single.db"),
            str(out),
            "1" if facts else "0",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=_env(),
    )
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["output"] = out
    return result


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=60, help="Multi-News clusters")
    parser.add_argument("--files", type=int, default=4, help="WARC files (Spark input tasks)")
    parser.add_argument("--no-facts", action="store_true", help="skip entities/quotes/dates")
    parser.add_argument("--cores", default="1,2", help="local[N] runs, comma-separated")
    parser.add_argument("--keep", type=Path, default=None, help="keep corpus and outputs here")
    args = parser.parse_args()
    facts = not args.no_facts
    work = args.keep or Path(tempfile.mkdtemp(prefix="spark-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = write_corpus(work / "warc", clusters=args.clusters, files=args.files)
    pattern = str(work / "warc" / "*.warc.gz")
    load = os.getloadavg()[0]
    print(
        f"corpus: {len(corpus.paths)} WARC files, {corpus.pages} article pages "
        f"({corpus.exact_duplicates} exact + {corpus.near_duplicates} near duplicates), "
        f"facts {'on' if facts else 'off'}; load average at start {load:.1f} "
        f"on {os.cpu_count()} CPUs",
        flush=True,
    )

    load_before = os.getloadavg()[0]
    single = run_single(pattern, work, facts)
    rows = [
        (
            "single process",
            load_before,
            single["articles_read"],
            single["stories"],
            single["seconds"],
            single["startup"],
            f"{single['maxrss_kb'] / 1024:,.0f} (process)",
            "-",
        )
    ]
    same = []
    for cores in (int(c) for c in args.cores.split(",")):
        load_before = os.getloadavg()[0]
        result = run_spark(cores, pattern, work / f"spark{cores}", facts)
        peak: Peak = result["peak"]
        rows.append(
            (
                f"spark local[{cores}]",
                load_before,
                result["articles_read"],
                result["stories"],
                result["seconds"],
                result["wall"] - result["seconds"],
                f"{_mb(peak.executor)} (JVM {_mb(peak.jvm)} + workers {_mb(peak.workers)})",
                f"{_mb(peak.worker)}",
            )
        )
        spark_stories = (work / f"spark{cores}" / "stories.jsonl").read_text(encoding="utf-8")
        single_stories = single["output"].read_text(encoding="utf-8")
        same.append(
            f"local[{cores}]: {'identical' if spark_stories == single_stories else 'DIFFERENT'}"
        )
        stages = ", ".join(f"{k} {v:.1f}s" for k, v in result["stage_seconds"].items())
        print(
            f"  local[{cores}] stages: {stages}; model loads {result['model_loads']} "
            f"in {result['model_load_workers']} workers",
            flush=True,
        )

    print()
    print(
        "| run | load at start | articles read | stories | job s | articles/s | start-up s "
        "| peak memory MB (executor) | peak one worker MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|---:|")
    for name, load, n, st, secs, startup, mem, worker in rows:
        print(
            f"| {name} | {load:.1f} | {n} | {st} | {secs:.1f} | {n / secs:.2f} | {startup:.1f} "
            f"| {mem} | {worker} |"
        )
    print(
        f"\nstories.jsonl vs single-process stories: {'; '.join(same)}; "
        f"load average at end {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()

"""Load test of ``newsdigest serve`` on loopback: requests/s and latency percentiles with wrk.

Fills a store with N real stories (digests of the Multi-News validation sample, built by the
pipeline), starts the real CLI server (one uvicorn process), and runs wrk against the story list
and story pages (a random story per request), HTML and JSON. Prints a Markdown table.

    .venv/bin/python bench/load_serve.py --stories 500 --duration 30
    .venv/bin/python bench/load_serve.py --db postgresql://user@127.0.0.1:5432/news

Multi-News has no publication dates; story k gets a synthetic time k hours after a fixed start,
so "newest first" has an order to follow. Each of the 250 clusters gives two stories (its even-
and odd-numbered documents; a one-document cluster is used twice under two story ids).
"""

from __future__ import annotations

import argparse
import ast
import csv
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdigest.model import Article, article_id  # noqa: E402

MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "sample_validation250.csv"
START = datetime(2024, 1, 1, tzinfo=timezone.utc)


def _story_articles(clusters: list[list[str]], k: int) -> list[Article]:
    """Clean articles of story k: half of cluster k's documents (all when a half is empty)."""
    from newsdigest.clean import clean_article

    docs = clusters[k % len(clusters)]
    when = START + timedelta(hours=k)
    for pick in (docs[(k // len(clusters)) % 2 :: 2], docs):
        articles = []
        for j, text in enumerate(pick):
            raw = Article(
                id=article_id(text),
                text=text,
                title=text.strip().split("\n")[0][:120],
                url=f"https://multinews.example/{k % len(clusters)}/{k // len(clusters)}/{j}",
                source=f"outlet{j}.example",
                published=when + timedelta(minutes=17 * j),
            )
            articles.append(clean_article(raw))
        articles = [a for a in articles if a.text.strip()]
        if articles:
            return articles
    return []


def cached_stories(n: int, facts: bool) -> tuple[list, str]:  # type: ignore[type-arg]
    """N stories from the Multi-News sample through the real pipeline, kept as JSON Lines and
    resumed where a previous run stopped (building 500 with facts takes minutes)."""
    import json

    from newsdigest.config import StoryConfig
    from newsdigest.pipeline import build_story
    from newsdigest.serialize import story_from_dict, story_to_dict

    cache = ROOT / ".cache" / "load_serve" / f"stories{'' if facts else '-nofacts'}.jsonl"
    cache.parent.mkdir(parents=True, exist_ok=True)
    done = cache.read_text(encoding="utf-8").splitlines() if cache.exists() else []
    stories = [story_from_dict(json.loads(line)) for line in done[:n]]
    rows = list(csv.DictReader(MULTINEWS.open(encoding="utf-8")))
    clusters = [ast.literal_eval(r["documents"]) for r in rows]
    k = int(stories[-1].id[2:]) + 1 if stories else 0  # story keys are "mn<k>"
    with cache.open("a", encoding="utf-8") as out:
        while len(stories) < n:
            articles = _story_articles(clusters, k)
            if articles:
                story = build_story(articles, StoryConfig(facts=facts), story_key=f"mn{k:04d}")
                story = replace(story, title=story.title or f"Story {k}")
                out.write(json.dumps(story_to_dict(story, with_text=True)) + "\n")
                out.flush()
                stories.append(story)
                if len(stories) % 50 == 0:
                    print(f"  built {len(stories)}/{n} stories", file=sys.stderr, flush=True)
            k += 1
    return stories, "with facts" if facts else "without facts"


def open_store(db: str):  # type: ignore[no-untyped-def]
    """The store to fill: the stories go in as built, so no near-duplicate folding here."""
    from newsdigest.store import open_store as open_any

    return open_any(db, near_duplicates=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip())
    if not m:
        raise ValueError(f"unreadable wrk latency {text!r}")
    return float(m.group(1)) * _UNITS[m.group(2)]


def run_wrk(url: str, script: Path | None, duration: int, threads: int, connections: int) -> dict:  # type: ignore[type-arg]
    cmd = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),  # type: ignore[union-attr]
        "errors": 0,
    }
    for pct in ("50", "90", "99"):
        result[f"p{pct}"] = _ms(re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["errors"] = (int(non2xx.group(1)) if non2xx else 0) + (
        sum(int(g) for g in sock.groups()) if sock else 0
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=500)
    parser.add_argument("--duration", type=int, default=30, help="seconds per endpoint")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--db", help="store to fill (default: a new SQLite file in a temp dir)")
    parser.add_argument("--no-facts", action="store_true", help="build stories without facts")
    parser.add_argument("--build-only", action="store_true", help="build the story cache, exit")
    args = parser.parse_args()
    if args.build_only:
        stories, note = cached_stories(args.stories, facts=not args.no_facts)
        print(f"{len(stories)} stories cached ({note})")
        return
    if not shutil.which("wrk"):
        sys.exit("error: wrk not found (apt-get install wrk)")

    tmp = Path(tempfile.mkdtemp(prefix="newsdigest-load-"))
    db = args.db or str(tmp / "news.db")
    store = open_store(db)
    existing = store.list_stories()
    if len(existing) >= args.stories:
        ids = [s.id for s in existing]
        note = "reused"
        print(f"store already holds {len(ids)} stories", file=sys.stderr)
    else:
        started = time.perf_counter()
        stories, note = cached_stories(args.stories, facts=not args.no_facts)
        store.add_articles([a for s in stories for a in s.articles])
        store.save_stories(stories)
        ids = [s.id for s in stories]
        print(
            f"built and stored {len(ids)} stories in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    store.close()

    script = tmp / "random_story.lua"
    lua_ids = ", ".join(f'"{i}"' for i in ids)
    script.write_text(
        f"local ids = {{{lua_ids}}}\n"
        "local suffix = os.getenv('SUFFIX') or ''\n"
        "request = function()\n"
        "  return wrk.format('GET', '/stories/' .. ids[math.random(#ids)] .. suffix)\n"
        "end\n"
    )
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    server = subprocess.Popen(
        [sys.executable, "-c", "from newsdigest.cli import main; main()", "serve", "--db", db,
         "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/api/stories", timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        sample = random.Random(0).choice(ids)
        sizes = {}
        for path in ("/", "/api/stories", f"/stories/{sample}", f"/api/stories/{sample}"):
            with urllib.request.urlopen(base + path, timeout=10) as r:
                sizes[path] = len(r.read())
        endpoints = [
            ("story list, HTML (`/`, 50 per page)", base + "/", None, "", sizes["/"]),
            ("story list, JSON (`/api/stories`)", base + "/api/stories", None, "", sizes["/api/stories"]),
            ("story page, HTML (`/stories/{id}`, random id)", base, script, "",
             sizes[f"/stories/{sample}"]),
            ("story, JSON (`/stories/{id}.json`, random id)", base, script, ".json",
             sizes[f"/api/stories/{sample}"]),
        ]  # fmt: skip
        rows = []
        for name, url, lua, suffix, size in endpoints:
            os.environ["SUFFIX"] = suffix
            print(f"  wrk {args.duration}s: {name}", file=sys.stderr, flush=True)
            r = run_wrk(url, lua, args.duration, args.threads, args.connections)
            rows.append((name, r, size))
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not args.db:
            shutil.rmtree(tmp, ignore_errors=True)

    backend = "PostgreSQL" if db.startswith("postgres") else "SQLite"
    print(
        f"\n{len(ids)} stories ({note}), {backend} store, one uvicorn process; wrk "
        f"-t{args.threads} -c{args.connections} -d{args.duration}s on loopback, "
        f"{os.cpu_count()} CPUs shared with the load generator\n"
    )
    print("| endpoint | requests/s | p50 ms | p90 ms | p99 ms | errors | bytes |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r, size in rows:
        print(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p90']:.1f} | {r['p99']:.1f} "
            f"| {r['errors']} | {size} |"
        )


if __name__ == "__main__":
    main()

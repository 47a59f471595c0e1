"""spaCy shared among processes (``newsdigest.parallel``): the same Docs as one process makes, the
work done here when a pool cannot run, and the shares it cuts.

The pool is forked, so each check that starts one runs in a fresh interpreter of its own: the
test process may hold threads (a served app, a follower) that make forking unsafe.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdigest import parallel
from newsdigest.errors import SettingError
from newsdigest.model import Article

ROOT = Path(__file__).resolve().parents[1]


@given(st.lists(st.integers(0, 5_000), max_size=40), st.integers(1, 6))
def test_shares_cover_every_item_once_in_order(lengths: list[int], parts: int) -> None:
    ranges = parallel.shares(lengths, parts)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(lengths)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    assert len(ranges) == max(1, min(parts, len(lengths)))
    if lengths:
        assert all(b > a for a, b in ranges)  # no share empty
    # each share its part of the total, give or take one item
    total = sum(lengths)
    most = max(lengths, default=0)
    assert all(abs(sum(lengths[a:b]) - total / len(ranges)) <= 2 * most for a, b in ranges)


def test_shares_are_about_equal_in_length() -> None:
    ranges = parallel.shares([1_000] * 10 + [5_000, 5_000], 2)
    sums = [sum(([1_000] * 10 + [5_000, 5_000])[a:b]) for a, b in ranges]
    assert sums == [10_000, 10_000]


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("3", 3), (" 2 ", 2)])
def test_worker_count_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str, expected: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: set(range(8)), raising=False)
    monkeypatch.setattr(parallel, "CGROUP", tmp_path)
    monkeypatch.setenv("NEWSDIGEST_WORKERS", value)
    assert parallel.worker_count() == expected


@pytest.mark.parametrize("value", ["abc", "0", "-2", "two", "²", "1e3", "٣", "2.5"])
def test_a_worker_count_that_is_no_number_is_said(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str
) -> None:
    """A value that is no positive whole number names the variable, the value and what it
    takes: each had been taken as 1 without a word (a typo ran a 4-core job on one)."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: set(range(8)), raising=False)
    monkeypatch.setattr(parallel, "CGROUP", tmp_path)
    monkeypatch.setenv("NEWSDIGEST_WORKERS", value)
    with pytest.raises(SettingError) as caught:
        parallel.worker_count()
    assert str(caught.value).startswith(f"NEWSDIGEST_WORKERS={value!r}: expected a whole number")


@pytest.mark.parametrize("command", ["digest", "stories"])
def test_a_bad_worker_count_stops_a_command_in_one_line(tmp_path: Path, command: str) -> None:
    seeds, db = ROOT / "examples" / "sochi-2019", str(tmp_path / "n.db")
    args = [command, str(seeds)] if command == "digest" else [command, "--db", db]
    if command == "stories":
        ingest = [sys.executable, "-m", "newsdigest", "ingest", str(seeds), "--db", db]
        subprocess.run(ingest, capture_output=True, env=_env("1"), timeout=300, check=True)
    _assert_refused_at_start_up(args)


def _assert_refused_at_start_up(args: list[str]) -> None:
    """``newsdigest ARGS`` under ``NEWSDIGEST_WORKERS=abc``: one line on standard error, exit
    2, nothing on standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "newsdigest", *args],
        capture_output=True,
        text=True,
        env=_env("abc"),
        timeout=300,
    )
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert done.stderr == (
        "error: NEWSDIGEST_WORKERS='abc': expected a whole number of processes, 1 or more"
        " (1: everything in this process)\n"
    )


@pytest.mark.parametrize(
    "args",
    [["ingest", "SEEDS", "--db", "DB"], ["digest", "SEEDS", "--no-facts"], ["eval"], ["follow"]],
)
def test_every_command_refuses_a_bad_worker_count_at_start_up(
    tmp_path: Path, args: list[str]
) -> None:
    """The setting is checked before any command runs, not where the count is read: ``ingest``
    and ``digest --no-facts`` had run to the end without a word (exit 0) and stored or printed
    their work; a command's ``--help`` is still shown."""
    seeds, db = str(ROOT / "examples" / "sochi-2019"), str(tmp_path / "n.db")
    _assert_refused_at_start_up([{"SEEDS": seeds, "DB": db}.get(a, a) for a in args])
    assert not Path(db).exists()
    helped = subprocess.run(
        [sys.executable, "-m", "newsdigest", args[0], "--help"],
        capture_output=True,
        text=True,
        env=_env("abc"),
        timeout=300,
    )
    assert helped.returncode == 0 and "Usage" in helped.stdout, helped.stderr


@pytest.mark.parametrize(("cpus", "expected"), [(2, parallel.MAX_WORKERS), (16, 16)])
def test_a_worker_count_beyond_the_cpus_is_cut(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cpus: int, expected: int
) -> None:
    """A typo (or a setting copied from a bigger machine) forks no more processes than the
    CPUs could run, or ``MAX_WORKERS`` on a small machine: each holds memory of its own and
    they only share the same cores."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: set(range(cpus)), raising=False)
    monkeypatch.setattr(parallel, "CGROUP", tmp_path)  # no CPU quota
    monkeypatch.setenv("NEWSDIGEST_WORKERS", "1000")
    assert parallel.worker_count() == expected


@pytest.mark.parametrize(
    ("files", "cpus"),
    [
        ({"cpu.max": "100000 100000\n"}, 1),  # docker --cpus=1, cgroup v2
        ({"cpu.max": "150000 100000\n"}, 2),  # --cpus=1.5: the second CPU in part
        ({"cpu.max": "max 100000\n"}, None),
        ({"cpu/cpu.cfs_quota_us": "50000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 1),  # v1
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
        ({}, None),
    ],
)
def test_a_containers_cpu_quota_bounds_the_workers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, files: dict[str, str], cpus: int | None
) -> None:
    """In a container limited to one CPU on a 16-core host (the affinity mask shows all 16)
    no workers are forked: four processes would share one CPU's time, each with its memory."""
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="ascii")
    assert parallel.cgroup_cpus(tmp_path) == cpus
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: set(range(16)), raising=False)
    monkeypatch.setattr(parallel, "CGROUP", tmp_path)
    monkeypatch.delenv("NEWSDIGEST_WORKERS", raising=False)
    assert parallel.worker_count() == min(cpus or 16, parallel.MAX_WORKERS)


def test_worker_count_defaults_to_the_usable_cpus_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSDIGEST_WORKERS", raising=False)
    assert 1 <= parallel.worker_count() <= parallel.MAX_WORKERS


def _script(script: str) -> str:
    """``script`` after a prelude that loads the seeds' articles as ``articles``."""
    prelude = textwrap.dedent(
        f"""
        import json, sys, threading
        from pathlib import Path
        from newsdigest.ingest import load_articles
        from newsdigest import parallel
        from newsdigest.facts.ner import DEFAULT_MODEL, parse_articles
        from newsdigest.analysis import doc_to_bytes
        articles = list(load_articles([Path({str(ROOT / "examples" / "sochi-2019")!r})]).articles)
        """
    )
    return prelude + textwrap.dedent(script)


def _env(workers: str = "2") -> dict[str, str]:
    return {**os.environ, "NEWSDIGEST_WORKERS": workers, "PYTHONPATH": str(ROOT / "src")}


def _run(script: str, workers: str = "2") -> dict[str, object]:
    """``script`` in a fresh interpreter with the seeds' articles as ``articles``; it prints
    one JSON object as its last line."""
    env = _env(workers)
    done = subprocess.run(
        [sys.executable, "-c", _script(script)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, done.stdout  # printed once: nothing ran the script again
    return dict(json.loads(lines[0]))


def test_parses_shared_among_processes_are_the_ones_one_process_makes() -> None:
    """The seeds' parses (entities over whole texts, dependencies over the quote sentences),
    every article's DocBin byte for byte, with the texts shared between two processes and in
    one; and the clusterer's entity keys, from the NER over titles and leads, the same."""
    out = _run(
        """
        from newsdigest.event_model import features_of
        shared = [doc_to_bytes(d).hex() for d in parse_articles(articles)]
        keys = [f.entities for f in features_of(articles)]
        used = parallel._forked_pool.cache_info().currsize
        import os
        os.environ["NEWSDIGEST_WORKERS"] = "1"
        alone = [doc_to_bytes(d).hex() for d in parse_articles(articles)]
        alone_keys = [f.entities for f in features_of(articles)]
        ents = sum(len(d.ents) for d in parse_articles(articles))
        print(json.dumps({"same": shared == alone, "keys": keys == alone_keys, "pool": used,
                          "n": len(articles), "ents": ents}))
        """
    )
    assert out["n"] == 5 and int(str(out["ents"])) > 100
    assert out["pool"] == 1  # the work was shared
    assert out["same"] and out["keys"]


def test_a_killed_worker_costs_nothing_but_time() -> None:
    """A worker that dies (out of memory, killed): its share is done here, the result is the
    same, and the broken pool is replaced by a new one at the next batch."""
    out = _run(
        """
        texts = [a.text for a in articles]
        alone = [[(e.start, e.end, e.label_) for e in d.ents] for d in parallel.run_local(
            __import__("newsdigest.facts.ner", fromlist=["load_nlp"]).load_nlp(DEFAULT_MODEL),
            texts, "ner")]
        assert parallel.start_workers(DEFAULT_MODEL)
        pool = parallel._executor(1)
        for process in list(pool._processes.values()):
            process.kill()
            process.join()
        got = parallel.spacy_docs(DEFAULT_MODEL, texts, "ner", min_chars=0)
        after = [[(e.start, e.end, e.label_) for e in d.ents] for d in got]
        again = parallel.spacy_docs(DEFAULT_MODEL, texts, "ner", min_chars=0)
        print(json.dumps({"same": after == alone,
                          "again": [[(e.start, e.end, e.label_) for e in d.ents] for d in again] == alone,
                          "new_pool": parallel._executor(1) is not pool}))
        """
    )
    assert out == {"same": True, "again": True, "new_pool": True}


def test_a_threaded_process_without_a_pool_does_the_work_itself() -> None:
    """With another thread running (a progress bar, a server) no process is forked, and no
    fresh interpreter is started either (it would run the caller's unguarded script again:
    the fresh interpreter's helper prints only once)."""
    out = _run(
        """
        stop = threading.Event()
        threading.Thread(target=stop.wait, daemon=True).start()
        texts = [a.text for a in articles]
        docs = parallel.spacy_docs(DEFAULT_MODEL, texts, "ner", min_chars=0)
        started = parallel.start_workers(DEFAULT_MODEL)
        stop.set()
        print(json.dumps({"docs": len(docs), "pool": parallel._forked_pool.cache_info().currsize,
                          "started": started}))
        """
    )
    assert out == {"docs": 5, "pool": 0, "started": False}


def test_a_child_forked_after_the_pool_does_its_own_work() -> None:
    """A script that analysed articles (its pool started), then forks its own workers (a
    multiprocessing pool, a daemon process) that analyse more: they finish, with the same
    entities; the parent's pool, which no thread of theirs reads, made them wait for ever."""
    out = _run(
        """
        import multiprocessing, os
        def count(_):
            return sum(len(d.ents) for d in parse_articles(articles))
        parent = count(0)
        assert parallel._forked_pool.cache_info().currsize == 1
        fork = multiprocessing.get_context("fork")
        with fork.Pool(2) as pool:
            children = pool.map_async(count, [0, 1]).get(timeout=60)
        queue = fork.Queue()
        daemon = fork.Process(target=lambda: queue.put(count(0)), daemon=True)
        daemon.start()
        in_daemon = queue.get(timeout=60)
        daemon.join()
        pid = os.fork()
        if pid == 0:  # a bare fork, as a caller's own server might do
            os._exit(0 if count(0) == parent else 3)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"parent": parent, "children": children, "daemon": in_daemon,
                          "forked": os.waitstatus_to_exitcode(status)}))
        """
    )
    assert int(str(out["parent"])) > 100
    assert out["children"] == [out["parent"]] * 2 and out["daemon"] == out["parent"]
    assert out["forked"] == 0


def test_a_process_multiprocessing_started_makes_no_pool_of_its_own() -> None:
    """Inside a caller's own process pool (which shares out the CPUs already) the analyses
    are made there, with no worker processes of their own to crowd the CPUs and hold a
    model copy each; a daemon process, which may have no children, the same."""
    out = _run(
        """
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        def analyse(_):
            texts = [a.text for a in articles]
            docs = parallel.spacy_docs(DEFAULT_MODEL, texts, "ner", min_chars=0)
            return [len(d.ents) for d in docs], len(multiprocessing.active_children())
        fork = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(1, mp_context=fork) as theirs:
            in_pool = theirs.submit(analyse, 0).result(timeout=120)
        queue = fork.Queue()
        daemon = fork.Process(target=lambda: queue.put(analyse(0)), daemon=True)
        daemon.start()
        in_daemon = queue.get(timeout=120)
        daemon.join()
        here = parallel.run_local(__import__("newsdigest.facts.ner", fromlist=["x"]).load_nlp(
            DEFAULT_MODEL), [a.text for a in articles], "ner")
        print(json.dumps({"pool": in_pool, "daemon": in_daemon,
                          "here": [len(d.ents) for d in here]}))
        """
    )
    assert out["pool"] == [out["here"], 0]
    assert out["daemon"] == [out["here"], 0]


def test_a_failing_share_keeps_the_pool() -> None:
    """A text spaCy refuses (a lone surrogate) fails as it does in one process, and the pool
    stays: a server, with its threads running, could not fork another and would do all its
    NER in one process from then on."""
    out = _run(
        """
        assert parallel.start_workers(DEFAULT_MODEL)
        pool = parallel._executor(1)
        stop = threading.Event()
        threading.Thread(target=stop.wait, daemon=True).start()  # a server's thread
        texts = [a.text for a in articles]
        try:
            parallel.spacy_docs(DEFAULT_MODEL, texts + ["a lone " + chr(0xD800)], "ner", min_chars=0)
            error = ""
        except UnicodeEncodeError as exc:
            error = type(exc).__name__
        kept = parallel._forked_pool.cache_info().currsize == 1 and parallel._executor(1) is pool
        docs = parallel.spacy_docs(DEFAULT_MODEL, texts, "ner", min_chars=0)
        stop.set()
        print(json.dumps({"error": error, "kept": kept, "docs": len(docs)}))
        """
    )
    assert out == {"error": "UnicodeEncodeError", "kept": True, "docs": 5}


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _workers_of(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
        return [int(child) for child in fh.read().split()]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_killing_the_parent_leaves_no_worker_behind(how: str) -> None:
    """A parent killed (the OOM killer, ``kill``) takes its workers with it: none is left
    running for ever, holding its copy of the model."""
    script = _script(
        """
        import time
        assert parallel.start_workers(DEFAULT_MODEL)
        print("ready", flush=True)
        time.sleep(120)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], env=_env("3"), stdout=subprocess.PIPE, text=True
    )
    workers: list[int] = []
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        workers = _workers_of(proc.pid)
        assert len(workers) == 2
        proc.send_signal(getattr(signal, how))
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(_alive, workers))
    finally:
        proc.kill()
        for pid in workers:  # whatever this test started and left
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_ctrl_c_ends_the_workers_quietly() -> None:
    """Ctrl-C reaches every process of the command (the terminal's process group): the
    command ends as it chooses (here: one line), with no traceback from each waiting worker."""
    script = _script(
        """
        import time
        assert parallel.start_workers(DEFAULT_MODEL)
        try:
            print("ready", flush=True)  # inside: Ctrl-C may come as soon as this is read
            time.sleep(120)
        except KeyboardInterrupt:
            print("interrupted", flush=True)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        env=_env("3"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        workers = _workers_of(proc.pid)
        assert len(workers) == 2
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert out.strip() == "interrupted"
    assert "Traceback" not in err, err
    assert not any(map(_alive, workers))


def test_one_worker_means_no_pool() -> None:
    out = _run(
        """
        docs = parse_articles(articles)
        print(json.dumps({"docs": len(docs), "pool": parallel._forked_pool.cache_info().currsize,
                          "started": parallel.start_workers(DEFAULT_MODEL)}))
        """,
        workers="1",
    )
    assert out == {"docs": 5, "pool": 0, "started": False}


def test_the_cli_pool_leaves_stories_unchanged(
    tmp_path: Path, multinews_articles: Callable[[int, int], list[tuple[int, Article]]]
) -> None:
    """``stories`` through the CLI with the NER shared (its workers forked before the progress
    bar) prints the same stories as with one process."""
    docs = tmp_path / "docs"
    docs.mkdir()
    articles = multinews_articles(0, 3)
    for k, (_, article) in enumerate(articles):
        (docs / f"{k:02d}.txt").write_text(article.text, encoding="utf-8")
    outputs = []
    for workers in ("2", "1"):
        db = tmp_path / f"w{workers}.db"
        env = {**os.environ, "NEWSDIGEST_WORKERS": workers, "PYTHONPATH": str(ROOT / "src")}
        cli = [sys.executable, "-m", "newsdigest"]
        subprocess.run([*cli, "ingest", str(docs), "--db", str(db)], env=env, timeout=300)
        done = subprocess.run(
            [*cli, "stories", "--db", str(db), "--format", "json"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) >= 2
    assert sum(len(story["facts"]["entities"]) for story in outputs[0]) > 10


def test_stories_built_side_by_side_are_the_ones_one_process_builds(tmp_path: Path) -> None:
    """A refresh builds its stale stories on the workers' CPUs too (``map_shared``): the
    stories with facts, as JSON, are byte for byte those built in one process."""
    feed = _seed_feed(tmp_path)
    script = f"""
        from newsdigest.config import StoryConfig
        from newsdigest.serialize import story_to_dict
        from newsdigest.store.sqlite import SqliteStore
        from newsdigest.stories import ingest, refresh_stories
        calls = []
        real = parallel._in_shares
        def spy(workers, groups, *rest):
            calls.append([len(g) for g in groups])
            return real(workers, groups, *rest)
        parallel._in_shares = spy
        with SqliteStore(sys.argv[1]) as store:
            ingest([Path({str(feed)!r})], store)
            refresh_stories(store, StoryConfig())
            stories = [story_to_dict(s) for s in store.list_stories()]
        print(json.dumps({{"stories": json.dumps(stories, sort_keys=True), "calls": calls}}))
    """
    runs = {}
    for workers in ("2", "1"):
        done = subprocess.run(
            [sys.executable, "-c", _script(script), str(tmp_path / f"w{workers}.db")],
            capture_output=True,
            text=True,
            env=_env(workers),
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        runs[workers] = json.loads(done.stdout.strip().splitlines()[-1])
    assert runs["2"]["stories"] == runs["1"]["stories"]
    # Sochi and Washington, each story's facts and digest a share (``stories._build_all``)
    assert [1, 1, 1, 1] in runs["2"]["calls"]
    assert runs["1"]["calls"] == []


def test_map_shared_keeps_the_order_and_raises_a_failing_items_error_here() -> None:
    """Items are shared heaviest first; the results come back in item order. An item that
    fails in a worker is redone here, where its error is raised as one process would raise
    it."""
    out = _run(
        """
        import math
        items = [float(k) for k in range(20)]
        weights = [100.0] + [1.0] * 19
        got = parallel.map_shared(math.sqrt, items, weights)
        used = parallel._forked_pool.cache_info().currsize
        try:
            parallel.map_shared(math.sqrt, [4.0, 9.0, -1.0, 16.0], [1.0, 1.0, 1.0, 1.0])
            error = ""
        except ValueError as exc:
            error = str(exc)
        print(json.dumps({"same": got == [math.sqrt(x) for x in items], "pool": used,
                          "error": error}))
        """
    )
    assert out == {"same": True, "pool": 1, "error": "math domain error"}


def test_shares_a_busy_worker_has_not_started_are_done_here() -> None:
    """A worker held up (a machine busy with other work, a long share) does not hold up the
    batch: this process, its own share done, takes back the shares the pool has not started,
    and the results are the same, in order. With one share a process, half the items had
    waited for the worker."""
    out = _run(
        """
        import os, time

        def whose(x):
            return x, os.getpid()

        assert parallel.start_workers(DEFAULT_MODEL)
        pool = parallel._executor(1)
        busy = pool.submit(time.sleep, 30)  # the worker's core is taken for the moment
        queued = [pool.submit(time.sleep, 0) for _ in range(2)]  # and its queue filled
        got = parallel.map_shared(whose, list(range(6)), [1.0] * 6)
        texts = [a.text for a in articles]
        nlp = __import__("newsdigest.facts.ner", fromlist=["load_nlp"]).load_nlp(DEFAULT_MODEL)
        alone = [[(e.start, e.end, e.label_) for e in d.ents] for d in parallel.run_local(nlp, texts, "ner")]
        docs = parallel.spacy_docs(DEFAULT_MODEL, texts, "ner", min_chars=0)
        shared = [[(e.start, e.end, e.label_) for e in d.ents] for d in docs]
        print(json.dumps({"order": [x for x, _ in got] == list(range(6)),
                          "here": sum(pid == os.getpid() for _, pid in got),
                          "same": shared == alone, "waited": busy.done()}), flush=True)
        os._exit(0)  # not waiting for the sleeping worker (it dies with this process)
        """
    )
    assert out == {"order": True, "here": 6, "same": True, "waited": False}


def test_shares_queued_for_a_worker_it_has_not_begun_are_done_here() -> None:
    """The pool queues shares for a worker ahead of time, where ``Future.cancel`` no longer
    reaches them; this process, its own share done, still takes back every share the worker
    has not begun (claimed on the pool's board) and waits only for the one it is running.
    Before, the share queued behind the running one waited for the worker too."""
    out = _run(
        """
        import os, tempfile, time
        begun = os.path.join(tempfile.mkdtemp(), "begun")

        def job(x):
            if x == 0:  # this process's share: done once the worker has begun the next one
                deadline = time.monotonic() + 60
                while not os.path.exists(begun) and time.monotonic() < deadline:
                    time.sleep(0.01)
            if x == 1:  # the worker's first share: long
                open(begun, "w").close()
                time.sleep(3)
            return x, os.getpid()

        assert parallel.start_workers(DEFAULT_MODEL)
        got = parallel.map_shared(job, list(range(6)), [6.0, 5.0, 4.0, 3.0, 2.0, 1.0])
        print(json.dumps({"order": [x for x, _ in got] == list(range(6)),
                          "here": [x for x, pid in got if pid == os.getpid()]}))
        """
    )
    assert out == {"order": True, "here": [0, 2, 3, 4, 5]}


def test_a_share_taken_back_is_not_run_again_by_the_next_batch() -> None:
    """A share taken back while it waits in the pool's queue keeps its claim until a worker
    has passed it by: the next batch, taking slots as this one is done, does not make it
    free to run again. Before, the worker, free at last, ran the first batch's shares left in
    its queue a second time (and the next batch's shares of the same slots were redone here)."""
    out = _run(
        """
        import os, tempfile, time
        ran = tempfile.mkdtemp()

        def job(item):
            batch, x = item
            with open(os.path.join(ran, f"{batch}-{x}"), "a") as f:
                f.write(str(os.getpid()) + "\\n")
            if batch == "second" and x == 0:  # here: on until the worker has its queue
                while not busy.done():
                    time.sleep(0.01)
                time.sleep(1)
            return item

        assert parallel.start_workers(DEFAULT_MODEL)
        pool = parallel._executor(1)
        busy = pool.submit(time.sleep, 2)  # the worker busy: the first shares wait queued
        first = parallel.map_shared(job, [("first", x) for x in range(6)], [1.0] * 6)
        second = parallel.map_shared(job, [("second", x) for x in range(6)], [1.0] * 6)
        time.sleep(0.5)
        runs = {}
        for name in sorted(os.listdir(ran)):
            with open(os.path.join(ran, name)) as f:
                runs[name] = len(f.read().split())
        print(json.dumps({"same": [x for _, x in first] == list(range(6))
                          and [x for _, x in second] == list(range(6)),
                          "twice": sorted(n for n, k in runs.items() if k > 1)}))
        """
    )
    assert out == {"same": True, "twice": []}


def test_a_story_that_fails_in_a_worker_is_reported_as_it_is_here() -> None:
    """A story whose facts cannot be made (its stored parse is unreadable) comes back from a
    worker saved without facts and with the same failure one process reports; the good story
    beside it is the one built here."""
    out = _run(
        """
        from dataclasses import replace
        from newsdigest.analysis import analyze
        from newsdigest.config import StoryConfig
        from newsdigest.stories import _BuildJob, _build_job
        analyses = analyze(articles, parse=True)
        broken = {a.id: replace(analyses[a.id], doc=b"not a DocBin") for a in articles[3:4]}
        jobs = [
            _BuildJob("good", tuple(articles[:3]), StoryConfig(), {a.id: analyses[a.id] for a in articles[:3]}),
            _BuildJob("broken", tuple(articles[3:4]), StoryConfig(), broken),
        ]
        shared = parallel.map_shared(_build_job, jobs, [1.0, 1.0])
        here = [_build_job(job) for job in jobs]
        (story, failures), (bad, bad_failures) = shared
        print(json.dumps({"same": shared == here, "pool": parallel._forked_pool.cache_info().currsize,
                          "good": story.facts is not None and not failures,
                          "bad": [bad.facts is None, [f.without_facts for f in bad_failures]]}))
        """
    )
    assert out == {"same": True, "pool": 1, "good": True, "bad": [True, [True]]}


@pytest.mark.parametrize(("words", "pool"), [(40, 1), (None, 0)])
def test_the_cli_starts_the_pool_for_stories_it_will_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, words: int | None, pool: int
) -> None:
    """``stories --words 40`` after a default run clusters nothing but rebuilds every story:
    the pool is forked before the progress bar's thread, or those builds all run in one
    process; with the stories' own settings nothing is rebuilt, and nothing is forked."""
    from newsdigest.config import StoryConfig
    from newsdigest.store.sqlite import SqliteStore
    from newsdigest.stories import ingest, refresh_stories

    feed = _seed_feed(tmp_path)
    db = tmp_path / "news.db"
    monkeypatch.setenv("NEWSDIGEST_WORKERS", "1")  # this process holds no pool
    with SqliteStore(db) as store:
        ingest([feed], store)
        assert len(refresh_stories(store, StoryConfig())) == 2  # a default run
    out = _run(
        f"""
        from newsdigest.cli.common import start_spacy_workers
        from newsdigest.config import StoryConfig
        from newsdigest.store.sqlite import SqliteStore
        with SqliteStore({str(db)!r}) as store:
            start_spacy_workers(store, StoryConfig(words={words!r}))
        print(json.dumps({{"pool": parallel._forked_pool.cache_info().currsize}}))
        """
    )
    assert out == {"pool": pool}


def _seed_feed(tmp_path: Path) -> Path:
    """The seeds as JSON Lines, dated so that they make two stories (Sochi; Washington)."""
    feed = tmp_path / "seeds.jsonl"
    lines = []
    for k, path in enumerate(sorted((ROOT / "examples" / "sochi-2019").glob("*.txt"))):
        when = "2019-12-10T15:00:00+00:00" if path.name.startswith("003") else "2019-05-14"
        text = path.read_text(encoding="utf-8")
        lines.append(
            json.dumps({"url": f"https://o{k}.example/a", "text": text, "published": when})
        )
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return feed


def test_a_built_summarizer_sees_every_story_it_summarizes(tmp_path: Path) -> None:
    """A summarizer passed built (``StoryConfig(summarizer=...)``) may hold a model and record
    what it did (the abstractive one lists the sentences it dropped in ``unsupported_`` for
    the caller): the stories it summarizes are built in this process, not by a worker with a
    copy of it whose record is lost (and whose model each worker would load again)."""
    out = _run(
        f"""
        from newsdigest.config import StoryConfig
        from newsdigest.store.sqlite import SqliteStore
        from newsdigest.stories import ingest, refresh_stories
        from newsdigest.summarize import get_summarizer
        class Recording:
            name = "recording"
            def __init__(self):
                self.inner = get_summarizer("default")
                self.seen = []
            def summarize(self, docs, budget):
                self.seen.append(len(docs))
                return self.inner.summarize(docs, budget)
        method = Recording()
        with SqliteStore({str(tmp_path / "news.db")!r}) as store:
            ingest([Path({str(_seed_feed(tmp_path))!r})], store)
            rebuilt = refresh_stories(store, StoryConfig(summarizer=method))
        print(json.dumps({{"rebuilt": len(rebuilt), "seen": sorted(method.seen)}}))
        """
    )
    assert out == {"rebuilt": 2, "seen": [1, 4]}


def test_a_build_without_facts_is_sent_without_the_stored_parses(tmp_path: Path) -> None:
    """After a run with facts, every article's parse is kept (about twice its text's size);
    ``--no-facts`` then rebuilds every story, and a worker building one without facts never
    reads a parse, so none is sent: the jobs hold only the text and the sentences."""
    out = _run(
        f"""
        from newsdigest.config import StoryConfig
        from newsdigest.store.sqlite import SqliteStore
        from newsdigest.stories import ingest, refresh_stories
        sent = []
        real = parallel.map_shared
        def spy(fn, items, *args, **kwargs):
            for item in items:  # a story's job, or with facts its facts' and digest's apart
                job = getattr(item, "job", item)
                part = "facts" if getattr(item, "facts", False) else "digest"
                sent.extend([part, x.doc is not None] for x in job.analyses.values())
            return real(fn, items, *args, **kwargs)
        parallel.map_shared = spy
        with SqliteStore({str(tmp_path / "news.db")!r}) as store:
            ingest([Path({str(_seed_feed(tmp_path))!r})], store)
            refresh_stories(store, StoryConfig())
            with_facts = list(sent)
            sent.clear()
            refresh_stories(store, StoryConfig(facts=False))
        print(json.dumps({{"facts": with_facts, "no_facts": sent}}))
        """
    )
    # with facts, each story's facts get its parses and its digest none
    assert sorted(out["facts"]) == [["digest", False]] * 5 + [["facts", True]] * 5
    assert out["no_facts"] == [["digest", False]] * 5


def test_a_shared_share_runs_numpys_blas_on_one_thread_and_then_lets_it_go() -> None:
    """While the CPUs are shared each process's BLAS has one thread (two processes of two
    threads each on two cores made the NER 1.4x slower); afterwards this process has its own
    thread count back."""
    out = _run(
        """
        from threadpoolctl import threadpool_info
        def blas_threads(_):
            return max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")
        before = blas_threads(0)
        got = parallel.map_shared(blas_threads, [0, 1], [1.0, 1.0])
        used = parallel._forked_pool.cache_info().currsize
        print(json.dumps({"got": got, "pool": used, "before": before,
                          "after": blas_threads(0)}))
        """
    )
    assert out["pool"] == 1 and out["got"] == [1, 1]
    assert out["after"] == out["before"]


def test_spacy_in_this_process_runs_numpys_blas_on_one_thread() -> None:
    """The seeds' NER and parse made in this process alone (one worker: no pool) run numpy's
    BLAS on one thread, whatever it had before, and give it back after: OpenBLAS's second
    thread spun more than it helped (380 dev-stream texts: 9.3 s of CPU with two, 5.9 s with
    one), and the parses are the ones a two-thread BLAS makes."""
    out = _run(
        """
        from threadpoolctl import threadpool_info, threadpool_limits
        from newsdigest.facts.ner import load_nlp
        def blas_threads():
            return max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")
        nlp = load_nlp(DEFAULT_MODEL)
        seen = []
        make_doc = nlp.make_doc
        def counting_make_doc(text):
            seen.append(blas_threads())
            return make_doc(text)
        with threadpool_limits(limits=2, user_api="blas"):
            two = [doc_to_bytes(d).hex() for d in parse_articles(articles)]
            nlp.make_doc = counting_make_doc
            one = [doc_to_bytes(d).hex() for d in parse_articles(articles)]
            after = blas_threads()
        print(json.dumps({"seen": sorted(set(seen)), "after": after, "same": one == two}))
        """,
        workers="1",
    )
    assert out["seen"] == [1]
    assert out["after"] == 2
    assert out["same"]


def test_overlapping_users_of_one_blas_thread_give_the_count_back() -> None:
    """``serve``'s threads each take one BLAS thread for spaCy, and their spans overlap
    without nesting: A in, B in, A out, B out. Each threadpoolctl limit restored what it found,
    so B ran on two threads once A was out and the process stayed on one for good; the shared
    limit holds one thread until the last user is out, then gives the count back."""
    out = _run(
        """
        from threadpoolctl import threadpool_info, threadpool_limits
        def blas_threads():
            return max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")
        with threadpool_limits(limits=2, user_api="blas"):
            a, b = parallel.one_blas_thread(), parallel.one_blas_thread()
            a.__enter__()
            b.__enter__()
            a.__exit__(None, None, None)
            inside_b = blas_threads()
            b.__exit__(None, None, None)
            after = blas_threads()
        print(json.dumps({"inside_b": inside_b, "after": after}))
        """
    )
    assert out == {"inside_b": 1, "after": 2}


def test_an_analysis_shared_among_processes_comes_back_as_bytes_the_same() -> None:
    """``analysis.analyze`` with a pool: each article's parse, its bytes and its clustering
    keys are made where its share runs (``parse_share``), so this process decodes none of a
    worker's Docs (it only stores their bytes; before, it decoded every Doc a worker sent and
    wrote it again); the analyses are the ones one process makes, byte for byte, and with one
    worker no pool starts."""
    out = _run(
        """
        import os
        from spacy.tokens import DocBin
        from newsdigest.analysis import analyze

        here = os.getpid()
        decoded = []
        real = DocBin.from_bytes

        def counted(self, data):
            if os.getpid() == here:
                decoded.append(len(data))
            return real(self, data)

        DocBin.from_bytes = counted
        shared = analyze(articles, parse=True, entities=True)
        used = parallel._forked_pool.cache_info().currsize
        parallel._forked_pool.cache_clear()
        os.environ["NEWSDIGEST_WORKERS"] = "1"
        alone = analyze(articles, parse=True, entities=True)
        print(json.dumps({"same": shared == alone, "pool": used, "decoded": len(decoded),
                          "after": parallel._forked_pool.cache_info().currsize,
                          "keys": sum(bool(x.entities) for x in shared.values()),
                          "docs": sum(len(x.doc or b"") > 1000 for x in shared.values())}))
        """
    )
    assert out == {"same": True, "pool": 1, "decoded": 0, "after": 0, "keys": 5, "docs": 5}


def test_parse_articles_with_one_worker_starts_no_pool() -> None:
    """``parse_articles(..., workers=1)`` (a worker's own share) parses in this process
    whatever ``$NEWSDIGEST_WORKERS`` says, the same Docs as the pool makes."""
    out = _run(
        """
        alone = [doc_to_bytes(d) for d in parse_articles(articles, workers=1)]
        before = parallel._forked_pool.cache_info().currsize
        shared = [doc_to_bytes(d) for d in parse_articles(articles)]
        print(json.dumps({"before": before, "same": alone == shared,
                          "pool": parallel._forked_pool.cache_info().currsize}))
        """
    )
    assert out == {"before": 0, "same": True, "pool": 1}


def test_map_shares_keeps_the_order_and_bounds_each_share() -> None:
    """``map_shares`` gives ``fn``'s results in item order, each share at most about ``most``
    items whether shared or not, and more than one process's share when shared."""
    out = _run(
        """
        import os

        def shares_seen(share):
            return [(x, len(share), os.getpid()) for x in share]

        items = list(range(40))
        shared = parallel.map_shares(shares_seen, items, [10] * 40, most=8, min_weight=0)
        used = parallel._forked_pool.cache_info().currsize
        alone = parallel.map_shares(shares_seen, items, [10] * 40, most=8, workers=1)
        print(json.dumps({
            "order": [x for x, _, _ in shared] == items == [x for x, _, _ in alone],
            "most": max(n for _, n, _ in shared + alone),
            "alone": len({p for _, _, p in alone}), "pool": used}))
        """
    )
    assert out["order"] and out["most"] <= 8 and out["alone"] == 1 and out["pool"] == 1


def _ingest_records(rows: list[dict[str, object]], path: Path) -> Path:
    """Forty dev-stream records, as a JSON Lines file, with what an ingest meets besides: a
    syndicated copy of the first (another address, a line added: a near-duplicate), a record
    with no text (refused), one whose date is a list (kept, its field noted) and one whose
    source is a number (kept, noted)."""
    records: list[dict[str, object]] = [dict(r) for r in rows[:40]]
    first = dict(records[0])
    first["url"] = "https://copy.example/1"
    first["text"] = f"{first['text']}\nCopyright the wire service."
    records.insert(12, first)
    records.insert(5, {"url": "https://empty.example/", "title": "Nothing", "text": ""})
    records[20] = {**records[20], "published": ["2017-01-01"]}
    records[33] = {**records[33], "source": 7}
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


REPORT = (
    "read 41, stored 40, duplicates 1 (1 near-duplicate), rejected 1 (1 'text' is empty (it is "
    "the one required field))"
)

_INGEST_RUN = """
        import os
        from newsdigest import dedup, ingest as ingest_module
        from newsdigest.store import open_store
        from newsdigest.stories import ingest
        made = []
        def kept(text, signature, keep=dedup.keep_signature):
            made.append(text)
            keep(text, signature)
        dedup.keep_signature = kept
        def run(db):
            events = []
            try:
                report = ingest([PATH], open_store(db), batch_size=7,
                                on_error=lambda e: events.append(["error", str(e)]),
                                on_notice=lambda n: events.append(["notice", n]),
                                on_batch=lambda n: events.append(["batch", n])).line()
            except Exception as exc:
                report = f"{type(exc).__name__}: {exc}"
            stored = open_store(db).get_articles()
            rows = [[a.id, a.title, a.text, a.url, a.source, str(a.published)] for a in stored]
            return {"events": events, "report": report, "stored": rows}
        pool = parallel._executor(1)
        assert parallel.pool_size() == 2
        shared = run(str(TMP / "shared.db"))
        parallel._discard(pool)
        assert parallel.pool_size() == 1
        alone = run(str(TMP / "alone.db"))
        print(json.dumps({"same": shared == alone, "made": len(made), "report": alone["report"],
                          "events": len(alone["events"]), "stored": len(alone["stored"]),
                          "pids": sorted(set(PIDS.read_text().split()) - {str(os.getpid())})
                                  if PIDS.exists() else []}))
"""


def test_an_ingest_shared_with_a_running_pool_stores_what_one_process_stores(
    tmp_path: Path, dev_stream_rows: list[dict[str, object]]
) -> None:
    """With a pool running (the API after its first stories, a server), a file's records are
    cleaned and their MinHash made in shares among the processes: the same articles stored,
    the same near-duplicate found, the same refusals, notes and batches told in the same
    order as when one process reads them one by one; some shares ran in the worker."""
    path = _ingest_records(dev_stream_rows, tmp_path / "week.jsonl")
    pids = tmp_path / "pids"
    out = _run(
        f"""
        PATH, TMP, PIDS = {str(path)!r}, Path({str(tmp_path)!r}), Path({str(pids)!r})
        from newsdigest import ingest as _ingest
        def counted(file, items, clean=_ingest._clean_share):
            with PIDS.open("a") as fh:
                fh.write(f"{{__import__('os').getpid()}}\\n")
            return clean(file, items)
        _ingest._clean_share = counted
        """
        + _INGEST_RUN
    )
    assert out["same"] is True
    assert out["report"] == REPORT
    assert out["made"] == 41 and out["stored"] == 40
    assert len(out["pids"]) == 1  # the worker cleaned some of the shares
    assert int(str(out["events"])) > 8  # batches, the refusal and the two notes


def test_a_record_whose_cleaning_fails_in_a_worker_fails_where_it_did(
    tmp_path: Path, dev_stream_rows: list[dict[str, object]]
) -> None:
    """A record whose cleaning raises (here a planted fault on one dev-stream text), cleaned
    in a share of a running pool: the same error out of ``ingest`` as one by one, raised at
    the same record, the batches before it stored and told, nothing after it."""
    path = _ingest_records(dev_stream_rows, tmp_path / "week.jsonl")
    bad = str(dev_stream_rows[25]["text"])[:80]
    out = _run(
        f"""
        PATH, TMP, PIDS = {str(path)!r}, Path({str(tmp_path)!r}), Path({str(tmp_path / "none")!r})
        from newsdigest import ingest as _ingest
        def faulty(article, clean=_ingest.clean_article):
            if article.text.startswith({bad!r}):
                raise ValueError("a planted fault")
            return clean(article)
        _ingest.clean_article = faulty
        """
        + _INGEST_RUN
    )
    assert out["same"] is True
    assert out["report"] == "ValueError: a planted fault"
    # three batches of seven read (one a near-duplicate) stored, the one under way lost
    assert out["stored"] == 20

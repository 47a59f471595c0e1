"""spaCy over several processes: the NER and the parse of many articles shared among the CPUs.

spaCy's small pipeline runs on one core (~50-90 ms an article for the NER alone), so on a
machine with more cores a batch of articles is cut into contiguous shares of about equal
length: this process takes the first, worker processes the others, and the Docs come back
(in one ``DocBin`` per share) in order. Each text is processed by the same model whichever process
runs it, so the Docs are the same as one process makes (a test holds them equal on real
articles). The pool lives as long as the process, so a server or follower pays its start once.

Workers: ``$NEWSDIGEST_WORKERS`` (1: everything in this process), else the CPUs this process
may use, at most ``MAX_WORKERS`` (a worker shares the model with this process, forked, and adds
40-90 MB of its own: ``bench/parallel_memory.py``).
A batch shorter than ``MIN_SPLIT_CHARS`` stays in this process: sending it elsewhere costs
more than it saves. Workers are forked (they inherit the loaded model: no start-up), on
Linux, from a process with no other Python thread: forking a threaded process can deadlock the
child, and a fresh interpreter (``spawn``) would run the caller's unguarded script again. A web
server, whose intake runs in a thread, starts its pool before its threads (``start_workers``);
without a pool, or if the pool fails (a worker killed), the work is done in this process. A
process that multiprocessing started (a caller's own pool, a daemon, which may have no children)
starts none: its caller has shared out the CPUs already. A pool belongs to the process that
forked it: a child the caller forks later makes its own. Workers die with their parent (killed,
out of memory: no orphans), and on Ctrl-C they end quietly, or leave it to a parent that handles
it itself. While the CPUs are shared, each process's BLAS (numpy's: spaCy's matrix products,
``facts.ner.numpy_products``) runs one thread, so the processes do not crowd each other's cores.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import warnings
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from functools import lru_cache, partial
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeVar

from newsdigest.errors import SettingError

T = TypeVar("T")
R = TypeVar("R")
MAX_WORKERS = 4
# About two articles' leads: below this the Docs' transfer outweighs the time a second process
# saves (measured with a running pool: 2 leads of 100 words, 1,267 characters, 22 ms in one
# process, 16 ms shared; 8 leads 79 -> 57 ms; forking the pool itself takes ~10 ms)
MIN_SPLIT_CHARS = 2_000
# A batch is cut into up to this many shares a process: the pool takes them in order and this
# process, its own share done, takes back from the end those no worker has started, so neither
# waits long for the other when the lengths mispredict the cost, a worker starts late or the
# machine is busy (dev stream through the API, one worker: this process had 23 CPU-s to the
# worker's 11 with one share each, the worker idle while this one decoded its Docs, clustered
# and saved)
SHARES_PER_PROCESS = 4
# Shares a pool can hold claimable at once (its processes' and this one's, every batch in
# flight): one byte each in memory the processes share, a slot given back once its batch is
# done and no worker can still meet its share (``_give_back_when_done``)
CLAIM_SLOTS = 4096
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
CGROUP = Path("/sys/fs/cgroup")


def cgroup_cpus(root: Path) -> int | None:
    """The CPUs a CPU quota under cgroup root ``root`` allows, rounded up (cgroup v2
    ``cpu.max``, else v1 ``cpu/cpu.cfs_quota_us``); None without one. A container (docker
    ``--cpus``, a Kubernetes limit) sees every core of its host in the affinity mask, so this
    is what says how many it may keep busy. Only the group the container sees as its root is
    read (a systemd unit's own ``CPUQuota`` deeper down is not)."""
    try:
        quota, period = (root / "cpu.max").read_text(encoding="ascii").split()[:2]
    except (OSError, ValueError):
        try:
            quota = (root / "cpu" / "cpu.cfs_quota_us").read_text(encoding="ascii").strip()
            period = (root / "cpu" / "cpu.cfs_period_us").read_text(encoding="ascii").strip()
        except OSError:
            return None
    if not (quota.isdecimal() and period.isdecimal()) or int(period) == 0:
        return None  # "max" (v2) or -1 (v1): no quota
    return max(1, -(-int(quota) // int(period)))


def worker_count() -> int:
    """Processes spaCy may use: ``$NEWSDIGEST_WORKERS``, else the usable CPUs (the affinity
    mask, bounded by a container's CPU quota: ``cgroup_cpus``) up to ``MAX_WORKERS``. A value
    that is not a positive whole number is a ``SettingError`` naming it ("abc", "0" and "²",
    which passes ``isdigit``, had counted as 1 without a word); one above both the usable CPUs
    and ``MAX_WORKERS`` counts as the larger of them (more processes only share the cores,
    each with memory of its own: a typo of 1000 forked 999)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cpus = os.cpu_count() or 1
    cpus = min(cpus, cgroup_cpus(CGROUP) or cpus)
    explicit = os.environ.get("NEWSDIGEST_WORKERS", "").strip()
    if explicit:
        wanted = int(explicit) if explicit.isascii() and explicit.isdecimal() else 0
        if wanted < 1:
            raise SettingError(
                "NEWSDIGEST_WORKERS",
                os.environ["NEWSDIGEST_WORKERS"],
                "a whole number of processes, 1 or more (1: everything in this process)",
            )
        return min(wanted, max(cpus, MAX_WORKERS))
    return max(1, min(cpus, MAX_WORKERS))


def run_local(nlp: Any, texts: Sequence[str], kind: str) -> list[Any]:
    """``kind`` "ner": the NER alone over each text (in the small English pipeline it has its
    own token vectors), decoded by ``ner_decode`` where the model allows (the same entities,
    ~2.5x faster), else by spaCy; "parse": tok2vec and the parser, whitespace tokens labelled
    as the attribute ruler would (``ner._space_deps``), within the splitter's sentences
    (``ner.with_sentence_starts``).

    numpy's BLAS runs one thread here: spaCy's products are small (a batch's tokens by a few
    hundred), and OpenBLAS's extra threads spun more than they helped (the NER of 380 dev-stream
    texts in one call: 9.3 s of CPU with two threads, 5.9 s with one, and less wall time on a
    busy machine); the processes of ``spacy_docs`` share the cores instead."""
    with one_blas_thread():
        return _run_local(nlp, texts, kind)


def _run_local(nlp: Any, texts: Sequence[str], kind: str) -> list[Any]:
    if kind == "ner":
        from newsdigest.facts.ner_decode import greedy_decoder, recognize

        pipe = nlp.get_pipe("ner")
        decoder = greedy_decoder(pipe)
        docs = map(nlp.make_doc, texts)
        if decoder is None:
            return list(pipe.pipe(docs, batch_size=16))
        return list(recognize(decoder, docs))
    from newsdigest.facts.ner import _space_deps, with_sentence_starts

    guided = (with_sentence_starts(nlp.make_doc(t)) for t in texts)
    return [_space_deps(d) for d in nlp.pipe(guided, batch_size=16, disable=["ner"])]


def one_blas_thread() -> Any:
    """A context in which numpy's BLAS (OpenBLAS and the like) runs on one thread."""
    return _one_blas_thread()()


class _SharedBlasLimit:
    """One BLAS limit shared by every overlapping user (``serve``'s threads): the first in
    sets it, the last out restores the count found. threadpoolctl's limits each restore what
    they found, so two that overlapped without nesting (A in, B in, A out, B out) left BLAS on
    one thread for the rest of the process, and B ran on two once A was out."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._limit: Any = None

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._users == 0:
                self._limit = _blas_controller().limit(limits=1, user_api="blas")
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    self._limit.restore_original_limits()
                    self._limit = None


@lru_cache(maxsize=1)
def _one_blas_thread() -> _SharedBlasLimit:
    """The process's one shared limit (a fork's child inherits its parent's count of users
    along with the limit itself, so both stay true there)."""
    return _SharedBlasLimit()


@lru_cache(maxsize=1)
def _blas_controller() -> Any:
    """The process's BLAS libraries, found once (a scan of the loaded libraries)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _run_remote(model: str, texts: list[str], kind: str) -> bytes:
    """A worker's share: its Docs in one ``DocBin`` (their token attributes, not the token
    vectors, which nothing reads): one string table and one compressed array for the share,
    where a ``Doc.to_bytes`` each sent ~25 times the bytes (dev stream: 18 MB for 190 texts)
    and cost both processes twice the time to write and read."""
    from spacy.tokens import DocBin

    from newsdigest.analysis import add_doc
    from newsdigest.facts.ner import load_nlp

    box = DocBin(store_user_data=False)
    for doc in run_local(load_nlp(model), texts, kind):
        add_doc(box, doc)
    return bytes(box.to_bytes())


def shares(lengths: Sequence[int], parts: int) -> list[tuple[int, int]]:
    """``min(parts, len(lengths))`` contiguous [start, end) ranges over the items, none empty,
    each cut where the running length is nearest its part of the total."""
    n = len(lengths)
    parts = max(1, min(parts, n))
    running = list(accumulate(lengths, initial=0))
    total = running[-1]
    bounds = [0]
    for k in range(1, parts):
        target = total * k / parts
        cut = bisect_left(running, target, lo=bounds[-1] + 1, hi=n)
        if cut > bounds[-1] + 1 and target - running[cut - 1] <= running[cut] - target:
            cut -= 1  # the item at the cut would overshoot more than stopping short
        bounds.append(min(cut, n - (parts - k)))  # one item at least for each share to come
    bounds.append(n)
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def _can_fork() -> bool:
    """Whether worker processes can be forked safely now: on Linux (elsewhere fork is not the
    platform's way, and a fresh interpreter would re-run the caller's script), from a process
    with no other Python thread (forking a threaded process can deadlock the child), that
    multiprocessing did not start (a daemon may not have children; a caller's pool worker
    shares the CPUs already: a pool in each would crowd them and hold a model copy each)."""
    return (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and multiprocessing.parent_process() is None
    )


def _worker_start(parent: int, interrupt: Any, mask: Any, board: ClaimBoard) -> None:
    """A worker's first act: Ctrl-C (the terminal sends it to every process of the command)
    ``interrupt``s it (held back until now: ``mask`` is the parent's own signal mask), and it
    dies with its parent: a parent killed or out of memory leaves no orphan holding a model
    (``prctl``, Linux), nor one forked just as the parent died. It keeps its pool's ``board``
    (``_run_claimed``)."""
    global _worker_board
    _worker_board = board
    signal.signal(signal.SIGINT, interrupt)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    _blas_controller().limit(
        limits=1, user_api="blas"
    )  # for the worker's life: it only runs shares
    with suppress(OSError, AttributeError):  # no prctl: the parent's exit still ends the pool
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


class ClaimBoard:
    """Which of a pool's shares a process has begun, in memory its processes share (made
    before they are forked): a share is run by whichever process claims its slot first. A
    share handed to a process pool is out of reach of ``Future.cancel`` as soon as the pool
    queues it for a worker, which it does ahead of time (one running share and two queued
    per worker): this process, its own shares done, had waited for two shares the worker had
    not begun (dev stream through the API: in 24 of 46 batches; 13 with three), where
    it takes them back now and waits at most for the one the worker is running."""

    FREE, WORKER, HERE = 0, 1, 2

    def __init__(self, ctx: Any, slots: int = CLAIM_SLOTS) -> None:
        self._states = ctx.RawArray(ctypes.c_ubyte, slots)
        self._lock = ctx.Lock()
        self._free = list(range(slots - 1, -1, -1))
        self._free_lock = threading.Lock()  # this process's threads (a server's)

    def take(self, count: int) -> list[int]:
        """Up to ``count`` free slots, each unclaimed (fewer when the board is full: a share
        without one is run by the worker that gets it, as a pool runs any task)."""
        with self._free_lock:
            slots = [self._free.pop() for _ in range(min(count, len(self._free)))]
        for slot in slots:
            self._states[slot] = self.FREE
        return slots

    def give_back(self, slots: Sequence[int]) -> None:
        with self._free_lock:
            self._free.extend(slots)

    def claim(self, slot: int, who: int) -> bool:
        """Whether ``who`` (``WORKER`` or ``HERE``) has the share of ``slot`` to run: the
        first to claim it."""
        with self._lock:
            if self._states[slot] != self.FREE:
                return False
            self._states[slot] = who
            return True


class _ClaimingPool(ProcessPoolExecutor):
    """A process pool with the ``ClaimBoard`` its workers inherited."""

    def __init__(self, board: ClaimBoard, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.board = board


_worker_board: ClaimBoard | None = None  # a worker's pool's board (``_worker_start``)


def _run_claimed(slot: int | None, fn: Callable[..., Any], *args: Any) -> Any:
    """A share in a worker: ``fn(*args)``, unless this process took it back first (None)."""
    board = _worker_board
    if slot is not None and board is not None and not board.claim(slot, ClaimBoard.WORKER):
        return None
    return fn(*args)


def _executor(workers: int) -> _ClaimingPool:
    """This process's pool of ``workers`` forked processes (``_forked_pool``): a pool
    inherited by a child forked from a process that had one is its parent's, and a task sent
    to it would wait for ever (no thread of the child's own reads its results)."""
    return _forked_pool(workers, os.getpid())


# process id -> the workers of the pool it forked and runs (``_forked_pool``, ``_discard``)
_running: dict[int, int] = {}


def pool_size() -> int:
    """The processes this process's running pool gives it, itself included (1 when it runs
    none): work too small to be worth forking a pool for (an ``ingest``'s cleaning, ~3 ms an
    article) is shared only with one already started (by the stories' parses)."""
    return _running.get(os.getpid(), 0) + 1


@lru_cache(maxsize=1)
def _forked_pool(workers: int, owner: int) -> _ClaimingPool:
    """The pool of ``workers`` forked processes, started now (they inherit the loaded model)
    and kept for the life of process ``owner``; ``RuntimeError`` when forking is not safe."""
    if not _can_fork():
        raise RuntimeError("worker processes are forked only from a single-threaded process")
    # a parent that handles Ctrl-C itself (a server, a follower) ends its pool when done;
    # one that does not ends with KeyboardInterrupt, and its workers quietly, not with a
    # traceback each from waiting for work
    interrupt = (
        signal.SIG_DFL
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler
        else signal.SIG_IGN
    )
    # Ctrl-C held while forking: a worker not yet at its first act would meet it with this
    # process's handler (a KeyboardInterrupt traceback); this process gets it right after
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    ctx = multiprocessing.get_context("fork")
    board = ClaimBoard(ctx)
    try:
        pool = _ClaimingPool(
            board,
            workers,
            mp_context=ctx,
            initializer=_worker_start,
            initargs=(owner, interrupt, mask, board),
        )
        with warnings.catch_warnings():
            # Python 3.12+ warns on any fork once numpy's BLAS has started its threads; the
            # children run only spaCy, and a fork pool starts every worker at the first
            # task, before its own manager thread exists
            warnings.filterwarnings("ignore", "This process .* is multi-threaded")
            started = pool.submit(int)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    started.result()
    _running.clear()
    _running[owner] = workers
    return pool


def start_workers(model: str, workers: int | None = None) -> bool:
    """Load ``model`` and start the worker pool now, while this process has one thread: a
    server calls this before its threads start (its intake runs in one). Whether a pool runs."""
    from newsdigest.facts.ner import load_nlp

    load_nlp(model)
    workers = worker_count() if workers is None else workers
    if workers <= 1:
        return False
    try:
        _executor(workers - 1)
    except Exception:  # no pool here: everything runs in this process
        return False
    return True


def _discard(pool: ProcessPoolExecutor | None) -> None:
    """Shut a failed pool down and forget it: the next batch starts a new one if it can."""
    _forked_pool.cache_clear()
    _running.clear()
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def spacy_docs(
    model: str,
    texts: Sequence[str],
    kind: str,
    workers: int | None = None,
    min_chars: int | None = None,
) -> list[Any]:
    """``run_local`` of ``load_nlp(model)`` over ``texts``, shared among ``workers`` processes
    (default ``worker_count()``) when they hold ``min_chars`` characters or more (default
    ``MIN_SPLIT_CHARS``)."""
    from spacy.tokens import DocBin

    from newsdigest.facts.ner import load_nlp

    nlp = load_nlp(model)
    workers = worker_count() if workers is None else workers
    least = MIN_SPLIT_CHARS if min_chars is None else min_chars
    if workers <= 1 or len(texts) < 2 or sum(map(len, texts)) < least:
        return run_local(nlp, texts, kind)
    total = sum(map(len, texts))
    parts = min(workers * SHARES_PER_PROCESS, max(workers, total // max(least, 1)))
    groups = [list(range(a, b)) for a, b in shares([len(t) for t in texts], parts)]
    return _in_shares(
        workers,
        groups,
        lambda rows: run_local(nlp, [texts[k] for k in rows], kind),
        lambda rows: (_run_remote, (model, [texts[k] for k in rows], kind)),
        lambda blob: list(DocBin().from_bytes(blob).get_docs(nlp.vocab)),
    )


def _map_remote(fn: Callable[[T], R], items: list[T]) -> list[R]:
    return [fn(x) for x in items]


def map_shared(
    fn: Callable[[T], R],
    items: Sequence[T],
    weights: Sequence[float],
    workers: int | None = None,
    min_weight: float = 0.0,
) -> list[R]:
    """``[fn(x) for x in items]``, the items shared among ``workers`` processes (default
    ``worker_count()``) when there are two or more and their ``weights`` (a guess of each
    one's cost) add up to ``min_weight``: one share an item, the heaviest first (this process
    takes the first, the pool the next in turn, and this process the last ones left), so one
    large item does not leave the other processes idle. ``fn`` must be a module-level function
    and the items and results picklable; ``fn`` should not raise (an item whose share fails in
    a worker is redone here, where its error is raised)."""
    workers = worker_count() if workers is None else workers
    if workers <= 1 or len(items) < 2 or sum(weights) < min_weight:
        return [fn(x) for x in items]
    return _in_shares(
        workers,
        [[k] for k in sorted(range(len(items)), key=lambda k: (-weights[k], k))],
        lambda rows: [fn(items[k]) for k in rows],
        lambda rows: (_map_remote, (fn, [items[k] for k in rows])),
        lambda results: results,
    )


def map_shares(
    fn: Callable[[list[T]], list[R]],
    items: Sequence[T],
    weights: Sequence[int],
    most: int,
    workers: int | None = None,
    min_weight: int = MIN_SPLIT_CHARS,
) -> list[R]:
    """``fn`` (a list of items in, one result an item out, in order) over contiguous shares of
    ``items``, cut by their ``weights`` (a guess of each one's cost) into about ``most`` items a
    share at least (so what one call holds stays bounded), and into ``SHARES_PER_PROCESS`` a
    process at least when they are shared among ``workers`` processes (default
    ``worker_count()``): when there are two or more and their weights add up to
    ``min_weight``. The shares go as ``spacy_docs``'s do (this process takes the first, the
    pool the next in turn, this process the last ones left). ``fn`` must be picklable (a
    module-level function or a ``partial`` of one) and so must the items and results; a share
    that fails in a worker is redone here, where its error is raised."""
    workers = worker_count() if workers is None else workers
    n = len(items)
    if not n:
        return []
    parts = -(-n // max(most, 1))
    shared = workers > 1 and n >= 2 and sum(weights) >= min_weight
    if shared:
        parts = max(parts, min(n, workers * SHARES_PER_PROCESS))
    groups = [list(range(a, b)) for a, b in shares(weights, parts)]
    if not shared:
        return [r for rows in groups for r in fn([items[k] for k in rows])]
    return _in_shares(
        workers,
        groups,
        lambda rows: fn([items[k] for k in rows]),
        lambda rows: (fn, ([items[k] for k in rows],)),
        lambda results: results,
    )


def _in_shares(
    workers: int,
    groups: list[list[int]],
    here: Callable[[list[int]], list[Any]],
    task: Callable[[list[int]], tuple[Callable[..., Any], tuple[Any, ...]]],
    receive: Callable[[Any], list[Any]],
) -> list[Any]:
    """The results of the items in ``groups`` (lists of item indices), in item order: the
    first group computed ``here``, the others sent to this process's pool of ``workers - 1``
    (``task``: the function and arguments a worker runs; ``receive`` what comes back), and
    those no worker has begun when the first is done taken back, from the last, and computed
    here too (cancelled while the pool holds them, else claimed on the pool's ``ClaimBoard``
    before a worker begins them). Without a pool (threads, another platform, a broken pool)
    everything runs here; a share whose worker died or failed is redone here (a dead worker's
    pool is dropped; otherwise the pool stays, as a server that forked it before its threads
    could not fork another)."""
    out: list[Any] = [None] * sum(map(len, groups))

    def place(rows: list[int], results: list[Any]) -> None:
        for k, result in zip(rows, results, strict=True):
            out[k] = result

    pool = None
    slots: list[int] = []
    sent: list[tuple[list[int], int | None, Future[Any]]] = []
    try:
        pool = _executor(workers - 1)
        slots = pool.board.take(len(groups) - 1)
        for rows, slot in zip(groups[1:], slots + [None] * len(groups), strict=False):
            fn, args = task(rows)
            sent.append((rows, slot, pool.submit(_run_claimed, slot, fn, *args)))
    except Exception:  # no pool here: run here
        if pool is not None:
            _give_back_when_done(pool.board, sent, slots)
            _discard(pool)
        for rows in groups:
            place(rows, here(rows))
        return out
    claimed = list(sent)
    try:
        with one_blas_thread():  # the workers have the other cores
            place(groups[0], here(groups[0]))
            # the pool begins its shares in order: the last ones not begun are done here
            for k in range(len(sent) - 1, -1, -1):
                rows, slot, future = sent[k]
                if future.cancel() or (
                    slot is not None and pool.board.claim(slot, ClaimBoard.HERE)
                ):
                    place(rows, here(rows))
                    del sent[k]
        for rows, _, future in sent:
            try:
                result = future.result()
                if result is not None:  # None: taken back (not for a share begun there)
                    place(rows, receive(result))
                    continue
            except BrokenExecutor:  # a worker died: the pool is dropped
                _discard(pool)
            except Exception:  # noqa: BLE001 - failed as it would here, or cancelled by a drop
                pass
            place(rows, here(rows))  # redone here, where its error is raised
    finally:
        _give_back_when_done(pool.board, claimed, slots)
    return out


def _give_back_when_done(
    board: ClaimBoard,
    sent: Sequence[tuple[list[int], int | None, Future[Any]]],
    slots: Sequence[int],
) -> None:
    """The ``slots`` of a batch this process is done with back on ``board``, each once its
    share's future is done: a share taken back may still wait in the pool's queue, and its
    slot, taken by the next batch and made free, would let a worker run it after all (and
    take the next batch's share of that slot from it)."""
    with_future = {slot for _, slot, _ in sent if slot is not None}
    board.give_back([slot for slot in slots if slot not in with_future])
    for _, slot, future in sent:
        if slot is not None:
            future.add_done_callback(partial(_give_back_slot, board, slot))


def _give_back_slot(board: ClaimBoard, slot: int, _: Future[Any]) -> None:
    board.give_back([slot])

"""How fast the end-to-end digest could be without pieces of its work: an upper bound on what
making each piece free would gain against sumy LexRank (issue 11's 10x bar), not a digest
anyone should ship (the digests change where a piece decides something).

    python bench/e2e_floor.py [--clusters 50] [--without checking-pass,context,tagger,raw-id]

Runs ``e2e_vs_lexrank``'s timing loop (CPU time, as the recorded runs read it) with the named
pieces replaced by nothing:

- ``checking-pass``: cleaning's second, checking pass (``clean.clean_text`` runs once);
- ``context``: the selection's context verdicts on every unit (a quotation without its
  speaker, a reply, an answer, a lead-in, a definite subject brought in before), all "none";
- ``tagger``: spaCy's tagger (every question answered "no model": a verb assumed);
- ``raw-id``: the hash of a file's uncleaned text (cleaning hashes the clean text again).

Alternate it with ``e2e_vs_lexrank.py`` (each its own process: the verdict caches are not
shared) and compare the ratios.
"""

from __future__ import annotations

import argparse
import runpy
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import newsdigest.clean as clean  # noqa: E402
import newsdigest.ingest.text as ingest_text  # noqa: E402
import newsdigest.readability as readability  # noqa: E402
import newsdigest.summarize.coverage as coverage  # noqa: E402
import newsdigest.summarize.quality as quality  # noqa: E402


def _one_cleaning_pass(text: str, title: str = "") -> str:
    title = clean._title_line(title)
    return clean._clean_once(text, clean._Verdicts(clean.rules.fold(title)))


def _no(*args: Any, **kwargs: Any) -> bool:
    return False


def _no_model(*args: Any, **kwargs: Any) -> None:
    return None


def _no_nouns(docs: Any, ends: Any, cands: list[Any]) -> list[str]:
    return [""] * len(cands)


CONTEXT_VERDICTS = (
    "bare_quote",
    "replies",
    "asked_about_it",
    "one_of_those",
    "quotes_someone_unnamed",
    "leads_in",
)


def _remove_context() -> None:
    for name in CONTEXT_VERDICTS:
        setattr(quality, name, _no)
    coverage._answers_a_question = _no  # type: ignore[assignment]
    coverage._own_definites = _no_nouns  # type: ignore[assignment]


REMOVALS: dict[str, Callable[[], None]] = {
    "checking-pass": lambda: setattr(clean, "clean_text", _one_cleaning_pass),
    "context": _remove_context,
    "tagger": lambda: setattr(readability, "_tagged", _no_model),
    "raw-id": lambda: setattr(ingest_text, "article_id", lambda text: "0" * 16),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clusters", type=int, default=50)
    ap.add_argument("--without", default=",".join(REMOVALS))
    args = ap.parse_args()
    names = [n for n in args.without.split(",") if n]
    unknown = [n for n in names if n not in REMOVALS]
    if unknown:
        ap.error(f"unknown piece(s) {', '.join(unknown)} (choose {', '.join(REMOVALS)})")
    for name in names:
        REMOVALS[name]()
    print(f"without: {', '.join(names) or 'nothing'}")
    time.perf_counter = time.process_time  # CPU time, as the recorded runs read it
    sys.argv = ["e2e_vs_lexrank", "--clusters", str(args.clusters)]
    runpy.run_path(str(ROOT / "bench" / "e2e_vs_lexrank.py"), run_name="__main__")


if __name__ == "__main__":
    main()

"""Same input, same digest, in every process: Python randomizes string hashes per process, so
any set or dict order of strings that decides a result shows up as a different digest under
another ``PYTHONHASHSEED``."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import MULTINEWS, ROOT, SEEDS

NEUS = ROOT.parent / "shared" / "data" / "neus" / "neus_trainval.jsonl"

# Digests of the seed cluster, two Multi-News clusters (one hard-wrapped as wire copy is) and
# a NeuS triple, plus every eval system on them: sumy's LSA numbered its terms by set order.
_SCRIPT = """
import itertools, json, sys, textwrap
from pathlib import Path
from newsdigest import digest
from newsdigest.evaluate import Cluster, read_dataset, run_eval
from newsdigest.serialize import story_to_dict

seeds, multinews, neus = sys.argv[1:4]
clusters = read_dataset(multinews)[0][36:38]
wrapped = Cluster(tuple(textwrap.fill(d, 70) for d in clusters[1].documents), clusters[1].reference)
with open(neus, encoding="utf-8") as fh:
    triple = json.loads(next(itertools.islice(fh, 2500, None)))
out = [story_to_dict(digest(sorted(Path(seeds).glob("*.txt")), facts=False))]
out += [story_to_dict(digest(list(c.documents), facts=False)) for c in (clusters[0], wrapped)]
out.append(story_to_dict(digest(triple["docs"], words=60, facts=False)))
results = run_eval([*clusters, wrapped], ["default", "lexrank", "textrank", "lsa"], words=100)
out.append({r.name: r.summaries for r in results})
print(json.dumps(out, sort_keys=True, default=str))
"""


def test_digest_is_the_same_under_every_hash_seed() -> None:
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _SCRIPT, str(SEEDS), str(MULTINEWS), str(NEUS)],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")},
        )
        for seed in ("0", "1", "2", "3")
    ]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert outputs[0].count('"summary"') >= 4  # the digests were made, not empty
    assert all(out == outputs[0] for out in outputs[1:])

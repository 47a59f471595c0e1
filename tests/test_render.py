"""A story's facts reach every human-readable format, not only JSON (issue 5)."""

from __future__ import annotations

import re

import pytest

import newsdigest
from newsdigest.render import render


@pytest.fixture(scope="module")
def seed_story(seed_dir):
    return newsdigest.digest([seed_dir], sentences=3)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_facts_show_quotes_timeline_and_disagreements(seed_story, fmt) -> None:
    out = render(seed_story, fmt)
    facts = seed_story.facts
    assert facts is not None and facts.timeline and facts.disagreements
    putin = next(q for q in facts.quotes if q.speaker == "Vladimir Putin")
    assert putin.text[:40] in out.replace("&#39;", "'")
    for entry in facts.timeline:
        assert f"Timeline {entry.date}:" in out
    assert "Sources differ on" in out and "Washington" in out and "Sochi" in out


def test_timeline_lines_carry_citation_markers(seed_story) -> None:
    lines = [ln for ln in render(seed_story, "text").splitlines() if "Timeline " in ln]
    assert lines
    for ln in lines:
        assert re.search(r"\[\d+\]|\(left out\)", ln), ln

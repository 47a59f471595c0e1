"""The docs name what the code has: every module the README's table points at exists, and the
architecture page lists every command."""

from __future__ import annotations

import re
from pathlib import Path

from newsdigest.cli import COMMAND_MODULES

ROOT = Path(__file__).resolve().parents[1]


def test_the_readmes_stage_table_names_modules_that_exist() -> None:
    """It had pointed the clean stage at ``clean.py``, a package (``clean/``) since."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("| stage | module | what |", 1)[1].split("\n\n", 1)[0]
    named = re.findall(r"`([\w/.]+)`", "\n".join(ln.split("|")[2] for ln in table.splitlines()[2:]))
    assert named
    missing = [m for m in named if not (ROOT / "src" / "newsdigest" / m).exists()]
    assert missing == []


def test_the_architecture_page_lists_every_command() -> None:
    """``follow`` was missing from the entry points."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    listed = re.search(r"cli/ \(Typer: ([^)]*)\)", page)
    assert listed and set(listed.group(1).split(", ")) == set(COMMAND_MODULES)


def test_the_readme_names_the_errors_the_python_api_raises() -> None:
    """The Python API section had named no exception: a caller learnt them from tracebacks."""
    import pytest

    import newsdigest
    from newsdigest.errors import ModelUnavailableError, NoArticlesError, StoreError

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("Python API:", 1)[1].split("\n## ", 1)[0]
    for name in ("NoArticlesError", "StoreError", "ModelUnavailableError", "TypeError"):
        assert f"`{name}`" in section, name
    with pytest.raises(NoArticlesError), pytest.warns(UserWarning):
        newsdigest.digest([Path("/no/such/file.txt")])
    with pytest.raises(StoreError):
        newsdigest.group_stories(db=ROOT / "no-such-store.db")
    with pytest.raises(ModelUnavailableError):
        newsdigest.digest(["examples/sochi-2019"], summarizer="nope")
    with pytest.raises(TypeError):
        newsdigest.digest(["examples/sochi-2019"], words="40")
    with pytest.raises(ValueError):
        newsdigest.digest(["examples/sochi-2019"], words=0)


def _code(markdown: str) -> str:
    """The text of a page's fenced blocks and inline code spans, where commands are written."""
    fenced = re.findall(r"^```[^\n]*\n(.*?)^```", markdown, re.S | re.M)
    spans = re.findall(r"`([^`\n]+)`", re.sub(r"^```.*?^```", "", markdown, flags=re.S | re.M))
    return "\n".join(fenced + spans)


def test_every_make_target_the_docs_name_exists() -> None:
    """A user types what the README and docs/ say; a ``make`` target they name must be one of
    the Makefile's rules (README names ``make run`` and ``make test``)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    rules = set(re.findall(r"^([\w.-]+)\s*:(?!=)", makefile, re.M))
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    named = {
        (page.name, target)
        for page in pages
        for target in re.findall(
            r"(?:^|[;&|(]\s*|\s)make\s+([\w.-]+)", _code(page.read_text("utf-8"))
        )
    }
    assert ("README.md", "run") in named and ("README.md", "test") in named
    assert sorted(t for t in named if t[1] not in rules) == []
    # and every target .PHONY declares has a rule: "bench" had none ("Nothing to be done")
    phony = set(re.search(r"^\.PHONY:(.*)$", makefile, re.M).group(1).split())  # type: ignore[union-attr]
    assert sorted(phony - rules) == []


def test_serve_md_lists_the_story_pages_parts_in_the_pages_order() -> None:
    """docs/serve.md had put quotes before the timeline and where sources disagree after both;
    the page shows where they disagree first, then the timeline, then the quotes."""
    from serve_seed import seed_story

    from newsdigest.serve.templating import environment
    from newsdigest.serve.views import story_page

    page = environment().get_template("story.html").render(page=story_page(seed_story()))
    headings = re.findall(r"<h2>([^<]+)</h2>", page)
    doc = (ROOT / "docs" / "serve.md").read_text(encoding="utf-8")
    told = " ".join(doc.split("The story page shows", 1)[1].split("\n\n", 1)[0].split())
    parts = {"where sources disagree": "Where sources disagree", "the timeline": "Timeline",
             "quotes with their speakers": "Quotes", "the main entities": "People, organizations, places"}  # fmt: skip
    assert all(p in told for p in parts)
    assert [parts[p] for p in sorted(parts, key=told.index)] == [
        h for h in headings if h in parts.values()
    ]

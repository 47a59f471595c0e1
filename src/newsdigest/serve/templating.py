"""The one template set: the web server's pages and ``--format html`` files render the same
templates, so a story reads (and numbers its sources) the same in a browser tab and in a file."""

from __future__ import annotations

from importlib.resources import files

from jinja2 import Environment, FileSystemLoader

from newsdigest.clean.unicode import drop_invisible
from newsdigest.model import Story
from newsdigest.serve.views import row_span, story_page


def _shown(value: object) -> object:
    """Every ``{{ value }}`` without zero-width and bidirectional controls: cleaning drops
    them from what it stores, but a store filled before kept them, and a title written with a
    right-to-left override showed reversed on the page ("evil.exe" as "exe.live")."""
    return drop_invisible(value) if isinstance(value, str) else value


def environment() -> Environment:
    templates = files("newsdigest.serve") / "templates"
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=True,  # every {{ value }} is HTML-escaped, in every template
        finalize=_shown,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["span"] = row_span
    return env


def standalone_story(story: Story, env: Environment | None = None) -> str:
    """The story page as one self-contained file: styles inlined, no links back to a server,
    no scripts (the CSP-guarded script is the server's)."""
    css = (files("newsdigest.serve") / "static" / "style.css").read_text(encoding="utf-8")
    return (
        (env or environment())
        .get_template("story.html")
        .render(page=story_page(story), standalone=True, inline_css=css, json_url=None)
    )

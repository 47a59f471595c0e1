"""A Story as text, Markdown, JSON or a standalone HTML page.

Citation markers number the story's articles: ``[2]`` means "article 2 of the sources list";
each summary sentence also lists the exact source sentences (``2:5`` = article 2, sentence 5).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from jinja2 import Environment, select_autoescape

from newsdigest.model import Story, SummarySentence
from newsdigest.serialize import story_to_dict

FORMATS = ("text", "markdown", "json", "html")


def _numbers(story: Story) -> dict[str, int]:
    outliers = {o.article_id for o in story.outliers}
    return {a.id: i for i, a in enumerate((a for a in story.articles if a.id not in outliers), 1)}


def _markers(sentence: SummarySentence, numbers: dict[str, int]) -> str:
    seen = dict.fromkeys(numbers[c.article] for c in sentence.citations if c.article in numbers)
    return "".join(f"[{n}]" for n in seen)


def _detail(sentence: SummarySentence, numbers: dict[str, int]) -> str:
    return ", ".join(
        f"{numbers[c.article]}:{c.sentence}" for c in sentence.citations if c.article in numbers
    )


def _article_line(story: Story, article_id: str) -> str:
    a = story.article(article_id)
    bits = [a.source or "", a.published.date().isoformat() if a.published else ""]
    where = a.url or a.origin or a.id
    meta = ", ".join(b for b in bits if b)
    title = a.title or _clip(a.text.split("\n", 1)[0], 90)
    return title + (f" ({meta})" if meta else "") + f" — {where}"


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _label(story: Story, article_id: str) -> str:
    """How a sources list names an article: its number, or its outlet if it is an outlier."""
    numbers = _numbers(story)
    if article_id in numbers:
        return f"[{numbers[article_id]}]"
    try:
        article = story.article(article_id)
    except KeyError:
        return article_id
    return f"{article.source or article.id} (left out)"


def _facts_lines(story: Story, bullet: str) -> list[str]:
    f = story.facts
    if f is None:
        return []
    lines: list[str] = []
    if f.event_date or f.event_place:
        lines.append(
            f"{bullet}When/where: {f.event_date or 'date unresolved'}, "
            f"{f.event_place or 'place unresolved'}"
        )
    people = [e for e in f.entities if e.type == "PERSON"][:8]
    if people:
        lines.append(f"{bullet}Who: " + "; ".join(f"{e.name} ({len(e.mentions)})" for e in people))
    orgs = [e for e in f.entities if e.type == "ORG"][:8]
    if orgs:
        lines.append(f"{bullet}Organizations: " + "; ".join(e.name for e in orgs))
    places = [e for e in f.entities if e.type == "PLACE"][:8]
    if places:
        lines.append(f"{bullet}Where: " + "; ".join(e.name for e in places))
    for t in f.timeline:
        cited = "".join(dict.fromkeys(_label(story, c.article) for c in t.citations))
        lines.append(f"{bullet}Timeline {t.date}: {_clip(t.text)} {cited}".rstrip())
    for q in f.quotes[:8]:
        lines.append(f"{bullet}“{_clip(q.text)}” — {q.speaker or 'speaker unresolved'}")
    for d in f.disagreements:
        claims = "; ".join(
            f"{c.value} ({', '.join(_label(story, a) for a in c.articles)})" for c in d.claims
        )
        lines.append(f"{bullet}Sources differ on {d.subject} ({d.kind}): {claims}")
    return lines


def render_text(story: Story, *, markdown: bool = False) -> str:
    numbers = _numbers(story)
    outlets = len({story.article(i).source or i for i in numbers})
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    lines = [f"{h1}{story.title}", ""]
    lines.append(
        f"{len(numbers)} articles from {outlets} outlets"
        + (f"; {len(story.outliers)} left out as off-event" if story.outliers else "")
    )
    lines.append("")
    for i, s in enumerate(story.summary, 1):
        support = f"{s.support} outlet{'s' if s.support != 1 else ''}"
        if markdown:
            lines.append(
                f"{i}. {s.text} {_markers(s, numbers)} *({support}; {_detail(s, numbers)})*"
            )
        else:
            lines.append(f"{i}. {s.text} {_markers(s, numbers)}")
            lines.append(f"   supported by {support}: sentences {_detail(s, numbers)}")
    lines += ["", f"{h2}Sources"]
    lines += [f"[{n}] {_article_line(story, aid)}" for aid, n in numbers.items()]
    if story.outliers:
        lines += ["", f"{h2}Left out (about another event)"]
        lines += [f"- {_article_line(story, o.article_id)}: {o.reason}" for o in story.outliers]
    facts = _facts_lines(story, "- ")
    if facts:
        lines += ["", f"{h2}Facts", *facts]
    return "\n".join(lines) + "\n"


_HTML = Environment(autoescape=select_autoescape(default=True)).from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ story.title }}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
.cite{font-size:.8em;vertical-align:super;text-decoration:none}
.meta{color:#666;font-size:.9em} li{margin:.4rem 0}
</style></head><body>
<h1>{{ story.title }}</h1>
<p class="meta">{{ numbers|length }} articles{% if story.outliers %}; {{ story.outliers|length }} left out as off-event{% endif %}</p>
<ol>{% for s in story.summary %}
<li>{{ s.text }}{% for n in markers(s) %} <a class="cite" href="#src-{{ n }}">[{{ n }}]</a>{% endfor %}
<span class="meta">({{ s.support }} outlet{{ '' if s.support == 1 else 's' }})</span></li>{% endfor %}
</ol>
<h2>Sources</h2><ol>{% for aid, n in numbers.items() %}
<li id="src-{{ n }}">{{ line(aid) }}</li>{% endfor %}</ol>
{% if story.outliers %}<h2>Left out</h2><ul>{% for o in story.outliers %}
<li>{{ line(o.article_id) }}: {{ o.reason }}</li>{% endfor %}</ul>{% endif %}
{% if facts %}<h2>Facts</h2><ul>{% for f in facts %}<li>{{ f }}</li>{% endfor %}</ul>{% endif %}
</body></html>
"""
)


def render_html(story: Story) -> str:
    numbers = _numbers(story)

    def markers(s: SummarySentence) -> list[int]:
        return list(dict.fromkeys(numbers[c.article] for c in s.citations if c.article in numbers))

    return _HTML.render(
        story=story,
        numbers=numbers,
        markers=markers,
        line=lambda aid: _article_line(story, aid),
        facts=_facts_lines(story, ""),
    )


def render(story: Story, fmt: str = "text") -> str:
    """One story in ``fmt`` (text, markdown, json, html)."""
    if fmt == "json":
        return json.dumps(story_to_dict(story), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return render_text(story, markdown=True)
    if fmt == "html":
        return render_html(story)
    if fmt == "text":
        return render_text(story)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_many(stories: Sequence[Story], fmt: str = "text") -> str:
    """Several stories: a JSON list, or the stories one after another."""
    if fmt == "json":
        return json.dumps([story_to_dict(s) for s in stories], ensure_ascii=False, indent=2) + "\n"
    sep = "\n---\n\n" if fmt in ("text", "markdown") else "\n"
    return sep.join(render(s, fmt) for s in stories)

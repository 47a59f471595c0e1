"""Paragraphs of extracted text: blank lines separate them, and so does a single line break
unless the lines are a hard-wrapped paragraph or one line plainly continues the other."""

from __future__ import annotations

import re

from newsdigest.clean import rules

_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text``: blank lines always separate; a single line break separates too,
    except inside a hard-wrapped block or where a line obviously continues on the next."""
    out: list[str] = []
    for block in _BLANK_LINES.split(text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if len(lines) >= 3 and all(40 <= len(ln) <= 100 for ln in lines[:-1]):
            out.append(" ".join(lines))  # a hard-wrapped paragraph (e-mail, plain-text feeds)
            continue
        current = lines[0]
        for line in lines[1:]:
            if _continues(current, line):
                current = f"{current} {line}"
            else:
                out.append(current)
                current = line
        out.append(current)
    return out


def _continues(line: str, nxt: str) -> bool:
    """``nxt`` carries on the sentence of ``line`` (a wrapped line), unless ``line`` is a
    heading or widget that only looks unfinished ("Comments" above "reader0 wrote:")."""
    return (
        nxt[:1].islower()
        and not rules.ends_sentence(line)
        and not rules.TWEET_BYLINE.match(line)
        and not rules.TAIL_HEADING.match(line)
        and not rules.is_boilerplate_line(line)
    )

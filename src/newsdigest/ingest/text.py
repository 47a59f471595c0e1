"""Plain-text reader: one article per file, the first line its title when it reads as one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from newsdigest.clean.paragraphs import wrap_width, wrapped_break
from newsdigest.clean.unicode import replace_surrogates
from newsdigest.errors import InputError
from newsdigest.ingest.decode import whole_text
from newsdigest.model import Article, article_id

_INNER_STOP = re.compile(r"[.!?][\"'”’»)]*\s+[\"“«(]?[A-Z]")
_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 30


# a period, also inside closing quotes ("... and the woman he loved.”": a Multi-News article's
# first sentence had become its title, and the digest never said who the artist was)
_ENDS_WITH_STOP = re.compile(r"[.…][\"'”’»)\]]*$")


def is_title_line(line: str) -> bool:
    """A headline is short, one phrase, and does not end with a period; a long first line or a
    first sentence ("The talks ... have started in Sochi.") is body text, so nothing is lost."""
    line = line.strip()
    return (
        0 < len(line) <= _MAX_TITLE_CHARS
        and len(line.split()) <= _MAX_TITLE_WORDS
        and not _ENDS_WITH_STOP.search(line)
        and not _INNER_STOP.search(line)
    )


def split_title(text: str) -> tuple[str, str]:
    """(title, body) of a plain-text article; title is "" when the first line is body text.

    In hard-wrapped text (wire copy) the first line is no title when it runs on into the next
    line ("WASHINGTON - An attorney for senior White House aide Jared Kushner said\nThursday
    that ..."): taken as one, it had cut every wrapped article's lead sentence in two."""
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    if not rest.strip() or not is_title_line(first):
        return "", stripped
    second = rest.split("\n", 1)[0]
    if second.strip():
        width = wrap_width(stripped.split("\n"))
        if width is not None and not wrapped_break(first, second, width):
            return "", stripped
    return first.strip(), rest


def text_article(text: str, *, name: str, source: str | None = None) -> Article | InputError:
    """An uncleaned Article from one article's text, or the reason there is none."""
    if not text.strip():
        return InputError(name, "empty text" if not text else "empty file (only whitespace)")
    title, body = split_title(replace_surrogates(text))
    return Article(id=article_id(body), text=body, title=title, source=source, origin=name)


def read_text(path: Path, *, max_bytes: int) -> Iterator[Article | InputError]:
    """The article of a .txt file; its source is the file name (an outlet per file)."""
    text = whole_text(path, max_bytes)
    yield (
        text
        if isinstance(text, InputError)
        else text_article(text, name=str(path), source=path.stem)
    )

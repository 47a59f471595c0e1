"""Paragraphs of hard-wrapped plain text: wrapped lines join, headlines, datelines, indented
paragraphs and list items stay apart; text that is not wrapped is left as it was."""

from __future__ import annotations

import textwrap

from newsdigest.clean import clean_text
from newsdigest.clean.paragraphs import split_paragraphs, wrap_width

_BODY = (
    "WASHINGTON (AP) _ The two Libyans accused of the 1988 bombing of Pan Am Flight 103 will be "
    "handed over for trial in the Netherlands, officials said Monday.",
    "Pinochet ruled Chile from Sept. 11, 1973, the year he seized power, and Dec. 31, 1983, "
    "when he left under pressure from Argentina during the 1976-83 military dictatorships.",
)


def test_wire_copy_paragraphs_are_unwrapped() -> None:
    wire = "\n".join(
        [
            "Lockerbie suspects to be handed over",
            *(textwrap.fill(p, 70, initial_indent="   ") for p in _BODY),
            "   - a fragment of a circuit board",
        ]
    )
    assert wrap_width(wire.split("\n")) == 70
    assert split_paragraphs(wire) == [
        "Lockerbie suspects to be handed over",
        *_BODY,
        "- a fragment of a circuit board",
    ]


def test_web_text_is_not_taken_for_wrapped(seed_paths) -> None:
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        assert wrap_width(text.split("\n")) is None


def test_cleaning_wrapped_seed_text_gives_the_unwrapped_paragraphs(seed_paths) -> None:
    text = seed_paths[1].read_text(encoding="utf-8")
    paras = [" ".join(p.split()) for p in clean_text(text).split("\n\n")]
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in paras)
    assert clean_text(wrapped).split("\n\n") == paras


def test_indented_wire_paragraphs_unwrap_by_their_lines_as_wrapped() -> None:
    """Newswire indents each paragraph: its first line was wrapped with the indent, so it ends
    short of the column by it. Runs of spaces were once squeezed before the paragraphs were
    read, and a first line then seemed to end short: a wrapped Multi-News story came out cut
    at "to his death from / the boy's Brooklyn home"."""
    paras = [
        "A 20-year-old man tossed his 4-year-old brother to his death from the boy's Brooklyn "
        "home, police said.",
        "Police responding to a 911 call found the little boy unconscious and unresponsive in "
        "the courtyard outside his home in East Midwood around 3:30 a.m. on Saturday, the "
        "police department said in a statement released later that morning.",
        "The boy was pronounced dead at the scene, police said. The medical examiner said he "
        "died from multiple blunt force injuries and that his death was a homicide.",
        "His older brother was charged with second-degree murder, the police said. He is "
        "accused of throwing the boy off the roof of the seven-story apartment building.",
    ]
    wire = "\n".join(textwrap.fill(p, 70, initial_indent="   ") for p in paras)
    assert clean_text(wire).split("\n\n") == paras


def test_wire_quotations_wrapped_over_lines_are_set_and_their_sentences_whole() -> None:
    """AP and New York Times copy types a quotation ``so'' and wraps it over lines like any
    text. Its marks had been set before the lines were joined: a quotation wrapped over two
    lines kept its closing '' (a pair of apostrophes in the digest), and a line holding a
    quotation, two characters shorter once set, read as a paragraph's last line (a hard-wrapped
    sentence became two paragraphs, the second "Jose Miguel Insulza said in Santiago.")."""
    paras = [
        "``The government has no right to hold a former head of state who came here on a "
        "diplomatic mission and who is recovering from surgery,'' the foreign minister of "
        "Chile told reporters on Saturday.",
        "Pinochet, 82, was arrested late Friday at a London hospital where he had undergone "
        "back surgery, Scotland Yard said in a statement released to reporters.",
    ]
    wire = "\n".join(textwrap.fill(p, 68, initial_indent="   ") for p in paras)
    last = "   ``This is a violation of diplomatic immunity,'' Foreign Minister\n"
    wire += "\n" + last + "Jose Miguel Insulza said in Santiago."
    assert clean_text(wire).split("\n\n") == [
        "“The government has no right to hold a former head of state who came here on a "
        "diplomatic mission and who is recovering from surgery,” the foreign minister of "
        "Chile told reporters on Saturday.",
        paras[1],
        "“This is a violation of diplomatic immunity,” Foreign Minister Jose Miguel Insulza "
        "said in Santiago.",
    ]
    # text that is not hard-wrapped: a line opening a quotation is a paragraph, as with “
    two = "The minister spoke in Santiago.\n``We protest,'' he said."
    assert clean_text(two).split("\n\n") == [
        "The minister spoke in Santiago.",
        "“We protest,” he said.",
    ]


def test_wire_copy_with_two_spaces_after_a_stop_is_joined_at_every_width() -> None:
    """Typewritten wire copy puts two spaces after a sentence's stop, and its wrapper counted
    them; they had been made one before the lines were measured, so a line holding them read
    as a paragraph's short last line (at some of these widths a sentence had been cut in two)."""
    paras = [
        "MIAMI _ Hurricane Mitch, one of the strongest storms ever recorded in the Caribbean, "
        "gained strength on Tuesday as it churned toward the coast of Honduras.  Forecasters "
        "at the National Hurricane Center said it could hit land by Thursday.",
        "The storm's sustained winds reached 180 miles an hour, making it a Category 5 "
        "hurricane.  It is the most powerful on the scale used by the center.  ``It is an "
        "extremely dangerous storm,'' said Jerry Jarrell, the center's director, who added "
        "that residents should leave.",
        "Officials in Honduras ordered the evacuation of low-lying areas along the northern "
        "coast.  The government closed schools in the region and opened shelters.",
    ]
    expected = [" ".join(p.split()) for p in paras]
    expected[0] = expected[0].removeprefix("MIAMI _ ")
    expected[1] = expected[1].replace("``", "“").replace("''", "”")
    for width in range(60, 80):
        wrapper = textwrap.TextWrapper(width, initial_indent="   ", fix_sentence_endings=True)
        wire = "\n".join(wrapper.fill(p) for p in paras)
        assert clean_text(wire).split("\n\n") == expected, width


def test_a_short_wrapped_item_keeps_its_compounds_whole() -> None:
    """A wire item of three lines is too short to be measured as hard-wrapped text and is
    joined as one wrapped paragraph; a compound its wrapper cut at the hyphen had stayed cut
    ("evacuation of low- lying areas")."""
    item = (
        "   ``The government has no right to hold a former head of state,'' the\n"
        "minister said.  Officials in Honduras ordered the evacuation of low-\n"
        "lying areas along the northern coast on Tuesday."
    )
    assert clean_text(item) == (
        "“The government has no right to hold a former head of state,” the minister said. "
        "Officials in Honduras ordered the evacuation of low-lying areas along the northern "
        "coast on Tuesday."
    )


def test_a_long_run_of_lowercase_lines_is_one_paragraph_in_linear_time() -> None:
    """A word list, one lowercase word a line with no stop (10,000 lines, 60 KB), took 8 s
    and four times as many 130 s: each line's test read the whole paragraph so far again."""
    import time

    words = "the mayor said on monday that the city would build three new schools".split()
    lines = (words * 4000)[:40_000]
    started = time.process_time()
    paragraphs = split_paragraphs("\n".join(lines))
    assert time.process_time() - started < 1.0
    assert paragraphs == [" ".join(lines)]
    # a widget above a lowercase line is still its own paragraph
    assert split_paragraphs("Comments\nreader0 wrote:\nnice piece") == [
        "Comments",
        "reader0 wrote:",
        "nice piece",
    ]


def test_a_names_end_the_wrapper_cut_onto_the_last_line_stays_in_its_sentence(
    multinews_csv,
) -> None:
    """Multi-News 91's petition page filled at 70 columns, too short for its column to show:
    "Thank you for supporting the campaign to make Juneteenth a National" over "Holiday." had
    been two paragraphs (cleaning) and two sentences (the splitter's single-line break before
    a capital), "Holiday." a sentence of its own. A short heading over a short capitalized
    line, a line that ends its sentence, and a name's end that is not a paragraph's last line
    stay apart."""
    from newsdigest.clean import clean_article
    from newsdigest.evaluate import read_dataset
    from newsdigest.ingest.text import text_article
    from newsdigest.split import split_sentences

    (doc,) = [d for d in read_dataset(multinews_csv)[0][91].documents if d.startswith("Thank")]
    wrapped = "\n\n".join(textwrap.fill(p, 70) for p in doc.split("\n") if p.strip())
    thanks = "Thank you for supporting the campaign to make Juneteenth a National Holiday."
    cleaned = clean_article(text_article(wrapped, name="91.txt")).text
    assert split_paragraphs(wrapped)[0] == thanks
    assert split_sentences(cleaned)[0].text == thanks
    assert [" ".join(s.text.split()) for s in split_sentences(wrapped)][0] == thanks
    for apart in (
        "Markets\nPrices Fell.",  # a heading, not a wrapped line
        "Thank you for supporting the campaign to make Juneteenth a holiday.\nNational Day.",
        "Thank you for supporting the campaign to make Juneteenth a National\nHoliday.\nMore.",
        "Thank you for supporting the campaign to make Juneteenth a National\nHoliday is near.",
    ):
        assert (
            len(split_paragraphs(apart))
            == len(split_sentences(apart))
            == 3 - (apart.count("\n") == 1)
        ), apart

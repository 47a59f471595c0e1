"""Quote marks as web text really has them: mixed, nested, misused, unclosed, unopened."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.facts import extract_facts
from newsdigest.facts.quotes import find_quote_spans
from newsdigest.model import Article, article_id


def quotes(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quote_spans(text)]


def test_mixed_marks_and_guillemets_from_the_seeds() -> None:
    # 000: opened with “ and closed with a straight mark; 001: «…» with a dash attribution
    text = (
        '“We can work together on North Korea. Also we can talk about strategic dialogue". '
        "On the agenda were issues of strategic stability.\n"
        "«In General, he conducted an objective investigation», — quotes the words of Putin."
    )
    assert quotes(text) == [
        "We can work together on North Korea. Also we can talk about strategic dialogue",
        "In General, he conducted an objective investigation",
    ]


def test_nested_straight_quotes_belong_to_the_outer_quote() -> None:
    text = (
        '"He is under severe pressure from the Democratic Party and the "deep state". Now, after '
        'Muller’s report, Trump may act independently," he said.'
    )
    assert quotes(text) == [
        'He is under severe pressure from the Democratic Party and the "deep state". Now, after '
        "Muller’s report, Trump may act independently"
    ]


def test_an_opening_mark_used_as_closing_mark() -> None:
    text = "Pompeo has said that talks on “almost all the problems our two countries are facing “have been productive."
    assert quotes(text) == ["almost all the problems our two countries are facing"]


def test_unclosed_quote_is_cut_at_its_attribution_or_dropped() -> None:
    text = "“I’m not sure we have all the capacity for that, Pompeo said after talks in Sochi."
    assert quotes(text) == ["I’m not sure we have all the capacity for that"]
    assert quotes("“An unclosed quote with nobody saying it runs on and on.") == []


def test_missing_opening_mark_starts_after_the_previous_attribution() -> None:
    text = (
        "“We owe it to the American people,” Pompeo said earlier. – I hope that Foreign Minister "
        "Lavrov and I can make progress. We’ll try to work on it.”"
    )
    assert quotes(text) == [
        "We owe it to the American people",
        "I hope that Foreign Minister Lavrov and I can make progress. We’ll try to work on it.",
    ]


def test_apostrophes_are_not_single_quotes() -> None:
    text = (
        "It’s Lavrov’s view that the 'deep state' rules, and Pompeo's too. He said ‘never again’."
    )
    assert quotes(text) == ["deep state", "never again"]


def test_quotes_never_cross_a_paragraph() -> None:
    assert quotes('"First paragraph opens\nand the second closes" here.') == []


QUOTE_ALPHABET = st.sampled_from(list("ab Z.,;—–-\n\"'“”«»„‘’ ") + ["said", "Pompeo", " he "])


@given(st.lists(QUOTE_ALPHABET, max_size=80).map("".join))
def test_quote_spans_are_always_valid(text: str) -> None:
    spans = find_quote_spans(text)
    last = -1
    for q in spans:
        assert 0 <= q.open <= q.start < q.end <= q.close <= len(text)
        content = text[q.start : q.end]
        assert content == content.strip() and content
        assert q.open >= last  # top-level quotes do not overlap
        last = q.close


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        QUOTE_ALPHABET | st.sampled_from(["Lavrov", " on Tuesday", " Sochi"]), max_size=60
    ).map("".join)
)
def test_extract_facts_never_raises_and_quote_spans_index_the_text(text: str) -> None:
    if not text.strip():
        return
    article = Article(id=article_id(text), text=text)
    facts = extract_facts([article], {})
    for q in facts.quotes:
        assert text[q.start : q.end] == q.text
    for e in facts.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text


def speakers(text: str) -> list[tuple[str, str | None]]:
    facts = extract_facts([Article(id=article_id(text), text=text)], {})
    return [(q.text[:20], q.speaker) for q in facts.quotes]


def test_a_quote_opening_the_next_paragraph_continues_its_speaker() -> None:
    # Multi-News validation row 241 (Flint), as printed
    text = (
        "“Legionella can start growing in the pipes where the water chemistry shifted,” "
        "Amy Pruden said.\n\n“Given that Legionnaires’ is now the leading cause of illness "
        "spread by tap water, there is a need to be more responsive to outbreaks.”\n\n"
        "According to Nordlund, the CDC was approached by Genesee County."
    )
    assert [s for _, s in speakers(text)] == ["Amy Pruden", "Amy Pruden"]


def test_no_continuation_across_other_text() -> None:
    text = (
        "“Legionella can start growing in the pipes where the water chemistry shifted,” "
        "Amy Pruden said.\n\nThe county did not test the water for months.\n\n“Given that "
        "Legionnaires’ is now the leading cause of illness, we must respond to outbreaks.”"
    )
    assert [s for _, s in speakers(text)] == ["Amy Pruden", None]


def test_mr_and_titles_do_not_end_the_attribution() -> None:
    text = '"Sprint needs it," said Mr. Doherty, an analyst. Richard Doherty runs Envisioneering.'
    assert speakers(text) == [("Sprint needs it", "Richard Doherty")]


def test_only_sentences_near_a_pronoun_or_ing_attribution_need_the_parser() -> None:
    from newsdigest.facts.quotes import subject_sentences
    from newsdigest.split import split_sentences

    text = (
        "Lavrov arrived in Sochi. The talks began at noon. Pompeo met Putin. It rained. "
        'Aides waited outside. "We had a long and useful conversation," he said.\n'
        '"The relationship will improve over the coming years," Pompeo said.\n'
        'Putin welcomed the guests, saying: "We are glad that you came here today."'
    )
    sentences = split_sentences(text, "t")
    runs = subject_sentences(text, sentences)
    # the pronoun's sentence and the four before it; the "-ing" quote's own sentence; nothing
    # for the quote attributed by name
    assert [text[s:e] for s, e in runs] == [
        text[sentences[1].start : sentences[5].end],
        sentences[7].text,
    ]
    plain = "No quotes here. He never said anything, saying nothing."
    assert subject_sentences(plain, split_sentences(plain)) == []


def test_the_parse_is_asked_for_near_a_quote_not_to_the_end_of_its_line() -> None:
    """Attribution reads a clause before a quote and an attribution's words after it, not the
    rest of its line: a page flattened to one line of 20,000 quotes took minutes (each quote
    searched to the end of the line)."""
    import time

    from newsdigest.facts.quotes import ATTRIBUTION_REACH, subject_sentences
    from newsdigest.split import split_sentences

    filler = "The talks went on. " * (ATTRIBUTION_REACH // 10)
    text = f'Lavrov arrived. "We had a long and useful talk," Pompeo said. {filler}He left.'
    assert subject_sentences(text, split_sentences(text, "t")) == []
    line = "'a' " * 20_000
    sentences = split_sentences(line, "t")
    started = time.perf_counter()
    subject_sentences(line, sentences)
    assert time.perf_counter() - started < 20.0  # 4.8 s at a load average of 7.5; minutes before


def test_a_quote_of_several_paragraphs_is_one_speaker() -> None:
    # dev stream (USA Today, the Falcon Heavy launch): AP style leaves each paragraph of a long
    # quote open and opens the next with a quote mark; the middle paragraph was dropped and the
    # last one had no speaker
    text = (
        "“I thought for sure something would delay us,” Musk said in a conference call with "
        "reporters Monday afternoon. “But the weather’s looking good, so it should be an "
        "exciting day. I’m looking forward to it.\n\n"
        "“We’ll have a good time no matter what happens. It’s guaranteed to be exciting, one "
        "way or another.”\n\nBut he’s hopeful for success."
    )
    assert quotes(text)[1] == (
        "But the weather’s looking good, so it should be an exciting day. I’m looking forward "
        "to it."
    )
    got = speakers(text)
    assert len(got) == 3 and {s for _, s in got} == {"Musk"}
    # an unclosed quote before prose, not a quote, is still dropped
    assert quotes("“An unclosed quote runs on.\n\nThe council met on Monday.") == []


def test_posted_joked_and_other_reporting_verbs_name_the_speaker() -> None:
    # dev stream: Musk's post about the Falcon Heavy and Trump's tweet had no speaker
    text = (
        "Elon Musk announced the launch on Friday. 'Falcon Heavy to launch next month from "
        "Apollo 11 pad at the Cape. Guaranteed to be exciting, one way or another,' Musk "
        "posted. “Oil is going into North Korea. That wasn’t my deal!” Donald Trump tweeted."
    )
    assert {s for _, s in speakers(text)} == {"Elon Musk", "Donald Trump"}


def test_titles_names_and_slogans_in_quotes_are_no_ones_words() -> None:
    # dev stream: films, a song, a nickname listed as quotes, two of them "said" by the actress
    text = (
        "Thurman and Tarantino also worked together in her star-making role as Mia in 1994's "
        '"Pulp Fiction," which Weinstein produced. Chicago Cubs announcer Harry Caray leads fans '
        'in singing "Take Me Out to the Ball Game" during the seventh-inning stretch. Durov, a '
        "Russian programmer who has been referred to as the “Mark Zuckerberg of Russia,” fled his "
        "native country in 2014. “The article speaks for itself,” Leslie Sloane said."
    )
    assert speakers(text) == [("The article speaks f", "Leslie Sloane")]
    # a title-cased answer with a speaker and a verb is still the speaker's words
    said = "“The Schedule Was So Horrible,” Toby Haynes said of the shoot."
    assert speakers(said) == [("The Schedule Was So ", "Toby Haynes")]


def test_a_title_in_ed_is_no_ones_words() -> None:
    """A book and a calendar in Title Case were their namers' quotes (Multi-News validation
    55 and 64): a capitalized "-ed" word is no verb there."""
    text = (
        "Nurse Yulette Newman said the ward was busy. On the 10th day of the shutdown, she "
        "posted a photo of an “Expected Date of Confinement Wheel” on Facebook. The diagnosis "
        'came from Dr. Susan Kolb, author of "The Naked Truth About Breast Implants." '
        '"It will get worse," Kolb said.'
    )
    assert speakers(text) == [("It will get worse", "Susan Kolb")]


def test_a_title_before_a_quote_goes_and_the_quote_keeps_its_speaker() -> None:
    # dev stream (The New York Times on Uma Thurman): the film was listed as her words; "she"
    # in the next paragraph is still Thurman
    text = (
        "“Pulp Fiction” made Weinstein rich and respected, and Thurman says he introduced her to "
        "President Barack Obama at a fund-raiser as the reason he had his house.\n“The "
        "complicated feeling I have about Harvey is how bad I feel about all the women that were "
        "attacked after I was,” she told me one recent night, looking anguished in her elegant "
        "apartment."
    )
    assert [s for _, s in speakers(text)] == ["Thurman"]


def test_a_closing_mark_used_to_open_a_quote() -> None:
    # dev stream (HuffPost on the $284 billion bill): '”willingness' opens the quote; the
    # spokesman's sentence before it was taken for a quote of no one
    text = (
        "Mark Durbin, a spokesman for Penelec’s parent company First Energy, said he has never "
        "seen a bill for billions of dollars, but told the Erie Times-News the company "
        "appreciates Horomanski’s ”willingness to reach out to us about the mistake.”"
    )
    assert quotes(text) == ["willingness to reach out to us about the mistake."]
    assert speakers(text) == [("willingness to reach", "Mark Durbin")]
    # a closing mark after a word still closes ('... the end,” he said')
    assert quotes("“It was the end,” he said.") == ["It was the end"]


def test_a_title_cased_greeting_or_a_tweet_in_capitals_said_by_someone_is_a_quote() -> None:
    # words addressed to a person are capitalized by the names in them, and tweets shout: with
    # "Kim said" right after, they are somebody's words, verb or not
    text = (
        "Kim Jong Un greeted his guest at the border. “Thank you, President Trump,” Kim said as "
        "the two men shook hands.\nPompeo landed in Sochi on Tuesday. “Welcome to Russia, "
        "Mike,” said Sergey Lavrov at the airport.\nPresident Donald Trump lashed out on "
        "Thursday. “NO COLLUSION, NO OBSTRUCTION, COMPLETE AND TOTAL EXONERATION,” Trump "
        "tweeted after the report was released."
    )
    assert speakers(text) == [
        ("Thank you, President", "Kim Jong Un"),
        ("Welcome to Russia, M", "Sergey Lavrov"),
        ("NO COLLUSION, NO OBS", "Donald Trump"),
    ]


def test_a_show_named_before_its_guest_speaks_is_not_a_quote() -> None:
    # dev stream (Mullen on ABC): a programme's name right before "Mullen warned"
    text = (
        "Former Joint Chiefs Chairman Mike Mullen appeared on ABC. On CNN's “State of the "
        "Union,” Mullen warned that President Donald Trump was making war more likely."
    )
    assert speakers(text) == []


def test_a_pronoun_after_an_unnamed_speaker_is_not_the_last_named_person() -> None:
    # dev stream (NPR on the Cologne assaults): the victim's words were given to the police
    # chief named three sentences before
    text = (
        "Police chief Wolfgang Albers says his officers didn't learn about the assaults until "
        "the next day.\nOne victim who spoke with German channel n-tv accused police of keeping "
        "her and several female friends from seeking refuge inside the train station.\nThe "
        "victim, whom the TV channel identified only by first name, said police didn't take "
        'her claim seriously for several days.\n"We ran but we couldn\'t do anything," she '
        "said of the attack."
    )
    assert speakers(text) == [("We ran but we couldn", None)]


def test_a_line_of_inch_marks_is_read_in_linear_time() -> None:
    """A shop's TV listing flattened to one line ("Samsung 55” QLED $599 | ..."): each ” closes
    no quote and looked back for a sentence end from the same place, all the way; 10,000 of
    them took minutes."""
    import time

    models = ["Samsung 55” QLED $599", "LG 65” OLED $1,299", "Sony 75” Bravia $1,999"]
    line = " | ".join(models[i % 3] for i in range(3_000))
    started = time.process_time()
    spans = find_quote_spans(line)
    assert time.process_time() - started < 2.0
    # the line opens with narrative up to its first mark, as before; nothing else is a quote
    assert [line[q.start : q.end] for q in spans] == ["Samsung 55"]


def test_a_spokesman_speaks_not_whom_he_speaks_for() -> None:
    """Dev stream, the Chibok release: "“...,” Garba Shehu, a spokesman for President
    Muhammadu Buhari, said" gave three quotes to Buhari (and a false "Sources differ")."""
    from datetime import datetime, timezone

    texts = [
        "Nigeria freed 21 girls on Thursday. “The release of the girls is the outcome of "
        "negotiations between the administration and Boko Haram,” Garba Shehu, a spokesman for "
        "President Muhammadu Buhari, said on Thursday. Buhari welcomed the girls.",
        "Garba Shehu, a spokesman for President Muhammadu Buhari, said: “We are very happy that "
        "the girls are home with their families now.” Muhammadu Buhari met them.",
        "Muhammadu Buhari said “We will keep working for the release of the other girls.” "
        "Garba Shehu spoke too.",
    ]
    when = datetime(2016, 10, 13, tzinfo=timezone.utc)
    articles = [
        Article(id=article_id(t), text=t, published=when, source=f"o{i}")
        for i, t in enumerate(texts)
    ]
    speakers = [q.speaker for q in extract_facts(articles, {}).quotes]
    assert speakers == ["Garba Shehu", "Garba Shehu", "Muhammadu Buhari"]


def test_a_named_speakers_continued_quote_corrects_a_pronoun_guess_elsewhere() -> None:
    """The dev stream's Thurman story: one outlet quoted her by name and went on with a second
    quote in the same paragraph; another wrote "she says now" after naming a man, and the
    second quote had gone to him. A quote continuing a named speaker's is as sure as a title,
    so it names the speaker of the same words elsewhere."""
    named = (
        "Uma Thurman gave an interview to the New York Times.\n\n"
        "“I used the word anger, but I was more worried about crying, to tell you the truth,” "
        "Thurman said in the Times article. “I was not a groundbreaker on a story I knew to be "
        "true. So what you really saw was a person buying time.”"
    )
    guessed = (
        "Uma Thurman is angry.\n\n"
        "When asked about the scandal at the premiere for her Broadway play, an intrigue "
        "written by “House of Cards” creator Beau Willimon, she looked steely and said she was "
        "waiting to feel less angry.\n\n"
        "“I used the word anger, but I was more worried about crying, to tell you the truth,” "
        "she says now. “I was not a groundbreaker on a story I knew to be true. So what you "
        "really saw was a person buying time.”"
    )
    articles = [Article(id=article_id(t), text=t) for t in (named, guessed)]
    quotes = extract_facts(articles, {}).quotes
    groundbreaker = [q for q in quotes if "groundbreaker" in q.text]
    assert len(groundbreaker) == 2
    assert {q.speaker for q in groundbreaker} == {"Uma Thurman"}, groundbreaker


def test_the_speaker_after_said_is_not_the_car_he_drives(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's Falcon Heavy story (the Washington Post's "SpaceX's hot new monster
    rocket ready for first test flight"): "“It is a catchy way to get attention,” said Stern
    while driving his blue Tesla Model S" gave the quote to the car, which the small model
    takes for a person. The words after "said" stop naming the speaker where a clause of
    their own begins; "said SpaceX founder Elon Musk" is still Musk."""
    from newsdigest.clean import clean_text

    (row,) = [r for r in dev_stream_rows if "catchy way to get attention" in r["text"]]
    text = clean_text(row["text"], row.get("title") or "")
    facts = extract_facts([Article(id=article_id(text), text=text)], {})
    (catchy,) = [q for q in facts.quotes if q.text.startswith("It is a catchy way")]
    assert catchy.speaker == "Alan Stern"
    musk = "“The future is vastly more exciting,” said SpaceX founder Elon Musk."
    (future,) = extract_facts([Article(id=article_id(musk), text=musk)], {}).quotes
    assert future.speaker == "Elon Musk"


def test_an_organization_right_before_the_verb_is_the_speaker() -> None:
    """The dev stream's Amazon and Microsoft story left Microsoft's statement unresolved though
    "Microsoft said in a statement:" names who says it; and Rihanna "captioned the video
    with: “Be grateful for life man.”". A place is no speaker this way."""
    text = (
        "Employees of Amazon and Microsoft used work emails to buy sex, Newsweek reported. "
        "Microsoft said in a statement: “Microsoft has a long history of cooperating with law "
        "enforcement to combat human trafficking.”\n\n"
        "The singer Rihanna posted a video of her cousin on Instagram. Rihanna captioned the "
        "video with: “Be grateful for life man.”\n\n"
        "Diplomats in Seoul said the talks were “a groundbreaking opportunity for peace.”"
    )
    quotes = extract_facts([Article(id=article_id(text), text=text)], {}).quotes
    speakers = {q.text.split()[0]: q.speaker for q in quotes}
    assert speakers["Microsoft"] == "Microsoft", speakers
    assert speakers["Be"] == "Rihanna", speakers
    assert speakers["a"] is None, speakers


def test_an_epithet_naming_a_person_is_not_her_words() -> None:
    """NeuS train 1420 gave “Crooked Hillary”, Trump's name for her, to Hillary Clinton.
    Longer words that quote her own name may be hers (Sarah Silverman's tweet "... so u stop
    askin, 'How's Michael/How's Sarah?'", dev stream)."""
    from newsdigest.facts.quotes import _names_in_third_person

    assert _names_in_third_person("Crooked Hillary", "Hillary Clinton")
    assert not _names_in_third_person(
        "Felt we should just tell y'all so u stop askin, 'How's Michael/How's Sarah?'",
        "Sarah Silverman",
    )
    assert not _names_in_third_person("Crooked Hillary", "Hillary")
    assert not _names_in_third_person("Hillary and I will fight", "Bill Clinton")


def test_a_clause_with_its_own_subject_between_a_name_and_said() -> None:
    """The dev stream's Delta bird story: the captain's words had gone to the passenger named
    at the start of the sentence. A clause closed by a comma does not change the speaker."""
    text = (
        "For Brian Buonassissi, a traveling DJ, it felt as if they had been flying for an hour "
        "before the captain came back on the intercom and said: “The bird is back.”\n\n"
        "Senator Tom Smith, speaking before the crowd, said: “We will not give up.”"
    )
    assert speakers(text) == [("The bird is back.", None), ("We will not give up.", "Tom Smith")]


def test_he_is_not_a_person_the_text_calls_she(dev_stream_rows: list[dict[str, str]]) -> None:
    """The dev stream's Rihanna story (AP): "Rihanna posted a clip of her cousin smiling and
    filming himself. In the video he says, “It’s nice to wake up ...”" had gone to her."""
    (text,) = [
        r["text"]
        for r in dev_stream_rows
        if "In the video he says" in r["text"] and "Rihanna" in r["text"]
    ][:1]
    said = dict(speakers(text))
    assert (said["It’s nice to wake up"] or "").endswith("Alleyne")  # not Rihanna


def test_words_that_name_a_person_in_the_third_person_are_not_theirs() -> None:
    """The dev stream's Thurman story: "a rep for Weinstein said, “Mr. Weinstein acknowledges
    ...”" was Weinstein's own words, and against the outlet that named the rep, a false
    "sources differ on the speaker". An organization's statement names it and stays its own."""
    text = (
        "Harvey Weinstein declined to be interviewed. In a statement to ABC News, a rep for "
        "Harvey Weinstein said, “Mr. Weinstein acknowledges making an awkward pass 25 years ago "
        "at Ms. Thurman in England.”\n\nMicrosoft said in a statement: “Microsoft has a long "
        "history of cooperating with law enforcement and other authorities.”\n\nHarvey Weinstein "
        "said, “I made a mistake and I apologized.”"
    )
    said = dict(speakers(text))
    assert said["Mr. Weinstein acknow"] is None
    assert said["Microsoft has a long"] == "Microsoft"
    assert said["I made a mistake and"] == "Harvey Weinstein"


def _single_quotes_by_character(text: str, ps: int, pe: int, taken: list) -> list:
    """The rule of ``_single_quotes`` read character by character (its first form): the
    mark-by-mark version must find exactly these quotes."""
    from newsdigest.facts.quotes import _BEFORE_OPEN, _content

    spans = []
    covered = {k for q in taken for k in range(q.open, q.close)}
    opens = {q.open for q in taken}
    i = ps
    while i < pe:
        prev = text[i - 1] if i > ps else " "
        nxt = text[i + 1] if i + 1 < pe else " "
        if (
            i not in covered
            and text[i] in "‘'"
            and (prev.isspace() or prev in _BEFORE_OPEN)
            and nxt.isalpha()
        ):
            j = i + 1
            while j < pe:
                after = text[j + 1] if j + 1 < pe else " "
                if text[j] in "’'" and not after.isalnum() and not text[j - 1].isspace():
                    break
                if j in opens:
                    j = pe
                    break
                j += 1
            if j < pe:
                q = _content(text, i, j + 1, i + 1, j)
                if q:
                    spans.append(q)
                i = j + 1
                continue
        i += 1
    return spans


SINGLE_ALPHABET = st.sampled_from(
    list("ab Z.,(—\n\"'“”‘’ ") + [" ‘", "’ ", " ’", "' ", " '", ' "', '" ', "it's", "1"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(SINGLE_ALPHABET, max_size=60).map("".join))
def test_single_quotes_found_mark_by_mark_are_the_character_rules(text: str) -> None:
    from newsdigest.facts.quotes import _double_quotes, _paragraphs, _single_quotes

    for ps, pe in _paragraphs(text):
        doubles = _double_quotes(text, ps, pe)
        expected = _single_quotes_by_character(text, ps, pe, doubles)
        assert _single_quotes(text, ps, pe, doubles) == expected


def test_a_single_quote_never_runs_into_a_double_quote() -> None:
    # the ‘ before "leaders" finds its closing mark only after a double quote opens: no quote
    assert quotes('He called it ‘a meeting of "leaders" of two’ nations, aides said.') == [
        "leaders"
    ]


LONG = '"We will keep working until every one of the girls is home with her family,"'


def test_a_speaker_after_a_military_title_with_a_dot() -> None:
    # Multi-News (USS Fitzgerald): the "Adm." dot had ended the speaker's words
    said = LONG + " said Adm. Scott Swift, commander of the Pacific Fleet."
    assert [who for _, who in speakers(said)] == ["Scott Swift"]
    assert [who for _, who in speakers(LONG + " Maj. Scott Swift said.")] == ["Scott Swift"]


def test_the_person_a_friend_or_spokesman_speaks_of_is_not_the_speaker() -> None:
    # Multi-News: '..., a friend of Kendra tells me' had given the friend's words to Kendra
    assert speakers(LONG + " a friend of Kendra Wilkinson tells me.")[0][1] is None
    assert speakers(LONG + " a spokesman for President Muhammadu Buhari said.")[0][1] is None
    named = speakers(LONG + " Garba Shehu, a spokesman for President Muhammadu Buhari, said.")
    assert named[0][1] == "Garba Shehu"


def test_a_word_run_into_a_headline_is_no_ones_quote() -> None:
    # NeuS: "'Delighted' Trump made no move ..." had listed "Delighted" as Trump's words
    text = (
        "'Delighted' Trump made no move to stop riot, Democrats say.\nFormer President Donald "
        "Trump knew the riot at the U.S. Capitol on Jan. 6 would be violent but failed to stop "
        "it, House Democratic impeachment managers argued Wednesday."
    )
    assert speakers(text) == []
    assert speakers('"Fake news," Trump said on Tuesday.') == [("Fake news", "Trump")]
    assert speakers('The swap was "bittersweet" said Ryan Cummings, an analyst.') == [
        ("bittersweet", "Ryan Cummings")
    ]


def test_she_is_not_a_grandson_nor_a_man_named_in_passing() -> None:
    # Multi-News: "her 23-year-old grandson, Jackson Schrimsher" then '..., she said' went to him
    text = (
        '"Just heard the sweetest voice," Rita Schrimsher of Athens, Alabama, tweeted after '
        "speaking with her 23-year-old grandson, Jackson Schrimsher, via Facetime.\n\n"
        '"It could have been worse, so we are grateful," she said by phone.'
    )
    assert [who for _, who in speakers(text)] == [None, None]
    # dev stream (Thurman): the woman the text calls Ms., not the president named after her
    text = (
        "Ms. Uma Thurman was angry.\n\n“Pulp Fiction” made Weinstein rich and respected, and "
        "Thurman says he introduced her to President Barack Obama at a fund-raiser as the reason "
        "he had his house.\n\n“The complicated feeling I have about Harvey is how bad I feel "
        "about all the women that were attacked after I was,” she told me one recent night."
    )
    assert speakers(text)[0][1] == "Uma Thurman"


def test_a_company_abbreviation_and_a_possessive_in_the_speakers_words() -> None:
    # Multi-News (Kinkade): "John Hasting, CEO of The Thomas Kinkade Co., said" had lost its
    # speaker at "Co.", and "Thomas Kinkade's girlfriend said" gave her words to the painter
    said = LONG + " John Hasting, CEO of The Thomas Kinkade Co., said Monday."
    assert [who for _, who in speakers(said)] == ["John Hasting"]
    text = (
        "Thomas Kinkade's girlfriend said Monday the world-famous 54-year-old artist “died in "
        "his sleep, very happy, in the house he built, with the paintings he loved.”"
    )
    assert [who for _, who in speakers(text)] == [None]
    dev = (
        "Patricio Remon, President at Equifax, said: “We apologise for this failure to protect "
        "UK consumer data.”"
    )
    assert [who for _, who in speakers(dev)] == ["Patricio Remon"]


def test_a_title_before_the_speakers_name_keeps_the_speaker() -> None:
    # a hostile pass: "Director of", "head of", a possessive message kept their speakers
    pre = "The meeting ended on Friday in the capital after two days of talks.\n\n"
    for said, who in (
        ("said Director of the FBI Christopher Wray.", "Christopher Wray"),
        ("said head of NATO Jens Stoltenberg.", "Jens Stoltenberg"),
        ("said spokesman for the Pentagon John Kirby.", "John Kirby"),
        ("Elon Musk’s tweet said.", "Elon Musk"),
    ):
        text = pre + "“Our alliance is strong and it will stay strong for many years,” " + said
        assert [w for _, w in speakers(text)] == [who], said


def test_single_quotes_among_many_double_quotes_are_found_in_linear_time() -> None:
    import time

    text = "“ab cd” " * 8000 + " it's" * 8000
    start = time.process_time()
    find_quote_spans(text)
    assert time.process_time() - start < 1.0


def test_a_word_or_two_no_one_is_known_to_have_said_is_not_listed() -> None:
    """Dev stream (Broadcom's bid, Intel's glasses): "called them “significant.”" and "wearers
    dubbed “glassholes”" were listed as quotes of an unresolved speaker: a word set off in
    quote marks is someone's words only when whose is known. A full sentence stays listed
    without a speaker, and a short quote with one stays too."""
    text = (
        "Broadcom didn’t specify the exact amounts of the two forms of compensation but called "
        "them “significant.”\n\n"
        "Google Glass, the £1,000 spectacles with a built-in camera and computer, were labelled "
        "“creepy” and wearers dubbed “glassholes”. Now Intel has unveiled the first smart "
        "glasses.\n\n"
        "“We will keep working on the deal until the very end,” the company's statement read.\n\n"
        "“Fake news,” Trump said."
    )
    quotes = [q.text for q in extract_facts([Article(id=article_id(text), text=text)], {}).quotes]
    assert not any(q.strip(".”").lower() in {"significant", "glassholes"} for q in quotes)
    assert any(q.startswith("We will keep working on the deal") for q in quotes)
    assert any(q.startswith("Fake news") for q in quotes)


def test_a_line_without_a_stop_does_not_join_the_next_sentence_in_the_parse() -> None:
    """Dev stream (BBC, the German consulate in Mazar-i-Sharif): a caption line with no stop
    ("Doctors said they expect the number of casualties to increase") parsed as one sentence
    with the next made the shopkeeper its object, and his "he told Reuters" went to the
    Taliban spokesman quoted before him. The parser now keeps the splitter's sentences."""
    text = (
        'Taliban spokesman Zabihullah Mujahid said that the fighters had been sent "with a '
        'mission to destroy the German consulate general and kill whoever they found there," '
        "Reuters reported.\n"
        'All German consulate staff were "safe and uninjured," the German foreign ministry '
        "said, adding that troops were on site preparing to evacuate staff.\n"
        "Doctors said they expect the number of casualties to increase\n"
        "Ajmal Jan, a local shopkeeper, said the force of the blast had blown his windows out.\n"
        '"The explosion was very strong, all the glass in my shop broke and I was injured," he '
        'told Reuters news agency. "My shop was covered by dust and smoke, it was a frightening '
        'situation."'
    )
    assert speakers(text) == [
        ("with a mission to de", "Zabihullah Mujahid"),
        ("The explosion was ve", None),
        ("My shop was covered ", None),
    ]


def test_a_witness_named_after_a_heading_speaks_his_own_quotes() -> None:
    """Dev stream (CNN, the Nice attack): "'Scene out of a movie'" (a heading) then "Mark
    Krikorian told CNN that ..." and his "..., he said": the quotes went to the witness named
    paragraphs before, as the parse joined the heading to the sentence after it."""
    text = (
        'An officer was directing people, repeatedly shouting "Go quickly! Go that way!" in '
        "French, Brendan Phillips said.\n\n"
        "'Scene out of a movie'\n\n"
        "Mark Krikorian told CNN that he was in his apartment nearby when he heard the "
        "commotion.\n\n"
        '"I started hearing screaming, people running and knocking things over," he said.'
    )
    assert ("I started hearing sc", "Mark Krikorian") in speakers(text)


def test_a_pronoun_subject_with_an_apposition_is_no_new_speaker() -> None:
    """A hostile reader's case: "He, a veteran of two wars, said ..." is the senator named
    before, not a person the NER missed (as "Ajmal Jan, a local shopkeeper, said" is)."""
    text = (
        "Senator John Smith spoke to reporters on Monday.\n"
        "He, a veteran of two wars, said the bill was flawed.\n"
        '"We will fight it," he said.'
    )
    assert speakers(text) == [("We will fight it", "John Smith")]


def test_she_is_the_woman_the_sentence_before_names_not_its_subject_of_unknown_sex(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's Rihanna story (AP): "Alleyne died Tuesday after being shot in
    Barbados, where Rihanna was born and raised. She also wrote, “Never thought ...”" had
    gone to her dead cousin, of whom the text never says he or she; and his own words, three
    quoted sentences later, stay his."""
    (text,) = [
        r["text"]
        for r in dev_stream_rows
        if "She also wrote" in r["text"] and "www.washingtonpost.com" in r["url"]
    ]
    said = dict(speakers(text))
    assert said["Never thought that w"] == "Rihanna"
    assert (said["It’s nice to wake up"] or "").endswith("Alleyne")


def test_a_he_reads_back_past_the_sentences_inside_a_long_quote() -> None:
    """The dev stream's Thurman story: her quote of five sentences used up the four sentences
    a pronoun looks back over, and her next "she says" was no one's."""
    text = (
        "Uma Thurman met the producer in Paris.\n\n“He used to spend hours talking to me. It "
        "possibly made me overlook warning signs. This was my champion. I was never any kind "
        "of studio darling. He had a chokehold on the films,” she said.\n\n“It went right over "
        "my head,” she says."
    )
    assert [who for _, who in speakers(text)] == ["Uma Thurman", "Uma Thurman"]


def test_a_name_the_ner_missed_is_a_new_subject() -> None:
    """The dev stream's Nice attack (The Sun): "Brit Kartik Bhanot, from Essex, witnessed the
    horror ... He added:" had gone to the French witness quoted paragraphs before."""
    text = (
        "Damien Allemand, a journalist, told Nice-Matin: “I saw bodies flying like skittles as "
        "it drove along.”\n\nBrit Kartik Bhanot, from Essex, witnessed the horror unfold with "
        "his dad, sister and mum.\n\nHe added: “Suddenly as we crossed the junction, we heard "
        "screams and loud bangs.”"
    )
    said = dict(speakers(text))
    assert said["I saw bodies flying "] == "Damien Allemand"
    assert said["Suddenly as we cross"] != "Damien Allemand"


def test_he_or_she_on_the_evidence_of_every_article_of_the_story() -> None:
    """Multi-News (Weiner): one outlet names him only in passing before an unnamed woman's
    "she said"; another shows him a "he". A sentence where the name is a preposition's object
    ("to Mayor Tim Flaherty announcing her resignation") or is in the clause of a woman who
    speaks ("The young woman who is alleging that ... Weiner ... sent her") shows no sex."""
    first = (
        "The young woman who is alleging that Anthony Weiner initiated an online relationship "
        "with her says he repeatedly sent her lewd messages.\n\n"
        "According to the woman’s account, the two began talking on Facebook, after Weiner "
        "sent her a “poke.” She also said that she first messaged him in 2011.\n\n"
        "“I had messaged him, he poked me, we started talking a lot,” she said."
    )
    second = (
        "Anthony Weiner told his staff he would stay in the race.\n\n"
        "In an e-mail to Mayor Tim Flaherty announcing her resignation, the clerk quit."
    )
    articles = [Article(id=article_id(t), text=t) for t in (first, second)]
    facts = extract_facts(articles, {})
    said = {q.text[:20]: q.speaker for q in facts.quotes}
    assert said["I had messaged him, "] is None


def test_a_works_name_and_a_quoted_subheading_are_no_ones_words() -> None:
    """NeuS: "Wednesday night's episode on Comedy Central, called “SHOTS!!!,”" had been listed
    as Comedy Central's words; the dev stream's Black Mirror story: a subheading in quotes
    after the director's quote ("“The Schedule Was So Horrible”") had been his."""
    text = (
        "Wednesday night's episode on Comedy Central, called “SHOTS!!!,” reached a milestone "
        "as the series’ 300th."
    )
    assert speakers(text) == []
    text = (
        "“I knew I wanted it to be my challenge,” Toby Haynes said.\n"
        "“The Schedule Was So Horrible”\n"
        "Haynes said that the producers agreed."
    )
    assert speakers(text) == [("I knew I wanted it t", "Toby Haynes")]


def test_a_towns_police_speak_as_their_department() -> None:
    """The dev stream's Nigerian-prince story: "…,” Slidell police said" had been given to the
    town, where the story names the Slidell Police Department."""
    text = (
        "Michael Neu was arrested by the Slidell Police Department on Thursday.\n"
        "“Most people laugh at the thought of falling for such a fraud,” Slidell police said."
    )
    assert speakers(text) == [("Most people laugh at", "Slidell Police Department")]


def test_a_name_right_before_the_verb_speaks_not_a_pronoun_before_it(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's halftime story (Washington Post): "... that he'd be performing
    alongside a hologram of the late Prince — a form of ghoulish duet that Prince himself once
    called “demonic.”" had gone to Timberlake, the "he" (the model types the singer ORG)."""
    (text,) = [
        r["text"]
        for r in dev_stream_rows
        if "ghoulish duet" in r["text"] and "washingtonpost" in r["url"]
    ]
    said = dict(speakers(text))
    assert said["demonic."] == "Prince"


def test_short_titles_of_works_are_titles_not_words() -> None:
    """The dev stream's halftime review listed "Cry Me A River", "Man of the Woods" and "I
    Would Die 4 U" (songs and an album) as quotes no one was known to have said."""
    from newsdigest.facts.quotes import is_title

    for title in ("Cry Me A River", "Man of the Woods", "I Would Die 4 U", "Gone with the Wind"):
        assert is_title(title)
    for words in ("Fake news", "We will win", "a total disgrace", "Ready to go"):
        assert not is_title(words)


def test_the_speaker_before_an_apposition_that_names_whose_relative_she_is() -> None:
    """The dev stream's Costa Rica crash (HuffPost): "Tamara Steinberg Jacobson, Bruce
    Steinberg's sister, wrote" had given the sister's words to her dead brother, and made a
    disagreement of it with the outlets that wrote "Bruce Steinberg's sister, Tamara ..."."""
    text = (
        "“We are in utter shock and disbelief right now,” Tamara Steinberg Jacobson, Bruce "
        "Steinberg’s sister, wrote in a Facebook post Sunday."
    )
    assert speakers(text) == [("We are in utter shoc", "Tamara Steinberg Jacobson")]


def test_he_is_the_person_named_before_said_when_the_parse_finds_no_subject(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's Costa Rica crash (AP): "In St. Petersburg, Florida, Rabbi Jacob Luski
    of Congregation B'nai Israel said ..." (parsed as a list of places), then "“It is a
    tragedy ...,” he said." had gone to the rabbi quoted two paragraphs before."""
    (text,) = [
        r["text"]
        for r in dev_stream_rows
        if "It is a tragedy that the Drs" in r["text"] and "washingtonpost" in r["url"]
    ]
    said = dict(speakers(text))
    assert "Luski" in (said["It is a tragedy that"] or "")
    # and not the object of another verb: "he denied being Mike Enoch but admitted ..."
    text = (
        "Mike Peinovich said nothing on Twitter.\n\nContacted by Salon, he denied being Mike "
        "Enoch but admitted to having been involved.\n\n“I was involved with that site years "
        "ago,” he said."
    )
    assert speakers(text)[0][1] != "Mike Enoch"


def test_the_person_before_whose_firm_is_named_speaks() -> None:
    """Multi-News (Lerner): "Taylor, a partner of Zuckerman Spaeder LLP said" gave the words
    to the firm, which the model had read as a person."""
    from newsdigest.facts.quotes import _speaker_among

    text = "Taylor, a partner of Zuckerman Spaeder LLP said"
    firm = text.index("Zuckerman")
    named = [(0, 6, "Bill Taylor"), (firm, firm + 21, "Spaeder LLP")]
    assert _speaker_among(text, named) == "Bill Taylor"
    text = "Taylor met Zuckerman Spaeder LLP said"
    firm = text.index("Zuckerman")
    assert _speaker_among(text, [(0, 6, "Bill Taylor"), (firm, firm + 21, "Spaeder")]) == (
        "Spaeder"
    )


def test_a_surname_the_model_missed_is_the_person_named_in_full_before_it() -> None:
    """Multi-News (a Philadelphia gas explosion): the NER took no entity in '"...," Lyons
    said', and the quotes went unattributed; the son named after her is not the speaker."""
    text = (
        "A gas explosion destroyed two houses on Monday, injuring eight people.\n\n"
        "Linda Lyons, 60, who lives on a block adjacent to the explosion and collapse, said she "
        "could feel the whole room shaking when the blow happened.\n\n"
        "“I flew into the house,” Lyons said. “I was scared to death.”\n\n"
        "She immediately called 9-1-1. Her son, Mike Lyons, 27, who was in the backyard at the "
        "time of the blast, said he saw smoke rising over the houses."
    )
    facts = extract_facts([Article(id=article_id(text), text=text)], {})
    speakers = {q.text.rstrip("."): q.speaker for q in facts.quotes}
    assert speakers["I flew into the house"] == "Linda Lyons"


def test_a_person_inside_a_relative_clause_is_not_the_speaker() -> None:
    """The dev stream (Michael Sheen) and Multi-News (Andy Puzder): the name inside ", who
    ..., " or ", which ..., " before the verb had been given the words."""
    sheen = (
        "Michael Sheen, the Welsh actor, is quitting Hollywood.\n\n"
        "Sheen, who has played Tony Blair in a trio of films, told The Times Magazine: “In the "
        "same way as the Nazis had to be stopped in Germany in the Thirties, this thing that is "
        "on the rise has to be stopped.”"
    )
    assert speakers(sheen) == [("In the same way as t", "Michael Sheen")]
    puzder = (
        "Andy Puzder, the chief executive of CKE Restaurants Inc., which employs about 21,000 "
        "people at Carl's Jr. and Hardee's restaurants, has said that the \"current unfriendly "
        "economic environment perhaps best explains why American companies are sitting on "
        'over $2 trillion which they could invest."'
    )
    assert speakers(puzder) == [("current unfriendly e", "Andy Puzder")]


def test_a_question_put_to_someone_and_an_imagined_answer_are_not_his() -> None:
    """Multi-News (Bill Cosby's interview): the question he was asked had been his words, and
    so had the answer a writer imagined he might have given."""
    text = (
        "Bill Cosby spoke to ABC News on Friday about his career.\n\n"
        "Cosby was also asked, “What would you like your legacy to be?”—a simple question to "
        "which Cosby might have answered, “Well, not being an accused serial rapist,” and "
        "thereby justified the network's claims. Instead, he rambled some more about television."
    )
    assert speakers(text) == [("What would you like ", None)]


def test_a_relative_clause_after_the_speakers_name_keeps_him() -> None:
    """The dev stream (the Cubs' title): ", whose family bought the team in 2009," follows
    the speaker's name; a clause before any name introduces another quote."""
    text = (
        "'I think about so many millions of people giving so much love and support to this "
        "team for so many years,' owner Tom Ricketts, whose family bought the team in 2009, said."
    )
    assert speakers(text) == [("I think about so man", "Tom Ricketts")]


def test_initials_and_state_abbreviations_do_not_end_an_attribution() -> None:
    """Multi-News: "..., N.C., said" and "(D-Mass.) said" had left the quotes unattributed;
    the dev stream: "Mark W. Lippert, President Barack Obama's ambassador to Seoul, said"
    is the ambassador's, not the president's."""
    copeland = (
        "“We were surprised at how profoundly bullying affects a person’s long-term "
        "functioning,” the lead researcher, William Copeland, a clinical psychologist at Duke "
        "University in Durham, N.C., said in a statement."
    )
    assert speakers(copeland) == [("We were surprised at", "William Copeland")]
    lippert = (
        "“In the White House you have a threshold decision: Can you get them back to the table "
        "or not,” Mark W. Lippert, President Barack Obama’s ambassador to Seoul, said Saturday."
    )
    assert speakers(lippert) == [("In the White House y", "Mark W. Lippert")]


def test_a_sentence_that_introduces_the_next_quote_is_not_the_last_ones() -> None:
    """Multi-News (the Mercers): "“She’s respected ...” Amity Shlaes, ..., where Rebekah Mercer
    is a trustee, told me, “In the dull crowds ...”": the sentence after a quote that ended
    with its own stop introduces the next quote; the name in ", where ...," is not the
    speaker; and the words before it stay the earlier speaker's."""
    text = (
        "“She is the First Lady of the alt-right,” Christopher Ruddy, the owner of the "
        "conservative outlet Newsmax Media, said. “She’s respected in conservative circles, and "
        "clearly Trump has embraced her in a big way.” Amity Shlaes, the conservative writer "
        "and the chair of the Calvin Coolidge Presidential Foundation, where Rebekah Mercer is "
        "a trustee, told me, “In the dull crowds of policy, the Mercers are enchanting "
        "firecrackers.”"
    )
    got = dict(speakers(text))
    assert got["She’s respected in c"] == "Christopher Ruddy"
    # the small model takes no entity in "Amity Shlaes" here: no one named, not the trustee
    assert got["In the dull crowds o"] is None


# --- a hostile pass over the rules above (session of 2026-11-30 07:38 UTC) -------------------


def test_hostile_a_closed_relative_clause_leaves_the_speaker() -> None:
    text = (
        "The court heard arguments on Monday.\n\n"
        "Asked about Ginsburg, who had cancer surgery last month, Chief Justice John Roberts, "
        'speaking at a law school in Philadelphia, said, "She is doing very well and we expect '
        'her back on the bench soon."'
    )
    assert [s for _, s in speakers(text)] == ["John Roberts"]


def test_hostile_a_surname_modifying_a_noun_is_no_speaker() -> None:
    text = (
        "Harvey Weinstein appeared in court in Manhattan on Friday for a hearing in his case.\n\n"
        '"I was terrified of him and I still am," a Weinstein accuser told reporters outside.'
    )
    assert [s for _, s in speakers(text)] != ["Harvey Weinstein"]
    text = (
        "North Korean leader Kim Jong Un met the South Korean president at the border.\n\n"
        '"This is a historic step for peace on the peninsula," a UN spokesman said on Friday.'
    )
    assert [s for _, s in speakers(text)] != ["Kim Jong Un"]


def test_hostile_whom_the_speaker_works_for_is_not_the_speaker() -> None:
    text = (
        "Senate Republicans met on Tuesday to discuss the spending bill.\n\n"
        '"We will move forward with the vote this week as planned," a spokesman for the Senate '
        "majority leader, Mitch McConnell, Don Stewart, said in an email."
    )
    assert [s for _, s in speakers(text)] != ["Mitch McConnell"]


def test_hostile_said_it_best_is_a_quote() -> None:
    text = (
        "Tributes poured in for the senator on Sunday.\n\n"
        'Former President Barack Obama may have said it best: "He as much as anyone understood '
        'what it means to serve the country he loved."'
    )
    assert [s for _, s in speakers(text)] == ["Barack Obama"]


def test_hostile_he_is_the_main_clauses_subject() -> None:
    """The dev stream (Bruce Arians retiring): once bare surnames counted as mentions,
    "When Pagano had to leave ..., Arians directed ..." gave "he" to Pagano."""
    text = (
        "Bruce Arians retired on Monday after five seasons as the Arizona Cardinals' coach. "
        "Chuck Pagano hired him in Indianapolis in 2012.\n\n"
        "When Pagano had to leave the team for a time, Arians directed the Colts to the "
        "playoffs.\n\n"
        '"Hell, I might be on your side," he told reporters.'
    )
    assert [s for _, s in speakers(text)] == ["Bruce Arians"]


def test_a_name_modifying_whom_it_belongs_to_is_not_the_speaker() -> None:
    """Multi-News: "..., predicted one Pelosi confidante" had been Pelosi's words."""
    text = (
        "Nancy Pelosi has fought for the bill for months in the House.\n\n"
        '"I think she will not let it die even if in the end she votes against it," predicted '
        "one Pelosi confidante."
    )
    assert [s for _, s in speakers(text)] == [None]


def test_the_statements_words_are_its_issuers() -> None:
    """Multi-News (a fake US embassy): '..., the State Department said in a statement. /
    “For about a decade it operated unhindered,” the statement said.' had no speaker; a
    statement someone unnamed sent is still no one's."""
    text = (
        "The building was a fake, run by organized crime rings and a Ghanaian lawyer, the State "
        "Department said in a statement.\n\n"
        "“For about a decade it operated unhindered,” the statement said."
    )
    assert [s for _, s in speakers(text)] == ["State Department"]
    unnamed = (
        "Sarah Huckabee Sanders said in a statement on Friday that the economy was strong.\n\n"
        "A White House official sent a statement to CNBC on Monday about the drop.\n\n"
        "“We're always concerned when the market loses any value,” the statement said."
    )
    assert [s for _, s in speakers(unnamed)] == [None]


def test_words_shown_as_words_are_nobodys_quote() -> None:
    """Multi-News (a gold hoard): 'Jack Trout told the paper that an 1866 Liberty $20 gold
    piece without the words "In God We Trust" was part of the stash' gave the motto to him."""
    text = (
        'Jack Trout told the paper that an 1866 Liberty $20 gold piece without the words "In '
        'God We Trust" was part of the buried stash, and that it may fetch over $1 million.'
    )
    assert speakers(text) == []


def test_an_unnamed_officers_words_are_not_the_last_speakers() -> None:
    """The dev stream (Las Vegas): "At 10:08 p.m., an officer on the scene sounds the alarm.
    “We got shots fired,” he says." had gone to the singer quoted a paragraph before."""
    text = (
        "“This shooting was going on for at least 10 minutes,” said Jake Owen, a country singer "
        "who was on stage when the shooting began.\n\n"
        "At 10:08 p.m., an officer on the scene sounds the alarm. “We got shots fired,” he says."
    )
    assert [s for _, s in speakers(text)] == ["Jake Owen", None]


def test_a_speaker_is_not_their_hometown_nor_a_name_in_their_description() -> None:
    """Multi-News: "said Melodye Shore of Laguna Niguel" gave her four quotes to the town (read
    as a person); "Caitlin Checkett, the Romney campaign digital integration director, told
    Kreiss" gave hers to Romney; "says Elizabeth Alex of CASA of Maryland" to CASA."""
    shore = (
        "“You could feel the pulsing energy in the park that morning,” said Melodye Shore of "
        "Laguna Niguel, who was observing the protest with a friend."
    )
    assert [s for _, s in speakers(shore)] == ["Melodye Shore"]
    checkett = (
        "Mitt Romney used Twitter in 2012.\n\n“So whether it was a tweet or a post, it had to "
        "be sent around to everyone for approval,” Caitlin Checkett, the Romney campaign "
        "digital integration director, told the researcher."
    )
    assert [s for _, s in speakers(checkett)] == ["Caitlin Checkett"]
    # a name in a description that is not a modifier is still whom the description names
    spoke = (
        "“We will not back down from this fight in the courts,” Jane Marsh, the lawyer who "
        "represents Tom Burke, said on Monday."
    )
    assert [s for _, s in speakers(spoke)] == ["Jane Marsh"]
    # but a name after a plain description is the speaker's own
    spicer = (
        "Asked about the ban on Monday, the press secretary Sean Spicer said: “This is not a "
        "Muslim ban, it is about keeping the country safe.”"
    )
    assert [s for _, s in speakers(spicer)] == ["Sean Spicer"]


def test_the_subject_of_an_inverted_sentence_is_the_next_he() -> None:
    """The dev stream's World Series story: "Among the reveling Cubs fans was Kevin O'Brien,
    a Chicago lawyer ... “..., I've been a Cubs fan for 55 years,” he said." had gone to the
    Indians' manager quoted the sentence before."""
    text = (
        "“Cubs fans might have more money than us,” Indians Manager Terry Francona conceded.\n"
        "Among the reveling Cubs fans was Kevin O’Brien, a Chicago lawyer wearing a vintage "
        "Bruce Sutter jersey. “If you count from birth, which I do, I’ve been a Cubs fan for 55 "
        "years,” he said."
    )
    assert [s for _, s in speakers(text)] == ["Terry Francona", "Kevin O’Brien"]
    # the dead speak no more (a hostile pass): the official's words stay the official's
    dead = (
        "Police Chief Art Acevedo said the gunman acted alone. Among the dead was a man "
        "identified by police as John Smith, 45, a teacher from Houston. “We still don't know "
        "his motive,” he said."
    )
    assert [s for _, s in speakers(dead)] == ["Art Acevedo"]


def test_a_speaker_the_model_missed_is_found_by_their_speech_verbs() -> None:
    """Multi-News: "Steck said Monday in Kathmandu" and six more mentions of the climber went
    unlabelled once the text was cleaned; his four quotes had no speaker and he was not among
    the people. A name next to a speech verb, written twice and never in lower case, is one;
    common words ("Police said"), groups ("Republicans said") and names the model read as
    something else ("Northwestern") are not."""
    from newsdigest.facts.missed import missed_speakers
    from newsdigest.facts.ner import RawMention

    text = (
        "Mountaineer Ueli Steck said he found the bodies. “We did not know them,” Steck said "
        "Monday in Kathmandu. Police said the climbers died in 1999. Republicans said nothing. "
        "Northwestern said it would appeal, Northwestern officials added."
    )
    article = Article(id="a", text=text)
    org = text.index("Northwestern officials")
    found = [RawMention("a", org, org + len("Northwestern"), "Northwestern", "ORG", False)]
    names = [m.text for m in missed_speakers([article], found)]
    assert set(names) == {"Ueli Steck", "Steck"}
    assert all(m.label == "PERSON" for m in missed_speakers([article], found))


def test_a_heads_words_are_not_the_owners_and_a_said_he_shows_a_man_beside_others() -> None:
    """Multi-News: "the CEO of Kinkade's galleries said in a statement they were overwhelmed by
    the “outpouring ...”" had gone to the dead painter. The dev stream: "Mark Durbin, a
    spokesman ..., said he has never seen a bill ..., but told the paper the company
    appreciates Horomanski's willingness ..." then "“I told [my son] I want a heart monitor,”
    she told the paper." had gone to the spokesman: his "he" beside her name went unread."""
    ceo = (
        "Thomas Kinkade died on Friday. On Monday, the CEO of Kinkade’s galleries said in a "
        "statement they were overwhelmed by the “outpouring of appreciation and interest in "
        "his work.”"
    )
    assert [s for _, s in speakers(ceo)] == [None]
    bill = (
        "Mary Horomanski opened a bill for $284 billion from her electricity provider.\n"
        "Mark Durbin, a spokesman for the parent company, said he has never seen such a bill, "
        "but told the paper the company appreciates Horomanski’s willingness to call.\n"
        "The bill did inspire Horomanski to add an item to her Christmas list.\n"
        "“I told my son I want a heart monitor,” she told the paper."
    )
    assert [s for _, s in speakers(bill)] == ["Mary Horomanski"]
    # the story's own words, a company's possessive in the spokesman's description
    owned = bill.replace("for the parent company", "for Penelec’s parent company First Energy")
    assert [s for _, s in speakers(owned)] == ["Mary Horomanski"]


def test_a_hostile_pass_over_missed_speakers_and_said_he() -> None:
    """A relative's "said he" is the relative's son or husband, not her; whom one tells, a
    title's end and a lone firm's name are no missed speakers."""
    mother = (
        "A 12-year-old boy was found dead at his home in Dayton on Tuesday. Mary Keller, the "
        "boy's mother, said he had been bullied for months, but told the paper that principal "
        'John Davis had ignored her complaints. "Nobody listened to me," Keller said. "I '
        'begged them to do something," she said.'
    )
    assert [s for _, s in speakers(mother)] == ["Mary Keller", "Mary Keller"]
    staff = (
        "The President's Chief of Staff told the FBI that he had discussed the seat. \"I never "
        'offered anything," he said. The Chief of Staff told investigators it was brief.'
    )
    assert [s for _, s in speakers(staff)] == [None]
    from newsdigest.facts.missed import missed_speakers

    told = "Molto told Gizmodo. Zillow said prices rose. Zillow said more. Gizmodo told no one."
    assert [m.text for m in missed_speakers([Article(id="a", text=told)], [])] == []


def test_a_speaker_after_an_abbreviation_or_initials() -> None:
    """Multi-News quotes that had no speaker: the dot of "U.S." or of a middle initial ended
    the words naming the speaker after "said"."""
    said = dict(
        speakers(
            "Republicans went to court on Monday over the count in Broward County.\n\n"
            "“We’re going to stand up to those who would violate the law,” said U.S. Sen. Cory "
            "Gardner, chairman of the Republican Senate campaign committee.\n\n"
            '"This exercise was a resounding success," said Tyler Q. Houlton, a spokesman '
            "for the department."
        )
    )
    assert said["We’re going to stand"] == "Cory Gardner"
    assert said["This exercise was a "] == "Tyler Q. Houlton"


def test_a_given_name_the_model_left_out_of_a_speaker() -> None:
    """Multi-News 200: the model read "Lacham-Kaplan" alone, a bare surname written once, and
    the quote had no speaker; the given name after "says" is part of the name."""
    said = dict(
        speakers(
            "Scientists have turned mouse stem cells into sperm, a Kyoto University group "
            "reported today.\n\n"
            '"All I can say is wow! It is a breakthrough," says Orly Lacham-Kaplan, a '
            "reproductive biologist at Monash University in Australia."
        )
    )
    assert said["All I can say is wow"] == "Orly Lacham-Kaplan"


def test_a_title_before_a_surname_is_no_given_name() -> None:
    """The dev stream's exoplanet story: "said Professor Dai" is Xinyu Dai's, not a new person
    "Professor Dai" (a given-name rule's first version took the title for one)."""
    said = dict(
        speakers(
            '"This is the first time anyone has discovered planets outside our galaxy," said '
            "Professor Xinyu Dai, an astrophysicist at the University of Oklahoma.\n"
            '"These small planets are the best candidate for the signature we observed," said '
            "Professor Dai."
        )
    )
    assert said["These small planets "] == "Xinyu Dai"


def test_a_title_word_after_the_verb_is_no_given_name() -> None:
    """A hostile reader's pass: "said Chairman Powell" had become a person of its own."""
    said = dict(
        speakers(
            "Jerome Powell has led the Federal Reserve since 2018.\n"
            '"Rates will stay low for now," said Chairman Powell, speaking in Washington.'
        )
    )
    assert said["Rates will stay low "] == "Jerome Powell"


def test_the_name_steps_take_linear_time_on_a_long_text_of_names() -> None:
    """A hostile pass: one 900,000-character article of names and quotes (within the article
    limit) spent minutes in the facts step, each name against every mention or the whole text:
    the missed speakers' overlap check and their counts, a sentence's persons, a mention's
    last title."""
    import time

    from newsdigest.facts.missed import missed_speakers
    from newsdigest.facts.ner import RawMention
    from newsdigest.facts.quotes import _ArticleContext, gender_votes
    from newsdigest.facts.roles import build_role_index
    from newsdigest.model import Entity, Mention
    from newsdigest.split import split_sentences

    unit = "Mr. Pompeo met Mr. Putin. Lavrov said it went well. Sergei Ryabkov said more. "
    n = 6000
    text = unit * n
    article = Article(id="a", text=text)
    at = [i * len(unit) for i in range(n)]
    pompeo = [(s + 4, s + 10, "Mike Pompeo") for s in at]
    putin = [(s + 19, s + 24, "Vladimir Putin") for s in at]
    found = [RawMention("a", s, e, text[s:e], "PERSON", True) for s, e, _ in pompeo + putin]
    entities = [
        Entity(name, "PERSON", tuple(Mention("a", s, e, text[s:e]) for s, e, _ in spans))
        for name, spans in (("Mike Pompeo", pompeo), ("Vladimir Putin", putin))
    ]
    sentences = split_sentences(text, "a")
    ctx = _ArticleContext(article, None, sentences, sorted(pompeo + putin), [], [])
    started = time.perf_counter()
    missed = missed_speakers([article], found)
    votes = gender_votes(ctx)
    index = build_role_index(entities, [article])
    assert time.perf_counter() - started < 5  # were 30 s and more together
    # "Lavrov" alone is never written in full: a firm's name as likely as a person's
    assert {m.text for m in missed} == {"Sergei Ryabkov"} and len(missed) == n
    assert votes["Mike Pompeo"]["m"] == n and votes["Vladimir Putin"]["m"] == n
    assert index.articles["Mike Pompeo"] == {"a"}


def test_words_said_to_someone_by_name_are_not_theirs() -> None:
    """Multi-News: a congressman's words to Kirsten Gillibrand ("You know, Kirsten, you’re even
    pretty when you’re fat", which "a representative told her") were listed as hers; words
    that name someone to whom they are said keep their own speaker."""
    text = (
        "Sen. Kirsten Gillibrand (D-NY) has come forward with several stories of being called "
        '"chubby" by her male colleagues in Congress.\n\n'
        "Gillibrand surely isn't alone in having to deal with such comments. When she was "
        "still in the House, a representative told her, “You know, Kirsten, you’re even pretty "
        'when you’re fat."\n\n'
        "Last year Sen. Bob Corker (R-TN) told Gillibrand: “I don’t want you to take this the "
        "wrong way, Kirsten, but you’re what my family would call a honey badger.”"
    )
    said = {q[:12]: s for q, s in speakers(text)}
    assert said["You know, Ki"] is None
    assert said["I don’t want"] == "Bob Corker"


def test_a_speakers_name_among_others_set_off_by_commas_is_still_theirs() -> None:
    """Words that list the speaker's name among others call no one: Warren, Mich., beside
    Detroit and Flint in Elizabeth Warren's words, and Trump's own name said three times, had
    left both quotes without their speaker."""
    warren = (
        "Sen. Elizabeth Warren toured Michigan on Monday. “I have met workers in Detroit, "
        "Warren, Flint and Lansing who are struggling,” Warren said."
    )
    trump = (
        "President Trump spoke at a rally in Ohio. “Trump, Trump, Trump, that’s all they talk "
        "about,” Trump said."
    )
    assert [s for _, s in speakers(warren)] == ["Elizabeth Warren"]
    assert [s for _, s in speakers(trump)] == ["Trump"]


def test_a_long_quote_of_names_set_off_by_commas_takes_linear_time() -> None:
    """A hostile pass: 100,000 characters of "Detroit, Kirsten, Flint, " (every "Kirsten" one
    of a list) are read once, not the words before each name again (1.9 s before)."""
    import time

    from newsdigest.facts.quotes import _addresses

    started = time.process_time()
    assert not _addresses("Detroit, Kirsten, Flint, " * 4000, "Kirsten Gillibrand")
    assert time.process_time() - started < 0.5


def test_he_after_sentences_on_a_person_named_as_an_owner_is_that_person() -> None:
    """Multi-News 151 (CNN): after the interviewer's “Then don't,” Cuomo said., a paragraph
    on the rancher ("For two decades, Bundy's cattle have fed ... He claims ... He said ...")
    and then "“I'll be damned ...,” he said": Bundy's words, not Cuomo's."""
    text = (
        "In one exchange with Cuomo, Bundy said, “I don't know how to talk about these ethnic "
        "groups.”\n\n“Then don't,” Cuomo said.\n\nFor two decades, Bundy's cattle have fed off "
        "government-owned land without paying grazing fees. He claims he won't do business "
        "with the federal government. He said he'd be willing to talk with state authorities."
        "\n\n“I'll be damned if this is the property of the United States,” he said on New Day."
    )
    found = dict(speakers(text))
    assert found["Then don't"] == "Cuomo"
    assert found["I'll be damned if th"] == "Bundy"


def test_he_is_not_the_one_the_attribution_says_recalled_the_words() -> None:
    """The dev stream's Delta bird story: "“The bird is flying around the cockpit,” he
    announced, as Perry recalled it." had gone to Perry, the passenger recalling the
    captain's words. "According to" relays so too; a plain "he said" stays resolved."""
    text = (
        "Shane Perry was on the plane.\n\n"
        "“The bird is flying around the cockpit,” he announced, as Perry recalled it.\n\n"
        "Tom Smith spoke to the crowd.\n\n"
        "“We will not give up,” he said, according to Smith.\n\n"
        "Jane Doe waited at the gate.\n\n"
        "“We will board soon,” she said, as the crowd cheered."
    )
    assert speakers(text) == [
        ("The bird is flying a", None),
        ("We will not give up", None),
        ("We will board soon", "Jane Doe"),
    ]


def test_a_label_someone_was_given_is_not_their_word(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's smart-glasses story (The Times): "Google Glass, the £1,000 spectacles
    ..., were labelled “creepy” and wearers dubbed “glassholes”" had listed “creepy” as Google
    Glass's words; who gave the label is not said. One who gives it still speaks ("Prince
    himself once called “demonic.”")."""
    (text,) = [
        r["text"]
        for r in dev_stream_rows
        if "labelled “creepy”" in r["text"] and "thetimes" in r["url"]
    ]
    assert all(s is None for q, s in speakers(text) if q.startswith("creepy"))
    given = (
        "Senator John Smith, who chairs the committee, was described as “a man who never gives "
        "up on anything” by aides."
    )
    assert speakers(given) == [("a man who never give", None)]
    gave = (
        "Senator John Smith has described the chips as “a threat to our security and our "
        "economy” in a speech."
    )
    assert speakers(gave) == [("a threat to our secu", "John Smith")]


def test_he_who_opens_the_sentence_speaks_in_its_participle_after_a_comma() -> None:
    """NeuS: "He acknowledged that the ... situation at the border constitutes a crisis,
    calling it “one of the toughest challenges we face.”" was left unresolved though the
    sentence before names the secretary. Not so a participle of someone else's: "He recalled
    the pilot telling the passengers: “...”" (the dev stream's bird story) is the pilot's."""
    text = (
        "Homeland Security Secretary John Smith visited the border in Texas on Thursday. He "
        "acknowledged that the situation at the border constitutes a crisis, calling it “one "
        "of the toughest challenges we face.”"
    )
    assert speakers(text) == [("one of the toughest ", "John Smith")]
    pilot = (
        "Passenger John Smith watched the workers search the cockpit. He recalled the pilot "
        "telling the passengers: “We’re going to take off, but if I hear any chirping in the "
        "cockpit, I’ll turn around.”"
    )
    assert [s for _, s in speakers(pilot)] == [None]


def test_a_participle_after_others_brought_in_is_not_the_opening_pronouns() -> None:
    """The he-opens-the-sentence rule gave John Smith the workers' words in "He said the
    workers walked out, calling the plan “...”" and a voter's in "He quoted a voter, writing
    “...”"; unresolved is better than wrong."""
    for clause in (
        "He said the workers walked out, calling the plan",
        "He quoted a voter, writing",
    ):
        text = (
            "Minister John Smith arrived in the town on Friday. "
            f"{clause} “a disaster for every family in this town.”"
        )
        assert [s for _, s in speakers(text)] == [None], clause
    # those he acts on are not: "He praised the workers, calling them “...”" is his
    text = (
        "Minister John Smith arrived in the town on Friday. He praised the workers, calling "
        "them “the backbone of this nation and of every family here.”"
    )
    assert [s for _, s in speakers(text)] == ["John Smith"]


def test_a_long_run_of_letters_after_an_attribution_is_read_in_linear_time() -> None:
    """Whether the line after a quote's attribution opens another quote ("Amity Shlaes ...
    told me, “In the dull crowds ...") was asked by a pattern that split a run of letters in
    two every way: 40,000 of them took 20 s."""
    import time

    from newsdigest.facts.quotes import _OPENS_QUOTE

    started = time.process_time()
    assert _OPENS_QUOTE.match("a" * 40_000 + " and so on.") is None
    assert time.process_time() - started < 0.5
    assert _OPENS_QUOTE.match(" told me, “In the dull crowds") is not None
    assert _OPENS_QUOTE.match(": “We will") is not None


def test_a_nouns_participle_after_with_is_that_nouns_not_a_named_persons() -> None:
    """NeuS train 2200: "Politico faced an uproar after its decision to let podcast host Ben
    Shapiro write a column, with staff asking editors why a pundit with “a long history of
    bigoted and incendiary commentary” would be given such a platform": the staff's words,
    which had gone to Shapiro (the first person named in the sentence). "Ben Shapiro wrote
    a column, calling it “a duty to the readers.”" stays his."""
    text = (
        "Politico faced an uproar after its decision to let podcast host Ben Shapiro write a "
        "column, with staff asking editors why a pundit with “a long history of bigoted and "
        "incendiary commentary” would be given such a platform."
    )
    assert speakers(text) == [("a long history of bi", None)]
    text = "Podcast host Ben Shapiro wrote a column, calling it “a duty to the readers.”"
    assert speakers(text) == [("a duty to the reader", "Ben Shapiro")]


def test_an_office_that_quotes_a_letter_as_saying_is_not_its_writer() -> None:
    """Multi-News 23: "“There is a need to draw a line ...,” Rivlin’s office quotes the
    letter as saying" gave Eichmann's plea to Reuven Rivlin, who released it, and made a
    false "Sources differ on speaker" line beside the article writing "quoted"."""
    text = (
        "President Reuven Rivlin released a letter by Adolf Eichmann. “There is a need to draw "
        "a line between the leaders and the people like me,” Rivlin’s office quotes the letter "
        "as saying."
    )
    assert speakers(text)[0][1] != "Reuven Rivlin"


def test_a_straight_mark_after_a_quoted_sentence_end_closes_the_open_quote() -> None:
    """Multi-News validation 67, as written: the closing mark follows a space, before the
    writer's next sentence; it had opened a second quote and glued that sentence to Serna's."""
    text = (
        '"(Olivera) comes in, they close the door and lock it," Serna said, "and this was a '
        "one-man cell so we sat on the bunk and I said 'you are here for the entire time with "
        "me?' he said, 'yeah that's what I am doing.' \"Olivera, himself a Gulf War veteran, said "
        "that with Serna's PTSD, he worried about the effects of a night in isolation lock-up."
    )
    found = quotes(text)
    assert len(found) == 2
    assert found[1].endswith("'yeah that's what I am doing.'")
    # the nested straight quote of the seeds stays inside its outer quote
    assert quotes('"It is the "deep state". Now, Trump may act," he said.') == [
        'It is the "deep state". Now, Trump may act'
    ]


def test_the_second_half_of_a_quote_is_the_speaker_named_between_the_halves() -> None:
    """Multi-News validation 67: '"A," Serna said, "B"', then a sentence that names the judge
    and 'said that': B had gone to the judge."""
    text = (
        "District Court Judge Lou Olivera sentenced the veteran Joe Serna to lock-up for "
        "a probation violation.\n"
        "“I had never been to jail before,” Olivera said.\n"
        "“He comes in, they close the door and lock it,” Serna said, “and this was a one-man cell "
        "so we sat on the bunk and talked.” Olivera, himself a Gulf War veteran, said that with "
        "Serna's PTSD, he worried about the effects of a night in isolation lock-up."
    )
    assert [s for _, s in speakers(text)] == ["Lou Olivera", "Joe Serna", "Joe Serna"]
    # Multi-News validation 247: '“The question is,” writes Kate Harding at Salon, “will ...?”'
    text = (
        "“The question is,” writes Kate Harding at Salon Broadsheet, “will the powers that be "
        "recognize young women as a robust market, or will they write it off?” If you know me, "
        "you know that I love the language of teen girls."
    )
    assert speakers(text)[-1][1] == "Kate Harding"
    # ... but not across a paragraph, nor after a quote that ended its sentence (Multi-News
    # validation 69: the network's statement had gone to the lawyer quoted before)
    text = (
        "L. Lin Wood, an Atlanta attorney, branded the program as a broadcast riddled with "
        "“lies, misrepresentations, distortions and omissions.”\n\n“I will be filing a lawsuit "
        "on behalf of Burke Ramsey,” Wood told Reuters in a telephone interview. “CBS’ false and "
        "unprofessional attacks on this young man are disgusting and revolting.”\n\nThe network "
        "responded to Wood with a terse statement: “CBS stands by the broadcast and will do so "
        "in court.”"
    )
    assert speakers(text)[-1][1] != "L. Lin Wood"


def test_he_after_a_report_about_an_unnamed_person_is_not_the_reporter() -> None:
    """The dev stream (the Nice attack, The Sun): 'He said:' after "France TV Info reported a
    dad ..." had gone to the broadcaster (read as a person) once the glued quote was split."""
    text = (
        "Eric Ciotti told France Info it was a scene of horror.\n\n"
        "France TV Info reported a dad known only as Kevin was with his wife and two kids "
        'trying to find an ice cream when panic broke out. He said: "I was barely 50m from the '
        'scene. I ran, against all my instincts, to see if I could help."'
    )
    assert [s for _, s in speakers(text)] == [None]


def test_a_quote_glued_to_the_next_paragraphs_quote_keeps_both_halves() -> None:
    """The dev stream (a bitcoin live page): a quote of two paragraphs glued into one line,
    the second opened by its straight mark; the prosecutor's second sentence had been lost
    into one quote with the first, or dropped."""
    text = (
        'Athens County Prosecutor Keller Blackburn said: "Ohio is in the middle of an opiate '
        "crisis, and this suspect in Iowa was using college kids to traffic thousands of dollars "
        'in narcotics. "The secretive nature of the dark web and cryptocurrency allows huge drug '
        'deals to be made without a trace." 11.04am - UPDATE - Losses down to $488'
    )
    assert quotes(text) == [
        "Ohio is in the middle of an opiate crisis, and this suspect in Iowa was using college "
        "kids to traffic thousands of dollars in narcotics.",
        "The secretive nature of the dark web and cryptocurrency allows huge drug deals to be "
        "made without a trace.",
    ]
    assert [s for _, s in speakers(text)] == ["Keller Blackburn", "Keller Blackburn"]


def test_two_apostrophes_close_a_double_quote() -> None:
    """Multi-News validation 3 (and a dev-stream page that opens with one apostrophe): a wire
    closing its quotes with '' had its attribution read as part of the words."""
    text = (
        "\"We didn't have this great plan,'' mom Mona Lisa Harding told Matt Lauer. \"It just "
        'kind of happened. We started homeschooling, and it was very efficient."\n\n'
        "'If it sounds too good to be true, it probably is,'' Fandal said."
    )
    assert quotes(text) == [
        "We didn't have this great plan",
        "It just kind of happened. We started homeschooling, and it was very efficient.",
        "If it sounds too good to be true, it probably is",
    ]
    assert speakers(text)[0] == ("We didn't have this ", "Mona Lisa Harding")


def test_a_quote_left_open_before_its_attribution_ends_there() -> None:
    """Multi-News validation 62: the closing mark was missing before ', said Kunz Sr.', and the
    next quote's opening mark had closed it, attribution and all."""
    text = (
        "\"There's a possibility that he may be with somebody and that's what is giving us hope, "
        "said Kunz Sr. \"It's a bad thing that he would be not with us right now, but it also "
        "means there's a good chance that he is alive and with somebody.\""
    )
    assert quotes(text) == [
        "There's a possibility that he may be with somebody and that's what is giving us hope",
        "It's a bad thing that he would be not with us right now, but it also means there's a "
        "good chance that he is alive and with somebody.",
    ]


def test_a_word_of_a_title_is_not_the_speaker_named_before_it() -> None:
    """The dev stream (North Korea's missile over Japan, The Sun): "Cabinet" of "Chief Cabinet
    Secretary" had been read as a person and given Suga's words, then set against Shinzo Abe
    as a 'Sources differ on speaker' line."""
    text = (
        "Yoshihide Suga, Japan's Chief Cabinet Secretary, said the missile test was an "
        '"unprecedented, serious and grave threat" to the area.'
    )
    assert [s for _, s in speakers(text)] == ["Yoshihide Suga"]


def test_a_name_in_passing_does_not_take_the_next_quote(seed_dir: Path) -> None:
    """The seeds' Oreanda article alone: "This is so far only the first visit of Pompeo to
    Russia ..." then Putin's words on Mueller's inquiry ("... we initially characterized as
    complete nonsense ...", he said), which went to Pompeo; the other outlets give them to
    Putin, and this text names no one who said them."""
    import newsdigest

    (path,) = seed_dir.glob("000_*.txt")
    story = newsdigest.digest([path])
    assert story.facts is not None
    (quote,) = [q for q in story.facts.quotes if "Muller" in q.text]
    assert quote.speaker != "Pompeo"


def test_a_generations_dot_ending_a_paragraph_is_the_speakers_name(multinews_articles) -> None:
    """Multi-News validation 62: '"They assured me there is 100 percent no chance ...," said
    Kunz Sr.' closing a paragraph: the name ended before the dot of "Sr.", the model's
    mention "Kunz Sr." after it, and the quote had no speaker."""
    from newsdigest.clean import clean_article

    (article,) = [clean_article(a) for _, a in multinews_articles(62, 63) if "Kunz" in a.text]
    facts = extract_facts([article], {})
    said = {q.text[:16]: q.speaker for q in facts.quotes}
    assert said["They assured me "] == "DeOrr Kunz Sr."
    assert said["Hope is what kee"] == "DeOrr Kunz Sr."


def test_an_organization_after_its_the_speaks_before_the_quote(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's subway story: 'The Metropolitan Transportation Authority says the
    trains "bumped into each other"' had no speaker in any of four outlets ("The ..." read as
    a description that names no one)."""
    from newsdigest.clean import clean_article

    (row,) = [r for r in dev_stream_rows if r["label"] == "4" and r["source"] == "www.nytimes.com"]
    article = clean_article(Article(id=article_id(row["text"]), text=row["text"]))
    (quote,) = [q for q in extract_facts([article], {}).quotes if "bumped" in q.text]
    # the authority, under the name its article writes more often (its initials)
    assert quote.speaker == "MTA"


def test_words_a_document_says_after_an_outlets_says_are_not_the_outlets(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's Grammys story (Entertainment Weekly): 'The NYT says the letter calls
    for a task force ..., and "as senior music executives with true commitment ..."': the
    executives' letter's words, which The New York Times reported, had been given to "NYT"."""
    from newsdigest.clean import clean_article

    (row,) = [r for r in dev_stream_rows if r["label"] == "52" and "The NYT says" in r["text"]]
    article = clean_article(Article(id=article_id(row["text"]), text=row["text"]))
    (quote,) = [q for q in extract_facts([article], {}).quotes if "senior music" in q.text]
    assert quote.speaker is None


def test_a_descriptor_of_place_and_party_is_not_a_person_named_by_its_place(
    multinews_articles,
) -> None:
    """Multi-News validation 112: '"We are going to deal with this problem ...," the Kentucky
    Republican said on CNN', after 'Senate Minority Leader Mitch McConnell said Sunday'. The
    cluster's other outlet wrote "Veteran Kentucky political analyst", which the model read as
    a person, and the quote went to "Kentucky". The descriptor is the man named before it."""
    from newsdigest.clean import clean_article

    articles = [clean_article(a) for _, a in multinews_articles(112, 113)]
    facts = extract_facts(articles, {})
    (quote,) = [q for q in facts.quotes if q.text.startswith("We are going to deal")]
    assert quote.speaker == "Mitch McConnell"


def test_a_place_after_in_before_the_verb_is_not_the_speaker(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's Brazilian Grand Prix (Mirror): 'Massa's final F1 race will be in a
    fortnight in Abu Dhabi and after the finish in Sao Paula said: "I will never forget this
    day."' The misspelt city, read as a person, had been given Massa's words."""
    from newsdigest.clean import clean_article

    (row,) = [r for r in dev_stream_rows if "finish in Sao Paula said" in r["text"]]
    article = clean_article(Article(id=article_id(row["text"]), text=row["text"]))
    (quote,) = [q for q in extract_facts([article], {}).quotes if "never forget" in q.text]
    assert quote.speaker == "Felipe Massa"


def test_a_name_the_article_says_was_all_that_was_given_is_no_one_elses(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 68 (the Nice attack): The New York Times wrote "A man who gave his name
    as Michel, working at the Voilier Plage restaurant ..., said ... “A huge number of people
    started running, then there was a lot of gunfire,” he said.", and the story credited the
    words to Michel Temer, Brazil's president, whom another article quoted. A person known by
    one name only, as the article says, is no full name of the story."""
    from newsdigest.clean import clean_article

    rows = [
        r
        for r in dev_stream_rows
        if "gave his name as Michel" in r["text"] or "President Michel Temer" in r["text"]
    ]
    assert len(rows) >= 2
    articles = [
        clean_article(Article(id=f"{article_id(r['text'])}-{i}", text=r["text"]))
        for i, r in enumerate(rows)
    ]
    (quote,) = [q for q in extract_facts(articles, {}).quotes if "A huge number" in q.text]
    assert quote.speaker in (None, "Michel")  # not Michel Temer


def test_an_article_of_thousands_of_quotes_is_attributed_in_linear_time(seed_dir: Path) -> None:
    """A seed's line of two quotes and a "he" (Pompeo to Lavrov), 1,500 times over (290,000
    characters, 3,000 quotes): every question attribution asked (is this inside a quote, which
    sentence holds it, who spoke last, which quote of another outlet says the same) scanned
    every quote or sentence, so the facts took 6 s beside the parse's 5 (a 216,000-character
    hostile article of 3,000 quoted sentences: 49 s)."""
    import time

    from newsdigest.facts.ner import DEFAULT_MODEL, parse_articles
    from newsdigest.split import split_sentences

    line = (seed_dir / "002_1736ad70dc64f3f4.txt").read_text().splitlines()[4]
    assert line.count("Pompeo said") == 1 and "he pointed out" in line
    article = Article(id="a", text="\n".join([line] * 1500), title="Pompeo in Sochi")
    sentences = {"a": tuple(split_sentences(article.text, "a"))}
    docs = parse_articles([article], DEFAULT_MODEL, sentences=sentences)
    started = time.process_time()
    facts = extract_facts([article], sentences, docs=docs)
    assert time.process_time() - started < 3  # 6.3 s before
    assert len(facts.quotes) == 3000 and {q.speaker for q in facts.quotes} == {"Pompeo"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)), max_size=12), st.data())
def test_quote_cover_answers_as_a_scan_of_every_quote(pairs: list[tuple[int, int]], data) -> None:
    from newsdigest.facts.quotes import QuoteCover, QuoteSpan

    spans = sorted((QuoteSpan(o, o + n, o + 1, o + n - 1) for o, n in pairs), key=lambda q: q.open)
    cover = QuoteCover(spans)
    for _ in range(10):
        a = data.draw(st.integers(0, 95))
        b = data.draw(st.integers(a, 95))
        assert cover.holds(a) == any(q.open <= a < q.close for q in spans)
        assert cover.covers(a, b) == any(q.open < a and b <= q.close for q in spans)
        assert cover.last_close(a) == max((q.close for q in spans if q.close <= a), default=0)


def test_a_countrys_president_is_the_president_not_the_country(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's Costa Rica plane crash (RT): '“The authorities are concentrating on ...
    recovering the bodies ...,” Costa Rica's president said' went to Costa Rica; the story
    names him "Costa Rican President Luis Guillermo Solis" (and "Former Costa Rican President
    Laura Chinchilla", who is not). Where no title names the president, the words go to no
    one rather than to the country."""
    from newsdigest.clean import clean_article

    articles = [
        clean_article(Article(id=f"{article_id(r['text'])}-{i}", text=r["text"]))
        for i, r in enumerate(dev_stream_rows)
        if r["label"] == "35"
    ]
    facts = extract_facts(articles, {})
    (words,) = [q for q in facts.quotes if q.text.startswith("The authorities are concentrating")]
    assert words.speaker == "Luis Guillermo Solis"
    text = "“We will rebuild the cathedral,” France's president said on Tuesday."
    (alone,) = extract_facts([Article(id=article_id(text), text=text)], {}).quotes
    assert alone.speaker is None


def test_the_platform_written_on_is_cut_from_the_writers_name(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's Nice attack (the articles naming the mayor): '"Dear Nice residents,
    ...," wrote on Twitter Christian Estrosi, mayor of Nice.' listed an organization "Twitter
    Christian Estrosi" and gave it the words."""
    from newsdigest.clean import clean_article

    articles = [
        clean_article(Article(id=f"{article_id(r['text'])}-{i}", text=r["text"]))
        for i, r in enumerate(dev_stream_rows)
        if r["label"] == "68" and "Estrosi" in r["text"]
    ]
    facts = extract_facts(articles, {})
    (words,) = [q for q in facts.quotes if q.text.startswith("Dear Nice residents")]
    assert words.speaker == "Christian Estrosi"
    assert not any(e.name.startswith("Twitter ") for e in facts.entities)


def test_a_former_vice_president_who_is_now_president_is_the_president() -> None:
    """ "Former Vice President Joe Biden" made Biden a past holder of "the president" (the rule
    for "former President Obama"), so a quote "the president said" beside "President Joe
    Biden" went to no one; a former holder of another office (vice, deputy) is not one."""
    text = (
        "President Joe Biden signed an order on climate on Wednesday at the White House. "
        "Biden, who served eight years as vice president under Barack Obama, promised a faster "
        "transition to clean power. “We can’t wait any longer,” the president said. "
        "Former Vice President Joe Biden had made the pledge during the campaign last year."
    )
    (words,) = extract_facts([Article(id=article_id(text), text=text)], {}).quotes
    assert words.speaker == "Joe Biden"


def test_an_organization_speaks_by_its_spokesperson_and_again_after_but(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 72 (the Equifax breach), Equifax an organization: '“Earlier this year
    ...,” an Equifax spokesperson told NPR', 'Equifax said it would work with ... regulators
    ..., but added that it “found no evidence ...”', 'Krebs reported that Equifax said the
    breach happened ...: “unauthorized access ...”' are Equifax's words (the last had gone to
    Krebs); event 65: '“Putin, Russia, our country ...,” said a Kremlin spokesman'."""
    from newsdigest.clean import clean_article

    markers = ("an Equifax spokesperson told NPR", "but added that it")
    articles = [
        clean_article(Article(id=article_id(r["text"]), text=r["text"]))
        for r in dev_stream_rows
        if r["label"] == "72" and any(m in r["text"] for m in markers)
    ]
    facts = extract_facts(articles, {})
    assert {e.name: e.type for e in facts.entities}.get("Equifax") == "ORG"
    speakers = {q.text[:24]: q.speaker for q in facts.quotes}
    assert speakers["Earlier this year, durin"] == "Equifax"
    assert speakers["found no evidence that p"] == "Equifax"
    assert speakers["unauthorized access to c"] == "Equifax"
    (row,) = [r for r in dev_stream_rows if "said a Kremlin spokesman" in r["text"]]
    article = clean_article(Article(id=article_id(row["text"]), text=row["text"]))
    (quote,) = [q for q in extract_facts([article], {}).quotes if q.text.startswith("Putin, Ru")]
    assert quote.speaker == "Kremlin"


def test_a_witness_the_model_missed_keeps_his_he_said(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 68 (the Nice attack, The Sun): after the IS spokesman's call to kill,
    "Kartik and his family managed to escape the scene ... He said: “I'm still shaking ...”"
    gave the witness's words to the spokesman; the model found no "Kartik", whom the article
    never writes in lower case and gives a family: his words, no one's named."""
    from newsdigest.clean import clean_article

    (row,) = [r for r in dev_stream_rows if "Kartik and his family" in r["text"]]
    article = clean_article(Article(id=article_id(row["text"]), text=row["text"]))
    speakers = {q.text[:20]: q.speaker for q in extract_facts([article], {}).quotes}
    assert speakers["I'm still shaking. M"] is None
    assert speakers["I don't know if he w"] is None
    assert speakers["Smash his head with "] == "Abu Mohammed al-Adnani"


def test_an_unnamed_spokesmans_he_is_not_the_person_he_spoke_of(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 68 (The Sun): "A Downing Street spokesman said PM Theresa May was being
    kept up to date ... He stressed: “Our thoughts are with those affected ...”" is the
    spokesman's, whom no name gives; "Theresa May today said: “If this was a terrorist
    attack ...”" is hers (unresolved while the model read her an organization)."""
    from newsdigest.clean import clean_article

    (row,) = [r for r in dev_stream_rows if "PM Theresa May" in r["text"]]
    article = clean_article(Article(id=article_id(row["text"]), text=row["text"]))
    speakers = {q.text[:20]: q.speaker for q in extract_facts([article], {}).quotes}
    assert speakers["Our thoughts are wit"] is None
    assert speakers["If this was a terror"] == "Theresa May"


def test_the_words_of_whom_a_deed_is_aimed_at_are_not_theirs() -> None:
    """NeuS val 17's headline gave "tear down the system" to Warren, at whom Obama took his
    shot (its article: "Former President Barack Obama on Friday warned ...")."""
    text = (
        "Obama takes veiled shot at Warren and Sanders, warns 2020 Dems Americans don’t want "
        "to ‘tear down the system’.\n\nFormer President Barack Obama on Friday warned 2020 "
        "Democratic presidential hopefuls to pay attention to what voters actually think. "
        "Sen. Elizabeth Warren and Sen. Bernie Sanders have proposed sweeping plans."
    )
    assert [s for _, s in speakers(text)] == ["Barack Obama"]

"""Sentence splitting and tokenisation: Dutch abbreviations, quotes, lists, exact offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kroniek.models import Sentence
from kroniek.nlp.tokenize import split


def sentence_texts(text: str, blocks: list[tuple[int, int]] | None = None) -> list[str]:
    return [text[s.start : s.end] for s in split(text, blocks)]


def token_texts(text: str) -> list[str]:
    return [token.text for sentence in split(text) for token in sentence.tokens]


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Minister Dijkstra sprak o.a. met dhr. Van Leeuwen en mr. De Boer. "
        "Ze at bv. soep in St. Truiden. Het kostte ca. 3 mln. euro."
    )
    assert sentence_texts(text) == [
        "Minister Dijkstra sprak o.a. met dhr. Van Leeuwen en mr. De Boer.",
        "Ze at bv. soep in St. Truiden.",
        "Het kostte ca. 3 mln. euro.",
    ]


def test_abbreviation_tokens_keep_their_dot() -> None:
    tokens = token_texts("Volgens dhr. K. Smit o.a. zijn er 12 nieuwe leden.")
    assert tokens == [
        "Volgens",
        "dhr.",
        "K.",
        "Smit",
        "o.a.",
        "zijn",
        "er",
        "12",
        "nieuwe",
        "leden",
        ".",
    ]


def test_initials_do_not_end_sentences() -> None:
    text = "Het boek van A.F.Th. van der Heijden en J. Wolkers verscheen. Daarna niets."
    assert sentence_texts(text) == [
        "Het boek van A.F.Th. van der Heijden en J. Wolkers verscheen.",
        "Daarna niets.",
    ]


def test_clitics_and_place_names() -> None:
    tokens = token_texts("Ze reed 's avonds naar 's-Hertogenbosch, 't was 'n lange rit in '98.")
    assert "'s-Hertogenbosch" in tokens
    assert tokens[2] == "'s"
    assert "'t" in tokens and "'n" in tokens and "'98" in tokens


def test_sentence_starting_with_clitic() -> None:
    text = "Het regende de hele dag. 's Avonds klaarde het op."
    assert sentence_texts(text) == ["Het regende de hele dag.", "'s Avonds klaarde het op."]


def test_quotes_keep_or_end_sentences() -> None:
    text = (
        '„We gaan door”, zei de burgemeester. "Komt u ook?" vroeg ze. '
        "Hij zei: 'Nee.' Toen ging hij weg."
    )
    assert sentence_texts(text) == [
        "„We gaan door”, zei de burgemeester.",
        '"Komt u ook?" vroeg ze.',
        "Hij zei: 'Nee.'",
        "Toen ging hij weg.",
    ]


def test_sentence_final_abbreviation_before_capital() -> None:
    text = "Ze kochten brood, kaas enz. De rekening was hoog."
    assert sentence_texts(text) == ["Ze kochten brood, kaas enz.", "De rekening was hoog."]


def test_headline_block_is_its_own_sentence() -> None:
    text = "Brand in haven van Antwerpen\nDe brandweer rukte uit. Niemand raakte gewond."
    blocks = [(0, 28), (29, len(text))]
    assert sentence_texts(text, blocks) == [
        "Brand in haven van Antwerpen",
        "De brandweer rukte uit.",
        "Niemand raakte gewond.",
    ]


def test_list_items_split_inside_a_block() -> None:
    text = "De eisen zijn:\n- meer loon\n- kortere dagen\n2) betere pensioenen"
    assert sentence_texts(text, [(0, len(text))]) == [
        "De eisen zijn:",
        "- meer loon",
        "- kortere dagen",
        "2) betere pensioenen",
    ]


def test_numbers_times_and_urls() -> None:
    tokens = token_texts("Om 10u53 kwamen 1.500 mensen (3,5 procent) naar www.voorbeeld.be.")
    assert tokens == [
        "Om",
        "10u53",
        "kwamen",
        "1.500",
        "mensen",
        "(",
        "3,5",
        "procent",
        ")",
        "naar",
        "www.voorbeeld.be",
        ".",
    ]


def test_hyphenated_and_apostrophe_words() -> None:
    tokens = token_texts("De Kremlin-woordvoerder reed met twee auto's naar Noord-Holland.")
    assert "Kremlin-woordvoerder" in tokens and "auto's" in tokens and "Noord-Holland" in tokens


def check_invariants(text: str, sentences: list[Sentence]) -> None:
    previous_end = 0
    for sentence in sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        previous_end = sentence.end
        token_end = sentence.start
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.text
            assert token_end <= token.start < token.end <= sentence.end
            assert token.text.strip() == token.text
            token_end = token.end
        # every non-space character of a sentence belongs to a token
        covered = sum(token.end - token.start for token in sentence.tokens)
        assert covered == sum(
            1 for char in text[sentence.start : sentence.end] if not char.isspace()
        )


DUTCHY = st.text(
    alphabet=st.sampled_from(list("aeiouAEIOUbcdfgnstDVSJ.,!?:;'\"„”‘’«»()-–…\n 0123456789éëï")),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_keeps_offsets_exact(text: str) -> None:
    check_invariants(text, split(text))


@settings(max_examples=300, deadline=None)
@given(DUTCHY)
def test_dutch_like_text_keeps_offsets_exact(text: str) -> None:
    check_invariants(text, split(text))


@settings(max_examples=200, deadline=None)
@given(DUTCHY, st.lists(st.tuples(st.integers(-5, 210), st.integers(-5, 210)), max_size=6))
def test_arbitrary_blocks_give_ordered_sentences_inside_the_text(
    text: str, blocks: list[tuple[int, int]]
) -> None:
    check_invariants(text, split(text, blocks))


LONG_RUN = 50_000
MAX_SECONDS = 5.0  # quadratic behaviour takes minutes at this length; linear takes well under 1 s


def test_long_punctuation_runs_stay_linear() -> None:
    import time

    for text in ("." * LONG_RUN, "_" * LONG_RUN, "!" * LONG_RUN + " Ja", "a." * (LONG_RUN // 2)):
        started = time.process_time()  # CPU time: other jobs on the machine do not count
        sentences = split(text)
        assert time.process_time() - started < MAX_SECONDS
        check_invariants(text, sentences)


def test_month_abbreviation_before_a_year() -> None:
    text = "Op 12 jan. 2024 trad hij af. Hij sprak met Jan. 2023 was zijn beste jaar."
    assert sentence_texts(text) == [
        "Op 12 jan. 2024 trad hij af.",
        "Hij sprak met Jan.",
        "2023 was zijn beste jaar.",
    ]


def test_an_acronym_in_capitals_is_no_listed_abbreviation() -> None:
    """ "VS." is the United States ending a sentence, "vs." (versus) is not."""
    text = "Het geld gaat naar de VS. De regering zwijgt. Ajax vs. PSV werd 1-1."
    assert sentence_texts(text) == [
        "Het geld gaat naar de VS.",
        "De regering zwijgt.",
        "Ajax vs. PSV werd 1-1.",
    ]
    assert token_texts("Steun voor de VS.")[-2:] == ["VS", "."]

"""Snippets: the best stretch, escaped, hits marked."""

from __future__ import annotations

import pytest

from kroniek.search import parse
from kroniek.search.engine import highlighter
from kroniek.search.snippets import SNIPPET_CHARS, Highlighter, snippet

FILLER = "Het weer was grijs en de wind kwam uit het westen. " * 12


def test_marks_every_form_of_a_stemmed_term() -> None:
    marks = highlighter(parse("aanval"))
    assert snippet("De aanvallen en de aanval.", marks) == (
        "De <mark>aanvallen</mark> en de <mark>aanval</mark>."
    )


def test_escapes_the_text_before_marking() -> None:
    marks = highlighter(parse("brand"))
    result = snippet('Een <b onclick="x()">brand</b> & rook', marks)
    assert result == (
        "Een &lt;b onclick=&quot;x()&quot;&gt;<mark>brand</mark>&lt;/b&gt; &amp; rook"
    )


def test_picks_the_stretch_with_the_most_hits() -> None:
    text = f"Eerst een brand. {FILLER}Daarna brand op brand, weer een brand. {FILLER}"
    result = snippet(text, highlighter(parse("brand")))
    assert result.count("<mark>brand</mark>") == 3
    assert result.startswith("…") and result.endswith("…")
    assert len(result.replace("<mark>", "").replace("</mark>", "")) <= SNIPPET_CHARS + 40


def test_without_hits_shows_the_start() -> None:
    result = snippet(FILLER, Highlighter(frozenset({"brand"})))
    assert result.startswith("Het weer was grijs")
    assert "<mark>" not in result
    assert result.endswith("…")


def test_prefixes_and_accents_are_marked() -> None:
    marks = highlighter(parse("kat* israel -hond"))
    result = snippet("Katten, een kattenbak en Israël; geen hond.", marks)
    assert result == (
        "<mark>Katten</mark>, een <mark>kattenbak</mark> en <mark>Israël</mark>; geen hond."
    )


def test_text_is_one_line() -> None:
    assert "\n" not in snippet("Eerste alinea.\n\nTweede alinea.", Highlighter(frozenset()))


def test_hits_are_whole_words_found_by_the_judged_words() -> None:
    """The spans equal those of judging every word of the text in turn: a hit inside a longer
    word (letters, digits or "_" around it) is no hit, and every form of the stem is one."""
    from kroniek.search import analysis
    from kroniek.search.snippets import _hit_spans

    texts = [
        "Israël, israel en ISRAEL; niet israel_x, israël2, 2israel of _israel_ maar wel (Israel).",
        "De aanvallen na de aanval: aanvalsplan, heraanval, aanval-aanval en Aanval!",
        "Café, café1, caféterras, CAFÉ en cafe.",
        "1 12 1-1 a1 1a 1.",
    ]
    for query in ("israel", "aanval", "aanval*", "café", "1", '"de aanval"'):
        marks = highlighter(parse(query))
        for text in texts:
            every_word = [(m.start(), m.end()) for m in analysis.words(text)
                          if marks.hits(m.group())]  # fmt: skip
            assert _hit_spans(text, marks) == every_word, (query, text)


def test_a_kept_snippet_is_made_once_and_a_changed_text_is_made_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kroniek.search import snippets

    made: list[str] = []
    real = snippets.snippet

    def counting(text: str, highlighter: Highlighter, width: int = SNIPPET_CHARS) -> str:
        made.append(text)
        return real(text, highlighter, width)

    monkeypatch.setattr(snippets, "snippet", counting)
    kept = snippets.SnippetCache(max_entries=2)
    marks = highlighter(parse("brand"))
    first = kept.snippet("a1", "Een brand in de haven.", marks)
    assert kept.snippet("a1", "Een brand in de haven.", highlighter(parse("brand"))) == first
    assert len(made) == 1  # the same words mark the same article once
    assert "<mark>brand</mark>" in kept.snippet("a1", "Weer een brand.", marks)  # text changed
    kept.snippet("a2", "Een brand.", marks)
    kept.snippet("a3", "Een brand.", marks)  # the oldest (a1) goes
    kept.snippet("a1", "Een brand in de haven.", marks)
    assert len(made) == 5

"""Highlighting article text from record offsets: escaped pieces, overlapping spans."""

from __future__ import annotations

from kroniek.web.highlight import Span, highlight, record_spans
from tests.api.corpus import TEXT_ATTACK, XSS_TEXT, articles


def test_every_piece_is_escaped_and_spans_wrap_their_text() -> None:
    text = 'A <b>vet</b> & "x" <script>y</script>'
    html = str(highlight(text, [Span(2, 12, "hl-ent", 'titel "met" <quotes>')]))
    assert "<b>" not in html and "<script>" not in html
    assert html == (
        'A <span class="hl hl-ent" title="titel &#34;met&#34; &lt;quotes&gt;">'
        "&lt;b&gt;vet&lt;/b&gt;</span> &amp; &#34;x&#34; &lt;script&gt;y&lt;/script&gt;"
    )


def test_overlapping_spans_are_cut_at_every_boundary() -> None:
    text = "Poetin zegt dat hij komt"
    html = str(highlight(text, [Span(0, 24, "hl-quote", "q"), Span(7, 11, "hl-event hl-q1", "e")]))
    assert html == (
        '<span class="hl hl-quote" title="q">Poetin </span>'
        '<span class="hl hl-quote hl-event hl-q1" title="q | e">zegt</span>'
        '<span class="hl hl-quote" title="q"> dat hij komt</span>'
    )


def test_spans_outside_the_text_or_empty_are_ignored() -> None:
    assert (
        str(highlight("kort", [Span(2, 9, "x", "t"), Span(3, 3, "y", "t"), Span(-1, 2, "z", "t")]))
        == "kort"
    )


def test_record_spans_cover_entities_events_quotes_places_times() -> None:
    record = articles()[0][1]
    spans = record_spans(record)
    by_text = {TEXT_ATTACK[s.start : s.end]: s for s in spans}
    assert by_text["Poetin"].css == "hl-ent hl-ent-PER"
    assert (
        "RUSGOV" in by_text["Poetin"].title and "kroniek:vladimir-putin" in by_text["Poetin"].title
    )
    trigger = by_text["beschoten"]
    assert trigger.css == "hl-event hl-q4"
    assert (
        "ASSAULT" in trigger.title
        and "rule test:assault" in trigger.title
        and "CAMEO 190" in trigger.title
    )
    assert by_text["Dit is terreur tegen burgers"].css == "hl-quote"
    assert by_text["Odesa"].css == "hl-place" and by_text["maandag"].css == "hl-time"
    assert len([s for s in spans if s.css.startswith("hl-ent")]) == 3


def test_hostile_record_renders_as_text() -> None:
    record = next(r for a, r in articles() if a.text == XSS_TEXT)
    html = str(highlight(XSS_TEXT, record_spans(record)))
    assert "<script" not in html and "<img" not in html and "<svg" not in html and "<a " not in html
    assert "&lt;script&gt;window.__pwned = 1;" in html
    assert "onerror=&#34;window.__pwned = 2&#34;" in html
    assert "&lt;img src=x onerror=window.__pwned=6&gt;" in html  # the speaker name in a title

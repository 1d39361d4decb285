"""Dutch time expressions, resolved against the publication date.

``resolve(doc)`` finds time expressions sentence by sentence and gives each a :class:`TimeRef`
whose ``value`` is ISO 8601 at the precision the expression carries:

==============================  =================================================  =============
kind                            examples                                           value
==============================  =================================================  =============
full dates                      "11 december 2017", "maandag 11 dec. 2017",        2017-12-11
                                "11/12/2017", "11-12-17", "2017-12-11"
dates without a year            "op 11 december", "3 jan."                         2017-12-11
day lists                       "op 3" in "op 3 en 4 mei", "van 1" in "van 1 tot   2018-05-03
                                5 juni": the month of the date after it
weekdays                        "maandag", "op dinsdag", "afgelopen vrijdag",      2017-12-22
                                "vrijdagavond", "zaterdagnamiddag", "maandag a.s."
week + weekday                  "vorige week maandag", "dinsdag volgende week"     2017-12-12
nights                          "in de nacht van zaterdag op zondag"               2017-12-23
day words                       "vandaag", "gisteren", "eergisteren", "morgen",    2017-12-28
                                "overmorgen", "vanochtend", "vanavond", "vannacht",
                                "gisteravond", "morgenochtend", "afgelopen nacht"
clock times                     "om 14.30 uur", "rond 9 uur", "10u53",             ...T14:30
                                "om 8 uur 's avonds", "om half negen", "rond
                                kwart over acht", "om tien uur 's avonds"
weeks                           "vorige week", "afgelopen week", "deze week",      2017-W51
                                "volgende week", "afgelopen weekend", "week 51"
months                          "vorige maand", "eerder deze maand",               2017-11
                                "volgende maand"; "in december", "eind maart",
                                "december 2016", "in oktober vorig jaar"
years                           "vorig jaar", "verleden jaar", "dit jaar",         2016
                                "volgend jaar", "het afgelopen jaar", "het nieuwe
                                jaar", "in 2015", "sinds 2014", "medio 2018",
                                "sinds het begin van het jaar" (publication year)
seasons                         "in het voorjaar van 2016", "vorige zomer",        2016
                                "deze winter"
decades                         "de jaren negentig", "de jaren '80"                199
centuries                       "de negentiende eeuw", "de 19de eeuw",             18
                                "de vorige eeuw"
ago                             "twee dagen geleden", "drie weken geleden",        2017-12-08
                                "bijna een jaar geleden", "veertien jaar terug"
ahead                           "over twee weken", "over drie dagen",              2018-W02
                                "over ruim een jaar" (not "praten over twee weken
                                vakantie": see rule 5)
holidays                        "Kerstmis", "Nieuwjaar", "Pasen", "Pinksteren",    2017-12-25
                                "Koningsdag", "Prinsjesdag", "Kerstmis 2016"
==============================  =================================================  =============

Rules, in the order they apply:

1. Span. A preceding preposition ("in", "op", "sinds", "vanaf", "tot", ...) and period part
   ("begin", "eind", "medio", "half", "midden", "eerder", "later", "aan het begin van", ...)
   belong to the expression; they do not change its value ("eind maart" is ``2018-03``).
   Durations ("zes jaar", "21 uur"), plurals ("de afgelopen weken"), anaphora ("later dat jaar")
   and bare seasons ("in de zomer") are not resolved.
2. Precision. The value has the precision of the expression: day, ISO week, month, year, decade
   ("199"), century ("18"), or minute for clock times. Seasons are given as their year
   ("in het voorjaar van 2016" is ``2016``), not as TIMEX-style ``2016-SP``.
3. Relative expressions (everything computed from the publication date: weekdays, day words,
   "vorige week/maand", "drie weken geleden", ...) are computed from the publication date, taken
   as the middle of its period when it is partial (15th of the month, 1 July), and their value
   is then cut to the publication date's precision: with ``published == "2017-12"`` "maandag"
   and "gisteren" give ``2017-12``, "vorig jaar" gives ``2016``; with ``"2017"`` "vorige maand"
   gives ``2017``. Without a publication date they are not resolved.
4. Absolute expressions keep their own precision. When the year is missing ("op 11 december",
   "in maart", "Kerstmis") it is the year that puts the date nearest the publication date, ties
   going to the past (news reports past events); without a publication date they are skipped.
5. Direction. A weekday with "afgelopen/vorige" is strictly before publication, with
   "volgende/komende/aanstaande" strictly after, with "deze" in the same ISO week, after "sinds"
   on or before. A bare weekday follows the tense of its clause (``time_grammar``): the past
   tense and the perfect ("kwam/heeft donderdag ... besloten") give the latest such day on or
   before publication ("maandag" in an article of Monday 2017-12-11 is that day); the future
   tense ("zal") and the present tense of a scheduled event ("De raad komt donderdag bijeen")
   give the earliest on or after. The present tense keeps the backward reading in a heading
   ("Poetin ontmoet Xi"), after "van" ("de slotkoers van dinsdag"), with a verb of saying
   ("meldt de politie zondag"), and in the lead sentence unless a word there looks ahead
   ("opnieuw", "moet", "vergaderen", "vanaf"). Without tagged tokens (``resolve_text``) only
   "zal/zullen" in the sentence looks ahead. "over <amount>" is resolved only where "over"
   cannot mean "about": not after a noun, adjective or participle it could belong to (unless
   before the final verb of a subordinate clause), not before a noun of the amount's own, not
   with a verb that takes "over" ("praten", "gaan"), not in the past tense; without tagged
   tokens never. "het afgelopen jaar" / "het nieuwe jaar" are the twelve months before/after
   publication, named by the calendar year holding their middle.
6. A clock time takes the day of a day-precise expression earlier in its sentence ("maandag om
   10 uur"), else the publication day.

The Dutch words live in ``data/times/vocabulary.yaml``; the patterns are compiled once into a
single regex (``time_patterns``), and each kind has a small rule in ``time_rules``. dateparser is
not used at run time: all Dutch absolute formats are covered by the regex at a fraction of its cost
(about 0.4 ms per dateparser call against ~0.1 ms per sentence here); the tests check the month
vocabulary against dateparser's Dutch locale.
"""

from __future__ import annotations

import re

from kroniek.models import Doc, Span, TimeRef
from kroniek.nlp.tokenize import sentence_spans, split_blocks
from kroniek.resolve.time_calendar import Precision, When, parse_anchor, render
from kroniek.resolve.time_patterns import time_regex
from kroniek.resolve.time_rules import RULES, Context

__all__ = ["resolve", "resolve_text"]


def resolve(doc: Doc) -> list[TimeRef]:
    """Time expressions in ``doc.text``, resolved against ``doc.article.published``.

    The doc's tagged tokens give the grammar of rule 5 (the tense of a weekday's clause, the
    meaning of "over"); its headings tell titles from the body."""
    if not doc.sentences:
        return resolve_text(doc.text, doc.article.published)
    anchor = parse_anchor(doc.article.published)
    refs: list[TimeRef] = []
    body_started = False
    for sentence in doc.sentences:
        heading = any(start <= sentence.start < end for start, end in doc.article.headings)
        context = Context(
            doc.text,
            anchor,
            sentence.start,
            sentence.end,
            tokens=sentence.tokens,
            heading=heading,
            lead=not heading and not body_started,
        )
        body_started = body_started or not heading
        refs.extend(_resolve_sentence(context))
    return refs


def resolve_text(
    text: str, published: object, sentences: list[Span] | None = None
) -> list[TimeRef]:
    """Time expressions in ``text``; ``sentences`` default to a plain sentence split.

    Without tagged tokens a weekday looks ahead only in a sentence with "zal/zullen", and
    "over twee weken" is left alone."""
    anchor = parse_anchor(published)
    if sentences is None:
        sentences = [
            span for start, end in split_blocks(text) for span in sentence_spans(text, start, end)
        ]
    refs: list[TimeRef] = []
    for start, end in sentences:
        refs.extend(_resolve_sentence(Context(text, anchor, start, end)))
    return refs


def _apply(kind: str | None, match: re.Match[str], context: Context) -> When | None:
    """The rule's value for a match; None when it rejects it or the date falls off the calendar."""
    if kind not in RULES:
        return None
    try:
        return RULES[kind](match, context)
    except (OverflowError, ValueError):  # e.g. "9999 jaar geleden"
        return None


def _resolve_sentence(context: Context) -> list[TimeRef]:
    text, end = context.text, context.sentence_end
    refs: list[TimeRef] = []
    regex = time_regex()
    position = context.sentence_start
    while (match := regex.search(text, position, end)) is not None:
        kind = match.lastgroup
        when = _apply(kind, match, context)
        if when is None:
            # not a time after all ("om 17" before "maart"): look again from the next character
            position = match.start() + 1
            continue
        if when.precision == Precision.DAY:
            context.last_day, context.last_day_end = when, match.end()
        value = render(when, context.anchor)
        refs.append(TimeRef(match.group(), value, match.start(), match.end()))
        position = match.end()
    return refs

"""Dutch time expressions resolved against the publication date (kroniek.resolve.times)."""

from __future__ import annotations

import datetime as dt

import dateparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kroniek.models import Article, Doc, Span, TimeRef
from kroniek.nlp import morph
from kroniek.nlp.tokenize import split
from kroniek.resolve.time_calendar import Precision, When, add_months, parse_anchor, render
from kroniek.resolve.time_vocab import vocabulary
from kroniek.resolve.times import resolve, resolve_text

FRIDAY = "2017-12-29"  # a Friday; the Monday before is 2017-12-25
CHRISTMAS_MONDAY = "2017-12-25"
days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2080, 12, 31))
WEEKDAYS = list(vocabulary().weekdays.items())


def make_doc(text: str, published: object, headings: tuple[Span, ...] = ()) -> Doc:
    """A doc as the pipeline hands it over: sentences with tagged and lemmatised tokens."""
    article = Article(
        id="t",
        text=text,
        source_file="test",
        published=published,
        headings=list(headings),  # type: ignore[arg-type]
    )
    doc = Doc(article=article, sentences=split(text))
    morph.annotate(doc)
    return doc


def found(text: str, published: object) -> list[tuple[str, str]]:
    return [(ref.text, ref.value) for ref in resolve(make_doc(text, published))]


# --- the table: sentence x publication date -> (expression, value) ---------------------------

TABLE = [
    # weekdays: the latest such day on or before publication unless told otherwise
    ("Poetin sprak maandag met Assad.", FRIDAY, [("maandag", "2017-12-25")]),
    ("Op vrijdag viel het besluit.", FRIDAY, [("Op vrijdag", "2017-12-29")]),
    ("Afgelopen vrijdag viel het besluit.", FRIDAY, [("Afgelopen vrijdag", "2017-12-22")]),
    ("Vrijdagavond kwam de politie.", FRIDAY, [("Vrijdagavond", "2017-12-29")]),
    ("De brand woedde zaterdagnacht.", FRIDAY, [("zaterdagnacht", "2017-12-23")]),
    ("Zondagochtend werd hij opgepakt.", FRIDAY, [("Zondagochtend", "2017-12-24")]),
    ("Ze spraken zaterdagnamiddag.", FRIDAY, [("zaterdagnamiddag", "2017-12-23")]),
    ("De minister zal dinsdag naar Brussel reizen.", FRIDAY, [("dinsdag", "2018-01-02")]),
    ("Komende dinsdag stemt de Kamer.", FRIDAY, [("Komende dinsdag", "2018-01-02")]),
    ("De top begint maandag a.s. in Gent.", FRIDAY, [("maandag a.s.", "2018-01-01")]),
    (
        "Volgende week maandag beslist de rechter.",
        FRIDAY,
        [("Volgende week maandag", "2018-01-01")],
    ),
    ("Dinsdag vorige week viel het kabinet.", FRIDAY, [("Dinsdag vorige week", "2017-12-19")]),
    (
        "In de nacht van zaterdag op zondag brak brand uit.",
        CHRISTMAS_MONDAY,
        [("In de nacht van zaterdag op zondag", "2017-12-23")],
    ),
    # day words
    ("Vandaag tekent hij het akkoord.", FRIDAY, [("Vandaag", "2017-12-29")]),
    ("De bond staakte gisteren.", FRIDAY, [("gisteren", "2017-12-28")]),
    ("Eergisteren was er een aanslag.", FRIDAY, [("Eergisteren", "2017-12-27")]),
    ("Morgen beslist de regering.", FRIDAY, [("Morgen", "2017-12-30")]),
    ("Overmorgen begint het proces.", FRIDAY, [("Overmorgen", "2017-12-31")]),
    ("Vanochtend landde het toestel.", FRIDAY, [("Vanochtend", "2017-12-29")]),
    ("De ploeg speelt vanavond.", FRIDAY, [("vanavond", "2017-12-29")]),
    ("Vannacht viel de stroom uit.", FRIDAY, [("Vannacht", "2017-12-29")]),
    ("Gisteravond sloeg de bliksem in.", FRIDAY, [("Gisteravond", "2017-12-28")]),
    (
        "Hij viel gisterenavond om 18 uur.",
        FRIDAY,
        [("gisterenavond", "2017-12-28"), ("om 18 uur", "2017-12-28T18:00")],
    ),
    ("De Financiële Morgen schreef het.", FRIDAY, []),
    ("Hij komt elke zaterdag langs.", FRIDAY, []),
    ("Ze finishte in 4u42:32 als eerste.", FRIDAY, []),
    ("Hij volgde op 0:42 van de winnaar.", FRIDAY, []),
    ("Afgelopen nacht werd er geschoten.", FRIDAY, [("Afgelopen nacht", "2017-12-29")]),
    ("Eerder vandaag zei hij nee.", FRIDAY, [("Eerder vandaag", "2017-12-29")]),
    # weeks
    ("Vorige week trad hij af.", FRIDAY, [("Vorige week", "2017-W51")]),
    ("De afgelopen week was rustig.", FRIDAY, [("De afgelopen week", "2017-W51")]),
    ("Deze week vergadert de raad.", FRIDAY, [("Deze week", "2017-W52")]),
    ("Volgende week volgt een besluit.", FRIDAY, [("Volgende week", "2018-W01")]),
    (
        "Het voorbije weekend was er onrust.",
        CHRISTMAS_MONDAY,
        [("Het voorbije weekend", "2017-W51")],
    ),
    ("Midden vorige week sloot de fabriek.", FRIDAY, [("Midden vorige week", "2017-W51")]),
    ("In week 51 daalde de werkloosheid.", FRIDAY, [("In week 51", "2017-W51")]),
    # months
    ("Vorige maand stegen de prijzen.", FRIDAY, [("Vorige maand", "2017-11")]),
    ("Vorige maand stegen de prijzen.", "2018-01-03", [("Vorige maand", "2017-12")]),
    ("Hij werd eerder deze maand gekozen.", FRIDAY, [("eerder deze maand", "2017-12")]),
    ("Volgende maand start de bouw.", FRIDAY, [("Volgende maand", "2018-01")]),
    ("In december werd hij benoemd.", "2018-02-10", [("In december", "2017-12")]),
    ("Half december viel sneeuw.", FRIDAY, [("Half december", "2017-12")]),
    ("Begin januari komt de wet.", FRIDAY, [("Begin januari", "2018-01")]),
    ("Eind maart 2005 trad hij aan.", "2019-03", [("Eind maart 2005", "2005-03")]),
    ("Hij vertrok in oktober vorig jaar.", "2018-06", [("in oktober vorig jaar", "2017-10")]),
    ("In maart van dit jaar viel hij.", "2021-05", [("In maart van dit jaar", "2021-03")]),
    ("Sinds december 2018 zit hij vast.", "2020-09", [("Sinds december 2018", "2018-12")]),
    ("Het bedrijf ging in dec. 2016 failliet.", FRIDAY, [("in dec. 2016", "2016-12")]),
    # years, seasons, decades
    ("Vorig jaar vielen er doden.", FRIDAY, [("Vorig jaar", "2016")]),
    ("Verleden jaar vielen er doden.", FRIDAY, [("Verleden jaar", "2016")]),
    ("Dit jaar vielen er minder doden.", FRIDAY, [("Dit jaar", "2017")]),
    ("Volgend jaar komen er verkiezingen.", FRIDAY, [("Volgend jaar", "2018")]),
    ("Het afgelopen jaar was zwaar.", FRIDAY, [("Het afgelopen jaar", "2017")]),
    ("Het afgelopen jaar was zwaar.", "2018-01-05", [("Het afgelopen jaar", "2017")]),
    ("Hij wenst iedereen geluk in het nieuwe jaar.", FRIDAY, [("in het nieuwe jaar", "2018")]),
    ("Eind vorig jaar viel het kabinet.", FRIDAY, [("Eind vorig jaar", "2016")]),
    ("In 2015 kwamen veel vluchtelingen.", FRIDAY, [("In 2015", "2015")]),
    ("Hij is sinds 2014 minister.", FRIDAY, [("sinds 2014", "2014")]),
    ("Medio 2018 opent de brug.", FRIDAY, [("Medio 2018", "2018")]),
    ("Begin 2018 volgt een nieuw plan.", "2024-02", [("Begin 2018", "2018")]),
    ("In het voorjaar van 2016 begon de bouw.", FRIDAY, [("In het voorjaar van 2016", "2016")]),
    ("Vorige zomer was het droog.", FRIDAY, [("Vorige zomer", "2017")]),
    ("Vorige zomer was het droog.", "2018-07-20", [("Vorige zomer", "2017")]),
    ("Komende winter wordt het koud.", FRIDAY, [("Komende winter", "2019")]),
    ("Deze winter wordt het koud.", FRIDAY, [("Deze winter", "2018")]),
    ("In de jaren negentig woedde de oorlog.", FRIDAY, [("In de jaren negentig", "199")]),
    ("Begin jaren '80 was dat anders.", FRIDAY, [("Begin jaren '80", "198")]),
    ("In de negentiende eeuw groeide de stad.", FRIDAY, [("In de negentiende eeuw", "18")]),
    ("Sinds de vorige eeuw groeit de stad.", FRIDAY, [("Sinds de vorige eeuw", "19")]),
    # full dates
    ("Op 11 december 2017 sloot de mijn.", FRIDAY, [("Op 11 december 2017", "2017-12-11")]),
    ("Op 11 december sloot de mijn.", FRIDAY, [("Op 11 december", "2017-12-11")]),
    ("Op 28 december sloot de mijn.", "2018-01-03", [("Op 28 december", "2017-12-28")]),
    ("Op 3 januari sluit de mijn.", FRIDAY, [("Op 3 januari", "2018-01-03")]),
    (
        "Maandag 11 december 2017 sloot de mijn.",
        FRIDAY,
        [("Maandag 11 december 2017", "2017-12-11")],
    ),
    ("De brief is gedateerd 11/12/2017.", FRIDAY, [("11/12/2017", "2017-12-11")]),
    ("De brief is gedateerd 11-12-17.", FRIDAY, [("11-12-17", "2017-12-11")]),
    ("Het rapport van 2017-12-11 ligt er.", FRIDAY, [("van 2017-12-11", "2017-12-11")]),
    (
        "Hij stierf op 11 december vorig jaar.",
        FRIDAY,
        [("op 11 december vorig jaar", "2016-12-11")],
    ),
    # ago
    ("Twee dagen geleden begon de staking.", FRIDAY, [("Twee dagen geleden", "2017-12-27")]),
    ("Drie weken geleden begon de staking.", FRIDAY, [("Drie weken geleden", "2017-W49")]),
    ("Bijna een maand geleden viel hij.", FRIDAY, [("Bijna een maand geleden", "2017-11")]),
    ("Twaalf jaar geleden was dat anders.", "2023-10", [("Twaalf jaar geleden", "2011")]),
    ("Ruim veertien jaar terug gebeurde het.", "2019-03", [("Ruim veertien jaar terug", "2005")]),
    ("Anderhalf jaar geleden viel hij.", FRIDAY, [("Anderhalf jaar geleden", "2016-06")]),
    # holidays
    ("Met Kerstmis was hij thuis.", FRIDAY, [("Kerstmis", "2017-12-25")]),
    ("Met Nieuwjaar gaat de wet in.", FRIDAY, [("Nieuwjaar", "2018-01-01")]),
    ("Voor Pasen komt er een akkoord.", "2018-03-20", [("Voor Pasen", "2018-04-01")]),
    ("Met Pinksteren 2016 regende het.", FRIDAY, [("Pinksteren 2016", "2016-05-15")]),
    ("Op Prinsjesdag kwam de begroting.", "2017-10-01", [("Op Prinsjesdag", "2017-09-19")]),
    # clock times
    ("De trein vertrok om 14.30 uur.", FRIDAY, [("om 14.30 uur", "2017-12-29T14:30")]),
    (
        "Maandag om 10 uur begon het proces.",
        FRIDAY,
        [("Maandag", "2017-12-25"), ("om 10 uur", "2017-12-25T10:00")],
    ),
    (
        "Maandag om 10 uur begint het proces.",
        FRIDAY,
        [("Maandag", "2018-01-01"), ("om 10 uur", "2018-01-01T10:00")],
    ),
    ("Bijgewerkt 10u53", FRIDAY, [("10u53", "2017-12-29T10:53")]),
    (
        "Om 8 uur 's avonds viel de stroom uit.",
        FRIDAY,
        [("Om 8 uur 's avonds", "2017-12-29T20:00")],
    ),
    ("Ze staken om 17 maart het werk neer.", "2025-02", [("17 maart", "2025-03-17")]),
    ("Zo was 2019 voor de ploeg een slecht jaar.", FRIDAY, [("2019", "2019")]),
    ("De stad (gesticht in 1650) groeide.", FRIDAY, [("in 1650", "1650")]),
    # several in one sentence
    (
        "Gisteren zei hij dat vorig jaar en in 2015 meer mensen kwamen.",
        FRIDAY,
        [("Gisteren", "2017-12-28"), ("vorig jaar", "2016"), ("in 2015", "2015")],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), TABLE)
def test_table(text: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, published) == expected


# the publication date's precision limits relative values, not absolute ones
PRECISION_TABLE = [
    ("Poetin sprak maandag met Assad.", "2017-12", [("maandag", "2017-12")]),
    ("De bond staakte gisteren.", "2017-12", [("gisteren", "2017-12")]),
    ("Vorige week trad hij af.", "2017-12", [("Vorige week", "2017-12")]),
    ("Vorige maand stegen de prijzen.", "2017-12", [("Vorige maand", "2017-11")]),
    ("Vorig jaar vielen er doden.", "2017-12", [("Vorig jaar", "2016")]),
    ("Op 11 december sloot de mijn.", "2017-12", [("Op 11 december", "2017-12-11")]),
    ("Vorige maand stegen de prijzen.", "2017", [("Vorige maand", "2017")]),
    ("Vorig jaar vielen er doden.", "2017", [("Vorig jaar", "2016")]),
    ("In maart viel hij.", "2017", [("In maart", "2017-03")]),
    ("De trein vertrok om 14.30 uur.", "2017-12", [("om 14.30 uur", "2017-12")]),
    ("De bond staakte gisteren.", dt.datetime(2017, 12, 29, 10, 53), [("gisteren", "2017-12-28")]),
    ("De bond staakte gisteren.", dt.date(2017, 12, 29), [("gisteren", "2017-12-28")]),
    ("De bond staakte gisteren.", "2017-12-29T10:53:00+01:00", [("gisteren", "2017-12-28")]),
    # without a publication date only absolute expressions resolve
    ("Poetin sprak maandag met Assad.", None, []),
    ("Op 11 december sloot de mijn.", None, []),
    ("In 2015 kwamen veel vluchtelingen.", None, [("In 2015", "2015")]),
    ("Op 11 december 2017 sloot de mijn.", None, [("Op 11 december 2017", "2017-12-11")]),
    ("Vorig jaar vielen er doden.", "onbekend", []),
]


@pytest.mark.parametrize(("text", "published", "expected"), PRECISION_TABLE)
def test_precision_follows_publication_date(
    text: str, published: object, expected: list[tuple[str, str]]
) -> None:
    assert found(text, published) == expected


NOT_TIMES = [
    "Hij zat zes jaar in de cel.",
    "De operatie duurde 21 uur.",
    "Er kwamen 2015 mensen op af.",
    "Jan Peeters sprak met de pers.",
    "Hij zegt elke dag goede morgen.",
    "Ze werkt 's morgens in de winkel.",
    "De prijs steeg met 3.50 euro.",
    "In de zomer is het warm.",
    "Het begin van de oorlog was bloedig.",
    "De afgelopen weken waren zwaar.",
    "Hij rijdt half twee naar huis.",
    "Het gebouw telt 1.500 kamers en kost 2.000.000 euro.",
    "Zijn nummer is 2019-2020 geldig.",
]


@pytest.mark.parametrize("text", NOT_TIMES)
def test_not_time_expressions(text: str) -> None:
    assert found(text, FRIDAY) == []


def test_calendar_edges_do_not_crash() -> None:
    assert found("Dat gebeurde 9999 jaar geleden.", "2017-12-29") == []
    assert found("Dat gebeurde 99999999999 dagen geleden.", "2017-12-29") == []
    assert found("Dat gebeurde gisteren.", "0001-01-01") == []  # year out of range: unknown
    assert found("Dat gebeurde gisteren.", "1000-01-01") == [("gisteren", "0999-12-31")]


def test_sentence_boundaries_come_from_the_doc() -> None:
    text = "Hij kwam maandag. Zij zal dinsdag komen."
    refs = found(text, FRIDAY)
    # the future tense of the second sentence does not turn the first weekday forward
    assert refs == [("maandag", "2017-12-25"), ("dinsdag", "2018-01-02")]


# --- which way a bare weekday points: the tense of its clause ------------------------------

LEAD = "Het kabinet vergaderde lang. "  # a first body sentence, so that the next one is body text

TENSE_TABLE = [
    # the present tense in the body: a scheduled event, the next such day
    ("De Veiligheidsraad komt donderdag bijeen.", "2018-01-04"),
    ("De ministers vergaderen maandag opnieuw.", "2018-01-01"),
    ("De rechter doet donderdag uitspraak.", "2018-01-04"),
    ("De top wordt dinsdag in Brussel gehouden.", "2018-01-02"),
    ("Vanaf maandag geldt een nieuwe regel.", "2018-01-01"),
    ("De staking duurt tot zondag.", "2017-12-31"),
    ("De premier zei dat de Kamer woensdag stemt.", "2018-01-03"),
    ("De school is vrijdag gesloten.", "2017-12-29"),  # the publication day stays today
    ("De bond staakt vrijdag opnieuw.", "2017-12-29"),
    # the past tense and the perfect: the day before
    ("De Veiligheidsraad kwam donderdag bijeen.", "2017-12-28"),
    ("De ministers vergaderden maandag opnieuw.", "2017-12-25"),
    ("Het kabinet heeft donderdag besloten de steun te verlengen.", "2017-12-28"),
    ("De vakbonden hebben woensdag een akkoord bereikt.", "2017-12-27"),
    ("Een man is zaterdag, kort nadat hij thuiskwam, overleden.", "2017-12-23"),
    ("De man die zaterdag werd opgepakt, zit nog vast.", "2017-12-23"),
    ("De bouwvakkers stonden dinsdag al voor de deur.", "2017-12-26"),
    ("De regering werd maandag verrast door de uitslag.", "2017-12-25"),
    ("Hij zei maandag dat hij zal aftreden.", "2017-12-25"),  # "zal" is in another clause
    # the present tense that reports or names a day: the day before
    ("Dat meldt de politie woensdag.", "2017-12-27"),
    ("Dat laat de minister dinsdag weten.", "2017-12-26"),
    ("De beurs sluit hoger dan de slotkoers van dinsdag.", "2017-12-26"),
    ("Sinds maandag geldt een avondklok.", "2017-12-25"),
    # the future tense
    ("De minister zal dinsdag naar Brussel reizen.", "2018-01-02"),
]


@pytest.mark.parametrize(("sentence", "value"), TENSE_TABLE)
def test_weekday_follows_the_tense_of_its_clause(sentence: str, value: str) -> None:
    refs = found(LEAD + sentence, FRIDAY)
    weekdays = [found_value for text, found_value in refs if "dag" in text.lower()]
    assert weekdays == [value]


# a heading tells a past event in the present tense; so may the lead, unless a word looks ahead
HEADING_AND_LEAD = [
    ("Brand verwoest zaterdag boerderij\n\nDe boerderij brandde af.", (0, 33), "2017-12-23"),
    (
        "Kabinet komt maandag bijeen\n\nDe ministers praten over de begroting.",
        (0, 27),
        "2017-12-25",
    ),
    ("Een man raakt zaterdag gewond bij een steekpartij.", None, "2017-12-23"),
    ("De ministers vergaderen maandag opnieuw over de begroting.", None, "2018-01-01"),
    ("De rechter moet woensdag beslissen over de zaak.", None, "2018-01-03"),
    ("De vakbonden staken woensdag in het hele land.", None, "2018-01-03"),
]


@pytest.mark.parametrize(("text", "heading", "value"), HEADING_AND_LEAD)
def test_heading_and_lead_keep_the_past_reading(
    text: str, heading: Span | None, value: str
) -> None:
    doc = make_doc(text, FRIDAY, (heading,) if heading else ())
    assert [ref.value for ref in resolve(doc)][:1] == [value]


def test_without_tagged_tokens_only_the_future_tense_looks_ahead() -> None:
    assert only_value("De Veiligheidsraad komt donderdag bijeen.", FRIDAY) == "2017-12-28"
    assert only_value("De minister zal dinsdag naar Brussel reizen.", FRIDAY) == "2018-01-02"


@given(days, st.sampled_from(WEEKDAYS), st.sampled_from(["", "op "]))
def test_present_weekday_in_the_body_lies_in_the_week_after(
    published: dt.date, weekday: tuple[str, int], prefix: str
) -> None:
    name, number = weekday
    refs = resolve(make_doc(f"{LEAD}De raad kiest {prefix}{name} een nieuwe leider.", published))
    value = dt.date.fromisoformat(refs[0].value)
    assert value.weekday() == number
    assert 0 <= (value - published).days <= 6


# --- "over twee weken": only where "over" cannot mean "about" ------------------------------

OVER_TABLE = [
    ("Over twee weken beslist de rechter.", [("Over twee weken", "2018-W02")]),
    ("De ministers vergaderen over twee weken opnieuw.", [("over twee weken", "2018-W02")]),
    ("De bouw begint over ruim drie jaar.", [("over ruim drie jaar", "2020")]),
    ("Het kabinet neemt over een maand een besluit.", [("over een maand", "2018-01")]),
    ("Hij verwacht dat de fabriek over drie dagen sluit.", [("over drie dagen", "2018-01-01")]),
    ("De brug is over anderhalf jaar klaar.", [("over anderhalf jaar", "2019-06")]),
    ("Over 10 dagen vertrekt de missie.", [("Over 10 dagen", "2018-01-08")]),
    # "about": the amount is the object of a noun, a verb or an adjective, or has its own noun
    ("Ze praten over twee weken vakantie.", []),
    ("Ze praten over twee weken.", []),
    ("Het boek gaat over twee jaar oorlog in Syrië.", []),
    ("Hij schreef een boek over drie jaar in de cel.", []),
    ("Het boek over twee jaar verschijnt morgen.", [("morgen", "2017-12-30")]),
    ("Hij hoopt dat het boek over twee jaar oorlog verschijnt.", []),
    ("De discussie over twee jaar bezuinigingen duurt voort.", []),
    ("De leerlingen zijn bezorgd over drie maanden zonder les.", []),
    ("Hij vertelt over twee jaar van oorlog.", []),
    ("Het gaat over twee weken die hij in de cel zat.", []),
    ("De lessen zijn verdeeld over twee weken.", []),
    ("De uitzending wordt gespreid over twee dagen.", []),
    # in the past tense the amount counts from another moment than publication
    ("Hij zei dat hij over drie dagen zou terugkomen.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), OVER_TABLE)
def test_over_an_amount_is_ahead_only_when_unambiguous(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert found(LEAD + sentence, FRIDAY) == expected


def test_over_an_amount_needs_tagged_tokens() -> None:
    assert resolve_text("Over twee weken beslist de rechter.", FRIDAY) == []


@given(days, st.integers(min_value=1, max_value=20))
def test_days_ahead(published: dt.date, count: int) -> None:
    refs = resolve(make_doc(f"Over {count} dagen beslist de rechter.", published.isoformat()))
    assert [ref.value for ref in refs] == [(published + dt.timedelta(days=count)).isoformat()]


def test_resolve_text_without_sentences() -> None:
    refs = resolve_text("Gisteren regende het.\nVorige week niet.", "2017-12-29")
    assert [(ref.text, ref.value) for ref in refs] == [
        ("Gisteren", "2017-12-28"),
        ("Vorige week", "2017-W51"),
    ]


def test_offsets_point_into_the_text() -> None:
    text = "Kort nieuws.\n\nDe top eindigde vorige week. Op 11 december  2017 sprak hij."
    refs = resolve(make_doc(text, FRIDAY))
    assert [ref.text for ref in refs] == ["vorige week", "Op 11 december  2017"]
    for ref in refs:
        assert text[ref.start : ref.end] == ref.text


# --- helpers --------------------------------------------------------------------------------


def test_anchor_precisions() -> None:
    assert parse_anchor("2017") is not None and parse_anchor("2017").precision == Precision.YEAR  # type: ignore[union-attr]
    assert parse_anchor("2017-12").precision == Precision.MONTH  # type: ignore[union-attr]
    assert parse_anchor("2017-12-29").precision == Precision.DAY  # type: ignore[union-attr]
    assert parse_anchor("2017-13-01") is None
    assert parse_anchor("") is None
    assert parse_anchor(20171229) is None


def test_render_cuts_relative_values_only() -> None:
    month_anchor = parse_anchor("2017-12")
    day = dt.date(2017, 12, 11)
    assert render(When(day, Precision.DAY), month_anchor) == "2017-12"
    assert render(When(day, Precision.DAY, relative=False), month_anchor) == "2017-12-11"
    assert render(When(day, Precision.WEEK), None) == "2017-W50"
    assert render(When(dt.date(1990, 1, 1), Precision.DECADE, relative=False), None) == "199"


def test_month_vocabulary_agrees_with_dateparser() -> None:
    """Our Dutch month words and abbreviations read the same as dateparser's Dutch locale."""
    v = vocabulary()
    for word, number in v.months.items():
        parsed = dateparser.parse(f"3 {word} 2017", languages=["nl"])
        assert parsed is not None and parsed.month == number, word
    known = 0
    for word, number in v.month_abbreviations.items():
        parsed = dateparser.parse(f"3 {word}. 2017", languages=["nl"])
        if parsed is not None:  # dateparser lacks a few variants such as "febr."
            assert parsed.month == number, word
            known += 1
    assert known >= len(v.month_abbreviations) - 3


# --- properties over many publication dates -------------------------------------------------


def only_value(text: str, published: object) -> str:
    refs = resolve_text(text, published)
    assert len(refs) == 1, refs
    return refs[0].value


@given(days)
def test_day_words_are_fixed_offsets(published: dt.date) -> None:
    for word, offset in vocabulary().relative_days.items():
        value = only_value(f"Het gebeurde {word} in de stad.", published.isoformat())
        assert value == (published + dt.timedelta(days=offset)).isoformat()


@given(days, st.sampled_from(WEEKDAYS), st.sampled_from(["", "op ", "afgelopen "]))
def test_weekday_lies_in_the_week_before(
    published: dt.date, weekday: tuple[str, int], prefix: str
) -> None:
    name, number = weekday
    value = dt.date.fromisoformat(only_value(f"De raad koos {prefix}{name} een leider.", published))
    assert value.weekday() == number
    earliest = 1 if prefix == "afgelopen " else 0
    assert earliest <= (published - value).days <= 6 + earliest


@given(days, st.sampled_from(WEEKDAYS))
def test_coming_weekday_lies_in_the_week_after(
    published: dt.date, weekday: tuple[str, int]
) -> None:
    name, number = weekday
    value = dt.date.fromisoformat(
        only_value(f"De raad kiest komende {name} een leider.", published)
    )
    assert value.weekday() == number
    assert 1 <= (value - published).days <= 7


@given(days, st.sampled_from(WEEKDAYS))
def test_weekday_with_month_precision_gives_the_month(
    published: dt.date, weekday: tuple[str, int]
) -> None:
    month = published.isoformat()[:7]
    assert only_value(f"Hij sprak {weekday[0]} met de pers.", month) == month


@given(days)
def test_months_and_years_across_boundaries(published: dt.date) -> None:
    iso = published.isoformat()
    previous, following = add_months(published, -1), add_months(published, 1)
    assert only_value("Dat was vorige maand.", iso) == f"{previous.year:04d}-{previous.month:02d}"
    assert (
        only_value("Dat is volgende maand.", iso) == f"{following.year:04d}-{following.month:02d}"
    )
    assert only_value("Dat was vorig jaar.", iso) == str(published.year - 1)
    assert only_value("Dat is volgend jaar.", iso) == str(published.year + 1)
    assert (
        only_value("Dat was vorige maand.", iso[:7]) == f"{previous.year:04d}-{previous.month:02d}"
    )


@given(days)
def test_weeks_are_iso_weeks(published: dt.date) -> None:
    last = (published - dt.timedelta(weeks=1)).isocalendar()
    this = published.isocalendar()
    assert only_value("Dat was vorige week.", published) == f"{last.year}-W{last.week:02d}"
    assert only_value("Dat is deze week.", published) == f"{this.year}-W{this.week:02d}"


@given(days, st.integers(min_value=1, max_value=28), st.sampled_from(list(vocabulary().months)))
def test_day_and_month_take_the_nearest_year(published: dt.date, day: int, month: str) -> None:
    value = dt.date.fromisoformat(only_value(f"Hij stierf op {day} {month} in Gent.", published))
    assert (value.day, value.month) == (day, vocabulary().months[month])
    assert abs((value - published).days) <= 184


@given(days, st.integers(min_value=1, max_value=20))
def test_days_ago(published: dt.date, count: int) -> None:
    value = only_value(f"Hij stierf {count} dagen geleden.", published.isoformat())
    assert value == (published - dt.timedelta(days=count)).isoformat()


EXPRESSIONS = [
    "maandag", "gisteren", "vorige week", "eerder deze maand", "vorig jaar", "op 11 december",
    "in 2015", "drie weken geleden", "de jaren negentig", "om 14.30 uur", "Kerstmis",
    "zaterdagnacht", "11/12/2017", "volgende maand", "in het voorjaar van 2016",
]  # fmt: skip
PUBLISHED = st.one_of(
    st.none(),
    days,
    days.map(lambda day: day.isoformat()),
    days.map(lambda day: day.isoformat()[:7]),
    days.map(lambda day: day.isoformat()[:4]),
    st.text(max_size=12),
)


@settings(max_examples=200)
@given(st.text(max_size=300), PUBLISHED)
def test_never_crashes_and_offsets_are_exact(text: str, published: object) -> None:
    refs = resolve(make_doc(text, published))
    for ref in refs:
        assert isinstance(ref, TimeRef)
        assert 0 <= ref.start < ref.end <= len(text)
        assert text[ref.start : ref.end] == ref.text


def bare(expression: str) -> str:
    """The expression without a leading preposition or article."""
    words = expression.lower().split()
    return " ".join(words[1:] if words[0] in {"op", "in", "de", "het"} else words)


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(st.sampled_from(EXPRESSIONS), st.sampled_from(["", "De", "zei", "Hij  kwam"])),
        min_size=1,
        max_size=6,
    ),
    days,
)
def test_known_expressions_are_found_in_any_mix(
    parts: list[tuple[str, str]], published: dt.date
) -> None:
    text = " ".join(f"{filler} {expression}." for expression, filler in parts)
    refs = resolve(make_doc(text, published.isoformat()))
    assert [bare(ref.text) for ref in refs] == [bare(expression) for expression, _ in parts]
    for ref in refs:
        assert text[ref.start : ref.end] == ref.text


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a month-precise publication date cannot place "zondag"; the range's start can
        ("Er wordt gestaakt van 21 februari tot en met zondag.", "2025-02",
         [("van 21 februari", "2025-02-21"), ("tot en met zondag", "2025-02-23")]),
        ("De tentoonstelling loopt van vrijdag 3 maart t/m woensdag.", "2023-02-20",
         [("van vrijdag 3 maart", "2023-03-03"), ("t/m woensdag", "2023-03-08")]),
        # a range from a Sunday to a Sunday is a week
        ("Het festival duurt van zondag 5 mei tot zondag.", "2024-04",
         [("van zondag 5 mei", "2024-05-05"), ("tot zondag", "2024-05-12")]),
    ],
)  # fmt: skip
def test_a_weekday_closing_a_range_counts_from_the_range_start(
    text: str, published: str, expected: list[tuple[str, str]]
) -> None:
    refs = resolve(make_doc(text, published))
    assert [(ref.text, ref.value) for ref in refs] == expected


def test_a_weekday_after_a_day_with_other_words_between_is_no_range_end() -> None:
    text = "Op 3 maart begon de staking, die duurt tot zondag."
    refs = resolve(make_doc(text, "2025-03-05"))
    assert [(ref.text, ref.value) for ref in refs] == [("Op 3 maart", "2025-03-03"),
                                                       ("tot zondag", "2025-03-09")]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sinds het begin van het jaar vielen er tien doden.",
         [("Sinds het begin van het jaar", "2024")]),
        ("Tegen het einde van het jaar moet de wet klaar zijn.",
         [("Tegen het einde van het jaar", "2024")]),
        ("Halverwege het jaar volgt een evaluatie.", [("Halverwege het jaar", "2024")]),
        # another year: a relative clause, "daarop", a year number
        ("Aan het eind van het jaar waarin hij stierf, verscheen het boek.", []),
        ("Het begin van het jaar daarop was rustig.", []),
        ("Het jaar verliep rustig.", []),
    ],
)  # fmt: skip
def test_the_year_after_a_period_part_is_the_publication_year(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(text, "2024-05-15") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Om kwart over acht vertrok de trein.", [("Om kwart over acht", "2024-05-15T08:15")]),
        ("Rond half zes 's ochtends was er een akkoord.",
         [("Rond half zes 's ochtends", "2024-05-15T05:30")]),
        ("Zaterdag om tien uur 's avonds begon het vuurwerk.",
         [("Zaterdag", "2024-05-11"), ("om tien uur 's avonds", "2024-05-11T22:00")]),
        ("De winkels gingen om twaalf uur dicht.", [("om twaalf uur", "2024-05-15T12:00")]),
        ("Om tien voor half negen begon de zitting.",
         [("Om tien voor half negen", "2024-05-15T08:20")]),
        # durations and amounts, not clock times
        ("Na acht uur onderhandelen was er een akkoord.", []),
        ("Hij werkte twaalf uur per dag.", []),
    ],
)  # fmt: skip
def test_clock_times_in_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "2024-05-15") == expected


def test_clock_time_in_words_with_a_month_precise_date_gives_the_month() -> None:
    assert found("Rond half zes 's ochtends was er een akkoord.", "2024-05") == [
        ("Rond half zes 's ochtends", "2024-05")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Van 1 tot 5 juni is de weg dicht.", [("Van 1", "2024-06-01"), ("tot 5 juni", "2024-06-05")]),
        ("Op 3 en 4 mei werd er herdacht.", [("Op 3", "2024-05-03"), ("4 mei", "2024-05-04")]),
        ("De top is op 20 en 21 juni 2025.", [("op 20", "2025-06-20"), ("21 juni 2025", "2025-06-21")]),
        ("Er vielen 3 en 4 doden in mei.", [("in mei", "2024-05")]),
    ],
)  # fmt: skip
def test_a_day_before_a_second_date_takes_its_month(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(text, "2024-05-15") == expected

"""A small Dutch corpus written for the search tests, with analysis rows for field queries."""

from __future__ import annotations

from typing import Any

from kroniek.models import Article
from kroniek.store import ANALYSED, Batch, NewArticle, Store


def _entity(entity_id: str, name: str, code: str | None, kind: str = "PER") -> dict[str, Any]:
    return {"id": entity_id, "name": name, "type": kind, "code": code, "mentions": [[0, 1]]}


def _event(plover: str, source: str, target: str) -> dict[str, Any]:
    return {
        "source": {"code": source}, "target": {"code": target}, "plover": plover,
        "cameo": "190", "quad_class": 4, "goldstein": -10.0, "trigger": {"text": "valt aan"},
        "sentence": 0,
    }  # fmt: skip


def _place(place_id: str, name: str) -> dict[str, Any]:
    return {"id": place_id, "name": name, "country": None, "mentions": [[0, 1]]}


def _quote(name: str, code: str | None) -> dict[str, Any]:
    return {"speaker": {"name": name, "code": code, "entity": None}, "kind": "direct",
            "text": "We gaan door", "start": 0, "end": 12}  # fmt: skip


ARTICLES: list[dict[str, Any]] = [
    {"id": "a01", "title": "Rusland valt Oekraïense stad aan", "outlet": "nos.nl",
     "published": "2022-03-01", "byline": "Sanne de Vries", "agencies": ["ANP"],
     "text": "Russische troepen hebben maandag de stad Charkiv aangevallen. De aanvallen duurden "
             "de hele nacht. President Zelensky veroordeelt de aanval.",
     "record": {"entities": [_entity("rusland", "Rusland", "RUS", "LOC"),
                             _entity("zelensky", "Volodymyr Zelensky", "UKRGOV")],
                "events": [_event("ASSAULT", "RUS", "UKR")],
                "places": [_place("charkiv", "Charkiv")]}},
    {"id": "a02", "title": "Israël en Hamas bespreken bestand", "outlet": "standaard.be",
     "published": "2023-11-14", "agencies": ["Belga", "Reuters"],
     "text": "Onderhandelaars van Israël en Hamas spraken dinsdag in Caïro over een bestand. "
             "Egypte bemiddelt in de gesprekken.",
     "record": {"entities": [_entity("israel", "Israël", "ISR", "LOC")],
                "events": [_event("CONSULT", "ISR", "PSE")],
                "places": [_place("cairo", "Caïro")]}},
    {"id": "a03", "title": "Israel sluit grens", "outlet": "nrc.nl", "published": "2023-10",
     "text": "Israel heeft de grensovergang gesloten na een aanval op een controlepost."},
    {"id": "a04", "title": "Gemeenteraad Gent keurt begroting goed", "outlet": "hln.be",
     "published": "2017-12-05", "byline": "Koen Peeters",
     "text": "De gemeenteraad van Gent heeft de begroting voor volgend jaar goedgekeurd. "
             "De oppositie stemde tegen."},
    {"id": "a05", "title": "Boeren protesteren in Den Haag", "outlet": "nos.nl",
     "published": "2019-10-01",
     "text": "Duizenden boeren protesteerden woensdag op het Malieveld in Den Haag tegen het "
             "stikstofbeleid.",
     "record": {"events": [_event("PROTEST", "NLDAGR", "NLDGOV")],
                "places": [_place("den-haag", "Den Haag")]}},
    {"id": "a06", "title": "Twintig dieren zoeken een thuis", "outlet": "ad.nl",
     "published": "2018-01-31",
     "text": "In het asiel wachten twintig katten op een nieuw baasje. Een kattenbak is "
             "inbegrepen."},
    {"id": "a07", "title": "Brief aan de redactie", "outlet": "ad.nl", "published": "2018-02",
     "text": "Een lezer stuurde <script>alert('x')</script> naar de redactie over de aanval & "
             "de gevolgen."},
    {"id": "a08", "title": "Rutte reageert op kritiek", "outlet": "telegraaf.nl",
     "published": "2017-12-20",
     "text": "Premier Rutte zei donderdag dat hij de kritiek begrijpt. \"We gaan door\", zei Rutte.",
     "record": {"entities": [_entity("mark-rutte", "Mark Rutte", "NLDGOV")],
                "quotes": [_quote("Mark Rutte", "NLDGOV")]}},
    {"id": "a09", "title": "Poetin ontmoet Xi in Moskou", "outlet": "vrt.be",
     "published": "2023-03-21",
     "text": "Poetin en Xi Jinping ontmoetten elkaar in Moskou. Ze spraken over handel en energie.",
     "record": {"entities": [_entity("poetin", "Vladimir Poetin", "RUSGOV"),
                             _entity("xi", "Xi Jinping", "CHNGOV")],
                "events": [_event("CONSULT", "RUSGOV", "CHNGOV")],
                "places": [_place("moskou", "Moskou")]}},
    {"id": "a10", "title": None, "outlet": "nieuwsblad.be", "published": None,
     "text": "Een storm trok over Vlaanderen. Bomen vielen om in Antwerpen."},
    {"id": "a11", "title": "Aanval na aanval", "outlet": "nos.nl", "published": "2022-03-02",
     "text": "Aanval na aanval: het leger meldt opnieuw een aanval op de haven."},
    {"id": "a12", "title": "Stakingsdag legt treinverkeer stil", "outlet": "demorgen.be",
     "published": "2017-12-12", "byline": "Élise Janssens", "agencies": ["Belga"],
     "text": "Het treinverkeer ligt dinsdag stil door een nationale staking van de vakbonden."},
    {"id": "a13", "title": "Café in Brussel dicht", "outlet": "bruzz.be",
     "published": "2021-06-30",
     "text": "Het café op de Grote Markt in Brussel moet sluiten na klachten over lawaai."},
]  # fmt: skip


def load(store: Store) -> None:
    """Write the corpus (and its analysis rows) into ``store`` in one batch."""
    batch = Batch()
    for line, spec in enumerate(ARTICLES):
        fields = {k: v for k, v in spec.items() if k != "record"}
        article = Article(source_file="corpus.jsonl", line=line, language="nl", **fields)
        record = spec.get("record")
        full = None if record is None else {"entities": [], "events": [], "quotes": [],
                                            "places": [], "groups": [], **record}  # fmt: skip
        batch.articles.append(NewArticle(article, ANALYSED, full))
    store.write_batch(batch)

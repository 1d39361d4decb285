"""Dutch articles written for the API and web tests, with hand-made analysis records.

The records are built here (not by the NLP stages) so the tests check the API and the pages, not
the quality of the analysis. Offsets are found in the text, so they are always right.
"""

from __future__ import annotations

from typing import Any

from kroniek.models import Article
from kroniek.store import ANALYSED, PENDING, Batch, NewArticle, Store, schema

PUTIN, ZELENSKY = "kroniek:vladimir-putin", "kroniek:volodymyr-zelensky"
STORY = "story:testcluster00001"
XSS_ID = "x55" + "0" * 36 + "4"

# The payload sets window.__pwned / document.title if any of it ever runs.
XSS_TEXT = (
    "Een lezer schreef <script>window.__pwned = 1; document.title = 'pwned';</script> aan de "
    'redactie. Poetin <img src=x onerror="window.__pwned = 2"> veroordeelt de brief. '
    'Zie ook <a href="javascript:window.__pwned=3">deze link</a> en '
    '<svg onload="window.__pwned = 4"></svg> einde.'
)


def span(text: str, part: str, nth: int = 0) -> dict[str, Any]:
    """``{"text", "start", "end"}`` of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return {"text": part, "start": start, "end": start + len(part)}


def entity(
    text: str, entity_id: str, name: str, kind: str, code: str, *mentions: str
) -> dict[str, Any]:
    return {"id": entity_id, "name": name, "type": kind, "country": code[:3], "role": code[3:] or None,
            "code": code, "mentions": [span(text, m) for m in mentions]}  # fmt: skip


def event(text: str, trigger: str, plover: str, cameo: str, quad: int, goldstein: float,
          source: tuple[str | None, str], target: tuple[str | None, str] | None,
          date: str | None = None, location: str | None = None) -> dict[str, Any]:  # fmt: skip
    return {
        "source": {"entity": source[0], "code": source[1]},
        "target": None if target is None else {"entity": target[0], "code": target[1]},
        "plover": plover, "cameo": cameo, "quad_class": quad, "goldstein": goldstein,
        "trigger": span(text, trigger), "sentence": 0, "negated": False,
        "modality": "asserted", "reported_by": None, "location": location, "date": date,
        "rule": f"test:{plover.lower()}",
    }  # fmt: skip


def place(
    text: str, place_id: str, name: str, country: str, lat: float, lon: float
) -> dict[str, Any]:
    return {"id": place_id, "name": name, "country": country, "lat": lat, "lon": lon,
            "mentions": [span(text, name)]}  # fmt: skip


def _record(article_id: str, text: str, **parts: Any) -> dict[str, Any]:
    return {"schema": "kroniek.analysis/1", "id": article_id, "text": text, "entities": [],
            "events": [], "quotes": [], "places": [], "times": [], "story": None, **parts}  # fmt: skip


TEXT_ATTACK = (
    "Russische troepen van Poetin hebben maandag de havenstad Odesa beschoten. President "
    'Zelensky veroordeelt de aanval. "Dit is terreur tegen burgers", zei Zelensky in Kyiv.'
)
TEXT_TALKS = (
    "President Zelensky eist van Poetin een onmiddellijk staakt-het-vuren. Poetin belooft "
    "overleg met Zelensky in Istanboel."
)
TEXT_THREAT = "Poetin dreigt de NAVO met vergeldingsmaatregelen als er wapens naar Kyiv gaan."
TEXT_WIRE_A = (
    "Boeren protesteren in Brussel tegen nieuwe milieuregels. Duizenden tractoren blokkeren "
    "de wijk rond het Europees Parlement, meldt het persbureau."
)
TEXT_WIRE_B = (
    "Boeren protesteren in Brussel tegen de nieuwe milieuregels. Duizenden tractoren "
    "blokkeren de wijk rond het Europees Parlement, meldt het persbureau Belga."
)
TEXT_PENDING = "De gemeenteraad van Leuven keurt de nieuwe begroting goed na een lang debat."


def articles() -> list[tuple[Article, dict[str, Any] | None]]:
    attack = _record(
        "a1", TEXT_ATTACK,
        entities=[entity(TEXT_ATTACK, PUTIN, "Vladimir Putin", "PER", "RUSGOV", "Poetin"),
                  {**entity(TEXT_ATTACK, ZELENSKY, "Volodymyr Zelensky", "PER", "UKRGOV", "Zelensky"),
                   "mentions": [span(TEXT_ATTACK, "Zelensky"), span(TEXT_ATTACK, "Zelensky", 1)]}],
        events=[event(TEXT_ATTACK, "beschoten", "ASSAULT", "190", 4, -10.0, (PUTIN, "RUSGOV"),
                      (None, "UKR"), "2022-03-07", "geonames:698740"),
                event(TEXT_ATTACK, "veroordeelt", "DISAPPROVE", "111", 3, -2.0,
                      (ZELENSKY, "UKRGOV"), (PUTIN, "RUSGOV"), "2022-03-08")],
        quotes=[{"speaker": {"entity": ZELENSKY, "name": "Volodymyr Zelensky", "code": "UKRGOV"},
                 "kind": "direct", "cue": "zei",
                 **span(TEXT_ATTACK, "Dit is terreur tegen burgers")}],
        places=[place(TEXT_ATTACK, "geonames:698740", "Odesa", "UKR", 46.48, 30.73),
                place(TEXT_ATTACK, "geonames:703448", "Kyiv", "UKR", 50.45, 30.52)],
        times=[{**span(TEXT_ATTACK, "maandag"), "value": "2022-03-07"}],
    )  # fmt: skip
    talks = _record(
        "a2", TEXT_TALKS,
        entities=[{**entity(TEXT_TALKS, ZELENSKY, "Volodymyr Zelensky", "PER", "UKRGOV", "Zelensky"),
                   "mentions": [span(TEXT_TALKS, "Zelensky"), span(TEXT_TALKS, "Zelensky", 1)]},
                  {**entity(TEXT_TALKS, PUTIN, "Poetin", "PER", "RUSGOV", "Poetin"),
                   "mentions": [span(TEXT_TALKS, "Poetin"), span(TEXT_TALKS, "Poetin", 1)]}],
        events=[event(TEXT_TALKS, "eist", "DEMAND", "10", 3, -5.0, (ZELENSKY, "UKRGOV"),
                      (PUTIN, "RUSGOV"), "2022-03-15"),
                event(TEXT_TALKS, "belooft", "AGREE", "03", 1, 4.0, (PUTIN, "RUSGOV"),
                      (ZELENSKY, "UKRGOV"), "2022-03-16")],
        places=[place(TEXT_TALKS, "geonames:745044", "Istanboel", "TUR", 41.01, 28.95)],
    )  # fmt: skip
    threat = _record(
        "a3", TEXT_THREAT,
        entities=[entity(TEXT_THREAT, PUTIN, "Vladimir Putin", "PER", "RUSGOV", "Poetin"),
                  entity(TEXT_THREAT, "kroniek:nato", "NATO", "ORG", "NAT", "NAVO")],
        events=[event(TEXT_THREAT, "dreigt", "THREATEN", "13", 3, -6.0, (PUTIN, "RUSGOV"),
                      ("kroniek:nato", "NAT"), "2022-04-02")],
        places=[place(TEXT_THREAT, "geonames:703448", "Kyiv", "UKR", 50.45, 30.52)],
    )  # fmt: skip
    xss = _record(
        XSS_ID, XSS_TEXT,
        entities=[entity(XSS_TEXT, PUTIN, "Vladimir Putin", "PER", "RUSGOV", "Poetin"),
                  {"id": "kroniek:script", "name": "<script>window.__pwned=5</script>", "type": "MISC",
                   "code": None, "mentions": [span(XSS_TEXT, "<script>window.__pwned = 1;")]}],
        events=[event(XSS_TEXT, "veroordeelt", "DISAPPROVE", "111", 3, -2.0, (PUTIN, "RUSGOV"),
                      None, "2022-05-01")],
        quotes=[{"speaker": {"entity": None, "name": "<img src=x onerror=window.__pwned=6>",
                             "code": None},
                 "kind": "indirect", "cue": "<i>schreef</i>", **span(XSS_TEXT, "onerror=\"window.__pwned = 2\"")}],
    )  # fmt: skip
    rows: list[tuple[Article, dict[str, Any] | None]] = [
        (Article(id="a1", text=TEXT_ATTACK, source_file="test.jsonl", line=1, outlet="nos.nl",
                 title="Russische troepen beschieten Odesa", published="2022-03-07",
                 language="nl", agencies=["ANP"]), attack),
        (Article(id="a2", text=TEXT_TALKS, source_file="test.jsonl", line=2, outlet="vrt.be",
                 title="Zelensky eist staakt-het-vuren van Poetin", published="2022-03-15",
                 language="nl"), talks),
        (Article(id="a3", text=TEXT_THREAT, source_file="test.jsonl", line=3, outlet="hln.be",
                 title="Poetin dreigt de NAVO", published="2022-04-02", language="nl"), threat),
        (Article(id=XSS_ID, text=XSS_TEXT, source_file="test.jsonl", line=4, outlet="ad.nl",
                 title="Brief <script>window.__pwned = 7</script><img src=x onerror=\"window.__pwned=8\">",
                 byline="<b onmouseover=\"window.__pwned=9\">Lezer</b>", published="2022-05-01",
                 language="nl"), xss),
        (Article(id="w1", text=TEXT_WIRE_A, source_file="test.jsonl", line=5, outlet="standaard.be",
                 title="Boeren blokkeren Europese wijk", published="2023-02-01", language="nl",
                 agencies=["Belga"]), _record("w1", TEXT_WIRE_A)),
        (Article(id="w2", text=TEXT_WIRE_B, source_file="test.jsonl", line=6, outlet="nieuwsblad.be",
                 title="Tractoren in Brussel", published="2023-02-01", language="nl",
                 agencies=["Belga"]), _record("w2", TEXT_WIRE_B)),
        (Article(id="p1", text=TEXT_PENDING, source_file="test.jsonl", line=7, outlet="nos.nl",
                 title="Leuven heeft een begroting", published="2023-06-01", language="nl"), None),
    ]  # fmt: skip
    return rows


def load(store: Store) -> None:
    """Write the test articles, their records, a wire-copy link and a story into ``store``."""
    batch = Batch()
    for article, record in articles():
        batch.articles.append(NewArticle(article, ANALYSED if record else PENDING, record))
    batch.near_duplicates.append(
        {"article_id": "w2", "other_id": "w1", "similarity": 0.93, "agency": "Belga"}
    )
    store.write_batch(batch)
    with store.engine.begin() as connection:
        connection.execute(
            schema.articles.update()
            .where(schema.articles.c.id.in_(["w1", "w2"]))
            .values(story=STORY)
        )

"""Generated articles with analysis records for the store tests: words, outlets, dates of every
precision, actors (some generic groups) and coded events."""

from __future__ import annotations

import random
from typing import Any

from kroniek.models import Article
from kroniek.store import ANALYSED, NewArticle

WORDS = ["brand", "storm", "staking", "overleg", "akkoord", "protest", "rechter", "haven"]
OUTLETS = ["nos.nl", "hln.be", "vrt.be", None]
DATES = [None, "2017", "2017-12", "2017-12-05", "2018-01-10", "2018-01-15T09:30", "2019-03",
         "2019-03-31", "2016-02-29"]  # fmt: skip
EVENT_DATES = [None, None, None, "2018-02-01", "2017-11", "2019", "2019-12-30"]
# (plover, cameo, quad class, goldstein): halves and integers, so sums are exact in any order
TYPES = [("ASSAULT", "190", 4, -10.0), ("CONSULT", "040", 1, 1.0), ("PROTEST", "141", 3, -6.5),
         ("AGREE", "057", 1, 4.0), ("AID", "073", 2, 7.5)]  # fmt: skip
ACTORS = [("kroniek:rus", "Rusland", "RUS", False), ("kroniek:rusgov", "Poetin", "RUSGOV", False),
          ("kroniek:nldgov", "Rutte", "NLDGOV", False), ("kroniek:nldcvl", "Nederlanders",
          "NLDCVL", True), ("kroniek:ukr", "Oekraïne", "UKR", False)]  # fmt: skip


def _event(rng: random.Random) -> dict[str, Any]:
    plover, cameo, quad, goldstein = rng.choice(TYPES)
    source, target = rng.sample(ACTORS, 2)
    return {
        "source": {"entity": source[0], "code": source[2]},
        "target": {"entity": target[0], "code": target[2]} if rng.random() < 0.8 else None,
        "plover": plover, "cameo": cameo, "quad_class": quad, "goldstein": goldstein,
        "trigger": {"text": "x", "start": 0, "end": 1}, "sentence": 0, "negated": False,
        "modality": "asserted", "reported_by": None, "location": None,
        "date": rng.choice(EVENT_DATES), "rule": "test",
    }  # fmt: skip


def articles(count: int, seed: int = 3) -> list[NewArticle]:
    """Articles with words, outlets, dates of every precision, actors and events."""
    rng = random.Random(seed)
    made = []
    for number in range(count):
        words = rng.sample(WORDS, 3)
        if rng.random() < 0.3:
            words.insert(0, "grote")
        text = f"Bericht {number}: " + " ".join(words) + " in de stad."
        outlet = rng.choice(OUTLETS)
        article = Article(id=f"col{seed}{number:04d}", text=text, source_file="columns.jsonl",
                          line=number, outlet=outlet, title=" ".join(words[:2]),
                          published=rng.choice(DATES), language="nl")  # fmt: skip
        entities = [{"id": entity_id, "name": name, "type": "ORG", "code": code,
                     "generic": generic, "mentions": [{"text": "x", "start": 0, "end": 1}]}
                    for entity_id, name, code, generic in rng.sample(ACTORS, rng.randint(0, 3))]  # fmt: skip
        record = {"schema": "kroniek.analysis/1", "id": article.id, "text": text,
                  "entities": entities, "quotes": [], "places": [], "times": [],
                  "events": [_event(rng) for _ in range(rng.randint(0, 4))]}  # fmt: skip
        made.append(NewArticle(article, ANALYSED, record))
    return made

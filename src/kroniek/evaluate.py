"""Scoring analysis records against gold annotations (format: ../shared/eval/ANNOTATION.md).

The measures are those of the project's reference scorer (``../shared/eval/score.py``):
recall over gold items marked core, precision over every system item (a system item is right
when it matches any gold item, core or not). Matching rules:

- entities: a surface (name or mention text) equals a gold alias or name, after case/accent
  folding, and the types agree (GPE and LOC count as one);
- events: same PLOVER type, and source and target codes agreeing on the country part (the first
  three letters; ``events.strict`` compares whole codes); null matches null;
- quotes: at least half the gold quote's words appear in the system quote, and the speaker is
  one of the gold speaker's aliases or has the same actor code (``quotes.text`` ignores speakers);
- places: name/alias match (``places.coords``: also within 50 km);
- times: the texts share at least half the words of the shorter (``times.value``: same value);
- metadata: published, title, byline equal after folding; agencies equal as sets.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

Record = dict[str, Any]
GEO_TYPES = frozenset({"GPE", "LOC"})
PLOVER_RENAMES = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE"}
EARTH_RADIUS_KM = 6371.0
PLACE_TOLERANCE_KM = 50.0
QUOTE_WORD_SHARE = 0.5


def fold(text: str | None) -> str:
    """Lower case, accents removed, punctuation to spaces, whitespace collapsed."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w\s-]", " ", plain).split())


def word_list(text: str | None) -> list[str]:
    return re.findall(r"\w+", fold(text))


@dataclass(slots=True)
class Count:
    core_found: int = 0
    core_total: int = 0
    system_right: int = 0
    system_total: int = 0

    def as_dict(self) -> dict[str, float | int | None]:
        recall = self.core_found / self.core_total if self.core_total else None
        precision = self.system_right / self.system_total if self.system_total else None
        f1 = 2 * recall * precision / (recall + precision) if recall and precision else 0.0
        return {"recall": recall, "precision": precision, "f1": f1,
                "core": self.core_total, "system": self.system_total}  # fmt: skip


class Scores:
    def __init__(self) -> None:
        self.counts: dict[str, Count] = {}

    def add_items(
        self, key: str, gold: list[Record], system: list[Record],
        match: Callable[[Record, Record], bool],
    ) -> None:  # fmt: skip
        core = [g for g in gold if g.get("core", True)]
        count = self.counts.setdefault(key, Count())
        count.core_found += sum(any(match(g, s) for s in system) for g in core)
        count.core_total += len(core)
        count.system_right += sum(any(match(g, s) for g in gold) for s in system)
        count.system_total += len(system)

    def add_flag(self, key: str, right: bool) -> None:
        count = self.counts.setdefault(key, Count())
        count.core_found += right
        count.core_total += 1
        count.system_right += right
        count.system_total += 1

    def table(self) -> dict[str, dict[str, float | int | None]]:
        return {key: self.counts[key].as_dict() for key in sorted(self.counts)}


def _surfaces(item: Record, mention_key: str) -> set[str]:
    found = {fold(item.get("name"))}
    for extra in item.get(mention_key, []) or []:
        found.add(fold(extra.get("text") if isinstance(extra, dict) else extra))
    return {s for s in found if s}


def _types_agree(first: str | None, second: str | None) -> bool:
    return first == second or (first in GEO_TYPES and second in GEO_TYPES)


def _code(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("code")
    return str(value or "").upper()


def _codes_agree(gold: Any, system: Any, strict: bool) -> bool:
    first, second = _code(gold), _code(system)
    if not first or not second:
        return first == second
    return first == second if strict else first[:3] == second[:3]


def _plover(value: str | None) -> str:
    name = (value or "").upper()
    return PLOVER_RENAMES.get(name, name)


def distance_km(first: Record, second: Record) -> float:
    try:
        points = (first["lat"], first["lon"], second["lat"], second["lon"])
        lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in points)
    except (KeyError, TypeError, ValueError):
        return math.inf
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)  # fmt: skip
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def _event_matcher(strict: bool) -> Callable[[Record, Record], bool]:
    def match(gold: Record, system: Record) -> bool:
        return (
            _plover(gold.get("plover")) == _plover(system.get("plover"))
            and _codes_agree(gold.get("source"), system.get("source"), strict)
            and _codes_agree(gold.get("target"), system.get("target"), strict)
        )

    return match


def score_article(gold: Record, system: Record, scores: Scores) -> None:
    """Add one article's comparison to ``scores``."""
    for key in ("published", "title", "byline"):
        if key in gold:
            scores.add_flag(f"meta.{key}", fold(gold[key]) == fold(system.get(key)))
    if "agencies" in gold:
        gold_agencies = {fold(a) for a in gold["agencies"] or []}
        scores.add_flag(
            "meta.agencies", gold_agencies == {fold(a) for a in system.get("agencies") or []}
        )

    gold_entities = gold.get("entities", [])
    scores.add_items("entities", gold_entities, system.get("entities", []), lambda g, s: (
        bool(_surfaces(g, "aliases") & _surfaces(s, "mentions"))
        and _types_agree(g.get("type"), s.get("type"))))  # fmt: skip

    gold_events, system_events = gold.get("events", []), system.get("events", [])
    for key, strict in (("events", False), ("events.strict", True)):
        scores.add_items(key, gold_events, system_events, _event_matcher(strict))
    scores.add_items("events.type_only", gold_events, system_events,
                     lambda g, s: _plover(g.get("plover")) == _plover(s.get("plover")))  # fmt: skip

    aliases: dict[str, set[str]] = {}
    for entity in gold_entities:
        surfaces = _surfaces(entity, "aliases")
        for surface in surfaces:
            aliases[surface] = surfaces

    def text_matches(g: Record, s: Record) -> bool:
        gold_words = word_list(g.get("text"))
        system_words = set(word_list(s.get("text")))
        return bool(gold_words) and (
            sum(w in system_words for w in gold_words) / len(gold_words) >= QUOTE_WORD_SHARE
        )

    def speaker_matches(g: Record, s: Record) -> bool:
        speaker = s.get("speaker") or {}
        if isinstance(speaker, str):
            speaker = {"name": speaker}
        entity_name = (speaker.get("entity") or "").split(":")[-1].replace("-", " ")
        names = {fold(speaker.get("name")), fold(entity_name)}
        gold_name = fold(g.get("speaker"))
        if names & aliases.get(gold_name, {gold_name}):
            return True
        return bool(g.get("speaker_code")) and _codes_agree(
            g.get("speaker_code"), speaker.get("code"), True
        )

    gold_quotes, system_quotes = gold.get("quotes", []), system.get("quotes", [])
    scores.add_items("quotes.text", gold_quotes, system_quotes, text_matches)
    scores.add_items("quotes", gold_quotes, system_quotes,
                     lambda g, s: text_matches(g, s) and speaker_matches(g, s))  # fmt: skip

    def place_matches(g: Record, s: Record) -> bool:
        return bool(_surfaces(g, "aliases") & _surfaces(s, "mentions"))

    gold_places, system_places = gold.get("places", []), system.get("places", [])
    scores.add_items("places", gold_places, system_places, place_matches)
    scores.add_items("places.coords", gold_places, system_places, lambda g, s: (
        place_matches(g, s) and distance_km(g, s) <= PLACE_TOLERANCE_KM))  # fmt: skip

    def time_matches(g: Record, s: Record) -> bool:
        first, second = set(word_list(g.get("text"))), set(word_list(s.get("text")))
        shared = first & second
        return bool(shared) and len(shared) >= min(len(first), len(second)) / 2

    gold_times, system_times = gold.get("times", []), system.get("times", [])
    scores.add_items("times", gold_times, system_times, time_matches)
    scores.add_items("times.value", gold_times, system_times, lambda g, s: (
        time_matches(g, s) and str(g.get("value")) == str(s.get("value"))))  # fmt: skip


@dataclass(slots=True)
class Evaluation:
    articles: int
    missing: list[str]
    scores: dict[str, dict[str, float | int | None]]


def evaluate(gold: Iterable[Record], system: Iterable[Record]) -> Evaluation:
    """Pair records (by URL, else by file name) and score every gold article."""
    gold_by_file = {g["file"]: g for g in gold}
    file_of_url = {g["url"]: name for name, g in gold_by_file.items() if g.get("url")}
    system_by_file: dict[str, Record] = {}
    for record in system:
        name = file_of_url.get(record.get("url") or "") or os.path.basename(
            record.get("source_file") or ""
        )
        system_by_file[name] = record
    scores = Scores()
    missing = []
    for name, gold_record in gold_by_file.items():
        if name not in system_by_file:
            missing.append(name)
        score_article(gold_record, system_by_file.get(name, {}), scores)
    return Evaluation(len(gold_by_file), missing, scores.table())


def format_table(evaluation: Evaluation) -> str:
    lines = [
        f"{evaluation.articles} gold articles, {len(evaluation.missing)} without a system record",
        f"{'measure':18} {'recall':>7} {'precis':>7} {'f1':>6} {'core':>5} {'sys':>5}",
    ]

    def show(value: Any) -> str:
        return "   -  " if value is None else f"{value:7.3f}"

    for key, row in evaluation.scores.items():
        lines.append(f"{key:18} {show(row['recall'])} {show(row['precision'])} "
                     f"{row['f1']:6.3f} {row['core']:5d} {row['system']:5d}")  # fmt: skip
    return "\n".join(lines)

"""The Dutch event lexicon: YAML entries compiled into an index keyed by word form.

Entry files ``data/lexicon/events_*.yaml`` map a PLOVER type to a list of entries. An entry is a
verb (``v: aan|vallen``, particle before ``|``) or a noun (``n: aanval/aanvallen``) with:

- ``id``: stable rule id (the ``rule`` of every event it produces), ``cameo``: CAMEO code;
- ``prep``: prepositions whose object is the target (``op/tegen``); ``obj``: whether a direct
  object is the target (default: yes for verbs, no for nouns); ``van``: role of a ``van``-phrase
  after a noun (``source`` or ``target``);
- ``needs``: words that must occur in the clause (``onder vuur`` for ``nemen``);
- ``null_src``: actor code to use when no source is found: ``---`` for crimes by unknown
  perpetrators, ``+JUD``/``+COP`` for the home country's courts/police ("is veroordeeld");
- ``compound``: the noun also matches as the head of a compound (``raketaanval``); a form
  written ``-beperkingen`` matches only as a compound head; ``except`` lists compounds that do not
  count (``zelfmoord``);
- ``rival``: words that compete with the first word of ``needs`` for the verb's own phrase
  (``voor`` for "stemmen tegen"): the first of them in the clause is the verb's; a later one
  hangs in its noun phrase ("stemt voor de motie tegen de bezuinigingen" is a vote for);
- ``need_tgt``: only an event when a target is found (for verbs as general as ``spreken``);
- ``cancels``: the entry undoes what a noun names ("hief de sancties op"), so noun triggers in
  the same clause are dropped;
- ``light``: a light verb ("bood excuses aan") that yields to a noun trigger in its clause;
- ``modal_te``: "dreigt te" + infinitive is modality, not a threat, unless it has an object;
- ``dat_clause``: the verb counts only with a dat-clause right after it ("wil dat Iran ...");
- ``retaliation``: an answer to violence ("vergelding", "wraak"): without a named target, it
  is aimed at whoever struck last in the article;
- ``alt``: CAMEO code used when an ASSAULT entry is re-read as CRIME or the reverse (the
  extractor decides by the source actor: a civilian or unknown perpetrator commits a crime);
- ``stem``/``past``/``pp``: inflection overrides;
- ``t`` (test sentence), ``src``/``tgt``: expected codes (``tgt: none`` = no target), run by the
  regression suite in tests/extract/test_event_lexicon.py.

Goldstein values come from ``data/lexicon/event_cameo.yaml`` (by the longest known prefix of the
CAMEO code); the QuadClass follows from the CAMEO root.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from kroniek.extract.event_inflect import verb_forms
from kroniek.resources import data_path, read_text

# libyaml's C loader parses the lexicon several times faster than the pure-Python one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_YAML_LOADER)

CAMEO_FILE = "lexicon/event_cameo.yaml"
ENTRY_GLOB = "events_*.yaml"
CRIME_CAMEO = "--"
CRIME_QUAD_CLASS = 4
ROLE_SOURCE = "source"
ROLE_TARGET = "target"
NO_TARGET = "none"
MIN_COMPOUND_PREFIX = 3  # "raket|aanval"; shorter prefixes are mostly other words ("r|eis")
# QuadClass from the CAMEO root: (first root, last root, class).
QUAD_CLASS_RANGES = ((1, 5, 1), (6, 8, 2), (9, 13, 3), (14, 20, 4))


class LexiconError(ValueError):
    """A lexicon entry that does not follow the format; the message names the entry."""


@dataclass(frozen=True, slots=True)
class LexTest:
    sentence: str
    source: str | None
    target: str | None  # NO_TARGET when the sentence has none; None when not checked


@dataclass(frozen=True, slots=True)
class LexEntry:
    id: str
    plover: str
    cameo: str
    goldstein: float
    quad_class: int
    kind: str  # "verb" | "noun"
    lemma: str
    target_preps: tuple[str, ...] = ()
    object_target: bool = True
    van_role: str | None = None
    needs: tuple[str, ...] = ()
    rival: tuple[str, ...] = ()
    null_source: str | None = None
    compound: bool = False
    need_target: bool = False
    cancels: bool = False
    light: bool = False
    modal_te: bool = False
    dat_clause: bool = False
    retaliation: bool = False
    alt_cameo: str | None = None
    test: LexTest | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """One way a word form can trigger an entry."""

    entry: LexEntry
    form: str  # "finite" | "participle" | "infinitive" | "noun"
    particle: str | None = None  # a separable particle that must follow in the clause
    te_particle: str | None = None  # "aan te vallen": particle + te before the bare infinitive


@dataclass(slots=True)
class LexiconIndex:
    entries: list[LexEntry] = field(default_factory=list)
    forms: dict[str, list[Hit]] = field(default_factory=lambda: defaultdict(list))
    compound_heads: dict[str, list[Hit]] = field(default_factory=lambda: defaultdict(list))
    min_head: int = 4

    def lookup(self, word: str) -> list[Hit]:
        """Hits for a lower-cased token; compounds match on their longest known head."""
        hits = self.forms.get(word)
        if hits is not None:
            return hits  # an exception (``zelfmoord``) is stored with no hits
        for cut in range(MIN_COMPOUND_PREFIX, len(word) - self.min_head + 1):
            head = word[cut:].lstrip("-")
            compound_hits = self.compound_heads.get(head)
            if compound_hits:
                return compound_hits
        return []


@dataclass(frozen=True, slots=True)
class CameoTable:
    goldstein: dict[str, float]
    plover_types: tuple[str, ...]

    def goldstein_of(self, cameo: str) -> float:
        if cameo == CRIME_CAMEO:
            return self.goldstein[CRIME_CAMEO]
        for length in range(len(cameo), 1, -1):
            value = self.goldstein.get(cameo[:length])
            if value is not None:
                return value
        raise LexiconError(f"CAMEO code {cameo!r} has no Goldstein value")


def quad_class(cameo: str) -> int:
    if cameo == CRIME_CAMEO:
        return CRIME_QUAD_CLASS
    root = int(cameo[:2])
    for first, last, value in QUAD_CLASS_RANGES:
        if first <= root <= last:
            return value
    raise LexiconError(f"CAMEO code {cameo!r} has no QuadClass")


@lru_cache(maxsize=1)
def cameo_table() -> CameoTable:
    raw = _load_yaml(read_text(CAMEO_FILE))
    goldstein = {str(code): float(value) for code, value in raw["goldstein"].items()}
    return CameoTable(goldstein, tuple(raw["plover"]))


def _split(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v).lower() for v in value)
    return tuple(part.strip().lower() for part in str(value).split("/") if part.strip())


def _test(raw: dict[str, Any]) -> LexTest | None:
    if "t" not in raw:
        return None
    return LexTest(str(raw["t"]), raw.get("src"), raw.get("tgt"))


def parse_entry(raw: dict[str, Any], plover: str, table: CameoTable) -> LexEntry:
    """One YAML entry -> LexEntry, with the checks a lexicon author needs."""
    entry_id = str(raw.get("id", ""))
    if not entry_id:
        raise LexiconError(f"{plover}: entry without id: {raw}")
    if plover not in table.plover_types:
        raise LexiconError(f"{entry_id}: unknown PLOVER type {plover}")
    if ("v" in raw) == ("n" in raw):
        raise LexiconError(f"{entry_id}: needs exactly one of v (verb) or n (noun)")
    cameo = str(raw.get("cameo", ""))
    if plover == "CRIME":
        if cameo and cameo != CRIME_CAMEO:  # a violent crime: by a state actor it is ASSAULT
            raw = {**raw, "alt": raw.get("alt", cameo)}
        cameo = CRIME_CAMEO
    elif plover == "ASSAULT":
        raw = {**raw, "alt": raw.get("alt", CRIME_CAMEO)}
    if "rival" in raw and not raw.get("needs"):
        raise LexiconError(f"{entry_id}: rival needs a needs phrase to compete with")
    kind = "verb" if "v" in raw else "noun"
    van = raw.get("van")
    if van not in (None, ROLE_SOURCE, ROLE_TARGET):
        raise LexiconError(f"{entry_id}: van must be source or target")
    return LexEntry(
        id=entry_id,
        plover=plover,
        cameo=cameo,
        goldstein=table.goldstein_of(cameo),
        quad_class=quad_class(cameo),
        kind=kind,
        lemma=str(raw["v"] if kind == "verb" else raw["n"]).lower(),
        target_preps=_split(raw.get("prep")),
        object_target=bool(raw.get("obj", kind == "verb")),
        van_role=van,
        needs=tuple(str(raw.get("needs") or "").lower().split()),
        rival=_split(raw.get("rival")),
        null_source=raw.get("null_src"),
        compound=bool(raw.get("compound", False)),
        need_target=bool(raw.get("need_tgt", False)),
        cancels=bool(raw.get("cancels", False)),
        light=bool(raw.get("light", False)),
        modal_te=bool(raw.get("modal_te", False)),
        dat_clause=bool(raw.get("dat_clause", False)),
        retaliation=bool(raw.get("retaliation", False)),
        alt_cameo=str(raw["alt"]) if "alt" in raw else None,
        test=_test(raw),
    )


def _index_verb(index: LexiconIndex, entry: LexEntry, raw: dict[str, Any]) -> None:
    forms = verb_forms(
        entry.lemma,
        stem=raw.get("stem"),
        past=_split(raw.get("past")),
        pp=raw.get("pp"),
    )
    for form in forms.finite:
        index.forms[form].append(Hit(entry, "finite", particle=forms.particle))
    for form in forms.joined_finite:
        index.forms[form].append(Hit(entry, "finite"))
    for form in forms.participles:
        index.forms[form].append(Hit(entry, "participle"))
    for form in forms.infinitives:
        index.forms[form].append(Hit(entry, "infinitive"))
    if forms.particle:
        base = entry.lemma.split("|")[1]
        index.forms[base].append(Hit(entry, "infinitive", te_particle=forms.particle))


def _index_noun(index: LexiconIndex, entry: LexEntry, raw: dict[str, Any]) -> None:
    for form in entry.lemma.split("/"):
        hit = Hit(entry, "noun")
        if form.startswith("-"):
            index.compound_heads[form[1:]].append(hit)
            continue
        index.forms[form].append(hit)
        if entry.compound:
            index.compound_heads[form].append(hit)
    for exception in _split(raw.get("except")):
        index.forms.setdefault(exception, [])


def _dedupe(hits: list[Hit]) -> list[Hit]:
    seen: set[tuple[str, str, str | None, str | None]] = set()
    unique = []
    for hit in hits:
        key = (hit.entry.id, hit.form, hit.particle, hit.te_particle)
        if key not in seen:
            seen.add(key)
            unique.append(hit)
    return unique


def entry_files() -> list[str]:
    folder = data_path("lexicon")
    return sorted(f"lexicon/{path.name}" for path in folder.glob(ENTRY_GLOB))


def load_raw() -> list[tuple[str, dict[str, Any]]]:
    """(PLOVER type, raw entry) for every entry in every lexicon file."""
    rows: list[tuple[str, dict[str, Any]]] = []
    for relative in entry_files():
        content = _load_yaml(read_text(relative)) or {}
        for plover, entries in content.items():
            rows.extend((str(plover), raw) for raw in entries or [])
    return rows


@lru_cache(maxsize=1)
def lexicon() -> LexiconIndex:
    """The compiled lexicon (built once per process)."""
    table = cameo_table()
    index = LexiconIndex()
    seen_ids: set[str] = set()
    for plover, raw in load_raw():
        entry = parse_entry(raw, plover, table)
        if entry.id in seen_ids:
            raise LexiconError(f"duplicate lexicon id {entry.id}")
        seen_ids.add(entry.id)
        index.entries.append(entry)
        if entry.kind == "verb":
            _index_verb(index, entry, raw)
        else:
            _index_noun(index, entry, raw)
    index.forms = {form: _dedupe(hits) for form, hits in index.forms.items()}
    index.compound_heads = {form: _dedupe(hits) for form, hits in index.compound_heads.items()}
    if index.compound_heads:
        index.min_head = min(len(head) for head in index.compound_heads)
    return index

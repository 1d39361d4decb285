"""Decisions on codes that need the whole article: the home country of unnamed domestic actors,
the implicit source of agentless passives, ASSAULT versus CRIME, sports metaphors, and keeping
one event per (source, type, target).
"""

from __future__ import annotations

from collections import Counter

from kroniek.extract.event_lexicon import CRIME_CAMEO, Hit, cameo_table, quad_class
from kroniek.models import ActorRef, Doc, Event

MODALITY_ASSERTED = "asserted"
ASSAULT = "ASSAULT"
CRIME = "CRIME"
UNKNOWN_COUNTRY = "---"
PRIVATE_ROLES = frozenset({"CVL", "CRM", "BUS"})
IMPLICIT_HOME = "+"
OUTLET_COUNTRIES = {".be": "BEL", ".nl": "NLD"}
COUNTRY_CODE_LENGTH = 3
SPORTS_ROLE = "SPT"
MATERIAL_CONFLICT = 4
# Domestic institutions named without a country ("de politie") belong to the article's home.
HOME_ROLES = frozenset({"COP", "JUD", "LEG", "GOV", "LAB", "PTY", "OPP"})


def home_country(doc: Doc) -> str | None:
    """The country an article is about at home: from the outlet's domain, else the country most
    mentioned (entities and places). Gives "de politie" or "de vakbonden" their country."""
    outlet = (doc.article.outlet or doc.article.url or "").lower().rstrip("/")
    for suffix, country in OUTLET_COUNTRIES.items():
        if outlet.endswith(suffix) or f"{suffix}/" in outlet:
            return country
    counts: Counter[str] = Counter()
    for entity in doc.entities:
        if entity.country and len(entity.country) == COUNTRY_CODE_LENGTH:
            counts[entity.country] += len(entity.mentions)
    for place in doc.places:
        if place.country:
            counts[place.country] += len(place.mentions)
    return counts.most_common(1)[0][0] if counts else None


def sports_metaphor(event: Event) -> bool:
    """"Oranje valt Duitsland aan": violence and force by a sports team is a metaphor."""
    code = (event.source.code if event.source else None) or ""
    return code.endswith(SPORTS_ROLE) and event.quad_class == MATERIAL_CONFLICT


def coding(hit: Hit, source: ActorRef) -> tuple[str, str, int, float]:
    """(plover, cameo, quad class, goldstein); ASSAULT and CRIME swap by who the source is."""
    entry = hit.entry
    if entry.alt_cameo and entry.plover in (ASSAULT, CRIME):
        criminal = _is_private(source)
        if (entry.plover == ASSAULT) == criminal:
            plover = CRIME if criminal else ASSAULT
            cameo = CRIME_CAMEO if criminal else entry.alt_cameo
            return plover, cameo, quad_class(cameo), cameo_table().goldstein_of(cameo)
    return entry.plover, entry.cameo, entry.quad_class, entry.goldstein


def _is_private(source: ActorRef) -> bool:
    """An unknown perpetrator, a civilian or a criminal organisation."""
    code = source.code or ""
    return not code or code.startswith(UNKNOWN_COUNTRY) or code[3:] in PRIVATE_ROLES


def implicit_source(code: str, home: str | None) -> ActorRef | None:
    """The source the lexicon names for an agentless passive: "---" (unknown perpetrator) or
    "+JUD" / "+COP" (the home country's courts or police: "is veroordeeld", "is gearresteerd";
    none when the article's home country is unknown)."""
    if code.startswith(IMPLICIT_HOME):
        return ActorRef(code=home + code[len(IMPLICIT_HOME) :]) if home else None
    return ActorRef(code=code)


def at_home(ref: ActorRef | None, home: str | None) -> ActorRef | None:
    """"---COP" -> "BELCOP" in a Belgian article."""
    if ref is None or home is None or not ref.code or not ref.code.startswith(UNKNOWN_COUNTRY):
        return ref
    role = ref.code[len(UNKNOWN_COUNTRY) :]
    if role in HOME_ROLES:
        return ActorRef(entity=ref.entity, code=home + role, name=ref.name)
    return ref


def _actor_key(ref: ActorRef | None) -> str | None:
    if ref is None:
        return None
    return ref.code or ref.entity


def _clarity(event: Event) -> tuple[bool, bool]:
    """Lower is clearer: asserted and not negated first."""
    return (event.negated, event.modality != MODALITY_ASSERTED)


def dedupe(events: list[Event]) -> list[Event]:
    """One event per (source, type, target) per article: the first of the clearest."""
    best: dict[tuple[str | None, str, str | None], int] = {}
    for i, event in enumerate(events):
        key = (_actor_key(event.source), event.plover, _actor_key(event.target))
        kept = best.get(key)
        if kept is None or _clarity(event) < _clarity(events[kept]):
            best[key] = i
    return [events[i] for i in sorted(best.values())]

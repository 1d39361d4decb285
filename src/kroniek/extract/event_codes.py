"""Decisions on codes that need the whole article: the home country of unnamed domestic actors,
the implicit source of agentless passives, ASSAULT versus CRIME, attacks on civilian sites
(ASSAULT, not FIGHT), sports metaphors, capitals that stand for their governments, and keeping
one event per (source, type, target).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import yaml

from kroniek.extract.event_lexicon import CRIME_CAMEO, Hit, cameo_table, quad_class
from kroniek.models import ActorRef, Doc, Event
from kroniek.resources import read_text

GRAMMAR_FILE = "lexicon/event_grammar.yaml"

MODALITY_ASSERTED = "asserted"
ASSAULT = "ASSAULT"
CRIME = "CRIME"
UNKNOWN_COUNTRY = "---"
PRIVATE_ROLES = frozenset({"CVL", "CRM", "BUS"})
IMPLICIT_HOME = "+"
OUTLET_COUNTRIES = {".be": "BEL", ".nl": "NLD"}
COUNTRY_CODE_LENGTH = 3
SPORTS_ROLE = "SPT"
STATE_FORCE_ROLES = frozenset({"COP", "MIL", "GOV", "JUD"})
FIGHT = "FIGHT"
AGREE = "AGREE"
INTENT_TO_MEET_CAMEO = "036"
COERCE = "COERCE"
POLICE_ROLE = "COP"
OCCUPY_CAMEO = "192"  # occupy territory: "vielen Oekraïne binnen"
RAID_CAMEO = "170"  # coerce: a police raid
CIVILIAN_ATTACK_CAMEO = "180"  # assault: armed violence aimed at a hospital, school or market
CIVILIAN_ROLES = frozenset({"CVL", "CRM"})
MATERIAL_CONFLICT = 4
# Domestic institutions named without a country ("de politie") belong to the article's home.
HOME_ROLES = frozenset({"COP", "JUD", "LEG", "GOV", "LAB", "PTY", "OPP"})
# An outlet's own country stays home unless another country is named this many times more often
# (a Dutch paper on Belgian politics or on Gaza: "de regering", "de politie" are not Dutch).
HOME_DOMINANCE = 3
GOVERNMENT_ROLE = "GOV"
CAPITAL_KIND = "capital"
BLOC_CODES = frozenset({"EUR", "UNO", "NAT", "IGO", "AFU", "ASN", "OPC", "G7", "G20"})
# codes in the country position that name no country: blocs, and international NGOs and firms
NON_NATIONAL_CODES = BLOC_CODES | {"NGO", "MNC"}
# a foreign country takes the outlet's place as home only when named at least this often (one
# mention of Shell's Britain does not make "de rechter" British)
MIN_FOREIGN_HOME = 2
# a firm's country is where it has its seat, not where the story is (Tesla's plant in Antwerp):
# its mentions do not count towards the home country of "de vakbonden" or "de regering"
SEATLESS_ROLES = frozenset({"BUS"})
PERSON_TYPE = "PER"  # a person counts once towards the home country, however often named


def home_country(doc: Doc) -> str | None:
    """The country an article is about at home: the outlet's country (from its domain), unless
    the article names another country far more often; without an outlet, the country most
    mentioned (entities and places). Firms do not count (a Belgian paper on Tesla's Antwerp
    plant stays Belgian), unless nothing else is named and there is no outlet. Gives "de
    politie" or "de vakbonden" their country."""
    own = outlet_country(doc)
    counts = _country_mentions(doc)
    if own is None and not counts:  # nothing but firms named: their country is all there is
        counts = _country_mentions(doc, firms=True)
    top = max(counts, key=lambda country: counts[country]) if counts else None
    if own is None:
        return top
    if top is None or counts[top] < MIN_FOREIGN_HOME or counts[own] * HOME_DOMINANCE >= counts[top]:
        return own
    return top


def outlet_country(doc: Doc) -> str | None:
    """The country of the article's outlet (from its domain), if known."""
    outlet = (doc.article.outlet or doc.article.url or "").lower().rstrip("/")
    return next(
        (
            country
            for suffix, country in OUTLET_COUNTRIES.items()
            if outlet.endswith(suffix) or f"{suffix}/" in outlet
        ),
        None,
    )


def _country_mentions(doc: Doc, *, firms: bool = False) -> Counter[str]:
    """Mentions per country of the article's places and organisations, each person counting
    once however often named (a foreign minister quoted ten times does not make "de politie"
    his), blocs and international NGOs left out, and companies too unless ``firms`` (a
    company's country is its seat, not the story's)."""
    counts: Counter[str] = Counter()
    for entity in doc.entities:
        country = entity.country
        if entity.role in SEATLESS_ROLES and entity.type != PERSON_TYPE and not firms:
            continue
        if country and len(country) == COUNTRY_CODE_LENGTH and country not in NON_NATIONAL_CODES:
            counts[country] += 1 if entity.type == PERSON_TYPE else len(entity.mentions)
    for place in doc.places:
        if place.country and place.country not in NON_NATIONAL_CODES:
            counts[place.country] += len(place.mentions)
    return counts


def sports_metaphor(event: Event) -> bool:
    """"Oranje valt Duitsland aan": violence and force by a sports team is a metaphor."""
    code = (event.source.code if event.source else None) or ""
    return code.endswith(SPORTS_ROLE) and event.quad_class == MATERIAL_CONFLICT


def coding(
    hit: Hit, source: ActorRef, target: ActorRef | None = None, *, civilian_site: bool = False
) -> tuple[str, str, int, float]:
    """(plover, cameo, quad class, goldstein); ASSAULT and CRIME swap by who the source is:
    violence by a private or unknown actor is a crime, except against the state's own forces
    and officials ("relschoppers bekogelden de politie" is an assault). Combat aimed at a
    ``civilian_site`` ("het leger bombardeerde een ziekenhuis") by an armed or state actor is
    one-sided violence against civilians: ASSAULT, not FIGHT."""
    entry = hit.entry
    role = (source.code or "")[COUNTRY_CODE_LENGTH:]
    if entry.plover == FIGHT and role == POLICE_ROLE and entry.cameo == OCCUPY_CAMEO:
        # "de politie viel het huis van een verdachte binnen": the police raid, they do not invade
        return COERCE, RAID_CAMEO, quad_class(RAID_CAMEO), cameo_table().goldstein_of(RAID_CAMEO)
    if entry.plover == FIGHT and role in CIVILIAN_ROLES:
        # "een schutter vuurde kogels af op de man": a civilian's shooting is a crime
        return CRIME, CRIME_CAMEO, quad_class(CRIME_CAMEO), cameo_table().goldstein_of(CRIME_CAMEO)
    if entry.plover == FIGHT and civilian_site and _armed(source):
        cameo = CIVILIAN_ATTACK_CAMEO
        return ASSAULT, cameo, quad_class(cameo), cameo_table().goldstein_of(cameo)
    if entry.alt_cameo and entry.plover in (ASSAULT, CRIME):
        criminal = _is_private(source) and not (_known_people(source) and _is_state(target))
        if (entry.plover == ASSAULT) == criminal:
            plover = CRIME if criminal else ASSAULT
            cameo = CRIME_CAMEO if criminal else entry.alt_cameo
            return plover, cameo, quad_class(cameo), cameo_table().goldstein_of(cameo)
    return entry.plover, entry.cameo, entry.quad_class, entry.goldstein


def intent_to_meet() -> tuple[str, str, int, float]:
    """(plover, cameo, quad class, goldstein) of a meeting only wanted or announced ("wil met de
    bonden overleggen"): CAMEO 036, express intent to meet or negotiate, is AGREE."""
    cameo = INTENT_TO_MEET_CAMEO
    return AGREE, cameo, quad_class(cameo), cameo_table().goldstein_of(cameo)


def _is_private(source: ActorRef) -> bool:
    """An unknown perpetrator, a civilian or a criminal organisation."""
    code = source.code or ""
    return not code or code.startswith(UNKNOWN_COUNTRY) or code[3:] in PRIVATE_ROLES


def _armed(source: ActorRef) -> bool:
    """A state, its forces or an armed group, also of unknown country ("het leger": "---MIL");
    not a civilian, a firm or a perpetrator nobody knows."""
    code = source.code or ""
    return code not in ("", UNKNOWN_COUNTRY) and code[COUNTRY_CODE_LENGTH:] not in PRIVATE_ROLES


def _known_people(ref: ActorRef) -> bool:
    """A crowd of a known country ("relschoppers bekogelden de politie"): collective violence
    against the state, not one person's crime ("een man schoot een agent dood")."""
    code = ref.code or ""
    known = len(code) >= COUNTRY_CODE_LENGTH and not code.startswith(UNKNOWN_COUNTRY)
    return known and (ref.name or "").lower() in collective_people()


def _is_state(ref: ActorRef | None) -> bool:
    """Police, army, courts or government of a known country."""
    code = (ref.code if ref is not None else None) or ""
    if len(code) <= COUNTRY_CODE_LENGTH or code.startswith(UNKNOWN_COUNTRY):
        return False
    return code[COUNTRY_CODE_LENGTH:] in STATE_FORCE_ROLES


@lru_cache(maxsize=1)
def collective_people() -> frozenset[str]:
    """Crowds whose violence against police or soldiers is an assault (event_grammar.yaml)."""
    raw = yaml.safe_load(read_text(GRAMMAR_FILE)) or {}
    return frozenset(str(word).lower() for word in raw.get("collective_people") or [])


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


def capital_names(doc: Doc) -> set[tuple[str, str]]:
    """(country code, name) of the national capitals and other seats of government (the
    grammar's ``government_seats``, as the text names them) among the article's places, under
    the place's name and under the name of an entity of that bare country code named only where
    such a place is (the actor dictionary's "Den Haag" for the gazetteer's The Hague; not a
    country whose dictionary entry also takes its capital's name)."""
    from kroniek.extract.event_context import grammar
    from kroniek.resolve.gazetteer import place_kind

    seats = grammar().government_seats
    capitals = [
        place for place in doc.places
        if place.country
        and (
            place_kind(place.id) == CAPITAL_KIND
            or any(m.text.lower() in seats for m in place.mentions)
        )
    ]  # fmt: skip
    names = {(place.country or "", place.name) for place in capitals}
    spots = {(place.country, m.start) for place in capitals for m in place.mentions}
    names |= {
        (entity.code, entity.name) for entity in doc.entities
        if entity.code and entity.mentions
        and all((entity.code, m.start) in spots for m in entity.mentions)
    }  # fmt: skip
    return names


def as_government(ref: ActorRef | None, capitals: set[tuple[str, str]]) -> ActorRef | None:
    """A capital that acts stands for its government: "Peking waarschuwt Taiwan", "Den Haag
    roept de ambassadeur op het matje" (CAMEO's convention: an act needs an agent, and a town
    does not speak). ``ref`` unchanged when it is no capital."""
    if ref is None or ref.code is None or (ref.code, ref.name) not in capitals:
        return ref
    return ActorRef(ref.entity, ref.code + GOVERNMENT_ROLE, ref.name)


def capital_governments(events: list[Event], doc: Doc) -> None:
    """Code capitals as the source of any event but material conflict as governments. A capital
    acted on stays its country ("dreigt Washington", the United States as a whole), and so does
    one that fights or is fought over ("Moskou bombardeert Kyiv", where the army acts)."""
    capitals = capital_names(doc)
    if not capitals:
        return
    for event in events:
        if event.quad_class != MATERIAL_CONFLICT:
            event.source = as_government(event.source, capitals)


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

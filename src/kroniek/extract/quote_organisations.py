"""Speakers described as a kind of organisation: "het Russische persbureau", "de Israëlische
krant", "het ministerie van Volksgezondheid".

A description whose head names a kind of organisation (``quote_organisations.yaml``) refers to
the organisation of that kind and country the article names, and takes its entity and code; with
none named it is coded as the country with the kind's role (RUSMED, not RUS). A ministry named
without a nationality that the resolver gave the outlet's own country belongs to the country the
article is about, when the article names the outlet's country nowhere else.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from kroniek.extract.quote_context import ActorMention, QuoteContext
from kroniek.models import ActorRef
from kroniek.resources import read_text

ORGANISATIONS_FILE = "lexicon/quote_organisations.yaml"
COMPOUND_MIN_LENGTH = 5  # heads this long also match as the end of a compound
PLACE_REACH = 4  # tokens after a ministry's name to the place it belongs to
NO_COUNTRY = "---"


@dataclass(frozen=True, slots=True)
class OrganisationWords:
    heads: dict[str, str]  # head noun -> actor role
    compounds: tuple[tuple[str, str], ...]
    ministry_heads: frozenset[str]
    place_links: frozenset[str]
    place_fillers: frozenset[str]

    def role_of(self, word: str) -> str | None:
        """The role of the organisation kind ``word`` names ("staatspersbureau": MED)."""
        lowered = word.lower()
        if lowered in self.heads:
            return self.heads[lowered]
        return next((role for head, role in self.compounds if lowered.endswith(head)), None)


def _frozen(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@lru_cache(maxsize=1)
def organisation_words() -> OrganisationWords:
    data = yaml.safe_load(read_text(ORGANISATIONS_FILE))
    heads = {str(k).lower(): str(v) for k, v in data["organisation_heads"].items()}
    compounds = tuple(
        sorted(
            ((h, r) for h, r in heads.items() if len(h) >= COMPOUND_MIN_LENGTH),
            key=lambda item: -len(item[0]),
        )
    )
    return OrganisationWords(
        heads=heads,
        compounds=compounds,
        ministry_heads=_frozen(data["ministry_heads"]),
        place_links=_frozen(data["place_links"]),
        place_fillers=_frozen(data["place_fillers"]),
    )


def named_organisation(ctx: QuoteContext, country: str, role: str, at: int) -> ActorMention | None:
    """The named organisation of ``country`` and ``role`` a description refers to: the last one
    mentioned before offset ``at``, else the only one the article names."""
    fitting = [
        m
        for m in ctx.mentions
        if not m.entity.generic
        and m.entity.type == "ORG"
        and m.entity.country == country
        and m.entity.role == role
        and not ctx.in_direct(m.start)
    ]
    before = [m for m in fitting if m.end <= at]
    if before:
        return before[-1]
    if len({m.entity.id for m in fitting}) == 1:
        return fitting[0]
    return None


def organisation_apposition(ctx: QuoteContext, head: int, mention: ActorMention) -> bool:
    """True when ``mention`` names the organisation the head at ``head`` describes: "het
    Russische persbureau Interfax" (a named organisation of the head's kind)."""
    role = organisation_words().role_of(ctx.tokens[head].text)
    entity = mention.entity
    return (
        role is not None
        and entity.type == "ORG"
        and not entity.generic
        and entity.role in (role, None)
    )


def group_referent(ctx: QuoteContext, mention: ActorMention) -> ActorRef | None:
    """A group the resolver made of a description ("het Russische persbureau": RUSMED) is the
    organisation of that kind and country the article names."""
    entity = mention.entity
    if not entity.generic or entity.country is None or entity.role is None:
        return None
    if organisation_words().role_of(mention.last_word) != entity.role:
        return None
    named = named_organisation(ctx, entity.country, entity.role, mention.start)
    if named is None:
        return None
    return ActorRef(entity=named.entity.id, name=named.entity.name, code=named.entity.code)


def ministry_abroad(ctx: QuoteContext, mention: ActorMention) -> ActorRef | None:
    """A ministry named without a nationality and given a country the article names nowhere
    else is the ministry of the place named with it, or of the country the article is about."""
    entity = mention.entity
    if entity.generic or entity.type != "ORG" or entity.country is None:
        return None
    if entity.id not in ctx.ministry_cache:
        ctx.ministry_cache[entity.id] = _ministry_abroad(ctx, mention)
    found = ctx.ministry_cache[entity.id]
    if found is None or found.entity is not None:
        return found
    return ActorRef(entity=None, name=mention.surface, code=found.code)


def _ministry_abroad(ctx: QuoteContext, mention: ActorMention) -> ActorRef | None:
    entity = mention.entity
    own = [m for m in ctx.mentions if m.entity.id == entity.id]
    if not all(_bare_ministry(m) for m in own):
        return None
    if any(m.entity.country == entity.country for m in ctx.mentions if m.entity.id != entity.id):
        return None
    if any(country == entity.country for _, country in ctx.places):
        return None
    country = next((c for m in own if (c := _place_after(ctx, m)) is not None), None)
    country = country or main_country(ctx)
    if country is None or country == entity.country:
        return None
    same = _same_ministry(ctx, mention, country)
    if same is not None:
        return ActorRef(entity=same.entity.id, name=same.entity.name, code=same.entity.code)
    role = organisation_words().role_of(_ministry_word(mention) or "") or entity.role
    return ActorRef(entity=None, name=mention.surface, code=country + (role or ""))


def _words(mention: ActorMention) -> list[str]:
    fillers = organisation_words().place_fillers
    return [w for w in mention.surface.lower().split() if w not in fillers]


def _ministry_word(mention: ActorMention) -> str | None:
    words = _words(mention)
    return words[0] if words and words[0] in organisation_words().ministry_heads else None


def _bare_ministry(mention: ActorMention) -> bool:
    """ "het ministerie van Volksgezondheid": a ministry name with no nationality in it."""
    from kroniek.extract.event_context import grammar

    demonyms = grammar().demonyms
    words = mention.surface.lower().split()
    return _ministry_word(mention) is not None and not any(w in demonyms for w in words)


def _same_ministry(ctx: QuoteContext, mention: ActorMention, country: str) -> ActorMention | None:
    """Another entity of ``country`` the article names with the same words ("het Palestijnse
    ministerie van Volksgezondheid")."""
    from kroniek.extract.event_context import grammar

    demonyms = grammar().demonyms
    wanted = _words(mention)
    for other in ctx.mentions:
        if other.entity.country != country or other.entity.generic:
            continue
        if [w for w in _words(other) if w not in demonyms] == wanted:
            return other
    return None


def _place_after(ctx: QuoteContext, mention: ActorMention) -> str | None:
    """The country of a place right after a ministry's name: "... van de Gazastrook"."""
    words = organisation_words()
    index = ctx.token_at_or_after(mention.end)
    if index >= len(ctx.tokens) or ctx.lows[index] not in words.place_links:
        return None
    index += 1
    while index < len(ctx.tokens) and ctx.lows[index] in words.place_fillers:
        index += 1
    if index >= len(ctx.tokens):
        return None
    start = ctx.tokens[index].start
    return next((country for at, country in ctx.places if at == start), None)


def main_country(ctx: QuoteContext) -> str | None:
    """The country the article is most about: most mentions of its actors and places."""
    counts: Counter[str] = Counter()
    for mention in ctx.mentions:
        country = mention.entity.country
        generic = mention.entity.generic or mention.entity.type == "GPE"  # GPEs are places
        if country and country != NO_COUNTRY and not generic:
            counts[country] += 1
    for _, country in ctx.places:
        counts[country] += 1
    if not counts:
        return None
    top = max(counts.values())
    best = [c for c, n in counts.items() if n == top]
    return best[0] if len(best) == 1 else None

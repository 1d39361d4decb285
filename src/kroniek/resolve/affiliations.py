"""People the dictionary does not know, coded by the organisation the text names them with.

"ABVV-voorzitter Thierry Bodson", "NS-woordvoerder Erik Kroeze", "de topman van ASML, Christophe
Fouquet," and "Christophe Fouquet, topman van ASML," speak and act for that organisation: they
take its country and role (BELLAB, NLDBUS). The function words ("voorzitter", "topman", ...)
are the ``member_titles`` of the actor lexicon. Only people with neither country nor role are
changed, so a dictionary entry always wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kroniek.models import Doc, Entity
from kroniek.resources import read_text

LEXICON_FILE = "actors/lexicon.yaml"
ORGANISATION_TYPES = frozenset({"ORG"})
# "ABVV-voorzitter " right before a name
_COMPOUND_BEFORE = re.compile(r"-(?P<title>[\w-]+)\s+$")
# "de topman van (het/de) X, " right before a name; "X" is the organisation's mention
_TITLE_OF_BEFORE = re.compile(r"(?P<title>[\w-]+)\s+van\s+(?:de\s+|het\s+)?$")
# ", topman van (het/de) " right after a name, before the organisation's mention
_TITLE_OF_AFTER = re.compile(r",\s+(?:de\s+|het\s+)?(?P<title>[\w-]+)\s+van\s+(?:de\s+|het\s+)?")
CONTEXT_CHARS = 60  # characters either side of a name searched for its title


@lru_cache(maxsize=1)
def member_titles() -> frozenset[str]:
    """Words for a person's function in an organisation (lower case)."""
    import yaml

    raw = yaml.safe_load(read_text(LEXICON_FILE)) or {}
    return frozenset(str(word).lower() for word in raw.get("member_titles") or [])


@dataclass(frozen=True, slots=True)
class Organisations:
    """The coded organisations of an article, by where their mentions end and start."""

    by_end: dict[int, tuple[int, Entity]]  # a mention's end -> its start and organisation
    by_start: dict[int, Entity]

    @classmethod
    def of(cls, entities: list[Entity]) -> Organisations:
        found = [
            e for e in entities if e.type in ORGANISATION_TYPES and e.country and not e.generic
        ]
        return cls(
            by_end={m.end: (m.start, e) for e in found for m in e.mentions},
            by_start={m.start: e for e in found for m in e.mentions},
        )


def _titled(found: re.Match[str], titles: frozenset[str]) -> bool:
    return found.group("title").lower() in titles


def affiliation(doc: Doc, person: Entity, organisations: Organisations) -> Entity | None:
    """The organisation one of ``person``'s mentions names with a member title, if any."""
    text, titles = doc.text, member_titles()
    for mention in person.mentions:
        before = text[max(0, mention.start - CONTEXT_CHARS) : mention.start]
        compound = _COMPOUND_BEFORE.search(before)  # "ABVV-voorzitter X"
        if compound is not None and _titled(compound, titles):
            ending = organisations.by_end.get(mention.start - len(compound.group(0)))
            if ending is not None:
                return ending[1]
        stripped = before.rstrip()
        if stripped.endswith(","):  # "de topman van ASML, X"
            comma_at = mention.start - (len(before) - len(stripped)) - 1
            ending = organisations.by_end.get(comma_at)
            if ending is not None:
                start, found = ending
                title = _TITLE_OF_BEFORE.search(text[max(0, start - CONTEXT_CHARS) : start])
                if title is not None and _titled(title, titles):
                    return found
        after = _TITLE_OF_AFTER.match(text[mention.end : mention.end + CONTEXT_CHARS])
        if after is not None and _titled(after, titles):  # "X, topman van ASML"
            following = organisations.by_start.get(mention.end + after.end())
            if following is not None:
                return following
    return None


def code_members(doc: Doc, entities: list[Entity]) -> None:
    """Give every uncoded person named with a member title of a coded organisation that
    organisation's country and role."""
    organisations = Organisations.of(entities)
    if not organisations.by_end:
        return
    for person in entities:
        if person.type != "PER" or person.country or person.role or person.generic:
            continue
        found = affiliation(doc, person, organisations)
        if found is not None:
            person.country, person.role = found.country, found.role

"""Government and opposition: a party's role on a day, from the coalitions of ``coalitions.yaml``.

The dictionary gives a party the role PTY at all times; the annotation guide codes a party that
is out of government OPP. For a country with coalition data on the article's date, a party that
neither governs (nor supports a minority cabinet, nor is forming the next one) is OPP; a
governing party keeps PTY. A politician without an office of their own on that date speaks for
their party (``party_members``) and takes its role; an office (a minister: GOV) always wins.
Countries and dates without coalition data keep the dictionary's roles.
"""

from __future__ import annotations

from kroniek.resolve.actor_data import ActorEntry, Dictionary, Period, Role

PARTY = "PTY"
OPPOSITION = "OPP"


def governing_parties(
    dictionary: Dictionary, country: str | None, day: str
) -> frozenset[str] | None:
    """Entry ids of the parties governing ``country`` on ``day``, with the parties supporting the
    cabinet and those in formation talks for the next one; None when no coalition data covers
    that day."""
    covered = False
    parties: set[str] = set()
    for coalition in dictionary.coalitions:
        if coalition.country != country:
            continue
        covered = covered or coalition.period.contains(day)
        forming = Period(coalition.talks or coalition.period.start, coalition.period.end)
        if forming.contains(day):
            parties.update(coalition.parties)
            parties.update(coalition.support)
    return frozenset(parties) if covered else None


def party_of(dictionary: Dictionary, entry_id: str, day: str) -> str | None:
    """Entry id of the party a politician speaks for on ``day`` (None if not known)."""
    for membership in dictionary.memberships.get(entry_id, []):
        if membership.period.contains(day):
            return membership.party
    return None


def party_role(
    dictionary: Dictionary, entry: ActorEntry, role: Role | None, day: str
) -> tuple[str | None, str] | None:
    """(country, role) of a party or party politician on ``day`` by government and opposition,
    or None when the coalitions do not decide it (an office of its own, no data, no party)."""
    if role is not None and role.role != PARTY:
        return None
    if entry.type == "ORG":
        if role is None:
            return None
        party: str | None = entry.id
    else:
        party = party_of(dictionary, entry.id, day)
    if party is None:
        return None
    country = role.country if role is not None else dictionary.entries[party].country
    governing = governing_parties(dictionary, country, day)
    if governing is None:
        return (country, PARTY) if role is None else None
    return country, PARTY if party in governing else OPPOSITION

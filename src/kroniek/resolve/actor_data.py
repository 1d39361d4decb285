"""The actor dictionary: loading, validating and compiling the YAML files under ``data/actors``.

The dictionary is data, not code. Every file has a ``version:`` and any of these sections:

- ``entities``: actors with ``id``, ``name``, ``type``, optional ``country`` (affiliation),
  ``aliases``, ``roles`` (``[country, role, from, until]``), ``surname`` and ``ambiguous``
  (aliases this entry may share with another entry).
- ``offices``: an office (``id``, ``kind``, ``country``, ``role``, extra ``descriptions``) with its
  ``holders`` ``[person, from, until]``; a holder is an entity id, or a name (anything with a
  capital or a space) for which a person entry is created. Holding an office adds the role.
- ``kinds``: office kinds (president, premier, ...) with the Dutch nouns that name them, so
  "de Russische president" and "president van Rusland" are derived from the offices.
- ``nationalities``: adjectives (and city adjectives) that name a country.
- ``groups``: role nouns ("troepen" -> MIL) for generic group actors.
- ``coalitions``: the parties governing a country (``id``, ``name``, ``country``, ``from``,
  ``until``, ``talks`` when formation talks began, ``parties``, ``support``), and
  ``party_members``: ``[person, party, from, until]`` (see :mod:`actor_coalitions`).

Users extend the dictionary with their own files in the same format: pass paths to
:func:`load_dictionary` or set ``KRONIEK_ACTORS`` (``os.pathsep``-separated files/directories).
Later files win: an entity id seen again updates the earlier entry (aliases and roles are added).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from kroniek.resources import data_path

ENV_VAR = "KRONIEK_ACTORS"
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster
ID_PREFIX = "kroniek:"
ENTITY_TYPES = frozenset({"PER", "ORG", "GPE", "LOC", "MISC"})
ROLES = frozenset(
    {
        "GOV",
        "MIL",
        "OPP",
        "REB",
        "JUD",
        "COP",
        "LEG",
        "PTY",
        "BUS",
        "MED",
        "CVL",
        "LAB",
        "EDU",
        "HLH",
        "REL",
        "SPT",
        "IGO",
        "NGO",
        "CRM",
    }
)
# Codes for international actors that stand where an ISO country code would.
IGO_CODES = frozenset(
    {
        "EUR",
        "UNO",
        "NAT",
        "AFR",
        "ASN",
        "ARL",
        "OPC",
        "WTO",
        "IMF",
        "WBK",
        "NGO",
        "IGO",
        "OSC",
        "GCC",
        "CIS",
        "SCO",
        "COE",
        "BRI",
        "G7",
        "G20",
        "ICC",
        "OAS",
        "OIC",
    }
)
_NAME_HOLDER_RE = re.compile(r"[A-Z\s]")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Letters that Unicode decomposition does not reduce to ASCII.
_ASCII_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ı": "i",
        "đ": "d",
        "Đ": "D",
        "œ": "oe",
        "þ": "th",
    }
)


class ActorDataError(ValueError):
    """A dictionary file that does not follow the format; the message names file and entry."""


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open date interval [start, end) as ISO day strings; ``None`` means open."""

    start: str | None
    end: str | None

    def contains(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Role:
    country: str | None
    role: str | None
    period: Period
    office: str | None = None  # office id when the role comes from holding an office


@dataclass(slots=True)
class ActorEntry:
    id: str
    name: str
    type: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    surname: str | None = None
    ambiguous: list[str] = field(default_factory=list)
    source: str = ""

    @property
    def entity_id(self) -> str:
        return ID_PREFIX + self.id


@dataclass(frozen=True, slots=True)
class Holder:
    entity: str  # entry id
    period: Period


@dataclass(slots=True)
class Office:
    id: str
    kind: str
    country: str | None
    role: str | None
    descriptions: list[str] = field(default_factory=list)
    holders: list[Holder] = field(default_factory=list)
    concurrent: bool = False  # several holders at once (spokespersons of a ministry)

    def holder_at(self, day: str) -> str | None:
        """Entry id of whoever held the office on ``day`` (the latest one on a handover day)."""
        found = None
        for holder in self.holders:
            if holder.period.contains(day):
                found = holder.entity
        return found


@dataclass(frozen=True, slots=True)
class Coalition:
    """Parties governing ``country`` in ``period``; from ``talks`` on they were forming it."""

    id: str
    name: str
    country: str | None
    period: Period
    talks: str | None = None
    parties: tuple[str, ...] = ()
    support: tuple[str, ...] = ()  # parties supporting a minority cabinet from parliament


@dataclass(frozen=True, slots=True)
class Membership:
    party: str  # entry id of the party
    period: Period


@dataclass(slots=True)
class Dictionary:
    """All actor data, merged from the bundled files and any user files."""

    versions: dict[str, str] = field(default_factory=dict)  # file -> version
    entries: dict[str, ActorEntry] = field(default_factory=dict)
    offices: dict[str, Office] = field(default_factory=dict)
    kinds: dict[str, list[str]] = field(default_factory=dict)  # kind -> Dutch nouns
    nationalities: dict[str, str] = field(default_factory=dict)  # adjective -> country code
    city_adjectives: dict[str, str] = field(default_factory=dict)  # "Antwerpse" -> BEL
    cities: dict[str, str] = field(default_factory=dict)  # "Antwerpen" -> BEL
    groups: dict[str, str] = field(default_factory=dict)  # role noun -> role code
    bare_groups: dict[str, str] = field(default_factory=dict)  # nouns that stand alone -> role
    demonyms: dict[str, str] = field(default_factory=dict)  # "Russen" -> RUS
    coalitions: list[Coalition] = field(default_factory=list)
    memberships: dict[str, list[Membership]] = field(default_factory=dict)  # person -> parties


def slugify(text: str) -> str:
    """Stable ASCII slug: "Dimitri Peskov" -> "dimitri-peskov", "CD&V" -> "cd-v"."""
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_LETTERS))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def iso_day(value: Any) -> str | None:
    """ISO day string from a YAML date/str at year, month or day precision (``None`` = open).

    A year or month is padded to its first day, at both ends of a period.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    text = str(value)
    if not _DATE_RE.match(text):
        raise ActorDataError(f"bad date {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    parts = text.split("-")
    parts += ["01"] * (3 - len(parts))
    return "-".join(parts)


def _period(start: Any, end: Any, where: str) -> Period:
    try:
        period = Period(iso_day(start), iso_day(end))
    except ActorDataError as err:
        raise ActorDataError(f"{where}: {err}") from None
    if period.start and period.end and period.end < period.start:
        raise ActorDataError(f"{where}: period ends before it starts ({start} .. {end})")
    return period


def _check_code(code: Any, where: str) -> str | None:
    if code is None:
        return None
    code = str(code)
    if code not in _country_codes() and code not in IGO_CODES and code != "---":
        raise ActorDataError(f"{where}: unknown country/IGO code {code!r}")
    return code


def _check_role(role: Any, where: str) -> str | None:
    if role is None:
        return None
    if role not in ROLES:
        raise ActorDataError(f"{where}: unknown role {role!r}")
    return str(role)


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    import pycountry  # lazy: only needed while validating

    codes = {c.alpha_3 for c in pycountry.countries}
    codes.add("XKX")  # Kosovo: user-assigned but universal in news coding
    return frozenset(codes)


def _role(raw: Any, where: str) -> Role:
    if isinstance(raw, dict):
        raw = [raw.get("country"), raw.get("role"), raw.get("from"), raw.get("until")]
    if not isinstance(raw, list) or len(raw) not in (2, 3, 4):
        raise ActorDataError(f"{where}: a role is [country, role, from, until]")
    country, role, start, end = [*raw, None, None][:4]
    return Role(_check_code(country, where), _check_role(role, where), _period(start, end, where))


def _add_entry(dictionary: Dictionary, raw: dict[str, Any], source: str) -> None:
    where = f"{source}: entity {raw.get('id') or raw.get('name')!r}"
    name = raw.get("name")
    if not name:
        raise ActorDataError(f"{where}: needs a name")
    entry_id = str(raw.get("id") or slugify(name))
    if slugify(entry_id) != entry_id:
        raise ActorDataError(f"{where}: id must be a lower-case slug")
    aliases = [str(a) for a in raw.get("aliases") or []]
    roles = [_role(r, where) for r in raw.get("roles") or []]
    old = dictionary.entries.get(entry_id)
    if old is not None and old.source == source and not raw.get("update"):
        raise ActorDataError(f"{where}: duplicate id in the same file")
    if old is not None:
        old.aliases.extend(a for a in aliases if a not in old.aliases)
        old.roles.extend(roles)
        old.name = str(name)
        old.ambiguous.extend(str(a) for a in raw.get("ambiguous") or [])
        if raw.get("country"):
            old.country = _check_code(raw["country"], where)
        return
    etype = raw.get("type", "PER")
    if etype not in ENTITY_TYPES:
        raise ActorDataError(f"{where}: type must be one of {sorted(ENTITY_TYPES)}")
    dictionary.entries[entry_id] = ActorEntry(
        id=entry_id,
        name=str(name),
        type=etype,
        country=_check_code(raw.get("country"), where),
        aliases=aliases,
        roles=roles,
        surname=raw.get("surname"),
        ambiguous=[str(a) for a in raw.get("ambiguous") or []],
        source=source,
    )


def _add_office(dictionary: Dictionary, raw: dict[str, Any], source: str) -> None:
    where = f"{source}: office {raw.get('id')!r}"
    for key in ("id", "kind"):
        if not raw.get(key):
            raise ActorDataError(f"{where}: needs {key!r}")
    office = Office(
        id=str(raw["id"]),
        kind=str(raw["kind"]),
        country=_check_code(raw.get("country"), where),
        role=_check_role(raw.get("role", "GOV"), where),
        descriptions=[str(d) for d in raw.get("descriptions") or []],
        concurrent=bool(raw.get("concurrent")),
    )
    if office.id in dictionary.offices:
        raise ActorDataError(f"{where}: duplicate office id")
    pending: list[tuple[str, Period]] = []
    for item in raw.get("holders") or []:
        if not isinstance(item, list) or not 2 <= len(item) <= 3:
            raise ActorDataError(f"{where}: a holder is [person, from, until]")
        who, start, end = [*item, None][:3]
        pending.append((str(who), _period(start, end, f"{where} {who}")))
    starts = [period.start or "" for _, period in pending]
    if starts != sorted(starts):
        raise ActorDataError(f"{where}: holders must be in chronological order")
    for who, period in pending:
        entry_id = who
        if _NAME_HOLDER_RE.search(who):
            entry_id = slugify(who)
        if entry_id not in dictionary.entries:
            raise ActorDataError(f"{where}: holder {who!r} is no known entity id")
        office.holders.append(Holder(entry_id, period))
        role = Role(office.country, office.role, period, office.id)
        dictionary.entries[entry_id].roles.append(role)
    dictionary.offices[office.id] = office


def _known_ids(dictionary: Dictionary, raw: Any, where: str) -> tuple[str, ...]:
    ids = tuple(str(i) for i in raw or [])
    for entry_id in ids:
        if entry_id not in dictionary.entries:
            raise ActorDataError(f"{where}: {entry_id!r} is no known entity id")
    return ids


def _add_coalition(dictionary: Dictionary, raw: dict[str, Any], source: str) -> None:
    where = f"{source}: coalition {raw.get('id')!r}"
    for key in ("id", "country", "from"):
        if not raw.get(key):
            raise ActorDataError(f"{where}: needs {key!r}")
    period = _period(raw.get("from"), raw.get("until"), where)
    talks = _period(raw.get("talks"), raw.get("from"), where).start
    dictionary.coalitions.append(
        Coalition(
            id=str(raw["id"]),
            name=str(raw.get("name") or raw["id"]),
            country=_check_code(raw["country"], where),
            period=period,
            talks=talks,
            parties=_known_ids(dictionary, raw.get("parties"), where),
            support=_known_ids(dictionary, raw.get("support"), where),
        )
    )


def _add_membership(dictionary: Dictionary, raw: Any, source: str) -> None:
    where = f"{source}: party member {raw!r}"
    if not isinstance(raw, list) or not 2 <= len(raw) <= 4:
        raise ActorDataError(f"{where}: a party member is [person, party, from, until]")
    person, party, start, end = [*raw, None, None][:4]
    _known_ids(dictionary, [person, party], where)
    membership = Membership(str(party), _period(start, end, where))
    dictionary.memberships.setdefault(str(person), []).append(membership)


def _add_mapping(target: dict[str, str], raw: Any, where: str, check: bool) -> None:
    if raw is None:
        return
    if not isinstance(raw, dict):
        raise ActorDataError(f"{where}: expected a mapping of code -> list of words")
    for code, words in raw.items():
        value = _check_code(code, where) if check else _check_role(code, where)
        for word in words or []:
            target[str(word)] = value or "---"


def _read_file(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        raw = yaml.load(handle, Loader=_YAML_LOADER) or {}
    if not isinstance(raw, dict) or "version" not in raw:
        raise ActorDataError(f"{path}: an actor file is a mapping with a 'version:' field")
    return raw


def _merge(dictionary: Dictionary, files: list[tuple[Path, dict[str, Any]]]) -> None:
    """Entities of every file first, so that any file's offices can name them by id."""
    for path, raw in files:
        dictionary.versions[str(path)] = str(raw["version"])
        for item in raw.get("entities") or []:
            _add_entry(dictionary, item, path.name)
    for path, raw in files:  # people named only as office holders, so ids work across files
        for office in raw.get("offices") or []:
            for item in office.get("holders") or []:
                who = str(item[0]) if isinstance(item, list) and item else ""
                if _NAME_HOLDER_RE.search(who) and slugify(who) not in dictionary.entries:
                    _add_entry(dictionary, {"name": who, "type": "PER"}, path.name)
    for path, raw in files:
        source = path.name
        for item in raw.get("offices") or []:
            _add_office(dictionary, item, source)
        for kind, nouns in (raw.get("kinds") or {}).items():
            dictionary.kinds.setdefault(str(kind), []).extend(str(n) for n in nouns)
        _add_mapping(dictionary.nationalities, raw.get("nationalities"), source, True)
        _add_mapping(dictionary.city_adjectives, raw.get("city_adjectives"), source, True)
        _add_mapping(dictionary.cities, raw.get("cities"), source, True)
        _add_mapping(dictionary.groups, raw.get("groups"), source, False)
        _add_mapping(dictionary.bare_groups, raw.get("bare_groups"), source, False)
        _add_mapping(dictionary.demonyms, raw.get("demonyms"), source, True)
        for item in raw.get("coalitions") or []:
            _add_coalition(dictionary, item, source)
        for item in raw.get("party_members") or []:
            _add_membership(dictionary, item, source)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the YAML files of directories named, in a stable order."""
    for item in paths:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        elif path.exists():
            yield path
        else:
            raise ActorDataError(f"{path}: no such actor file or directory")


def bundled_files() -> list[Path]:
    return list(expand_paths([data_path("actors")]))


def env_files() -> tuple[str, ...]:
    """User dictionary files/directories named in ``KRONIEK_ACTORS``."""
    value = os.environ.get(ENV_VAR, "")
    return tuple(p for p in value.split(os.pathsep) if p)


@lru_cache(maxsize=8)
def load_dictionary(extra: tuple[str, ...] = ()) -> Dictionary:
    """The bundled dictionary merged with the ``extra`` user files/directories (cached)."""
    dictionary = Dictionary()
    paths = [*bundled_files(), *expand_paths(extra)]
    _merge(dictionary, [(path, _read_file(path)) for path in paths])
    return dictionary

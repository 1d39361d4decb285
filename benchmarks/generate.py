"""Synthetic Dutch news articles for benchmarks: crawl-format JSONL rows, reproducible by seed.

Sentences are assembled from small word lists, so the text is Dutch-like and varied enough for
deduplication and search to do real work. About 1% of rows repeat an earlier article exactly and
2% are wire copies (same text, another headline and outlet).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

ACTORS = ["Poetin", "de Russische president", "Rutte", "De Croo", "de Belgische premier",
          "Zelensky", "Biden", "Trump", "Macron", "Scholz", "de Europese Commissie", "de NAVO",
          "de politie van Antwerpen", "het parket", "de vakbonden", "Israël", "Hamas", "China",
          "de burgemeester van Gent", "de minister van Defensie", "Erdogan", "Netanyahu"]  # fmt: skip
VERBS = ["belooft steun aan", "beschuldigt", "ontmoet", "bekritiseert", "waarschuwt", "steunt",
         "dreigt met sancties tegen", "roept op tot overleg met", "valt aan", "arresteert",
         "sluit een akkoord met", "eist excuses van", "bezoekt", "veroordeelt"]  # fmt: skip
PLACES = ["Brussel", "Antwerpen", "Den Haag", "Amsterdam", "Moskou", "Kiev", "Gent", "Luik",
          "Rotterdam", "Gaza", "Washington", "Peking", "Parijs", "Berlijn", "Damascus"]  # fmt: skip
TIMES = ["maandag", "gisteren", "vorige week", "eerder deze maand", "op 11 december", "vandaag",
         "dinsdagavond", "volgend jaar"]  # fmt: skip
FILLERS = ["Dat meldt het persbureau.", "De reacties zijn verdeeld.",
           "Volgens waarnemers is de spanning de voorbije weken toegenomen.",
           "Het overleg wordt later deze week voortgezet.",
           "De oppositie vraagt opheldering in het parlement.",
           "Er vielen geen gewonden.", "De economische gevolgen zijn nog onduidelijk."]  # fmt: skip
OUTLETS = ["hln.be", "nos.nl", "nrc.nl", "demorgen.be", "vrt.be", "standaard.be", "ad.nl",
           "volkskrant.nl", "nieuwsblad.be", "telegraaf.nl"]  # fmt: skip
AGENCIES = ["Belga", "ANP", "Reuters", "AFP"]


def _sentence(rng: random.Random) -> str:
    return (f"{rng.choice(ACTORS).capitalize()} {rng.choice(VERBS)} {rng.choice(ACTORS)} "
            f"in {rng.choice(PLACES)} {rng.choice(TIMES)}, zegt een woordvoerder van "
            f"{rng.choice(ACTORS)} ({rng.randint(1, 99999)}).")  # fmt: skip


def _article(rng: random.Random, number: int) -> tuple[str, str]:
    year, month = rng.randint(2015, 2025), rng.randint(1, 12)
    title = f"{rng.choice(ACTORS).capitalize()} {rng.choice(VERBS)} {rng.choice(ACTORS)}"
    paragraphs = [
        " ".join(_sentence(rng) if rng.random() < 0.6 else rng.choice(FILLERS) for _ in range(4))
        for _ in range(rng.randint(3, 6))
    ]
    body = "\n\n".join(paragraphs)
    header = f" date {year}-{month:02d} {title} Redactie\n\n{rng.randint(6, 22)}u{rng.randint(0, 59):02d}\n\n"
    source = f"Bron: {rng.choice(AGENCIES)} 1 Belga Een foto bij artikel {number}. "
    url = f"https://www.{rng.choice(OUTLETS)}/nieuws/{year}/{month:02d}/{rng.randint(1, 28):02d}/a{number}"
    return url, header + source + body


def generate_rows(count: int, seed: int = 7) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    earlier: list[str] = []
    for number in range(count):
        roll = rng.random()
        if earlier and roll < 0.01:
            text = rng.choice(earlier)  # exact duplicate from another crawl
            url = f"https://www.{rng.choice(OUTLETS)}/dup/{number}"
        elif earlier and roll < 0.03:
            original = rng.choice(earlier)  # wire copy: another headline, same body
            _head, _, rest = original.partition("\n\n")
            text = f" date 2020-01 Kopie van het persbericht nummer {number}\n\n{rest}"
            url = f"https://www.{rng.choice(OUTLETS)}/wire/{number}"
        else:
            url, text = _article(rng, number)
        if len(earlier) < 2000:
            earlier.append(text)
        elif rng.random() < 0.01:
            earlier[rng.randrange(len(earlier))] = text
        yield {"url": url, "text": text}


def write_jsonl(path: Path, count: int, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for row in generate_rows(count, seed):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path

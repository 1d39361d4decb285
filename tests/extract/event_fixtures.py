"""Hand-built Docs for the event tests: a small actor and place gazetteer of our own.

``make_doc`` tokenises a Dutch text, finds every gazetteer surface in it (longest first, on word
boundaries; a capitalised first letter also matches at sentence start) and builds the Entities,
Places and TimeRefs with exact offsets, as the resolver would.
"""

from __future__ import annotations

import re

from kroniek.models import Article, Doc, Entity, Event, Mention, Place, TimeRef
from kroniek.nlp import morph
from kroniek.nlp.tokenize import split

# surface -> (entity id, name, type, country, role, generic)
ACTORS: dict[str, tuple[str, str, str, str | None, str | None, bool]] = {}


def _actor(surfaces: str, name: str, kind: str, country: str | None, role: str | None,
           generic: bool = False) -> None:
    slug = "kroniek:" + re.sub(r"\W+", "-", name.lower()).strip("-")
    for surface in surfaces.split("|"):
        ACTORS[surface] = (slug, name, kind, country, role, generic)


for _surfaces, _name, _country in [
    ("Rusland", "Russia", "RUS"), ("Oekraïne", "Ukraine", "UKR"), ("Israël", "Israel", "ISR"),
    ("Iran", "Iran", "IRN"), ("Syrië", "Syria", "SYR"), ("China", "China", "CHN"),
    ("Taiwan", "Taiwan", "TWN"), ("de VS|de Verenigde Staten|Washington", "United States", "USA"),
    ("België", "Belgium", "BEL"), ("Nederland", "Netherlands", "NLD"), ("Turkije", "Turkey", "TUR"),
    ("Frankrijk", "France", "FRA"), ("Duitsland", "Germany", "DEU"),
    ("Noord-Korea", "North Korea", "PRK"), ("Zuid-Korea", "South Korea", "KOR"),
    ("Japan", "Japan", "JPN"), ("Polen", "Poland", "POL"), ("Hongarije", "Hungary", "HUN"),
    ("Egypte", "Egypt", "EGY"), ("Libanon", "Lebanon", "LBN"), ("Irak", "Iraq", "IRQ"),
    ("Afghanistan", "Afghanistan", "AFG"), ("Qatar", "Qatar", "QAT"),
    ("Saudi-Arabië", "Saudi Arabia", "SAU"), ("Venezuela", "Venezuela", "VEN"),
    ("Groot-Brittannië|het Verenigd Koninkrijk|Londen", "United Kingdom", "GBR"),
    ("Armenië", "Armenia", "ARM"), ("Azerbeidzjan", "Azerbaijan", "AZE"),
    ("Servië", "Serbia", "SRB"),
    ("Kosovo", "Kosovo", "XKX"), ("Marokko", "Morocco", "MAR"), ("Mali", "Mali", "MLI"),
    ("Peking", "China", "CHN"), ("Moskou", "Russia", "RUS"), ("Kiev", "Ukraine", "UKR"),
]:
    _actor(_surfaces, _name, "GPE", _country, None)

for _surfaces, _name, _org_country, _org_role in [
    ("Poetin|Vladimir Poetin|de Russische president", "Vladimir Putin", "RUS", "GOV"),
    ("Lavrov", "Sergey Lavrov", "RUS", "GOV"), ("het Kremlin", "Kremlin", "RUS", "GOV"),
    ("Zelensky", "Volodymyr Zelensky", "UKR", "GOV"),
    ("Netanyahu|premier Netanyahu", "Benjamin Netanyahu", "ISR", "GOV"),
    ("Assad|Bashar al-Assad", "Bashar al-Assad", "SYR", "GOV"),
    ("Biden|president Biden", "Joe Biden", "USA", "GOV"),
    ("Blinken", "Antony Blinken", "USA", "GOV"),
    ("Trump", "Donald Trump", "USA", "GOV"), ("Xi Jinping|Xi", "Xi Jinping", "CHN", "GOV"),
    ("Erdogan", "Recep Tayyip Erdogan", "TUR", "GOV"),
    # two surfaces of one name, as a tagger that splits "Mohammed bin Salman" at "bin" leaves it
    ("Mohammed|Salman", "Mohammed bin Salman", "SAU", "GOV"),
    ("Macron", "Emmanuel Macron", "FRA", "GOV"),
    ("Scholz", "Olaf Scholz", "DEU", "GOV"), ("De Croo", "Alexander De Croo", "BEL", "GOV"),
    ("Rutte", "Mark Rutte", "NLD", "GOV"), ("Orbán", "Viktor Orban", "HUN", "GOV"),
    ("Kim Jong-un", "Kim Jong-un", "PRK", "GOV"), ("Khamenei", "Ali Khamenei", "IRN", "GOV"),
    ("Navalny", "Alexei Navalny", "RUS", "OPP"), ("Guterres", "Antonio Guterres", "UNO", None),
    ("Hamas", "Hamas", "PSE", "REB"), ("Hezbollah", "Hezbollah", "LBN", "REB"),
    ("de Taliban", "Taliban", "AFG", "REB"), ("de Houthi's", "Houthis", "YEM", "REB"),
    ("de NAVO", "NATO", "NAT", None), ("de EU|de Europese Unie|Brussel", "European Union", "EUR",
                                         None),
    ("de VN|de Verenigde Naties", "United Nations", "UNO", None),
    ("de Veiligheidsraad", "UN Security Council", "UNO", None),
    ("de FNV", "FNV", "NLD", "LAB"), ("het ABVV|ABVV", "ABVV", "BEL", "LAB"),
    ("het ACV|ACV", "ACV", "BEL", "LAB"), ("de NS", "Nederlandse Spoorwegen", "NLD", "BUS"),
    ("de NMBS", "NMBS", "BEL", "BUS"), ("Volvo", "Volvo", "SWE", "BUS"),
    ("Shell", "Shell", "GBR", "BUS"), ("N-VA", "N-VA", "BEL", "PTY"),
    ("Vlaams Belang", "Vlaams Belang", "BEL", "PTY"), ("de PVV", "PVV", "NLD", "PTY"),
    ("Amnesty International|Amnesty", "Amnesty International", None, "NGO"),
    ("Artsen zonder Grenzen", "Doctors Without Borders", None, "NGO"),
    ("de Tweede Kamer", "Tweede Kamer", "NLD", "LEG"), ("de Kamer", "Kamer", "BEL", "LEG"),
    ("de Wagnergroep|Wagner", "Wagner Group", "RUS", "MIL"),
    ("de rechtbank|de rechter", "court", "NLD", "JUD"), ("het parket", "parket", "BEL", "JUD"),
    ("het Openbaar Ministerie|het OM", "Openbaar Ministerie", "NLD", "JUD"),
    ("de Nederlandse politie", "Dutch police", "NLD", "COP"),
]:
    _actor(_surfaces, _name, "PER" if " " in _name and _org_role == "GOV" else "ORG", _org_country,
           _org_role)

for _surfaces, _name, _grp_country, _grp_role in [
    ("de politie|agenten", "police", "BEL", "COP"),
    ("de Israëlische luchtmacht|het Israëlische leger|Israëlische troepen|de Israëlische soldaten",
     "Israeli military", "ISR", "MIL"),
    ("Russische troepen|het Russische leger|Russische soldaten", "Russian military", "RUS", "MIL"),
    ("Oekraïense troepen|het Oekraïense leger", "Ukrainian military", "UKR", "MIL"),
    ("Palestijnse militanten", "Palestinian militants", "PSE", "REB"),
    ("Syrische rebellen|de rebellen", "Syrian rebels", "SYR", "REB"),
    ("de vakbonden|de bonden", "unions", "BEL", "LAB"),
    ("de Belgische regering|de federale regering|de regering", "Belgian government", "BEL", "GOV"),
    ("het kabinet", "Dutch cabinet", "NLD", "GOV"),
    ("Amerikaanse troepen", "US military", "USA", "MIL"),
    ("de Chinese marine", "Chinese navy", "CHN", "MIL"),
    ("Turkse troepen", "Turkish military", "TUR", "MIL"),
]:
    _actor(_surfaces, _name, "ORG", _grp_country, _grp_role, generic=True)

# surface -> (place id, name, country)
PLACES: dict[str, tuple[str, str, str]] = {
    "Gaza": ("geonames:281133", "Gaza", "PSE"),
    "de Gazastrook": ("geonames:7303419", "Gaza Strip", "PSE"),
    "Charkiv": ("geonames:706483", "Kharkiv", "UKR"),
    "Bachmoet": ("geonames:712451", "Bakhmut", "UKR"),
    "Damascus": ("geonames:170654", "Damascus", "SYR"),
    "Latakia": ("geonames:173579", "Latakia", "SYR"),
    "Antwerpen": ("geonames:2803138", "Antwerp", "BEL"),
    "Gent": ("geonames:2797656", "Ghent", "BEL"),
    "Amsterdam": ("geonames:2759794", "Amsterdam", "NLD"),
    "Den Haag": ("geonames:2747373", "The Hague", "NLD"),
    "Tel Aviv": ("geonames:293397", "Tel Aviv", "ISR"),
    "Rafah": ("geonames:281129", "Rafah", "PSE"),
    "Odessa": ("geonames:698740", "Odesa", "UKR"),
    "Beiroet": ("geonames:276781", "Beirut", "LBN"),
    "Aleppo": ("geonames:170063", "Aleppo", "SYR"),
    "de Westelijke Jordaanoever": ("geonames:6254930", "West Bank", "PSE"),
    "de Krim": ("geonames:703883", "Crimea", "UKR"),
    "de Donbas": ("geonames:709716", "Donbas", "UKR"),
}


def _pattern(surface: str) -> re.Pattern[str]:
    head = re.escape(surface[0])
    if surface[0].isalpha():
        head = f"[{surface[0].lower()}{surface[0].upper()}]"
    return re.compile(rf"(?<![\w-]){head}{re.escape(surface[1:])}(?![\w-])")


def find_spans(text: str, surfaces: list[str]) -> list[tuple[str, int, int]]:
    """Non-overlapping (surface, start, end) matches, longest surface first."""
    taken: list[tuple[int, int]] = []
    found = []
    for surface in sorted(surfaces, key=len, reverse=True):
        for match in _pattern(surface).finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append((surface, start, end))
    return sorted(found, key=lambda f: f[1])


def mention(text: str, surface: str, occurrence: int = 0) -> Mention:
    """A Mention of the ``occurrence``-th appearance of ``surface`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return Mention(surface, start, start + len(surface))


def make_doc(text: str, published: str = "2024-03-15",
             times: dict[str, str] | None = None, *, tagged: bool = False,
             outlet: str | None = None) -> Doc:
    """A Doc with sentences, entities, places and times found by the gazetteers above;
    ``tagged``: with part-of-speech tags from the real tagger (the rules that read tags)."""
    article = Article(id="test", text=text, source_file="test.txt", published=published,
                      outlet=outlet)
    doc = Doc(article=article, sentences=split(text))
    if tagged:
        morph.annotate(doc)
    entities: dict[str, Entity] = {}
    for surface, start, end in find_spans(text, list(ACTORS)):
        slug, name, kind, country, role, generic = ACTORS[surface]
        entity = entities.setdefault(
            slug, Entity(slug, name, kind, country, role, generic=generic)
        )
        entity.mentions.append(Mention(text[start:end], start, end, doc.sentence_index(start)))
    doc.entities = list(entities.values())
    places: dict[str, Place] = {}
    for surface, start, end in find_spans(text, list(PLACES)):
        place_id, name, country = PLACES[surface]
        place = places.setdefault(place_id, Place(place_id, name, country, None, None))
        place.mentions.append(Mention(text[start:end], start, end, doc.sentence_index(start)))
    doc.places = list(places.values())
    for surface, value in (times or {}).items():
        start = text.index(surface)
        doc.times.append(TimeRef(surface, value, start, start + len(surface)))
    return doc


Triple = tuple[str | None, str, str | None]


def triples(events: list[Event]) -> set[Triple]:
    """(source code, PLOVER type, target code) of each event."""
    return {
        (e.source.code if e.source else None, e.plover, e.target.code if e.target else None)
        for e in events
    }

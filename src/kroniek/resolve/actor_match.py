"""Finding actor mentions in one sentence: dictionary aliases and description phrases.

The matcher walks the word pieces of a sentence once and keeps the longest candidate at each
position. It only finds *candidates*; deciding which actor a candidate is (by date, by what else
the article mentions) is done in :mod:`kroniek.resolve.actors`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kroniek.resolve.actor_data import ActorEntry
from kroniek.resolve.actor_index import Index, NounTable, Pattern, Piece, Target, case_matches

DETERMINERS = frozenset({"de", "het", "die", "deze"})
VAN = "van"
ARMED_QUALIFIERS = frozenset({"militante", "gewapende"})  # before a people noun
ARMED_ROLE = "REB"
MAX_PLACE_PIECES = 5
MIN_POSSESSIVE_LENGTH = 4  # "Poetins" -> "Poetin"; shorter words are left alone
MIN_ADJECTIVE_LENGTH = 4  # "hoge"; "de", "ene" are no name's adjective
DESCRIPTION_KINDS = frozenset({"office", "office-kind"})
INDEFINITES = frozenset(
    {
        "een",
        "enkele",
        "twee",
        "drie",
        "oud",
        "ex",
        "voormalig",
        "voormalige",
        "vorige",
        "toenmalige",
    }
)
_OPENERS = frozenset("\"'“„‘«(‹[-–—:")


@dataclass(slots=True)
class Match:
    """A candidate mention: pieces [first, last) of a sentence and what they may refer to."""

    first: int
    last: int
    start: int  # character offsets into the article text
    end: int
    sentence: int
    kind: str  # entity | surname | office | office-kind | kind | counterpart | group | institution
    targets: list[Target] = field(default_factory=list)
    country: str | None = None
    role: str | None = None
    office_kind: str | None = None
    resolved: str | None = None  # entry id once resolved
    specific: bool = True  # False: "een woordvoerder", a description of someone else
    initial: bool = False  # a bare surname opening the sentence ("Kan dat?" is no Naoto Kan)
    institutions: tuple[str, ...] = ()  # kinds an "institution" match may be ("hof": two)
    anaphor: bool = False  # an institution noun that only refers back ("het hof", "het land")
    city: str | None = None  # the city of a local institution ("de rechtbank in Gent")
    possessive: bool = False  # "zijn regering": of whoever "zijn" is


def _sentence_initial(pieces: list[Piece], position: int) -> bool:
    return all(p.text in _OPENERS for p in pieces[:position])


def inside_name(pieces: list[Piece], first: int, last: int) -> bool:
    """Whether [first, last) is only part of a hyphenated name: "Noord-Holland", "ACV-Transcom".

    A name glued to a lower-case word still counts: "Kremlin-woordvoerder", "anti-Poetin".
    """
    before = first > 0 and not pieces[first].first and pieces[first - 1].text[:1].isupper()
    after = last < len(pieces) and not pieces[last].first and pieces[last].text[:1].isupper()
    return before or after


def _word_compound(pieces: list[Piece], first: int, last: int) -> bool:
    """A one-word name that is also a Dutch word, opening a compound with a lower-case head."""
    from kroniek.resolve.names import is_dutch_word

    glued = last < len(pieces) and not pieces[last].first and pieces[last].text[:1].islower()
    return glued and last - first == 1 and is_dutch_word(pieces[first].folded)


def _fits(pattern: Pattern, pieces: list[Piece], position: int) -> bool:
    size = len(pattern.pieces)
    if position + size > len(pieces):
        return False
    # cheapest test first: most patterns of a bucket fail on their second word
    for offset in range(1, size):
        if pieces[position + offset].folded != pattern.pieces[offset]:
            return False
    for offset in range(size):
        if not case_matches(pattern.surface[offset], pieces[position + offset].text):
            return False
    if inside_name(pieces, position, position + size):
        return False
    if not (pattern.common and _sentence_initial(pieces, position)):
        return True
    # a surname only stands for someone the article names in full: "Blok zei" may open a sentence
    return all(t.kind == "surname" for t in pattern.targets)


def _make(pieces: list[Piece], first: int, last: int, sentence: int, kind: str) -> Match:
    return Match(first, last, pieces[first].start, pieces[last - 1].end, sentence, kind)


def _portfolio_of_title(index: Index, pieces: list[Piece], first: int, last: int) -> bool:
    """ "minister van [Defensie] Avigdor Lieberman": a minister's portfolio, not the ministry."""
    from kroniek.resolve.names import cues, noun_in

    words = tuple(p.folded for p in pieces[first:last])
    if (words[0], words) not in {(w[0], w) for w, _ in index.portfolios.get(words[0], ())}:
        return False
    before = first - 1
    while before >= 2 and pieces[before].folded in ("en", ",", "&"):
        before -= 1  # "van Asiel en [Migratie]": back over the earlier portfolio
        while before >= 1 and pieces[before].folded != VAN:
            before -= 1
    if before < 1 or pieces[before].folded != VAN:
        return False
    title = pieces[before - 1].folded
    return title != MINISTRY and noun_in(title, cues().portfolio_titles)


def _alias_at(index: Index, pieces: list[Piece], position: int, sentence: int) -> Match | None:
    for pattern in index.patterns.get(pieces[position].folded, ()):
        if _fits(pattern, pieces, position):
            if _portfolio_of_title(index, pieces, position, position + len(pattern.pieces)):
                return None
            match = _make(pieces, position, position + len(pattern.pieces), sentence, "entity")
            explicit = [t for t in pattern.targets if t.explicit]
            targets = explicit or pattern.targets
            kinds = {t.kind for t in targets}
            match.kind = "office" if kinds == {"office"} else "entity"
            match.targets = [t for t in targets if t.kind != "office"] or targets
            compound = _word_compound(pieces, position, position + len(pattern.pieces))
            entries = index.dictionary.entries
            organisations = [entries[t.ref] for t in match.targets if t.kind == "entity"]
            if len(organisations) == len(match.targets) and _qualified(
                index, pieces, position, organisations
            ):
                return None  # "de Nationale Veiligheidsraad": another body than the alias names
            people = all(t.kind != "office" and entries[t.ref].type == "PER" for t in targets)
            if compound and people:
                return None  # "Advocaat-generaal": a title, not the coach Advocaat
            if not people and _given_name_before(pieces, position, organisations):
                return None  # "Jef Colruyt": the family, not the company named after it
            if kinds == {"surname"}:
                match.kind = "surname"
                match.initial = match.initial or _sentence_initial(pieces, position)
                # a surname that is an ordinary word ("Blok", "Kamp") needs the full name in
                # the article, unless a title says who it is ("minister Blok")
                if pattern.common and not _titled(index, pieces, position):
                    match.initial = True
            return match
    return _possessive_at(index, pieces, position, sentence)


def _titled(index: Index, pieces: list[Piece], position: int) -> bool:
    """Whether a title of an office or a government role stands right before a name:
    "minister Blok", "Premier Kok" (opening the sentence), "oud-minister Bot"."""
    if position == 0 or not pieces[position].first:
        return False
    word = pieces[position - 1].folded
    titles = (index.kind_nouns.get(word, []), index.group_nouns.get(word, []))
    kinds = any(words == (word,) for words, _ in titles[0])
    governing = any(words == (word,) and role == "GOV" for words, role in titles[1])
    return kinds or governing


def _given_name_before(pieces: list[Piece], position: int, entries: list[ActorEntry]) -> bool:
    """Whether a one-word company name follows a capitalised given name: "Henry Ford", "Jef
    Colruyt" name a person of the family the company is named after."""
    from kroniek.resolve.names import first_names

    companies = [e for e in entries if e.type == "ORG" and any(r.role == "BUS" for r in e.roles)]
    if position == 0 or not entries or len(companies) != len(entries):
        return False
    if position + 1 < len(pieces) and not pieces[position + 1].first:
        return False  # part of a hyphenated token: left to the hyphen rules
    before = pieces[position - 1]
    return before.first and before.text[:1].isupper() and before.folded in first_names()


def _inflected_adjective(word: str) -> bool:
    """A folded word that is an inflected Dutch adjective: "nationale", "hoge", "federale"."""
    import simplemma

    if len(word) < MIN_ADJECTIVE_LENGTH or not word.endswith("e") or word in DETERMINERS:
        return False
    lemma = simplemma.lemmatize(word, lang="nl").lower()
    return lemma != word and word.startswith(lemma[:3])


def _qualified(index: Index, pieces: list[Piece], position: int, entries: list[ActorEntry]) -> bool:
    """Whether an organisation's alias is the head of a longer name that makes it another body.

    A capitalised adjective written before the alias inside the sentence belongs to the same
    name: "de Nationale Veiligheidsraad" is no "Veiligheidsraad". A nationality adjective of the
    organisation's own country leaves it alone ("de Amerikaanse Senaat"); one of another country
    ("de Israëlische Veiligheidsraad") makes it that country's body, whatever the word order of
    the sentence. Other adjectives opening a sentence are capitalised only for that reason.
    """
    if position == 0 or not entries or any(e.type != "ORG" for e in entries):
        return False
    before = pieces[position - 1]
    if not before.first or not pieces[position].first or not before.text[:1].isupper():
        return False
    country = index.adjectives.get(before.folded)
    if country is not None:
        return all(e.country != country for e in entries)
    if _sentence_initial(pieces, position - 1):
        return False
    return _inflected_adjective(before.folded)


def _possessive_at(index: Index, pieces: list[Piece], position: int, sentence: int) -> Match | None:
    """ "Poetins plan": a name with the Dutch genitive s glued on."""
    piece = pieces[position]
    if len(piece.folded) <= MIN_POSSESSIVE_LENGTH or not piece.folded.endswith("s"):
        return None
    for pattern in index.patterns.get(piece.folded[:-1], ()):
        if len(pattern.pieces) == 1 and case_matches(pattern.surface[0], piece.text[:-1]):
            if pattern.common or not all(t.kind == "entity" for t in pattern.targets):
                continue
            entries = index.dictionary.entries
            if all(entries[t.ref].type == "PER" for t in pattern.targets):
                match = _make(pieces, position, position + 1, sentence, "entity")
                match.end -= 1
                match.targets = list(pattern.targets)
                return match
    return None


def _noun_at(table: NounTable, pieces: list[Piece], position: int) -> tuple[int, str] | None:
    """Longest noun of ``table`` starting at ``position``: (pieces used, value)."""
    for words, value in table.get(pieces[position].folded, ()):
        size = len(words)
        if position + size <= len(pieces) and all(
            pieces[position + offset].folded == words[offset] for offset in range(1, size)
        ):
            return size, value
    return None


def _described(
    index: Index,
    pieces: list[Piece],
    first: int,
    noun_at: int,
    country: str,
    sentence: int,
    regional: bool,
) -> Match | None:
    """A role noun after a country: an office, a counterpart or a group."""
    if noun_at >= len(pieces):
        return None
    kind = _noun_at(index.kind_nouns, pieces, noun_at)
    if kind and not regional:
        match = _make(pieces, first, noun_at + kind[0], sentence, "office-kind")
        match.country, match.office_kind = country, kind[1]
        return match
    if pieces[noun_at].folded in index.counterparts:
        match = _make(pieces, first, noun_at + 1, sentence, "counterpart")
        match.country = country
        return match
    group = _noun_at(index.group_nouns, pieces, noun_at)
    if group:
        match = _make(pieces, first, noun_at + group[0], sentence, "group")
        match.country, match.role = country, group[1]
        return match
    return None


def _adjective_at(index: Index, pieces: list[Piece], position: int, sentence: int) -> Match | None:
    """ "Russische president", "Syrische rebellen", "Antwerpse politie", "Syrische ambtgenoot"."""
    piece = pieces[position]
    if not piece.text[:1].isupper():
        return None
    country = index.adjectives.get(piece.folded)
    regional = False
    if country is None:
        country = index.city_adjectives.get(piece.folded)
        regional = True
    if country is None:
        return None
    return _described(index, pieces, position, position + 1, country, sentence, regional)


def _place_at(index: Index, pieces: list[Piece], position: int) -> tuple[int, str] | None:
    if position < len(pieces) and pieces[position].folded in DETERMINERS:
        position += 1
    limit = min(MAX_PLACE_PIECES, len(pieces) - position)
    for size in range(limit, 0, -1):
        words = pieces[position : position + size]
        if not words[0].text[:1].isupper():
            return None
        code = index.place_names.get(tuple(p.folded for p in words))
        if code:
            return position + size, code
    return None


def _noun_of_place_at(
    index: Index, pieces: list[Piece], position: int, sentence: int
) -> Match | None:
    """ "president van Rusland", "de politie van Antwerpen"."""
    for table, kind in ((index.kind_nouns, "office-kind"), (index.group_nouns, "group")):
        noun = _noun_at(table, pieces, position)
        if noun is None:
            continue
        after = position + noun[0]
        if after >= len(pieces) or pieces[after].folded != VAN:
            continue
        place = _place_at(index, pieces, after + 1)
        if place is None:
            continue
        match = _make(pieces, position, place[0], sentence, kind)
        match.country = place[1]
        if kind == "office-kind":
            match.office_kind = noun[1]
        else:
            match.role = noun[1]
        return match
    return None


MINISTRY = "ministerie"
PLACE_LINKS = frozenset({VAN, "in"})


def _ministry_at(index: Index, pieces: list[Piece], position: int, sentence: int) -> Match | None:
    """ "het Chinese ministerie van Defensie", "het ministerie van Buitenlandse Zaken van
    Qatar": a ministry of a named portfolio, of the country an adjective or place names."""
    country = None
    at = position
    if pieces[at].text[:1].isupper() and pieces[at].folded in index.adjectives:
        country = index.adjectives[pieces[at].folded]
        at += 1
    if at + 2 >= len(pieces) or pieces[at].folded != MINISTRY or pieces[at + 1].folded != VAN:
        return None
    portfolio = _noun_at(index.portfolios, pieces, at + 2)
    if portfolio is None or not pieces[at + 2].text[:1].isupper():
        return None
    last = at + 2 + portfolio[0]
    if last < len(pieces) and pieces[last].folded in PLACE_LINKS:
        place = _place_at(index, pieces, last + 1)
        if place is not None and country in (None, place[1]):
            last, country = place[0], place[1]
    match = _make(pieces, position, last, sentence, "ministry")
    match.country, match.office_kind = country, portfolio[1]
    return match


def _bare_at(index: Index, pieces: list[Piece], position: int, sentence: int) -> Match | None:
    """ "de president" (an earlier office holder) and "betogers" (a group without country)."""
    group = _noun_at(index.bare_groups, pieces, position)
    if group:
        match = _make(pieces, position, position + group[0], sentence, "group")
        match.role = group[1]
        return match
    people = _noun_at(index.demonyms, pieces, position)
    if people and pieces[position].text[:1].isupper():
        match = _make(pieces, position, position + people[0], sentence, "group")
        match.country = people[1]
        if position > 0 and pieces[position - 1].folded in ARMED_QUALIFIERS:
            match.role = ARMED_ROLE  # "militante Palestijnen": armed men, not the people
        return match
    if position == 0 or pieces[position - 1].folded not in DETERMINERS:
        return None
    kind = _noun_at(index.kind_nouns, pieces, position)
    if kind is None:
        return None
    after = position + kind[0]
    if after < len(pieces) and pieces[after].text[:1].isupper():
        return None  # "de president Emmanuel Macron": the name speaks for itself
    if after < len(pieces) and pieces[after].folded == VAN:
        return None  # "de leider van de Waalse socialisten": someone else's office
    match = _make(pieces, position, after, sentence, "kind")
    match.office_kind = kind[1]
    return match


DEMONSTRATIVES = frozenset({"die", "deze", "dit"})
POSSESSIVES = frozenset({"zijn", "haar"})  # "Poetin en zijn regering": of his country
DEFINITE = DETERMINERS | DEMONSTRATIVES
COUNTRY = "country"  # the kind of "het land": the country the article is about
MAX_CITY_PIECES = 3


def _institution_at(
    index: Index, pieces: list[Piece], position: int, sentence: int
) -> Match | None:
    """ "de regering", "het Israëlische leger", "de nieuwe regering", "de rechtbank in Gent" and
    the nouns that refer back ("het hof", "het postbedrijf", "het land"): one institution."""
    table = index.institutions
    if table is None:
        return None
    before = pieces[position - 1].folded if position > 0 else ""
    definite = before in DEFINITE or before in POSSESSIVES
    capital = pieces[position].text[:1].isupper()
    if not (definite or capital):
        return None  # cheapest test first: most words follow no article and have no capital
    if capital and not definite and _sentence_initial(pieces, position):
        definite = True  # a headline drops the article: "Politie pakt verdachte op"
    at = position
    while at < len(pieces) and pieces[at].folded in table.modifiers and pieces[at].text.islower():
        at += 1
    if at > position and not definite:
        return None
    country, city = None, None
    if at < len(pieces) and pieces[at].text[:1].isupper():
        if pieces[at].folded in index.adjectives:
            country = index.adjectives[pieces[at].folded]
            at += 1
        elif pieces[at].folded in index.city_adjectives:
            country = index.city_adjectives[pieces[at].folded]
            city = table.adjective_places.get(pieces[at].folded)
            at += 1
    if at >= len(pieces) or not pieces[at].first or not (definite or country):
        return None
    if position > 0 and pieces[position - 1].folded in INDEFINITES:
        return None
    bare = definite and country is None and before not in POSSESSIVES  # "zijn bedrijf": his
    match = _institution_noun(index, pieces, at, bare)
    if match is None:
        return None
    first = position
    if position > 0 and pieces[position - 1].folded in DEMONSTRATIVES:
        first = position - 1  # "dit land", "die regering": the determiner is no "de"/"het"
    match.first, match.start, match.sentence = first, pieces[first].start, sentence
    match.country, match.city = country, city
    match.possessive = before in POSSESSIVES
    if match.anaphor:
        return match if country is None else None
    placed = _place_after(index, pieces, match)
    if placed is not None and placed.city is None:
        # "in de gemeente" names no municipality: it can only refer back to one named
        placed.anaphor = any(table.kinds[k].placed for k in placed.institutions)
    return placed


def _institution_noun(index: Index, pieces: list[Piece], at: int, bare: bool) -> Match | None:
    """The institution noun at ``at`` as a match of its own (anaphors only when ``bare``)."""
    table = index.institutions
    assert table is not None
    words = [p.folded for p in pieces[at : at + 4]]
    texts = [p.text for p in pieces[at : at + 4]]
    noun = table.noun_at(words, texts)
    kinds: tuple[str, ...] = ()
    anaphor = False
    if noun is not None and (bare or not noun.anaphor):
        if texts[0][:1].isupper() and not noun.capital and not _sentence_initial(pieces, at):
            return None  # "het Openbaar Ministerie in Rotterdam": a name, not a description
        size, kinds, anaphor = len(noun.pieces), noun.kinds, noun.anaphor
    elif bare and words[0] in table.country_anaphors:
        size, kinds, anaphor = 1, (COUNTRY,), True
    elif bare and (compound := table.compound_at(words[0])) is not None:
        size, kinds, anaphor = 1, compound.kinds, True
    else:
        return None
    last = at + size
    if last < len(pieces) and not pieces[last].first:
        return None  # "politie-inval", "leger-top"
    if anaphor and last < len(pieces):
        following = pieces[last]
        if following.folded == VAN or following.text[:1].isupper():
            return None  # "het bedrijf van zijn vader", "de partij Groen"
    match = _make(pieces, at, last, 0, "institution")
    match.institutions, match.anaphor = kinds, anaphor
    return match


def _place_after(index: Index, pieces: list[Piece], match: Match) -> Match | None:
    """ "de rechtbank in Gent", "de politie van Antwerpen", "rechtbank Noord-Holland", "de
    regering van Israël": the place an institution belongs to. Only a city's own institutions
    (police, courts) take a city; "het leger in Gaza" is no army of Gaza."""
    table = index.institutions
    assert table is not None
    local = any(table.kinds[k].local for k in match.institutions)
    last = match.last
    if last >= len(pieces) or match.country is not None:
        return match
    following = pieces[last]
    if following.folded in PLACE_LINKS:
        place = _place_at(index, pieces, last + 1)
        if place is not None:
            named = [p for p in pieces[last + 1 : place[0]] if p.folded not in DETERMINERS]
            is_city = tuple(p.folded for p in named) in table.cities
            if not local and (is_city or following.folded != VAN):
                return match
            match.city = _joined(named) if is_city else None
            match.country = place[1]
            match.last, match.end = place[0], pieces[place[0] - 1].end
            return match
        if not local:
            return match
        last += 1
    elif not following.text[:1].isupper():
        return match
    elif not local:
        return None  # "de regering Biden": a name the dictionary does not know
    end = last
    while end < len(pieces) and end - last < MAX_CITY_PIECES and pieces[end].text[:1].isupper():
        end += 1
    if end > last and pieces[last].folded not in index.not_names:
        match.city = _joined(pieces[last:end])
        match.country = index.place_names.get(tuple(p.folded for p in pieces[last:end]))
        match.last, match.end = end, pieces[end - 1].end
    return match


def _joined(pieces: list[Piece]) -> str:
    """Pieces as written: "Den Haag", "Rotterdam-Rijnmond"."""
    text = pieces[0].text
    for piece in pieces[1:]:
        text += (" " if piece.first else "-") + piece.text
    return text


def match_sentence(index: Index, pieces: list[Piece], sentence: int) -> list[Match]:
    """All non-overlapping candidate mentions of a sentence, longest first at each position."""
    matches: list[Match] = []
    position = 0
    while position < len(pieces):
        candidates = [
            found
            for finder in (
                _alias_at,
                _institution_at,
                _adjective_at,
                _noun_of_place_at,
                _ministry_at,
                _bare_at,
            )
            if (found := finder(index, pieces, position, sentence)) is not None
        ]
        if not candidates:
            position += 1
            continue
        best = max(candidates, key=lambda m: m.last)  # first finder wins a tie: aliases first
        if best.kind in DESCRIPTION_KINDS:
            best.specific = _specific(pieces, best)
            matches.extend(_nested(index, pieces, best, sentence))
        matches.append(best)
        position = best.last
    return sorted(matches, key=lambda m: m.start)


def _specific(pieces: list[Piece], match: Match) -> bool:
    """Whether a description names the office itself: not "een Hamas-leider", not "leider van
    Hamas in de Gazastrook" (a local office the dictionary does not know)."""
    before = pieces[match.first - 1].folded if match.first > 0 else ""
    if before in INDEFINITES:
        return False
    after = [p.text for p in pieces[match.last : match.last + 3]]
    if after[:1] == ["in"]:
        place = after[2:3] if after[1:2] in (["de"], ["het"]) else after[1:2]
        return not (place and place[0][:1].isupper())
    return True


def _nested(index: Index, pieces: list[Piece], outer: Match, sentence: int) -> list[Match]:
    """Named organisations inside a description: "woordvoerder van het Kremlin" -> Kremlin.

    Only whole words of the description's own country count: the "Kremlin" of
    "Kremlin-woordvoerder" is part of a title, and "Buitenlandse Zaken" in "de Amerikaanse
    minister van Buitenlandse Zaken" is no ministry of the reader's country.
    """
    countries = _countries_of(index, outer)
    found: list[Match] = []
    position = outer.first + 1
    while position < outer.last:
        inner = _alias_at(index, pieces, position, sentence) if pieces[position].first else None
        if inner is None or inner.last > outer.last or inner.kind != "entity":
            position += 1
            continue
        entries = [index.dictionary.entries[t.ref] for t in inner.targets]
        whole = inner.last == len(pieces) or pieces[inner.last].first
        own = len(entries) == 1 and entries[0].country in countries
        if whole and own and entries[0].type in {"ORG", "GPE"}:
            found.append(inner)
        position = inner.last
    return found


def _countries_of(index: Index, match: Match) -> set[str | None]:
    if match.kind == "office":
        return {index.dictionary.offices[t.ref].country for t in match.targets}
    return {match.country}

"""Names the actor resolver did not know: "zegt vakbondsman Michel Roman van de bond".

A speaker is often a person named once, with no dictionary entry. A run of capitalised words
(with name particles such as "van der") in an attribution is taken as that person's name. A
capitalised word that opens a sentence is only a name when another capitalised word follows,
since "Zaterdag zei ..." and "Daarop zei ..." start with ordinary words.
"""

from __future__ import annotations

from dataclasses import dataclass

from kroniek.extract.quote_context import QuoteContext

MAX_NAME_TOKENS = 5
NAME_LOOKBACK = 60  # tokens searched back for the person a pronoun refers to
MIN_ANTECEDENT_TOKENS = 2  # a person is introduced with first and last name; "Brussel" is not one
AFFILIATION_LINKS = frozenset({"van", "bij", "(", "namens", "uit"})
AFFILIATION_REACH = 3  # "van het ACV", "(Open VLD)"
# Capitalised adjectives of nationality are not names: Russische, Israëlische, Palestijnse.
ADJECTIVE_ENDINGS = ("se", "sche", "che")
TITLE_ARTICLES = frozenset({"De", "Het"})
SENTENCE_PUNCT = frozenset(".!?:;")
OPENERS = frozenset(".!?:;\"'„“”«»‘’-–—(")


@dataclass(frozen=True, slots=True)
class Name:
    """Token indices [first, last) of a name and the actor it is affiliated with, if any."""

    first: int
    last: int
    affiliation_code: str | None = None


def _is_name_word(ctx: QuoteContext, index: int) -> bool:
    text = ctx.tokens[index].text
    low = ctx.lows[index]
    words = ctx.words
    return (
        text[:1].isupper()
        and text.replace("-", "").replace("'", "").replace("’", "").isalpha()
        and not text.endswith(ADJECTIVE_ENDINGS)
        and low not in words.not_names
        and low not in words.prepositions
        and not ctx.verbs.is_form(low)
        and not words.is_description_head(text)
    )


def _is_title_article(ctx: QuoteContext, index: int, last: int) -> bool:
    """A capitalised article inside a sentence opens a name: "meldt De Standaard"."""
    if ctx.tokens[index].text not in TITLE_ARTICLES or index + 1 >= last or index == 0:
        return False
    same_sentence = ctx.token_sentence[index] == ctx.token_sentence[index - 1]
    return same_sentence and ctx.lows[index - 1] not in SENTENCE_PUNCT


def _opens_sentence(ctx: QuoteContext, index: int) -> bool:
    if index == 0 or ctx.token_sentence[index] != ctx.token_sentence[index - 1]:
        return True
    return ctx.lows[index - 1] in OPENERS


def name_at(ctx: QuoteContext, index: int, last: int) -> Name | None:
    """The name starting at token ``index`` (not reaching ``last``), if one starts there."""
    if _is_title_article(ctx, index, last):
        index_end = name_at(ctx, index + 1, last)
        if index_end is not None:
            return Name(index, index_end.last, index_end.affiliation_code)
    if not _is_name_word(ctx, index) or ctx.tokens[index].start in ctx.not_actor_starts:
        return None
    end = index + 1
    particles = ctx.words.name_particles
    while end < last and end - index < MAX_NAME_TOKENS:
        if _is_name_word(ctx, end):
            end += 1
            continue
        if end - index > 1:
            break  # "Jan Peeters van het ACV": after a full name, "van" is an affiliation
        after = end
        while after < last and ctx.tokens[after].text in particles:  # lower case: "van der"
            after += 1
        if after == end or after >= last or not _is_name_word(ctx, after):
            break
        if ctx.tokens[after].text.isupper():
            break  # "Jan van ACOD": an acronym is an organisation
        end = after + 1
    if end == index + 1 and _opens_sentence(ctx, index):
        return None
    return Name(index, end, _affiliation(ctx, end, last))


def _affiliation(ctx: QuoteContext, end: int, last: int) -> str | None:
    """The code of the organisation right after a name: "Michel Roman van het ACV"."""
    if end >= last or ctx.lows[end] not in AFFILIATION_LINKS:
        return None
    for index in range(end + 1, min(last, end + 1 + AFFILIATION_REACH)):
        mention = ctx.mention_starting_in(ctx.tokens[index])
        if mention is not None:
            return mention.entity.code
    return None


def name_text(ctx: QuoteContext, name: Name) -> str:
    return ctx.text[ctx.tokens[name.first].start : ctx.tokens[name.last - 1].end]


def nearest_name_before(ctx: QuoteContext, index: int) -> Name | None:
    """The closest unresolved name in the ``NAME_LOOKBACK`` tokens before token ``index``.

    Names inside direct quotes and words that belong to a resolved actor are skipped.
    """
    floor = max(0, index - NAME_LOOKBACK)
    for probe in range(index - 1, floor - 1, -1):
        if probe > 0 and (
            _is_name_word(ctx, probe - 1) or ctx.tokens[probe - 1].text in TITLE_ARTICLES
        ):
            continue  # not the first word of a name
        token = ctx.tokens[probe]
        if ctx.in_direct(token.start) or ctx.mention_starting_in(token) is not None:
            continue
        if probe > 0 and ctx.lows[probe - 1] in ctx.words.prepositions:
            continue  # "in Den Haag", "van Brussel"
        name = name_at(ctx, probe, index)
        if name is not None and name.last - name.first >= MIN_ANTECEDENT_TOKENS:
            return name
    return None

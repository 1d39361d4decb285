"""Who is speaking: the speaker of a stretch of text next to a speech cue.

A speaker is, in order of preference, an actor entity whose mention stands in the attribution
("zei Netanyahu"), a description ("een woordvoerder van de politie": its text is the name, the
code comes from the organisation it names), or a pronoun ("zei hij") resolved to the nearest
person before it ("ze"/"zij" may also be a group). Actors inside a prepositional phrase
("zei tegen Poetin", "na overleg met Lieberman") are passed over, as is the organisation of a
document noun ("stelt een mededeling van de president" speaks for the president). A group or
role followed by a name ("vakbondsman Jan Peeters") is that person; a definite description of a
company ("het bedrijf") refers back to the organisation named last; a name the resolver did not
know is kept as a name (``quote_names``).
"""

from __future__ import annotations

from dataclasses import dataclass

from kroniek.extract.quote_context import ActorMention, QuoteContext
from kroniek.extract.quote_names import Name, name_at, name_text, nearest_name_before
from kroniek.extract.quote_organisations import (
    group_referent,
    ministry_abroad,
    named_organisation,
    organisation_apposition,
    organisation_words,
)
from kroniek.models import ActorRef

PP_LOOKBACK = 3  # words between a preposition and its noun: "tegen de Russische president"
NP_EXTENSION = 6  # words of a "van ..." phrase after a description head without an entity
PERSON_KINDS = ("PER",)
GROUP_KINDS = ("PER", "generic")
FALLBACK_GROUP_KINDS = ("ORG", "GPE")
ORGANISATION_KINDS = ("ORG",)
SPOKESPERSON_REACH = 300  # characters back to the organisation a bare spokesperson speaks for
NP_LINKS = frozenset({"van", "bij", "uit", "in", "binnen", "rond", "namens", "voor"})
SENTENCE_PUNCT = frozenset(".!?;:")
ARTICLES = frozenset({"de", "het", "een"})  # a word right before one ends a "van"-phrase: a verb
QUOTE_MARKS = frozenset("\"'„“”‘’‚«»‹›")
DESCRIPTION_LEAD = frozenset({"een", "de", "het", "die", "deze"})  # before "woordvoerder"
DESCRIPTION_REACH = 40  # tokens back from a pronoun to the described speaker it may mean


@dataclass(frozen=True, slots=True)
class Region:
    """Token indices [first, last) in which to look for a speaker."""

    first: int
    last: int

    @property
    def empty(self) -> bool:
        return self.last <= self.first


def actor_ref(mention: ActorMention) -> ActorRef:
    """The speaker behind a mention; a generic group is named as the text names it."""
    entity = mention.entity
    name = mention.surface if entity.generic and mention.surface else entity.name
    return ActorRef(entity=entity.id, name=name, code=entity.code)


def speaker_in(
    ctx: QuoteContext, region: Region, *, skip_pp: bool = True, object_speaker: bool = False
) -> ActorRef | None:
    """The first speaker named in ``region`` (the last person for "citeerde X")."""
    if object_speaker:
        people = [m for m in _mentions(ctx, region) if m.entity.type in PERSON_KINDS]
        if people:
            return actor_ref(people[-1])
    index = region.first
    while index < region.last:
        found, index = _candidate(ctx, region, index, skip_pp)
        if found is not None:
            return found
    return None


def sentence_subject(
    ctx: QuoteContext, mention: ActorMention, kinds: tuple[str, ...]
) -> ActorMention:
    """The first actor of ``kinds`` outside a prepositional phrase in the sentence of
    ``mention``, up to it: in "X gaf Y het vertrouwen" that is X, the likelier speaker of a
    quote after the sentence than Y, the actor named last."""
    index = min(ctx.token_at_or_after(mention.start), len(ctx.tokens) - 1)
    tokens = ctx.sentence_range(ctx.token_sentence[index])
    region = Region(tokens.start, tokens.stop)
    for other in ctx.actors_in(ctx.tokens[tokens.start].start, mention.start):
        entity = other.entity
        if not (entity.type in kinds or ("generic" in kinds and entity.generic)):
            continue
        if not _in_pp(ctx, region, ctx.token_at_or_after(other.start)):
            return other
    return mention


def has_non_speaker_pronoun(ctx: QuoteContext, region: Region) -> bool:
    """True when ``region`` holds "ik", "we", "men": the clause reports no third party."""
    return any(
        ctx.lows[i] in ctx.words.non_speaker_pronouns for i in range(region.first, region.last)
    )


def _mentions(ctx: QuoteContext, region: Region) -> list[ActorMention]:
    if region.empty:
        return []
    lo = ctx.tokens[region.first].start
    hi = ctx.tokens[region.last - 1].end
    return ctx.actors_in(lo, hi)


def _candidate(
    ctx: QuoteContext, region: Region, index: int, skip_pp: bool
) -> tuple[ActorRef | None, int]:
    """Look at the token at ``index``: a speaker found there, and the next index to look at."""
    token = ctx.tokens[index]
    low = ctx.lows[index]
    if ctx.in_direct(token.start):
        return None, index + 1
    mention = ctx.mention_starting_in(token)
    words = ctx.words
    if mention is not None:
        end_index = ctx.token_at_or_after(mention.end)
        if mention.end < token.end and words.is_description_head(token.text):
            return _description(ctx, region, index), index + 1  # "Kremlin-woordvoerder"
        if skip_pp and _in_pp(ctx, region, index):
            return None, max(end_index, index + 1)
        person = _named_member(ctx, region, mention, end_index)
        if person is not None:
            return person
        return _organisation_ref(ctx, mention), end_index
    if low in words.pronouns:
        return _pronoun(ctx, region, index), index + 1
    if _definite_anaphor(ctx, region, index):
        if skip_pp and _in_pp(ctx, region, index):
            return None, index + 1
        mention = ctx.nearest_before(ctx.tokens[index - 1].start, ORGANISATION_KINDS)
        if mention is not None:
            return actor_ref(mention), index + 1
        return _description(ctx, region, index), index + 1
    if words.is_description_head(token.text) or words.is_document_noun(token.text):
        if skip_pp and _in_pp(ctx, region, index):
            return None, index + 1
        return _description(ctx, region, index), index + 1
    name = name_at(ctx, index, region.last)
    if name is not None:
        if skip_pp and _in_pp(ctx, region, index):
            return None, name.last
        return _name_ref(ctx, name), name.last
    return None, index + 1


def _named_member(
    ctx: QuoteContext, region: Region, mention: ActorMention, end_index: int
) -> tuple[ActorRef, int] | None:
    """A person named right after a group or role: "vakbondsman Jan Peeters" is Jan Peeters."""
    if mention.entity.type in PERSON_KINDS or not (
        mention.entity.generic or ctx.words.is_description_head(mention.last_word)
    ):
        return None
    head = end_index - 1 if mention.entity.generic and end_index > 0 else None
    following = _apposition(ctx, region, end_index, head)  # or "het Russische persbureau TASS"
    if isinstance(following, ActorMention):
        return actor_ref(following), ctx.token_at_or_after(following.end)
    if isinstance(following, Name):
        return _name_ref(ctx, following, mention.entity.code), following.last
    return None


def _organisation_ref(ctx: QuoteContext, mention: ActorMention) -> ActorRef:
    """The speaker behind a mention, with a described organisation taken as the one the article
    names ("het Russische persbureau") and a ministry abroad given the article's country."""
    return group_referent(ctx, mention) or ministry_abroad(ctx, mention) or actor_ref(mention)


def _name_ref(ctx: QuoteContext, name: Name, code: str | None = None) -> ActorRef:
    """A speaker known only by name, coded by the organisation named with it."""
    return ActorRef(entity=None, name=name_text(ctx, name), code=name.affiliation_code or code)


def _definite_anaphor(ctx: QuoteContext, region: Region, index: int) -> bool:
    """ "het bedrijf", "de fabrikant": a definite description of an organisation named before."""
    words = ctx.words
    return (
        ctx.lows[index] in words.anaphoric_nouns
        and index > region.first
        and ctx.lows[index - 1] in words.definite_determiners
    )


def _in_pp(ctx: QuoteContext, region: Region, index: int) -> bool:
    """True when a preposition stands up to a few lower-case words before ``index``."""
    words = ctx.words
    back = index - 1
    while back >= region.first and back >= index - PP_LOOKBACK:
        low = ctx.lows[back]
        if low in words.prepositions:
            return True
        text = ctx.tokens[back].text
        if text in QUOTE_MARKS:  # "in 'De Zevende Dag'"
            back -= 1
            continue
        if not (low in words.np_fillers or text.islower() or _is_adjective(text)):
            return False
        back -= 1
    return False


def _is_adjective(word: str) -> bool:
    """Capitalised adjectives of nationality: Russische, Israëlische, Palestijnse."""
    return word[:1].isupper() and word.endswith(("se", "sche", "che"))


def _pronoun(ctx: QuoteContext, region: Region, index: int) -> ActorRef | None:
    """Resolve "hij"/"ze"/"zij" (and "hem"/"haar" after "volgens") to the nearest fitting actor."""
    if index not in ctx.pronoun_cache:
        ctx.pronoun_cache[index] = _resolve_pronoun(ctx, index)
    return ctx.pronoun_cache[index]


def _resolve_pronoun(ctx: QuoteContext, index: int) -> ActorRef | None:
    low = ctx.lows[index]
    object_form = low in {"hem", "haar", "hen", "hun"}
    if object_form and (index == 0 or ctx.lows[index - 1] not in ctx.words.attribution_words):
        return None
    at = ctx.tokens[index].start
    quote = ctx.direct_at(at)
    anchor = quote.open_at if quote is not None else at
    kind = ctx.words.pronouns[low]
    mention = ctx.nearest_before(anchor, PERSON_KINDS if kind == "person" else GROUP_KINDS)
    name = nearest_name_before(ctx, ctx.token_at_or_after(anchor))
    named_at = max(
        mention.start if mention is not None else -1,
        ctx.tokens[name.first].start if name is not None else -1,
    )
    if kind == "person":
        described = _description_before(ctx, anchor, named_at)
        if described is not None:
            return described  # "..., zei een woordvoerder van het ministerie. Hij ..."
    if name is not None and (mention is None or ctx.tokens[name.first].start > mention.start):
        return _name_ref(ctx, name)  # a person the resolver did not know, named more recently
    if mention is None and kind != "person":
        mention = ctx.nearest_before(anchor, FALLBACK_GROUP_KINDS)
    return actor_ref(mention) if mention is not None else None


def _description_before(ctx: QuoteContext, anchor: int, named_at: int) -> ActorRef | None:
    """The described speaker of the sentence before ``anchor`` or of its own ("..., zei een
    woordvoerder van het ministerie. Hij ..."), when no one was named after it. Only a speaker:
    "De Jonge sprak met een woordvoerder. Hij ..." is still De Jonge."""
    at = ctx.token_at_or_after(anchor)
    if at == 0:
        return None
    sentence = ctx.token_sentence[min(at, len(ctx.tokens) - 1)]
    first = max(ctx.sentence_tokens[max(0, sentence - 1)][0], at - DESCRIPTION_REACH)
    for index in range(at - 1, first - 1, -1):
        token = ctx.tokens[index]
        if token.start <= named_at:
            return None
        if ctx.in_direct(token.start) or not ctx.words.is_description_head(token.text):
            continue
        if ctx.mention_starting_in(token) is not None:
            return None  # a description the resolver already names ("Kremlin-woordvoerder")
        if not _after_speech_cue(ctx, index, first):
            continue
        bounds = ctx.sentence_tokens[ctx.token_sentence[index]]
        return _description(ctx, Region(bounds[0], bounds[1]), index)
    return None


def _after_speech_cue(ctx: QuoteContext, head: int, first: int) -> bool:
    """The noun phrase ending in ``head`` follows a speech verb or "aldus"/"volgens"."""
    before = head - 1
    while before >= first and ctx.lows[before] in DESCRIPTION_LEAD:
        before -= 1
    if before < first:
        return False
    word = ctx.lows[before]
    return word in ctx.words.attribution_words or ctx.verbs.is_form(word)


def resolve_pronoun_before(ctx: QuoteContext, offset: int, kind: str) -> ActorRef | None:
    """The actor a pronoun of ``kind`` ("person" or "group") refers to, looking back from offset."""
    mention = ctx.nearest_before(offset, PERSON_KINDS if kind == "person" else GROUP_KINDS)
    return actor_ref(mention) if mention is not None else None


def _description(ctx: QuoteContext, region: Region, head: int) -> ActorRef | None:
    """A described speaker: "een woordvoerder van de politie" or the actor behind a document."""
    following = _apposition(ctx, region, head + 1, head)
    if isinstance(following, ActorMention):
        return actor_ref(following)
    start = _np_start(ctx, region, head)
    end_index, inner = _np_end(ctx, region, head)
    if ctx.words.is_document_noun(ctx.tokens[head].text):
        return _organisation_ref(ctx, inner) if inner is not None else None
    lo = ctx.tokens[start].start
    hi = ctx.tokens[end_index - 1].end
    in_np = ctx.actors_in(lo, hi)
    if in_np and in_np[0].start > ctx.tokens[head].start:
        recoded = ministry_abroad(ctx, in_np[0])  # "een woordvoerder van het ministerie van X"
        code = recoded.code if recoded is not None else in_np[0].entity.code
    elif in_np:
        code = in_np[0].entity.code
    else:
        named = _described_organisation(ctx, start, end_index, head)
        if named is not None:
            return actor_ref(named)
        code = _spokesperson_code(ctx, head) or _national_code(ctx, start, end_index, head)
    if following is None and end_index < region.last and ctx.lows[end_index] == ",":
        following = _apposition(ctx, region, end_index + 1)  # "de woordvoerder, Wu Qian,"
        if isinstance(following, ActorMention):
            return actor_ref(following)
    if isinstance(following, Name):
        return _name_ref(ctx, following, code)
    return ActorRef(entity=None, code=code, name=ctx.text[lo:hi])


def _spokesperson_code(ctx: QuoteContext, head: int) -> str | None:
    """A bare "een woordvoerder" speaks for the organisation named just before."""
    if ctx.lows[head] not in ctx.words.spokesperson_heads:
        return None
    at = ctx.tokens[head].start
    mention = ctx.nearest_before(at, ORGANISATION_KINDS)
    if mention is None or at - mention.end > SPOKESPERSON_REACH:
        return None
    return mention.entity.code


def _described_organisation(
    ctx: QuoteContext, start: int, end: int, head: int
) -> ActorMention | None:
    """ "het Russische persbureau": the organisation of that kind and country the article
    names."""
    from kroniek.extract.event_context import grammar

    role = organisation_words().role_of(ctx.tokens[head].text)
    if role is None:
        return None
    demonyms = grammar().demonyms
    country = next((demonyms[w] for w in ctx.lows[start:head] if w in demonyms), None)
    if country is None:
        return None
    return named_organisation(ctx, country, role, ctx.tokens[start].start)


def _national_code(ctx: QuoteContext, start: int, end: int, head: int) -> str | None:
    """A description that names no actor but a nationality: its country, with the role of the
    institution it names or else of its head noun ("een woordvoerder van het Chinese ministerie
    van Buitenlandse Zaken": CHNGOV; "de Franse minister": FRAGOV; "een Russische diplomaat":
    RUS)."""
    from kroniek.extract.event_context import grammar

    g = grammar()
    lows = ctx.lows[start:end]
    found = next(((at, g.demonyms[w]) for at, w in enumerate(lows) if w in g.demonyms), None)
    if found is None:
        return None
    at, country = found
    kinds = organisation_words()
    role = next(
        (g.anaphors.get(word) or kinds.role_of(word) for word in lows[at + 1 :]
         if word in g.anaphors or kinds.role_of(word)),
        None,
    )  # fmt: skip
    return country + (role or g.title_roles.get(ctx.lows[head], ""))


def _apposition(
    ctx: QuoteContext, region: Region, index: int, head: int | None = None
) -> ActorMention | Name | None:
    """A person named at ``index``, right after a description: "woordvoerder Jan Peeters"; or
    the organisation named after a head of its kind: "het Russische persbureau Interfax"."""
    if index >= region.last:
        return None
    mention = ctx.mention_starting_in(ctx.tokens[index])
    if mention is not None:
        if mention.entity.type in PERSON_KINDS:
            return mention
        named = head is not None and organisation_apposition(ctx, head, mention)
        return mention if named else None
    return name_at(ctx, index, region.last)


def _np_start(ctx: QuoteContext, region: Region, head: int) -> int:
    words = ctx.words
    start = head
    while start - 1 >= region.first:
        low = ctx.lows[start - 1]
        text = ctx.tokens[start - 1].text
        if low in words.prepositions or low in ctx.verbs.alone or low in words.attribution_words:
            break
        if not (
            low in words.np_fillers or _is_adjective(text) or (text.isalpha() and text.islower())
        ):
            break
        start -= 1
    return start


def _np_end(ctx: QuoteContext, region: Region, head: int) -> tuple[int, ActorMention | None]:
    """Token index after the description, and the actor its "van"-phrase names."""
    link = head + 1
    if link >= region.last or ctx.lows[link] not in NP_LINKS:
        return head + 1, None
    limit = min(region.last, link + 1 + NP_EXTENSION)
    for index in range(link + 1, limit):
        mention = ctx.mention_starting_in(ctx.tokens[index])
        if mention is not None:
            return max(ctx.token_at_or_after(mention.end), index + 1), mention
    end = link + 1
    while (
        end < limit and _np_word(ctx, end) and not _verb_before_object(ctx, link, end, region.last)
    ):
        end += 1
    return (end if end > link + 1 else head + 1), None


def _verb_before_object(ctx: QuoteContext, link: int, index: int, last: int) -> bool:
    """``van justitie handelde de verdachte``: a later word right before an article is the
    clause's verb, not part of the "van"-phrase."""
    return index > link + 1 and index + 1 < last and ctx.lows[index + 1] in ARTICLES


def _np_word(ctx: QuoteContext, index: int) -> bool:
    low = ctx.lows[index]
    text = ctx.tokens[index].text
    if low in ctx.words.that_words or ctx.verbs.is_form(low) or low in ctx.words.finite_verbs:
        return False
    return text.isalpha() and text not in SENTENCE_PUNCT


def description_end(ctx: QuoteContext, region: Region, head: int) -> int:
    """Token index just after the description whose head noun is at ``head``."""
    following = _apposition(ctx, region, head + 1, head)
    if isinstance(following, ActorMention):
        return ctx.token_at_or_after(following.end)
    if isinstance(following, Name):
        return following.last
    return _np_end(ctx, region, head)[0]

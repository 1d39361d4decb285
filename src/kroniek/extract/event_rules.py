"""Clause and article rules of event coding that look past the trigger's own words: the return
fire of a two-sided fight, refused and governed acts that are no events of their own, the crowd
police act against, the accused a prosecutor's demand aims at, conditions of threats, meetings
named in a time phrase, background passives, and tagger checks on verb readings.
"""

from __future__ import annotations

from kroniek.extract.event_codes import (
    ASSAULT,
    COUNTRY_CODE_LENGTH,
    CRIME,
    at_home,
)
from kroniek.extract.event_context import (
    COMMA,
    KIND_PERSON,
    ActorSpan,
    Clause,
    grammar,
)
from kroniek.extract.event_lexicon import Hit, lexicon
from kroniek.extract.event_roles import Roles, find_subject
from kroniek.extract.event_targets import SentenceContext, governing_prep, span_ref
from kroniek.models import ActorRef, Event

FIGHT = "FIGHT"
CONSULT = "CONSULT"
REJECT = "REJECT"
CIVILIAN_ROLE = "CVL"
UNKNOWN = "---"
VIOLENT = frozenset({FIGHT, ASSAULT})
LEGAL_ROLES = frozenset({"COP", "JUD"})
FORCE_ROLES = frozenset({"COP", "MIL"})
PRIVATE_ROLES = frozenset({"CVL", "CRM", "BUS", "LAB"})
JUDICIARY = "JUD"
ACCUSED = "beklaagde"  # the name of the unnamed accused a penalty demand is aimed at
# Verbs that act on an act they take as object ("verbood de betoging", "schond het bestand",
# "onderzoekt de aanval", "hield de steun achter"): that act is not their subject's.
ACTS_ON_ACTS = frozenset({"COERCE", "REJECT", "INVESTIGATE", "SANCTION"})
CONDITIONALS = frozenset({"als", "indien", "tenzij", "zolang"})
TIME_PREPS = frozenset({"na", "tijdens", "bij", "voor", "vóór", "sinds", "na afloop van"})
TIME_PREP_AFTER = "na afloop van"
MEETING_PARTNER_GAP = 4  # "na een telefoongesprek met (de Oekraïense president) Zelensky"
BACKGROUND_WORDS = frozenset({"eerder", "ooit", "vroeger", "destijds", "reeds"})
PLUPERFECT_AUXILIARIES = frozenset({"was", "waren"})
NON_VERB_TAGS = frozenset({"NOUN", "ADJ", "PROPN", "ADP", "NUM", "DET", "PRON"})
NP_TAGS = frozenset({"NUM", "ADJ", "DET", "ADP", "ADV"})


def return_fire(events: list[Event]) -> None:
    """Combat has two sides: "raketten werden afgeschoten vanuit Gaza" without a named target
    is aimed at whoever the text reported attacking the shooters' country before."""
    for index, event in enumerate(events):
        if event.plover != FIGHT or event.target is not None or event.source is None:
            continue
        country = (event.source.code or "")[:COUNTRY_CODE_LENGTH]
        if len(country) < COUNTRY_CODE_LENGTH or country.startswith("-"):
            continue
        for earlier in reversed(events[:index]):
            if earlier.plover not in VIOLENT or earlier.target is None or earlier.source is None:
                continue
            source = earlier.source.code or ""
            aimed = (earlier.target.code or "")[:COUNTRY_CODE_LENGTH] == country
            other = source[:COUNTRY_CODE_LENGTH] not in (country, "") and source[:1] != "-"
            if aimed and other:
                event.target = ActorRef(earlier.source.entity, source, earlier.source.name)
                break


def te_clause_after(words: list[str], j: int, end: int) -> bool:
    """Is the particle at j the last of its kind before a closing "te" + verb ("riep X op de
    druk op te voeren" has its last "op" before "te")?"""
    rest = words[j + 1 : end]
    return "te" in rest and words[j] not in rest[: rest.index("te")] and "om" not in rest


def noun_phrase_word(ctx: SentenceContext, position: int) -> bool:
    """Tagged as a non-verb right after a numeral, adjective, determiner or preposition."""
    tokens = ctx.sentence.tokens
    return tokens[position].pos in NON_VERB_TAGS and tokens[position - 1].pos in NP_TAGS


def infinitive_at(ctx: SentenceContext, i: int) -> bool:
    """A bare infinitive at i (by its tag, else a known infinitive form)."""
    if i >= len(ctx.words):
        return False
    tag = ctx.sentence.tokens[i].pos
    if tag:
        return tag in ("VERB", "AUX") and ctx.words[i].endswith("en")
    return any(h.form == "infinitive" for h in lexicon().forms.get(ctx.words[i], ()))


def without_refused_acts(
    found: list[tuple[Hit, list[Event]]],
) -> list[tuple[Hit, list[Event]]]:
    """"D66 weigerde in te stemmen": the refusal is the event; the negated act it refuses is
    not a second one."""
    refusers = {
        event.source.code
        for hit, events in found
        if hit.entry.plover == REJECT
        for event in events
        if event.source is not None and not event.negated
    }
    if not refusers:
        return found
    kept: list[tuple[Hit, list[Event]]] = []
    for hit, events in found:
        if hit.entry.plover != REJECT:
            events = [
                e for e in events
                if not (e.negated and e.source is not None and e.source.code in refusers)
            ]
            if not events:
                continue
        kept.append((hit, events))
    return kept


def takes_noun(verb: Hit, noun: str) -> bool:
    """Whether a verb reading may take the act ``noun`` as its object: one read with the words
    it needs ("een celstraf geven") takes those, not another act ("strafkorting geven")."""
    return not verb.entry.needs or noun in verb.entry.needs


def _token_at(ctx: SentenceContext, start: int) -> int:
    return next(i for i, t in enumerate(ctx.sentence.tokens) if t.start == start)


def _apart(ctx: SentenceContext, clause: Clause, verb: int, noun: int) -> bool:
    """Whether the verb at ``verb`` sits in a relative clause inside the clause ("de daders die
    tot een celstraf veroordeeld zijn, kregen ...") that the noun at ``noun`` is not part of."""
    words = ctx.words
    openers = grammar().relatives | {COMMA}
    opener = next((i for i in range(verb - 1, clause.start, -1) if words[i] in openers), None)
    if opener is None or words[opener] == COMMA or noun < verb:
        return False  # "de betoging die de bond aankondigde": the antecedent is its object
    return COMMA in words[verb:noun]


def in_object_relative(ctx: SentenceContext, clause: Clause, position: int) -> bool:
    """Whether the word at ``position`` sits in a relative clause inside the clause about
    someone other than its subject: "De rechtbank gaf de daders die veroordeeld waren, ..."
    (the verdict is not the court's judgement here). A relative right after the subject
    ("De minister die de aanslag veroordeelde, ...") is the subject's own."""
    words = ctx.words
    relatives = grammar().relatives
    for i in range(position - 1, clause.start, -1):
        if words[i] == COMMA:
            return False
        if words[i] in relatives:
            subject = clause.subject
            return subject is None or subject.last != i - 1
    return False


def by_subject(source: ActorRef | None, subject: ActorSpan) -> bool:
    """Whether an event's source is the clause's subject: the same entity when both are
    resolved (a named institution or a group alike), else the same name."""
    if source is None:
        return False
    if source.entity is not None and subject.entity is not None:
        return source.entity == subject.entity.id
    return source.name == subject.name


def without_object_acts(
    ctx: SentenceContext,
    clause: Clause,
    found: list[tuple[Hit, list[Event]]],
    subject: ActorSpan,
    verbs: list[tuple[Hit, int]],
) -> list[tuple[Hit, list[Event]]]:
    """"De burgemeester had de betoging verboden", "Rusland schond het bestand": the act that a
    verb acting on acts (``verbs``: valid verb readings and their character offsets, whether or
    not they made an event) takes as its object is not its subject's own act."""
    verbs = [(hit, start) for hit, start in verbs if hit.entry.plover in ACTS_ON_ACTS]
    if not verbs:
        return found
    kept: list[tuple[Hit, list[Event]]] = []
    for hit, events in found:
        if hit.form == "noun" and events:
            start = events[0].trigger.start
            position = next(i for i, t in enumerate(ctx.sentence.tokens) if t.start == start)
            governed = any(  # "verbood de betoging", "had de betoging verboden"
                verb_start != start
                and verb.entry.plover != hit.entry.plover
                and takes_noun(verb, ctx.words[position])
                and not _apart(ctx, clause, _token_at(ctx, verb_start), position)
                for verb, verb_start in verbs
            )
            if governed and governing_prep(ctx.words, clause, position) is None:
                events = [e for e in events if not by_subject(e.source, subject)]
                if not events:
                    continue
        kept.append((hit, events))
    return kept


def private_violence(plover: str, source: ActorRef) -> bool:
    """A crime, or violence by an unknown or private perpetrator (not a state's forces)."""
    code = source.code or ""
    private = code.startswith(UNKNOWN) or code[COUNTRY_CODE_LENGTH:] in PRIVATE_ROLES
    return plover == CRIME or (plover == ASSAULT and private)


def crowd_target(
    ctx: SentenceContext, clause: Clause, position: int, source: ActorRef
) -> ActorRef | None:
    """"De politie zette traangas in": against the crowd just named ("relschoppers gooiden
    stenen naar de politie, die traangas inzette"), in this sentence or the one before."""
    code = source.code or ""
    if code[COUNTRY_CODE_LENGTH:] not in FORCE_ROLES:
        return None
    before = [span for span in ctx.actors if span.last < position]
    earlier = ctx.earlier[-1] if ctx.earlier else []
    for span in [*reversed(before), *reversed(earlier)]:
        crowd = span.kind == KIND_PERSON or (span.entity is not None and span.entity.generic)
        if not crowd or (span.code or "")[COUNTRY_CODE_LENGTH:] in FORCE_ROLES:
            continue
        ref = in_custody(at_home(span_ref(span, clause, code), ctx.home), source)
        if ref is not None and ref.code:
            return ref
    return None


def accused(ctx: SentenceContext, clause: Clause, roles: Roles) -> list[ActorSpan]:
    """"De advocaat-generaal had dertig jaar gevraagd": a prosecutor's demand for a penalty is
    aimed at the accused, a civilian of the court's country."""
    codes = [span.code or "" for span in roles.sources]
    if not codes or not all(code[COUNTRY_CODE_LENGTH:] == JUDICIARY for code in codes):
        return []
    penalties = grammar().penalty_words
    if not any(word in penalties for word in ctx.words[clause.start : clause.end]):
        return []
    country = codes[0][:COUNTRY_CODE_LENGTH]
    return [ActorSpan(clause.start, clause.start, KIND_PERSON, country + CIVILIAN_ROLE, None,
                      ACCUSED)]


def meeting_in_time_phrase(
    ctx: SentenceContext, clause: Clause, position: int, hit: Hit
) -> bool:
    """"kondigde hij aan na een telefoongesprek met Zelensky": a meeting noun in a time phrase
    with its partner named is a meeting of the clause's subject."""
    if hit.entry.plover != CONSULT or not hit.entry.target_preps:
        return False
    prep = governing_prep(ctx.words, clause, position)
    if prep == "van":
        j = next((i for i in range(position - 1, clause.start - 1, -1) if ctx.words[i] == "van"),
                 None)
        prep = TIME_PREP_AFTER if j is not None and j > 0 and ctx.words[j - 1] == "afloop" else prep
    if prep not in TIME_PREPS:
        return False
    means = grammar().means_nouns
    return any(
        span.is_actor
        and span.prep in hit.entry.target_preps
        and position < span.first <= position + MEETING_PARTNER_GAP
        and not any(word in means for word in ctx.words[position + 1 : span.first])
        for span in clause.actors
    )


def background_passive(ctx: SentenceContext, clause: Clause, position: int) -> bool:
    """An agentless passive that reports an earlier act ("was eerder veroordeeld", "na te zijn
    veroordeeld"): not this article's act of the courts or the police."""
    words = ctx.words[clause.start : clause.end]
    if any(word in BACKGROUND_WORDS for word in words):
        return True
    if position >= 2 and ctx.words[position - 2 : position] == ["te", "zijn"]:
        return True
    pluperfect = any(word in PLUPERFECT_AUXILIARIES for word in words)
    return pluperfect and not any(word in grammar().passive_auxiliaries for word in words)


def content_clause_follows(ctx: SentenceContext, clause: Clause) -> bool:
    """"waarschuwt dat er minder treinen rijden": the dat-clause is what is said; without an
    actor named there the warning threatens nobody the text named before."""
    index = ctx.clauses.index(clause)
    return index + 1 < len(ctx.clauses) and ctx.clauses[index + 1].opener == "dat"


def condition_subject(ctx: SentenceContext, clause: Clause) -> list[ActorSpan]:
    """"dreigt met acties als de directie niet ingaat op de eisen": a threat is aimed at whoever
    must meet its condition."""
    index = ctx.clauses.index(clause)
    if index + 1 >= len(ctx.clauses):
        return []
    following = ctx.clauses[index + 1]
    if following.opener not in CONDITIONALS:
        return []
    subject = find_subject(
        following, ctx.words, clause, following.end, ctx.time_tokens, ctx.finite
    )
    return [subject] if subject is not None and subject.code else []


def in_custody(target: ActorRef | None, source: ActorRef) -> ActorRef | None:
    """Whom the police arrest or a court sentences, named but not coded ("Taghi") or of no
    known country ("demonstranten"), is a civilian of that country."""
    code = source.code or ""
    if target is None or code[COUNTRY_CODE_LENGTH:] not in LEGAL_ROLES or code.startswith("-"):
        return target
    if target.code and not target.code.startswith(UNKNOWN):
        return target
    role = target.code[len(UNKNOWN) :] if target.code else CIVILIAN_ROLE
    return ActorRef(target.entity, code[:COUNTRY_CODE_LENGTH] + role, target.name)

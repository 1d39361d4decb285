"""Dutch event coding: who did what to whom, where and when (PLOVER types, CAMEO codes).

``extract(doc)`` finds lexicon triggers (verbs, separable verbs, nouns, phrases) in each clause,
assigns source and target actors from the resolved entities by clause position (event_roles),
marks negation, modality and reported speech, attaches the nearest place and time, and keeps one
event per (source, type, target) per article. Events need a trigger and a source actor: a trigger
whose source cannot be found is skipped unless its lexicon entry names an unknown-perpetrator code.
"""

from __future__ import annotations

from dataclasses import dataclass

from kroniek.extract.event_codes import (
    ASSAULT,
    COUNTRY_CODE_LENGTH,
    CRIME,
    MODALITY_ASSERTED,
    at_home,
    coding,
    dedupe,
    home_country,
    implicit_source,
    sports_metaphor,
)
from kroniek.extract.event_context import (
    KIND_ENTITY,
    KIND_PERSON,
    ActorSpan,
    Clause,
    assign_actors,
    build_actors,
    grammar,
    split_clauses,
)
from kroniek.extract.event_lexicon import Hit, lexicon
from kroniek.extract.event_roles import (
    Roles,
    find_subject,
    finite_positions,
    noun_roles,
    person_code,
    verb_roles,
)
from kroniek.models import ActorRef, Doc, Event, Mention, Place, Sentence, TimeRef, Token

MODALITY_INTENDED = "intended"
MODALITY_HYPOTHETICAL = "hypothetical"
MODALITY_REPORTED = "reported"
REPORTER_PREPS = ("volgens",)
OPENING_MARKS = frozenset({'"', "'", "“", "‘", ",,", "„", "(", ":"})
# Types whose target may be the place where it happened ("luchtaanvallen in de Gazastrook").
PLACE_TARGET_TYPES = frozenset({"FIGHT", "ASSAULT", "MOBILIZE", "CONSULT", "AID", "RETREAT"})
# Acts that coordinated subjects do with each other ("Israël en Hamas sloten een bestand").
RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "FIGHT", "RETREAT", "COOPERATE"})
# Prepositions that put a place on the scene of an act ("luchtaanvallen op Gaza").
LOCATIVE_PREPS = frozenset({"in", "op", "naar", "bij", "rond", "rondom", "boven", "nabij",
                            "binnen", "tegen", "aan", "richting", "langs", "voor"})
DESTINATION_PREPS = frozenset({"naar", "aan"})
CONSULT = "CONSULT"
# Verbal reactions that may take an act as object ("veroordeelt de aanval", "steunt de staking").
REACTION_TYPES = frozenset({"DISAPPROVE", "SUPPORT", "REJECT"})
# Verbs whose object names an act that has not happened ("eist een bestand").
CONTENT_VERB_TYPES = frozenset({"DEMAND", "REJECT", "DISAPPROVE", "SUPPORT", "THREATEN"})
REJECT = "REJECT"
# Acts whose unnamed counterpart is the actor the text was just about ("De bond eist ...").
DISCOURSE_TARGET_TYPES = frozenset({"DEMAND", "THREATEN", "DISAPPROVE", "REJECT", "PROTEST"})
DISCOURSE_WINDOW = 2  # sentences back in which that counterpart is sought
# Roles of domestic politics, where both sides of a dispute are of the same country.
DOMESTIC_ROLES = frozenset({"GOV", "LAB", "BUS", "OPP", "PTY", "LEG", "JUD", "COP"})
NON_COUNTERPART_ROLES = frozenset({"MED", "CVL"})
# Verbs whose object has not happened at all ("eist de vrijlating van", "dreigt met sancties").
UNREALISED_TYPES = frozenset({"DEMAND", "THREATEN"})
UNKNOWN = "---"
# A noun in such a phrase after another trigger is what is talked or agreed about.
TOPIC_PREPS = frozenset({"over"})
TOPIC_LOOKBACK = 6
COMPLEMENTIZERS = frozenset({"om"})
RELATIVE_GAP = 2  # tokens from an act noun to "die"/"dat" opening its relative clause
GOVERNMENT_ROLE = "GOV"
# Acts on unnamed people that coordinated subjects do to each other ("ruilden gevangenen").
EXCHANGE_TYPES = frozenset({"CONCEDE"})
# Types where an unnamed person ("een man") may be the source.
PERSON_SOURCE_TYPES = frozenset({ASSAULT, CRIME})
CIVILIAN_ROLE = "CVL"
# Verbal acts aimed at whoever the dat-clause is about ("waarschuwt dat Hamas ...").
DAT_TARGET_TYPES = frozenset({"THREATEN", "DEMAND", "DISAPPROVE", "AGREE", "SUPPORT"})
# A verb never directly follows an article or possessive ("de tekenen", "van hun kant").
ARTICLES = frozenset({"de", "het", "een", "'t", "haar", "hun", "onze", "mijn", "uw", "diens"})
REPORTER_CUES = ("aldus",)
QUOTE_END = frozenset({",", "'", '"', "”", "’"})
# A noun in a PP with one of these is a circumstance ("bij Israëlische luchtaanvallen"), not the
# act of the clause's subject (as in "stemde in met een bestand").
ADVERBIAL_PREPS = frozenset(
    {"bij", "na", "tijdens", "sinds", "ondanks", "wegens", "vanwege", "door", "vóór", "zonder",
     "dankzij", "vanaf", "uit", "van"}
)
NOUN_PREP_LOOKBACK = 4  # tokens back from a noun to the preposition governing it
# A word before the trigger that looks like a finite verb ("stelden eisen", "stelt eisen").
PAST_OR_THIRD_PERSON = ("de", "te", "den", "ten", "dt")
PARTICLE_BLOCKERS = frozenset({"de", "het", "een", "'t", "zijn", "haar", "hun"})

__all__ = ["extract"]


@dataclass(slots=True)
class SentenceContext:
    """Everything the trigger loop needs about one sentence."""

    doc: Doc
    index: int
    sentence: Sentence
    words: list[str]
    clauses: list[Clause]
    reporter: ActorSpan | None
    time_tokens: frozenset[int]
    actors: list[ActorSpan]
    home: str | None
    places: list[tuple[int, Place]]  # (mention start, place) for the sentence's place mentions
    times: list[TimeRef]
    finite: frozenset[int]
    history: list[Event]  # the events of the sentences before, in order
    earlier: list[list[ActorSpan]]  # actor spans of the few sentences before


def extract(doc: Doc, *, require_target: bool = True) -> list[Event]:
    """All events of a document, deduplicated per (source, type, target).

    ``require_target``: keep only events with a target (the default: a who-did-what-to-whom
    record without a "whom" is rarely what users or the gold annotation count); a violent or
    diplomatic event without one takes the country of the place it happened in, when that is not
    the source's own.
    """
    actors = build_actors(doc)
    home = home_country(doc)
    events: list[Event] = []
    for index, sentence in enumerate(doc.sentences):
        earlier = actors.by_sentence[max(0, index - DISCOURSE_WINDOW) : index]
        found = _sentence_events(
            doc, index, sentence, actors.by_sentence[index], home, events, earlier
        )
        events.extend(event for event in found if not sports_metaphor(event))
    if require_target:
        events = [event for event in events if event.target is not None]
    return dedupe(events)


def _time_tokens(doc: Doc, sentence: Sentence) -> frozenset[int]:
    covered = set()
    for time in doc.times:
        if time.start < sentence.end and sentence.start < time.end:
            for i, token in enumerate(sentence.tokens):
                if token.start < time.end and time.start < token.end:
                    covered.add(i)
    return frozenset(covered)


def _sentence_reporter(words: list[str], actors: list[ActorSpan]) -> ActorSpan | None:
    """"volgens X" / "aldus X": X is who the sentence's claims are attributed to."""
    report_verbs = grammar().report_verbs
    for actor in actors:
        if not actor.is_actor:
            continue
        if actor.prep in REPORTER_PREPS:
            return actor
        if actor.first > 0 and words[actor.first - 1] in REPORTER_CUES:
            return actor
        # "..., zei Peskov" / "..., zegt de woordvoerder van X"
        if (
            actor.first > 1
            and words[actor.first - 1] in report_verbs
            and words[actor.first - 2] in QUOTE_END
        ):
            return actor
    return None


def _sentence_events(
    doc: Doc,
    index: int,
    sentence: Sentence,
    actors: list[ActorSpan],
    home: str | None,
    history: list[Event],
    earlier: list[list[ActorSpan]],
) -> list[Event]:
    tokens = sentence.tokens
    words = [token.text.lower() for token in tokens]
    clauses = split_clauses(words)
    assign_actors(clauses, actors, tokens)
    reporter = _sentence_reporter(words, actors)
    if reporter is not None:
        for clause in clauses:
            clause.actors = [a for a in clause.actors if a is not reporter]
    time_tokens = _time_tokens(doc, sentence)
    places = [
        (mention.start, place)
        for place in doc.places
        for mention in place.mentions
        if sentence.start <= mention.start < sentence.end
    ]
    sentence_times = [t for t in doc.times if sentence.start <= t.start < sentence.end]
    ctx = SentenceContext(
        doc, index, sentence, words, clauses, reporter, time_tokens, actors, home, places,
        sentence_times, finite_positions(words), history, earlier,
    )
    events: list[Event] = []
    previous: Clause | None = None
    for clause in clauses:
        clause.reporter = reporter or _clause_reporter(clause, previous, words)
        clause.subject = find_subject(
            clause, words, previous, clause.end, ctx.time_tokens, ctx.finite
        )
        events.extend(_clause_events(ctx, clause, previous))
        previous = clause
    return events


def _clause_reporter(clause: Clause, previous: Clause | None, words: list[str]) -> ActorSpan | None:
    """The subject of "X zegt dat ..." for the dat-clause."""
    if previous is None or clause.opener != "dat":
        return None
    if not any(w in grammar().report_verbs for w in words[previous.start : previous.end]):
        return None
    subject = previous.subject
    return subject if subject is not None and subject.kind == KIND_ENTITY else None


def _ordered_hits(hits: list[Hit], ctx: SentenceContext, position: int) -> list[Hit]:
    """Most specific reading first; a noun reading first after an article or adjective."""
    g = grammar()
    before = ctx.words[position - 1] if position > 0 else ""
    adjective = position > 0 and ctx.sentence.tokens[position - 1].text.islower()
    noun_context = (
        before in g.determiners
        or before in g.demonyms
        or before in g.prepositions
        or (adjective and before.endswith("e"))
        or (before.endswith(PAST_OR_THIRD_PERSON) and before not in g.auxiliaries)
    )

    def rank(hit: Hit) -> tuple[int, int, int]:
        is_noun = hit.form == "noun"
        return (
            -len(hit.entry.needs),
            0 if hit.particle or hit.te_particle else 1,
            0 if is_noun == noun_context else 1,
        )

    return sorted(hits, key=rank)


def _has_particle(ctx: SentenceContext, clause: Clause, position: int, hit: Hit) -> bool:
    particle = hit.particle
    tokens = ctx.sentence.tokens
    for j in range(position + 1, clause.end):
        if ctx.words[j] != particle:
            continue
        following = tokens[j + 1].text if j + 1 < len(tokens) else ""
        blocked = following.lower() in PARTICLE_BLOCKERS or following[:1].isupper()
        frame = particle in hit.entry.target_preps  # "stapt uit het akkoord"
        if blocked and particle in grammar().prepositions and not frame:
            continue  # "op de", "aan Rusland": a preposition, not the particle
        return True
    return False


def _has_sequence(words: list[str], needs: tuple[str, ...]) -> bool:
    size = len(needs)
    return any(tuple(words[i : i + size]) == needs for i in range(len(words) - size + 1))


def _valid(ctx: SentenceContext, clause: Clause, position: int, hit: Hit) -> bool:
    words = ctx.words
    text = ctx.sentence.tokens[position].text
    capitalised = text[:1].isupper() and not text.rpartition("-")[2].islower()  # not "EU-top"
    if position > 0 and capitalised and ctx.words[position - 1] not in OPENING_MARKS:
        return False  # a capitalised word inside a sentence is a name ("ACOD Spoor")
    if hit.form != "noun" and position > 0 and words[position - 1] in ARTICLES:
        return False
    if hit.particle and not _has_particle(ctx, clause, position, hit):
        return False
    if hit.te_particle and not (
        position >= 2 and words[position - 1] == "te" and words[position - 2] == hit.te_particle
    ):
        return False
    if hit.entry.modal_te and _modal_use(words, clause, position):
        return False
    return not hit.entry.needs or _has_sequence(words[clause.start : clause.end], hit.entry.needs)


def _modal_use(words: list[str], clause: Clause, position: int) -> bool:
    """"dreigt te vallen": a te-infinitive and neither a "met" phrase nor an object."""
    rest = words[position + 1 : clause.end]
    has_object = any(a.first > position and a.prep is None and a.is_actor for a in clause.actors)
    return "te" in rest and "met" not in rest and not has_object


def _trigger_events(
    ctx: SentenceContext, clause: Clause, previous: Clause | None, position: int
) -> tuple[Hit | None, list[Event]]:
    """Events of the lexicon reading of the token that applies, preferring one with a target."""
    hits = lexicon().lookup(ctx.words[position])
    fallback: tuple[Hit | None, list[Event]] = (None, [])
    for hit in _ordered_hits(hits, ctx, position) if hits else ():
        if not _valid(ctx, clause, position, hit):
            continue
        events = _events_for(ctx, clause, previous, position, hit)
        if hit.entry.need_target:
            events = [event for event in events if event.target is not None]
        if events and any(event.target is not None for event in events):
            return hit, events
        if events and fallback[0] is None:
            fallback = (hit, events)
    return fallback


def _clause_events(
    ctx: SentenceContext, clause: Clause, previous: Clause | None
) -> list[Event]:
    """Events of one clause; an undoing verb ("hief de sancties op") drops noun triggers."""
    found: list[tuple[Hit, list[Event]]] = []
    for position in range(clause.start, clause.end):
        hit, events = _trigger_events(ctx, clause, previous, position)
        if hit is None:
            continue
        if hit.form == "noun" and found and _topic(ctx, clause, position):
            continue  # "een akkoord over een gevechtspauze": the topic, not a second act
        found.append((hit, events))
    phrase_words = {word for hit, _ in found if hit.entry.needs for word in hit.entry.needs}
    found = [
        (hit, events)
        for hit, events in found
        if hit.entry.needs or not (hit.form == "noun" and _trigger_word(events) in phrase_words)
    ]
    found = _without_demanded_acts(found)
    if clause.subject is not None and _evaluative(ctx, clause):
        found = _without_evaluated_acts(found, clause.subject)
    cancelling = [hit for hit, _ in found if hit.entry.cancels]
    has_noun = any(hit.form == "noun" and not hit.entry.cancels for hit, _ in found)
    _aim_refusals(found)
    kept: list[Event] = []
    for hit, events in found:
        if cancelling and hit.form == "noun" and hit is not cancelling[0]:
            continue  # "hief de sancties op": the sanctions are lifted, not imposed
        if hit.entry.light and has_noun and not cancelling:
            continue  # "bood excuses aan": the noun names the act
        kept.extend(events)
    return kept


def _aim_refusals(found: list[tuple[Hit, list[Event]]]) -> None:
    """"D66 weigerde in te stemmen met het voorstel": the refusal is aimed at whom the refused
    (negated) act was aimed at."""
    refused = [
        event
        for hit, events in found
        if hit.entry.plover != REJECT
        for event in events
        if event.negated and event.target is not None
    ]
    if not refused:
        return
    for hit, events in found:
        if hit.entry.plover != REJECT:
            continue
        for event in events:
            if event.target is None:
                aimed = next((r for r in refused if _same_ref(r.source, event.source)), None)
                event.target = aimed.target if aimed is not None else None


def _same_ref(a: ActorRef | None, b: ActorRef | None) -> bool:
    return a is not None and b is not None and (a.entity, a.code) == (b.entity, b.code)


def _evaluative(ctx: SentenceContext, clause: Clause) -> bool:
    """Does the clause judge or answer something ("noemt de staking onverantwoord",
    "veroordeelde de aanslag", "eist een bestand")?"""
    g = grammar()
    for i in range(clause.start, clause.end):
        word = ctx.words[i]
        if word in g.evaluative_verbs:
            return True
        for hit in lexicon().lookup(word):
            content = hit.form != "noun" and hit.entry.plover in CONTENT_VERB_TYPES
            if content and _valid(ctx, clause, i, hit):
                return True
    return False


def _without_evaluated_acts(
    found: list[tuple[Hit, list[Event]]], subject: ActorSpan
) -> list[tuple[Hit, list[Event]]]:
    """The act a clause judges is not an act of its subject: "De Croo veroordeelde de aanslag"
    is no attack by De Croo."""
    kept: list[tuple[Hit, list[Event]]] = []
    for hit, events in found:
        if hit.form == "noun" and hit.entry.plover not in CONTENT_VERB_TYPES:
            events = [e for e in events if e.source is None or e.source.name != subject.name]
            if not events:
                continue
        kept.append((hit, events))
    return kept


def _without_demanded_acts(
    found: list[tuple[Hit, list[Event]]],
) -> list[tuple[Hit, list[Event]]]:
    """"De bond eist een baangarantie", "dreigt met een staking": the noun names what is
    demanded, refused or threatened, not an act of the same source; drop those noun events."""
    verbs = [
        (hit, event)
        for hit, events in found
        if hit.form != "noun" and hit.entry.plover in CONTENT_VERB_TYPES
        for event in events
        if event.source is not None
    ]
    if not verbs:
        return found
    speakers = {event.source.code for _, event in verbs if event.source is not None}
    unrealised = min(
        (e.trigger.start for hit, e in verbs if hit.entry.plover in UNREALISED_TYPES),
        default=None,
    )
    kept: list[tuple[Hit, list[Event]]] = []
    for hit, events in found:
        if hit.form == "noun" and hit.entry.plover not in CONTENT_VERB_TYPES:
            events = [
                e
                for e in events
                if (e.source is None or e.source.code not in speakers)
                and (unrealised is None or e.trigger.start < unrealised)
            ]
            if not events:
                continue
        kept.append((hit, events))
    return kept


def _trigger_word(events: list[Event]) -> str:
    return events[0].trigger.text.lower() if events else ""


def _in_phrase(ctx: SentenceContext, clause: Clause, position: int) -> bool:
    """A noun in a prepositional phrase or before the finite verb is not the subject's act."""
    g = grammar()
    for i in range(position - 1, max(clause.start, position - NOUN_PREP_LOOKBACK) - 1, -1):
        word = ctx.words[i]
        if word in g.prepositions:
            return word in ADVERBIAL_PREPS
        if word not in g.determiners and word not in g.demonyms and not word.endswith("e"):
            break
    if clause.subordinate:
        return False
    body = clause.start + (1 if clause.opener else 0)
    fin = next((i for i in range(body, clause.end) if i in ctx.finite), None)
    return fin is not None and position < fin


def _events_for(
    ctx: SentenceContext, clause: Clause, previous: Clause | None, position: int, hit: Hit
) -> list[Event]:
    subject = find_subject(clause, ctx.words, previous, position, ctx.time_tokens, ctx.finite)
    if hit.form == "noun":
        roles = noun_roles(
            hit, clause, ctx.words, subject, position, _in_phrase(ctx, clause, position)
        )
    else:
        roles = verb_roles(hit, clause, ctx.words, subject, position, ctx.actors)
        if not roles.targets and hit.entry.plover in DAT_TARGET_TYPES:
            roles.targets = _dat_clause_subject(ctx, clause)
        if not roles.targets and hit.entry.plover in REACTION_TYPES:
            reactions = _reaction_events(ctx, clause, position, hit, roles)
            if reactions:
                return reactions
    pairs = _pairs(roles, clause, hit.entry.plover, ctx.home)
    if not roles.targets and hit.entry.plover in DISCOURSE_TARGET_TYPES:
        policy = _policy_government(ctx, clause, position)
        pairs = [
            (
                source,
                target
                or _domestic(policy, source)
                or _discourse_target(ctx, position, source, roles.sources),
            )
            for source, target in pairs
        ]
    pairs = [(source, _place_people(ctx, position, source, target, roles)) for source, target
             in pairs]
    return [_event(ctx, clause, position, hit, source, target) for source, target in pairs]


def _reaction_events(
    ctx: SentenceContext,
    clause: Clause,
    position: int,
    hit: Hit,
    roles: Roles,
) -> list[Event]:
    """"Merz veroordeelde de aanval", "de minister betreurt de actie": a verbal reaction whose
    object is an act; its target is who did that act, named with the noun ("de aanval van
    Rusland") or else the source of the last earlier event of that type."""
    act = _object_act(ctx, clause, position)
    if act is None:
        return []
    act_position, act_hit = act
    own = noun_roles(act_hit, clause, ctx.words, None, act_position, True)
    doers: list[ActorRef] = []
    for span in own.sources:
        ref = at_home(_ref(span, clause, None), ctx.home)
        if ref is not None and ref.code:
            doers.append(ref)
    if not doers:
        doer = _relative_doer(ctx, clause, act_position)
        doers = [doer] if doer is not None else []
    if not doers:
        earlier = _last_of_type(ctx.history, act_hit.entry.plover)
        if earlier is not None and earlier.source is not None:
            doers = [earlier.source]
    events: list[Event] = []
    for source, _ in _pairs(roles, clause, hit.entry.plover, ctx.home):
        events.extend(
            _event(ctx, clause, position, hit, source, doer)
            for doer in doers
            if not _same(source, doer) and doer.code != source.code
        )
    return events


def _object_act(
    ctx: SentenceContext, clause: Clause, position: int
) -> tuple[int, Hit] | None:
    """The first noun trigger in the clause other than the verb ("veroordeelde de aanval")."""
    frame = lexicon_frame(ctx, position)
    for i in range(clause.start, clause.end):
        if i == position:
            continue
        for hit in lexicon().lookup(ctx.words[i]):
            if hit.form == "noun" and _governing_prep(ctx.words, clause, i) in frame:
                return i, hit
    return None


def lexicon_frame(ctx: SentenceContext, position: int) -> frozenset[str | None]:
    """Prepositions that may introduce a reaction's object ("reageert woedend op de aanval"),
    besides none (a direct object)."""
    preps: set[str | None] = {None}
    for hit in lexicon().lookup(ctx.words[position]):
        preps.update(hit.entry.target_preps)
    return frozenset(preps)


def _topic(ctx: SentenceContext, clause: Clause, position: int) -> bool:
    """Is the noun at ``position`` inside an "over" phrase ("akkoord over een bestand en de
    vrijlating van gijzelaars")? No finite verb may stand between."""
    for j in range(position - 1, max(clause.start, position - TOPIC_LOOKBACK) - 1, -1):
        if ctx.words[j] in TOPIC_PREPS:
            return True
        if j in ctx.finite or ctx.words[j] in grammar().prepositions:
            return False
    return False


def _governing_prep(words: list[str], clause: Clause, i: int) -> str | None:
    """The preposition before the noun at ``i`` (over articles and adjectives), if any."""
    g = grammar()
    for j in range(i - 1, max(clause.start, i - NOUN_PREP_LOOKBACK) - 1, -1):
        word = words[j]
        if word in g.prepositions:
            return word
        if word not in g.determiners and word not in g.demonyms and not word.endswith("e"):
            return None
    return None


def _relative_doer(ctx: SentenceContext, clause: Clause, act: int) -> ActorRef | None:
    """"de importheffingen die Trump heeft aangekondigd": the subject of a relative clause right
    after the act noun did the act."""
    g = grammar()
    stop = min(len(ctx.words), act + RELATIVE_GAP + 1)
    relative = next((i for i in range(act + 1, stop) if ctx.words[i] in g.relatives), None)
    if relative is None:
        return None
    for span in ctx.actors:
        if span.first > relative and span.kind == KIND_ENTITY and span.code:
            gap = ctx.words[relative + 1 : span.first]
            if any(word in g.prepositions for word in gap):
                return None
            return at_home(_ref(span, clause, None), ctx.home)
    return None


def _last_of_type(history: list[Event], plover: str) -> Event | None:
    return next((event for event in reversed(history) if event.plover == plover), None)


def _policy_government(
    ctx: SentenceContext, clause: Clause, position: int
) -> ActorRef | None:
    """"protesteren tegen de pensioenhervorming", "eisen dat de besparingen worden geschrapt":
    a policy noun after the trigger points at the home government."""
    if ctx.home is None:
        return None
    nouns = grammar().policy_nouns
    for word in ctx.words[position + 1 : clause.end]:
        if any(word.endswith(noun) for noun in nouns):
            return ActorRef(code=ctx.home + GOVERNMENT_ROLE, name=word)
    return None


def _domestic(government: ActorRef | None, source: ActorRef) -> ActorRef | None:
    """The home government as counterpart of a home actor that is not itself the government."""
    if government is None or not government.code or not source.code:
        return None
    same_country = source.code[:COUNTRY_CODE_LENGTH] == government.code[:COUNTRY_CODE_LENGTH]
    role = source.code[COUNTRY_CODE_LENGTH:]
    if not same_country or not role or role == GOVERNMENT_ROLE:
        return None  # "de EU dreigt met tegenmaatregelen": its own measures
    return government


def _discourse_target(
    ctx: SentenceContext,
    position: int,
    source: ActorRef,
    group: list[ActorSpan],
    *,
    foreign: bool = False,
) -> ActorRef | None:
    """The counterpart of a demand, threat, protest or reproach that names none ("De bond eist
    een baangarantie"): the last actor named as a bare argument before the trigger, in this
    sentence or the ones just before, that is not the source; a same-country counterpart only
    in domestic politics (a union and a company, a party and the government)."""
    here = [span for span in ctx.actors if span.last < position]
    spans = here[::-1] + [span for spans in reversed(ctx.earlier) for span in reversed(spans)]
    code = source.code or ""
    for span in spans:
        other = span.code or ""
        if span.kind != KIND_ENTITY or span.prep is not None or len(other) < COUNTRY_CODE_LENGTH:
            continue
        if any(_same_span(span, member) for member in group) or other == code:
            continue
        if other[COUNTRY_CODE_LENGTH:] in NON_COUNTERPART_ROLES:
            continue
        same_country = other[:COUNTRY_CODE_LENGTH] == code[:COUNTRY_CODE_LENGTH]
        domestic = (
            code[COUNTRY_CODE_LENGTH:] in DOMESTIC_ROLES
            and other[COUNTRY_CODE_LENGTH:] in DOMESTIC_ROLES
        )
        if same_country and (foreign or not domestic):
            continue
        return ActorRef(entity=span.entity.id if span.entity else None, code=other, name=span.name)
    return None


def _place_people(
    ctx: SentenceContext,
    position: int,
    source: ActorRef,
    target: ActorRef | None,
    roles: Roles,
) -> ActorRef | None:
    """Unnamed people of no known country ("vijftig vrouwen en kinderen") acted on by a foreign
    actor belong to the other side the text is about ("Hamas laat vijftig gijzelaars vrij")."""
    if target is None or target.entity is not None or not target.code:
        return target
    if not target.code.startswith(UNKNOWN) or not _has_country(source.code or ""):
        return target
    other = _discourse_target(ctx, position, source, roles.sources, foreign=True)
    if other is None or not other.code:
        return target
    return ActorRef(None, other.code[:COUNTRY_CODE_LENGTH] + target.code[len(UNKNOWN) :],
                    target.name)


def _same_span(a: ActorSpan, b: ActorSpan) -> bool:
    """Same actor, across sentences too (``ActorSpan.same_actor`` compares positions)."""
    if a.entity is not None and b.entity is not None:
        return a.entity.id == b.entity.id
    return a is b


def _plural_group(spans: list[ActorSpan]) -> bool:
    """A single unnamed plural group as source ("de zeven partijen", "de onderhandelaars")."""
    return (
        len(spans) == 1
        and spans[0].kind == KIND_PERSON
        and spans[0].name in grammar().plural_groups
    )


def _dat_clause_subject(ctx: SentenceContext, clause: Clause) -> list[ActorSpan]:
    """The subject of the dat-clause right after ``clause``, as the target of a verbal act."""
    index = ctx.clauses.index(clause)
    if index + 1 >= len(ctx.clauses):
        return []
    following = ctx.clauses[index + 1]
    if following.opener != "dat":
        return []
    subject = find_subject(
        following, ctx.words, clause, following.end, ctx.time_tokens, ctx.finite
    )
    if subject is None or not subject.code:
        return []
    own = clause.subject.code if clause.subject is not None else None
    if own and subject.code == own[:COUNTRY_CODE_LENGTH]:
        return []  # "Zelensky beloofde dat Oekraïne ...": his own country is no counterpart
    return [subject]


def _pairs(
    roles: Roles, clause: Clause, plover: str, home: str | None
) -> list[tuple[ActorRef, ActorRef | None]]:
    sources: list[ActorRef] = []
    for span in roles.sources:
        civilian = person_code(span, [], None).endswith(CIVILIAN_ROLE)
        if span.kind == KIND_PERSON and civilian and plover not in PERSON_SOURCE_TYPES:
            continue  # "twee verdachten" do not arrest anyone; "Israëlische soldaten" may shoot
        ref = at_home(_ref(span, clause, None), home)
        if ref is not None and (ref.code or ref.entity):
            sources.append(ref)
    implicit = implicit_source(roles.null_source, home) if roles.null_source else None
    if not sources and implicit is not None:
        sources = [implicit]
    pairs: list[tuple[ActorRef, ActorRef | None]] = []
    mutual = plover in RECIPROCAL_TYPES or (
        plover in EXCHANGE_TYPES and _countryless_people(roles.targets)
    )
    reciprocal = (
        (not roles.targets or plover not in RECIPROCAL_TYPES)
        and mutual
        and len(sources) > 1
        and not roles.phrase_sources
    )
    for source in sources:
        targets: list[ActorRef | None] = []
        for span in roles.targets:
            target = at_home(_ref(span, clause, source.code), home)
            if target is not None and not _same(source, target):
                targets.append(target)
        targets = _share_country(targets)
        if reciprocal:  # "Israël en Hamas bereikten een akkoord": each with the other
            targets = [other for other in sources if not _same(source, other)]
        elif not targets and plover in RECIPROCAL_TYPES and _plural_group(roles.sources):
            targets = [ActorRef(code=source.code, name=source.name)]  # "de partijen" together
        pairs.extend((source, target) for target in targets or [None])
    return pairs


def _share_country(targets: list[ActorRef | None]) -> list[ActorRef | None]:
    """"150 Palestijnse vrouwen en minderjarigen": the minors are Palestinian too."""
    country = next(
        (t.code[:COUNTRY_CODE_LENGTH] for t in targets if t and t.code and _has_country(t.code)),
        None,
    )
    if country is None:
        return targets
    return [
        ActorRef(t.entity, country + t.code[COUNTRY_CODE_LENGTH:], t.name)
        if t is not None and t.code and t.code.startswith(UNKNOWN) and t.entity is None
        else t
        for t in targets
    ]


def _has_country(code: str) -> bool:
    return len(code) >= COUNTRY_CODE_LENGTH and not code.startswith(UNKNOWN)


def _countryless_people(spans: list[ActorSpan]) -> bool:
    """Unnamed people of no known country ("gevangenen"): in "Rusland en Oekraïne lieten
    gevangenen vrij" each side released the other's."""
    return bool(spans) and all(
        span.kind == KIND_PERSON and not span.code for span in spans
    )


def _same(a: ActorRef, b: ActorRef) -> bool:
    if a.entity is not None or b.entity is not None:
        return a.entity == b.entity
    return a.code == b.code and a.name == b.name


def _ref(span: ActorSpan, clause: Clause, source_code: str | None) -> ActorRef | None:
    if span.kind == KIND_PERSON:
        code = person_code(span, clause.actors, source_code, clause.words)
        return ActorRef(code=code, name=span.name)
    if not span.is_actor and not span.code:
        return None
    if span.entity is None and span.code is None:
        return None  # an unresolved pronoun
    entity_id = span.entity.id if span.entity is not None else None
    return ActorRef(entity=entity_id, code=span.code, name=span.name)


def _negated(
    words: list[str], clause: Clause, position: int, needs: tuple[str, ...] = ()
) -> bool:
    """A negation or refusal in the clause; not one the entry itself needs ("sluit ... niet
    uit" is a threat)."""
    g = grammar()
    for i in range(clause.start, clause.end):
        if i == position:
            continue
        word = words[i]
        if i > position and word in COMPLEMENTIZERS:
            break  # "riep China op om de spanningen niet op te drijven": the aim is negated
        if word in needs:
            continue
        if word in g.refusal:
            return True
        if word in g.negation:
            following = words[i + 1] if i + 1 < len(words) else ""
            if following not in g.negation_exceptions:
                return True
    return False


def _modality(words: list[str], clause: Clause, position: int) -> str:
    if clause.reporter is not None:
        return MODALITY_REPORTED
    g = grammar()
    clause_words = [w for i, w in enumerate(words[clause.start : clause.end]) if i + clause.start
                    != position]
    if any(w in g.hypothetical for w in clause_words):
        return MODALITY_HYPOTHETICAL
    for i, word in enumerate(clause_words):
        if word == "plan":
            if i > 0 and clause_words[i - 1] == "van":
                return MODALITY_INTENDED
        elif word in g.intended:
            return MODALITY_INTENDED
    return MODALITY_ASSERTED


def _location(
    ctx: SentenceContext, clause: Clause, trigger: Token, source: ActorRef
) -> str | None:
    """The place mentioned nearest the trigger: in the clause first, else in the sentence; the
    source's own country ("Israël voert luchtaanvallen uit op Gaza") only when nothing else."""
    best: tuple[int, int, int, str] | None = None
    clause_start = ctx.sentence.tokens[clause.start].start
    clause_end = ctx.sentence.tokens[clause.end - 1].end
    source_country = (source.code or "")[:COUNTRY_CODE_LENGTH]
    for start, place in ctx.places:
        own = 1 if place.country == source_country and place.name == source.name else 0
        outside = 0 if clause_start <= start < clause_end else 1
        rank = (own, outside, abs(start - trigger.start), place.id)
        if best is None or rank[:3] < best[:3]:
            best = rank
    return best[3] if best else None


def _place_target(
    ctx: SentenceContext, clause: Clause, trigger: Token, source: ActorRef, plover: str
) -> ActorRef | None:
    """The country of the nearest place in the clause, when it is not the source's country."""
    start = ctx.sentence.tokens[clause.start].start
    end = ctx.sentence.tokens[clause.end - 1].end
    best: tuple[int, ActorRef] | None = None
    for mention_start, place in ctx.places:
        if not place.country or place.country == (source.code or "")[:COUNTRY_CODE_LENGTH]:
            continue
        if not _locative(ctx, mention_start, plover):
            continue  # "met bemiddeling van Qatar en Egypte": Egypt is no scene
        if start <= mention_start < end:
            distance = abs(mention_start - trigger.start)
            if best is None or distance < best[0]:
                best = (distance, ActorRef(code=place.country, name=place.name))
    return best[1] if best else None


def _locative(ctx: SentenceContext, offset: int, plover: str) -> bool:
    """Is the place mentioned at ``offset`` governed by a locative preposition ("in Gaza")? A
    meeting's place is its counterpart only as a destination ("bezoek aan Kiev")."""
    preps = DESTINATION_PREPS if plover == CONSULT else LOCATIVE_PREPS
    tokens = ctx.sentence.tokens
    for span in ctx.actors:
        if tokens[span.first].start <= offset <= tokens[span.last].start:
            return span.prep in preps
    return False


def _located_people(
    ctx: SentenceContext, clause: Clause, target: ActorRef | None
) -> ActorRef | None:
    """"Een man werd in Antwerpen doodgestoken": unnamed people of no known country take the
    country of the place named in their clause."""
    if target is None or target.entity is not None or not target.code:
        return target
    if not target.code.startswith(UNKNOWN):
        return target
    start = ctx.sentence.tokens[clause.start].start
    end = ctx.sentence.tokens[clause.end - 1].end
    countries = {place.country for offset, place in ctx.places if start <= offset < end}
    countries.discard(None)
    if len(countries) != 1:
        return target
    country = countries.pop()
    assert country is not None
    return ActorRef(None, country + target.code[len(UNKNOWN) :], target.name)


def _date(ctx: SentenceContext, trigger: Token) -> str | None:
    best: tuple[int, str] | None = None
    for time in ctx.times:
        distance = abs(time.start - trigger.start)
        if best is None or distance < best[0]:
            best = (distance, time.value)
    return best[1] if best else ctx.doc.article.published


def _event(
    ctx: SentenceContext,
    clause: Clause,
    position: int,
    hit: Hit,
    source: ActorRef,
    target: ActorRef | None,
) -> Event:
    entry = hit.entry
    token = ctx.sentence.tokens[position]
    reporter = clause.reporter
    plover, cameo, quad, goldstein = coding(hit, source)
    location = _location(ctx, clause, token, source)
    if target is None and plover in PLACE_TARGET_TYPES:
        target = _place_target(ctx, clause, token, source, plover)
    target = _located_people(ctx, clause, target)
    negated = _negated(ctx.words, clause, position, entry.needs)
    return Event(
        plover=plover,
        cameo=cameo,
        quad_class=quad,
        goldstein=goldstein,
        trigger=Mention(token.text, token.start, token.end, ctx.index),
        sentence=ctx.index,
        rule=entry.id,
        source=source,
        target=target,
        negated=negated,
        modality=_modality(ctx.words, clause, position),
        reported_by=reporter.entity.id if reporter is not None and reporter.entity else None,
        location=location,
        date=_date(ctx, token),
    )



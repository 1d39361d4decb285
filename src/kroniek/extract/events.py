"""Dutch event coding: who did what to whom, where and when (PLOVER types, CAMEO codes).

``extract(doc)`` finds lexicon triggers (verbs, separable verbs, nouns, phrases) in each clause,
assigns source and target actors from the resolved entities by clause position (event_roles),
marks negation, modality and reported speech, attaches the nearest place and time, and keeps one
event per (source, type, target) per article. Events need a trigger and a source actor: a trigger
whose source cannot be found is skipped unless its lexicon entry names an unknown-perpetrator code.
"""

from __future__ import annotations

from dataclasses import replace

from kroniek.extract.event_codes import (
    ASSAULT,
    BLOC_CODES,
    COUNTRY_CODE_LENGTH,
    CRIME,
    MODALITY_ASSERTED,
    at_home,
    capital_governments,
    coding,
    dedupe,
    home_country,
    implicit_source,
    intent_to_meet,
    outlet_country,
    sports_metaphor,
)
from kroniek.extract.event_context import (
    KIND_PERSON,
    KIND_UNKNOWN,
    ActorSpan,
    Clause,
    assign_actors,
    build_actors,
    grammar,
    split_clauses,
)
from kroniek.extract.event_lexicon import Hit, LexEntry, lexicon
from kroniek.extract.event_roles import (
    NOUN_PREP_LOOKBACK,
    Roles,
    find_subject,
    finite_positions,
    governing_prep,
    group,
    noun_roles,
    person_code,
    verb_roles,
)
from kroniek.extract.event_rules import (
    PROMISED_TYPES,
    REPORTER_CUES,
    accused,
    allegation_at,
    background_passive,
    by_subject,
    calls_to_protest,
    clause_reporter,
    condition_subject,
    content_clause_follows,
    crowd_target,
    fragment_source,
    in_custody,
    in_object_relative,
    infinitive_at,
    joined_target,
    meeting_in_time_phrase,
    noun_phrase_word,
    ordered_by,
    own_forces,
    participants,
    prevented_acts,
    private_violence,
    reported_self,
    retaliation_in,
    return_fire,
    sentence_reporter,
    te_clause_after,
    verb_frame_word,
    without_alleged_acts,
    without_object_acts,
    without_promised_acts,
    without_refused_acts,
    workers_as_people,
)
from kroniek.extract.event_targets import (
    CONTENT_VERB_TYPES,
    INFINITIVE,
    SentenceContext,
    agentless_demand_government,
    aim_refusals,
    attacked_site,
    claim_maker,
    conflict_sides,
    discourse_target,
    doer_of,
    domestic_counterpart,
    home_people,
    in_topic,
    last_aggressor,
    last_asker,
    last_counterpart,
    located_people,
    object_act,
    place_people,
    policy_government,
    relative_doer,
    same_ref,
    same_ref_actor,
    share_country,
    site_people,
    span_ref,
    visit_counterpart,
    without_demanded_acts,
)
from kroniek.models import ActorRef, Doc, Entity, Event, Mention, Sentence, Token

MODALITY_INTENDED = "intended"
MODALITY_HYPOTHETICAL = "hypothetical"
MODALITY_REPORTED = "reported"
OPENING_MARKS = frozenset({'"', "'", "“", "‘", ",,", "„", "(", ":"})
# Types whose target may be the place where it happened ("luchtaanvallen in de Gazastrook").
PLACE_TARGET_TYPES = frozenset(
    {"FIGHT", "ASSAULT", "MOBILIZE", "CONSULT", "AID", "RETREAT", "CRIME"}
)
MEDIATION = "MEDIATION"  # pairing type of CAMEO 045 (mediate)
MEDIATION_CAMEO = "045"
# Acts a state actor may do without a "whom" (seizures, alerts, inquiries, resignations), and
# crimes of a known group ("de bende smokkelde cocaïne").
TARGETLESS_TYPES = frozenset({"COERCE", "MOBILIZE", "INVESTIGATE", "CONCEDE", CRIME})
STATE_ACTOR_ROLES = frozenset({"GOV", "MIL", "COP", "JUD"})
DEMAND_TYPE = "DEMAND"
AGREE = "AGREE"
GOVERNMENT_ROLE = "GOV"
MOBILIZE = "MOBILIZE"
# Acts of labour relations, where workers are a party (LAB), not civilians acted on.
LABOUR_RELATION_TYPES = frozenset({"CONSULT", "AGREE", "CONCEDE", "COOPERATE", "REJECT"})
# "een onbekende schutter": an unidentified perpetrator is of no known country.
UNIDENTIFIED = frozenset({"onbekende", "onbekend", "ongeïdentificeerde", "anonieme"})
CROWD_CONTROL_CAMEO = "175"  # tear gas, water cannon, baton charges
INDEFINITE = "een"
PREDICATE_GAP = 2  # tokens from "een" to the predicate noun ("een duidelijke waarschuwing")
# Acts that coordinated subjects do with each other ("Israël en Hamas sloten een bestand").
VIOLENT_TYPES = frozenset({"FIGHT", ASSAULT})
RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "FIGHT", "RETREAT", "COOPERATE"})
RELATIVE_OPENERS = frozenset({"die", "dat"})  # "de sancties die ...", "het akkoord dat ..."
RELATIVE_ENDS = frozenset({",", ".", ";", ":", "?", "!"})
RELATIVE_SUBJECT_GAP = 4  # tokens from the relative pronoun to its subject ("die de Amerikaanse")
# Prepositions that put a place on the scene of an act ("luchtaanvallen op Gaza").
LOCATIVE_PREPS = frozenset({"in", "op", "naar", "bij", "rond", "rondom", "boven", "nabij",
                            "binnen", "tegen", "aan", "richting", "langs", "voor"})
DESTINATION_PREPS = frozenset({"naar", "aan"})
PLACE_PART_GAP = 3  # tokens back from a place to "noorden" in "het noorden van de Gazastrook"
CONSULT = "CONSULT"
# Verbal reactions that may take an act as object ("veroordeelt de aanval", "steunt de staking").
REACTION_TYPES = frozenset({"DISAPPROVE", "SUPPORT", "REJECT"})
# Acts whose unnamed counterpart is the actor the text was just about ("De bond eist ...").
DISCOURSE_TARGET_TYPES = frozenset({"DEMAND", "THREATEN", "DISAPPROVE", "REJECT", "PROTEST"})
DISCOURSE_WINDOW = 2  # sentences back in which that counterpart is sought
# Acts of giving: no institution gives them to its own country ("de steun aan Oekraïne").
GIVING_ACT_TYPES = frozenset({AGREE, "AID", "SUPPORT", "COOPERATE"})
ORGANISATION = "ORG"
# Promises and aid whose unnamed recipient is the visitor or host just reported (event_targets).
GIVING_TYPES = frozenset({AGREE, "AID"})
PROTEST = "PROTEST"
REJECT = "REJECT"
THREATEN = "THREATEN"
COMPLEMENTIZERS = frozenset({"om"})
INFINITIVE_MARKER = "te"  # "hem niet uit te leveren": a negation inside the infinitive
INFINITIVE_ENDING = "en"
DAT = "dat"
# Acts on unnamed people that coordinated subjects do to each other ("ruilden gevangenen").
EXCHANGE_TYPES = frozenset({"CONCEDE"})
# Types where an unnamed person ("een man") may be the source.
# Civilians also demand, criticise and back ("buurtbewoners roepen de gemeente op").
PERSON_SOURCE_TYPES = frozenset(
    {ASSAULT, CRIME, "FIGHT", "PROTEST", "DEMAND", "DISAPPROVE", "SUPPORT"}
)
CIVILIAN_ROLE = "CVL"
MEDIA_ROLE = "MED"
FULL_CODE_LENGTH = 6  # country + role: "PSECVL"
# Verbal acts aimed at whoever the dat-clause is about ("waarschuwt dat Hamas ...").
DAT_TARGET_TYPES = frozenset({"THREATEN", "DEMAND", "DISAPPROVE", "AGREE", "SUPPORT"})
# A verb never directly follows an article or possessive ("de tekenen", "van hun kant").
ARTICLES = frozenset({"de", "het", "een", "'t", "haar", "hun", "onze", "mijn", "uw", "diens"})
# A noun in a PP with one of these is a circumstance ("bij Israëlische luchtaanvallen"), not the
# act of the clause's subject (as in "stemde in met een bestand").
ADVERBIAL_PREPS = frozenset(
    {"bij", "na", "tijdens", "sinds", "ondanks", "wegens", "vanwege", "door", "vóór", "zonder",
     "dankzij", "vanaf", "uit", "van"}
)
PROTEST_PHRASE = ("uit", "protest")
# A word before the trigger that looks like a finite verb ("stelden eisen", "stelt eisen").
PAST_OR_THIRD_PERSON = ("de", "te", "den", "ten", "dt")
TAGGED_VERB = frozenset({"VERB", "AUX"})
PARTICLE_BLOCKERS = frozenset({"de", "het", "een", "'t", "zijn", "haar", "hun"})

__all__ = ["extract"]


def extract(doc: Doc, *, require_target: bool = True) -> list[Event]:
    """All events of a document, deduplicated per (source, type, target).

    ``require_target``: keep only events with a target (the default: a who-did-what-to-whom
    record without a "whom" is rarely what users or the gold annotation count), except acts a
    state actor does on nobody in particular (a seizure, an alert, an inquiry, a resignation); a
    violent or diplomatic event without one takes the country of the place it happened in, when
    that is not the source's own. Targets the clause does not name come from the text around it
    (event_targets: reactions to earlier acts, referring nouns, the counterpart just named).
    """
    actors = build_actors(doc)
    home = home_country(doc)
    events: list[Event] = []
    for index, sentence in enumerate(doc.sentences):
        earlier = actors.by_sentence[max(0, index - DISCOURSE_WINDOW) : index]
        found = _sentence_events(
            doc, index, sentence, actors.by_sentence[index], home, events, earlier
        )
        events.extend(
            event for event in found if not sports_metaphor(event) and not _press_talk(event)
        )
    return_fire(events)
    capital_governments(events, doc)
    if require_target:
        events = [
            event for event in events if event.target is not None or _targetless_act(event)
        ]
    return dedupe(events)


def _press_talk(event: Event) -> bool:
    """"Zelensky sprak met journalisten", "in een gesprek met de krant": talking to the press
    is a public statement, not a consultation between actors."""
    code = (event.target.code if event.target is not None else None) or ""
    return event.plover == CONSULT and code[COUNTRY_CODE_LENGTH:] == MEDIA_ROLE


def _targetless_act(event: Event) -> bool:
    """Acts that need no "whom" ("de douane nam cocaïne in beslag", "het leger zette zijn
    luchtafweer in staat van paraatheid", "de minister nam ontslag"): kept without a target
    when a state actor with a known code does them."""
    code = event.source.code if event.source is not None else None
    if not code or code.startswith("-") or event.plover not in TARGETLESS_TYPES:
        return False
    if event.plover == CRIME:  # "de bende smokkelde cocaïne", as a reported fact
        return len(code) > COUNTRY_CODE_LENGTH and event.modality == MODALITY_ASSERTED
    if len(code) == COUNTRY_CODE_LENGTH:
        return code not in BLOC_CODES  # "China stuurde extra schepen naar het rif"
    return code[COUNTRY_CODE_LENGTH:] in STATE_ACTOR_ROLES


def _time_tokens(doc: Doc, sentence: Sentence) -> frozenset[int]:
    covered = set()
    for time in doc.times:
        if time.start < sentence.end and sentence.start < time.end:
            for i, token in enumerate(sentence.tokens):
                if token.start < time.end and time.start < token.end:
                    covered.add(i)
    return frozenset(covered)


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
    tags = [token.pos for token in tokens] if all(token.pos for token in tokens) else None
    clauses = split_clauses(words, tags)
    assign_actors(clauses, actors, tokens)
    reporter = sentence_reporter(words, actors)
    if reporter is not None:
        for clause in clauses:
            cue = words[reporter.first - 1] if reporter.first > 0 else ""
            inverted = cue in grammar().report_verbs and cue not in REPORTER_CUES
            if not (inverted and clause.start <= reporter.first < clause.end):
                clause.actors = [a for a in clause.actors if a is not reporter]
            # in "..., kondigde hij aan na een gesprek met X" the reporter stays that clause's
            # subject
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
    last_main: Clause | None = None
    promising = alleging = in_claim = False
    for clause in clauses:
        clause.reporter = reporter or clause_reporter(clause, previous, words)
        reported_self(clause, sentence.tokens)
        shared = _subject_source(clause, previous, last_main)
        clause.subject = find_subject(
            clause, words, shared, clause.end, ctx.time_tokens, ctx.finite
        )
        found = _clause_events(ctx, clause, shared)
        claimed = alleging and (clause.opener == DAT or (in_claim and clause.subordinate))
        alleging = _alleges(ctx, clause, found)
        in_claim = claimed
        if claimed:
            # "beschuldigt Rusland ervan dat het de dam opblies", "verhindert dat de EU Oekraïne
            # steunt": the dat-clause (and what hangs from it) says what is claimed or blocked
            found = []
        if clause.opener == DAT and promising:
            # "Poetin belooft Assad dat Rusland Syrië zal helpen verdedigen": promised, not done;
            # "Rusland eist dat Oekraïne zich terugtrekt": demanded, not done either
            found = [event for event in found if event.plover not in PROMISED_TYPES]
        promising = any(
            event.rule in grammar().promise_entries or event.plover == DEMAND_TYPE
            for event in found
        )
        events.extend(found)
        previous = clause
        if not clause.subordinate:
            last_main = clause
    return events


def _subject_source(
    clause: Clause, previous: Clause | None, last_main: Clause | None
) -> Clause | None:
    """The clause whose subject a coordinated clause shares: in "Japan meldde dat de raketten
    neerkwamen en diende protest in" that is the main clause (Japan), not the dat-clause."""
    coordinated = clause.inherits and clause.opener in grammar().coordinators
    if coordinated and previous is not None and previous.subordinate and last_main is not None:
        return last_main
    if clause.resumes and last_main is not None:
        return last_main
    return previous


TE = "te"
VERB_FINAL_FORMS = frozenset({"participle", INFINITIVE})  # "heeft ... gestemd", "wil ... stemmen"


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
    tag = ctx.sentence.tokens[position].pos
    if tag in TAGGED_VERB:
        noun_context = False  # "De vakbonden eisen dat ...": the tagger saw a verb
    elif tag == "NOUN":
        noun_context = True

    after_te = before == TE  # "om wapens te leveren": the infinitive, not a plural verb

    def rank(hit: Hit) -> tuple[int, int, int, int]:
        is_noun = hit.form == "noun"
        return (
            -len(hit.entry.needs),
            0 if hit.particle or hit.te_particle else 1,
            0 if is_noun == noun_context else 1,
            0 if (hit.form == INFINITIVE) == after_te else 1,
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
            if te_clause_after(ctx.words, j, clause.end):
                return True  # "riep Rusland op de intimidatie te stoppen": "op" + te-clause
            continue  # "op de", "aan Rusland": a preposition, not the particle
        return True
    return False


def _sequence_starts(words: list[str], start: int, end: int, needs: tuple[str, ...]) -> list[int]:
    size = len(needs)
    return [i for i in range(start, end - size + 1) if tuple(words[i : i + size]) == needs]


def _needs_met(
    words: list[str], clause: Clause, position: int, entry: LexEntry, form: str
) -> bool:
    """The entry's words stand in the clause as a phrase of the verb's own: not a preposition
    opening an indirect question ("weet tegen wie ze stemde"), and not a frame word after a
    rival one ("stemt voor de motie tegen de bezuinigingen" votes for the motion)."""
    needs = entry.needs
    g = grammar()
    starts = _sequence_starts(words, clause.start, clause.end, needs)
    if needs[-1] in g.prepositions:
        size = len(needs)
        starts = [
            k for k in starts if k + size >= len(words) or words[k + size] not in g.question_words
        ]
    if not starts or not entry.rival:
        return bool(starts)
    frame = {needs[0], *entry.rival}

    def frame_word(k: int) -> bool:
        return words[k] in frame and not any(
            " ".join(words[k : k + len(phrase.split())]) == phrase for phrase in g.frame_adverbials
        )

    frames = [k for k in range(clause.start, clause.end) if k != position and frame_word(k)]
    verb_final = (
        form in VERB_FINAL_FORMS
        or clause.subordinate
        or any(w in g.auxiliaries for w in words[clause.start : position])  # "zal ... stemmen"
    )
    return verb_frame_word(frames, starts, position, verb_final) in starts


def _valid(ctx: SentenceContext, clause: Clause, position: int, hit: Hit) -> bool:
    words = ctx.words
    text = ctx.sentence.tokens[position].text
    capitalised = text[:1].isupper() and not text.rpartition("-")[2].islower()  # not "EU-top"
    if position > 0 and capitalised and ctx.words[position - 1] not in OPENING_MARKS:
        return False  # a capitalised word inside a sentence is a name ("ACOD Spoor")
    if hit.form != "noun" and position > 0 and words[position - 1] in ARTICLES:
        return False
    if hit.form != "noun" and position > 0 and noun_phrase_word(ctx, position):
        return False  # "twee maanden later", "te vroeg": the tagger saw no verb here
    if hit.particle and not _has_particle(ctx, clause, position, hit):
        return False
    if hit.te_particle and not (
        position >= 2 and words[position - 1] == "te" and words[position - 2] == hit.te_particle
    ):
        return False
    if hit.entry.modal_te and _modal_use(words, clause, position):
        return False
    if hit.entry.dat_clause and not _dat_clause_after(ctx, clause, position):
        return False
    if words[position] in grammar().semi_auxiliaries and infinitive_at(ctx, position + 1):
        return False  # "zal helpen verdedigen": an auxiliary
    return not hit.entry.needs or _needs_met(words, clause, position, hit.entry, hit.form)


def _dat_clause_after(ctx: SentenceContext, clause: Clause, position: int) -> bool:
    """"Rusland wil (nu) dat Oekraïne ...": a dat-clause follows the verb's clause, and no
    other finite verb stands between them."""
    index = ctx.clauses.index(clause)
    if index + 1 >= len(ctx.clauses) or ctx.clauses[index + 1].opener != DAT:
        return False
    return not any(i in ctx.finite for i in range(position + 1, clause.end))


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
        if hit.form == "noun" and found and in_topic(ctx, clause, position):
            continue  # "een akkoord over een gevechtspauze": the topic, not a second act
        if ctx.words[position] in grammar().refusal and _no_comment(ctx, clause):
            continue  # "weigert commentaar te geven" rejects nobody
        found.append((hit, events))
    phrase_words = {word for hit, _ in found if hit.entry.needs for word in hit.entry.needs}
    found = [
        (hit, events)
        for hit, events in found
        if hit.entry.needs or not (hit.form == "noun" and _trigger_word(events) in phrase_words)
    ]
    found = without_demanded_acts(calls_to_protest(found))
    verbs = _verb_readings(ctx, clause)
    found = without_alleged_acts(found, allegation_at(ctx, found, verbs))
    found, blocked = prevented_acts(ctx, clause, found, verbs)
    found.extend(_blocking_refusals(ctx, clause, previous, found, blocked))
    if clause.subject is not None:
        found = without_object_acts(ctx, clause, found, clause.subject, verbs)
    judging = _judged_types(ctx, clause) if clause.subject is not None else None
    if clause.subject is not None and judging is not None:
        found = _acts_of_the_judged(ctx, clause, found, clause.subject)
        found = _without_evaluated_acts(ctx, found, clause.subject, judging)
    cancelling = [hit for hit, _ in found if hit.entry.cancels]
    has_noun = any(hit.form == "noun" and not hit.entry.cancels for hit, _ in found)
    aim_refusals(found)
    found = without_refused_acts(found)
    found = without_promised_acts(found)
    kept: list[Event] = []
    for hit, events in found:
        if cancelling and hit.form == "noun" and hit is not cancelling[0]:
            continue  # "hief de sancties op": the sanctions are lifted, not imposed
        if hit.entry.light and has_noun and not cancelling:
            continue  # "bood excuses aan": the noun names the act
        kept.extend(events)
    return kept


def _alleges(ctx: SentenceContext, clause: Clause, found: list[Event]) -> bool:
    """Does the clause accuse, deny or block, so that a dat-clause after it is only claimed
    or blocked?"""
    g = grammar()
    content = g.allegation_entries | g.preventing_entries
    return any(hit.entry.id in content for hit, _ in _verb_readings(ctx, clause)) or any(
        event.rule in g.allegation_entries for event in found
    )


BLOCKING_REFUSAL = "reject.verhinderen"
COOPERATIVE_QUADS = frozenset({1, 2})  # verbal and material cooperation
UNKNOWN_CODE = "---"  # the coding of a blocking verb of another type


def _blocking_refusals(
    ctx: SentenceContext,
    clause: Clause,
    previous: Clause | None,
    found: list[tuple[Hit, list[Event]]],
    blocked: list[tuple[Hit, int, list[Event]]],
) -> list[tuple[Hit, list[Event]]]:
    """"Hongarije blokkeert de steun van de EU aan Oekraïne": the blocking word that made no
    event of its own is a refusal by its subject, aimed at who would have done the blocked act
    (else at whom it was for)."""
    refusals: list[tuple[Hit, list[Event]]] = []
    for hit, position, acts in blocked:
        start = ctx.sentence.tokens[position].start
        if any(e.trigger.start == start for _, events in found for e in events):
            continue  # "een veto tegen de sancties", "houdt de EU tegen": already coded
        refusal = hit
        if hit.entry.plover != REJECT:  # "blokkeren" read as a protest blockade
            coding_entry = next(e for e in lexicon().entries if e.id == BLOCKING_REFUSAL)
            refusal = replace(
                hit,
                entry=replace(
                    hit.entry, id=coding_entry.id, plover=REJECT, cameo=coding_entry.cameo,
                    goldstein=coding_entry.goldstein, quad_class=coding_entry.quad_class,
                ),
            )
        subject = find_subject(clause, ctx.words, previous, position, ctx.time_tokens, ctx.finite)
        roles = verb_roles(refusal, clause, ctx.words, subject, position, ctx.actors)
        events: list[Event] = []
        for source, _ in _pairs(roles, clause, REJECT, ctx.home):
            target = _would_be_party(acts[0], source)
            if target is None:
                continue
            events.append(_event(ctx, clause, position, refusal, source, target))
        if events:
            refusals.append((refusal, events))
    return refusals


def _would_be_party(act: Event, blocker: ActorRef) -> ActorRef | None:
    """Whom blocking ``act`` is aimed at: its would-be doer when named ("de steun van de EU"),
    else the recipient of a cooperative act ("blokkeert de hulp aan Gaza"); a foiled attack of
    no named perpetrator ("verhinderde een aanslag") is aimed at nobody (its victims least)."""
    doer = act.source
    doer_code = (doer.code if doer is not None else None) or ""
    named = bool(doer_code) and not doer_code.startswith(UNKNOWN_CODE)
    other = doer is not None and doer_code != blocker.code and not same_ref_actor(blocker, doer)
    if doer is not None and named and other:
        return doer
    if act.quad_class in COOPERATIVE_QUADS and act.target is not None:
        return None if same_ref_actor(blocker, act.target) else act.target
    return None


def _verb_readings(ctx: SentenceContext, clause: Clause) -> list[tuple[Hit, int]]:
    """Valid verb readings in the clause with their character offsets ("verbood" in "verbood de
    betoging" is one even when it found no target)."""
    readings: list[tuple[Hit, int]] = []
    for i in range(clause.start, clause.end):
        for hit in lexicon().lookup(ctx.words[i]):
            if hit.form != "noun" and _valid(ctx, clause, i, hit):
                readings.append((hit, ctx.sentence.tokens[i].start))
    return readings


def _no_comment(ctx: SentenceContext, clause: Clause) -> bool:
    no_comment = grammar().no_comment
    return any(word in no_comment for word in ctx.words[clause.start : clause.end])


def _judged_types(ctx: SentenceContext, clause: Clause) -> frozenset[str] | None:
    """Does the clause judge, answer or protest something ("noemt de staking onverantwoord",
    "veroordeelde de aanslag", "eist een bestand", "betoogden tegen het geweld")? The types of
    its judging verbs (empty for a verb like "noemen"), None when it does not."""
    g = grammar()
    judging: set[str] = set()
    found = False
    for i in range(clause.start, clause.end):
        word = ctx.words[i]
        if in_object_relative(ctx, clause, i):
            continue  # "de daders die veroordeeld waren": not what the subject judges
        if word in g.evaluative_verbs:
            found = True
        if word in g.directive_verbs:
            continue  # "beval de terugtrekking": an order is carried out, not a judgement
        for hit in lexicon().lookup(word):
            plover = hit.entry.plover
            if hit.form == "noun" or (plover not in CONTENT_VERB_TYPES and plover != PROTEST):
                continue
            if _valid(ctx, clause, i, hit):
                found = True
                judging.add(plover)
    return frozenset(judging) if found else None


def _without_evaluated_acts(
    ctx: SentenceContext,
    found: list[tuple[Hit, list[Event]]],
    subject: ActorSpan,
    judging: frozenset[str],
) -> list[tuple[Hit, list[Event]]]:
    """The act a clause judges is not an act of its subject: "De Croo veroordeelde de aanslag"
    is no attack by De Croo. A noun of the judging verb's own type stays ("voerden actie",
    "blokkeerden de weg uit protest"); after a verb like "noemen" an indefinite predicate noun
    is the subject's act ("noemde de oefeningen een waarschuwing")."""
    kept: list[tuple[Hit, list[Event]]] = []
    for hit, events in found:
        if hit.form == "noun" and hit.entry.plover not in judging:
            if judging or not _predicate_noun(ctx, events):
                events = [e for e in events if not by_subject(e.source, subject)]
            if not events:
                continue
        kept.append((hit, events))
    return kept


def _acts_of_the_judged(
    ctx: SentenceContext,
    clause: Clause,
    found: list[tuple[Hit, list[Event]]],
    subject: ActorSpan,
) -> list[tuple[Hit, list[Event]]]:
    """"Macron bedankte België voor de steun aan Oekraïne", "Kyiv veroordeelde Moskou voor de
    aanval": an act named in the reason phrase (``REASON_PREPS``) of a judging verb is done by
    whom the verb judges, not by its subject; such noun events take the verb's target as their
    source, and go when that leaves them aimed at their own source ("bedankte België voor de
    steun": the thanks are the event)."""
    judged = next(
        (
            event.target
            for hit, events in found if hit.form != "noun"
            and hit.entry.plover in CONTENT_VERB_TYPES
            for event in events if event.target is not None and by_subject(event.source, subject)
        ),
        None,
    )  # fmt: skip
    if judged is None:
        return found
    kept: list[tuple[Hit, list[Event]]] = []
    for hit, events in found:
        if hit.form == "noun":
            events = [_judged_act(ctx, clause, event, subject, judged) for event in events]
            events = [event for event in events if not same_ref(event.source, event.target)]
            if not events:
                continue
        kept.append((hit, events))
    return kept


def _judged_act(
    ctx: SentenceContext, clause: Clause, event: Event, subject: ActorSpan, judged: ActorRef
) -> Event:
    position = _token_index(ctx, event.trigger.start)
    if position is None or not by_subject(event.source, subject):
        return event
    if governing_prep(ctx.words, clause, position) in REASON_PREPS:
        event.source = judged
    return event


def _token_index(ctx: SentenceContext, start: int) -> int | None:
    """The index of the sentence token starting at ``start``, if one does."""
    return next((i for i, t in enumerate(ctx.sentence.tokens) if t.start == start), None)


def _predicate_noun(ctx: SentenceContext, events: list[Event]) -> bool:
    """"noemde de oefeningen een waarschuwing": an indefinite noun after "noemen" is what the
    subject calls it, the subject's own act."""
    if not events:
        return False
    start = events[0].trigger.start
    index = _token_index(ctx, start)
    if index is None:
        return False
    return INDEFINITE in ctx.words[max(0, index - PREDICATE_GAP) : index]


def _trigger_word(events: list[Event]) -> str:
    return events[0].trigger.text.lower() if events else ""


def _in_phrase(ctx: SentenceContext, clause: Clause, position: int) -> bool:
    """A noun in a prepositional phrase or before the finite verb is not the subject's act."""
    g = grammar()
    for i in range(position - 1, max(clause.start, position - NOUN_PREP_LOOKBACK) - 1, -1):
        word = ctx.words[i]
        if word in g.prepositions:
            if (word, ctx.words[position]) == PROTEST_PHRASE:
                return False  # "blokkeerden de weg uit protest tegen": the subject protests
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
        in_phrase = _in_phrase(ctx, clause, position) and not meeting_in_time_phrase(
            ctx, clause, position, hit
        )
        roles = noun_roles(hit, clause, ctx.words, subject, position, in_phrase)
        if subject is not None and not in_phrase and ordered_by(ctx, clause, subject, roles):
            roles.sources = [subject]  # "Poetin beval de terugtrekking van Russische troepen"
            roles.phrase_sources = False
        if not roles.sources:
            agent = _relative_agent(ctx, position)
            roles.sources = group(agent, ctx.actors, ctx.words) if agent is not None else []
        if not roles.sources:
            fragment = fragment_source(ctx)
            roles.sources = [fragment] if fragment is not None else []
    else:
        roles = verb_roles(hit, clause, ctx.words, subject, position, ctx.actors)
        blocking = hit.entry.id in grammar().preventing_entries  # "verhindert dat de EU ..."
        if not roles.targets and (hit.entry.plover in DAT_TARGET_TYPES or blocking):
            roles.targets = _dat_clause_subject(ctx, clause)
        if not roles.targets and hit.entry.plover == THREATEN:
            roles.targets = condition_subject(ctx, clause)
        if not roles.targets and hit.entry.plover in REACTION_TYPES:
            reactions = _reaction_events(ctx, clause, position, hit, roles)
            if reactions:
                return reactions
    if not roles.targets and hit.entry.plover == DEMAND_TYPE:
        roles.targets = accused(ctx, clause, roles)
    if hit.entry.plover == PROTEST:  # "roepen de medewerkers op het werk neer te leggen": the
        roles.targets = [t for t in roles.targets if not participants(t)]  # ones who protest
    if hit.entry.plover == MOBILIZE:  # "Rusland stuurt troepen naar de grens": its own forces
        roles.targets = [t for t in roles.targets if not own_forces(t, roles.sources)]
    unnamed = [s for s in clause.actors if s.kind == KIND_UNKNOWN and s.first > position]
    roles.targets = conflict_sides(ctx, roles.targets, roles.sources, unnamed)
    if roles.null_source and background_passive(ctx, clause, position):
        roles.null_source = None  # "was eerder veroordeeld": no new act of the courts
    pairs = _pairs(roles, clause, _pair_type(hit), ctx.home)
    if hit.entry.plover in GIVING_ACT_TYPES:
        pairs = [
            (giver, target)
            for giver, target in ((_giver(ctx, source, target), target) for source, target in pairs)
            if giver is not None
        ]
    if _coalition_agreement(ctx, clause, position, hit, roles):
        pairs = [(source, target or source) for source, target in pairs]  # its parties together
    warning = hit.entry.plover == THREATEN and content_clause_follows(ctx, clause)
    # an order names whom it is given to ("beval het leger ..."), or it is one to the source's
    # own forces ("beval de terugtrekking"): no counterpart from the text around
    order = ctx.words[position] in grammar().directive_verbs
    wish = hit.entry.dat_clause  # "wil dat ...": only whom the clause names is asked
    if not roles.targets and hit.entry.plover in DISCOURSE_TARGET_TYPES and not (
        warning or order or wish
    ):
        policy = policy_government(ctx, clause, position)
        retaliating = hit.entry.retaliation or retaliation_in(clause)
        joined = joined_target(ctx, clause, position, hit.entry.plover)
        refusing = hit.entry.plover == REJECT
        pairs = [
            (
                source,
                target
                or (joined if joined is not None and not same_ref_actor(joined, source)
                    else None)
                or domestic_counterpart(policy, source)
                or (last_aggressor(ctx.history, source) if retaliating else None)
                or (claim_maker(ctx, clause, position, source) if refusing else None)
                or (last_asker(ctx.history, ctx.index, source) if refusing else None)
                or last_counterpart(ctx.history, ctx.index, source)
                or discourse_target(ctx, position, source, roles.sources)
                or _agentless_government(ctx, clause, hit, source),
            )
            for source, target in pairs
        ]
    elif not roles.targets and wish:
        pairs = [
            (source, target or _agentless_government(ctx, clause, hit, source))
            for source, target in pairs
        ]
    if not roles.targets and hit.entry.plover in GIVING_TYPES:
        pairs = [
            (source, target or visit_counterpart(ctx.history, ctx.index, source))
            for source, target in pairs
        ]
    site = attacked_site(ctx, clause, position, hit) if hit.entry.plover in VIOLENT_TYPES else None
    if site is not None:  # "bombardeerde een ziekenhuis in Charkiv": the civilians there
        pairs = [(source, site_people(ctx, clause, site, source, target)) for source, target
                 in pairs]
    elif hit.entry.plover in VIOLENT_TYPES:  # victims where the attack struck: "een school in
        pairs = [(source, located_people(ctx, clause, target)) for source, target in pairs]
    pairs = [(source, place_people(ctx, position, source, target, roles)) for source, target
             in pairs]  # Gaza-Stad waar gezinnen ..."; released hostages: the other side's
    if hit.entry.cameo.startswith(CROWD_CONTROL_CAMEO):
        pairs = [(source, target or crowd_target(ctx, clause, position, source)) for source, target
                 in pairs]
    return [
        _event(ctx, clause, position, hit, source, target, civilian_site=site is not None)
        for source, target in pairs
    ]


def _giver(ctx: SentenceContext, source: ActorRef, target: ActorRef | None) -> ActorRef | None:
    """"Het parlement keurde de steun aan Oekraïne goed": an institution named only by its
    common noun ("het parlement", "de regering") that the resolver gave the recipient's
    country does not give to its own country; it is the outlet's (else the home country's)
    institution, and no event when that is the recipient too."""
    code = source.code or ""
    country = code[:COUNTRY_CODE_LENGTH]
    if target is None or len(code) <= COUNTRY_CODE_LENGTH or target.code != country:
        return source
    entity = next((e for e in ctx.doc.entities if e.id == source.entity), None)
    if entity is None or entity.type != ORGANISATION or not _named_by_noun_only(entity):
        return source
    home = outlet_country(ctx.doc) or ctx.home
    if home is None or home == target.code:
        return None
    return ActorRef(None, home + code[COUNTRY_CODE_LENGTH:], entity.mentions[0].text)


def _named_by_noun_only(entity: Entity) -> bool:
    """Every mention is an article and an institution noun ("het parlement", "de Kamer")."""
    g = grammar()
    for mention in entity.mentions:
        words = mention.text.lower().split()
        if not words or words[-1] not in g.anaphors or any(w in g.demonyms for w in words):
            return False
        if any(w not in g.determiners for w in words[:-1]):
            return False
    return bool(entity.mentions)


def _relative_agent(ctx: SentenceContext, position: int) -> ActorSpan | None:
    """"de heffingen die Washington dinsdag aankondigde": the subject of a relative clause right
    after a nominal trigger, when its verb is one that puts the act in place."""
    words = ctx.words
    opener = position + 1
    if opener >= len(words) or words[opener] not in RELATIVE_OPENERS:
        return None
    end = next(
        (i for i in range(opener + 1, len(words)) if words[i] in RELATIVE_ENDS), len(words)
    )
    lemmas = {token.lemma.replace("_", "") for token in ctx.sentence.tokens[opener + 1 : end]}
    if not lemmas & grammar().agent_relative_verbs:
        return None
    return next(
        (
            actor
            for actor in ctx.actors
            if opener < actor.first <= opener + RELATIVE_SUBJECT_GAP
            and actor.prep is None
            and actor.is_actor
        ),
        None,
    )


def _agentless_government(
    ctx: SentenceContext, clause: Clause, hit: Hit, source: ActorRef
) -> ActorRef | None:
    """The home government asked, by a domestic actor, to act in a passive dat-clause."""
    if hit.entry.plover != DEMAND_TYPE or hit.form == "noun":
        return None
    return agentless_demand_government(ctx, clause, source)


REASON_PREPS = frozenset({"voor", "wegens", "vanwege"})  # "bedankte X voor de steun aan Y"


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
    act = object_act(ctx, clause, position)
    if act is None:
        return []
    act_position, act_hit = act
    own = noun_roles(act_hit, clause, ctx.words, None, act_position, True)
    doers: list[ActorRef] = []
    for span in own.sources:
        ref = at_home(span_ref(span, clause, None), ctx.home)
        if ref is not None and ref.code:
            doers.append(ref)
    if not doers:
        doer = relative_doer(ctx, clause, act_position)
        doers = [doer] if doer is not None else []
    if not doers:
        scene = _act_scene(own, clause, ctx.home)
        reacting = {source.code for source, _ in
                    _pairs(roles, clause, _pair_type(hit), ctx.home) if source.code}
        earlier = doer_of(ctx.history, act_hit.entry.plover, scene, frozenset(reacting))
        if earlier is not None and earlier.source is not None:
            doers = [earlier.source]
    events: list[Event] = []
    for source, _ in _pairs(roles, clause, _pair_type(hit), ctx.home):
        events.extend(
            _event(ctx, clause, position, hit, source, doer)
            for doer in doers
            if not same_ref_actor(source, doer) and doer.code != source.code
        )
    return events


def _act_scene(own: Roles, clause: Clause, home: str | None) -> str | None:
    """The country an act noun was aimed at ("de aanval op Charkiv": UKR), if it names one."""
    for span in own.targets:
        ref = at_home(span_ref(span, clause, None), home)
        if ref is not None and ref.code and not ref.code.startswith("-"):
            return ref.code[:COUNTRY_CODE_LENGTH]
    return None


def _plural_group(spans: list[ActorSpan]) -> bool:
    """A single unnamed plural group as source ("de zeven partijen", "de onderhandelaars")."""
    return (
        len(spans) == 1
        and spans[0].kind == KIND_PERSON
        and spans[0].name in grammar().plural_groups
    )


def _coalition_agreement(
    ctx: SentenceContext, clause: Clause, position: int, hit: Hit, roles: Roles
) -> bool:
    """"De federale regering bereikte een akkoord": an agreement noun of a government as a body,
    with no partner named or framed and not negated, is one among its own parties."""
    spans = roles.sources
    if hit.entry.plover != AGREE or hit.form != "noun" or roles.targets or len(spans) != 1:
        return False
    if spans[0].entity is None or spans[0].entity.type != "ORG":
        return False
    if (spans[0].code or "")[COUNTRY_CODE_LENGTH:] != GOVERNMENT_ROLE:
        return False
    after = ctx.words[position + 1 : clause.end]
    if any(word in hit.entry.target_preps for word in after):
        return False
    if governing_prep(ctx.words, clause, position) is not None:
        return False  # "stemde in met het akkoord": someone else's agreement
    return not _negated(ctx.words, clause, position, hit.entry.needs)


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


def _coded_first(refs: list[ActorRef | None]) -> list[ActorRef | None]:
    """Of coordinated actors, those with a code; all of them when none has one ("de vakbonden
    ACV-Transcom en ACOD": the union the resolver could not code adds nothing)."""
    coded: list[ActorRef | None] = [ref for ref in refs if ref is not None and ref.code]
    return coded if coded else refs


def _pair_type(hit: Hit) -> str:
    """The type that decides pairing; mediators ("Egypte en Qatar bemiddelen") do not act on
    each other, so mediation is never reciprocal."""
    return MEDIATION if hit.entry.cameo.startswith(MEDIATION_CAMEO) else hit.entry.plover


def _pairs(
    roles: Roles, clause: Clause, plover: str, home: str | None
) -> list[tuple[ActorRef, ActorRef | None]]:
    sources: list[ActorRef] = []
    for span in roles.sources:
        civilian = person_code(span, [], None).endswith(CIVILIAN_ROLE)
        if span.kind == KIND_PERSON and civilian and plover not in PERSON_SOURCE_TYPES:
            continue  # "twee verdachten" do not arrest anyone; "Israëlische soldaten" may shoot
        ref = at_home(span_ref(span, clause, None), home)
        group_entity = span.entity is not None and span.entity.generic
        unidentified = span.first > 0 and clause.words[span.first - 1] in UNIDENTIFIED
        if ref is not None and (span.kind == KIND_PERSON or group_entity) and not unidentified:
            ref = home_people(ref, home)  # "boeren blokkeren de snelweg": the home country's
            if group_entity:  # named by its head noun ("relschoppers"), as unnamed people are
                ref = ActorRef(ref.entity, ref.code, clause.words[span.last])
        if ref is not None and (ref.code or ref.entity):
            sources.append(ref)
    if any(source.code for source in sources):
        sources = [source for source in sources if source.code]
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
            target = in_custody(at_home(span_ref(span, clause, source.code), home), source)
            if plover not in LABOUR_RELATION_TYPES:
                target = workers_as_people(span, target)
            if target is not None and not same_ref_actor(source, target):
                targets.append(target)
        targets = share_country(_coded_first(targets))
        if reciprocal:  # "Israël en Hamas bereikten een akkoord": each with the other
            targets = [other for other in sources if not same_ref_actor(source, other)]
        elif not targets and plover in RECIPROCAL_TYPES and _plural_group(roles.sources):
            targets = [ActorRef(code=source.code, name=source.name)]  # "de partijen" together

        pairs.extend((source, target) for target in targets or [None])
    return pairs


def _countryless_people(spans: list[ActorSpan]) -> bool:
    """Unnamed people of no known country ("gevangenen"): in "Rusland en Oekraïne lieten
    gevangenen vrij" each side released the other's."""
    return bool(spans) and all(
        span.kind == KIND_PERSON and not span.code for span in spans
    )


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
            if i > position and _infinitive_after(words, i, clause.end):
                continue  # "vroeg Oekraïne hem niet uit te leveren": the aim is negated
            following = words[i + 1] if i + 1 < len(words) else ""
            if following not in g.negation_exceptions:
                return True
    return False


def _infinitive_after(words: list[str], start: int, end: int) -> bool:
    """Does a "te" + infinitive follow ``start`` in the clause ("niet vrij te laten")? "te"
    before an adjective ("niet te laat") does not count."""
    return any(
        words[j] == INFINITIVE_MARKER and words[j + 1].endswith(INFINITIVE_ENDING)
        for j in range(start + 1, min(end, len(words)) - 1)
    )


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


def _other_side(target: ActorRef | None, source: ActorRef) -> ActorRef | None:
    """Civilians one side releases or concedes to stand for their own country ("Israël laat
    Palestijnse gevangenen vrij": a concession to the Palestinians); at home they stay civilians
    ("de rechtbank liet de man vrij")."""
    code = target.code if target is not None else None
    if target is None or not code or len(code) != FULL_CODE_LENGTH:
        return target
    country, role = code[:COUNTRY_CODE_LENGTH], code[COUNTRY_CODE_LENGTH:]
    if role != CIVILIAN_ROLE or country.startswith("-"):
        return target
    if country == (source.code or "")[:COUNTRY_CODE_LENGTH]:
        return target
    return ActorRef(target.entity, country, target.name)


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
                code = place.country + (CIVILIAN_ROLE if plover == CRIME else "")
                best = (distance, ActorRef(code=code, name=place.name))
    return best[1] if best else None


def _locative(ctx: SentenceContext, offset: int, plover: str) -> bool:
    """Is the place mentioned at ``offset`` governed by a locative preposition ("in Gaza")? A
    meeting's place is its counterpart only as a destination ("bezoek aan Kiev")."""
    preps = DESTINATION_PREPS if plover == CONSULT else LOCATIVE_PREPS
    if plover == CRIME:
        preps = preps - DESTINATION_PREPS  # "smokkelden cocaïne naar Nederland": no scene
    tokens = ctx.sentence.tokens
    for span in ctx.actors:
        if tokens[span.first].start <= offset <= tokens[span.last].start:
            if span.prep == "van" and plover != CONSULT:
                return _part_of_place(ctx.words, span.first)  # "in het noorden van Gaza"
            return span.prep in preps
    return False


def _part_of_place(words: list[str], first: int) -> bool:
    """Is the "van" phrase at ``first`` the owner of a part of a place ("het noorden van")?"""
    parts = grammar().place_parts
    return any(word in parts for word in words[max(0, first - PLACE_PART_GAP) : first])


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
    *,
    civilian_site: bool = False,
) -> Event:
    """``civilian_site``: the act is aimed at a hospital, school or market (``attacked_site``)."""
    entry = hit.entry
    token = ctx.sentence.tokens[position]
    reporter = clause.reporter
    plover = coding(hit, source, target, civilian_site=civilian_site)[0]
    location = _location(ctx, clause, token, source)
    if target is None and plover in PLACE_TARGET_TYPES:
        target = _place_target(ctx, clause, token, source, plover)
    if not civilian_site:  # its civilians are already where the site stands (site_people)
        target = located_people(ctx, clause, target)
    if target is not None and target.entity is None and private_violence(plover, source):
        target = home_people(target, ctx.home)  # "een man werd neergeschoten": at home
    if plover in EXCHANGE_TYPES:
        target = _other_side(target, source)
    plover, cameo, quad, goldstein = coding(hit, source, target, civilian_site=civilian_site)
    negated = _negated(ctx.words, clause, position, entry.needs)
    modality = _modality(ctx.words, clause, position)
    if plover == CONSULT and modality == MODALITY_INTENDED and not negated:
        plover, cameo, quad, goldstein = intent_to_meet()  # "wil met de bonden overleggen"
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
        modality=modality,
        reported_by=reporter.entity.id if reporter is not None and reporter.entity else None,
        location=location,
        date=_date(ctx, token),
    )



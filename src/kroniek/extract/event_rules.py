"""Clause and article rules of event coding that look past the trigger's own words: the return
fire of a two-sided fight, refused, governed and promised acts that are no events of their own,
calls to protest, the crowd police act against, the accused a prosecutor's demand aims at,
conditions of threats, meetings named in a time phrase, background passives, who reports a
sentence or a dat-clause, orders to one's own forces, verbless comments, workers acted on, and
tagger checks on verb readings.
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
    KIND_ENTITY,
    KIND_PERSON,
    KIND_UNKNOWN,
    ActorSpan,
    Clause,
    grammar,
)
from kroniek.extract.event_lexicon import Hit, lexicon
from kroniek.extract.event_roles import Roles, find_subject, governing_prep
from kroniek.extract.event_targets import (
    SentenceContext,
    last_of_type,
    span_ref,
)
from kroniek.models import ActorRef, Event, Token

FIGHT = "FIGHT"
CONSULT = "CONSULT"
REJECT = "REJECT"
DEMAND = "DEMAND"
PROTEST = "PROTEST"
ORGANISER_ROLES = frozenset({"LAB", "OPP", "NGO", "PTY"})  # who calls people to protest
OWN_PEOPLE_ROLES = frozenset({"LAB", "CVL"})  # whom they call: workers, members, citizens
CIVILIAN_ROLE = "CVL"
UNKNOWN = "---"
VIOLENT = frozenset({FIGHT, ASSAULT})
LEGAL_ROLES = frozenset({"COP", "JUD"})
FORCE_ROLES = frozenset({"COP", "MIL"})
GOVERNMENT_ROLE = "GOV"
LABOUR_ROLE = "LAB"
PROTESTER_ROLES = frozenset({"LAB", CIVILIAN_ROLE})  # those who protest, not whom it is aimed at
INDEFINITE = "een"
REPORTER_PREPS = ("volgens",)
REPORTER_CUES = ("aldus",)
QUOTE_END = frozenset({",", "'", '"', "”", "’"})
# Pronouns that, opening the dat-clause of a report, stand for the reporter ("zegt dat het ...").
SELF_PRONOUNS = frozenset({"het", "ze", "zij", "hij"})
NEUTER = "het"
NO_NOUN_TAGS = frozenset({"PUNCT", "DET", "ADV", "VERB", "AUX", "ADP"})
ALSO = "ook"
PRIVATE_ROLES = frozenset({"CVL", "CRM", "BUS", "LAB"})
JUDICIARY = "JUD"
ACCUSED = "beklaagde"  # the name of the unnamed accused a penalty demand is aimed at
# Verbs that act on an act they take as object ("verbood de betoging", "schond het bestand",
# "onderzoekt de aanval", "hield de steun achter"): that act is not their subject's.
ACTS_ON_ACTS = frozenset({"COERCE", "REJECT", "INVESTIGATE", "SANCTION"})
# Cooperative acts a promise may name ("beloofde steun", "zegde de terugtrekking toe").
PROMISED_TYPES = frozenset({"AID", "SUPPORT", "COOPERATE", "CONCEDE", "RETREAT"})
CONDITIONALS = frozenset({"als", "indien", "tenzij", "zolang"})
TIME_PREPS = frozenset({"na", "tijdens", "bij", "voor", "vóór", "sinds", "na afloop van"})
TIME_PREP_AFTER = "na afloop van"
MEETING_PARTNER_GAP = 4  # "na een telefoongesprek met (de Oekraïense president) Zelensky"
BACKGROUND_WORDS = frozenset({"eerder", "ooit", "vroeger", "destijds", "reeds"})
PLUPERFECT_AUXILIARIES = frozenset({"was", "waren"})
NON_VERB_TAGS = frozenset({"NOUN", "ADJ", "PROPN", "ADP", "NUM", "DET", "PRON"})
NP_TAGS = frozenset({"NUM", "ADJ", "DET", "ADP", "ADV"})
VERB_FINAL_FORMS = frozenset({"participle", "infinitive"})  # "heeft de steun tegengehouden"


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
                attacker = earlier.source
                if len(event.source.code or "") == COUNTRY_CODE_LENGTH and len(source) > len(
                    country
                ):  # fire "vanuit Gaza", by no named force, is aimed at the attacker's country
                    attacker = ActorRef(code=source[:COUNTRY_CODE_LENGTH], name=attacker.name)
                event.target = ActorRef(attacker.entity, attacker.code, attacker.name)
                break


def te_clause_after(words: list[str], j: int, end: int) -> bool:
    """Is the particle at j the last of its kind before a closing "te" + verb ("riep X op de
    druk op te voeren" has its last "op" before "te")?"""
    rest = words[j + 1 : end]
    return "te" in rest and words[j] not in rest[: rest.index("te")] and "om" not in rest


def verb_frame_word(
    frames: list[int], starts: list[int], position: int, verb_final: bool
) -> int | None:
    """Which of a clause's frame words (sorted positions of "voor"/"tegen") opens the voting
    verb's own phrase. A verb at the end of its clause (a participle, an infinitive, a finite
    verb in a subordinate clause) has it in the field before it, and one after it is extraposed
    ("heeft voor de motie gestemd tegen de bezuinigingen"). A finite verb in second place has it
    after it, unless only the fronted phrase before it can be its own ("Tegen de regering stemde
    N-VA")."""
    before = [k for k in frames if k < position]
    after = [k for k in frames if k > position]
    if verb_final and before:
        return before[0]
    if not any(k in starts for k in after):
        after = before
    return after[0] if after else None


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


def without_promised_acts(
    found: list[tuple[Hit, list[Event]]],
) -> list[tuple[Hit, list[Event]]]:
    """"Duitsland zegde Oekraïne 500 miljoen euro steun toe": the promise is the event, the aid
    it promises has not happened. Noun events of cooperation the promising source would do go;
    a promise that found no target takes theirs ("beloofde extra hulp aan Oekraïne")."""
    promises = [
        event
        for hit, events in found
        if hit.form != "noun" and hit.entry.id in grammar().promise_entries
        for event in events
        if event.source is not None
    ]
    if not promises:
        return found
    kept: list[tuple[Hit, list[Event]]] = []
    for hit, events in found:
        if hit.form == "noun" and hit.entry.plover in PROMISED_TYPES:
            promised = [e for e in events if any(_same_source(e, p) for p in promises)]
            for event in promised:
                for promise in promises:
                    if promise.target is None and _same_source(event, promise):
                        promise.target = event.target
            events = [e for e in events if e not in promised]
            if not events:
                continue
        kept.append((hit, events))
    return kept


def calls_to_protest(
    found: list[tuple[Hit, list[Event]]],
) -> list[tuple[Hit, list[Event]]]:
    """"De bonden roepen alle spoorwegmedewerkers op om het werk neer te leggen": an organiser
    (a union, the opposition, an NGO) that calls its own people to a strike or protest named in
    the clause organises that protest; the call to its own people is no demand of its own, and
    the protest stays (as the caller's act, not as a merely demanded one)."""
    protest_at = [
        event.trigger.start
        for hit, events in found
        if hit.entry.plover == PROTEST and hit.form != "finite"
        for event in events
    ]
    if not protest_at:
        return found
    kept: list[tuple[Hit, list[Event]]] = []
    for hit, events in found:
        if hit.form != "noun" and hit.entry.plover == DEMAND:
            events = [
                e for e in events
                if not (_calls_own_people(e) and any(at > e.trigger.start for at in protest_at))
            ]
            if not events:
                continue
        kept.append((hit, events))
    return kept


def _calls_own_people(event: Event) -> bool:
    source = (event.source.code if event.source is not None else None) or ""
    target = (event.target.code if event.target is not None else None) or ""
    if source[COUNTRY_CODE_LENGTH:] not in ORGANISER_ROLES or not target:
        return False
    same_country = target[:COUNTRY_CODE_LENGTH] == source[:COUNTRY_CODE_LENGTH]
    return same_country and target[COUNTRY_CODE_LENGTH:] in OWN_PEOPLE_ROLES


def _same_source(a: Event, b: Event) -> bool:
    return a.source is not None and b.source is not None and a.source.code == b.source.code


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


def sentence_reporter(words: list[str], actors: list[ActorSpan]) -> ActorSpan | None:
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


def participants(span: ActorSpan) -> bool:
    """Unnamed workers or citizens: those who protest, never whom a protest is aimed at."""
    if span.kind != KIND_PERSON or span.code:
        return False
    return grammar().person_roles.get(span.name, CIVILIAN_ROLE) in PROTESTER_ROLES


def own_forces(span: ActorSpan, sources: list[ActorSpan]) -> bool:
    """Unnamed troops of no other country than the source's: what a deployment moves."""
    code = span.code or ""
    named = span.entity is not None and not span.entity.generic
    if named or code[COUNTRY_CODE_LENGTH:] not in FORCE_ROLES:
        return False
    own = {(source.code or "")[:COUNTRY_CODE_LENGTH] for source in sources}
    return code.startswith("-") or code[:COUNTRY_CODE_LENGTH] in own


def ordered_by(
    ctx: SentenceContext, clause: Clause, subject: ActorSpan, roles: Roles
) -> bool:
    """"Poetin beval de terugtrekking van Russische troepen", "de regering kondigde de inzet van
    militairen aan": a state leader or government that orders or announces what its own forces
    do is the source of that act, not the forces named with the noun."""
    if not any(word in grammar().directive_verbs for word in ctx.words[clause.start : clause.end]):
        return False
    boss = subject.code or ""
    if boss[COUNTRY_CODE_LENGTH:] not in ("", GOVERNMENT_ROLE) or not boss or boss[0] == "-":
        return False
    forces = [span for span in roles.sources if span is not subject]
    return bool(forces) and all(
        (span.code or "")[:COUNTRY_CODE_LENGTH] == boss[:COUNTRY_CODE_LENGTH]
        and (span.code or "")[COUNTRY_CODE_LENGTH:] in FORCE_ROLES
        for span in forces
    )


def fragment_source(ctx: SentenceContext) -> ActorSpan | None:
    """"'Hardheid helpt niemand', aldus De Croo. Een onverholen sneer naar de oppositie.": a
    verbless sentence opening with "een" comments on what who spoke or acted in the sentence
    before did: that sentence's reporter ("aldus X", "zei X"), else its first bare actor."""
    if ctx.index == 0 or not ctx.earlier or ctx.words[:1] != [INDEFINITE] or ctx.finite:
        return None
    before = ctx.doc.sentences[ctx.index - 1]
    actors = ctx.earlier[-1]
    found = sentence_reporter([t.text.lower() for t in before.tokens], actors)
    if found is None or not found.code:
        found = next(
            (a for a in actors if a.prep is None and a.kind == KIND_ENTITY and a.code), None
        )
    if found is None:
        return None
    # a span of this sentence (on its first word), as sentence-initial "Zij" is made
    return ActorSpan(0, 0, KIND_ENTITY, found.code, found.entity, found.name)


def reported_self(clause: Clause, tokens: list[Token]) -> None:
    """"Het bedrijf zegt dat het een dialoog nastreeft", "de bonden zeggen dat ze ...": a
    pronoun (so tagged) opening the dat-clause of a report is who reports; it becomes an actor
    span of the reporter ("het" only for a reporter that is no person)."""
    reporter = clause.reporter
    at = clause.start + 1
    if clause.opener != "dat" or reporter is None or reporter.kind != KIND_ENTITY:
        return
    if at >= clause.end:
        return
    word = tokens[at].text.lower()
    following = tokens[at + 1].pos if at + 1 < len(tokens) else "PUNCT"
    # "dat het "een dialoog" nastreeft": no noun follows, so "het" is no article
    if tokens[at].pos != "PRON" and not (word == NEUTER and following in NO_NOUN_TAGS):
        return
    person = reporter.entity is not None and reporter.entity.type == "PER"
    if word not in SELF_PRONOUNS or (word == NEUTER and person):
        return
    if any(a.first <= at <= a.last and a.kind != KIND_UNKNOWN for a in clause.actors):
        return
    clause.actors = [a for a in clause.actors if a.first != at]
    clause.actors.insert(
        0, ActorSpan(at, at, KIND_ENTITY, reporter.code, reporter.entity, reporter.name)
    )


def workers_as_people(span: ActorSpan, ref: ActorRef | None) -> ActorRef | None:
    """"biedt de getroffen werknemers hulp", "twee havenmedewerkers werden aangehouden": workers
    acted on outside labour relations are civilians (LAB is for unions and workers acting)."""
    code = (ref.code if ref is not None else None) or ""
    if ref is None or span.kind != KIND_PERSON or span.name not in grammar().worker_nouns:
        return ref
    if code[COUNTRY_CODE_LENGTH:] != LABOUR_ROLE:
        return ref
    return ActorRef(ref.entity, code[:COUNTRY_CODE_LENGTH] + CIVILIAN_ROLE, ref.name)


def clause_reporter(clause: Clause, previous: Clause | None, words: list[str]) -> ActorSpan | None:
    """The subject of "X zegt dat ..." for the dat-clause."""
    if previous is None or clause.opener != "dat":
        return None
    if not any(w in grammar().report_verbs for w in words[previous.start : previous.end]):
        return None
    subject = previous.subject
    return subject if subject is not None and subject.kind == KIND_ENTITY else None


def retaliation_in(clause: Clause) -> bool:
    """The clause names an answer to violence ("dreigde met vergelding")."""
    found = lexicon()
    return any(
        hit.entry.retaliation for word in clause.words[clause.start : clause.end]
        for hit in found.lookup(word)
    )  # fmt: skip


def joined_target(
    ctx: SentenceContext, clause: Clause, position: int, plover: str
) -> ActorRef | None:
    """"Ook Japan uitte zijn bezorgdheid": "ook" joins the act just reported, so the unnamed
    counterpart is that act's target, not whoever the sentence before named first."""
    if ALSO not in ctx.words[clause.start : position]:
        return None
    earlier = last_of_type(ctx.history, plover)
    return earlier.target if earlier is not None and earlier.target is not None else None


def allegation_at(ctx: SentenceContext, found: list[tuple[Hit, list[Event]]],
                  verbs: list[tuple[Hit, int]]) -> int | None:
    """The character offset of the first accusation or denial in a clause (a valid verb
    reading, whether or not it found a target, or an accusation noun that made an event)."""
    allegations = grammar().allegation_entries
    starts = [start for hit, start in verbs if hit.entry.id in allegations]
    starts += [
        event.trigger.start
        for hit, events in found
        if hit.entry.id in allegations
        for event in events
    ]
    return min(starts, default=None)


def without_alleged_acts(
    found: list[tuple[Hit, list[Event]]], alleged_from: int | None
) -> list[tuple[Hit, list[Event]]]:
    """"Oekraïne beschuldigde Rusland ervan een dam te hebben opgeblazen", "Rusland ontkent
    betrokkenheid bij de aanslag": an act named after an accusing or denying word in its clause
    is a claim, not a reported act; the accusation or denial itself stays. An act of an unknown
    perpetrator stays ("die verdacht wordt van de aanslagen in Nairobi": they happened)."""
    if alleged_from is None:
        return found
    allegations = grammar().allegation_entries
    kept: list[tuple[Hit, list[Event]]] = []
    for hit, events in found:
        if hit.entry.id not in allegations:
            events = [
                e for e in events
                if e.trigger.start <= alleged_from or _by_unknown(e)
            ]
            if not events:
                continue
        kept.append((hit, events))
    return kept


def _by_unknown(event: Event) -> bool:
    code = event.source.code if event.source is not None else None
    return not code or code.startswith(UNKNOWN)


def prevented_acts(
    ctx: SentenceContext,
    clause: Clause,
    found: list[tuple[Hit, list[Event]]],
    verbs: list[tuple[Hit, int]],
) -> tuple[list[tuple[Hit, list[Event]]], list[tuple[Hit, int, list[Event]]]]:
    """"Hongarije blokkeert de steun van de EU aan Oekraïne", "stelde een veto tegen de
    sancties": the act a blocking word takes as its object (a bare noun phrase, or one after
    "tegen") did not happen, whoever would have done it. Returns the events kept and, per
    blocking word (its reading and token index), the act events it blocked."""
    g = grammar()
    blockers = [
        (hit, _token_at(ctx, start))
        for hit, start in verbs
        if hit.entry.id in g.preventing_entries
    ]
    blockers += [
        (hit, _token_at(ctx, events[0].trigger.start))
        for hit, events in found
        if hit.form == "noun" and hit.entry.id in g.preventing_entries and events
    ]
    if not blockers:
        return found, []
    blocked: dict[int, tuple[Hit, int, list[Event]]] = {}
    kept: list[tuple[Hit, list[Event]]] = []
    for hit, events in found:
        if hit.form == "noun" and events and hit.entry.id not in g.preventing_entries:
            position = _token_at(ctx, events[0].trigger.start)
            blocker = _blocker_of(ctx, clause, position, hit, blockers)
            if blocker is not None:
                entry = blocked.setdefault(blocker[1], (blocker[0], blocker[1], []))
                entry[2].extend(events)
                continue
        kept.append((hit, events))
    return kept, list(blocked.values())


def _blocker_of(
    ctx: SentenceContext,
    clause: Clause,
    position: int,
    noun: Hit,
    blockers: list[tuple[Hit, int]],
) -> tuple[Hit, int] | None:
    """The blocking word whose object the act noun at ``position`` is: a blocking verb's bare
    object, or the noun after a blocking noun and "tegen" ("een veto tegen de steun")."""
    prep = governing_prep(ctx.words, clause, position)
    for hit, at in blockers:
        if at == position or noun.entry.plover in (hit.entry.plover, REJECT):
            continue
        if hit.form == "noun":
            if position > at and prep in grammar().preventing_preps:
                return hit, at
            continue
        if prep is not None or not takes_noun(hit, ctx.words[position]):
            continue
        verb_final = hit.form in VERB_FINAL_FORMS or clause.subordinate
        if (position < at and not verb_final) or _apart(ctx, clause, at, position):
            continue  # "De weigering van Hongarije blokkeert ...": the subject, not the object
        return hit, at
    return None

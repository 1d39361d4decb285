"""Targets and sources that need more than the clause's own words: the actor a reaction answers
("veroordeelde de aanval"), the counterpart the text was just about ("De bond eist ..."), the
home government behind a policy, the country of unnamed people, refusals, and the acts a clause
only demands or talks about.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kroniek.extract.event_codes import COUNTRY_CODE_LENGTH, at_home
from kroniek.extract.event_context import (
    BOTH,
    KIND_ENTITY,
    KIND_PERSON,
    ActorSpan,
    Clause,
    grammar,
)
from kroniek.extract.event_lexicon import Hit, lexicon
from kroniek.extract.event_roles import (
    Roles,
    governing_prep,
    parenthetical,
    person_code,
)
from kroniek.models import ActorRef, Doc, Event, Place, Sentence, TimeRef
from kroniek.resolve.actors import is_group

# Verbs whose object names an act that has not happened ("eist een bestand").
CONTENT_VERB_TYPES = frozenset({"DEMAND", "REJECT", "DISAPPROVE", "SUPPORT", "THREATEN"})
REJECT = "REJECT"
# Roles of domestic politics, where both sides of a dispute are of the same country.
DOMESTIC_ROLES = frozenset({"GOV", "LAB", "BUS", "OPP", "PTY", "LEG", "JUD", "COP"})
NON_COUNTERPART_ROLES = frozenset({"MED", "CVL"})
LEGAL_ROLES = frozenset({"JUD", "COP"})
NON_STATE_ROLES = frozenset({"LAB", "BUS", "OPP", "PTY", "CVL", "LEG", "JUD", "COP"})
# Verbs whose object has not happened at all ("eist de vrijlating van", "dreigt met sancties").
UNREALISED_TYPES = frozenset({"DEMAND", "THREATEN"})
UNKNOWN = "---"
INFINITIVE = "infinitive"
DEMAND = "DEMAND"
# A noun in such a phrase after another trigger is what is talked or agreed about.
TOPIC_PREPS = frozenset({"over"})
TOPIC_LOOKBACK = 6
RELATIVE_GAP = 2  # tokens from an act noun to "die"/"dat" opening its relative clause
GOVERNMENT_ROLE = "GOV"
BLOCS = frozenset({"EUR", "UNO", "NAT", "IGO", "G7", "G20"})
WORKPLACE_PREP, EMPLOYER_PREP = "bij", "van"  # "staken bij X", "het personeel van X"
EMPLOYER_GAP = 3  # tokens from the source's last word to the employer's first: "van de NS"
VIOLENT_KINDS = frozenset({"FIGHT", "ASSAULT", "CRIME"})
CONFLICT_QUADS = frozenset({3, 4})  # verbal and material conflict
STATE_ROLES = frozenset({"", "GOV", "MIL"})
CONSULT = "CONSULT"
LABOUR_DISPUTE = ("LAB", "BUS")
# demands, proposals, offers and accusations a refusal answers
ASKING_TYPES = frozenset({"DEMAND", "AGREE", "DISAPPROVE"})
ASK_WINDOW = 2  # sentences back in which a refusal finds what it answers
COUNTERPART_WINDOW = 2  # sentences back in which a source's last counterpart still holds
CLAIM_POINTERS = frozenset({"dat", "dit"})  # "Dat ontkende de minister": what was just said
CLAIM_KINDS = frozenset({KIND_ENTITY})  # named actors, not unnamed people or places
PARTY_ROLES = frozenset({"PTY", "OPP"})
# Domestic actors who ask the government to act ("de oppositie eist dat er ... wordt").
GOVERNED_ROLES = frozenset({"PTY", "OPP", "LAB", "LEG", "BUS", "CVL"})
DAT = "dat"
VISIT_WINDOW = 2  # sentences back in which a visit gives an unnamed recipient of aid


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


def aim_refusals(found: list[tuple[Hit, list[Event]]]) -> None:
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
                aimed = next((r for r in refused if same_ref(r.source, event.source)), None)
                event.target = aimed.target if aimed is not None else None


def same_ref(a: ActorRef | None, b: ActorRef | None) -> bool:
    return a is not None and b is not None and (a.entity, a.code) == (b.entity, b.code)


def without_demanded_acts(
    found: list[tuple[Hit, list[Event]]],
) -> list[tuple[Hit, list[Event]]]:
    """"De bond eist een baangarantie", "dreigt met een staking": the noun names what is
    demanded, refused or threatened, not an act of the same source; drop those noun events. An
    order ("Poetin beval de terugtrekking van de troepen") is carried out: its act stays."""
    directives = grammar().directive_verbs
    verbs = [
        (hit, event)
        for hit, events in found
        if hit.form != "noun" and hit.entry.plover in CONTENT_VERB_TYPES
        for event in events
        if event.source is not None and event.trigger.text.lower() not in directives
    ]
    if not verbs:
        return found
    speakers = {event.source.code for _, event in verbs if event.source is not None}
    unrealised = min(
        (e.trigger.start for hit, e in verbs if hit.entry.plover in UNREALISED_TYPES),
        default=None,
    )
    asked = min(
        (e.trigger.start for hit, e in verbs if hit.entry.plover == DEMAND), default=None
    )
    kept: list[tuple[Hit, list[Event]]] = []
    for hit, events in found:
        if hit.form == INFINITIVE and asked is not None:
            # "roept het kabinet op om de besparingen terug te draaien": only asked for (a
            # threatened act stays, as hypothetical)
            events = [e for e in events if e.trigger.start < asked]
            if not events:
                continue
        if hit.form == "noun" and hit.entry.plover in CONTENT_VERB_TYPES and asked is not None:
            # "roept op tot solidariteit met de stakers": the support is only asked for
            events = [
                e for e in events
                if e.trigger.start < asked or e.source is None or e.source.code not in speakers
            ]
            if not events:
                continue
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


def object_act(
    ctx: SentenceContext, clause: Clause, position: int
) -> tuple[int, Hit] | None:
    """The first noun trigger in the clause other than the verb ("veroordeelde de aanval")."""
    frame = reaction_frame(ctx, position)
    for i in range(clause.start, clause.end):
        if i == position or _in_aside(ctx.words, clause, i, position):
            continue
        for hit in lexicon().lookup(ctx.words[i]):
            if hit.form == "noun" and governing_prep(ctx.words, clause, i) in frame:
                return i, hit
    return None


def _in_aside(words: list[str], clause: Clause, i: int, position: int) -> bool:
    """Is token i inside a comma-enclosed aside before the verb at ``position`` ("Amnesty, de
    organisatie achter de actie, noemde ...")? What it names is not the verb's object."""
    return i < position and "," in words[clause.start : i] and "," in words[i:position]


def reaction_frame(ctx: SentenceContext, position: int) -> frozenset[str | None]:
    """Prepositions that may introduce a reaction's object ("reageert woedend op de aanval"),
    besides none (a direct object)."""
    preps: set[str | None] = {None}
    for hit in lexicon().lookup(ctx.words[position]):
        preps.update(hit.entry.target_preps)
    return frozenset(preps)


def in_topic(ctx: SentenceContext, clause: Clause, position: int) -> bool:
    """Is the noun at ``position`` inside an "over" phrase ("akkoord over een bestand en de
    vrijlating van gijzelaars")? No finite verb may stand between."""
    for j in range(position - 1, max(clause.start, position - TOPIC_LOOKBACK) - 1, -1):
        if ctx.words[j] in TOPIC_PREPS:
            return True
        if j in ctx.finite or ctx.words[j] in grammar().prepositions:
            return False
    return False


def relative_doer(ctx: SentenceContext, clause: Clause, act: int) -> ActorRef | None:
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
            return at_home(span_ref(span, clause, None), ctx.home)
    return None


def last_of_type(history: list[Event], plover: str) -> Event | None:
    """The last earlier event of that type whose source has a code."""
    return next(
        (
            event
            for event in reversed(history)
            if event.plover == plover and event.source is not None and event.source.code
        ),
        None,
    )


def last_aggressor(history: list[Event], source: ActorRef) -> ActorRef | None:
    """The aim of a retaliation no target is named for: whoever last acted against
    ``source``'s side (a threat, a sanction, an attack: "Mexico kondigde tegenmaatregelen aan"
    after "Trump dreigde Mexico met heffingen"), else whoever struck last from another side
    ("Iran dreigde met vergelding" after "Israël viel Libanon aan")."""
    own = (source.code or "")[:COUNTRY_CODE_LENGTH]

    def other_side(event: Event) -> bool:
        code = event.source.code if event.source is not None else None
        return bool(code) and (code or "")[:COUNTRY_CODE_LENGTH] != own

    against = (
        e for e in reversed(history)
        if e.quad_class in CONFLICT_QUADS and other_side(e) and e.target is not None
        and (e.target.code or "")[:COUNTRY_CODE_LENGTH] == own
    )  # fmt: skip
    struck = (e for e in reversed(history) if e.plover in VIOLENT_KINDS and other_side(e))
    found = next(against, None) or next(struck, None)
    doer = found.source if found is not None else None
    if doer is None or not doer.code:
        return None
    return ActorRef(doer.entity, doer.code[:COUNTRY_CODE_LENGTH], doer.name)


def last_asker(history: list[Event], index: int, source: ActorRef) -> ActorRef | None:
    """"De verdachten vroegen de rechtbank om een nieuw proces. Dat wees de rechter van de
    hand.": a refusal that names no one answers the last demand, offer or accusation made to
    the refusing actor (its code, or its country's) in the sentences just before."""
    code = source.code or ""
    if not has_country(code):
        return None
    for event in reversed(history):
        if event.sentence < index - ASK_WINDOW:
            break
        if event.plover not in ASKING_TYPES or event.source is None or event.target is None:
            continue
        aimed = event.target.code or ""
        if aimed == code or (aimed == code[:COUNTRY_CODE_LENGTH]):
            asker = event.source
            if asker.code and asker.code != code:
                return ActorRef(asker.entity, asker.code, asker.name)
    return None


def claim_maker(
    ctx: SentenceContext, clause: Clause, position: int, source: ActorRef
) -> ActorRef | None:
    """"De verdachten vonden dat hun proces oneerlijk was. Dat wees de rechter van de hand.": a
    refusal whose object is a fronted "dat"/"dit" right before the verb rejects what the
    previous sentence said, so it is aimed at who said it there (its first bare actor)."""
    if position != clause.start + 1 or ctx.words[clause.start] not in CLAIM_POINTERS:
        return None
    if not ctx.earlier or ctx.index == 0:
        return None
    code = source.code or ""
    for span in ctx.earlier[-1]:
        if span.prep is not None or not span.is_actor or span.kind not in CLAIM_KINDS:
            continue
        other = span.code or ""
        if not has_country(other) or other == code:
            return None
        entity_id = span.entity.id if span.entity is not None else None
        return ActorRef(entity=entity_id, code=other, name=span.name)
    return None


def last_counterpart(history: list[Event], index: int, source: ActorRef) -> ActorRef | None:
    """"De bonden onderhandelen met de NS. Eerder kwamen ze met een ultimatum.": an act that
    names no counterpart is aimed at whom the same source's last act in the sentences just
    before was aimed at (named there in any slot, a prepositional one too)."""
    code = source.code or ""
    if not has_country(code):
        return None
    for event in reversed(history):
        if event.sentence < index - COUNTERPART_WINDOW:
            break
        if event.source is None or event.target is None or event.source.code != code:
            continue
        target = event.target
        if target.code and target.code != code and has_country(target.code):
            return ActorRef(target.entity, target.code, target.name)
    return None


def doer_of(
    history: list[Event], plover: str, scene: str | None, reacting: frozenset[str]
) -> Event | None:
    """The earlier event a reaction ("veroordeelde de aanval") answers: of the act's type (any
    violent type for a violent act), not by the reacting side's own country; one aimed at the
    act's named scene first; else the one by the source the text reports most, the earliest on
    a tie (the article's main story rather than the last side event)."""
    kinds = VIOLENT_KINDS if plover in VIOLENT_KINDS else frozenset({plover})
    # a state does not condemn its own state's act; at home a minister may deplore a strike
    own = {code[:COUNTRY_CODE_LENGTH] for code in reacting
           if code[COUNTRY_CODE_LENGTH:] in STATE_ROLES}
    candidates = [
        event
        for event in history
        if event.plover in kinds
        and event.source is not None
        and event.source.code
        and event.source.code not in reacting
        and not (
            event.source.code[:COUNTRY_CODE_LENGTH] in own
            and event.source.code[COUNTRY_CODE_LENGTH:] in STATE_ROLES
        )
    ]
    if scene is not None:
        aimed = [e for e in candidates if e.target is not None and (e.target.code or "")
                 [:COUNTRY_CODE_LENGTH] == scene]
        if aimed:
            candidates = aimed
    if not candidates:
        return None
    counts = Counter(_country(e) for e in candidates)
    return max(candidates, key=lambda e: (counts[_country(e)], -history.index(e)))


def _country(event: Event) -> str:
    return (event.source.code or "")[:COUNTRY_CODE_LENGTH] if event.source is not None else ""


def policy_government(
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


def agentless_demand_government(
    ctx: SentenceContext, clause: Clause, source: ActorRef
) -> ActorRef | None:
    """"Vlaams Belang eist dat er verkiezingen worden uitgeschreven": a domestic party, union,
    parliament, company or citizens demanding, in a passive dat-clause without an actor, that
    something be done ask it of the home government. Not a government's own demand, a court's
    or the police's (a sentence, a suspect), nor a clause that names who is to act."""
    code = source.code or ""
    if ctx.home is None or code[:COUNTRY_CODE_LENGTH] != ctx.home:
        return None
    if code[COUNTRY_CODE_LENGTH:] not in GOVERNED_ROLES:
        return None
    index = ctx.clauses.index(clause)
    if index + 1 >= len(ctx.clauses) or ctx.clauses[index + 1].opener != DAT:
        return None
    following = ctx.clauses[index + 1]
    body = ctx.words[following.start + 1 : following.end]
    if not set(body) & grammar().passive_auxiliaries:
        return None
    if any(span.is_actor and span.prep is None for span in following.actors):
        return None  # "dat Rusland wordt gestraft": the clause is about someone named
    return ActorRef(code=ctx.home + GOVERNMENT_ROLE)


def domestic_counterpart(government: ActorRef | None, source: ActorRef) -> ActorRef | None:
    """The home government as counterpart of a home actor that is not itself the government."""
    if government is None or not government.code or not source.code:
        return None
    same_country = source.code[:COUNTRY_CODE_LENGTH] == government.code[:COUNTRY_CODE_LENGTH]
    role = source.code[COUNTRY_CODE_LENGTH:]
    if not same_country or not role or role == GOVERNMENT_ROLE:
        return None  # "de EU dreigt met tegenmaatregelen": its own measures
    return government


def discourse_target(
    ctx: SentenceContext,
    position: int,
    source: ActorRef,
    group: list[ActorSpan],
    *,
    foreign: bool = False,
) -> ActorRef | None:
    """The counterpart of a demand, threat, protest or reproach that names none ("De bond eist
    een baangarantie"): the actor named as a bare argument last before the trigger in this
    sentence, else first in the sentences just before (latest first), that is not the source;
    a same-country counterpart only in domestic politics (a union and a company, a party and
    the government)."""
    # "Verlinden (CD&V) reageert geschokt": a party in brackets is an affiliation, no counterpart
    here = [
        span for span in ctx.actors if span.last < position and not parenthetical(span, ctx.words)
    ]
    # in the sentences before, the first-named actor (mostly the subject) is the most salient
    spans = here[::-1] + [span for spans in reversed(ctx.earlier) for span in spans]
    # named with the source or the act ("het personeel van Philips", "staken bij De Lijn"): the
    # employer, before anyone else
    employers = [span for span in ctx.actors if employer_of(span, group)]
    code = source.code or ""
    if code[COUNTRY_CODE_LENGTH:] in LEGAL_ROLES:
        return None  # a court's or the police's unnamed counterpart is a suspect, not the text's
    for span in employers + spans:
        other = span.code or ""
        bare = span.prep is None or span in employers
        if span.kind != KIND_ENTITY or not bare or len(other) < COUNTRY_CODE_LENGTH:
            continue
        if any(same_span(span, member) for member in group) or other == code:
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
        employer = (code[COUNTRY_CODE_LENGTH:], other[COUNTRY_CODE_LENGTH:]) == LABOUR_DISPUTE
        if not same_country and code[COUNTRY_CODE_LENGTH:] in NON_STATE_ROLES and not employer:
            continue  # a union's or a party's unnamed counterpart is at home (but workers may
            # act against a foreign firm: "arbeiders blokkeerden de fabriek" of Volvo)
        return ActorRef(entity=span.entity.id if span.entity else None, code=other, name=span.name)
    return None


def visit_counterpart(history: list[Event], index: int, source: ActorRef) -> ActorRef | None:
    """"Zelensky bezocht Den Haag. Nederland zegde 500 miljoen euro steun toe": a promise or
    aid that names no recipient goes to the other side of the visit, meeting or call reported
    with the source's country in the sentences just before."""
    own = (source.code or "")[:COUNTRY_CODE_LENGTH]
    if not has_country(own):
        return None
    for event in reversed(history):
        if event.sentence < index - VISIT_WINDOW:
            break
        if event.plover != CONSULT or event.source is None or event.target is None:
            continue
        sides = (event.source, event.target)
        countries = [(side.code or "")[:COUNTRY_CODE_LENGTH] for side in sides]
        if own not in countries or countries[0] == countries[1]:
            continue
        other = sides[1] if countries[0] == own else sides[0]
        if other.code and has_country(other.code):
            return ActorRef(other.entity, other.code, other.name)
    return None


def conflict_sides(
    ctx: SentenceContext,
    targets: list[ActorSpan],
    sources: list[ActorSpan],
    unnamed: list[ActorSpan] | None = None,
) -> list[ActorSpan]:
    """"Blinken drong er bij beide partijen op aan", "de VN riepen alle partijen op de wapens
    neer te leggen": the parties are the two sides of the conflict the text reported last that
    the source's own state is no side of. Without such a conflict, "alle partijen" are political
    parties only where the text around names one; else they are dropped (it names no one)."""
    sides = [span for span in targets if _side_span(ctx.words, span)]
    if not sides and not targets:
        # "riep beide partijen op" where event_context found no two actors to name them
        sides = [s for s in unnamed or [] if s.name == BOTH and _side_span(ctx.words, s)]
    if not sides:
        return targets
    rest = [span for span in targets if not any(span is side for side in sides)]
    pair = _last_conflict(ctx.history, [span.code or "" for span in sources])
    if pair is not None:
        anchor = sides[0]
        entities = {entity.id: entity for entity in ctx.doc.entities}
        return rest + [
            ActorSpan(anchor.first, anchor.last, KIND_ENTITY, ref.code,
                      entities.get(ref.entity or ""), ref.name or "")
            for ref in pair
        ]
    people = [side for side in sides if side.kind == KIND_PERSON]
    if people and not _parties_named(ctx):
        return rest
    return targets


def _side_span(words: list[str], span: ActorSpan) -> bool:
    """"beide partijen" (as the two spans event_context made of it), "alle (strijdende)
    partijen": a plural noun for the sides of a dispute, not political parties named as such
    ("de politieke partijen", "de Vlaamse partijen")."""
    g = grammar()
    if span.name == BOTH:
        noun = words[span.first + 1] if words[span.first] == BOTH else words[span.first]
        return noun in g.side_nouns
    if span.kind != KIND_PERSON or span.code or span.name not in g.side_nouns:
        return False
    before = words[span.first - 1] if span.first > 0 else ""
    return before not in g.party_qualifiers and before not in g.demonyms


def _last_conflict(history: list[Event], own: list[str]) -> tuple[ActorRef, ActorRef] | None:
    """Source and target of the last conflict event (verbal or material) between two coded
    sides of which neither is one of ``own`` nor the state of one of ``own``."""
    states = {code[:COUNTRY_CODE_LENGTH] for code in own if code[COUNTRY_CODE_LENGTH:]
              in STATE_ROLES}
    for event in reversed(history):
        if event.quad_class not in CONFLICT_QUADS or event.source is None or event.target is None:
            continue
        pair = (event.source, event.target)
        codes = [ref.code or "" for ref in pair]
        if not all(has_country(code) for code in codes) or codes[0] == codes[1]:
            continue
        if any(code in own or (code[:COUNTRY_CODE_LENGTH] in states
                               and code[COUNTRY_CODE_LENGTH:] in STATE_ROLES) for code in codes):
            continue
        return pair
    return None


def _parties_named(ctx: SentenceContext) -> bool:
    """Does the text just before (or this sentence) name a political party? Then "de partijen"
    may be parties ("De koning riep de partijen op een regering te vormen")."""
    spans = ctx.actors + [span for spans in ctx.earlier for span in spans]
    return any(
        span.kind == KIND_ENTITY and span.entity is not None
        and (span.code or "")[COUNTRY_CODE_LENGTH:] in PARTY_ROLES
        for span in spans
    )  # fmt: skip


def employer_of(span: ActorSpan, group: list[ActorSpan]) -> bool:
    """``span`` names where the source works: "bij X" anywhere in the sentence, or "van X"
    right after a member of the source ("het personeel van (de) X")."""
    if span.prep == WORKPLACE_PREP:
        return True
    return span.prep == EMPLOYER_PREP and any(
        0 < span.first - member.last <= EMPLOYER_GAP for member in group
    )


def place_people(
    ctx: SentenceContext,
    position: int,
    source: ActorRef,
    target: ActorRef | None,
    roles: Roles,
) -> ActorRef | None:
    """Unnamed people of no known country ("vijftig vrouwen en kinderen") acted on by a foreign
    actor belong to the other side the text is about ("Hamas laat vijftig gijzelaars vrij")."""
    named = target is not None and target.entity is not None and not is_group(target.entity)
    if target is None or named or not target.code:
        return target
    if not target.code.startswith(UNKNOWN) or not has_country(source.code or ""):
        return target
    other = discourse_target(ctx, position, source, roles.sources, foreign=True)
    if other is None or not other.code or not _state_code(other.code):
        return target  # "De VN onderzoekt verkrachtingen door Russische troepen": not UN women
    return ActorRef(None, other.code[:COUNTRY_CODE_LENGTH] + target.code[len(UNKNOWN) :],
                    target.name)


def _state_code(code: str) -> bool:
    """A country or its state organs, not a bloc or an international organisation."""
    country, role = code[:COUNTRY_CODE_LENGTH], code[COUNTRY_CODE_LENGTH:]
    return country not in BLOCS and role in ("", "GOV", "MIL", "COP", "JUD", "LEG")


def same_span(a: ActorSpan, b: ActorSpan) -> bool:
    """Same actor, across sentences too (``ActorSpan.same_actor`` compares positions)."""
    if a.entity is not None and b.entity is not None:
        return a.entity.id == b.entity.id
    return a is b


def home_people(ref: ActorRef, home: str | None) -> ActorRef:
    if home is None or not ref.code or not ref.code.startswith(UNKNOWN):
        return ref
    return ActorRef(ref.entity, home + ref.code[len(UNKNOWN) :], ref.name)


def share_country(targets: list[ActorRef | None]) -> list[ActorRef | None]:
    """"150 Palestijnse vrouwen en minderjarigen": the minors are Palestinian too."""
    country = next(
        (t.code[:COUNTRY_CODE_LENGTH] for t in targets if t and t.code and has_country(t.code)),
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


def has_country(code: str) -> bool:
    return len(code) >= COUNTRY_CODE_LENGTH and not code.startswith(UNKNOWN)


def same_ref_actor(a: ActorRef, b: ActorRef) -> bool:
    if a.entity is not None or b.entity is not None:
        return a.entity == b.entity
    return a.code == b.code and a.name == b.name


def span_ref(span: ActorSpan, clause: Clause, source_code: str | None) -> ActorRef | None:
    if span.kind == KIND_PERSON:
        code = person_code(span, clause.actors, source_code, clause.words)
        return ActorRef(code=code, name=span.name)
    if not span.is_actor and not span.code:
        return None
    if span.entity is None and span.code is None:
        return None  # an unresolved pronoun
    entity_id = span.entity.id if span.entity is not None else None
    return ActorRef(entity=entity_id, code=span.code, name=span.name)


def located_people(
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




CIVILIAN_ROLE = "CVL"
MIN_SITE_PREFIX = 3  # "basisschool" = "basis" + "school"; shorter heads are no compound


def attacked_site(ctx: SentenceContext, clause: Clause, position: int, hit: Hit) -> int | None:
    """Where the civilian site an attack is aimed at stands in the sentence ("bombardeerde een
    ziekenhuis in Charkiv", "een aanval op een school"), as the clause names it: the verb's bare
    object or subject, or the noun in the entry's target frame ("op", "tegen"); a noun trigger's
    only in its frame after it. Not a site that only places the act ("stellingen bij een
    ziekenhuis")."""
    g = grammar()
    for i in range(clause.start, clause.end):
        if i == position or not _site_word(ctx.words[i], g.civilian_sites, g.civilian_site_heads):
            continue
        prep = governing_prep(ctx.words, clause, i)
        framed = prep is not None and prep in hit.entry.target_preps
        if (framed and i > position) or (hit.form != "noun" and prep is None):
            return i
    return None


def _site_word(word: str, sites: frozenset[str], heads: frozenset[str]) -> bool:
    """A civilian site, or a compound headed by one that may head compounds
    ("kinderziekenhuis", "VN-school"; not "arbeidsmarkt")."""
    if word in sites or word in heads:
        return True
    return any(
        word.endswith(head) and len(word) - len(head) >= MIN_SITE_PREFIX for head in heads
    )


def site_people(
    ctx: SentenceContext, clause: Clause, site: int, source: ActorRef, target: ActorRef | None
) -> ActorRef | None:
    """Whom an attack on the civilian site at ``site`` strikes: the civilians of the country it
    stands in (the first place named after it in the clause: "een ziekenhuis in Odessa", else
    the one country other than the attacker's among the clause's places), or of the country
    named as its owner ("een Oekraïens ziekenhuis"); unnamed ("---CVL") when none is known. A
    named actor stays the target ("een school van Hamas")."""
    if target is None:
        tokens = ctx.sentence.tokens
        start, end = tokens[clause.start].start, tokens[clause.end - 1].end
        own = (source.code or "")[:COUNTRY_CODE_LENGTH]
        after = sorted(
            (offset, place.country) for offset, place in ctx.places
            if place.country and tokens[site].end <= offset < end
        )  # fmt: skip
        others = {
            place.country for offset, place in ctx.places
            if place.country and place.country != own and start <= offset < end
        }  # fmt: skip
        if after:
            country: str | None = after[0][1]
        else:
            country = others.pop() if len(others) == 1 else None
        return ActorRef(code=(country or UNKNOWN) + CIVILIAN_ROLE)
    code = target.code or ""
    if len(code) == COUNTRY_CODE_LENGTH and has_country(code) and code not in BLOCS:
        return ActorRef(None, code + CIVILIAN_ROLE, target.name)
    return target

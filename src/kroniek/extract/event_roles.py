"""Who is the source and who the target of a trigger, by Dutch clause position.

Rules (no dependency parser): the subject is the first bare (preposition-less) actor of the clause;
in a main clause that opens with an adverbial ("Eerder deze maand beval Poetin ...") it is the
actor right after the finite verb; a clause opened by ``en`` + verb or a relative pronoun after a
comma shares the subject before it. The target is the actor in the entry's preposition frame, else
the next bare actor (the object). Passives swap: the ``door`` phrase is the source.
"""

from __future__ import annotations

from dataclasses import dataclass

from kroniek.extract.event_context import (
    BLOCS,
    BOTH,
    KIND_DEMONYM,
    KIND_ENTITY,
    KIND_PERSON,
    KIND_PLACE,
    NP_OPENERS,
    PLACE_ENTITY_TYPES,
    ActorSpan,
    Clause,
    grammar,
    role_code,
)
from kroniek.extract.event_lexicon import ROLE_SOURCE, ROLE_TARGET, Hit, LexEntry, lexicon

ROLE_START = 3  # an actor code's role part follows its three-letter country ("GBRGOV")
SUBJECT_GAP = 4  # tokens between a finite verb and an inverted subject ("beval de Russische ...")
NOUN_WINDOW = 8  # tokens after a nominal trigger in which its prepositional frame is sought
FRAME_OWNER_GAP = 5  # "op militaire stellingen van Hamas": the owner after the frame's noun
ORIGIN_PREPS = frozenset({"vanuit"})  # "raketten vanuit Gaza": where an attack comes from
VICTIM_PREPS = frozenset({"bij"})  # "bij luchtaanvallen zijn twee tieners gedood"
# Acts whose object belongs to the source or a third party ("stuurde schepen van de marine",
# "leverde wapens van de VS"): the owner of the object is not the target.
OWN_GOODS_TYPES = frozenset({"MOBILIZE", "AID", "COOPERATE"})
POSSESSIVES = frozenset({"zijn", "haar", "hun", "diens", "ons", "onze"})
NOUN_PREP_LOOKBACK = 4  # tokens back from a noun to its preposition ("bij de zware Russische")
VIOLENT_TYPES = frozenset({"FIGHT", "ASSAULT"})
DEMONYM_GAP = 2  # tokens between a nationality adjective and its noun ("Israëlische zware ...")
GROUP_GLUE = frozenset({"en", ",", "of", "ook", "als", "zowel"})
CIVILIAN_ROLE = "CVL"
DOMESTIC_ROLES = frozenset({"COP", "JUD"})  # their unnamed targets are their own country's
UNKNOWN_COUNTRY = "---"
PASSIVE_AGENT = "door"
OWNER_GAP = 3  # "werknemers van de supermarktketen X": tokens from the group to its owner
LONG_OWNER_GAP = 7  # "ministers van Buitenlandse Zaken van de G7"
ORIGIN_PREP = "uit"  # "twee jongeren uit Rotterdam": where unnamed people come from
ORIGIN_GAP = 2
PRONOMINAL_ADVERBS = ("daar", "hier", "waar")
PARTNER_PREP = "met"  # "met hulp van X": X is a means; "waardering voor de hulp van X": a target
COUNTRY_LENGTH = 3
SEAT_PREPS = frozenset({"in"})  # "de rechter in Gent": where an actor sits
SEAT_PREP_LOOKBACK = 3  # tokens from a place back to its preposition ("in het Belgische Gent")


@dataclass(slots=True)
class Roles:
    sources: list[ActorSpan]
    targets: list[ActorSpan]
    null_source: str | None = None  # code used when the entry allows an unknown perpetrator
    # Sources named in the noun's own phrase ("bemiddeling van Qatar en Egypte"), not subjects:
    # they do not act with each other.
    phrase_sources: bool = False


def is_finite_at(words: list[str], i: int) -> bool:
    """Is words[i] a finite verb? Not after an article or number ("twee verdachten")."""
    word = words[i]
    g = grammar()
    if i > 0 and (words[i - 1] in g.determiners or words[i - 1] in g.prepositions):
        return False
    if word in g.auxiliaries:
        return True
    return any(hit.form == "finite" for hit in lexicon().forms.get(word, ()))


def finite_positions(words: list[str]) -> frozenset[int]:
    """Token positions that hold a finite verb (computed once per sentence)."""
    return frozenset(i for i in range(len(words)) if is_finite_at(words, i))


def group(span: ActorSpan, actors: list[ActorSpan], words: list[str]) -> list[ActorSpan]:
    """``span`` and the actors coordinated with it ("Rusland en Iran", "Washington en Taipei")."""
    g = grammar()
    members = [span]
    end = span.last  # the last token of the group so far, names split by the tagger included
    ordered = sorted(actors, key=lambda a: a.first)
    for other in ordered:
        if other.first <= end or other.kind == KIND_DEMONYM:
            continue
        gap = words[end + 1 : other.first]
        if gap and other.kind == KIND_ENTITY and all(w in g.name_particles for w in gap):
            end = other.last  # "Tamim bin Hamad": the rest of a name split at "bin"
            continue
        glue = [w for w in gap if w not in g.determiners and w not in g.title_words]
        apposition = (
            not gap
            and other.kind == KIND_ENTITY
            and words[other.first] not in g.person_pronouns  # "sprak de rechtbank hem vrij"
            # subject and object touch after a fronted adverbial: "Dinsdag heeft de regering
            # de gezant ontboden", "Volgens de krant zou de NAVO Rusland hebben gewaarschuwd"
            and words[other.first] not in NP_OPENERS
            and _heads_apposition(members[-1], other, words)
        )
        if apposition or (
            gap and all(w in GROUP_GLUE for w in glue) and any(w in ("en", ",") for w in gap)
        ):
            members.append(other)  # "Vakbonden ACV en ABVV", "Rusland en Iran"
            end = other.last
        else:
            break
    return members


def _heads_apposition(span: ActorSpan, other: ActorSpan, words: list[str]) -> bool:
    """Can the name ``other`` follow this span in apposition? A group word ("vakbonden ACV"),
    an organisation in a title ("PVV-leider Geert Wilders") or "beide" + noun; not a pronoun
    ("hij zijn ambtgenoot"), and a place only after a noun ("de gemeente Velsen", not "de NAVO
    Rusland")."""
    if span.kind != KIND_ENTITY:
        return False
    if span.name == BOTH:
        return True
    if span.entity is None:
        return (span.code or "").startswith(UNKNOWN_COUNTRY)
    if _other_sector(span, other):
        return False  # "dwong de Britse regering Shell ...": subject and object, not one name
    if span.entity.generic:
        return True
    g = grammar()
    head = words[span.last]
    noun = head in g.title_words or head in g.anaphors
    country = other.entity is not None and other.entity.type == "GPE"
    return span.entity.type == "ORG" and (noun or not country)


def _other_sector(span: ActorSpan, other: ActorSpan) -> bool:
    """Two organisations of different sectors ("de regering" and a company) touching after an
    inverted verb are two actors: an apposition names the same kind of body ("de vakbond ACV")."""
    if other.entity is None or other.entity.type != "ORG":
        return False
    first, second = span.code or "", other.code or ""
    if len(first) <= ROLE_START or len(second) <= ROLE_START:
        return False
    return first[ROLE_START:] != second[ROLE_START:]


def _bare(actors: list[ActorSpan]) -> list[ActorSpan]:
    return [a for a in actors if a.prep is None and a.is_actor]


def find_subject(
    clause: Clause,
    words: list[str],
    previous: Clause | None,
    trigger: int,
    time_tokens: frozenset[int] = frozenset(),
    finite: frozenset[int] | None = None,
) -> ActorSpan | None:
    """The clause's subject actor; sets ``clause.subject_known`` when the slot is filled at all."""
    g = grammar()
    bare = _bare(clause.actors)
    body = clause.start + (1 if clause.opener else 0)
    clause.subject_known = True
    if clause.inherits and previous is not None:
        finite = finite if finite is not None else finite_positions(words)
        verb_first = body < clause.end and body in finite
        relative = clause.opener in g.relatives
        if verb_first or (relative and not [a for a in bare if a.first < trigger]):
            if relative:
                return _antecedent(previous, clause.start)
            clause.subject_known = previous.subject_known
            return previous.subject
    if clause.resumes and previous is not None:
        own = [a for a in bare if a.first < trigger]
        if not own:
            clause.subject_known = previous.subject_known
            return previous.subject
    if clause.subordinate:
        return bare[0] if bare else None
    if finite is None:
        finite = finite_positions(words)
    fin = next((i for i in range(body, clause.end) if i in finite), None)
    if fin is None:
        before = [a for a in bare if a.first < trigger] or bare
        return before[0] if before else None
    pre_field = [a for a in bare if body <= a.first < fin]
    if pre_field:
        return pre_field[0]
    opener = words[body]
    opens_adverbial = (
        fin == body
        or opener in g.adverbials
        or opener.startswith(PRONOMINAL_ADVERBS)  # "daarvan sprak de rechtbank hem vrij"
        or opener in g.prepositions
        or opener.isdigit()
        or body in time_tokens
        or (fin - 1) in time_tokens
        or (words[fin - 1] in g.adverbials and words[fin - 1] not in g.prepositions)
    )
    if opens_adverbial:
        inverted = [a for a in bare if fin < a.first <= fin + SUBJECT_GAP]
        return inverted[0] if inverted else None
    clause.subject_known = False
    return None


def _antecedent(previous: Clause, comma_after: int) -> ActorSpan | None:
    """The actor that ends right before the comma opening a relative clause."""
    for actor in reversed(previous.actors):
        if actor.last >= comma_after - 2 and actor.is_actor:
            return actor
    return None


def _relative_after(words: list[str], clause: Clause, trigger: int) -> int:
    """Where a relative clause opens after the trigger without a comma ("drie mannen aangehouden
    die verdacht worden van ..."), else the clause end: its auxiliaries are not the trigger's."""
    relatives = grammar().relatives
    return next((i for i in range(trigger + 1, clause.end) if words[i] in relatives), clause.end)


def _is_passive(entry: LexEntry, hit: Hit, clause_words: list[str]) -> bool:
    if hit.form != "participle" or not entry.object_target:
        return False
    g = grammar()
    words = set(clause_words)
    if words & g.passive_auxiliaries:
        return True
    if not words & g.auxiliaries and not any(
        h.form == "finite" for word in words for h in lexicon().forms.get(word, ())
    ):
        return True  # headline style: "Man doodgeschoten in Amsterdam"
    return bool(words & g.be_auxiliaries) and not words & g.have_auxiliaries


def _nested(
    words: list[str], start: int, end: int, entry: LexEntry, particle: str | None
) -> bool:
    """Does a prepositional phrase of its own stand between the trigger and a "van" phrase
    ("een enquête naar de compensatie van de ouders", "in de haven van Rotterdam")? Particles
    and the entry's own words ("ging in op de eisen van") do not count."""
    g = grammar()
    own: set[int] = set()
    size = len(entry.needs)
    for k in range(max(0, start - size), end):
        if size and tuple(words[k : k + size]) == entry.needs:
            own.update(range(k, k + size))
    for k in range(start, end):
        word = words[k]
        if word not in g.prepositions or word == "van" or k in own or word == particle:
            continue
        if word in entry.target_preps:
            continue
        following = words[k + 1] if k + 1 < len(words) else ""
        if following in g.prepositions or following == "van" or following in (",", "."):
            continue  # "kondigden de bevriezing aan van": a particle
        return True
    return False


def _frame_target(
    entry: LexEntry, actors: list[ActorSpan], after: int, limit: int, words: list[str],
    particle: str | None = None,
) -> ActorSpan | None:
    """The actor in the entry's prepositional frame; "op [stellingen] van Hamas" gives Hamas."""
    preps = entry.target_preps
    if not preps:
        return None
    for actor in actors:
        if actor.prep in preps and after < actor.first < limit:
            if actor.prep == "van" and _nested(words, after + 1, actor.first, entry, particle):
                continue  # "eist een enquête naar de compensatie van de ouders": nested deeper
            if _seat_of(actor, actors, words):
                continue  # "door een onderzoeksrechter in Gent": the seat of the doer
            return actor
    for i in range(max(after + 1, 0), min(limit, len(words))):
        if words[i] in preps:
            if words[i] == "van" and _nested(words, after + 1, i, entry, particle):
                break  # "in de haven van Rotterdam": a place phrase, not the frame
            owner = next(
                (a for a in actors if a.prep == "van" and i < a.first <= i + FRAME_OWNER_GAP),
                None,
            )
            means = words[i] == PARTNER_PREP and _names_an_act(words[i + 1 : owner.first]) if (
                owner is not None) else False
            if means:
                continue  # "met bemiddeling van Qatar": Qatar mediates, it is not the partner
            if owner is not None:
                return owner
            break
    return None


def _seat_of(place: ActorSpan, actors: list[ActorSpan], words: list[str]) -> bool:
    """Is ``place`` a locative phrase right after another actor ("een onderzoeksrechter in
    Gent", "de politie in Antwerpen")? It then says where that actor sits, not whom the act aims
    at."""
    geographic = place.kind == KIND_PLACE or (
        place.entity is not None and place.entity.type in PLACE_ENTITY_TYPES
    )
    if not geographic or place.prep not in SEAT_PREPS:
        return False
    prep_at = next(
        (i for i in range(place.first - 1, max(place.first - SEAT_PREP_LOOKBACK, 0) - 1, -1)
         if words[i] == place.prep),
        None,
    )
    if prep_at is None:
        return False
    return any(a.is_actor and a.last == prep_at - 1 for a in actors)


def _names_an_act(words: list[str]) -> bool:
    """"met bemiddeling/hulp/steun van X": X is the means, not the partner of the act."""
    means = grammar().means_nouns
    return any(word in means for word in words)


def _object(
    actors: list[ActorSpan], subject: ActorSpan | None, trigger: int, ceiling: int | None = None
) -> ActorSpan | None:
    """The first bare actor that is not the subject (and after it, when the subject is known),
    before ``ceiling`` (the verb's frame preposition: "stemde in met maatregelen die kinderen
    treffen" has no object)."""
    floor = subject.last if subject is not None else -1
    for actor in actors:
        if actor.prep is not None or actor.first <= floor:
            continue
        if ceiling is not None and actor.first > ceiling:
            break
        if subject is not None and actor.same_actor(subject):
            continue
        if actor.kind in (KIND_ENTITY, KIND_PERSON, KIND_PLACE):
            return actor
        if actor.kind == KIND_DEMONYM:
            return actor  # "viel een Russische raffinaderij aan"
    return None


def verb_roles(
    hit: Hit,
    clause: Clause,
    words: list[str],
    subject: ActorSpan | None,
    trigger: int,
    sentence_actors: list[ActorSpan] | None = None,
) -> Roles:
    entry = hit.entry
    actors = _around(clause.actors, trigger)
    if _is_passive(entry, hit, words[clause.start : _relative_after(words, clause, trigger)]):
        agents = [a for a in actors if a.prep == PASSIVE_AGENT and a.is_actor]
        if not agents and sentence_actors:  # "is gearresteerd en wordt door de politie verhoord"
            agents = [a for a in sentence_actors if a.prep == PASSIVE_AGENT and a.is_actor]
        if not agents:  # "werden raketten afgevuurd vanuit Gaza"
            agents = [a for a in actors if a.prep in ORIGIN_PREPS and a.code]
        if not agents:  # "werd getroffen door Russische raketten"
            agents = [a for a in actors if a.prep == PASSIVE_AGENT and a.kind == KIND_DEMONYM]
        sources = group(agents[0], actors, words) if agents else []
        patient = subject if subject is not None else _late_patient(actors, trigger)
        if patient is None and entry.plover in VIOLENT_TYPES:  # "werd Kyiv getroffen"
            patient = next((a for a in actors if a.kind == KIND_PLACE and a.prep is None
                            and a.first < trigger and a.code), None)
        targets = group(patient, actors, words) if patient is not None else []
        return Roles(sources, targets, entry.null_source)
    if subject is None and entry.plover in VIOLENT_TYPES:
        # "Russische drones troffen Charkiv": the weapons' country fired them
        subject = next((a for a in actors if a.kind == KIND_DEMONYM and a.prep is None
                        and a.first < trigger and a.first <= clause.start + DEMONYM_GAP + 1), None)
    sources = group(subject, actors, words) if subject is not None else []
    # a "van" or "met" phrase inside the subject ("Minister van Mobiliteit X") is not the frame
    after = sources[-1].last if sources and sources[0].first < trigger else clause.start - 1
    if sources and sources[0].first < trigger:
        after = _aside_end(words, after, trigger)
    target = _frame_target(entry, actors, after, clause.end, words, hit.particle)
    if target is None and entry.object_target:
        last = sources[-1] if sources else None
        candidates = [a for a in actors if not parenthetical(a, words)]
        target = _object(candidates, last, trigger, _frame_position(entry, words, clause, last))
        if target is None and entry.plover not in OWN_GOODS_TYPES:
            floor = max(after, last.last) if last is not None else after  # past an inverted one
            target = _object_owner(candidates, words, floor, clause.end, trigger)
    targets = group(target, actors, words) if target is not None else []
    return Roles(sources, targets)


def _object_owner(
    actors: list[ActorSpan], words: list[str], after: int, end: int, trigger: int
) -> ActorSpan | None:
    """"beschoot twintig doelen van het leger", "steunde het plan van de burgemeester": when the
    object is a thing, the owner named in a "van" phrase right after it is whom the act is aimed
    at. Not when the thing is itself an act ("eiste de vrijlating van ...": its own trigger) or
    sits in a phrase of its own ("in de haven van Antwerpen")."""
    g = grammar()
    for actor in actors:
        if actor.prep != "van" or not actor.is_actor or not after < actor.first < end:
            continue
        if words[actor.first] in POSSESSIVES:
            return None  # "stuurde schepen van zijn marine": its own
        van = next((i for i in range(actor.first - 1, after, -1) if words[i] == "van"), None)
        if van is None or van - 1 <= after or van - 1 == trigger:
            return None
        head = words[van - 1]
        if not head.isalpha() or head in g.determiners or lexicon().lookup(head):
            return None
        if any(other.first <= van - 1 <= other.last for other in actors):
            return None  # "voerden werknemers van Delhaize actie": people, the subject
        between = [w for i, w in enumerate(words[after + 1 : van - 1], after + 1) if i != trigger]
        if any(w in g.prepositions for w in between):
            return None
        return actor
    return None


def _aside_end(words: list[str], after: int, trigger: int) -> int:
    """Skip an aside between commas right after the subject ("Amnesty, de organisatie achter de
    actie, noemde ..."): the verb's frame starts after it."""
    commas = [i for i in range(after + 1, trigger) if words[i] == ","]
    if len(commas) >= 2 and commas[0] == after + 1:
        return commas[-1]
    return after


def _late_patient(actors: list[ActorSpan], trigger: int) -> ActorSpan | None:
    """The patient of a passive far after its auxiliary ("zijn in Nederland en België in totaal
    zeventien verdachten opgepakt"): the last bare actor before the participle."""
    bare = [a for a in _bare(actors) if a.first < trigger and a.kind != KIND_DEMONYM]
    return bare[-1] if bare else None


def parenthetical(actor: ActorSpan, words: list[str]) -> bool:
    """"François Bellot (MR)": a party in brackets is an affiliation, not an object."""
    before = words[actor.first - 1] if actor.first > 0 else ""
    after = words[actor.last + 1] if actor.last + 1 < len(words) else ""
    return before == "(" and after == ")"


def _frame_position(
    entry: LexEntry, words: list[str], clause: Clause, subject: ActorSpan | None
) -> int | None:
    """Where the verb's frame preposition stands (after the subject), if anywhere."""
    start = subject.last + 1 if subject is not None else clause.start
    return next((i for i in range(start, clause.end) if words[i] in entry.target_preps), None)


def _around(actors: list[ActorSpan], trigger: int) -> list[ActorSpan]:
    """The clause's actors except one the trigger word is part of ("de onderhandelaars")."""
    return [a for a in actors if not a.first <= trigger <= a.last]


def _demonym_before(actors: list[ActorSpan], trigger: int) -> ActorSpan | None:
    for actor in actors:
        if actor.kind == KIND_DEMONYM and trigger - DEMONYM_GAP <= actor.first < trigger:
            return actor
    return None


def noun_roles(
    hit: Hit, clause: Clause, words: list[str], subject: ActorSpan | None, trigger: int,
    in_phrase: bool,
) -> Roles:
    """Roles of a nominal trigger. ``in_phrase``: the noun sits in a PP or the pre-field, so the
    clause subject is not its agent."""
    entry = hit.entry
    actors = _around(clause.actors, trigger)
    limit = min(clause.end, trigger + NOUN_WINDOW + 1)
    van_role = entry.van_role or (ROLE_TARGET if "van" in entry.target_preps else ROLE_SOURCE)
    van = None
    if _van_follows(words, trigger):  # "de aanval van X"
        van = next((a for a in actors if a.prep == "van" and trigger < a.first < limit), None)
    origin = next(
        (a for a in actors if a.prep in ORIGIN_PREPS and trigger < a.first < limit and a.code),
        None,
    )
    agent = next(
        (a for a in actors if a.prep == PASSIVE_AGENT and a.is_actor and trigger < a.first < limit),
        None,
    )
    source: ActorSpan | None = _demonym_before(actors, trigger) or origin
    if source is None and van is not None and van_role == ROLE_SOURCE and van.is_actor:
        source = van
    if source is None and agent is not None:
        source = agent  # "de intimidatie van Taiwan door China"
    unresolved_agent = van is None and van_role == ROLE_SOURCE and _van_follows(words, trigger)
    if source is None and not in_phrase and subject is not None and not unresolved_agent:
        source = subject  # but not for "aanvallen van militante Palestijnen" (unresolved)
    if source is None and not unresolved_agent:
        source = next((a for a in actors if a.prep == PASSIVE_AGENT and a.is_actor), None)
    target = _frame_target(entry, actors, trigger, limit, words)
    if target is None and van is not None and van_role == ROLE_TARGET:
        target = van
    if target is None and entry.object_target:
        target = _object(actors, source, trigger)  # "plaatste Navalny onder huisarrest"
    if target is None and source is not None and source is subject and not in_phrase:
        target = _indirect_object(actors, group(source, actors, words)[-1], trigger)
    after_victim_prep = governing_prep(words, clause, trigger) in VICTIM_PREPS
    if target is None and in_phrase and entry.plover in VIOLENT_TYPES and after_victim_prep:
        target = next(
            (a for a in actors if a.first > trigger and a.prep is None and a.is_actor), None
        )
    if target is not None and source is not None and target.same_actor(source):
        target = None
    sources = group(source, actors, words) if source is not None else []
    targets = group(target, actors, words) if target is not None else []
    return Roles(sources, targets, entry.null_source, source is not subject)


def governing_prep(words: list[str], clause: Clause, i: int) -> str | None:
    """The preposition before the noun at ``i``, over its articles, nationality adjectives and
    other adjectives ("bij de Russische luchtaanvallen": "bij"), if any."""
    g = grammar()
    for j in range(i - 1, max(clause.start, i - NOUN_PREP_LOOKBACK) - 1, -1):
        word = words[j]
        if word in g.prepositions:
            return word
        if word not in g.determiners and word not in g.demonyms and not word.endswith("e"):
            return None
    return None


def _indirect_object(
    actors: list[ActorSpan], subject: ActorSpan, trigger: int
) -> ActorSpan | None:
    """"De EU legt Rusland sancties op", "Duitsland biedt Oekraïne hulp": a bare actor between
    the subject (the last of its coordinated group) and the noun is who the act is aimed at."""
    for actor in actors:
        between = subject.last < actor.first < trigger and actor.prep is None
        named = actor.kind in (KIND_ENTITY, KIND_PERSON)  # "biedt de werknemers hulp"
        if between and named and not actor.same_actor(subject):
            return actor
    return None


def _van_follows(words: list[str], trigger: int) -> bool:
    return trigger + 1 < len(words) and words[trigger + 1] == "van"


def _owner_after(
    actors: list[ActorSpan], person: ActorSpan, words: list[str] | None = None
) -> ActorSpan | None:
    """The actor of a "van" phrase right after an unnamed group ("regeringsleiders van de EU",
    "de ministers van Buitenlandse Zaken van de G7")."""
    for actor in actors:
        gap = actor.first - person.last
        if actor.prep == ORIGIN_PREP and actor.code and 0 < gap <= ORIGIN_GAP:
            return actor  # "twee jongeren uit Rotterdam", "bemiddelaars uit Qatar"
        if actor.prep != "van" or actor.kind != KIND_ENTITY or gap <= 0:
            continue
        if gap <= OWNER_GAP or (words is not None and gap <= LONG_OWNER_GAP and _name_chain(
            words[person.last + 1 : actor.first]
        )):
            return actor
    return None


def _name_chain(words: list[str]) -> bool:
    """Only "van" + a department name between a group and its owner ("van buitenlandse zaken
    van de")."""
    g = grammar()
    return all(w == "van" or w in g.determiners or w in g.ministries for w in words)


def person_code(
    person: ActorSpan,
    actors: list[ActorSpan],
    source_code: str | None,
    words: list[str] | None = None,
) -> str:
    """Actor code of an unnamed person: "twee Palestijnse tieners" -> PSECVL; someone arrested
    by the police or sentenced by a court belongs to that country."""
    if person.code:
        return person.code
    if person.name in grammar().member_states and source_code and source_code[:3] in BLOCS:
        return source_code[:3]  # "Von der Leyen riep de lidstaten op": the EU's own members
    role = grammar().person_roles.get(person.name, CIVILIAN_ROLE)
    adjective = _demonym_before(actors, person.first)
    if adjective is not None and adjective.code:
        return role_code(adjective.code, role)
    owner = _owner_after(actors, person, words)
    if owner is not None and owner.code:
        if person.name in grammar().member_nouns and len(owner.code) > COUNTRY_LENGTH:
            return owner.code  # "leden van Hamas" are Hamas
        return role_code(owner.code[:COUNTRY_LENGTH], role)  # "werknemers van X", "EU-leiders"
    if source_code and len(source_code) > 3 and source_code[3:] in DOMESTIC_ROLES:
        return source_code[:3] + role
    return UNKNOWN_COUNTRY + role

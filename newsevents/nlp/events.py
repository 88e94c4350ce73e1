"""Events: who did what to whom, from the dependency parse, coded in CAMEO (and PLOVER via the code table).

Grain: one `CodedEvent` per (trigger, source actor, target actor) in one article.

For every verb or noun whose lemma is in `data/event_patterns.csv`:
- the code is decided from the trigger alone (`decide_code`): the pattern, its refinements, and the
  modality and negation of the trigger's clause. Negated ("did not attack", "failed to agree") and
  hypothetical ("whether X intends to …", "if …", "would …") triggers are dropped; a refused cooperation
  is a rejection (12x); stated intentions become "express intent" (03x), intents to sanction or attack
  under "prepare"/"threaten" CAMEO threats (13x);
- the source is the grammatical subject (or the agent of a passive, the possessor
  or demonym of a nominal event, the subject inherited from a governing verb);
- targets are direct objects, objects of the pattern's preposition and of
  against/on/at/with/to, a passive subject, or an organisation modifying the object
  ("a U.N. Security Council resolution"); an untargeted domestic action is aimed at the country
  of the place it happens in (one of the places the actors component lists);
- compound actors give one event per dyad; "alleged" is kept as a flag.

The word lists and code tables these rules consult are data (`Resources.words`, `.code_classes`,
`.recoding`); the dependency labels and the order of the rules are the grammar, here. The coder never
changes the actors component's output: it works on a copy and reports the places it located events in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsevents.nlp.actors import Actor, ArticleActors, Place, add_location, leading_country, resolve_pronoun
from newsevents.nlp.anchoring import date_candidates, date_for_token
from newsevents.nlp.dates import ResolvedDate
from newsevents.nlp.dictionary_verbs import VerbMatch, match_verb, phrase_after
from newsevents.nlp.resources import EventPattern, Resources
from newsevents.nlp.senses import (
    goods_code,
    investigation_code,
    is_material,
    object_code,
    object_tokens,
    particle_lemma,
    sense_code,
)
from newsevents.nlp.sentences import sentence_of, sentences


@dataclass
class CodedEvent:
    source_key: str
    target_key: str | None
    code: str
    trigger: int
    trigger_text: str
    start_char: int
    end_char: int
    sentence_index: int
    is_alleged: bool
    confidence: float
    date: ResolvedDate | None
    notes: list[str] = field(default_factory=list)
    #: the place whose country is the target, when the event was aimed at the country it happens in
    place: Place | None = None


@dataclass
class ArticleEvents:
    """The event coder's output for one article: its events, and the places it located events in that were not
    yet mentions of their country (in the order it used them; each becomes a 'location' mention at the edge)."""

    events: list[CodedEvent] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)


@dataclass(frozen=True)
class CodeDecision:
    """What a trigger token is coded as, before any actor is looked at: the pattern it matched, the final code
    and the modality it was coded under (None for a factual event, or once a refusal became a rejection)."""

    pattern: EventPattern
    code: str
    mood: str | None
    #: the user verb dictionary's match that decided the code (None: our own patterns did)
    user: VerbMatch | None = None


# ----------------------------------------------------------------------------- patterns
def _preps(tok: Token) -> set[str]:
    preps = {c.lower_ for c in tok.children if c.dep_ in ("prep", "prt", "agent", "dative") or (
        c.dep_ == "advmod" and c.pos_ in ("ADV", "ADP"))}   # "pulled back from": a particle tagged as an adverb
    if tok.dep_ == "compound":
        preps |= {c.lower_ for c in tok.head.children if c.dep_ == "prep"}
    if tok.pos_ in ("NOUN", "PROPN"):
        preps |= {g.lower_ for c in tok.children if c.dep_ == "acl" for g in c.children if g.dep_ == "prep"}
    return preps


def _has_object(tok: Token) -> bool:
    return any(c.dep_ in ("dobj", "dative", "nsubjpass", "ccomp", "xcomp") for c in tok.children) or (
        tok.pos_ == "NOUN")


def select_pattern(tok: Token, res: Resources) -> EventPattern | None:
    """The best pattern for a trigger token: a matching preposition beats the bare lemma."""
    pos = "VERB" if tok.pos_ == "VERB" else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None
    if pos is None:
        return None
    candidates = res.patterns.get((pos, tok.lemma_.lower()))
    if not candidates:
        return None
    preps = _preps(tok) | _joint_marks(tok, res)
    best = _best_pattern(tok, candidates, preps, res)
    if best is None and pos == "NOUN":
        best = _best_pattern(tok, candidates, preps | _light_verb_preps(tok, res), res)
    return best


def _best_pattern(tok: Token, candidates: list[EventPattern], preps: set[str], res: Resources) -> EventPattern | None:
    """The candidate pattern whose preposition and object needs a trigger meets, a preposition row first."""
    pos = "VERB" if tok.pos_ == "VERB" else "NOUN"
    has_dobj = any(c.dep_ in ("dobj",) for c in tok.children)
    best = None
    for p in candidates:
        if p.prep and p.prep not in preps and " ".join(p.prep.split()) not in preps:
            continue
        if p.object_required == "yes" and not _has_object(tok):
            continue
        if p.object_required == "intransitive" and has_dobj:
            continue
        if p.object_required == "listed" and not (object_code(tok, res, _own_rows_prep(tok, p, res))[0]
                                                   if pos == "VERB" else refinement(tok, p.code, res)):
            continue
        if best is None or (p.prep and not best.prep):
            best = p
    return best


def _joint_marks(tok: Token, res: Resources) -> set[str]:
    """{'joint'} for a noun done or owned together ("a joint border post", "a jointly owned refinery", "a jointly run
    customs post": a `joint_words` modifier on the noun or on a participle modifying it), else an empty set: the
    `joint` preposition of a noun pattern (a facility is an event only when states share it)."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return set()
    words = res.words.joint_words
    for child in tok.children:
        if child.dep_ in ("amod", "advmod", "compound") and child.lower_ in words:
            return {"joint"}
        if child.dep_ in ("amod", "acl") and any(g.dep_ == "advmod" and g.lower_ in words for g in child.children):
            return {"joint"}
    return set()


def _light_verb_preps(tok: Token, res: Resources) -> set[str]:
    """The prepositions of the light verb whose object a noun is ("opened hearings into the sale": the parser
    hangs 'into' on the verb): read only for a noun that is an event with its preposition alone."""
    if tok.dep_ != "dobj" or tok.head.lemma_.lower() not in res.words.light_verbs:
        return set()
    return {c.lower_ for c in tok.head.children if c.dep_ == "prep"}


def _own_rows_prep(tok: Token, pattern: EventPattern, res: Resources) -> str:
    """The pattern's particle when the particle verb has object rows of its own ("call off"), else ''."""
    return pattern.prep if particle_lemma(tok.lemma_.lower(), pattern.prep, res) else ""


def refine_code(tok: Token, code: str, res: Resources) -> str:
    """Modifiers make a code more specific ("chemical" attack -> 2041, "missile" strike -> 195)."""
    return refinement(tok, code, res) or code


def refinement(tok: Token, code: str, res: Resources) -> str | None:
    """The code a refinement row gives a trigger through one of its modifiers (for a cooperation, its 'with'-
    partners too), else the code of the act a generic accusation charges (`_charged_act`), or None."""
    lemma = tok.lemma_.lower()
    modifiers = [c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
    modifiers += [g.lemma_.lower() for c in tok.children if c.dep_ == "compound" for g in c.children
                  if g.dep_ in ("compound", "amod")]
    if tok.dep_ == "compound":
        modifiers.append(tok.head.lemma_.lower())
    modifiers += _instrument_kinds(tok, res)
    modifiers += [c.lemma_.lower() for c in tok.children if c.dep_ == "nsubj"]   # "drones hit the refinery"
    modifiers += _governing_participants(tok) + _light_verb_lemma(tok, res) + _instruments(tok, res)
    modifiers += _holder_and_parties(tok) + (_cooperation_partners(tok) if code[:2] == "06" else [])
    for modifier in modifiers:
        refined = res.refinements.get((lemma, modifier)) or (
            res.refinements.get(("*", modifier)) if code[:2] == "19" else None)
        if refined and refined in res.cameo:
            return refined
    # the charge is read by the trigger's own rows only: an 'of'-phrase of a use of force names its target
    # ("the shelling of tank positions"), never its weapon
    return next((refined for charge in _charges(tok) for refined in [res.refinements.get((lemma, charge))]
                 if refined and refined in res.cameo), None) or _charged_act(tok, code, res)


# what a generic accusation (112) may be about: acts coded by the accusation table, and force of these roots done
# to a population, which the codebook calls human-rights abuses (1122)
ACCUSATION, FORCE_ROOTS, RIGHTS_ABUSE = "112", ("18", "19"), "1122"


def _charged_act(tok: Token, code: str, res: Resources) -> str | None:
    """An accusation coded by the act it charges, a gerund or an event noun of its 'of'-phrase (or its object's):
    force done to a population (civilians, journalists, protesters: `domestic_roles`) is a human-rights abuse
    ("accused the army of executing civilians" -> 1122); otherwise `recoding.accusation` names the kind ("of shelling
    villages", "of firing on our positions" -> 1123 aggression; "of massacring" -> 1124 war crimes)."""
    if code != ACCUSATION:
        return None
    holders = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    acts = [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ in ("pcomp", "pobj")]
    if tok.pos_ == "NOUN":   # "Bolivia's accusation that Peru had shelled its posts"
        acts += [c for c in tok.children if c.dep_ == "acl" and c.pos_ == "VERB" and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    for act in acts:
        charged = _act_code(act, res)
        if charged is None:
            continue
        if charged[:2] in FORCE_ROOTS and _population_victims(act, res):
            return RIGHTS_ABUSE
        accused = _recode(res.recoding.accusation, charged)
        if accused and accused in res.cameo:
            return accused
    return None


def _population_victims(act: Token, res: Resources) -> bool:
    """Whether what an act is done to (a gerund's object, an event noun's 'of'-object or 'on'/'against' phrase) is a
    population of `domestic_roles` ("executing civilians", "the killing of journalists", "firing on protesters")."""
    victims = [c for c in act.children if c.dep_ == "dobj"] + [
        p for c in act.children if c.dep_ == "prep" and c.lower_ in ("of", "on", "against")
        for p in c.children if p.dep_ == "pobj"]
    # people, not the buildings that house them ("bombing two hospitals" is force on a physical target)
    return any(res.groups.get(v.lower_) in res.code_classes.domestic_roles and
               v.lemma_.lower() not in res.words.physical_target_words for v in victims)


def _cooperation_partners(tok: Token) -> list[str]:
    """The heads of a cooperation's 'with'-partners ("cooperated with Kazakh prosecutors", "worked with their
    Moroccan counterparts' prosecutors"): who one cooperates with names the kind of cooperation as its own
    subject does (prosecutors or judges: judicial cooperation, 063)."""
    return [p.lemma_.lower() for p in _with_objects([tok])]


def _with_objects(holders: list[Token]) -> list[Token]:
    """The objects of the 'with'-phrases of some tokens: whom an act is done with ("cooperated with Kazakh
    prosecutors", "held drills with Iran")."""
    return [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
            for p in _prep_objects(c)]


def _holder_and_parties(tok: Token) -> list[str]:
    """The noun an event noun is the 'of'-object of ("a third round of talks": round) and the subjects of the verb
    whose object the noun (or that holder) is ("negotiators held a round of talks", "negotiators resumed talks":
    negotiator): the codebook's negotiation (046) is a consultation held in rounds or by negotiators."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return []
    node, out = tok, []
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        node = tok.head.head
        out.append(node.lemma_.lower())
    if node.dep_ == "dobj" and node.head.pos_ == "VERB":
        out += [c.lemma_.lower() for c in node.head.children if c.dep_ == "nsubj"]
    return out


def _instruments(tok: Token, res: Resources) -> list[str]:
    """The weapons a verb is done with ("clashed with rifles and machine guns", "shelled the town with mortars"):
    the codebook codes a use of force by its arms (small arms 193, artillery 194), named by the instrument too."""
    return [w.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ in res.words.instrument_preps
            for p in c.children if p.dep_ == "pobj" for w in [p, *p.conjuncts]
            if w.lemma_.lower() in res.words.weapon_words]


def _charges(tok: Token) -> list[str]:
    """What an accusation charges its target with: the head of the 'of'-phrase of the trigger or of its object,
    and a gerund's object ("accused Colombia of espionage", "accused the minister of embezzling funds", "of taking
    bribes"), which the codebook's sub-codes of accusation distinguish (corruption, espionage, aggression)."""
    holders = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    heads = [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
             for p in c.children if p.dep_ in ("pobj", "pcomp")]
    # a compound names the kind of a charge its head leaves open ("war crimes", "rights abuses")
    return [w.lemma_.lower() for p in heads for w in [p, *(o for o in p.children if o.dep_ in ("dobj", "compound"))]]


def _instrument_kinds(tok: Token, res: Resources) -> list[str]:
    """The kind of the weapon a verb's subject or object names ("a suicide bomber blew himself up", "detonated a car
    bomb": suicide, car), which the codebook codes the act by (suicide, vehicle, roadside bombing)."""
    return [g.lemma_.lower() for c in tok.children if c.dep_ in ("nsubj", "dobj") and
            c.lemma_.lower() in res.words.weapon_words for g in c.children if g.dep_ in ("compound", "amod")]


def _light_verb_lemma(tok: Token, res: Resources) -> list[str]:
    """The light verb an event noun is the object of, directly or through its preposition ("went on strike",
    "staged a strike": go, stage): the kind of act a verb can be done with names its sense (a labour strike)."""
    if tok.pos_ != "NOUN":
        return []
    governor = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in res.words.light_verb_preps else tok.head
    if tok.dep_ not in ("dobj", "pobj") or governor.lemma_.lower() not in res.words.light_verbs:
        return []
    return [governor.lemma_.lower()]


def _governing_participants(tok: Token) -> list[str]:
    """Lemmas of the subject and object of the verb an event noun hangs off by a preposition: who is put on the
    alert is in the clause, not on the noun ("the police went on alert", "put its police on alert")."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj" or tok.head.dep_ != "prep" or \
            tok.head.head.pos_ not in ("VERB", "AUX"):
        return []
    return [c.lemma_.lower() for c in tok.head.head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]


# ----------------------------------------------------------------------------- filters
def _clause_chain(tok: Token):
    """The trigger and its governors up to (and including) the first clause boundary."""
    node = tok
    yield node
    while node.head.i != node.i:
        boundary = node.dep_ in ("relcl",)
        node = node.head
        yield node
        if boundary:
            return


def _negative_subject(node: Token, res: Resources) -> bool:
    """"Nobody attacked", "no country recognised", "neither A nor B met": a negative subject negates the clause."""
    return any(subj.dep_ in ("nsubj", "nsubjpass") and _none_of(subj, res, ("det", "preconj"))
               for subj in node.children)


def _none_of(noun: Token, res: Resources, marks: tuple[str, ...] = ("det",)) -> bool:
    """A noun phrase that counts nothing: "no arrests", "nobody", "no one" (a negative pronoun, or a negative
    determiner on it by one of the `marks` dependencies; a subject's "neither A nor B" is a 'preconj')."""
    return noun.lower_ in res.words.negative_pronouns or any(
        c.dep_ in marks and c.lower_ in res.words.negative_determiners for c in noun.children)


def _counted_as_none(tok: Token, res: Resources) -> bool:
    """"Police made no arrests", "no shots were fired", "soldiers killed no one": an act counted as none (the event
    noun, or the verb's object, determined by 'no') did not happen."""
    if tok.pos_ == "NOUN":
        return _none_of(tok, res)
    return any(c.dep_ == "dobj" and _none_of(c, res) for c in tok.children)


def negation(tok: Token, res: Resources) -> str | None:
    """'refusal' ("refused to meet"), 'negated' ("did not attack", "failed to agree", "neither A nor B met",
    "nobody attacked", "made no arrests": `_counted_as_none`) or None."""
    if any(c.dep_ == "neg" for c in tok.children) or _negative_subject(tok, res) or _counted_as_none(tok, res):
        return "negated"
    node = tok
    while (node.dep_ in ("xcomp", "conj", "dobj", "compound", "pobj", "prep") or _planned_infinitive(node, res)) and \
            node.head.i != node.i:
        node = node.head
        lemma = node.lemma_.lower()
        if lemma in res.words.refusing_heads:
            return "refusal"
        if lemma in res.words.negating_heads or any(c.dep_ == "neg" for c in node.children) or \
                _negative_subject(node, res):
            return "negated"
        if node.pos_ == "VERB" and node.dep_ != "xcomp":
            break
    # "India denied that its soldiers had opened fire": a denied event is not coded as having happened
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            break
        if node.dep_ == "ccomp":
            return "negated" if node.head.lemma_.lower() in res.words.denial_heads else None
        node = node.head
    return None


def is_negated(tok: Token, res: Resources) -> bool:
    return negation(tok, res) is not None


def modality(tok: Token, res: Resources) -> str | None:
    """'hypothetical', 'intent', 'threat', 'requested' or None for a factual event; a question ("Will Russia
    attack Finland?") is hypothetical."""
    if sentence_of(tok)[-1].text == "?" or any(t.text == "?" for t in sentence_of(tok)[-2:]):
        return "hypothetical"
    if _claimed(tok, res) or _expected_by_another(tok, res):
        return "hypothetical"
    return _clause_mood(tok, res) or _governor_mood(tok, res)


def _expected_by_another(tok: Token, res: Resources) -> bool:
    """"Analysts expect Kenya and Uganda to sign", "diplomats predict that Peru will withdraw": an act in the
    complement clause of an expectation, with a subject of its own, is somebody's speculation about another's act,
    neither the act nor its actor's intention ("Peru expects to sign", with no subject of its own, is an intent)."""
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return False
        if node.dep_ == "ccomp" and node.pos_ in ("VERB", "AUX"):
            return node.head.lemma_.lower() in res.words.expectation_heads and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in res.words.expectation_heads:
            return any(c.dep_ == "dobj" for c in node.head.children)   # "expect Kenya to sign" parsed as object
        if node.pos_ == "VERB" and node.dep_ not in ("conj",):
            return False
        node = node.head
    return False


def _claimed(tok: Token, res: Resources) -> bool:
    """"Claims that Serbian police beat protesters", "allegations that its troops shelled a village": the act in the
    complement of a claim is somebody's assertion, not a report that it happened (an investigation or denial of
    it is the event); the trigger's clause is looked up to its first verb boundary."""
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return False
        if node.dep_ in ("acl", "ccomp", "appos") and node.pos_ == "VERB":
            return node.head.pos_ == "NOUN" and node.head.lemma_.lower() in res.words.claim_nouns
        if node.pos_ == "VERB" and node.dep_ not in ("xcomp", "conj"):
            return False
        node = node.head
    return False


def _clause_mood(tok: Token, res: Resources) -> str | None:
    """The mood the trigger's own clause marks: a conditional or 'whether' (hypothetical), a modal (hypothetical,
    or an intention in reported speech), a future (intent)."""
    words = res.words
    for node in _clause_chain(tok):
        if any(c.dep_ == "mark" and c.lower_ in words.hypothetical_marks for c in node.children):
            return "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ in words.hypothetical_aux for c in node.children):
            return "intent" if _reported_intention(node, res) else "hypothetical"
        if node is tok and any(c.dep_ == "aux" and c.lower_ in words.future_aux for c in node.children):
            return "intent"   # "will meet"
    return None


def _governor_mood(tok: Token, res: Resources) -> str | None:
    """The mood a governing word gives the trigger: a threat, an intention or a request ("threatened to attack",
    "plans to meet", "urged them to withdraw")."""
    words = res.words
    if _planned_infinitive(tok, res):
        return "intent"
    if tok.dep_ == "ccomp" and tok.tag_ == "VB" and tok.head.lemma_.lower() in words.request_heads and \
            not any(c.dep_ == "aux" for c in tok.children):
        return "requested"   # "demanding the president step down": a subjunctive complement is what is asked for
    node = tok
    hops = 0
    while node.dep_ in ("xcomp", "dobj", "compound", "pobj", "prep", "acl", "advcl") and node.head.i != node.i and \
            hops < 4:
        node = node.head
        hops += 1
        lemma = node.lemma_.lower()
        if lemma in words.threat_heads:
            return "threat"
        if lemma in words.attempt_heads and tok.dep_ == "xcomp" and node.i == tok.head.i:
            return "attempt"   # "tried to kill": the act was attempted, not intended
        if lemma in words.intent_heads:
            return "intent"
        if lemma in words.request_heads:
            return "requested"
        if node.pos_ == "VERB" and node.dep_ not in ("xcomp",) and not _requested_infinitive(node, res):
            break
    return None


def _planned_infinitive(tok: Token, res: Resources) -> bool:
    """"Police foiled a plot to bomb the embassy": a 'to'-infinitive the parser hung on the verb as an adverbial
    clause belongs to that verb's object when the object is a word of intention (a plot, a plan): a planned act."""
    return tok.dep_ == "advcl" and _to_infinitive(tok) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in res.words.intent_heads for c in tok.head.children)


def _requested_infinitive(node: Token, res: Resources) -> bool:
    """"Pleaded with Kuwait to resume its aid": a 'to'-infinitive the parser hung on a request verb as an
    adverbial clause is what is requested, as an open complement would be."""
    return node.dep_ == "advcl" and node.head.lemma_.lower() in res.words.request_heads and _to_infinitive(node)


def _to_infinitive(verb: Token) -> bool:
    """Whether a verb is a 'to'-infinitive ("to mediate")."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def _act_code(node: Token, res: Resources) -> str | None:
    """The code a trigger token would get from its pattern, modifiers and object alone (None: no trigger)."""
    pattern = select_pattern(node, res)
    if pattern is None:
        return None
    code = refine_code(node, pattern.code, res)
    matched, by_object = object_code(node, res) if node.pos_ == "VERB" else (False, None)
    code = _repression_code(node, by_object if matched else code, res)
    if code and _protective_purpose(node, res):
        # "appealed to the Council to send a larger force to protect the port": forces asked for, promised or
        # refused to protect are protection (074, so 0234, 1034, 1224), as a sending done is
        code = _recode(res.recoding.protection, code) or code
    return code


def _noun_act(noun: Token, res: Resources, depth: int = 0, *, asked: bool = False) -> str | None:
    """The code of an event noun, or of the event noun it is about ("the request for military assistance" ->
    072, "an offer of talks" -> 040): the innermost wins. A thing `asked` for (an appeal's, demand's or request's
    object or 'for'-phrase) that is no event noun is aid of the kind supplying it would be (`_goods_aid`)."""
    inner = None
    if depth < 2:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in res.words.about_preps:
                inner = next((c for p in prep.children if p.dep_ == "pobj"
                              for c in [_noun_act(p, res, depth + 1, asked=prep.lower_ == "for")] if c),
                             None) or inner
        inner = inner or _infinitive_act(noun, res) or _that_clause_act(noun, res)
    if inner and noun.lemma_.lower() in res.words.ending_nouns:
        # "called for an end to the fighting", "demanded an end to the curfew": ending an act is its easing (087,
        # 0813), which the appeal, demand and refusal tables code (0256, 1051)
        return _recode(res.recoding.ending, inner) or inner
    if inner:
        return inner
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if noun.lemma_.lower() in res.words.appeal_nouns:
        return None   # "dismissed calls to reform the commission": a call asks for an act, it is no phone call
    return _act_code(noun, res) or (_goods_aid(noun, res) if asked else None)


def _goods_aid(noun: Token, res: Resources) -> str | None:
    """"Pleaded for weapons", "a request for ammunition", "asked for medicine": goods asked for are the aid
    (07x) a giving verb of `goods_verbs` would provide with them as its object (event_objects.csv: "supplied
    weapons" 072, "delivered medicine" 073); goods no giving verb codes as aid give nothing."""
    for word in [noun, *noun.conjuncts]:
        lemma = word.lemma_.lower()
        code = next((c for v in sorted(res.words.goods_verbs) for c in [res.objects.get((v, lemma))]
                     if c and c[:2] == "07"), None)
        if code:
            return code
    return None


def _infinitive_act(head: Token, res: Resources, deps: tuple[str, ...] = ("acl",)) -> str | None:
    """"An offer to mediate", "a request to send peacekeepers", "demands to resign": the act a noun's 'to'-
    infinitive names is what was offered, requested or demanded, as its 'for'-phrase would be. A verb's 'to'-
    infinitive the parser hung as an adverbial clause ("pleaded with Kuwait to resume its support": `deps`
    advcl) is read last, when nothing else names the act."""
    return next((code for c in head.children if c.dep_ in deps and c.pos_ == "VERB" and _to_infinitive(c)
                 for code in [_clause_act(c, res)] if code), None)


def _helped_act(clause: Token, res: Resources) -> str | None:
    """"Asked China to help mediate", "urged them to help rebuild": the act a helping verb helps with is the act
    asked for (028 appeal for mediation), not help in general (023 appeal for aid)."""
    if clause.lemma_.lower() not in res.words.helping_verbs:
        return None
    return next((code for c in clause.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"
                 for code in [_act_code(c, res)] if code), None)


def _clause_act(clause: Token, res: Resources) -> str | None:
    """The code of the act a complement clause names: its verb's, the act a helping verb helps with, or the event
    noun a light verb governs ("to resume talks")."""
    code = _helped_act(clause, res) or _act_code(clause, res)
    if code is None and clause.lemma_.lower() in res.words.light_verbs:
        code = next((c for o in clause.children if o.dep_ == "dobj" for c in [_noun_act(o, res)] if c), None)
    return code


def embedded_act(tok: Token, res: Resources) -> str | None:
    """The code of the act an appeal, demand or rejection is about: its complement clause's trigger (or the event
    noun a light verb there governs: "urged them to resume talks"), else its object's or 'for'-phrase's event
    noun ("demanded the resignation", "appealed for aid", "rebuffed the offer of talks")."""
    for clause in tok.children:
        if clause.dep_ in ("xcomp", "ccomp") and clause.pos_ == "VERB":
            code = _clause_act(clause, res)
            if code:
                return code
    about = [(c, True) for c in tok.children if c.dep_ == "dobj"] + [
        (p, c.lower_ == "for") for c in tok.children if c.dep_ == "prep" and c.lower_ in res.words.about_preps
        for p in c.children if p.dep_ == "pobj"]
    found = next((code for noun, asked in about for code in [_noun_act(noun, res, asked=asked)] if code), None)
    if found is None and tok.pos_ == "NOUN":
        # "a threat by Serbia to send troops", "Guyana's demand that Venezuela withdraw": a nominal demand, threat
        # or refusal is about the act its own clause names, as the verb's complement would be
        found = _infinitive_act(tok, res) or _that_clause_act(tok, res)
    return found or _infinitive_act(tok, res, ("advcl",))


def _that_clause_act(noun: Token, res: Resources) -> str | None:
    """The act a noun's 'that'-clause names ("the demand that Venezuela withdraw its soldiers", "demands that he
    resign"): the clause the parser hangs on the noun, with 'that' as its mark, or as a relative clause whose
    'that' it reads as the object of a verb that has a subject of its own and no other object."""
    for clause in noun.children:
        if clause.pos_ != "VERB" or clause.dep_ not in ("acl", "relcl"):
            continue
        that = _that_words(clause)
        subjects = [c for c in clause.children if c.dep_ == "nsubj" and c.lower_ != "that"]
        objects = [c for c in clause.children if c.dep_ == "dobj" and c.lower_ != "that"]
        marked = bool(that) and (that[0].dep_ == "mark" or (subjects and not objects))
        code = _clause_act(clause, res) if marked else None
        if code:
            return code
    return None


def _that_words(clause: Token) -> list[Token]:
    """The 'that' of a clause the parser made its mark ("demanded that he resign") or, reading the clause as a
    relative one, its object ("the threat that Chad would send troops")."""
    return [c for c in clause.children if c.lower_ == "that" and c.dep_ in ("mark", "dobj")]


def _about_table(code: str, res: Resources) -> dict[str, str] | None:
    """The recoding table of a generic appeal (020), demand (100), threat (130), rejection (120), reduction (160)
    or cut of aid (162: the kind of aid cut is the kind of cut), else None."""
    tables = {"020": res.recoding.appeal, "100": res.recoding.demand, "130": res.recoding.threat,
              "120": res.recoding.refusal, "160": res.recoding.reduction, "162": res.recoding.reduction}
    return tables.get(code)


def _refine_by_act(tok: Token, code: str, res: Resources) -> str:
    """An appeal, demand, rejection or cut of aid is coded by the act it is about ("urged them to withdraw" -> 025,
    "demanded the release of" -> 1053, "ruled out negotiations" -> 125, "suspended military aid" -> 1622; a
    rejected offer of aid by `recoding.offer_refusal`: 1211); only the generic code is refined."""
    table = _about_table(code, res)
    if code == "120" and _rejects_offer(tok, res):
        table = {**res.recoding.refusal, **res.recoding.offer_refusal}
    act = embedded_act(tok, res) if table is not None else None
    refined = _recode(table, act) if act else None
    if table is not None and not (refined and refined in res.cameo):
        reform = reform_act(tok, res)   # "urged them to guarantee the right to strike": 0243
        refined = _recode(table, reform) if reform else None
    return refined if refined and refined in res.cameo else code


def _rejects_offer(tok: Token, res: Resources) -> bool:
    """"Rejected a Japanese offer of a loan", "turned down an offer to fund the port": what is rejected is offered
    aid, which the codebook codes as material cooperation rejected (121x), not a request for aid turned down (122x)."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in res.words.offer_nouns for c in tok.children)


# The codebook's acts of political reform that an appeal, demand or rejection is about (issue 15, r9): what the
# appeal/demand/refusal tables of recoding.csv give 0242/1042/1232 (policy), 0243/1043/1233 (rights),
# 0244/1044/1234 (institutional or regime change) and 024/104/123 (political reform of no named kind) for.
POLICY_CHANGE, RIGHTS, REGIME_CHANGE, REFORM = "0832", "0833", "0834", "083"
LEADERSHIP_CHANGE = "0831"   # 0241/1041/1231: the removal of an office holder asked for, demanded or refused


def _reform_nouns(nouns: list[Token], res: Resources, depth: int = 0) -> list[Token]:
    """The nouns a demand is for, with their conjuncts and the nouns of their about-phrases ("an end to military
    rule and the handover of power": end, handover, rule, power)."""
    out = []
    for noun in nouns:
        for word in [noun, *noun.conjuncts]:
            out.append(word)
            if depth < 2:
                inner = [p for c in word.children if c.dep_ == "prep" and c.lower_ in res.words.about_preps
                         for p in c.children if p.dep_ == "pobj"]
                out += _reform_nouns(inner, res, depth + 1)
    return out


def _office_holder_of(noun: Token, res: Resources) -> bool:
    """Whether a noun's 'of'-object is a person or an office holder ("of the education minister", "of President
    Kiir"), not a thing ("the removal of sanctions", "of the roadblocks")."""
    return any(p.ent_type_ == "PERSON" or p.pos_ == "PROPN" or p.lower_ in res.titles
               for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for p in c.children if p.dep_ == "pobj")


def _reform_of_noun(noun: Token, res: Resources) -> str | None:
    """The reform a noun names: a right ("the right to strike", "press freedom"), a new order of the state ("a new
    constitution", "a transition", "an end to military rule": a rule or government of a named kind), or a change
    of policy ("a review of the rules")."""
    lemma = noun.lemma_.lower()
    if lemma in res.words.leadership_change_nouns and _office_holder_of(noun, res):
        return LEADERSHIP_CHANGE   # "the dismissal of the minister", "the removal of the governor"
    if lemma in res.words.rights_words:
        return RIGHTS
    if lemma in res.words.regime_change_words or (lemma in res.words.regime_rule_nouns and any(
            c.dep_ in ("amod", "compound") and c.lemma_.lower() in res.words.regime_kinds for c in noun.children)):
        return REGIME_CHANGE
    return POLICY_CHANGE if lemma in res.words.policy_change_nouns else None


def reform_act(tok: Token, res: Resources) -> str | None:
    """The political reform an appeal, demand or rejection is about when no coded act names it: the nouns of its
    object or 'for'-phrase and of its complement clause's object (`_reform_of_noun`), else a complement verb of
    changing a policy that is no trigger itself ("asked Brussels to reconsider the timetable", "demanded that the
    government raise the minimum wage": `policy_change_verbs`)."""
    clauses = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"] or [
        c for c in tok.children if c.dep_ == "advcl" and c.pos_ == "VERB" and _to_infinitive(c)]
    nouns = [o for h in (tok, *clauses) for o in h.children if o.dep_ == "dobj"] + [
        p for h in (tok, *clauses) for c in h.children if c.dep_ == "prep" and c.lower_ == "for"
        for p in c.children if p.dep_ == "pobj"]
    found = next((r for n in _reform_nouns(nouns, res) for r in [_reform_of_noun(n, res)] if r), None)
    if found:
        return found
    clauses += [c for n in nouns for c in n.children if c.dep_ == "acl" and c.pos_ == "VERB" and _to_infinitive(c)]
    verbs = [c.lemma_.lower() for c in clauses if _act_code(c, res) is None]
    if any(v in res.words.policy_change_verbs for v in verbs):
        return POLICY_CHANGE
    return REFORM if any(v in res.words.reform_verbs for v in verbs) else None


# ----------------------------------------------------------------------------- what a protest demands (issue 15, r9)

def _demand_code(verb: Token, res: Resources) -> str | None:
    """The code of a demand or appeal verb ("to demand the resignation of" -> 1041, "calling for" -> 0241), or None
    when the verb is none: a generic demand or appeal refined by the act it is about."""
    pattern = select_pattern(verb, res)
    if pattern is None or pattern.code not in ("020", "100"):
        return None
    return _refine_by_act(verb, refine_code(verb, pattern.code, res), res)


def _protest_holders(tok: Token, res: Resources) -> list[Token]:
    """The tokens a protest trigger's purpose clause hangs on: the trigger, and the light verb of a protest noun
    ("went on strike to demand", "staged a sit-in to demand": the parser hangs the clause on the verb)."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ("dobj", "pobj"):
        return [tok]
    governor = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in res.words.light_verb_preps else tok.head
    return [tok, governor] if governor.lemma_.lower() in res.words.light_verbs else [tok]


def _purpose_demands(holder: Token, res: Resources) -> list[Token]:
    """Demand or appeal verbs that are the purpose or manner of a protest, with no subject of their own ("marched
    to demand", "gathered demanding", "went on strike calling for")."""
    return [c for c in holder.children if c.dep_ in ("advcl", "xcomp", "acl", "conj") and c.pos_ == "VERB"
            and not any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children) and _demand_code(c, res)]


def protest_aim(tok: Token, code: str, res: Resources) -> str:
    """A protest coded by the political change it demands: the codebook subdivides demonstrations (141), hunger
    strikes (142), strikes (143), obstructions (144) and violent protests (145) alike by leadership change, policy
    change, rights, and institutional or regime change ("marched to demand the resignation of the minister" ->
    1411, "blocked the port to demand that the government scrap the levy" -> 1442). The demand verb's own code
    (104x or 024x) is looked up in `recoding.protest` (which names the 141x code), and its last digit carries over
    to the protest's own kind. A demand for anything else (pay, a release) leaves the protest generic."""
    if code[:2] != "14" or len(code) != 3:
        return code
    for verb in (v for h in _protest_holders(tok, res) for v in _purpose_demands(h, res)):
        aim = _recode(res.recoding.protest, _demand_code(verb, res))
        refined = code + aim[3:] if aim and len(aim) == 4 else None
        if refined and refined in res.cameo:
            return refined
    return code


def protesters_demand(tok: Token, code: str, res: Resources) -> str:
    """"Demonstrators gathered outside parliament demanding his resignation": a demand for political change that
    is the manner or purpose of what protesters (`protester_words`, the subject of the verb it hangs off) do there
    is the codebook's demonstration for that change (141x). Protesters who only demanded it ("protesters demanded
    the resignation of the president") made a demand (1041)."""
    if code[:2] not in ("10", "02") or tok.dep_ not in ("advcl", "acl") or tok.head.i == tok.i:
        return code
    subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
    if not any(s.lemma_.lower() in res.words.protester_words for s in subjects):
        return code
    aim = _recode(res.recoding.protest, code)
    return aim if aim and aim in res.cameo else code


def _reported_intention(node: Token, res: Resources) -> bool:
    """'X said it would boycott …' (future in reported speech), as opposed to 'X would attack if …'."""
    if not any(c.dep_ == "aux" and c.lower_ == "would" for c in node.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in res.words.hypothetical_marks
           for a in [node, *node.ancestors] for c in a.children):
        return False
    clause = node
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in res.words.reporting_verbs


def _governs_intended_action(tok: Token, res: Resources) -> bool:
    """'seek/want/offer/refuse to X' with a coded X (or a light verb governing a coded noun: "offered to hold
    talks", "seeking to deepen a partnership"): the embedded action carries the event, not the governing verb."""
    words = res.words
    if tok.lemma_.lower() not in words.intent_heads | words.threat_heads | words.refusing_heads:
        return False
    for c in tok.children:
        if c.dep_ != "xcomp" or c.pos_ != "VERB":
            continue
        if ("VERB", c.lemma_.lower()) in res.patterns or (c.lemma_.lower() in words.light_verbs and any(
                o.dep_ == "dobj" and ("NOUN", o.lemma_.lower()) in res.patterns for o in c.children)):
            return True
    return False


def is_alleged(tok: Token, res: Resources) -> bool:
    allegation = res.words.allegation_words
    for node in [tok, *([tok.head] if tok.dep_ == "compound" else [])]:
        if any(c.lower_ in allegation for c in node.children):
            return True
    return any(c.lower_ in allegation for c in tok.head.children if c.dep_ in ("advmod",)) and \
        tok.dep_ in ("xcomp", "ccomp")


# ----------------------------------------------------------------------------- the code decision
def _recode(table: dict[str, str], code: str) -> str | None:
    """The table's code for the longest listed prefix of `code` (the code itself, three digits, then the root)."""
    return table.get(code) or table.get(code[:3]) or table.get(code[:2])


def _modal_code(code: str, mood: str | None, res: Resources) -> str | None:
    """A threat is coded as CAMEO's threat for the action (13x), a stated intention as "express intent" (03x)
    for cooperation or as a threat for conflict; None when the action has no such code. A promised cooperation
    ("vowed to release") is an intention, and an intention or threat coded as such stays as it is."""
    if code[:2] in ("03", "13") and mood in ("intent", "threat"):
        return code
    if mood == "attempt":
        return _recode(res.recoding.attempt, code)   # "tried to kill the governor": 185
    if mood == "threat" and code[:2] in res.code_classes.cooperation_roots:
        mood = "intent"
    if mood == "threat":
        code = _recode(res.recoding.threat, code) or code
        return code if code.startswith("13") else None
    if mood == "intent":
        return _recode(res.recoding.intent, code)
    return code


def _user_decision(tok: Token, user: VerbMatch, res: Resources) -> CodeDecision | None:
    """A user dictionary's verb is coded as its pattern (or its own code) says, ours staying out: nothing for
    `[---]`, a hypothetical or requested action, or a negation the pattern does not spell out itself; a stated
    intention keeps the pattern's code (as PETRARCH codes it), with the mood noted."""
    if user.code is None and user.reverse_code is None:
        return None
    mood = modality(tok, res)
    if mood in ("hypothetical", "requested") or (not user.covers_negation and negation(tok, res) is not None):
        return None
    code = user.code or user.reverse_code   # `[:B]`: only the code back, read from the target (`_user_slots`)
    pattern = EventPattern(pos="VERB", lemma=tok.lemma_.lower(), prep=user.target_prep or "", object_required="no",
                           code=code)
    return CodeDecision(pattern=pattern, code=code, mood=mood, user=user)


def code_decision(tok: Token, res: Resources) -> CodeDecision | None:
    """The pattern, code and modality of a trigger token, or None when it is not coded (no pattern; a
    hypothetical, requested or negated action; an intent verb whose embedded action carries the event; a market
    or a natural agent doing it). A verb of a user verb dictionary is decided by that dictionary alone
    (`_user_decision`)."""
    user = match_verb(tok, res) if res.verbs else None
    if user is not None:
        return _user_decision(tok, user, res)
    pattern = select_pattern(tok, res)
    if pattern is None:
        return _declined_comment(tok, res) or _ordered_departure(tok, res) or _sentiment_predicate(tok, res)
    mood = modality(tok, res)
    if mood in ("hypothetical", "requested") or _governs_intended_action(tok, res) or _market_subject(tok, res) or \
            _natural_agent(tok, res):
        return None
    code = _decided_code(tok, pattern, res)
    if code is None or _sentiment_state(tok, code, res):
        return None
    if mood == "attempt" and _recode(res.recoding.attempt, code) is None:
        mood = "intent"   # "tried to broker a truce": an attempt with no code of its own is a stated intention
    negated = negation(tok, res)
    if negated is not None:
        # "will not accept", "refused to meet", "did not accept the plan": a refused or withheld cooperation is a
        # rejection; anything else negated ("did not attack", "failed to agree") did not happen
        if code[:2] not in res.code_classes.cooperation_roots or not (
                negated == "refusal" or mood == "intent" or _withheld_acceptance(tok, res)):
            return None
        code, mood = _recode(res.recoding.refusal, code) or res.recoding.refusal["*"], None
    code = _modal_code(code, mood, res)
    if code is None or code not in res.cameo:
        return None
    return CodeDecision(pattern=pattern, code=code, mood=mood)


def _declined_comment(tok: Token, res: Resources) -> CodeDecision | None:
    """"Would not comment", "did not elaborate", "had no comment": a comment withheld is the codebook's decline
    comment (011), as "declined to comment" is; a comment made is a statement, no event (the statements stage)."""
    lemma = tok.lemma_.lower()
    if lemma not in res.words.comment_words:
        return None
    if tok.pos_ == "VERB":
        # "had nothing to add": the comment is an infinitive on a negative pronoun
        withheld = any(c.dep_ == "neg" for c in tok.children) or (
            tok.dep_ in ("relcl", "acl") and tok.head.lower_ in res.words.negative_pronouns)
    else:
        withheld = tok.pos_ == "NOUN" and tok.dep_ == "dobj" and any(
            c.dep_ == "det" and c.lower_ in res.words.negative_determiners for c in tok.children)
    if not withheld:
        return None
    pattern = EventPattern(pos="VERB" if tok.pos_ == "VERB" else "NOUN", lemma=lemma, prep="",
                           object_required="no", code=res.recoding.refusal["010"])
    return CodeDecision(pattern=pattern, code=pattern.code, mood=None)


def _sentiment_predicate(tok: Token, res: Resources) -> CodeDecision | None:
    """"Said he was hopeful that the talks would succeed", "remained optimistic", "is concerned about the
    violence": a speaker's predicate of optimism (`optimism_adjectives`) is the codebook's optimistic comment (013),
    of pessimism (`pessimism_adjectives`) a pessimistic one (012), as "voiced optimism" is; the one it is said of
    is the source. A negated or modal predicate ("was not optimistic", "would be hopeful") is none."""
    if tok.pos_ != "ADJ" or tok.dep_ != "acomp":
        return None
    lemma = tok.lemma_.lower()
    code = "013" if lemma in res.words.optimism_adjectives else "012" if lemma in res.words.pessimism_adjectives \
        else None
    copula = tok.head
    if code is None or negation(copula, res) is not None or modality(copula, res) is not None:
        return None   # "would be hopeful", "will be confident": a sentiment not (yet) held is no comment
    pattern = EventPattern(pos="VERB", lemma=lemma, prep="", object_required="no", code=code)
    return CodeDecision(pattern=pattern, code=code, mood=None)


def _predicate_subjects(doc: Doc, tok: Token, actors: ArticleActors, res: Resources) -> tuple[list, list, bool]:
    """(sources, targets, inherited) of a sentiment predicate: who the copula says it of ("he was hopeful"), else
    the subject its clause inherits ("said on Monday it remained confident")."""
    sources = _subject_actors(doc, tok.head, actors, res)
    if sources:
        return sources, [], False
    sources = _speaker_of_pronoun(doc, tok.head, actors, res)
    if sources:
        return sources, [], True
    sources, inherited = _governor_sources(doc, tok.head, actors, res)
    return sources, [], inherited


def _speaker_of_pronoun(doc: Doc, copula: Token, actors: ArticleActors, res: Resources) -> list[Actor]:
    """"Kenya's foreign minister said she was confident that …", "the deputy minister said he was optimistic":
    a person pronoun subject of a sentiment reported by a speech or belief verb is its speaker, also when the
    speaker is an office naming no person (an actor of its government, not a PERSON, which `_governing_subject`
    asks of a person pronoun)."""
    pronoun = next((c for c in copula.children if c.dep_ == "nsubj" and c.lower_ in res.words.person_pronouns),
                   None)
    if pronoun is None or copula.dep_ != "ccomp" or copula.head.lemma_.lower() not in res.speech_cues:
        return []
    return [a for subj in copula.head.children if subj.dep_ == "nsubj" and subj.pos_ != "PRON"
            for a in _actors_for(doc, subj, actors, res)]


def _ordered_departure(tok: Token, res: Resources) -> CodeDecision | None:
    """"Ordered French troops to leave", "forced the diplomats to quit the country": an order whose content is the
    object's departure is the codebook's expulsion (peacekeepers 1661, diplomats 161, aid agencies 1663,
    individuals 174), coded by who is ordered out (the `order` rows of event_objects.csv, read for every
    `expulsion_heads` verb); the one ordered out is the target. A commander's own troops ("ordered his soldiers to
    leave") are no expulsion; a negated, hypothetical or requested order is none."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in res.words.expulsion_heads or not _departure_complement(tok, res):
        return None
    ordered = [c for c in tok.children if c.dep_ == "dobj"]
    if not ordered or any(p.dep_ == "poss" and p.lower_ in res.words.owner_pronouns for o in ordered
                          for p in o.children):
        return None
    code = object_code(tok, res, lemma="order")[1]
    mood = modality(tok, res)
    if code is None or mood in ("hypothetical", "requested") or negation(tok, res) is not None:
        return None
    code = _modal_code(code, mood, res)
    if code is None:
        return None
    pattern = EventPattern(pos="VERB", lemma=tok.lemma_.lower(), prep="", object_required="yes", code=code)
    return CodeDecision(pattern=pattern, code=code, mood=mood)


def _expels_another(decision: CodeDecision, sources: list[Actor], targets: list[Actor], res: Resources) -> bool:
    """An expulsion order (`_ordered_departure`) needs somebody of another country ordered out: foreign forces,
    diplomats or agencies are expelled, a state's own people or forces sent away are not; other triggers pass."""
    if decision.user is not None or decision.pattern.lemma not in res.words.expulsion_heads:
        return True
    own = {s.country_code for s in sources}
    return any(t.country_code not in own for t in targets)


def _departure_complement(tok: Token, res: Resources) -> bool:
    """Whether a verb's open complement (or a conjunct of it: "to close its offices and leave") is a departure."""
    complements = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
    return any(v.lemma_.lower() in res.words.departure_verbs for c in complements for v in [c, *c.conjuncts])


def _sentiment_state(tok: Token, code: str, res: Resources) -> bool:
    """"The opposition's hopes of winning collapsed", "optimism faded": a sentiment noun that is the subject of its
    clause is a state somebody is in, not a comment anybody made ("voiced hope", "expressed optimism" are)."""
    return tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass") and code in res.code_classes.sentiment_codes


def _market_subject(tok: Token, res: Resources) -> bool:
    """"The peso rallied", "prices exploded", "stocks crashed": a market, price or quantity doing it is no act of
    an actor (the demonym on it names no source)."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i and not any(c.dep_ == "nsubj" for c in node.children):
        node = node.head
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in res.words.market_subject_words
               for c in node.children)


def _natural_agent(tok: Token, res: Resources) -> bool:
    """"Malaria kills more children than any other disease", "a landslide buried the town, killing 31 people": a
    disease or a force of nature doing it (`natural_agent_words`, the subject of the trigger or, for a participle or
    conjunct with no subject of its own, of the verb it hangs off) is no act of an actor."""
    node = tok
    while node.dep_ in ("conj", "advcl", "xcomp") and node.head.i != node.i and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
        node = node.head
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in res.words.natural_agent_words for c in node.children)


def _withheld_acceptance(tok: Token, res: Resources) -> bool:
    """"Did not accept the plan", "neither A nor B approved it": an acceptance verb negated in its own clause
    (not by a governing "failed to") is a decision against, a rejection."""
    return tok.lemma_.lower() in res.words.acceptance_verbs and (
        any(c.dep_ == "neg" for c in tok.children) or _negative_subject(tok, res))


def _decided_code(tok: Token, pattern: EventPattern, res: Resources) -> str | None:
    """The code of a trigger from its pattern, modifiers, object ("cut off aid" -> 162; "released a statement":
    None) and the act it is about; a call with an object predicate is a characterisation, not a phone call."""
    code = refine_code(tok, pattern.code, res)
    matched, by_object = object_code(tok, res, pattern.prep)
    if matched and by_object is None:
        return None
    if tok.pos_ == "VERB":
        code = _pledged_aid(tok, by_object or _goods_brought(tok, res) or _object_event_code(tok, code, res), res)
        if code.startswith("041") and _characterisation(tok) is not None:
            return _characterisation_code(tok, res)
    else:
        code = by_object or code
    code = _refine_by_act(tok, investigation_code(tok, _by_telephone(tok, code, res), res), res)
    code = _assassination_code(tok, _mass_killing_code(tok, code, res), res)
    code = _repression_code(tok, code, res)
    return _demonstration_code(tok, protesters_demand(tok, protest_aim(tok, code, res), res), res)


def _repression_code(tok: Token, code: str, res: Resources) -> str:
    """"Police used force against protesters", "warned the demonstrators that police would use force": force of no
    named kind (190) used on protesters (`protester_words`: in the trigger's object or 'against'/'on' phrase, or
    the object of the verb whose complement the trigger is) is the codebook's violent repression (175), so
    threatened it is 137, not a threat of military force (138)."""
    repressed = res.recoding.repression.get(code)
    if repressed is None:
        return code
    holders = [tok, *([tok.head] if tok.dep_ == "ccomp" else [])]
    objects = [c for h in holders for c in h.children if c.dep_ == "dobj"]
    people = objects + [p for h in (tok, *objects) for c in h.children if c.dep_ == "prep" and c.lower_ in (
        "against", "on") for p in c.children if p.dep_ == "pobj"]   # the parser hangs it on "force" too
    return repressed if any(w.lemma_.lower() in res.words.protester_words for w in people) else code


def _pledged_aid(tok: Token, code: str, res: Resources) -> str:
    """"Pledged $40 million", "promised 20 million euros", "pledged $40 million in economic assistance", "offered
    weapons": a pledge (`pledge_roots`) of no kind, or of aid of no kind (030, 033), whose object is aid of a kind
    (money, weapons, food by `goods_code`; an aid noun with a kind's modifier, "economic assistance") pledges that
    aid, as the intent table pairs them (071 -> 0331, 072 -> 0332, 073 -> 0333)."""
    if code[:2] not in res.code_classes.pledge_roots or code not in ("030", "033"):
        return code
    if code == "030":
        reform = _pledged_reform(tok, res)
        if reform is not None:
            return reform
    objects = object_tokens(tok, res)
    objects += [p for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                for p in _prep_objects(c)]   # "$40 million in economic assistance", "a package of military aid"
    # an aid noun of no kind ("$50 million in aid", 033) is only made specific by its own modifier ("economic
    # assistance"); money, weapons or food pledged with no aid noun name the kind themselves
    kind = next((r for o in objects if o.pos_ in ("NOUN", "PROPN") for r in [refinement(o, "07", res)]
                 if r and r[:2] == "07"), None) or (goods_code(objects, res) if code == "030" else None)
    pledged = res.recoding.intent.get(kind) if kind else None
    return pledged if pledged and pledged.startswith("033") and len(pledged) > len(code) else code


def _pledged_reform(tok: Token, res: Resources) -> str | None:
    """"Promised to introduce direct elections", "pledged a new constitution", "vowed to guarantee press freedom":
    a pledge whose object or complement names a political reform (`reform_act`: rights 0343, a new order of the
    state 0344, a change of policy 0342; elections, `election_words`, a reform of no named kind, 034) pledges it,
    as the intent table pairs the acceptance of a reform with its pledge."""
    reform = reform_act(tok, res)
    if reform is None:
        clauses = [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        nouns = [o for h in (tok, *clauses) for o in h.children if o.dep_ == "dobj"]
        if any(w.lemma_.lower() in res.words.election_words for n in nouns for w in (n, *n.conjuncts)):
            reform = REFORM
    pledged = res.recoding.intent.get(reform) if reform else None
    return pledged if pledged and pledged.startswith("034") else None


def _goods_brought(tok: Token, res: Resources) -> str | None:
    """"A team of Cuban doctors arrived in Dili with medical supplies", "landed in Beira with 40 tonnes of food":
    an arrival (`arrival_verbs`) bringing aid goods is that aid (CAMEO 07x by the goods, `goods_code`), not a visit;
    weapons carried along ("arrived with rifles") are no gift, so only humanitarian goods and money count."""
    if tok.lemma_.lower() not in res.words.arrival_verbs:
        return None
    goods = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children if p.dep_ == "pobj"]
    goods += [m for g in goods for m in g.children if m.dep_ in ("amod", "compound")]   # "medical supplies"
    code = goods_code(goods, res) if goods else None
    return code if code is not None and code[:3] in res.code_classes.brought_aid_codes else None


def _demonstration_code(tok: Token, code: str, res: Resources) -> str:
    """A demand whose clause is a crowd gathering ("hundreds of nurses gathered outside the palace demanding the
    president's resignation": the gathering of a crowd of civilians, `gathering_verbs`, is the demonstration, not a
    demand made to anybody) is a demonstration (141), sub-coded by the change demanded as `protest_aim` sub-codes a
    protest (`recoding.protest`: 1041 -> 1411). Protests that name their demand are `protest_aim`'s."""
    if code[:2] != "10" or not _crowd_gathering(tok, res):
        return code
    aim = _recode(res.recoding.protest, code)
    return aim if aim and aim in res.cameo else "141"


def _crowd_gathering(tok: Token, res: Resources) -> bool:
    """Whether a subjectless demand is the purpose or participle of a crowd of civilians gathering ("hundreds of
    nurses gathered outside parliament to demand ...": a group noun of `domestic_roles`, looked through a
    quantity), not of officials or states ("leaders gathered in Paris to demand a ceasefire" stays a demand)."""
    head = tok.head
    if tok.dep_ not in ("advcl", "xcomp") or head.lemma_.lower() not in res.words.gathering_verbs or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    subjects += [p for s in subjects if s.lemma_.lower() in res.words.quantity_nouns for c in s.children
                 if c.dep_ == "prep" and c.lower_ == "of" for p in _prep_objects(c)]
    return any(res.groups.get(s.lower_, res.groups.get(s.lemma_.lower())) in res.code_classes.domestic_roles
               for s in subjects)


#: The codebook gives no number for a mass killing (202); fifty or more people killed in one act is the line drawn
#: here, below it a killing stays the trigger's own code (180, 1823).
MASS_KILLING_MIN = 50


def _mass_killing_code(tok: Token, code: str, res: Resources) -> str:
    """A killing of many people at once is the codebook's mass killing (202): a verb of killing (`killing_verbs`)
    whose victims are counted at fifty or more ("killed 63 people", "killed more than 150 villagers", "murdered
    hundreds of members of the community": `mass_quantity_words`), and are no armed group ("killed 80 soldiers" is
    a battle: the trigger's code stays). Any other killing keeps its code."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in res.words.killing_verbs:
        return code
    for victim in (c for c in tok.children if c.dep_ == "dobj"):
        many, counted = _many_victims(victim, res)
        role = res.groups.get(counted.lower_, res.groups.get(counted.lemma_.lower()))
        if many and role not in res.code_classes.armed_roles:
            return "202" if "202" in res.cameo else code
    return code


def _many_victims(victim: Token, res: Resources) -> tuple[bool, Token]:
    """(counted at the mass-killing line or more, the noun counted) of a victims phrase: a number in figures on it
    ("63 people", "more than 1,200 civilians"), or a quantity noun of `mass_quantity_words` looked through to its
    'of'-phrase ("hundreds of villagers")."""
    if victim.lemma_.lower() in res.words.mass_quantity_words:
        counted = next((p for c in victim.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in _prep_objects(c)), victim)
        return True, counted
    figures = [c.text.replace(",", "") for c in victim.children if c.dep_ == "nummod"]
    return any(f.isdigit() and int(f) >= MASS_KILLING_MIN for f in figures), victim


def _assassination_code(tok: Token, code: str, res: Resources) -> str:
    """A political leader or official killed is assassinated (CAMEO 186): a verb of killing (`killing_verbs`), or
    one with 'dead' as its result ("gunmen shot dead the mayor"), whose victim is a title of `official_roles`
    ("the mayor", "a provincial governor", "a senator", "the judge"); police officers or soldiers killed are no
    assassination, and any other killing keeps its code."""
    if tok.pos_ != "VERB" or not (tok.lemma_.lower() in res.words.killing_verbs or any(
            c.dep_ in ("oprd", "acomp", "advmod", "xcomp") and c.lower_ == "dead" for c in tok.children)):
        return code
    victims = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return "186" if any(_official(v, res) for v in victims) and "186" in res.cameo else code


def _official(tok: Token, res: Resources) -> bool:
    """Whether a victim is named by an official's title ("the mayor", "a provincial governor", "the deputy
    minister"), its compound included ("police officer" is a police title, no official)."""
    compound = " ".join(c.lower_ for c in tok.children if c.dep_ == "compound")
    title = res.titles.get(f"{compound} {tok.lower_}") if compound else None
    title = title or res.titles.get(tok.lower_) or res.titles.get(tok.lemma_.lower())
    return title in res.code_classes.official_roles


def _by_telephone(tok: Token, code: str, res: Resources) -> str:
    """"Discussed the drought by telephone", "in a phone call, X talked with Y": a consultation its medium phrase
    says was done by telephone is the codebook's 041, whatever the verb (`recoding.telephone`: only the generic
    040). The phrase's object is a telephone word itself, or a consultation noun it modifies ("a telephone
    call"), so a topic ("phone tariffs") is none."""
    recoded = _recode(res.recoding.telephone, code)
    if recoded is None:
        return code
    words = res.words.telephone_words
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in res.words.telephone_preps:
            continue
        for obj in (p for p in prep.children if p.dep_ == "pobj"):
            consult = any(p.code[:2] == code[:2] for p in res.patterns.get(("NOUN", obj.lemma_.lower()), []))
            if obj.lemma_.lower() in words or (consult and any(
                    c.dep_ == "compound" and c.lemma_.lower() in words for c in obj.children)):
                return recoded
    return code


def _object_event_code(tok: Token, code: str, res: Resources) -> str:
    """"provided humanitarian aid": a verb whose object is an event noun of its own root takes that noun's code
    when it is more specific (070 -> 073)."""
    if code in res.code_classes.backed_codes:
        return code   # "rallied support for X": the support rallied is the rally itself (053), no endorsement (051)
    objects = object_tokens(tok, res)
    objects += [p for o in objects if o.lemma_.lower() in res.words.container_nouns for c in o.children
                if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    for obj in objects:
        inner = _act_code(obj, res) if obj.pos_ in ("NOUN", "PROPN") else None
        if inner and inner[:2] == code[:2] and len(inner) >= len(code) and inner != code and not inner.endswith("0"):
            return inner
    return code


def _characterisation(tok: Token) -> Token | None:
    """The object predicate of a verb of calling ("called Haley 'very weak'", "called him a liar"), or None."""
    return next((c for c in tok.children if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "attr")), None)


def _characterisation_code(tok: Token, res: Resources) -> str | None:
    """A characterisation is a criticism (111) when its words are derogatory, else no event."""
    predicate = _characterisation(tok)
    words = {t.lower_ for t in predicate.subtree} | {t.lemma_.lower() for t in predicate.subtree}
    return "111" if words & res.words.derogatory_words else None


def decide_code(tok: Token, res: Resources) -> str | None:
    """The CAMEO code a trigger token is coded as, or None (see `code_decision`)."""
    decision = code_decision(tok, res)
    return decision.code if decision is not None else None


# ----------------------------------------------------------------------------- actors in slots
def _actors_for(doc: Doc, tok: Token, actors: ArticleActors, res: Resources, *,
                with_modifiers: bool = False, own: frozenset[str] = frozenset()) -> list[Actor]:
    """Actors a slot token refers to, following conjuncts, pronouns and organisational modifiers (`own`: the
    keys of the trigger's sources, which an event noun's modifiers look past)."""
    out: list[Actor] = []
    for node in [tok, *tok.conjuncts]:
        found = actors.actors_at(node.i)
        if not found and node.pos_ == "PRON":
            verb = _clause_verb(node)
            found = _governing_subject(doc, verb, node, actors, res) if verb is not None else []
            actor = None if found else resolve_pronoun(doc, node, actors, res)
            found = found or ([actor] if actor else [])
        if not found and with_modifiers:
            found = _modifier_actors(doc, node, actors, res, own=own)
        for actor in found:
            if actor not in out:
                out.append(actor)
    return out


def _modifier_actors(doc: Doc, node: Token, actors: ArticleActors, res: Resources, depth: int = 0, *,
                     own: frozenset[str] = frozenset()) -> list[Actor]:
    """Actors modifying a slot noun that names none itself: "a U.N. Security Council resolution", "lift the
    sanctions on Iran", "sanctions on the Taliban faction"; an event noun's own source comes first ("condemned the
    Russian missile strike on the Ukrainian port": Russia; its targets when the source is the trigger's own: "lifted
    its sanctions on Syria"), a mention among its modifiers beats a phrase, and an object of a modifying phrase is
    looked into once more ("reports of torture by the Syrian police")."""
    if depth == 0 and node.pos_ in ("NOUN", "PROPN") and ("NOUN", node.lemma_.lower()) in res.patterns:
        sources, targets = _nominal_dependents(doc, node, actors, res)
        sources = [a for a in sources if a.key not in own]
        if sources or any(a.key not in own for a in targets):
            return sources or targets
    found: list[Actor] = []
    phrases: list[Actor] = []
    for child in node.children:
        if child.dep_ in ("compound", "nmod", "poss", "amod"):
            # "Turkish and Azerbaijani engineers"; "a Palestinian family's home", "the Saudi-led coalition": one
            # modifier further down
            named = actors.actors_at(child.i) + [a for c in child.conjuncts for a in actors.actors_at(c.i)]
            found += named or _led_actors(child, actors, res) or [
                a for g in child.children if g.dep_ in ("compound", "amod") or (
                    # "a Greek-flagged tanker", "a Panama-registered freighter": a vessel is of its flag's country
                    g.dep_ == "npadvmod" and {child.lower_, child.lemma_.lower()} & res.words.flag_participles)
                for a in actors.actors_at(g.i)]
        elif child.dep_ == "prep" and child.lower_ in res.words.modifier_target_preps:
            for p in child.children:
                if p.dep_ == "pobj":
                    phrases += actors.actors_at(p.i) or (
                        _modifier_actors(doc, p, actors, res, depth + 1) if depth < 1 else [])
    return found or phrases


def _pobj_actors(doc: Doc, prep: Token, actors: ArticleActors, res: Resources, *,
                 with_modifiers: bool = False) -> list[Actor]:
    """Actors of the objects of a preposition."""
    return [a for p in prep.children if p.dep_ == "pobj"
            for a in _actors_for(doc, p, actors, res, with_modifiers=with_modifiers)]


def _subject_tokens(tok: Token) -> list[Token]:
    """A verb's active subjects; a relative pronoun stands for the noun its clause modifies ("the sultan, who met
    Iranian officials")."""
    out = []
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj"):
            out.append(tok.head if c.tag_ in ("WP", "WDT") and tok.dep_ == "relcl" else c)
    return out


def _subject_actors(doc: Doc, verb: Token, actors: ArticleActors, res: Resources) -> list[Actor]:
    """Actors of a verb's (active) subjects: the subject itself, a pronoun (preferring the subject of the clause it
    is reported or conjoined in: "the rebels said they opposed"), an apposition ("Oshima, the UN coordinator"),
    else the demonyms and actors modifying it ("Turkish and Azerbaijani engineers")."""
    out: list[Actor] = []
    for subj in _subject_tokens(verb):
        found = _governing_subject(doc, verb, subj, actors, res) if subj.pos_ == "PRON" else []
        found = found or _actors_for(doc, subj, actors, res)
        if not found:
            found = [a for ap in subj.children if ap.dep_ == "appos" for a in _actors_for(doc, ap, actors, res)]
        out += found or _actors_for(doc, subj, actors, res, with_modifiers=True)
    return out


def _governing_subject(doc: Doc, verb: Token, pronoun: Token, actors: ArticleActors,
                       res: Resources) -> list[Actor]:
    """The actors of the subject of the clause a pronoun's clause is a complement or conjunct of, when they are of
    the kind the pronoun refers to ("the rebels rejected the plan and said they opposed ...")."""
    words = res.words
    if pronoun.lower_ not in words.thing_pronouns and pronoun.lower_ not in words.person_pronouns:
        return []
    node = verb
    nodes = [verb] if pronoun.dep_ not in ("nsubj", "nsubjpass") else []   # "expanded their cooperation"
    while node.dep_ in ("ccomp", "conj", "advcl") and node.head.i != node.i:
        node = node.head
        nodes.append(node)
    for node in nodes:
        for subj in (c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"):
            found = _actors_for(doc, subj, actors, res)
            person = pronoun.lower_ in words.person_pronouns
            found = [a for a in found if (a.actor_type == "PERSON") == person]
            if found:
                return found
    return []


def _clause_subject_actors(doc: Doc, clause: Token, actors: ArticleActors, res: Resources) -> list[Actor]:
    """Actors of a complement clause's subjects, active or passive, with their modifiers."""
    return [a for subj in clause.children if subj.dep_ in ("nsubj", "nsubjpass")
            for a in _actors_for(doc, subj, actors, res, with_modifiers=True)]


def verb_slots(doc: Doc, tok: Token, pattern: EventPattern, actors: ArticleActors,
               res: Resources) -> tuple[list, list, bool]:
    """(sources, targets, inherited) for a verbal trigger: subjects and passive agents are sources, passive
    subjects, objects and prepositional objects targets; without a subject the source is inherited from the
    governing verb (inherited=True) or is the possessor of a governing noun."""
    sources = _subject_actors(doc, tok, actors, res)
    for agent in tok.children:
        if agent.dep_ == "agent":
            sources += _pobj_actors(doc, agent, actors, res)
    targets = [a for subj in tok.children if subj.dep_ == "nsubjpass" for a in _actors_for(doc, subj, actors, res)]
    if not targets:
        # "the handling of the floods by Ghana's agency was commended by X": a passive subject that is an act names
        # its doer by its own 'by'-phrase, and that doer is whom the verb is aimed at
        targets = [a for subj in tok.children if subj.dep_ == "nsubjpass" and subj.pos_ == "NOUN"
                   for prep in subj.children if prep.dep_ == "prep" and prep.lower_ == "by"
                   for a in _pobj_actors(doc, prep, actors, res)]
    inherited = False
    if not sources:
        sources, inherited = _governor_sources(doc, tok, actors, res)
    if pattern.code[:2] in res.code_classes.transfer_roots:
        # "Ugandan troops were deployed by the AU to Somalia": the passive subject is what is sent, as the direct
        # object of the active clause is; the recipient comes first
        targets = _object_targets(doc, tok, pattern, actors, res, sources) or targets
    else:
        targets += _object_targets(doc, tok, pattern, actors, res, sources)
    if not targets and (pattern.code[:2] in res.code_classes.complement_addressee_roots
                        or tok.lemma_.lower() in res.words.permission_verbs):
        # the parser makes the target the subject of the complement: the addressee of a demand ("demanded that
        # the United States match …") and the one a permission lets in ("allowed UN aid convoys to cross", 086)
        targets = [a for clause in tok.children if clause.dep_ == "ccomp"
                   for a in _clause_subject_actors(doc, clause, actors, res)]
    return _unique(sources), _unique(targets), inherited


def _governor_sources(doc: Doc, tok: Token, actors: ArticleActors, res: Resources) -> tuple[list[Actor], bool]:
    """(sources, inherited) of a subjectless verb, up to three governors up: the subject of a governing verb
    ("X agreed to meet", inherited), or the possessor of a governing noun ("X's decision to attack"); the
    search stops at the first noun and after a complement clause."""
    node = tok
    hops = 0
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return [], False   # the clause has a subject of its own, even if it is no actor
    if tok.dep_ == "relcl" and tok.head.dep_ == "dobj" and tok.head.lower_ in res.words.negative_pronouns:
        # "he had nothing to add": the one who has nothing to say is who withholds the comment
        return _subject_actors(doc, tok.head.head, actors, res), True
    while node.dep_ in ("xcomp", "advcl", "conj", "acl", "pcomp", "acomp") and hops < 3:   # "is about to"
        head = node.head
        hops += 1
        if head.pos_ in ("NOUN", "PROPN"):
            if node.dep_ == "acl" and node.tag_ in ("VBG", "VBD") and not any(
                    c.dep_ == "auxpass" for c in node.children):
                # "thousands of students protesting": the noun an active participle modifies is its subject
                return _actors_for(doc, head, actors, res, with_modifiers=True), False
            return [a for child in head.children if child.dep_ == "poss"
                    for a in _actors_for(doc, child, actors, res)], False
        sources = _subject_actors(doc, head, actors, res)
        if sources:
            return sources, True
        node = head
    return [], False


def _object_targets(doc: Doc, tok: Token, pattern: EventPattern, actors: ArticleActors,
                    res: Resources, sources: list[Actor] = ()) -> list[Actor]:
    """Targets among a verb's objects, the first of these that names any: direct and indirect objects (not the
    topic of "discussed Syria"), then objects of the pattern's or a target preposition (and, for a departure,
    of "from"/"out of"), then the actors modifying those ("lifted the sanctions on Iran"). A mention beats a
    modifier, so a venue ("at the Security Council") does not add to a named object, and a topic ("a resolution on
    Myanmar") does not add to a named body. For a transfer (`transfer_roots`) the direct object is what is given or
    sent, so the recipient comes first ("sent peacekeepers to East Timor")."""
    topic_object = tok.lemma_.lower() in res.words.topic_object_verbs
    # "traders whom Burkinabe police arrested": a relative pronoun object stands for the noun its clause modifies
    objects = [tok.head if c.tag_ in ("WP", "WDT") and tok.dep_ == "relcl" else c
               for c in tok.children if c.dep_ == "dobj" and not topic_object]
    recipients = [p for c in tok.children if c.dep_ in ("dative", "iobj")
                  for p in (_prep_objects(c) if c.pos_ == "ADP" else [c])]
    preps = set(res.words.target_preps) | ({pattern.prep} if pattern.prep else set())
    if pattern.code[:2] in res.code_classes.departure_roots:
        preps |= res.words.departure_preps
    if pattern.code[:2] in res.code_classes.venue_roots:
        preps -= res.words.venue_preps - {pattern.prep}   # "laid a wreath at the monument": a venue
    if pattern.code[:2] in res.code_classes.topic_roots:
        preps -= res.words.topic_preps - {pattern.prep}   # "agreed to share intelligence on Iran": a topic
    holders = [tok] + [c for c in tok.children if c.dep_ == "prt" or (
        c.dep_ in ("prep", "advmod") and c.lower_ == pattern.prep)]
    prep_objects = [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps
                    for p in _prep_objects(c)]
    if pattern.code[:2] in res.code_classes.departure_roots:
        # "recalled its ambassador from Turkey" with 'from' on the object
        prep_objects += [p for o in objects for c in o.children if c.dep_ == "prep" and
                         c.lower_ in res.words.departure_preps for p in _prep_objects(c)]
    if pattern.code[:2] in res.code_classes.transfer_roots:
        levels = [recipients + prep_objects, _recipient_objects(tok, objects, pattern, res), objects]
    else:
        levels = [objects + recipients, prep_objects, _relative_clause_objects(objects, res)]
    own = {s.key for s in sources}
    countries = {s.country_code for s in sources}
    backed = [a for t in prep_objects for a in _slot_actors(doc, t, actors, res, True, own, countries)] if (
        pattern.code in res.code_classes.backed_codes) else []
    if backed:
        # "rallied West African leaders behind Senegal's bid": the one rallied behind (a bid's owner too) is the
        # target, not those rallied
        return backed
    for with_modifiers in (False, True):
        for group in levels:
            found = [a for t in group for a in _slot_actors(doc, t, actors, res, with_modifiers, own, countries)]
            if found:
                return found
    return []


def _relative_clause_objects(objects: list[Token], res: Resources) -> list[Token]:
    """"Lifted the economic sanctions it had placed on Guinea", "eased the restrictions it imposed against Qatar":
    the 'on'/'against' object (`modifier_target_preps`) of a relative clause on the direct object names whom the
    object was aimed at, as "the sanctions on Guinea" does; read after the trigger's own phrases."""
    return [p for o in objects for rc in o.children if rc.dep_ == "relcl" for c in rc.children
            if c.dep_ == "prep" and c.lower_ in res.words.modifier_target_preps for p in _prep_objects(c)]


def _recipient_objects(tok: Token, objects: list[Token], pattern: EventPattern, res: Resources) -> list[Token]:
    """"Deposited $1 billion in the central bank of Sudan", "in Jordan's central bank": aid (`recipient_roots`) put
    'in' a body goes to it; the phrase may hang on the verb or on the amount given. Read after 'to' and datives."""
    if pattern.code[:2] not in res.code_classes.recipient_roots:
        return []
    return [p for h in [tok, *objects] for c in h.children if c.dep_ == "prep" and c.lower_ in
            res.words.recipient_preps for p in _prep_objects(c)]


def _slot_actors(doc: Doc, tok: Token, actors: ArticleActors, res: Resources, with_modifiers: bool,
                 own: set[str], countries: set[str | None]) -> list[Actor]:
    """The actors one target slot gives, not the trigger's own sources; an object the source owns ("recalled its
    ambassador", "lifted its sanctions on Syria") gives only its modifiers."""
    named = actors.actors_at(tok.i)
    if _owned(tok, res) and all(a.country_code in countries | {None} for a in named):
        found = [a for a in _modifier_actors(doc, tok, actors, res, own=frozenset(own)) if a not in named] \
            if with_modifiers else []
    else:
        found = _actors_for(doc, tok, actors, res, with_modifiers=with_modifiers, own=frozenset(own))
    return [a for a in found if a.key not in own]


def _owned(tok: Token, res: Resources) -> bool:
    """"Recalled its ambassador", "lifted its sanctions", "withdrew their troops": an object the source owns is
    what it acts with, not its target."""
    return any(c.dep_ == "poss" and c.lower_ in res.words.owner_pronouns for c in tok.children)


def _prep_objects(prep: Token) -> list[Token]:
    return [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]


def noun_slots(doc: Doc, tok: Token, actors: ArticleActors, res: Resources,
               code: str = "") -> tuple[list, list, bool]:
    """(sources, targets, inherited) for a nominal trigger ("the Russian veto", "attack by Assad"): its own
    modifiers first, then the light verb that governs it, directly or through a container noun ("X launched an
    attack on Y", "declared a state of emergency", inherited), then the verb it is the subject of ("an attack on Y
    took place", "an airstrike killed ten militants": the outcome's object is the target)."""
    sources, targets = _nominal_dependents(doc, tok, actors, res)
    inherited = False
    top = _event_phrase_top(tok, res)
    governor = top.head.head if top.dep_ == "pobj" and top.head.dep_ == "prep" else top.head
    governed = top.dep_ in ("dobj", "nsubjpass", "attr") or (
        top.dep_ == "pobj" and top.head.lower_ in res.words.light_verb_preps)   # "went on strike", not "after"
    if governed and governor.lemma_.lower() in res.words.light_verbs:
        if not sources:
            sources = _light_verb_sources(doc, top, governor, actors, res)
            inherited = bool(sources)
        if not targets:
            targets = _light_verb_targets(doc, top, governor, actors, res)
    if top.dep_ in ("nsubj",) and top.head.pos_ in ("VERB", "AUX"):
        if not sources:
            for child in top.head.children:
                if child.dep_ == "prep" and child.lower_ in res.words.subject_event_target_preps:
                    targets += _pobj_actors(doc, child, actors, res)
        if top.head.lemma_.lower() in res.words.result_verbs and not targets:
            targets += [a for obj in top.head.children if obj.dep_ == "dobj"
                        for a in _actors_for(doc, obj, actors, res, with_modifiers=True)]
    if not targets and code[:2] in res.code_classes.complement_addressee_roots:
        targets = _clause_addressees(doc, tok, actors, res)
    if sources and not targets and top.dep_ == "dobj" and governor.lemma_.lower() in res.words.undergoing_verbs:
        # "Chad repelled an assault by Sudanese rebels": the one who undergoes the act is its target
        targets = [a for a in _subject_actors(doc, governor, actors, res) if a not in sources]
    return _unique(sources), _unique(targets), inherited


def _clause_addressees(doc: Doc, tok: Token, actors: ArticleActors, res: Resources) -> list[Actor]:
    """The addressee of a noun demand or appeal whose content is a clause of its own ("Kenya's demand that
    Somalia withdraw", "an appeal for Uganda to release"): the subject of that clause, as for the verb
    ("demanded that Somalia withdraw"). Only a clause opened by a complementiser counts: a bare participle
    ("the demand made by Kenya") is no content clause."""
    return [a for clause in tok.children if clause.dep_ in ("acl", "ccomp") and
            any(c.dep_ == "mark" for c in clause.children)
            for a in _clause_subject_actors(doc, clause, actors, res)]


def _event_phrase_top(tok: Token, res: Resources) -> Token:
    """The noun that stands for a nominal trigger in its clause: the noun it is a compound of, or the container
    it is the 'of'-object of ("a state of emergency", "a round of talks", "10 days of war games")."""
    top = tok.head if tok.dep_ == "compound" else tok
    for _ in range(2):
        if top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.lemma_.lower() in res.words.container_nouns:
            top = top.head.head
    return top


def _light_verb_sources(doc: Doc, top: Token, verb: Token, actors: ArticleActors, res: Resources) -> list[Actor]:
    """Sources of a nominal event through its light verb: the verb's subject, the subject of a passive light verb
    ("forces were engaged in ethnic cleansing"), else the subject the verb inherits ("agreed to hold talks")."""
    sources = _subject_actors(doc, verb, actors, res)
    if not sources and top.dep_ != "nsubjpass" and not any(c.dep_ == "agent" for c in verb.children):
        sources = [a for subj in verb.children if subj.dep_ == "nsubjpass"
                   for a in _actors_for(doc, subj, actors, res, with_modifiers=True)]
    return sources or _governor_sources(doc, verb, actors, res)[0]


def _nominal_dependents(doc: Doc, tok: Token, actors: ArticleActors,
                        res: Resources) -> tuple[list[Actor], list[Actor]]:
    """(sources, targets) among the dependents of a nominal trigger (and of the noun it is a compound of):
    possessors and modifiers before it, agents ("by", "from", which win over modifiers), the parties of 'between'
    (sources, each the other's partner), target prepositions, and the agent or target preposition of a
    participial clause ("strikes carried out by X against Y")."""
    modifiers: list[Actor] = []
    agents: list[Actor] = []
    targets: list[Actor] = []
    nodes = [tok] + ([tok.head] if tok.dep_ == "compound" else [])
    for child in (c for node in nodes for c in node.children if c.i != tok.i):
        if child.dep_ == "poss" and _possessor_undergoes(tok, res):
            targets += _actors_for(doc, child, actors, res)
        elif child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < tok.i:
            modifiers += _actors_for(doc, child, actors, res) or _led_actors(child, actors, res)
        elif child.dep_ == "prep" and child.lower_ == "between":
            agents += _pobj_actors(doc, child, actors, res)
        elif child.dep_ == "prep" and child.lower_ in res.words.agent_preps:
            agents += _pobj_actors(doc, child, actors, res)
        elif child.dep_ == "prep" and child.lower_ in res.words.target_preps:
            targets += _pobj_actors(doc, child, actors, res, with_modifiers=True)
        elif child.dep_ == "acl":
            for grand in child.children:
                if grand.dep_ == "agent":
                    agents += _pobj_actors(doc, grand, actors, res)
                elif grand.dep_ == "prep" and grand.lower_ in res.words.clause_target_preps:
                    targets += _pobj_actors(doc, grand, actors, res)
    return _with_of_phrase(doc, tok, actors, res, agents or modifiers, targets, has_agent=bool(agents))


def _possessor_undergoes(tok: Token, res: Resources) -> bool:
    """Whether the possessor of an event noun is the one it is done to: a noun of `patient_nouns` with no
    'of'-object ("after the opposition leader's arrest", "the journalist's release"); with one, the possessor
    does it ("Russia's expulsion of two diplomats")."""
    return tok.lemma_.lower() in res.words.patient_nouns and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _with_of_phrase(doc: Doc, tok: Token, actors: ArticleActors, res: Resources, sources: list[Actor],
                    targets: list[Actor], *, has_agent: bool) -> tuple[list[Actor], list[Actor]]:
    """(sources, targets) of a nominal trigger with its 'of'-phrase read as the codebook reads a nominalised
    clause: beside an agent, the 'of'-object is the one acted on ("the arrest of two journalists by police":
    the journalists are the target); beside a goal ('to') and no agent nor modifier, it is the one who goes
    ("the visit of the Iranian president to Iraq"). Alone ("the arrest of the mayor"), or beside a partner
    only ("meetings of the committee with X": the forum, or the party?), it stays unread. The 'of'-object must
    name an actor itself (not "sales to Croatia", an event of its own). The parser often hangs the agent or goal
    phrase on the 'of'-object instead of the noun ("of diplomats by Togo"); such a phrase belongs to the noun."""
    for pobj in (p for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for p in prep.children if p.dep_ == "pobj"):
        hung = [c for c in pobj.children if c.dep_ == "prep"]
        named = _actors_for(doc, pobj, actors, res) or _demonym_people(
            doc, pobj, actors, sources if has_agent else [
                a for c in hung if c.lower_ in res.words.agent_preps for a in _pobj_actors(doc, c, actors, res)])
        if not named:
            targets = targets or _relation_partners(doc, pobj, actors, res, sources)
            continue
        agents = [a for c in hung if c.lower_ in res.words.agent_preps for a in _pobj_actors(doc, c, actors, res)]
        if agents and not has_agent:
            sources, has_agent = agents, True
        if has_agent and not any(a in named for a in sources):
            return sources, targets or named
        goals = [a for c in [*hung, *tok.children] if c.dep_ == "prep" and c.lower_ == "to"
                 for a in _pobj_actors(doc, c, actors, res)]
        if goals and not sources:
            return named, targets or goals
    return sources, targets


def _demonym_people(doc: Doc, pobj: Token, actors: ArticleActors, agents: list[Actor]) -> list[Actor]:
    """The country of people an 'of'-object names by a demonym only ("the kidnapping of three Chinese engineers by
    gunmen", "the arrest of six Malian nationals by police"), when an agent does it to them: the victims' nationality
    is who the act is aimed at, as "arrested six Malian nationals" is. Nothing without an agent, nor when the agent
    is of that country ("the deployment of Pakistani frigates, announced by the navy": its own means, not whom)."""
    if not agents:
        return []
    own = {a.country_code for a in agents}
    return [a for c in pobj.children if c.dep_ in ("amod", "compound") for a in actors.actors_at(c.i)
            if a.actor_type == "COUNTRY" and a.country_code not in own]


def _relation_partners(doc: Doc, pobj: Token, actors: ArticleActors, res: Resources,
                       sources: list[Actor]) -> list[Actor]:
    """The partners of a relation an event noun is about (`relation_nouns`: "the suspension of diplomatic relations
    with Nicaragua", "the severing of ties with Bolivia", "the resumption of talks with Chile"): the 'with'-objects
    of its 'of'-object, the one the act on the relation is aimed at (as "suspended relations with X" is)."""
    if pobj.lemma_.lower() not in res.words.relation_nouns and pobj.lower_ not in res.words.relation_nouns:
        return []
    return [a for c in pobj.children if c.dep_ == "prep" and c.lower_ == "with"
            for a in _pobj_actors(doc, c, actors, res) if a not in sources]


def _led_actors(child: Token, actors: ArticleActors, res: Resources) -> list[Actor]:
    """The actor a 'led' modifier names ("the Saudi-led coalition's airstrikes": Saudi Arabia)."""
    leader = leading_country(child, res)
    return [a for a in actors.actors_at(leader[1].i) if a.country_code == leader[0]] if leader else []


def _light_verb_targets(doc: Doc, top: Token, verb: Token, actors: ArticleActors, res: Resources) -> list[Actor]:
    """Targets of a nominal event through its light verb: the verb's other direct object ("rebels engaged
    Filipino peacekeepers in a firefight"), else the object of one of its target prepositions ("launched a probe
    into the coast guard"), else the object of its purpose clause ("used its veto power to block a U.N. Security
    Council resolution")."""
    targets = [a for obj in verb.children if obj.dep_ == "dobj" and obj.i != top.i and not _owned(obj, res)
               for a in _actors_for(doc, obj, actors, res)]
    targets = targets or [a for prep in verb.children if prep.dep_ in ("prep", "dative") and prep.lower_ in
                          res.words.target_preps and top not in prep.subtree   # "awarded a grant to Moldova"
                          for a in _pobj_actors(doc, prep, actors, res, with_modifiers=True)]
    if targets:
        return targets
    return [a for clause in verb.children if clause.dep_ in ("xcomp", "advcl") and clause.pos_ == "VERB"
            for obj in clause.children if obj.dep_ == "dobj"
            for a in _actors_for(doc, obj, actors, res, with_modifiers=True)]


def _locative_place(tok: Token, actors: ArticleActors, res: Resources) -> Place | None:
    """The first listed place inside a locative phrase of the trigger (its own, or one of a noun in its
    subtree: "imposed a curfew in the town of Cizre in southeastern Turkey", or of a participle modifying such a
    noun: "an investigation into war crimes committed in Libya"); for a noun, in the clause of the verb it belongs
    to ("workers at the oil company in Nigeria went on strike")."""
    nodes = [tok]
    verb = _clause_verb(tok)
    if tok.pos_ in ("NOUN", "PROPN") and verb is not None:
        nodes.append(verb)
    for prep in (t for node in nodes for t in node.subtree):
        if prep.dep_ != "prep" or prep.lower_ not in res.words.location_preps or prep.head.i not in (
                n.i for n in nodes) and prep.head.pos_ not in ("NOUN", "PROPN") and prep.head.dep_ != "acl":
            continue
        place = next((actors.places[t.i] for t in prep.subtree if t.i in actors.places), None)
        if place is not None:
            return place
    return None


def _location_target(tok: Token, actors: ArticleActors, res: Resources,
                     located: list[Place]) -> tuple[list[Actor], Place | None]:
    """(targets, place) of a domestic action without a named target: the actor of the country of the place it
    happens in. A place not yet a mention of that country becomes one in `actors` (the coder's working copy,
    so later triggers see it) and is appended to `located`."""
    place = _locative_place(tok, actors, res)
    if place is None:
        return [], None
    return _place_target(place, actors, res, located)


def _place_target(place: Place, actors: ArticleActors, res: Resources,
                  located: list[Place]) -> tuple[list[Actor], Place]:
    """(targets, place) for a place an act is aimed at: the actor of its country already mentioned at it, else a
    new location mention of that country (in `actors`, appended to `located`)."""
    found = [a for a in actors.actors_at(place.token) if a.country_code == place.iso3]
    if found:
        return found[:1], place
    located.append(place)
    return [add_location(actors, place, res)], place


def _unique(items: list[Actor]) -> list[Actor]:
    out: list[Actor] = []
    for a in items:
        if a.key not in {x.key for x in out}:
            out.append(a)
    return out


# ----------------------------------------------------------------------------- coding
def _evidence_span(doc: Doc, tok: Token, mentions: list[tuple[int, int]]) -> tuple[int, int]:
    sent = sentence_of(tok)
    starts = [tok.idx] + [s for s, _ in mentions]
    ends = [tok.idx + len(tok.text)] + [e for _, e in mentions]
    start = max(min(starts), sent.start_char)
    end = min(max(ends), sent.end_char)
    return start, end


def _mention_chars(actors: ArticleActors, actor: Actor, sentence_index: int) -> list[tuple[int, int]]:
    return [(m.start_char, m.end_char) for m in actors.mentions
            if m.actor_key == actor.key and m.sentence_index == sentence_index]


def _dyads(sources: list[Actor], targets: list[Actor], code: str, res: Resources, *,
           reciprocal: bool = False, one_sided: bool = False) -> list[tuple]:
    """(source, target or None) pairs of one trigger. A cooperative event without a target needs a partner:
    its sources are each other's ("X and Y met"), and a single source gives no event; so are the sources of a
    reciprocal trigger ("X and Y clashed")."""
    dyadic = code[:2] in res.code_classes.dyadic_roots and code not in res.code_classes.unilateral_codes
    if not targets and len(sources) == 1 and (one_sided or code in res.code_classes.one_sided_codes):
        # "lifted the curfew", "declared a unilateral ceasefire": a domestic easing, or a yield said to be one
        # side's, is the codebook's event of one actor alone
        return [(sources[0], None)]
    if not targets and (dyadic or (reciprocal and len(sources) > 1)):
        return [(a, b) for a in sources for b in sources if a.key != b.key]
    pairs = [(s, t) for s in sources for t in (targets or [None]) if t is None or s.key != t.key]
    if not pairs and code[:2] in res.code_classes.self_target_roots:
        # "the army opened an inquiry into killings by its soldiers": an investigation whose target is its source
        # itself is still an investigation, untargeted
        pairs = [(s, None) for s in sources]
    return pairs


def _confidence(tok: Token, target: Actor | None, inherited: bool, mood: str | None) -> float:
    """Coding confidence: a target and a verbal trigger raise it, an inherited source and a threat lower it."""
    confidence = 0.55 + (0.2 if target is not None else 0) + (0.1 if tok.pos_ == "VERB" else 0) - (
        0.1 if inherited else 0) - (0.1 if mood == "threat" else 0)
    return round(min(0.95, max(0.1, confidence)), 2)


def code_trigger(doc: Doc, tok: Token, actors: ArticleActors, res: Resources, *, anchor: date,
                 sentence_index: int, dates_in_sentence, located: list[Place]) -> list[CodedEvent]:
    """All events one trigger token yields (one per dyad), or none. `actors` is the coder's working copy; a
    place that locates an event is added to it and to `located` (see `_location_target`)."""
    if tok.i in actors.token_index or reports_an_outcome(tok, res) or _is_modifier_or_purpose(tok, res) or \
            is_work_topic(tok, res):
        return []
    decision = code_decision(tok, res)
    if decision is None:
        return []
    if tok.pos_ == "VERB":
        sources, targets, inherited = verb_slots(doc, tok, decision.pattern, actors, res)
    elif tok.pos_ == "ADJ":
        sources, targets, inherited = _predicate_subjects(doc, tok, actors, res)
    else:
        sources, targets, inherited = noun_slots(doc, tok, actors, res, decision.code)
    if decision.user is not None:
        sources, targets = _user_slots(doc, tok, decision.user, sources, targets, actors, res)
    if not sources or not _expels_another(decision, sources, targets, res):
        return []
    if decision.user is None:
        code, targets, place = _read_event(tok, decision, sources, targets, actors, res, located)
    else:
        code, place = decision.code, None   # the user's pattern is the reading
    if code is None:
        return []
    targets = _joint_targets(tok, code, sources, targets, res)
    pairs = _dyads(sources, targets, code, res, reciprocal=_is_reciprocal(tok, res) or (
        decision.user is not None and decision.user.reciprocal), one_sided=_is_one_sided(tok, res))
    pairs += _reverse_pairs(pairs, decision)
    mood = decision.mood
    resolved = _event_date(tok, anchor=anchor, candidates=dates_in_sentence, stated=mood in ("intent", "threat"))
    if is_material(code, res) and _recalled_history(tok, resolved, anchor=anchor, candidates=dates_in_sentence):
        return []
    alleged = is_alleged(tok, res)
    events = []
    for source, target, *reverse in pairs:
        chars = _mention_chars(actors, source, sentence_index)
        if target is not None:
            chars += _mention_chars(actors, target, sentence_index)
        start, end = _evidence_span(doc, tok, chars)
        events.append(CodedEvent(
            source_key=source.key, target_key=target.key if target else None, code=reverse[0] if reverse else code,
            trigger=tok.i,
            trigger_text=tok.text, start_char=start, end_char=end, sentence_index=sentence_index,
            is_alleged=alleged, confidence=_confidence(tok, target, inherited, mood), date=resolved,
            notes=[n for n in (mood, "inherited_source" if inherited else None, _user_note(decision)) if n],
            place=place,
        ))
    return events


def _user_slots(doc: Doc, tok: Token, user: VerbMatch, sources: list[Actor], targets: list[Actor],
                actors: ArticleActors, res: Resources) -> tuple[list[Actor], list[Actor]]:
    """(sources, targets) as a user pattern's slots name them: `$` after a preposition, its object is the source;
    `+` after one, its object is the target; `+` before the verb, the subject is the target; `%`, the compound
    subject acts on itself (no other target)."""
    def prep_actors(word: str) -> list[Actor]:
        return [a for p in tok.subtree if p.dep_ in ("prep", "agent", "dative") and p.lower_ == word
                for a in _pobj_actors(doc, p, actors, res, with_modifiers=True)]

    subjects = sources
    if user.source_prep:
        sources = prep_actors(user.source_prep) or sources
    if user.target_prep == "" and sources is not subjects:
        targets = subjects
    elif user.target_prep:
        targets = prep_actors(user.target_prep) or targets
    if user.reciprocal and len(sources) > 1:
        targets = []
    elif not [t for t in targets if t not in sources]:
        # as PETRARCH reads a target: the first actor named in the verb's phrase after it ("renewing his licence in
        # Michel Delving", "vowed to wage war on the Rohans")
        targets = next(([a] for t in phrase_after(tok) for a in actors.actors_at(t.i) if a not in sources), [])
    sources, targets = _unique(sources), _unique([t for t in targets if t not in sources])
    return (targets, sources) if user.code is None and targets else (sources, targets)


#: The note of an event a user dictionary's verb coded by its own code, no pattern of it matching.
USER_VERB_DEFAULT = "user_verb_default"


def _user_note(decision: CodeDecision) -> str | None:
    if decision.user is None:
        return None
    return USER_VERB_DEFAULT if decision.user.pattern is None else f"user_pattern:{decision.user.pattern.where}"


def _drop_carrier_verbs(doc: Doc, events: list[CodedEvent]) -> list[CodedEvent]:
    """"X will abandon ties, an official said": a user dictionary's verb coded only by its own code (no pattern
    of it matching) whose clausal complement holds a coded event carries that event, and is no event itself."""
    def complement(trigger: Token) -> set[int]:
        return {t.i for c in trigger.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree}

    carriers = [e for e in events if USER_VERB_DEFAULT in e.notes]
    dropped = {id(e) for e in carriers if complement(doc[e.trigger]) & {x.trigger for x in events if x is not e}}
    return [e for e in events if id(e) not in dropped]


def _reverse_pairs(pairs: list[tuple], decision: CodeDecision) -> list[tuple]:
    """A user code `[A:B]` also codes B from each target back to its source."""
    user = decision.user
    if user is None or user.reverse_code is None or user.code is None:   # `[:B]` is coded as B already
        return []
    return [(t, s, user.reverse_code) for s, t in pairs if t is not None]


def _read_event(tok: Token, decision: CodeDecision, sources: list[Actor], targets: list[Actor],
                actors: ArticleActors, res: Resources, located: list[Place]
                ) -> tuple[str | None, list[Actor], Place | None]:
    """(code, targets, place) of a trigger once its actors are known: the press is no partner of a consultation;
    the sense the clause supports (`senses.sense_code`); a place acted on or happened in as the target; two
    countries showing force together cooperate militarily. (None, [], None) when it is no event."""
    code = decision.code
    if code[:2] in res.code_classes.consult_roots and targets:
        targets = [t for t in targets if t.role_code not in res.code_classes.press_roles]
        if not targets:
            return None, [], None   # "spoke with reporters": a statement, not a consultation
    code = sense_code(tok, code, sources, targets, res, actors.token_index.keys())
    if code is None:
        return None, [], None
    if any(s.role_code == "MIL" and s.country_code for s in sources):
        code = _recode(res.recoding.military, code) or code   # "Colombian troops killed six rebels"
    if _protective_purpose(tok, res):
        code = _recode(res.recoding.protection, code) or code   # "sent troops to Gambia to protect the palace"
    place = None
    if decision.pattern.code[:2] in res.code_classes.border_roots or code[:2] in res.code_classes.border_roots:
        targets = _border_targets(tok, sources, res, actors) or targets
    if not targets:
        targets, place = _object_place(tok, decision.pattern, actors, res, located)
    if not targets and (code[:2] in res.code_classes.location_target_roots or
                        decision.pattern.code[:2] in res.code_classes.location_target_roots):
        targets, place = _location_target(tok, actors, res, located)
        if targets and ({t.key for t in targets} <= {s.key for s in sources} or _at_home(code, sources, targets, res)):
            # "Iran paraded missiles through Tehran": the place is the source's own country, so the act has no
            # target (rather than no dyad at all)
            targets, place = [], None
    if not targets:
        targets, place = _unnamed_partner(tok, decision, code, sources, actors, res, located) or (targets, place)
    if not targets and len({s.country_code for s in sources if s.country_code}) > 1:
        code = _recode(res.recoding.joint, code) or code   # "French and Egyptian warships held war games"
    code = _exercise_with_partner(tok, code, targets, actors, res)
    return _third_place_code(tok, code, sources, targets, actors, res), targets, place


def _exercise_with_partner(tok: Token, code: str, targets: list[Actor], actors: ArticleActors,
                           res: Resources) -> str:
    """"Nigerian warships took part in exercises with the Liberian navy", "held drills with Iran": exercises
    (`exercise_nouns`) held *with* a target (a 'with'-phrase of the noun or of its light verb) are joint exercises,
    military cooperation (`recoding.joint`: 062), not a show of force aimed at the partner; "drills with live
    ammunition near Taiwan" name no partner and stay 150."""
    if tok.lemma_.lower() not in res.words.exercise_nouns or not targets:
        return code
    joint = _recode(res.recoding.joint, code)
    if joint is None:
        return code
    verb = tok.head if tok.dep_ in ("dobj", "pobj") else None
    holders = [tok] + ([verb] if verb is not None and verb.pos_ in ("VERB", "ADP") else [])
    if verb is not None and verb.pos_ == "ADP":   # "took part in exercises with": the verb above the 'in'
        holders.append(verb.head)
    partners = {a.key for p in _with_objects(holders)
                for a in _actors_for(tok.doc, p, actors, res, with_modifiers=True)}
    return joint if partners & {t.key for t in targets} else code


def _unnamed_partner(tok: Token, decision: CodeDecision, code: str, sources: list[Actor], actors: ArticleActors,
                     res: Resources, located: list[Place]) -> tuple[list[Actor], Place | None] | None:
    """(targets, place) of a pledge or visit that names no partner (round 10): a pledge on a condition is made to
    the condition's subject (`_condition_parties`), a visit is to the country it is in (`_visited_country`);
    None when neither applies."""
    if decision.mood == "intent" and code[:2] in res.code_classes.pledge_roots:
        return _condition_parties(tok, sources, actors, res), None
    if code in res.code_classes.visit_codes:
        return _visited_country(tok, sources, actors, res, located)
    return None


def _condition_parties(tok: Token, sources: list[Actor], actors: ArticleActors, res: Resources) -> list[Actor]:
    """"Said it would pull its heavy weapons back if Azerbaijan did the same", "promised to withdraw its police if
    Kosovo removed its barricades": a pledge made on a condition (an 'if'/'unless' clause of the pledged act,
    `hypothetical_marks`) is made to the party whose act the condition is, its subject."""
    own = {s.key for s in sources}
    holders = [tok, tok.head] if tok.dep_ == "xcomp" else [tok]   # "promised to withdraw … if Kosovo removed"
    return [a for h in holders for c in h.children if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in res.words.hypothetical_marks for m in c.children)
            for a in _clause_subject_actors(tok.doc, c, actors, res) if a.key not in own]


def _venue_phrases(tok: Token, res: Resources) -> list[Token]:
    """The objects of the locative phrases that say where a trigger itself happens: the trigger's own 'in'/'at'
    phrases, and for an event noun those of the verb of its clause ("held talks in Almaty", "is in the capital on
    his first visit"). A phrase of another noun ("to discuss the war in Ukraine") is about something else."""
    holders = [tok]
    verb = _clause_verb(tok)
    if tok.pos_ in ("NOUN", "PROPN") and verb is not None:
        holders.append(verb)
    return [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in res.words.location_preps
            for p in _prep_objects(c)]


def _listed_place(phrases: list[Token], actors: ArticleActors) -> Place | None:
    """The first listed place (`actors.places`) in the subtrees of venue phrases ("in Almaty", "in Dushanbe")."""
    return next((actors.places[t.i] for p in phrases for t in p.subtree if t.i in actors.places), None)


def _venue_country(tok: Token, actors: ArticleActors, res: Resources) -> str | None:
    """The one country the venue phrases of a trigger name: a listed place in them ("in Almaty"), else a
    country that modifies the place noun ("in the Kyrgyz capital")."""
    phrases = _venue_phrases(tok, res)
    place = _listed_place(phrases, actors)
    if place is not None:
        return place.iso3
    found = {a.country_code for p in phrases for a in _modifier_actors(tok.doc, p, actors, res)
             if a.actor_type == "COUNTRY" and a.country_code}
    return next(iter(found)) if len(found) == 1 else None


def _third_place_code(tok: Token, code: str, sources: list[Actor], targets: list[Actor], actors: ArticleActors,
                      res: Resources) -> str:
    """A meeting (`recoding.third_place`) of parties of known countries held in a country that is neither's
    ("the foreign ministers of Armenia and Azerbaijan met in Almaty", "Iranian and Saudi officials met in Baghdad")
    is the codebook's meeting at a third location (044). Parties of unknown country leave it as it is."""
    third = res.recoding.third_place.get(code)
    if third is None:
        return code
    parties = {a.country_code for a in [*sources, *targets]}
    if len(parties) < 2 or None in parties:
        return code
    venue = _venue_country(tok, actors, res)
    return third if venue is not None and venue not in parties else code


def _visited_country(tok: Token, sources: list[Actor], actors: ArticleActors, res: Resources,
                     located: list[Place]) -> tuple[list[Actor], Place | None]:
    """(targets, place) of a visit that names no host (`visit_codes`): the country of the place it happens in
    ("arrived in Dushanbe for a state visit", "is in the Kyrgyz capital on his first visit"), when that is not
    the visitor's own country (a tour at home is no visit of another state)."""
    own = {s.country_code for s in sources}
    phrases = _venue_phrases(tok, res)
    place = _listed_place(phrases, actors)
    if place is not None:
        return ([], None) if place.iso3 in own else _place_target(place, actors, res, located)
    found = [a for p in phrases for a in _modifier_actors(tok.doc, p, actors, res)
             if a.actor_type == "COUNTRY" and a.country_code and a.country_code not in own]
    return _unique(found)[:1], None


def _at_home(code: str, sources: list[Actor], targets: list[Actor], res: Resources) -> bool:
    """Whether a place target is only where a statement or a show of force at home happens (`home_ground_roots`):
    "Egyptian troops were put on alert across Sinai", "the Dutch cabinet weighs a cap on gas output in Groningen"
    are aimed at no one, as the source and the place are of one country; an arrest, an assault or a protest there
    is still done to that country's people."""
    own, codes = {s.country_code for s in sources}, res.code_classes
    # an act that needs a partner ("eased the lockdown in Kathmandu", 081) keeps its place rather than no event at
    # all; an easing one side does alone (`one_sided_codes`: "lifted the curfew") needs none
    partnered = code[:2] in codes.dyadic_roots and code not in codes.one_sided_codes and len(sources) == 1
    return code[:2] in codes.home_ground_roots and not partnered and None not in own and \
        {t.country_code for t in targets} <= own


def _protective_purpose(tok: Token, res: Resources) -> bool:
    """Whether a trigger has a purpose infinitive of protection ("deployed troops to guard the capital"): forces sent
    to protect are the codebook's military protection or peacekeeping (074), not a show of force (154)."""
    return any(c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and c.lemma_.lower() in res.words.protection_verbs
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               and not any(a.dep_ in ("nsubj", "nsubjpass") for a in c.children) for c in tok.children)


def _clause_verb(tok: Token) -> Token | None:
    """The verb whose clause a noun belongs to ("went on strike", "declared a state of high alert"), or None."""
    for node in tok.ancestors:
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _border_targets(tok: Token, sources: list[Actor], res: Resources, actors: ArticleActors) -> list[Actor]:
    """"Massed tanks near the Iraqi border", "sent soldiers to its border with Belarus": a show of force on a
    border is aimed at the neighbour the border's modifier or 'with'-object names (not the source's own)."""
    own = {s.country_code for s in sources}
    verb = tok if tok.pos_ == "VERB" else _clause_verb(tok)
    clause = (verb or tok).subtree
    for border in (t for t in clause if t.lemma_.lower() in res.words.border_words):
        named = [t for t in border.children if t.dep_ in ("amod", "compound", "nmod")]
        holders = [border] + ([verb] if verb is not None else [])   # "along the border with Pakistan" on the verb
        named += [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                  for p in c.children if p.dep_ == "pobj"]
        found = [a for t in named for a in actors.actors_at(t.i) if a.country_code and a.country_code not in own]
        if found:
            return found[:1]
    return []


def _is_modifier_or_purpose(tok: Token, res: Resources) -> bool:
    """A noun trigger modifying another event noun ("combat readiness", "ceasefire talks": the head is the event,
    the modifier refines it), or the purpose infinitive of a coded act ("blocked highways to protest", "staged a
    hunger strike to demand better pay"): no event of its own."""
    if tok.pos_ != "VERB":
        return tok.dep_ == "compound" and ("NOUN", tok.head.lemma_.lower()) in res.patterns
    if tok.dep_ != "advcl" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    head = tok.head
    return select_pattern(head, res) is not None or (head.lemma_.lower() in res.words.light_verbs and any(
        o.dep_ == "dobj" and ("NOUN", o.lemma_.lower()) in res.patterns for o in head.children))


def is_work_topic(tok: Token, res: Resources) -> bool:
    """"A documentary about the genocide", "the anniversary of the massacre", "a war memorial": an event noun that
    is the subject of a work or a commemoration (through 'about'/'of'/'on', possibly through a noun between:
    "a film about the victims of the war") names no act done here, so it is no event."""
    if tok.pos_ != "NOUN":
        return False
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in res.words.work_nouns:
        return True
    node = tok
    for _ in range(3):
        if node.dep_ != "pobj" or node.head.dep_ != "prep" or node.head.lower_ not in res.words.work_preps:
            return False
        node = node.head.head
        if node.pos_ != "NOUN":
            return False
        if node.lemma_.lower() in res.words.work_nouns:
            return True
    return False


def reports_an_outcome(tok: Token, res: Resources) -> bool:
    """"An airstrike killed ten militants", "massacred protesters, killing 20": a result verb whose subject is an
    event noun, or a participle adjunct of a coded act, reports that event's outcome and is no event itself."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in res.words.result_verbs:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") and ("NOUN", c.lemma_.lower()) in res.patterns for c in tok.children):
        return True
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or any(c.dep_ == "nsubj" for c in tok.children):
        return False
    head = tok.head
    nouns = [head] + [c for c in head.children if c.dep_ == "dobj"]
    return any(("VERB" if n.pos_ == "VERB" else "NOUN", n.lemma_.lower()) in res.patterns for n in nouns)


def _joint_targets(tok: Token, code: str, sources: list[Actor], targets: list[Actor], res: Resources) -> list[Actor]:
    """"Nigerien and Malian troops carried out a joint operation against jihadists": a cooperation done jointly
    (`joint_words` on the trigger) by sources of several countries is cooperation with each other; the one it is
    aimed against is no partner, so the targets are dropped and the sources pair up (`_dyads`)."""
    if code[:2] not in res.code_classes.dyadic_roots or len({s.country_code for s in sources if s.country_code}) < 2:
        return targets
    joint = any(c.dep_ in ("amod", "advmod") and c.lower_ in res.words.joint_words for c in tok.children)
    return [] if joint or _joint_marks(tok, res) else targets


def _is_one_sided(tok: Token, res: Resources) -> bool:
    """'A unilateral ceasefire', 'a unilateral truce': a trigger its modifier says is one side's alone
    (`one_sided_words`) needs no partner."""
    return any(c.dep_ in ("amod", "advmod") and c.lower_ in res.words.one_sided_words for c in tok.children)


def _is_reciprocal(tok: Token, res: Resources) -> bool:
    """"Clashed", "exchanged fire": with two sources and no target, each is the other's target."""
    words = res.words.reciprocal_triggers
    return tok.lemma_.lower() in words or (tok.pos_ != "VERB" and tok.head.lemma_.lower() in words)


def _object_place(tok: Token, pattern: EventPattern, actors: ArticleActors, res: Resources,
                  located: list[Place]) -> tuple[list[Actor], Place | None]:
    """(targets, place) of a trigger whose object or target phrase is a place named by no actor ("a visit to
    Tallinn", "talks with Washington", "sent troops to the capital of Mali"): the country of that place. Only the
    object itself, its compounds and appositions, its 'with'-object and the 'of'-object of a territory are looked
    at, not every place in the phrase ("claimed the bombing in Baghdad" is not aimed at Iraq), except for a demand
    or a disapproval (`object_place_roots`), which is aimed at where the act it is about happens ("denounced the
    execution of four prisoners in Iran")."""
    preps = res.words.target_preps | ({pattern.prep} if pattern.prep else set())
    if tok.pos_ != "VERB":
        preps = preps - {"between"}   # the parties of a nominal event are its sources
    slots = [c for c in tok.children if c.dep_ in ("dobj", "dative")] if tok.pos_ == "VERB" else []
    slots += [p for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for p in c.children
              if p.dep_ == "pobj"]
    deep = pattern.code[:2] in res.code_classes.object_place_roots
    for slot in slots:
        near = list(slot.subtree) if deep else [slot] + [
            c for c in slot.children if c.dep_ in ("compound", "appos", "nmod")] + [
            p for c in slot.children if c.dep_ == "prep" and (c.lower_ == "with" or (
                c.lower_ == "of" and slot.lemma_.lower() in res.words.territory_words))
            for p in c.children if p.dep_ == "pobj"]
        place = next((actors.places[t.i] for t in near if t.i in actors.places and (
            deep or not actors.actors_at(t.i))), None)
        if place is not None and deep:
            found = [a for a in actors.actors_at(place.token) if a.country_code == place.iso3]
            if found:
                return found[:1], place
        if place is not None:
            located.append(place)
            return [add_location(actors, place, res)], place
    return [], None


def _specificity(code: str) -> tuple[int, int]:
    """Longer codes are more specific; a code ending in 0 is the generic member of its family."""
    return len(code), 0 if code.endswith("0") else 1


def _event_date(tok: Token, *, anchor: date, candidates, stated: bool) -> ResolvedDate | None:
    """When the event happened. A threat or intention happens when it is stated, not on the future date it
    names ("will send a team next week" was said today); no event is dated after its article (+1 day)."""
    if stated:
        head = tok
        while head.dep_ in ("xcomp", "dobj", "pobj", "prep", "compound", "acl") and head.head.i != head.i:
            head = head.head
        resolved = date_for_token(head, anchor=anchor, candidates=candidates) if head.i != tok.i else None
    else:
        resolved = date_for_token(tok, anchor=anchor, candidates=candidates)
    if resolved is not None and (resolved.date - anchor).days > 1:
        return None
    return resolved


#: A material-conflict act dated this many years or more before its article is history the article recalls ("In
#: 1999, NATO aircraft bombed targets across Serbia", "the 1987 coups are the subject of an exhibition"), not news of
#: the day. Nearer acts are still coded with their date: a trial hears what soldiers did a few years before, and the
#: seed article compares a threatened ouster with the one "it overthrew Saddam Hussein in 2003" (14 years before),
#: which its golden tests code as dated 2003; a generation (15 years) is the line drawn here.
HISTORY_YEARS = 15


def _recalled_history(tok: Token, resolved: ResolvedDate | None, *, anchor: date, candidates) -> bool:
    """Whether a trigger is dated HISTORY_YEARS or more before the article: by its own date, or, inside a relative
    clause of a dated noun ("recalls the night in 1980 when gunmen stormed her office"), by that noun's date."""
    if resolved is None and tok.dep_ == "relcl":
        resolved = date_for_token(tok.head, anchor=anchor, candidates=candidates)
        year = _year_phrase(tok.head) if resolved is None else None
        if year is not None:
            return anchor.year - year >= HISTORY_YEARS
    return resolved is not None and (anchor - resolved.date).days >= HISTORY_YEARS * 365


def _year_phrase(noun: Token) -> int | None:
    """The year of an 'in'-phrase of a noun that the tagger left a bare number ("the day in 1982")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for year in prep.children:
                if year.dep_ == "pobj" and re.fullmatch(r"1[89]\d\d|20\d\d", year.text):
                    return int(year.text)
    return None


def _deduplicate(events: list[CodedEvent], anchor: date) -> list[CodedEvent]:
    """One report per (source, target, code, date) in an article; a targeted event absorbs its untargeted twin;
    in one sentence, the most specific code of a CAMEO root wins for the same dyad ("veto" over "block")."""
    def day(e: CodedEvent):
        return e.date.date if e.date else anchor

    best: dict[tuple, CodedEvent] = {}
    for e in events:
        slot = (e.sentence_index, e.source_key, e.target_key, e.code[:2])
        if slot not in best or _specificity(e.code) > _specificity(best[slot].code):
            best[slot] = e
    events = [e for e in events if best[(e.sentence_index, e.source_key, e.target_key, e.code[:2])] is e]

    targeted = {(e.source_key, e.code[:3], day(e)) for e in events if e.target_key}
    seen: set = set()
    out: list[CodedEvent] = []
    for e in events:
        if e.target_key is None and (e.source_key, e.code[:3], day(e)) in targeted:
            continue
        key = (e.source_key, e.target_key, e.code, day(e))
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out


DEMAND_PATTERN = EventPattern(pos="VERB", lemma="(reported obligation)", prep="", object_required="no",
                              code="100")


def code_reported_demand(doc: Doc, tok: Token, actors: ArticleActors, res: Resources, *, anchor: date,
                         sentence_index: int, dates_in_sentence) -> list[CodedEvent]:
    """"X declared that China must drop barriers": a reported obligation is a demand (CAMEO 100) on the
    complement's subject."""
    if tok.pos_ != "VERB" or res.speech_cues.get(tok.lemma_.lower()) != "speech":
        return []
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and any(
        a.dep_ == "aux" and a.lower_ in res.words.obligation_aux for a in c.children)), None)
    if clause is None or negation(tok, res):
        return []
    sources, _, inherited = verb_slots(doc, tok, DEMAND_PATTERN, actors, res)
    targets = _clause_subject_actors(doc, clause, actors, res)
    if not sources or not targets:
        return []
    resolved = date_for_token(tok, anchor=anchor, candidates=dates_in_sentence)
    out = []
    for source in sources:
        for target in targets:
            if source.key == target.key:
                continue
            chars = _mention_chars(actors, source, sentence_index) + _mention_chars(actors, target, sentence_index)
            start, end = _evidence_span(doc, tok, chars)
            out.append(CodedEvent(source_key=source.key, target_key=target.key, code="100", trigger=tok.i,
                                  trigger_text=tok.text, start_char=start, end_char=end,
                                  sentence_index=sentence_index, is_alleged=False, confidence=0.6, date=resolved,
                                  notes=["reported_obligation"]))
    return out


def _sentence_events(doc: Doc, sent: Span, sentence_index: int, actors: ArticleActors, res: Resources,
                     anchor: date, located: list[Place]) -> list[CodedEvent]:
    """Events of one sentence, trigger by trigger in text order (date candidates found once, when needed)."""
    events: list[CodedEvent] = []
    dates_in_sentence = None
    used = _pattern_tokens(sent, res)
    for tok in sent:
        if tok.pos_ == "ADJ" and tok.i not in used and _sentiment_predicate(tok, res) is not None:
            events += code_trigger(doc, tok, actors, res, anchor=anchor, sentence_index=sentence_index,
                                   dates_in_sentence=date_candidates(sent), located=located)   # "was hopeful"
            continue
        if tok.i in used or tok.pos_ not in ("VERB", "NOUN", "PROPN", "AUX"):
            continue
        if tok.pos_ == "AUX" and not res.verbs:
            continue
        is_trigger = (tok.pos_ != "AUX" and (("VERB" if tok.pos_ == "VERB" else "NOUN"), tok.lemma_.lower())
                      in res.patterns) or (bool(res.verbs) and tok.pos_ in ("VERB", "AUX") and (
                          tok.lower_ in res.verbs or tok.lemma_.lower() in res.verbs)) or (
            tok.pos_ != "AUX" and tok.lemma_.lower() in res.words.comment_words) or (   # "would not comment" (011)
            tok.pos_ == "VERB" and tok.lemma_.lower() in res.words.expulsion_heads)   # "ordered X to leave"
        if tok.pos_ == "AUX" and not is_trigger:
            continue
        if not is_trigger and not (tok.pos_ == "VERB" and tok.lemma_.lower() in res.speech_cues):
            continue
        if dates_in_sentence is None:
            dates_in_sentence = date_candidates(sent)
        if is_trigger:
            events += code_trigger(doc, tok, actors, res, anchor=anchor, sentence_index=sentence_index,
                                   dates_in_sentence=dates_in_sentence, located=located)
        else:
            events += code_reported_demand(doc, tok, actors, res, anchor=anchor, sentence_index=sentence_index,
                                           dates_in_sentence=dates_in_sentence)
    return events


def _pattern_tokens(sent: Span, res: Resources) -> set[int]:
    """Tokens a user verb pattern matched in a sentence, with the verbs between them and their verb ("vowed to
    wage war": `VOW - * WAR` uses "war", and "wage" with it): none of them is a trigger of its own."""
    used: set[int] = set()
    if not res.verbs:
        return used
    for tok in sent:
        match = match_verb(tok, res) if tok.pos_ in ("VERB", "AUX") else None
        for i in match.tokens if match is not None and match.code is not None else ():
            node = tok.doc[i]
            while node.i != tok.i and node.head.i != node.i and node.i not in used:
                used.add(node.i)
                node = node.head
    return used


def _discarded(doc: Doc, sent: Span, res: Resources) -> bool:
    """A user discard phrase in the sentence (or, for a story-level one, anywhere in the article): no events."""
    def holds(text: str, entry) -> bool:
        return re.search(rf"(?<!\w){re.escape(entry.phrase)}(?!\w)", text) is not None

    return any(holds(doc.text.lower() if d.whole_story else sent.text.lower(), d) for d in res.discards)


def code_events(doc: Doc, *, actors: ArticleActors, resources: Resources, anchor: date) -> ArticleEvents:
    """Every event of one parsed article, in text order, and the places that located them. `actors` (the
    actors component's output) is read, never changed: the coder works on a copy. A sentence (or article)
    holding one of the user's discard phrases codes nothing."""
    working = actors.copy()
    located: list[Place] = []
    events: list[CodedEvent] = []
    _restore_cut_lemmas(doc, resources)
    for s_i, sent in enumerate(sentences(doc)):
        if resources.discards and _discarded(doc, sent, resources):
            continue
        events += _sentence_events(doc, sent, s_i, working, resources, anchor, located)
    events = sorted(events, key=lambda e: (e.start_char, e.trigger))
    events = _drop_carrier_verbs(doc, events) if resources.verbs else events
    events = _drop_characterising_participles(doc, events, resources)
    events = _drop_threatened_acts(doc, events)
    events = _deduplicate(_drop_governed_nouns(doc, _drop_reacted_acts(doc, events, resources, working)), anchor)
    return ArticleEvents(events=events, places=located)


#: The endings the small model's lemmatiser cuts a verb's final 'e' with ("raped" -> "rap", "staged" -> "stag").
CUT_E_ENDINGS = ("ed", "es", "ing")


def _restore_cut_lemmas(doc: Doc, res: Resources) -> None:
    """Give back a verb the final 'e' the lemmatiser cut from its lemma ("raped" -> "rap"): where the form is the cut
    lemma plus an ending, the cut lemma is no trigger or light verb and the lemma with the 'e' is one, the token's
    lemma is the latter ("rapped", "rapping" keep "rap"). A cut lemma that has a row of its own is left as it is
    ("stag", a `light_verbs` row for "staged"). The lemma is written on the Doc, which only the events and the
    where components read after this point (the pipeline order puts actors, places and statements before it)."""
    for tok in doc:
        lemma = tok.lemma_.lower()
        fixed = lemma + "e"
        if tok.pos_ != "VERB" or lemma.endswith("e") or not any(tok.lower_ == lemma + e for e in CUT_E_ENDINGS):
            continue
        if _trigger_or_light_verb(lemma, res) or not _trigger_or_light_verb(fixed, res):
            continue
        tok.lemma_ = fixed


def _trigger_or_light_verb(lemma: str, res: Resources) -> bool:
    """Whether a verb lemma is a trigger (a VERB pattern, `res.patterns`) or a light verb (`light_verbs`)."""
    return ("VERB", lemma) in res.patterns or lemma in res.words.light_verbs


def _country_of(actors: ArticleActors | None, key: str) -> str | None:
    actor = actors.actors.get(key) if actors is not None else None
    return actor.country_code if actor is not None else None


def _reaction_region(tok: Token, res: Resources) -> set[int]:
    """The tokens of what a reaction is about: its objects, complements and 'of'/'over'/'for'... phrases."""
    region: set[int] = set()
    for child in tok.children:
        if child.dep_ in ("dobj", "ccomp", "xcomp", "attr") or (
                child.dep_ == "prep" and child.lower_ in res.words.reaction_preps):
            region.update(t.i for t in child.subtree)
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in res.words.light_verbs:
        # "opened an inquiry into the killing": the parser often hangs the noun's phrase off its light verb
        region.update(t.i for c in tok.head.children if c.dep_ == "prep" and c.lower_ in res.words.reaction_preps
                      for t in c.subtree)
    return region


def _drop_reacted_acts(doc: Doc, events: list[CodedEvent], res: Resources,
                       actors: ArticleActors | None = None) -> list[CodedEvent]:
    """A condemnation, denial, accusation, investigation, demand or rejection of an act is the event, not the act:
    the act in its object is not coded ("condemned X's proposal to ban Y", "accused the army of killing civilians"),
    and a reaction with no target of its own is aimed at the act's source (when it is another country's)."""
    dropped: set[int] = set()
    for reaction in (e for e in events if e.code[:2] in res.code_classes.reaction_roots):
        region = _reaction_region(doc[reaction.trigger], res)
        inner = [e for e in events if e.trigger in region and e.trigger != reaction.trigger]
        dropped.update(id(e) for e in inner)
        own = _country_of(actors, reaction.source_key)
        accused = next((e.source_key for e in inner if e.source_key != reaction.source_key and (
            own is None or _country_of(actors, e.source_key) != own)), None)
        if reaction.target_key is None:
            reaction.target_key = accused
    return [e for e in events if id(e) not in dropped]


def _nominal_clauses(tok: Token) -> set[int]:
    """The tokens of a noun's 'to'-infinitive or 'that'-clause ("a threat by Chad to send troops")."""
    return {t.i for c in tok.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and (
        _to_infinitive(c) or _that_words(c))
        for t in c.subtree}


def _drop_threatened_acts(doc: Doc, events: list[CodedEvent]) -> list[CodedEvent]:
    """"Iran's threat to impose sanctions on Iraq": a nominal threat is coded by the act its clause names (1312), so
    that act, which no threat verb governs, is no event of its own; its target is the threat's when the threat has
    none and the act is the threatener's (a verb's threatened act carries the event itself:
    `_governs_intended_action`)."""
    dropped: set[int] = set()
    for threat in (e for e in events if e.code[:2] == "13" and doc[e.trigger].pos_ == "NOUN"):
        region = _nominal_clauses(doc[threat.trigger])
        inner = [e for e in events if e.trigger in region and e.code[:2] != "13"]
        dropped.update(id(e) for e in inner)
        if threat.target_key is None:
            threat.target_key = next((e.target_key for e in inner if e.source_key == threat.source_key), None)
    return [e for e in events if id(e) not in dropped]


def _drop_characterising_participles(doc: Doc, events: list[CodedEvent], res: Resources) -> list[CodedEvent]:
    """"Troops shelled the town, breaking the truce": a participle adjunct with no subject and no target of its
    own says what the coded act it hangs off amounts to; that act is the event, the participle is none. The act
    may be a light verb's event noun ("exchanged fire across the border, breaking the truce")."""
    triggers = {e.trigger for e in events}

    def coded_act(head: Token) -> bool:
        return head.i in triggers or (head.lemma_.lower() in res.words.light_verbs and any(
            c.dep_ == "dobj" and c.i in triggers for c in head.children))

    def characterises(e: CodedEvent) -> bool:
        tok = doc[e.trigger]
        return e.target_key is None and tok.dep_ == "advcl" and tok.tag_ == "VBG" and \
            coded_act(tok.head) and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)

    return [e for e in events if not characterises(e)]


def _drop_governed_nouns(doc: Doc, events: list[CodedEvent]) -> list[CodedEvent]:
    """'signed an agreement', 'lifted its sanctions on Syria': when a coded verb governs a coded noun for the
    same dyad, or for the same source, the verb is the event."""
    verb_dyads = {(e.trigger, e.source_key, e.target_key) for e in events if doc[e.trigger].pos_ == "VERB"}
    verb_sources = {(e.trigger, e.source_key) for e in events if doc[e.trigger].pos_ == "VERB"}
    return [e for e in events if doc[e.trigger].pos_ == "VERB" or (
        (doc[e.trigger].head.i, e.source_key, e.target_key) not in verb_dyads and
        (doc[e.trigger].head.i, e.source_key) not in verb_sources)]

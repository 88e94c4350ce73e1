"""Senses before codes: which reading of a trigger the clause supports, from the dependency parse.

Two decisions, both read from data (`Resources.objects`, `.senses` and the sense word classes), the grammar here:

- **object refinements** (`object_code`): the object of a trigger picks its code, or says it is no event in that
  sense: "offered a loan" (0331), "cut off aid" (162), "struck a deal" (057), "released a statement" (none);
- **physical readings** (`sense_code`): a trigger whose code is material conflict (15x, 17x-20x, 145) and whose lemma
  has a verbal or figurative sense keeps its code only when the clause gives it a physical reading: an instrument
  ("missile"), casualties ("killed"), a physical target ("the convoy", a place), an armed agent (troops, police,
  rebels) or, for lemmas whose victims are enough ("kill", "shoot"), any actor acted upon. Otherwise an electoral or
  sporting contest is no event ("beat the senator by 18 points"), words or people make it the verbal code ("an attack
  on her record", "the two senators clashed at the hearing" -> 111), an abstract object makes it figurative ("fighting
  inflation", no event), and civilians doing it make it the civil code ("students occupied the campus" -> 144).
"""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.nlp.actors import Actor
from newsevents.nlp.resources import Resources


def is_material(code: str, res: Resources) -> bool:
    """Whether a code needs a physical reading (`material_codes`: roots 15, 17-20 and violent protest, 145)."""
    return code[:2] in res.code_classes.material_codes or code[:3] in res.code_classes.material_codes


# ----------------------------------------------------------------------------- objects
def object_tokens(tok: Token, res: Resources, *, with_preps: bool = True) -> list[Token]:
    """What a verbal trigger acts on: its direct objects (with conjuncts), open complements ("declined to
    comment") and means ("spoke by telephone"), else (unless `with_preps` is False) the objects of its
    prepositions."""
    objects = [c for c in tok.children if (c.dep_ in ("dobj", "dative", "xcomp", "oprd") or (
        c.dep_ in ("ccomp", "acomp") and c.pos_ == "ADJ")) and c.pos_ != "ADP"]   # "found him guilty": a predicate
    objects += [conj for o in objects for conj in o.conjuncts]
    objects += [p for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in res.words.means_preps
                for p in c.children if p.dep_ == "pobj"]
    if not objects and with_preps:
        objects = [p for c in tok.children if c.dep_ in ("prep", "prt", "agent") for p in c.children
                   if p.dep_ == "pobj"]
    return objects


def _object_words(obj: Token, res: Resources) -> list[tuple[Token, bool]]:
    """(word, is the head) of one object: its head, its compound and adjective modifiers, and the heads of its
    prepositional modifiers with theirs ("the ban on opposition parties": ban, party, opposition)."""
    words = [(obj, True)] + [(c, False) for c in obj.children if c.dep_ in ("compound", "amod", "nmod")]
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ in res.words.object_modifier_preps:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    words += [(pobj, False)] + [(c, False) for c in pobj.children if c.dep_ in ("compound", "amod")]
    return words


def _prep_objects(tok: Token, preps: frozenset[str] | tuple[str, ...]) -> list[Token]:
    """The objects of a token's own prepositional phrases headed by one of `preps`, in the order they stand."""
    return [p for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for p in c.children if p.dep_ == "pobj"]


def _prep_modifier_objects(tok: Token, res: Resources) -> list[Token]:
    """Objects of a trigger's own 'on'/'of' phrases when they refine it as its direct object's would ("lifted the
    ban on opposition parties" parsed with 'on' on the verb); never heads, so they never say 'no event'."""
    if not any(c.dep_ == "dobj" for c in tok.children):
        return []
    return _prep_objects(tok, res.words.object_modifier_preps)


def _instrument_objects(tok: Token, res: Resources) -> list[Token]:
    """What a verb with a direct object acts with ("threatened Romania with sanctions", "supplied the rebels with
    rifles"): the 'with' object names the act or the goods as a direct object would; never a head, so it never
    says 'no event'."""
    if not any(c.dep_ in ("dobj", "dative") for c in tok.children):
        return []
    return _prep_objects(tok, res.words.instrument_preps)


def _permitted_objects(tok: Token, res: Resources) -> list[Token]:
    """Who a permission verb lets in ("allowed aid convoys to cross", "let inspectors enter"): the parser often
    makes the one allowed the subject of a complement clause rather than the verb's object, yet it is what the
    permission is of (CAMEO 086: allowing peacekeepers, inspectors, aid)."""
    if tok.lemma_.lower() not in res.words.permission_verbs:
        return []
    return [s for c in tok.children if c.dep_ == "ccomp" and c.pos_ == "VERB"
            for s in c.children if s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN")]


def _particle_objects(tok: Token, prep: str) -> list[Token]:
    """What a particle verb acts on through the particle's own preposition: "pulled out of the talks" (talks)."""
    if not prep:
        return []
    return [p for c in tok.children if c.lower_ == prep for g in c.children if g.dep_ == "prep"
            for p in g.children if p.dep_ == "pobj"]


def particle_lemma(lemma: str, prep: str, res: Resources) -> str | None:
    """The 'lemma particle' key of a particle verb's own object rows ("call off"), or None when it has none."""
    key = f"{lemma} {prep}" if prep else ""
    return key if key in res.object_lemmas else None


def object_code(tok: Token, res: Resources, prep: str = "", *, lemma: str | None = None) -> tuple[bool, str | None]:
    """(matched, code) of a trigger's object refinement: the most specific code listed for (lemma, object word);
    (True, None) when the object's head says the trigger is no event ("released a statement"); (False, None) when
    no row applies. A trigger matched with a preposition ("called for") is refined by its direct object only. A
    particle verb with rows of its own ("call off", "return to") is read by those rows alone, the particle's own
    object included ("returned to the table"), so "called off the talks" is not the bare verb's "called the
    talks productive". `lemma` reads another lemma's rows (an expulsion order reads the `order` rows)."""
    lemma = lemma or tok.lemma_.lower()
    own = particle_lemma(lemma, prep, res)
    lemma = own or lemma
    if lemma not in res.object_lemmas:
        return False, None
    best: str | None = None
    if tok.pos_ == "VERB":
        objects = [(o, True) for o in object_tokens(tok, res, with_preps=not prep) + _particle_objects(tok, prep)]
        if own:
            objects += [(p, True) for p in _prep_objects(tok, (prep,))]
        objects += [(o, False) for o in _prep_modifier_objects(tok, res) + _instrument_objects(tok, res)]
        objects += [(o, True) for o in _permitted_objects(tok, res)]
    else:   # "an inquiry into alleged atrocities": a nominal trigger's object is its 'into'/'of' phrase
        objects = [(p, True) for p in _prep_objects(tok, res.words.reaction_preps)]
    for obj, primary in objects:
        for word, is_head in _object_words(obj, res):
            is_head = is_head and primary
            key = (lemma, word.lemma_.lower())
            if key not in res.objects:
                key = (lemma, word.lower_)
                if key not in res.objects:
                    continue
            code = res.objects[key]
            if code is None and is_head:
                return True, None
            if code is not None and (best is None or len(code) > len(best) or (len(code) == len(best) and not is_head)):
                best = code   # a modifier names the kind on a tie: "war crimes" (094) over "crimes" (091)
    if best is None and lemma in res.words.aid_verbs:
        best = goods_code([obj for obj, primary in objects if primary] + _supplied_with(tok), res)
    return (best is not None), best


def _supplied_with(tok: Token) -> list[Token]:
    """What a giving verb gives when its object is the receiver ("supplied the rebels with drones", "provided
    Kenya with $50 million"): the objects of its 'with' phrase."""
    return _prep_objects(tok, ("with",))


def goods_code(objects: list[Token], res: Resources) -> str | None:
    """The aid code of what is given, by the codebook's kinds of aid: weapons (072), food, water, medicine or shelter
    (073), money (071); a quantity is looked through ("300 tonnes of rice", "a shipment of rifles")."""
    heads = list(objects)
    heads += [p for o in objects if o.lemma_.lower() in res.words.container_nouns for p in _prep_objects(o, ("of",))]
    heads += [conj for h in heads for conj in h.conjuncts]
    for head in heads:
        words = {head.lemma_.lower(), head.lower_}
        if words & res.words.weapon_words:
            return "072"
        if words & res.words.humanitarian_goods:
            return "073"
        if words & res.words.money_words or _currency_amount(head, res):
            return "071"
    return None


def _currency_amount(head: Token, res: Resources) -> bool:
    """Whether an amount is written with a currency sign ("$30 million": the sign hangs off 'million'), which
    names money as plainly as a currency noun does ("30 million euros")."""
    return any(c.lower_ in res.words.money_words for c in head.children if c.dep_ in ("quantmod", "nmod", "compound"))


def investigation_code(tok: Token, code: str, res: Resources) -> str:
    """The sub-code of an investigation (090) the codebook gives by what is investigated: the act it is over or for
    ("investigated the governor over bribes": the lemma's object row for 'bribe', 091), else a person investigated
    ("an investigation into the mayor", "are investigating a former minister") is a criminal or corruption
    investigation (091): the codebook's 092-094 are investigations of acts (abuses, military actions, war crimes),
    never of a named or titled person."""
    lemma = tok.lemma_.lower()
    if code != "090" or lemma not in res.words.investigation_heads:
        return code
    investigated = _investigated(tok)
    about = [p for node in (tok, *investigated) for p in _prep_objects(node, res.words.charge_preps)]
    for obj in about:
        for word, _ in _object_words(obj, res):
            row = res.objects.get((lemma, word.lemma_.lower()))
            if row:
                return row
    return "091" if any(_is_person(o, res) for o in investigated) else code


def _investigated(tok: Token) -> list[Token]:
    """Who or what a trigger of investigation is done to: a verb's direct or passive subject ("the mayor was
    investigated"), a noun's 'into'/'of' phrase ("an investigation into the mayor"), or the 'into' phrase of the
    verb it is the object of."""
    if tok.pos_ == "VERB":
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        objects += _prep_objects(tok, ("into",))
    else:   # the parser often hangs the 'into' phrase on the verb the noun is the object of ("opened a probe into")
        objects = _prep_objects(tok, ("into", "of"))
        if tok.dep_ == "dobj":
            objects += _prep_objects(tok.head, ("into",))
    return objects + [conj for o in objects for conj in o.conjuncts]


def _is_person(tok: Token, res: Resources) -> bool:
    """A person: a name the model tags PERSON, or a person title ("the mayor", "a former defence minister")."""
    compound = " ".join(c.lower_ for c in tok.children if c.dep_ == "compound")
    return tok.ent_type_ == "PERSON" or tok.lemma_.lower() in res.titles or f"{compound} {tok.lower_}" in res.titles


# ----------------------------------------------------------------------------- physical readings
def _clause(tok: Token) -> list[Token]:
    """The tokens a trigger's reading is read from: its subtree, and for a noun the clause of the verb it belongs
    to ("the attack killed five")."""
    tokens = list(tok.subtree)
    if tok.pos_ in ("NOUN", "PROPN"):
        head = tok.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        if head.i != tok.i:
            tokens += [t for t in head.subtree if t.i not in {x.i for x in tokens}]
    return tokens


def _words(tokens: list[Token]) -> set[str]:
    return {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}


def _acted_on(tok: Token, res: Resources) -> list[Token]:
    """The heads a trigger acts on: its objects, and the objects of its 'on'/'at'/'against' phrases."""
    out = object_tokens(tok, res) if tok.pos_ == "VERB" else []
    out += _prep_objects(tok, res.words.acted_on_preps)
    return out


def _armed(actor: Actor, res: Resources) -> bool:
    return actor.role_code in res.code_classes.armed_roles or (actor.cameo_code or "").startswith("IMG")


def _physical(tok: Token, clause_words: set[str], sources: list[Actor], targets: list[Actor], victims: bool,
              res: Resources, actor_tokens: frozenset[int] | set[int]) -> bool:
    """Whether the clause reads a trigger as force: an instrument or casualties in it, a physical thing or a place
    acted on (a town, not a country named as an actor: "Chile beat Peru"), an armed actor on either side, or (for
    lemmas whose victims suffice) any actor acted on."""
    words = res.words
    if clause_words & (words.weapon_words | words.casualty_words):
        return True
    if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in words.force_modifiers for c in tok.children):
        return True   # "air strikes on targets", "a suicide attack", "an armed assault"
    for obj in _acted_on(tok, res):
        if obj.lemma_.lower() in words.physical_target_words or (
                obj.ent_type_ in ("GPE", "LOC", "FAC") and obj.i not in actor_tokens):
            return True
    if any(_armed(a, res) for a in [*sources, *targets]):
        return True
    return victims and bool(targets)


def _verbal(tok: Token, clause_words: set[str], res: Resources) -> bool:
    """Whether the clause reads a trigger as words: it acts on words or a record, or happens in a setting of
    words (a debate, a hearing)."""
    if any(obj.lemma_.lower() in res.words.verbal_object_words for obj in _acted_on(tok, res)):
        return True
    return bool(clause_words & res.words.verbal_setting_words)


def _civil(sources: list[Actor], res: Resources) -> bool:
    return bool(sources) and all(a.actor_type == "GROUP" and a.role_code in res.code_classes.domestic_roles
                                 for a in sources)


def _people(actors: list[Actor]) -> bool:
    return all(a.actor_type == "PERSON" for a in actors)


def _object_reading(tok: Token, code: str, res: Resources) -> bool:
    """Whether an object refinement row gave the trigger its material code ("seized the assets": 1711, "fired tear
    gas": 175): the row is a reading of the verb with that object, so no other cue is needed for it."""
    if tok.pos_ != "VERB":
        return False
    matched, by_object = object_code(tok, res)
    return matched and by_object == code


def sense_code(tok: Token, code: str, sources: list[Actor], targets: list[Actor], res: Resources,
               actor_tokens: frozenset[int] | set[int] = frozenset()) -> str | None:
    """The code of a trigger once its sense is read (see the module docstring); None when it is no event.
    `actor_tokens`: the tokens actors are mentioned at (a country named as an actor is no physical place)."""
    sense = res.senses.get(tok.lemma_.lower())
    if sense is None:
        return code
    material = is_material(code, res)
    if sense.civil_code and (material or code in res.code_classes.civil_codes) and _civil(sources, res):
        return sense.civil_code   # "rioters torched cars" (145), "students rallied against the fees" (141)
    if not material:
        return code
    if _object_reading(tok, code, res):
        return code   # "seized the assets of the exiled editor": the object row names a material act
    clause_words = _words(_clause(tok))
    if _physical(tok, clause_words, sources, targets, sense.victims, res, actor_tokens):
        return code   # before the contest: "militants attacked a polling station during the election"
    if clause_words & res.words.contest_words:
        return None
    # people on both sides read as words ("the senators clashed"); a person's act with nobody acted on does not
    # ("the April 4 attack by Assad"): a verbal attack needs someone attacked
    if _verbal(tok, clause_words, res) or (sources and targets and _people(sources) and _people(targets)):
        return sense.verbal_code
    if not targets and _acted_on(tok, res):
        return None   # "fighting inflation", "battling an outbreak": figurative
    return code

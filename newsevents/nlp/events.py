"""Events: who did what to whom, from the dependency parse, coded in CAMEO (and PLOVER via the code table).

Grain: one `CodedEvent` per (trigger, source actor, target actor) in one article.

For every verb or noun whose lemma is in `data/event_patterns.csv`:
- the source is the grammatical subject (or the agent of a passive, the possessor
  or demonym of a nominal event, the subject inherited from a governing verb);
- targets are direct objects, objects of the pattern's preposition and of
  against/on/at/with/to, a passive subject, or an organisation modifying the object
  ("a U.N. Security Council resolution");
- compound actors give one event per dyad;
- negated ("did not attack", "failed to agree") and hypothetical ("whether X intends
  to …", "if …", "would …") triggers are dropped; intents to sanction or attack
  under "prepare"/"threaten" become CAMEO threats (13x); "alleged" is kept as a flag.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token

from newsevents.nlp.actors import Actor, ArticleActors, Mention, country_actor, lookup_country, resolve_pronoun
from newsevents.nlp.anchoring import date_candidates, date_for_token
from newsevents.nlp.dates import ResolvedDate
from newsevents.nlp.resources import EventPattern, Resources
from newsevents.nlp.sentences import sentence_of, sentences

NEGATING_HEADS = {"fail", "refuse", "decline", "deny", "avoid", "stop", "cease", "halt", "abandon", "forgo"}
INTENT_HEADS = {"intend", "plan", "want", "seek", "hope", "aim", "consider", "wish", "try", "attempt", "expect",
                "propose", "discuss", "debate", "mull", "weigh", "study",
                "willing", "ready", "prepared", "determined", "eager", "keen", "likely"}
THREAT_HEADS = {"prepare", "threaten", "warn", "vow", "promise", "pledge"}
#: "asked Obama to help Iran": the appeal is the event; the requested action has not happened.
REQUEST_HEADS = {"ask", "urge", "call", "appeal", "press", "demand", "request", "encourage", "invite", "persuade",
                 "tell", "implore", "beg"}
DENIAL_HEADS = {"deny", "dismiss", "refute", "rebut", "disprove"}
REFUSING_HEADS = {"refuse", "decline", "reject", "deny"}
#: Verbs that report speech: "said they would boycott" is a stated intention, not a hypothetical.
REPORTING_VERBS = {"say", "announce", "tell", "state", "declare", "warn", "add", "insist", "vow", "pledge",
                   "promise", "threaten", "indicate", "signal", "confirm"}
#: Cooperation refused: "will not accept", "refused to meet" are rejections (CAMEO 12x).
REFUSAL_CODES = {"04": "125", "06": "121", "07": "122", "08": "124"}
COOPERATION_ROOTS = {"03", "04", "05", "06", "07", "08"}
HYPOTHETICAL_MARKS = {"whether", "if", "unless"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must"}
FUTURE_AUX = {"will", "shall", "'ll"}
ALLEGATION_WORDS = {"alleged", "allegedly", "reportedly", "purportedly", "purported", "suspected", "claimed"}
LIGHT_VERBS = {"use", "launch", "carry", "conduct", "impose", "stage", "exercise", "cast", "make", "mount",
               "order", "announce", "slap", "hold", "begin", "start", "unleash", "wage", "deploy", "prepare",
               "threaten", "approve", "adopt", "have", "open", "remain", "reach", "sign", "put", "place",
               "keep", "go", "raise", "issue", "step", "continue", "renew", "resume", "intensify", "escalate",
               "engage", "involve"}
TARGET_PREPS = {"against", "on", "at", "with", "to", "toward", "towards", "upon", "into", "over", "for"}
CLAUSE_BOUNDARIES = {"relcl", "acl", "advcl", "ccomp", "parataxis"}
#: Domestic actions (protest, mobilisation, repression, violence) without a named target are aimed at the
#: country where they happen ("imposed a curfew in the town of Cizre in southeastern Turkey" -> TUR).
LOCATION_TARGET_ROOTS = {"14", "15", "17", "18", "19", "20"}
LOCATION_PREPS = {"in", "near", "at", "across", "throughout", "outside", "inside"}
#: Cooperative roots are inherently dyadic: without a partner there is no event.
DYADIC_ROOTS = {"03", "04", "05", "06", "07", "08"}
#: Verbs whose direct object is a topic, not a partner ("discussed Syria" is not a meeting with Syria).
TOPIC_OBJECT_VERBS = {"discuss", "debate", "negotiate", "talk", "consider", "review", "address", "raise", "explore",
                      "examine", "study", "mull", "weigh"}
THREAT_CODES = {"16": "1312", "163": "1312", "162": "1312", "19": "138", "18": "138", "17": "137", "20": "139"}
#: A stated intention or a future action is coded as CAMEO's "express intent" (03x) for cooperation and as a
#: threat (13x) for conflict; "wants to attack" is a threat, "plans to provide aid" an intent to aid.
#: An appeal whose embedded action is coded refines the appeal: "asking Obama to help Iran" is an appeal for
#: aid (023), "urged them to negotiate" an appeal to meet or negotiate (026).
APPEAL_CODES = {"06": "021", "07": "023", "04": "026", "05": "022", "08": "025"}
INTENT_CODES = {
    "04": "036", "05": "032", "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "08": "035", "081": "0351", "083": "0352", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
    "16": "1312", "17": "137", "18": "138", "19": "138", "20": "139",
}


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


# ----------------------------------------------------------------------------- patterns
def _preps(tok: Token) -> set[str]:
    preps = {c.lower_ for c in tok.children if c.dep_ in ("prep", "prt", "agent", "dative")}
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
    preps = _preps(tok)
    has_dobj = any(c.dep_ in ("dobj",) for c in tok.children)
    best = None
    for p in candidates:
        if p.prep and p.prep not in preps and " ".join(p.prep.split()) not in preps:
            continue
        if p.object_required == "yes" and not _has_object(tok):
            continue
        if p.object_required == "intransitive" and has_dobj:
            continue
        if best is None or (p.prep and not best.prep):
            best = p
    return best


def refine_code(tok: Token, code: str, res: Resources) -> str:
    """Modifiers make a code more specific ("chemical" attack -> 2041, "missile" strike -> 195)."""
    lemma = tok.lemma_.lower()
    modifiers = [c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
    modifiers += [g.lemma_.lower() for c in tok.children if c.dep_ == "compound" for g in c.children
                  if g.dep_ in ("compound", "amod")]
    if tok.dep_ == "compound":
        modifiers.append(tok.head.lemma_.lower())
    for modifier in modifiers:
        refined = res.refinements.get((lemma, modifier))
        if refined and refined in res.cameo:
            return refined
    return code


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


def negation(tok: Token) -> str | None:
    """'refusal' ("refused to meet"), 'negated' ("did not attack", "failed to agree") or None."""
    if any(c.dep_ == "neg" for c in tok.children):
        return "negated"
    node = tok
    while node.dep_ in ("xcomp", "conj", "dobj", "compound", "pobj", "prep") and node.head.i != node.i:
        node = node.head
        lemma = node.lemma_.lower()
        if lemma in REFUSING_HEADS:
            return "refusal"
        if lemma in NEGATING_HEADS or any(c.dep_ == "neg" for c in node.children):
            return "negated"
        if node.pos_ == "VERB":
            break
    # "India denied that its soldiers had opened fire": a denied event is not coded as having happened
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            break
        if node.dep_ == "ccomp":
            return "negated" if node.head.lemma_.lower() in DENIAL_HEADS else None
        node = node.head
    return None


def is_negated(tok: Token) -> bool:
    return negation(tok) is not None


def modality(tok: Token) -> str | None:
    """'hypothetical', 'intent', 'threat' or None for a factual event."""
    for node in _clause_chain(tok):
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in node.children):
            return "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in node.children):
            if _reported_intention(node):
                return "intent"
            return "hypothetical"
        if node is tok and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in node.children):
            return "intent"
    node = tok
    hops = 0
    while node.dep_ in ("xcomp", "dobj", "compound", "pobj", "prep", "acl") and node.head.i != node.i and hops < 4:
        node = node.head
        hops += 1
        lemma = node.lemma_.lower()
        if lemma in THREAT_HEADS:
            return "threat"
        if lemma in INTENT_HEADS:
            return "intent"
        if lemma in REQUEST_HEADS:
            return "requested"
        if node.pos_ == "VERB" and node.dep_ not in ("xcomp",):
            break
    return None


def _refine_appeal(tok: Token, code: str, res: Resources) -> str:
    for clause in tok.children:
        if clause.dep_ in ("xcomp", "ccomp") and clause.pos_ == "VERB":
            embedded = res.patterns.get(("VERB", clause.lemma_.lower()))
            if embedded:
                refined = APPEAL_CODES.get(embedded[0].code[:2])
                if refined and refined in res.cameo:
                    return refined
    return code


def _reported_intention(node: Token) -> bool:
    """'X said it would boycott …' (future in reported speech), as opposed to 'X would attack if …'."""
    if not any(c.dep_ == "aux" and c.lower_ == "would" for c in node.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for a in [node, *node.ancestors] for c in a.children):
        return False
    clause = node
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTING_VERBS


def _governs_intended_action(tok: Token, res: Resources) -> bool:
    """'seek/ask/want to X' with a coded X: the embedded action carries the event, not the intent verb."""
    if tok.lemma_.lower() not in INTENT_HEADS | THREAT_HEADS:
        return False
    return any(c.dep_ == "xcomp" and c.pos_ == "VERB" and ("VERB", c.lemma_.lower()) in res.patterns
               for c in tok.children)


def is_alleged(tok: Token) -> bool:
    for node in [tok, *([tok.head] if tok.dep_ == "compound" else [])]:
        if any(c.lower_ in ALLEGATION_WORDS for c in node.children):
            return True
    return any(c.lower_ in ALLEGATION_WORDS for c in tok.head.children if c.dep_ in ("advmod",)) and \
        tok.dep_ in ("xcomp", "ccomp")


# ----------------------------------------------------------------------------- actors in slots
def _actors_for(doc: Doc, tok: Token, actors: ArticleActors, *, with_modifiers: bool = False) -> list[Actor]:
    """Actors a slot token refers to, following conjuncts, pronouns and organisational modifiers."""
    out: list[Actor] = []
    for node in [tok, *tok.conjuncts]:
        found = actors.actors_at(node.i)
        if not found and node.pos_ == "PRON":
            actor = resolve_pronoun(doc, node, actors)
            found = [actor] if actor else []
        if not found and with_modifiers:
            for child in node.children:
                if child.dep_ in ("compound", "nmod", "poss", "amod"):
                    found += [a for a in actors.actors_at(child.i)]
                elif child.dep_ == "prep" and child.lower_ in ("on", "against", "of", "with", "to"):
                    # "lift the sanctions on Iran", "sanctions on the Taliban faction"
                    for p in child.children:
                        if p.dep_ == "pobj":
                            found += actors.actors_at(p.i) or [
                                a for g in p.children if g.dep_ in ("compound", "nmod", "amod", "poss")
                                for a in actors.actors_at(g.i)]
        for actor in found:
            if actor not in out:
                out.append(actor)
    return out


def _subject_tokens(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]


def verb_slots(doc: Doc, tok: Token, pattern: EventPattern, actors: ArticleActors) -> tuple[list, list, bool]:
    """(sources, targets, inherited) for a verbal trigger."""
    sources: list[Actor] = []
    targets: list[Actor] = []
    inherited = False
    passive_subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
    agents = [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    for subj in _subject_tokens(tok):
        sources += _actors_for(doc, subj, actors)
    for agent in agents:
        sources += _actors_for(doc, agent, actors)
    for subj in passive_subj:
        targets += _actors_for(doc, subj, actors)
    node = tok
    hops = 0
    while not sources and node.dep_ in ("xcomp", "advcl", "conj", "acl", "ccomp", "pcomp") and hops < 3:
        head = node.head
        hops += 1
        if head.pos_ in ("NOUN", "PROPN"):
            for child in head.children:
                if child.dep_ == "poss":
                    sources += _actors_for(doc, child, actors)
            break
        for subj in _subject_tokens(head):
            sources += _actors_for(doc, subj, actors)
        inherited = bool(sources)
        node = head
        if node.dep_ == "ccomp":
            break
    topic_object = tok.lemma_.lower() in TOPIC_OBJECT_VERBS
    for child in tok.children:
        if child.dep_ in ("dobj", "dative", "iobj") and not (topic_object and child.dep_ == "dobj"):
            targets += _actors_for(doc, child, actors, with_modifiers=True)
        elif child.dep_ == "prep" and (child.lower_ == pattern.prep or child.lower_ in TARGET_PREPS):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    targets += _actors_for(doc, pobj, actors, with_modifiers=child.lower_ == pattern.prep)
    if not targets and pattern.code[:2] in ("02", "10", "11", "12", "13"):
        # "demanded that the United States match …": the addressee is the subject of the complement
        for clause in tok.children:
            if clause.dep_ == "ccomp":
                for subj in clause.children:
                    if subj.dep_ in ("nsubj", "nsubjpass"):
                        targets += _actors_for(doc, subj, actors, with_modifiers=True)
    return _unique(sources), _unique(targets), inherited


def noun_slots(doc: Doc, tok: Token, actors: ArticleActors) -> tuple[list, list, bool]:
    """(sources, targets, inherited) for a nominal trigger ("the Russian veto", "attack by Assad")."""
    sources: list[Actor] = []
    targets: list[Actor] = []
    inherited = False
    nodes = [tok] + ([tok.head] if tok.dep_ == "compound" else [])
    for node in nodes:
        for child in node.children:
            if child.i == tok.i:
                continue
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < tok.i:
                sources += _actors_for(doc, child, actors)
            elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
                sources += [a for p in child.children if p.dep_ == "pobj" for a in _actors_for(doc, p, actors)]
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                targets += [a for p in child.children if p.dep_ == "pobj" for a in _actors_for(doc, p, actors)]
            elif child.dep_ == "acl":
                for grand in child.children:
                    if grand.dep_ == "agent":
                        sources += [a for p in grand.children if p.dep_ == "pobj"
                                    for a in _actors_for(doc, p, actors)]
                    elif grand.dep_ == "prep" and grand.lower_ in ("against", "on", "at"):
                        targets += [a for p in grand.children if p.dep_ == "pobj"
                                    for a in _actors_for(doc, p, actors)]
    top = tok.head if tok.dep_ == "compound" else tok
    governor = top.head.head if top.dep_ == "pobj" and top.head.dep_ == "prep" else top.head
    if top.dep_ in ("dobj", "pobj", "nsubjpass", "attr") and governor.lemma_.lower() in LIGHT_VERBS:
        verb = governor
        if not sources:
            for subj in _subject_tokens(verb):
                sources += _actors_for(doc, subj, actors)
            inherited = bool(sources)
        if not targets:
            # "rebels engaged Filipino peacekeepers in a firefight": the light verb's object is the target
            for obj in verb.children:
                if obj.dep_ == "dobj" and obj.i != top.i:
                    targets += _actors_for(doc, obj, actors)
        if not targets:
            # "used its veto power to block a U.N. Security Council resolution": the purpose clause names the target
            for clause in verb.children:
                if clause.dep_ in ("xcomp", "advcl") and clause.pos_ == "VERB":
                    for obj in clause.children:
                        if obj.dep_ == "dobj":
                            targets += _actors_for(doc, obj, actors, with_modifiers=True)
    if not sources and top.dep_ in ("nsubj",) and top.head.pos_ in ("VERB", "AUX"):
        for child in top.head.children:
            if child.dep_ == "prep" and child.lower_ in ("against", "on"):
                targets += [a for p in child.children if p.dep_ == "pobj" for a in _actors_for(doc, p, actors)]
    return _unique(sources), _unique(targets), inherited


def _location_target(doc: Doc, tok: Token, actors: ArticleActors, res: Resources,
                     sentence_index: int) -> list[Actor]:
    """The country of the place a domestic action happens in (the innermost country or capital named in a
    locative phrase of the trigger); the place becomes a 'location' mention of that country."""
    for prep in tok.subtree:
        if prep.dep_ != "prep" or prep.lower_ not in LOCATION_PREPS or prep.head.i != tok.i and \
                prep.head.pos_ not in ("NOUN", "PROPN"):
            continue
        for place in prep.subtree:
            if place.ent_type_ not in ("GPE", "LOC") or place.pos_ != "PROPN":
                continue
            ent = next((e for e in doc.ents if e.start <= place.i < e.end), None)
            text = ent.text if ent is not None else place.text
            iso = lookup_country(text, res) or res.capitals.get(text)
            if not iso:
                continue
            found = [a for a in actors.actors_at(place.i) if a.country_code == iso]
            if found:
                return found[:1]
            actor = country_actor(iso, res)
            span = ent if ent is not None else doc[place.i:place.i + 1]
            actors.add(actor, Mention(start=span.start, end=span.end, start_char=span.start_char,
                                      end_char=span.end_char, text=span.text, kind="location",
                                      sentence_index=sentence_index, actor_key=actor.key))
            return [actors.actors[actor.key]]
    return []


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


def code_trigger(doc: Doc, tok: Token, actors: ArticleActors, res: Resources, *, anchor: date,
                 sentence_index: int, dates_in_sentence) -> list[CodedEvent]:
    """All events one trigger token yields (one per dyad), or none."""
    if tok.i in actors.token_index:
        return []
    pattern = select_pattern(tok, res)
    if pattern is None:
        return []
    mood = modality(tok)
    if mood in ("hypothetical", "requested") or _governs_intended_action(tok, res):
        return []
    code = refine_code(tok, pattern.code, res)
    if code[:2] == "02":
        code = _refine_appeal(tok, code, res)
    negated = negation(tok)
    if negated is not None:
        # "will not accept", "refused to meet": a refused cooperation is a rejection; anything else negated
        # ("did not attack", "failed to agree") did not happen
        if code[:2] not in COOPERATION_ROOTS or not (negated == "refusal" or mood == "intent"):
            return []
        code, mood = REFUSAL_CODES.get(code[:2], "120"), None
    if mood == "threat":
        code = THREAT_CODES.get(code[:3]) or THREAT_CODES.get(code[:2]) or code
        if not code.startswith("13"):
            return []
    elif mood == "intent":
        code = INTENT_CODES.get(code[:3]) or INTENT_CODES.get(code[:2])
        if code is None:
            return []
    if code not in res.cameo:
        return []
    if tok.pos_ == "VERB":
        sources, targets, inherited = verb_slots(doc, tok, pattern, actors)
    else:
        sources, targets, inherited = noun_slots(doc, tok, actors)
    if not sources:
        return []
    if not targets and code[:2] in LOCATION_TARGET_ROOTS:
        targets = _location_target(doc, tok, actors, res, sentence_index)
    if not targets and code[:2] in DYADIC_ROOTS:
        if len(sources) < 2:
            return []
        pairs = [(a, b) for a in sources for b in sources if a.key != b.key]
    else:
        pairs = [(s, t) for s in sources for t in (targets or [None]) if t is None or s.key != t.key]
    resolved = _event_date(tok, anchor=anchor, candidates=dates_in_sentence, stated=mood in ("intent", "threat"))
    alleged = is_alleged(tok)
    events = []
    for source, target in pairs:
        chars = _mention_chars(actors, source, sentence_index)
        if target is not None:
            chars += _mention_chars(actors, target, sentence_index)
        start, end = _evidence_span(doc, tok, chars)
        confidence = 0.55 + (0.2 if target is not None else 0) + (0.1 if tok.pos_ == "VERB" else 0) - (
            0.1 if inherited else 0) - (0.1 if mood == "threat" else 0)
        events.append(CodedEvent(
            source_key=source.key, target_key=target.key if target else None, code=code, trigger=tok.i,
            trigger_text=tok.text, start_char=start, end_char=end, sentence_index=sentence_index,
            is_alleged=alleged, confidence=round(min(0.95, max(0.1, confidence)), 2), date=resolved,
            notes=[n for n in (mood, "inherited_source" if inherited else None) if n],
        ))
    return events


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
OBLIGATION_AUX = {"must", "should"}


def code_reported_demand(doc: Doc, tok: Token, actors: ArticleActors, res: Resources, *, anchor: date,
                         sentence_index: int, dates_in_sentence) -> list[CodedEvent]:
    """"X declared that China must drop barriers": a reported obligation is a demand (CAMEO 100) on the
    complement's subject."""
    if tok.pos_ != "VERB" or res.speech_cues.get(tok.lemma_.lower()) != "speech":
        return []
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and any(
        a.dep_ == "aux" and a.lower_ in OBLIGATION_AUX for a in c.children)), None)
    if clause is None or negation(tok):
        return []
    sources, _, inherited = verb_slots(doc, tok, DEMAND_PATTERN, actors)
    targets = [a for subj in clause.children if subj.dep_ in ("nsubj", "nsubjpass")
               for a in _actors_for(doc, subj, actors, with_modifiers=True)]
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


def code_events(doc: Doc, *, actors: ArticleActors, resources: Resources, anchor: date) -> list[CodedEvent]:
    """Every event of one parsed article, in text order."""
    events: list[CodedEvent] = []
    for s_i, sent in enumerate(sentences(doc)):
        dates_in_sentence = None
        for tok in sent:
            if tok.pos_ not in ("VERB", "NOUN", "PROPN"):
                continue
            if (("VERB" if tok.pos_ == "VERB" else "NOUN"), tok.lemma_.lower()) not in resources.patterns:
                if tok.pos_ == "VERB" and tok.lemma_.lower() in resources.speech_cues:
                    if dates_in_sentence is None:
                        dates_in_sentence = date_candidates(sent)
                    events += code_reported_demand(doc, tok, actors, resources, anchor=anchor, sentence_index=s_i,
                                                   dates_in_sentence=dates_in_sentence)
                continue
            if dates_in_sentence is None:
                dates_in_sentence = date_candidates(sent)
            events += code_trigger(doc, tok, actors, resources, anchor=anchor, sentence_index=s_i,
                                   dates_in_sentence=dates_in_sentence)
    return _deduplicate(_drop_governed_nouns(doc, sorted(events, key=lambda e: (e.start_char, e.trigger))), anchor)


def _drop_governed_nouns(doc: Doc, events: list[CodedEvent]) -> list[CodedEvent]:
    """'signed an agreement': when a coded verb governs a coded noun for the same dyad, the verb is the event."""
    verb_dyads = {(e.trigger, e.source_key, e.target_key) for e in events if doc[e.trigger].pos_ == "VERB"}
    return [e for e in events if doc[e.trigger].pos_ == "VERB" or
            (doc[e.trigger].head.i, e.source_key, e.target_key) not in verb_dyads]

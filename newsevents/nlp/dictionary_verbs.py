"""A user verb dictionary's patterns (PETRARCH/Phoenix format, `nlp.dictionaries`) matched on the dependency parse.

PETRARCH matches a pattern's words against the words before and after the verb in its phrase. Here:
- the verb is a token whose form or lemma is a dictionary verb (a multiword verb's other words must follow it
  directly or be its particles: "broke down");
- the words after `*` are looked for, in order, among the verb's own phrase to its right: its subtree without
  conjoined clauses, adverbial clauses, relative clauses or anything after a comma (`_`-joined words must be
  adjacent);
- the words before `*` among the tokens of its clause to its left (subject, auxiliaries, adverbs, negation);
- a word matches a token's form or lemma, or, from five letters on, the start of its form (TABARI's stems:
  "CONTRIBUT"); `&SET` matches any member (members may be phrases or other sets);
- a `+`/`$` after a preposition makes that preposition's object the target/source; before the verb, the
  subject; `%` codes the compound subject's members as acting on each other;
- of the patterns that match, the one with most words wins (the first listed of equals); no pattern: the verb's
  own code.

The result is a `VerbMatch`: the code, the tokens the pattern used (no other trigger is coded from them) and
whether the pattern itself spells out a negation ("didn't clash" as its own code), which the coder's negation
filter then leaves alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsevents.nlp.dictionaries import NO_EVENT, Atom, VerbEntry, VerbPattern
from newsevents.nlp.resources import Resources

#: Dependencies whose subtrees are not part of a verb's phrase for its pattern words.
OUTSIDE_PHRASE = frozenset({"conj", "cc", "advcl", "relcl", "parataxis", "punct", "mark", "appos", "npadvmod"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
MIN_STEM = 5


@dataclass(frozen=True)
class VerbMatch:
    """What a user verb dictionary says about one verb token."""

    entry: VerbEntry
    pattern: VerbPattern | None
    code: str | None              # None: no event
    reverse_code: str | None
    tokens: frozenset[int]        # tokens the pattern's words matched
    covers_negation: bool
    target_prep: str | None       # the target is this preposition's object ("" = the subject)
    source_prep: str | None       # the source is this preposition's object
    reciprocal: bool


def _word_matches(word: str, tok: Token) -> bool:
    low = tok.lower_
    return low == word or tok.lemma_.lower() == word or (len(word) >= MIN_STEM and low.startswith(word))


def phrase_after(tok: Token) -> list[Token]:
    """The verb's phrase to its right: its subtree without clauses of their own, up to the first comma."""
    out: list[Token] = []
    stack = [c for c in tok.children if c.i > tok.i and c.dep_ not in OUTSIDE_PHRASE]
    while stack:
        node = stack.pop()
        out.append(node)
        stack += [c for c in node.children if c.dep_ not in OUTSIDE_PHRASE]
    comma = next((t.i for t in tok.doc[tok.i + 1:tok.sent.end] if t.text in (",", ";", ":")), tok.sent.end)
    return sorted((t for t in out if t.i < comma), key=lambda t: t.i)


def _phrase_before(tok: Token) -> list[Token]:
    """The tokens of the verb's clause to its left (its subject, auxiliaries, adverbs), and those of the verbs it
    is the complement of ("is about to restore")."""
    nodes = [tok]
    node = tok
    while node.dep_ in ("xcomp", "ccomp", "aux") and node.head.i != node.i:
        node = node.head
        nodes.append(node)
    out = {t.i for n in nodes for c in n.children if c.i < tok.i and c.dep_ not in ("punct", "cc", "mark")
           for t in c.subtree if t.i < tok.i}
    out |= {n.i for n in nodes if n.i < tok.i}
    return [tok.doc[i] for i in sorted(out)]


def _members(name: str, res: Resources, depth: int = 0) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for member in res.verb_synsets.get(name, []):
        if len(member) == 1 and member[0].startswith("&") and depth < 3:
            out += _members(member[0][1:].upper(), res, depth + 1)
        else:
            out.append(member)
    return out


class _Matcher:
    """Backtracking match of a pattern's atoms over a window of tokens, in order."""

    def __init__(self, window: list[Token], res: Resources):
        self.window = window
        self.res = res
        self.position = {t.i: k for k, t in enumerate(window)}

    def match(self, atoms: tuple[Atom, ...], start: int = 0, last: int | None = None) -> list[tuple] | None:
        """[(atom, first token, last token)] for every word/synset/slot atom, or None when the atoms do not fit."""
        if not atoms:
            return []
        atom, rest = atoms[0], atoms[1:]
        if atom.kind in ("skip", "compound", "verb"):
            return self.match(rest, start, last)
        if atom.kind in ("target", "source"):
            tail = self.match(rest, start, last)
            return None if tail is None else [(atom, last, last), *tail]
        for k in self._starts(atom, start, last):
            for end in self._ends(atom, k):
                tail = self.match(rest, end + 1, self.window[end].i)
                if tail is not None:
                    return [(atom, self.window[k].i, self.window[end].i), *tail]
        return None

    def _starts(self, atom: Atom, start: int, last: int | None) -> list[int]:
        if atom.joined and last is not None:
            nxt = self.position.get(last + 1)
            return [nxt] if nxt is not None and nxt >= start else []
        return list(range(start, len(self.window)))

    def _ends(self, atom: Atom, k: int) -> list[int]:
        """Window positions where an atom starting at position k can end."""
        sequences = [(atom.text,)] if atom.kind == "word" else _members(atom.text, self.res)
        ends = []
        for words in sequences:
            end = k
            for n, word in enumerate(words):
                pos = k + n
                if pos >= len(self.window) or (n and self.window[pos].i != self.window[pos - 1].i + 1) or \
                        not _word_matches(word, self.window[pos]):
                    break
                end = pos
            else:
                ends.append(end)
        return ends


def _slots(matched: list[tuple], tok: Token, before: bool) -> tuple[str | None, str | None]:
    """(target_prep, source_prep) the slots of one side of a pattern name."""
    target = source = None
    doc = tok.doc
    for atom, _, last in matched:
        if atom.kind not in ("target", "source"):
            continue
        prev = doc[last] if last is not None else None
        prep = "" if before and (prev is None or prev.dep_ != "prep") else (
            prev.lower_ if prev is not None and prev.dep_ in ("prep", "agent", "dative") else None)
        if atom.kind == "target":
            target = prep
        else:
            source = prep
    return target, source


def _match_pattern(pattern: VerbPattern, tok: Token, res: Resources) -> tuple[list, list] | None:
    before = _Matcher(_phrase_before(tok), res).match(pattern.before)
    if before is None:
        return None
    after = _Matcher(phrase_after(tok), res).match(pattern.after)
    return None if after is None else (before, after)


def _verb_entries(tok: Token, res: Resources) -> list[VerbEntry]:
    """Dictionary verbs this token is, multiword verbs ("break down") first."""
    found = res.verbs.get(tok.lower_, []) + res.verbs.get(tok.lemma_.lower(), [])
    doc = tok.doc
    out = []
    for entry in dict.fromkeys(found):
        if len(entry.words) > 1:
            following = entry.words[entry.head + 1:]
            particles = {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod", "prep")}
            adjacent = [t.lower_ for t in doc[tok.i + 1:tok.i + 1 + len(following)]]
            preceding = [t.lower_ for t in doc[max(0, tok.i - entry.head):tok.i]]
            if preceding != list(entry.words[:entry.head]) or not (
                    adjacent == list(following) or set(following) <= particles):
                continue
        out.append(entry)
    return sorted(out, key=lambda e: -len(e.words))


def match_verb(tok: Token, res: Resources) -> VerbMatch | None:
    """The user verb dictionary's reading of a verb token, or None when the token is no dictionary verb."""
    if not res.verbs or tok.pos_ not in ("VERB", "AUX"):
        return None
    entries = _verb_entries(tok, res)
    if not entries:
        return None
    entry = entries[0]
    best = None
    for pattern in entry.patterns:
        if best is not None and pattern.words <= best[0].words:
            continue
        found = _match_pattern(pattern, tok, res)
        if found is not None:
            best = (pattern, *found)
    if best is None:
        code = None if entry.code in (None, NO_EVENT) else entry.code
        return VerbMatch(entry, None, code, entry.reverse_code, frozenset(), False, None, None, False)
    pattern, before, after = best
    tokens = frozenset(i for _, first, last in (*before, *after) if first is not None
                       for i in range(first, last + 1))
    target_before, source_before = _slots(before, tok, True)
    target_after, source_after = _slots(after, tok, False)
    code = None if pattern.code == NO_EVENT else pattern.code   # with a `[:B]` reverse code, B alone
    negation = any(tok.doc[i].lower_ in NEGATIONS or tok.doc[i].dep_ == "neg" for i in tokens)
    return VerbMatch(entry, pattern, code, pattern.reverse_code, tokens, negation,
                     target_after if target_after is not None else target_before,
                     source_after if source_after is not None else source_before, pattern.reciprocal)

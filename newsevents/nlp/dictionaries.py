"""PETRARCH/Phoenix-format dictionaries (the format of TABARI, PETRARCH and Phoenix), parsed: text in, entries out.

Pure: no files, no clock. `newsevents.nlp.resources` reads the files named by NEWSEVENTS_DICTIONARIES and merges
the entries over the project's own lookups (user entries win). Four kinds, told apart by their content:

- **actors**: a name line (`GONDOR [GON]`, `_` for a space), `+SYNONYM` lines, and code blocks on the name line
  or on indented lines after it; a block may be date-bounded: `[HOB <950601]`, `[HOBGOV 19950601-19990815]`,
  `[HOBREB >990816]`, `[USAGOVLEG 850103-130201] [USAGOV >130201]` (dates YYYYMMDD, or YYMMDD with 00-29 read as
  20xx). The code of an
  article's date is the first bounded block that holds it, else the unbounded one. `[---]` (or a code of
  no letters) means "no actor" for its period; `FRO/BIL/SAM` is a compound: one name for several actors.
- **agents**: `!PERSON! = MAN, MEN, WOMAN` substitution sets, then `NOUN_PHRASE {PLURALS} [~GOV]` entries
  (`~CODE`: a role appended to the actor's country; `CODE~`: a prefix); `{}` means no plural.
- **discards**: one phrase a line; `+PHRASE` discards the whole story, a bare phrase the sentence.
- **verbs**: `&SYNSET` blocks of `+member` lines, then verb groups: `--- NAME [CODE] ---`, verb lines
  (`RESTORE`, `BAN {BANS BANNED}`, `KLM_NOP_+RST [002]`: `+` marks the verb word of a multiword verb) and pattern
  lines `- words * words [CODE]` (`*` the verb, `_` joins words that must be adjacent, `&SYN` any member of a
  synset, `+`/`$` the target/source slot, `%` a compound actor acting on itself, `^` a skipped phrase; PETRARCH
  2's `{NOUN PHRASE}` and `(PREP PHRASE)` are read as their words); `[A:B]` codes A from source to target and B
  back, `[:B]` only B back; `[---]` codes nothing.

Comments: `#` to the end of a line and `<!-- ... -->` blocks. A malformed entry raises `DictionaryError` naming the
file and line; codes that are not digits (`[+++]`, `[xxy]`, test markers in PETRARCH's own suite) make a
pattern that matches and codes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date


class DictionaryError(ValueError):
    """A malformed dictionary entry; the message starts with `file:line:`."""


# ----------------------------------------------------------------------------- shared text handling
_BLOCK_COMMENT = re.compile(r"<!.*?-->", re.S)   # also the malformed "<! -- ... -->" of PETRARCH's own files


def _lines(text: str) -> list[tuple[int, str, bool]]:
    """(line number, text without comments, indented?) of every non-empty line."""
    def blank(match: re.Match) -> str:
        return "\n" * match.group(0).count("\n")   # keep line numbers

    out = []
    for number, raw in enumerate(_BLOCK_COMMENT.sub(blank, text).splitlines(), start=1):
        line = _strip_comment(raw).rstrip()
        if line.strip():
            out.append((number, line.strip(), raw[:1] in (" ", "\t")))
    return out


def _strip_comment(line: str) -> str:
    """The line up to its first '#' outside brackets ("[###]" is a code, not a comment)."""
    depth = 0
    for i, ch in enumerate(line):
        depth += (ch == "[") - (ch == "]")
        if ch == "#" and depth <= 0:
            return line[:i]
    return line


def phrase(words: str) -> str:
    """A dictionary phrase as text: `_` for spaces, one space between words, lower case ("MINAS_TIRITH" ->
    "minas tirith")."""
    return " ".join(words.replace("_", " ").split()).lower()


def _fail(source: str, line: int, problem: str) -> DictionaryError:
    return DictionaryError(f"{source}:{line}: {problem}")


# ----------------------------------------------------------------------------- actors
@dataclass(frozen=True)
class DatedCode:
    """One code block of an actor: its code (None = no actor) and the dates it holds for (inclusive, None =
    open)."""

    code: str | None
    start: date | None = None
    end: date | None = None
    #: the other actors of a compound code (`[FRO/BIL/SAM]`: "BIL", "SAM")
    also: tuple[str, ...] = ()

    @property
    def bounded(self) -> bool:
        return self.start is not None or self.end is not None

    def holds(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class ActorEntry:
    """One actor: its names (lower case, first = the entry's own) and code blocks, and where it was defined."""

    names: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    where: str

    def block_on(self, day: date | None) -> DatedCode | None:
        """The code block for an article of `day`: the first bounded block that holds it, else the unbounded one
        (None: no actor then). Without a date, the unbounded block, else the last block listed."""
        if day is not None:
            for block in self.codes:
                if block.bounded and block.holds(day):
                    return block
        plain = [b for b in self.codes if not b.bounded]
        if plain:
            return plain[0]
        return self.codes[-1] if day is None and self.codes else None

    def code_on(self, day: date | None) -> str | None:
        block = self.block_on(day)
        return block.code if block is not None else None

    def codes_on(self, day: date | None) -> tuple[str, ...]:
        """Every actor code for `day`: one, or the members of a compound code; () for no actor."""
        block = self.block_on(day)
        return (block.code, *block.also) if block is not None and block.code is not None else ()

    @property
    def is_dated(self) -> bool:
        return any(b.bounded for b in self.codes)


_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_DATE = re.compile(r"\d{6}|\d{8}")


def _parse_date(value: str, source: str, line: int) -> date:
    if not _DATE.fullmatch(value):
        raise _fail(source, line, f"bad date {value!r} (YYMMDD or YYYYMMDD)")
    if len(value) == 6:
        year = int(value[:2])
        value = f"{2000 + year if year < 30 else 1900 + year}{value[2:]}"   # TABARI: 00-29 are 20xx
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise _fail(source, line, f"bad date {value!r}") from None


def _actor_codes(raw: str, source: str, line: int) -> tuple[str | None, tuple[str, ...]]:
    """(code, the other members of a compound code) of one block's code; (None, ()) for no actor."""
    codes = [c.strip().upper() for c in raw.split("/")]
    if codes[0].startswith("---") or not re.search(r"[A-Z]", codes[0]):
        return None, ()   # "---", "+++", "###": no actor
    for code in codes:
        if not re.fullmatch(r"[A-Z0-9]{2,15}", code):
            raise _fail(source, line, f"bad actor code {raw!r}")
    return codes[0], tuple(codes[1:])


def parse_code_block(block: str, source: str, line: int) -> DatedCode:
    """`HOB`, `HOB <950601`, `HOBREB >990816`, `HOBGOV 19950601 - 19990815` -> a DatedCode."""
    text = block.strip()
    match = re.fullmatch(r"(\S+?)\s*(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))?", text)
    if not text or match is None:
        raise _fail(source, line, f"bad code block [{block}] (CODE, CODE <DATE, CODE >DATE or CODE DATE-DATE)")
    code, also = _actor_codes(match.group(1), source, line)
    if match.group(2) == "<":
        return DatedCode(code, end=_day_before(_parse_date(match.group(3), source, line)), also=also)
    if match.group(2) == ">":
        return DatedCode(code, start=_day_after(_parse_date(match.group(3), source, line)), also=also)
    if match.group(4):
        start, end = _parse_date(match.group(4), source, line), _parse_date(match.group(5), source, line)
        if end < start:
            raise _fail(source, line, f"date range ends before it starts: [{block}]")
        return DatedCode(code, start=start, end=end, also=also)
    return DatedCode(code, also=also)


def _day_before(day: date) -> date:
    return date.fromordinal(day.toordinal() - 1)


def _day_after(day: date) -> date:
    return date.fromordinal(day.toordinal() + 1)


def _code_blocks(line: str, source: str, number: int) -> tuple[str, list[DatedCode]]:
    """(the text outside brackets, the code blocks) of one line; an unclosed bracket is an error."""
    head = _CODE_BLOCK.sub(" ", line)
    if "[" in head or "]" in head:
        raise _fail(source, number, f"unbalanced brackets in {line!r}")
    return " ".join(head.split()), [parse_code_block(m.group(1), source, number)
                                    for m in _CODE_BLOCK.finditer(line)]


def parse_actors(text: str, source: str = "<actors>") -> list[ActorEntry]:
    """Every actor entry of an actor dictionary (entries without any code block are dropped)."""
    entries: list[tuple[list[str], list[DatedCode], int]] = []
    for number, line, indented in _lines(text):
        head, codes = _code_blocks(line, source, number)
        if head.startswith("+"):
            if not entries:
                raise _fail(source, number, f"synonym {head!r} before any actor")
            name = phrase(head[1:])
            if not name:
                raise _fail(source, number, "empty synonym")
            entries[-1][0].append(name)
            entries[-1][1].extend(codes)
        elif head:
            if indented and not codes and entries:
                raise _fail(source, number, f"indented line {head!r} is neither a synonym nor a code block")
            entries.append(([phrase(head)], codes, number))
        elif entries:
            entries[-1][1].extend(codes)
        else:
            raise _fail(source, number, "code block before any actor")
    return [ActorEntry(names=tuple(dict.fromkeys(names)), codes=tuple(codes), where=f"{source}:{number}")
            for names, codes, number in entries if codes]


# ----------------------------------------------------------------------------- agents
@dataclass(frozen=True)
class AgentEntry:
    """One agent noun phrase (lower case) and its role code; `prefix` when the role goes before the country
    (`[NGO~]`); `plural` when the form is a plural (a group noun)."""

    term: str
    role: str
    prefix: bool
    plural: bool
    where: str


def _plural(word: str) -> str:
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def _expand_substitutions(term: str, subs: dict[str, list[str]], source: str, line: int) -> list[str]:
    match = re.search(r"!([A-Z0-9]+)!", term)
    if match is None:
        return [term]
    if match.group(1) not in subs:
        raise _fail(source, line, f"unknown substitution set !{match.group(1)}!")
    return [t for word in subs[match.group(1)]
            for t in _expand_substitutions(term[:match.start()] + word + term[match.end():], subs, source, line)]


def _agent_role(block: str, source: str, line: int) -> tuple[str, bool]:
    code = block.replace(" ", "").upper()
    if not re.fullmatch(r"~[A-Z0-9]{2,12}|[A-Z0-9]{2,12}~", code):
        raise _fail(source, line, f"bad agent code [{block}] (~CODE or CODE~)")
    return code.strip("~"), code.endswith("~")


def parse_agents(text: str, source: str = "<agents>") -> list[AgentEntry]:
    """Every agent form of an agent dictionary: each phrase and its plurals (`{}`: none; `{A B}`: those; else the
    regular plural of its last word), with `!SET!` substitutions expanded."""
    subs: dict[str, list[str]] = {}
    out: list[AgentEntry] = []
    for number, line, _ in _lines(text):
        if re.match(r"!\w+!\s*=", line):
            name, members = line.split("=", 1)
            subs[name.strip().strip("!")] = [m.strip() for m in members.split(",") if m.strip()]
            continue
        match = re.fullmatch(r"([^{\[]+?)\s*(?:\{([^}]*)\})?\s*\[([^\]]*)\]", line)
        if match is None:
            raise _fail(source, number, f"bad agent entry {line!r} (NOUN_PHRASE {{PLURALS}} [~CODE])")
        role, prefix = _agent_role(match.group(3), source, number)
        where = f"{source}:{number}"
        substituted = "!" in match.group(1)   # the set lists its own plurals ("MAN, MEN")
        for term in _expand_substitutions(match.group(1).strip(), subs, source, number):
            singular = phrase(term)
            out.append(AgentEntry(singular, role, prefix, False, where))
            if substituted:
                continue
            if match.group(2) is None:
                words = singular.split()
                plurals = [" ".join([*words[:-1], _plural(words[-1])])] if not singular.endswith("s") else []
            else:
                plurals = [phrase(p) for p in match.group(2).split()]
            out += [AgentEntry(p, role, prefix, True, where) for p in plurals if p != singular]
    return out


# ----------------------------------------------------------------------------- discards
@dataclass(frozen=True)
class DiscardEntry:
    phrase: str            # lower case
    whole_story: bool      # `+`: the article codes no events; else only the sentence holding it
    where: str


def parse_discards(text: str, source: str = "<discards>") -> list[DiscardEntry]:
    out = []
    for number, line, _ in _lines(text):
        story = line.startswith("+")
        term = phrase(line[1:] if story else line)
        if not term or "[" in line:
            raise _fail(source, number, f"bad discard entry {line!r} (PHRASE or +PHRASE)")
        out.append(DiscardEntry(term, story, f"{source}:{number}"))
    return out


# ----------------------------------------------------------------------------- verbs
@dataclass(frozen=True)
class Atom:
    """One element of a pattern: kind 'word' (text), 'synset' (text = its name), 'target' (+), 'source' ($),
    'compound' (%), 'skip' (^); `joined` when it must follow the previous atom directly (`_`)."""

    kind: str
    text: str = ""
    joined: bool = False


@dataclass(frozen=True)
class VerbPattern:
    """One pattern of a verb group: the atoms before and after the verb, its codes and where it stands.
    `code` NO_EVENT: the pattern codes nothing; `reverse_code`: the code from target back to source (`[A:B]`)."""

    before: tuple[Atom, ...]
    after: tuple[Atom, ...]
    code: str | None
    reverse_code: str | None
    where: str

    @property
    def words(self) -> int:
        return sum(a.kind in ("word", "synset") for a in (*self.before, *self.after))

    @property
    def reciprocal(self) -> bool:
        return any(a.kind == "compound" for a in (*self.before, *self.after))


@dataclass(frozen=True)
class VerbEntry:
    """One verb: its word (lower case; `words` for a multiword verb, `head` the index of the verb word in it),
    its extra forms, its own default code (NO_EVENT or None: none) and the patterns of its group."""

    word: str
    forms: tuple[str, ...]
    words: tuple[str, ...]
    head: int
    code: str | None
    reverse_code: str | None
    patterns: tuple[VerbPattern, ...]
    where: str


@dataclass
class VerbDictionary:
    verbs: list[VerbEntry] = field(default_factory=list)
    synsets: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)   # name -> member word sequences


#: The code of a pattern or verb that codes nothing (`[---]`).
NO_EVENT = "---"


def _event_codes(block: str, source: str, line: int) -> tuple[str | None, str | None]:
    """`064` -> ("064", None); `031:032` -> both; `:173` -> (NO_EVENT, "173"): only the code back; `---` ->
    (NO_EVENT, None): codes nothing; a code that is no number (`+++`, `xxy`, `174K`: markers of PETRARCH's own
    tests) -> (None, None): no code of its own."""
    parts = [p.strip() for p in block.split(":")]
    if not parts or len(parts) > 2 or not parts[-1] or (len(parts) == 1 and not parts[0]):
        raise _fail(source, line, f"bad event code [{block}]")
    parts[0] = parts[0] or NO_EVENT
    codes = [p if re.fullmatch(r"\d{2,4}", p) else NO_EVENT if p == NO_EVENT else None for p in parts]
    return codes[0], (codes[1] if len(codes) > 1 and codes[1] != NO_EVENT else None)


_SLOTS = {"+": "target", "$": "source", "%": "compound", "^": "skip"}


def _atoms(text: str) -> list[Atom]:
    """The atoms of a pattern; PETRARCH 2's noun phrases `{AIR STRIKE}` and prepositional phrases `(FOR AID)` are
    read as their words in order (the verb's phrase is where they are looked for)."""
    atoms: list[Atom] = []
    for group in re.sub(r"[{}()]", " ", text).split():
        pieces = [p for p in group.split("_")]
        joined = False
        for piece in pieces:
            if piece == "":
                joined = True   # "IN_ *": the next element follows directly
                continue
            for part in re.findall(r"[+$%^*]|[^+$%^*]+", piece):
                if part == "*":
                    atoms.append(Atom("verb", "*", joined))
                elif part in _SLOTS:
                    atoms.append(Atom(_SLOTS[part], part, joined))
                elif part.startswith("&"):
                    atoms.append(Atom("synset", part[1:].upper(), joined))
                else:
                    atoms.append(Atom("word", part.lower(), joined))
            joined = True
    return atoms


def parse_pattern(body: str, code_block: str, source: str, line: int) -> VerbPattern:
    atoms = _atoms(body)
    verbs = [i for i, a in enumerate(atoms) if a.kind == "verb"]
    if len(verbs) != 1:
        raise _fail(source, line, f"a pattern needs exactly one '*' (the verb): {body!r}")
    code, reverse = _event_codes(code_block, source, line)
    return VerbPattern(before=tuple(atoms[:verbs[0]]), after=tuple(atoms[verbs[0] + 1:]), code=code,
                       reverse_code=reverse, where=f"{source}:{line}")


def _verb_words(head: str) -> tuple[str, tuple[str, ...], int]:
    """("rst", ("klm", "nop", "rst"), 2) for `KLM_NOP_+RST`; a verb without `+` has its first word as verb."""
    words = [w for w in head.replace(" ", "_").split("_") if w]
    index = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    words = [w.lstrip("+").lower() for w in words]
    return words[index], tuple(words), index


class _Group:
    def __init__(self, code: str | None, reverse: str | None):
        self.code, self.reverse = code, reverse
        self.verbs: list[tuple[str, tuple[str, ...], tuple[str, ...], int, str | None, str | None, str]] = []
        self.patterns: list[VerbPattern] = []


def _verb_line(group: _Group, line: str, source: str, number: int) -> None:
    match = re.fullmatch(r"\+?([^{\[]+?)\s*(?:\{([^}]*)\})?\s*(?:\[([^\]]*)\])?", line)
    if match is None:
        raise _fail(source, number, f"bad verb line {line!r} (VERB {{FORMS}} [CODE])")
    word, words, head = _verb_words(match.group(1))
    forms = tuple(phrase(f.lstrip("+")) for f in (match.group(2) or "").split())
    code, reverse = _event_codes(match.group(3), source, number) if match.group(3) else (group.code, group.reverse)
    group.verbs.append((word, forms, words, head, code, reverse, f"{source}:{number}"))


def parse_verbs(text: str, source: str = "<verbs>") -> VerbDictionary:
    """Synsets and verb groups of a verb dictionary; every verb of a group shares the group's patterns."""
    out = VerbDictionary()
    groups: list[_Group] = []
    group: _Group | None = None
    synset: str | None = None
    for number, line, _ in _lines(text):
        header = re.fullmatch(r"---\s+(.*?)\s*(?:---)?", line)   # the closing --- may sit behind a comment
        if header:
            blocks = _CODE_BLOCK.findall(header.group(1))
            if not blocks:
                raise _fail(source, number, f"verb group header without a code: {line!r}")
            group, synset = _Group(*_event_codes(blocks[0], source, number)), None
            groups.append(group)
        elif line.startswith("&"):
            synset, group = line[1:].strip().rstrip("_").upper(), None
            out.synsets[synset] = []
        elif line.startswith("+") and synset is not None:
            out.synsets[synset].append(tuple(w.lower() for w in line[1:].replace("_", " ").split()))
        elif line.startswith("-"):
            if group is None:
                raise _fail(source, number, f"pattern outside a verb group: {line!r}")
            match = re.fullmatch(r"-\s*(.*?)\s*\[([^\]]*)\]", line)
            if match is None:
                raise _fail(source, number, f"pattern without a [CODE]: {line!r}")
            pattern = parse_pattern(match.group(1), match.group(2), source, number)
            if pattern.code is not None:   # a pattern whose code is no number is passed over
                group.patterns.append(pattern)
        elif group is not None:
            _verb_line(group, line, source, number)
        else:
            raise _fail(source, number, f"line outside a synset or verb group: {line!r}")
    for g in groups:
        out.verbs += [VerbEntry(word=word, forms=forms, words=words, head=head, code=code, reverse_code=reverse,
                                patterns=tuple(g.patterns), where=where)
                      for word, forms, words, head, code, reverse, where in g.verbs]
    return out

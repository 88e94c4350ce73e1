"""Reading PETRARCH's actor dictionary format (names, synonyms, dated code blocks) far enough to add its actors to a
copy of our resources."""

from __future__ import annotations

import dataclasses
import re

from newsevents.nlp.resources import OrgEntry

_CODE_RE = re.compile(r"\[([^\]]*)\]")


def _strip_dictionary_comments(text: str) -> str:
    text = re.sub(r"<!.*?-->", "", text, flags=re.S)   # <!-- ... --> blocks (also the malformed "<! --")
    return "\n".join(line.split("#", 1)[0].rstrip() for line in text.splitlines())


def parse_petrarch_actors(text: str) -> dict[str, str]:
    """PETRARCH/TABARI actor dictionary -> {name: code}.

    Format: an entry line ``NAME [CODE]`` or a bare ``NAME`` whose code lines (``[CODE]``, ``[CODE <date]``,
    ``[CODE 19950601-19990815]``) follow, indented; ``+SYNONYM`` lines add names to the current entry; ``#`` starts
    a comment; ``<!-- -->`` blocks are comments. Underscores in names stand for spaces (a trailing underscore
    means "whole word only"). Of several codes the undated default wins, else the first listed; of a compound
    code (``FRO/BIL/SAM``) the first actor. Entries without a real code (``---``, ``+++``, ``###``) are dropped.
    Names are returned with spaces, upper case as written; codes upper case.
    """
    entries: list[tuple[list[str], list[tuple[str, bool]]]] = []
    current: tuple[list[str], list[tuple[str, bool]]] | None = None
    for raw in _strip_dictionary_comments(text).splitlines():
        line = raw.strip()
        if not line:
            continue
        codes = [(m.group(1).strip(), True) for m in _CODE_RE.finditer(line)]
        head = _CODE_RE.sub("", line).strip()
        if line.startswith("+"):
            if current is not None:
                current[0].append(head[1:])
            continue
        if head:
            current = ([head], [])
            entries.append(current)
        if current is not None:
            current[1].extend(codes)
    out: dict[str, str] = {}
    for names, codes in entries:
        code = _pick_code([c for c, _ in codes])
        if code is None:
            continue
        for name in names:
            clean = " ".join(name.replace("_", " ").split())
            if clean:
                out.setdefault(clean, code)
    return out


def _pick_code(blocks: list[str]) -> str | None:
    parsed = []
    for block in blocks:
        parts = block.split(None, 1)
        if not parts:
            continue
        code = parts[0].split("/")[0].upper()
        dated = len(parts) > 1 or any(ch in parts[0] for ch in "<>")
        code = re.sub(r"[<>].*", "", code)
        if re.fullmatch(r"[A-Z0-9]{3,}", code):
            parsed.append((code, dated))
    if not parsed:
        return None
    undated = [c for c, dated in parsed if not dated]
    return undated[0] if undated else parsed[0][0]


_SMALL_WORDS = {"of", "the", "and", "for", "de", "al"}


def name_variants(name: str) -> list[str]:
    """Surface forms of an upper-case dictionary name: as written and in title case ("MINAS TIRITH" ->
    "Minas Tirith", "AL-QAEDA" -> "Al-Qaeda", "THE SHIRE" -> "The Shire", "the Shire")."""
    def cap(word: str, first: bool) -> str:
        if not first and word.lower() in _SMALL_WORDS:
            return word.lower()
        if "." in word:
            return word   # initials and abbreviations: "U.N.", "W."
        return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))

    words = name.split()
    titled = " ".join(cap(w, i == 0) for i, w in enumerate(words))
    variants = [name, titled]
    if words and words[0].upper() == "THE" and len(words) > 1:
        variants.append("the " + titled.split(" ", 1)[1])
    return list(dict.fromkeys(v for v in variants if len(v) > 1))


def extend_resources(resources, actors: dict[str, str]):
    """A copy of `resources` that also knows the dictionary's actors (the original is left untouched).

    Every name becomes an organisation entry (actor type COUNTRY for a 3-letter code, else GROUP; country =
    first 3 letters, cameo = the code); 3-letter codes are also country names. Surface forms that the project
    already knows as demonyms ("French", "Danish") are left to the demonym logic.
    """

    extended = dataclasses.replace(resources, orgs=dict(resources.orgs), countries=dict(resources.countries))
    for name, code in actors.items():
        variants = name_variants(name)
        canonical = variants[1] if len(variants) > 1 else variants[0]
        kind = "COUNTRY" if len(code) == 3 else "GROUP"
        for alias in variants:
            if alias in resources.demonyms:
                continue
            extended.orgs[alias] = OrgEntry(canonical_name=canonical, actor_type=kind, country_code=code[:3],
                                            cameo_code=code)
            if len(code) == 3:
                extended.countries[alias] = code
    return extended

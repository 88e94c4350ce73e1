"""Normalising the gold sets' codes to ours: ISO3 countries (with legacy CAMEO codes), CAMEO roots, PLOVER 0.5 -> 0.8
types, and the leftover pairs behind the confusion tallies."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from newsevents.core.codes import iso3_country_codes

#: PLOVER 0.5b1 categories that PLOVER 0.8 (the version our CAMEO->PLOVER table follows) merged or renamed:
#: DISAPPROVE and INVESTIGATE became modes of ACCUSE (CAMEO 09x/11x -> ACCUSE in CAMEO2PLOVER-2021), DEMAND was
#: renamed REQUEST (CAMEO 10x), FIGHT (conventional military force, CAMEO 19x) became part of ASSAULT.
PLOVER_05_TO_08 = {"DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "DEMAND": "REQUEST", "FIGHT": "ASSAULT"}


#: Non-ISO country codes used by the gold coders (old CAMEO/TABARI codes), checked against the gold actorText.
LEGACY_COUNTRY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


_ISO3 = frozenset(iso3_country_codes())


def is_iso3(code: str) -> bool:
    return code.upper() in _ISO3


def normalise_country(code: str | None) -> str:
    """The 'country' of a gold or predicted actor code, for dyad comparison.

    ISO alpha-3 prefix -> those 3 letters (USA, IRQMUS -> IRQ, NGAREB -> NGA); a code starting with "---"
    (CAMEO's unknown country, e.g. ---GOV) -> "" (what a null country compares as); IGO codes (IGOUNO, IGOUNOMIL,
    PLOVER's bare IGO) -> "IGO"; a few legacy gold codes (JAP, ITL, VTN) -> their ISO code; anything else (ethnic
    ISO-639 codes, non-state codes such as IMGMOSALQ) stays the full upper-case code.
    """
    code = (code or "").strip().strip('"').upper()
    if not code or code.startswith("---"):
        return ""
    if code[:3] in LEGACY_COUNTRY_CODES and not is_iso3(code[:3]):
        return LEGACY_COUNTRY_CODES[code[:3]]
    if is_iso3(code[:3]):
        return code[:3]
    if code.startswith("IGO"):
        return "IGO"
    return code


#: Prefixes of the country-less actor codes that compare by their full code, as the gold codes do (IMGMUSISI,
#: NGOHRIAMN); IGOs compare as "IGO".
NON_STATE_PREFIXES = ("IGO", "IMG", "NGO", "NGM")


def predicted_country(country_code: str | None, cameo_code: str | None) -> str:
    """Our actor's country for comparison: its ISO country; an IGO (no country) compares as "IGO", another
    non-state code (IMG, NGO, NGM) as itself, as `normalise_country` reads a gold code; else ""."""
    if country_code:
        return normalise_country(country_code)
    if cameo_code and cameo_code.upper().startswith(NON_STATE_PREFIXES):
        return normalise_country(cameo_code)
    return ""


def root_code(code: str) -> str:
    """CAMEO root: the first two digits ('0352' -> '03', '190' -> '19')."""
    return code[:2]


def plover_type_08(event_type: str) -> str:
    """A gold PLOVER 0.5b1 type in PLOVER 0.8 terms (our 16 categories)."""
    event_type = (event_type or "").strip().upper()
    return PLOVER_05_TO_08.get(event_type, event_type)


def leftover_pairs(gold: list[str], predicted: list[str], *, key: Callable[[str], str] = root_code
                   ) -> list[tuple[str, str]]:
    """Unmatched labels of one item as (gold, predicted) confusion pairs; '-' means none.

    Leftover gold labels are paired first with a leftover prediction of the same `key` (CAMEO root), then with
    any leftover prediction in order; what remains is a miss (gold, '-') or a spurious prediction ('-', pred).
    """
    g, p = Counter(gold), Counter(predicted)
    common = g & p
    g_left = sorted((g - common).elements())
    p_left = sorted((p - common).elements())
    pairs: list[tuple[str, str]] = []
    for label in list(g_left):
        same = next((x for x in p_left if key(x) == key(label)), None)
        if same is not None:
            pairs.append((label, same))
            p_left.remove(same)
            g_left.remove(label)
    for label in g_left:
        pairs.append((label, p_left.pop(0) if p_left else "-"))
    pairs += [("-", x) for x in p_left]
    return pairs

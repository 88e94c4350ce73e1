"""Consistency checks for the actor-coding reference data in newsevents/data/.

Covers country_aliases.csv, demonyms.csv, capitals.csv, organizations.csv,
roles.csv, known_actors.csv and office_holders.csv.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

DATA = Path(__file__).resolve().parents[2] / "newsevents" / "data"

# Codes used in the data that are not ISO 3166-1 alpha-3 but are in common use.
# XKX: Kosovo, user-assigned code (EU / IMF / World Bank usage).
USER_ASSIGNED_ISO3 = {"XKX"}

# CAMEO role (sector) codes: primary, secondary and tertiary role codes plus PTY,
# and the generic NGO/IGO codes used for "aid workers" and the like.
ALLOWED_ROLE_CODES = {
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "INS", "SEP", "UAF",
    "MED", "EDU", "BUS", "CRM", "CVL", "LAB", "LEG", "HLH", "REF", "AGR", "ENV",
    "DEV", "ELI", "HRI", "MOD", "RAD", "IGO", "NGO",
}
# Prefixes of CAMEO codes for international / transnational actors.
INTERNATIONAL_PREFIXES = ("IGO", "NGO", "NGM", "IMG", "MNC", "INT", "UIS")
ACTOR_TYPES_ORG = {"IGO", "ORGANIZATION", "GROUP"}
CAMEO_RE = re.compile(r"^[A-Z]{3,9}$")
FILES = {
    "country_aliases.csv": ["iso3", "alias"],
    "demonyms.csv": ["iso3", "demonym"],
    "capitals.csv": ["iso3", "capital"],
    "organizations.csv": ["alias", "canonical_name", "actor_type", "country_code", "cameo_code"],
    "roles.csv": ["term", "role_code", "kind"],
    "known_actors.csv": [
        "name", "aliases", "actor_type", "country_code", "cameo_code", "valid_from", "valid_to",
    ],
    "given_names.csv": ["name", "gender"],
    "given_names_intl.csv": ["name", "gender", "note"],
    "us_states.csv": ["state", "postal_code", "abbreviation", "note"],
    "office_holders.csv": [
        "name", "aliases", "country_code", "cameo_code", "office", "start_date", "end_date", "wikidata_id",
        "source",
    ],
}


def read(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def is_valid_iso3(code: str) -> bool:
    if code in USER_ASSIGNED_ISO3:
        return True
    return pycountry.countries.get(alpha_3=code) is not None


def actor_names(row: dict[str, str]) -> list[str]:
    return [row["name"]] + [a for a in row["aliases"].split("|") if a]


@pytest.fixture(scope="module")
def countries() -> dict[str, list[dict[str, str]]]:
    return {
        "country_aliases.csv": read("country_aliases.csv"),
        "demonyms.csv": read("demonyms.csv"),
        "capitals.csv": read("capitals.csv"),
    }


@pytest.fixture(scope="module")
def orgs() -> list[dict[str, str]]:
    return read("organizations.csv")


@pytest.fixture(scope="module")
def roles() -> list[dict[str, str]]:
    return read("roles.csv")


@pytest.fixture(scope="module")
def actors() -> list[dict[str, str]]:
    return read("known_actors.csv")


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize("name,header", sorted(FILES.items()))
def test_file_header_and_utf8(name: str, header: list[str]) -> None:
    raw = (DATA / name).read_bytes()
    raw.decode("utf-8")  # raises on bad encoding
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{name} has a BOM"
    with open(DATA / name, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == header
    for i, row in enumerate(rows[1:], start=2):
        assert len(row) == len(header), f"{name}:{i} has {len(row)} fields"
        assert all(cell == cell.strip() for cell in row), f"{name}:{i} has padded cells"


def test_minimum_sizes(countries, orgs, roles, actors) -> None:
    assert len({r["iso3"] for r in countries["country_aliases.csv"]}) >= 193
    assert len(countries["demonyms.csv"]) >= 150
    assert len({r["iso3"] for r in countries["capitals.csv"]}) >= 120
    assert len(orgs) >= 80
    assert len(actors) >= 80


# --------------------------------------------------------------------------- country codes


def test_every_iso3_is_valid(countries, orgs, actors) -> None:
    bad = []
    for name, rows in countries.items():
        bad += [(name, r["iso3"]) for r in rows if not is_valid_iso3(r["iso3"])]
    for name, rows in (("organizations.csv", orgs), ("known_actors.csv", actors)):
        bad += [(name, r["country_code"]) for r in rows
                if r["country_code"] and not is_valid_iso3(r["country_code"])]
    assert not bad


def test_all_un_members_have_an_alias(countries) -> None:
    covered = {r["iso3"] for r in countries["country_aliases.csv"]}
    # Spot-check the countries whose pycountry name differs from news usage
    # (the >=193 distinct-code floor is in test_minimum_sizes).
    for iso3 in ("RUS", "USA", "GBR", "PRK", "KOR", "IRN", "SYR", "VEN", "BOL", "TZA",
                 "VNM", "LAO", "MDA", "COD", "COG", "CIV", "TUR", "CZE", "MMR", "FSM"):
        assert iso3 in covered, iso3


def test_no_alias_maps_to_two_countries(countries) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for rows in countries.values():
        for r in rows:
            text = r.get("alias") or r.get("demonym") or r.get("capital")
            assert text, r
            seen[text].add(r["iso3"])
    conflicts = {k: v for k, v in seen.items() if len(v) > 1}
    assert not conflicts


def test_no_duplicate_rows(countries) -> None:
    for name, rows in countries.items():
        keys = [tuple(r.values()) for r in rows]
        assert len(keys) == len(set(keys)), name


# --------------------------------------------------------------------------- organizations


def test_organization_aliases_unique(orgs) -> None:
    codes: dict[str, set[str]] = defaultdict(set)
    for r in orgs:
        codes[r["alias"]].add(r["cameo_code"])
    assert not {k: v for k, v in codes.items() if len(v) > 1}
    aliases = [r["alias"] for r in orgs]
    assert len(aliases) == len(set(aliases))


def test_organization_aliases_do_not_clash_with_countries(countries, orgs) -> None:
    country_text = {}
    for rows in countries.values():
        for r in rows:
            country_text[r.get("alias") or r.get("demonym") or r.get("capital")] = r["iso3"]
    clashes = [r["alias"] for r in orgs
               if r["alias"] in country_text and country_text[r["alias"]] != r["country_code"]]
    assert not clashes


def test_organization_codes(orgs) -> None:
    for r in orgs:
        code = r["cameo_code"]
        assert CAMEO_RE.match(code) and len(code) % 3 == 0, r
        assert r["actor_type"] in ACTOR_TYPES_ORG, r
        assert r["canonical_name"], r
        if r["country_code"]:
            assert code.startswith(r["country_code"]), r
        else:
            assert code.startswith(INTERNATIONAL_PREFIXES), r
        if r["actor_type"] == "IGO":
            assert code.startswith("IGO") and not r["country_code"], r


# --------------------------------------------------------------------------- roles


def test_roles(roles) -> None:
    terms = [r["term"] for r in roles]
    assert len(terms) == len(set(terms)), "duplicate role terms"
    for r in roles:
        assert r["term"] == r["term"].lower(), r
        assert r["kind"] in {"title", "group"}, r
        code = r["role_code"]
        assert code and len(code) % 3 == 0 and len(code) <= 6, r
        chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
        assert all(c in ALLOWED_ROLE_CODES for c in chunks), r


# --------------------------------------------------------------------------- known actors


def _years(r: dict[str, str]) -> tuple[int, int]:
    lo = int(r["valid_from"]) if r["valid_from"] else -10**6
    hi = int(r["valid_to"]) if r["valid_to"] else 10**6
    return lo, hi


def test_known_actor_fields(actors) -> None:
    for r in actors:
        code = r["cameo_code"]
        assert CAMEO_RE.match(code) and len(code) % 3 == 0, r
        assert r["actor_type"] == "PERSON", r
        if r["country_code"]:
            assert code.startswith(r["country_code"]), r
        else:
            assert code.startswith(INTERNATIONAL_PREFIXES), r
        for col in ("valid_from", "valid_to"):
            if r[col]:
                assert re.fullmatch(r"(19|20)\d\d", r[col]), r
        lo, hi = _years(r)
        assert lo <= hi, r
        assert all(a == a.strip() and a for a in r["aliases"].split("|") if r["aliases"]), r


def test_known_actor_aliases_unambiguous(actors) -> None:
    """An alias may map to several rows only if they are the same person in
    periods that touch at most in a hand-over year."""
    by_alias: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in actors:
        for a in set(actor_names(r)):
            by_alias[a].append(r)
    for alias, rows in by_alias.items():
        assert len({r["name"] for r in rows}) == 1, (alias, [r["name"] for r in rows])
        spans = sorted(_years(r) for r in rows)
        for (_lo1, hi1), (lo2, _hi2) in zip(spans, spans[1:]):
            assert lo2 >= hi1, (alias, spans)


def test_known_actor_names_do_not_clash_with_other_files(countries, orgs, actors) -> None:
    other = {r["alias"] for r in orgs}
    for rows in countries.values():
        other |= {r.get("alias") or r.get("demonym") or r.get("capital") for r in rows}
    clashes = {a for r in actors for a in actor_names(r)} & other
    assert not clashes


# --------------------------------------------------------------------------- seed article


def test_seed_article_needs(countries, orgs, roles, actors) -> None:
    demonyms = {r["demonym"]: r["iso3"] for r in countries["demonyms.csv"]}
    for word, iso3 in {"Russian": "RUS", "American": "USA", "Syrian": "SYR", "Italian": "ITA"}.items():
        assert demonyms.get(word) == iso3, word

    capitals = {r["capital"]: r["iso3"] for r in countries["capitals.csv"]}
    assert capitals.get("Moscow") == "RUS"

    org_codes = {r["alias"]: r["cameo_code"] for r in orgs}
    assert org_codes.get("U.N. Security Council") == "IGOUNO"
    assert "Islamic State" in org_codes

    names = {a for r in actors for a in actor_names(r)}
    for person in ("Tillerson", "Putin", "Lavrov", "Assad", "Mnuchin", "Trump",
                   "Mattarella", "Saddam Hussein", "Safronkov"):
        assert person in names, person

    terms = {r["term"] for r in roles}
    for term in ("envoy", "president", "foreign minister", "secretary of state",
                 "officials", "diplomats", "civilians"):
        assert term in terms, term


def test_seed_article_codes(actors) -> None:
    code = {}
    for r in actors:
        for a in actor_names(r):
            code.setdefault(a, set()).add(r["cameo_code"])
    assert code["Tillerson"] == {"USAGOV"}
    assert code["Putin"] == {"RUSGOV"}
    assert code["Lavrov"] == {"RUSGOV"}
    assert code["Assad"] == {"SYRGOV"}
    assert code["Mattarella"] == {"ITAGOV"}
    assert code["Saddam Hussein"] == {"IRQGOV"}
    assert code["Safronkov"] == {"RUSGOV"}


# --------------------------------------------------------------------------- office holders


@pytest.fixture(scope="module")
def holders() -> list[dict[str, str]]:
    return read("office_holders.csv")


def test_office_holder_fields(holders) -> None:
    for r in holders:
        code = r["cameo_code"]
        assert CAMEO_RE.match(code) and len(code) % 3 == 0, r
        if r["country_code"]:
            assert is_valid_iso3(r["country_code"]) and code.startswith(r["country_code"]), r
            assert code[3:6] in ALLOWED_ROLE_CODES, r
        else:
            assert code.startswith(INTERNATIONAL_PREFIXES), r
        assert r["office"] and r["source"], r
        assert not r["wikidata_id"] or re.fullmatch(r"Q[1-9]\d*", r["wikidata_id"]), r
        for col in ("start_date", "end_date"):
            assert not r[col] or re.fullmatch(r"(19|20)\d\d-\d\d-\d\d", r[col]), r
        assert not (r["start_date"] and r["end_date"]) or r["start_date"] <= r["end_date"], r


def test_office_holder_ids_and_aliases_are_one_person(holders, actors, countries, orgs) -> None:
    """A Wikidata id belongs to one name; an alias to one name across both people files, and to no country or
    organisation."""
    by_id: dict[str, set[str]] = defaultdict(set)
    by_alias: dict[str, set[str]] = defaultdict(set)
    for r in holders:
        if r["wikidata_id"]:
            by_id[r["wikidata_id"]].add(r["name"])
    for r in [*holders, *actors]:
        for a in actor_names(r):
            by_alias[a].add(r["name"])
    assert not {i: n for i, n in by_id.items() if len(n) > 1}
    assert not {a: n for a, n in by_alias.items() if len(n) > 1}
    other = {r["alias"] for r in orgs}
    for rows in countries.values():
        other |= {r.get("alias") or r.get("demonym") or r.get("capital") for r in rows}
    assert not {a for r in holders for a in actor_names(r)} & other


def test_office_holders_cover_the_offices_the_issue_names(holders) -> None:
    offices = " ".join(r["office"] for r in holders)
    for office in ("President of the United States", "U.S. Senator", "U.S. Representative", "Governor of",
                   "Secretary-General of the United Nations", "Secretary General of NATO", "European Commission",
                   "IMF", "World Bank", "African Union", "Democratic National Committee", "Foreign Ministry"):
        assert office in offices, office
    assert sum(bool(r["wikidata_id"]) for r in holders) >= 20


def test_given_names_and_states(countries) -> None:
    names = read("given_names.csv")
    assert len(names) >= 300 and {r["gender"] for r in names} == {"m", "f"}
    assert len({r["name"] for r in names}) == len(names)
    places = set()
    for rows in countries.values():
        places |= {r.get("alias") or r.get("demonym") or r.get("capital") for r in rows}
    assert not {r["name"] for r in names} & places
    intl = read("given_names_intl.csv")
    assert len({r["name"] for r in intl}) == len(intl) and {r["gender"] for r in intl} == {"m", "f"}
    assert not {r["name"] for r in intl} & ({r["name"] for r in names} | places)
    assert all(r["note"].startswith("Faker (MIT)") for r in intl)
    states = read("us_states.csv")
    assert len(states) == 51 and len({r["postal_code"] for r in states}) == 51

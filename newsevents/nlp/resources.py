"""The project's own dictionaries and code tables (newsevents/data/*.csv), loaded into lookups.

Loading is the only I/O here; it happens once per process and the result is
passed into the transforms, which stay pure.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from newsevents.core.codes import EXTRA_COUNTRIES, CameoCode, read_cameo_codes

DATA_DIR = Path(__file__).resolve().parents[1] / "data"



@dataclass(frozen=True)
class OrgEntry:
    canonical_name: str
    actor_type: str
    country_code: str | None
    cameo_code: str | None


@dataclass(frozen=True)
class KnownActor:
    name: str
    actor_type: str
    country_code: str | None
    cameo_code: str | None

    @property
    def role_code(self) -> str | None:
        if self.cameo_code and self.country_code and self.cameo_code.startswith(self.country_code):
            return self.cameo_code[len(self.country_code):] or None
        return None


@dataclass(frozen=True)
class EventPattern:
    pos: str
    lemma: str
    prep: str
    object_required: str
    code: str


@dataclass
class Resources:
    """Every lookup the actor, event and statement coders need."""

    countries: dict[str, str] = field(default_factory=dict)        # name/alias -> ISO3
    country_names: dict[str, str] = field(default_factory=dict)    # ISO3 -> display name
    demonyms: dict[str, str] = field(default_factory=dict)         # demonym -> ISO3
    capitals: dict[str, str] = field(default_factory=dict)         # capital -> ISO3
    orgs: dict[str, OrgEntry] = field(default_factory=dict)        # alias -> organisation
    titles: dict[str, str] = field(default_factory=dict)           # lower-case title -> role code
    groups: dict[str, str] = field(default_factory=dict)           # lower-case group noun -> role code
    known_actors: dict[str, KnownActor] = field(default_factory=dict)  # lower-case alias -> actor
    known_actor_names: dict[str, KnownActor] = field(default_factory=dict)  # alias as written -> actor
    cameo: dict[str, CameoCode] = field(default_factory=dict)
    patterns: dict[tuple[str, str], list[EventPattern]] = field(default_factory=dict)
    refinements: dict[tuple[str, str], str] = field(default_factory=dict)  # (trigger lemma, modifier) -> code
    speech_cues: dict[str, str] = field(default_factory=dict)      # lemma -> 'speech' | 'belief'

    def country_name(self, iso3: str | None) -> str | None:
        return self.country_names.get(iso3) if iso3 else None


def _rows(name: str, data_dir: Path) -> list[dict]:
    path = data_dir / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return [
            {k.strip(): (v or "").strip() for k, v in row.items() if k}
            for row in csv.DictReader(line for line in fh if not line.startswith("#"))
        ]


def _short_country_name(country) -> str:
    return getattr(country, "common_name", None) or country.name


def _load_countries(res: Resources, data_dir: Path) -> None:
    for country in pycountry.countries:
        iso3 = country.alpha_3
        res.country_names[iso3] = _short_country_name(country)
        for name in {country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)}:
            if name:
                res.countries.setdefault(name, iso3)
    for iso3, name in EXTRA_COUNTRIES.items():
        res.country_names[iso3] = name
        res.countries.setdefault(name, iso3)
    # Short display names news readers recognise; pycountry's are often formal.
    preferred = {"RUS": "Russia", "USA": "United States", "GBR": "United Kingdom", "SYR": "Syria", "IRN": "Iran",
                 "KOR": "South Korea", "PRK": "North Korea", "VEN": "Venezuela", "BOL": "Bolivia", "TZA": "Tanzania",
                 "VNM": "Vietnam", "LAO": "Laos", "MDA": "Moldova", "PSE": "Palestine", "TWN": "Taiwan",
                 "COD": "DR Congo", "CZE": "Czech Republic", "TUR": "Turkey"}
    res.country_names.update(preferred)
    for row in _rows("country_aliases.csv", data_dir):
        if row.get("alias") and row.get("iso3"):
            res.countries[row["alias"]] = row["iso3"]


def load_resources(data_dir: Path | None = None) -> Resources:
    """Read every data file into a Resources object."""
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    res = Resources()
    _load_countries(res, data_dir)
    for row in _rows("demonyms.csv", data_dir):
        if row.get("demonym") and row.get("iso3"):
            res.demonyms[row["demonym"]] = row["iso3"]
    for row in _rows("capitals.csv", data_dir):
        if row.get("capital") and row.get("iso3"):
            res.capitals[row["capital"]] = row["iso3"]
    for row in _rows("organizations.csv", data_dir):
        if row.get("alias"):
            res.orgs[row["alias"]] = OrgEntry(
                canonical_name=row.get("canonical_name") or row["alias"],
                actor_type=row.get("actor_type") or "ORGANIZATION",
                country_code=row.get("country_code") or None,
                cameo_code=row.get("cameo_code") or None,
            )
    for row in _rows("roles.csv", data_dir):
        term = row.get("term", "").lower()
        if not term or not row.get("role_code"):
            continue
        target = res.groups if row.get("kind") == "group" else res.titles
        target[term] = row["role_code"]
    for row in _rows("known_actors.csv", data_dir):
        if not row.get("name"):
            continue
        actor = KnownActor(
            name=row["name"],
            actor_type=row.get("actor_type") or "PERSON",
            country_code=row.get("country_code") or None,
            cameo_code=row.get("cameo_code") or None,
        )
        for alias in [row["name"], *(a for a in row.get("aliases", "").split("|") if a.strip())]:
            res.known_actors.setdefault(alias.strip().lower(), actor)
            res.known_actor_names.setdefault(alias.strip(), actor)
    res.cameo = read_cameo_codes(data_dir / "cameo_codes.csv")
    for row in _rows("event_patterns.csv", data_dir):
        if not (row.get("lemma") and row.get("code")):
            continue
        pattern = EventPattern(
            pos=(row.get("pos") or "VERB").upper(),
            lemma=row["lemma"].lower(),
            prep=(row.get("prep") or "").lower(),
            object_required=(row.get("object_required") or "no").lower(),
            code=row["code"],
        )
        res.patterns.setdefault((pattern.pos, pattern.lemma), []).append(pattern)
    for row in _rows("event_refinements.csv", data_dir):
        if row.get("lemma") and row.get("modifier") and row.get("code"):
            res.refinements[(row["lemma"].lower(), row["modifier"].lower())] = row["code"]
    for row in _rows("statement_cues.csv", data_dir):
        if row.get("lemma"):
            res.speech_cues[row["lemma"].lower()] = row.get("kind") or "speech"
    return res


@functools.lru_cache(maxsize=2)
def default_resources() -> Resources:
    """Resources from the bundled data directory, cached per process."""
    return load_resources()

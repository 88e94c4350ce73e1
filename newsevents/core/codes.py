"""Code tables every layer reads: CAMEO event codes and ISO 3166-1 alpha-3 country codes.

The CAMEO table is package data (`newsevents/data/cameo_codes.csv`, documented in `data/README.md`), read
once per process; a missing or empty file fails loudly rather than turning a rule family off.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

import pycountry

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
CAMEO_CODES_CSV = DATA_DIR / "cameo_codes.csv"

#: User-assigned ISO codes that news needs and pycountry does not list.
EXTRA_COUNTRIES = {"XKX": "Kosovo"}


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with its root, QuadClass, Goldstein weight and PLOVER category."""

    code: str
    label: str
    root_code: str
    quad_class: int
    goldstein: float
    plover_type: str | None


def read_cameo_codes(path: Path = CAMEO_CODES_CSV) -> dict[str, CameoCode]:
    """Every row of a CAMEO code table, by code; raises ValueError naming the file and line of a bad row."""
    if not Path(path).is_file():
        raise FileNotFoundError(f"CAMEO code table missing: {path}")
    codes: dict[str, CameoCode] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            code = (row.get("code") or "").strip()
            if not code:
                continue
            try:
                codes[code] = CameoCode(
                    code=code,
                    label=(row.get("label") or "").strip(),
                    root_code=(row.get("root_code") or "").strip() or code[:2],
                    quad_class=int((row.get("quad_class") or "").strip() or 0),
                    goldstein=float((row.get("goldstein") or "").strip() or 0.0),
                    plover_type=(row.get("plover_type") or "").strip() or None,
                )
            except ValueError as exc:
                raise ValueError(f"{path}:{line}: malformed CAMEO code row: {exc}") from exc
    if not codes:
        raise ValueError(f"no CAMEO codes in {path}")
    return codes


@functools.cache
def cameo_codes() -> dict[str, CameoCode]:
    """The bundled CAMEO code table, read once per process."""
    return read_cameo_codes()


def cameo_event_codes() -> tuple[str, ...]:
    """Every CAMEO event code of the bundled table, sorted."""
    return tuple(sorted(cameo_codes()))


@functools.cache
def iso3_country_codes() -> tuple[str, ...]:
    """ISO 3166-1 alpha-3 codes (pycountry) plus the user-assigned codes we accept."""
    return tuple(sorted({c.alpha_3 for c in pycountry.countries} | set(EXTRA_COUNTRIES)))


def _read_rows(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of a package code table (CSV with a header), every named column present; fails loudly."""
    path = DATA_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"code table missing: {path}")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for line, row in enumerate(rows, start=2):
        if any(not (row.get(c) or "").strip() for c in columns[:1]) or None in row:
            raise ValueError(f"{path}:{line}: malformed row")
    if not rows:
        raise ValueError(f"no rows in {path}")
    return [{c: (row.get(c) or "").strip() for c in columns} for row in rows]


@functools.cache
def cameo_actor_roles() -> tuple[dict[str, str], ...]:
    """CAMEO actor role codes and international prefixes (`data/cameo_actor_roles.csv`)."""
    return tuple(_read_rows("cameo_actor_roles.csv", ("role_code", "kind", "label", "note")))


@functools.cache
def plover_types() -> tuple[dict[str, str], ...]:
    """The PLOVER event categories (`data/plover_types.csv`)."""
    return tuple(_read_rows("plover_types.csv", ("plover_type", "mode", "label")))

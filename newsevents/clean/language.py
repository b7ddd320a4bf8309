"""Language identification with py3langid (loaded once)."""

from __future__ import annotations

import functools

# Below this probability a language other than English, with English among the next two,
# is taken for English.
UNSURE = 0.9
# Below this probability a language other than English is not named at all.
UNKNOWN = 0.3


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
    """ISO 639-1 code of the text's language, or None when the text is too short or
    no language stands out.

    >>> detect_language("Pyongyang and Tehran have denied the claims made by Washington.")
    'en'
    """
    sample = text[:3000]
    if len(sample.strip()) < 20:
        return None
    ranked = _identifier().rank(sample)
    lang, prob = ranked[0]
    if lang != "en" and prob < UNSURE and "en" in (code for code, _p in ranked[:3]):
        # short English news is often mistaken, with little confidence, for an English-
        # lexified creole or a neighbour ("Gunmen kill 30 people in northeastern Nigeria."
        # reads as Nigerian Pidgin at 0.83): about 1 in 100 Current Events summaries,
        # most of them about Nigeria, would go uncoded
        return "en"
    if lang != "en" and prob < UNKNOWN:
        # no language stands out (a line of names: "Latvian Prime Minister Aigars Kalvītis
        # resigns." is Latgalian at 0.25): unknown, which the coder reads as it reads English
        return None
    return lang

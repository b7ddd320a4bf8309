"""events stage (see docs/architecture.md): parsed article → PLOVER events.

    from newsevents.events import extract_events
    events = extract_events(doc, article, mentions, times, places, speech, settings)
"""

from .extract import extract_events
from .lexicon import load_lexicon

__all__ = ["extract_events", "load_lexicon"]

"""places stage (see docs/architecture.md): place mentions -> gazetteer entries with coordinates.

Public entry points: :func:`resolve_places` and :func:`event_location`;
:func:`load_gazetteer` for direct look-ups.
"""

from .gazetteer import load_gazetteer
from .location import event_location
from .resolve import resolve_places

__all__ = ["resolve_places", "event_location", "load_gazetteer"]

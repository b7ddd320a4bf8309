"""One small exception hierarchy. Every message says what, why, and the fix."""


class NewsEventsError(Exception):
    """Base class: the CLI prints ``Error: <message>`` and exits 1."""


class InputError(NewsEventsError):
    """A file, URL or value given by the user cannot be used."""


class ConfigError(NewsEventsError):
    """A setting, config file or data file is invalid."""


class ModelError(NewsEventsError):
    """The spaCy model cannot be loaded."""


class StoreError(NewsEventsError):
    """The DuckDB store cannot be opened, migrated or written."""


class DataFileError(ConfigError):
    """A lexicon, actor list or gazetteer file is malformed."""

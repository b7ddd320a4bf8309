"""ingest stage (see docs/architecture.md)."""

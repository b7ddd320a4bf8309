"""places stage (see docs/architecture.md)."""

"""quotes stage (see docs/architecture.md)."""

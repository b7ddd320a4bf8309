"""events stage (see docs/architecture.md)."""

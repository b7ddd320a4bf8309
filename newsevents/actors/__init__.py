"""actors stage (see docs/architecture.md)."""

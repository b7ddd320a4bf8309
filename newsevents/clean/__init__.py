"""clean stage (see docs/architecture.md)."""

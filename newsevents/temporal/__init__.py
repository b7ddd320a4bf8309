"""temporal stage (see docs/architecture.md)."""

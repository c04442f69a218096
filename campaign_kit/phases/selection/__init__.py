"""Phase 2, candidate selection."""

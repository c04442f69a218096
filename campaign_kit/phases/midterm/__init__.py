"""Phase 4, mid-term check."""

"""Phase 1, goals and KPI cascade."""

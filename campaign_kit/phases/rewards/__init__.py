"""Phase 3, reward budgeting."""

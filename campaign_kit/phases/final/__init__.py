"""Phase 5, final evaluation with testimonials."""

"""Shared by every phase: the campaign model, its validation, errors, paths, safe writes, the phases list
and the translation catalogues with locale-aware formatting."""

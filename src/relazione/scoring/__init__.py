"""Scoring: indicator, objective and area scores and verdicts, computed from records by a named method."""

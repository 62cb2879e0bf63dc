"""Extraction: a document's blocks -> records.

Detection picks a profile; the generic engine reads any layout, a family module the few that need code."""

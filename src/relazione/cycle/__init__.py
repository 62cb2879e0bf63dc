"""The year's cycle: the data-collection workbook (raccolta), its import, and next year's plan (nuovo-anno)."""

"""Family modules: the few layouts a profile cannot describe, each behind the same extract(doc, profile) interface."""

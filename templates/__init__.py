"""Word templates (docxtpl) shipped as relazione.templates; built by scripts/make_templates.py."""

"""Consistency checks (``relazione check``): within one draft, between two drafts, plan against report.

Every check returns :class:`~relazione.check.findings.Finding` objects; :mod:`.output` prints them
(terminal, JSON, an Italian "Verifica di coerenza" DOCX). Inputs are records JSON or documents
(:mod:`.inputs`).
"""

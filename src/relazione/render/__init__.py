"""Rendering: records -> the standard Word documents (Relazione, monitoraggio) with their charts."""

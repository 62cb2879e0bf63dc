"""relazione: ingest, generate and check the performance reports of Italian Chambers of Commerce."""

__version__ = "0.1.0"
